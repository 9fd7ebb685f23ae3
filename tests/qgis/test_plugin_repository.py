"""``make repository``'s plugins.xml, read by QGIS's own Plugin Manager code, from a file share or a web server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsNetworkAccessManager, QgsSettings
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from tests.built import make
from tests.conftest import REPO
from tests.qgis.room_phones_gui_helpers import wait_until

PLUGIN = "bassee_atelier_plugin"
REPOSITORY = "Atelier des Territoires (DDT)"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The ZIP and plugins.xml, told to be read from a folder named by a placeholder address."""
    return make("repository", tmp_path_factory.mktemp("repository"), "REPOSITORY_URL=http://placeholder.invalid")


@pytest.fixture
def installer_data():
    """QGIS's Plugin Manager module, as QGIS imports it from its own Python folder."""
    sys.path.insert(0, os.path.join(QgsApplication.pkgDataPath(), "python"))
    try:
        from pyplugin_installer import installer_data
    finally:
        sys.path.pop(0)
    yield installer_data
    QgsSettings().remove(f"{installer_data.reposGroup}/{REPOSITORY}")
    installer_data.plugins.clearRepoCache()


def _served_from(dist: Path, url: str, folder: Path) -> Path:
    """The repository's folder copied where ``url`` reads it, as an IT department would (its address set for it)."""
    shutil.copytree(dist / "repository", folder)
    xml = (folder / "plugins.xml").read_text(encoding="utf-8").replace("http://placeholder.invalid", url)
    (folder / "plugins.xml").write_text(xml, encoding="utf-8")
    (zip_path,) = folder.glob("*.zip")
    assert zip_path.read_bytes() == next(dist.glob(f"{PLUGIN}-*.zip")).read_bytes()
    return zip_path


@pytest.fixture
def web_server(tmp_path):
    """A web server on this machine's loopback, serving ``tmp_path/www``."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "www"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/qgis-plugins"
    server.shutdown()
    server.server_close()


def _fetch(installer_data, repository_url: str) -> None:
    """The repository added in QGIS's settings, then fetched as the Plugin Manager fetches it."""
    QgsSettings().setValue(f"{installer_data.reposGroup}/{REPOSITORY}/url", repository_url)
    repositories = installer_data.repositories
    repositories.load()
    repositories.requestFetching(REPOSITORY)
    wait_until(lambda: repositories.all()[REPOSITORY]["state"] != repositories.STATE_LOADING, seconds=30)


def _fetched(installer_data, repository_url: str) -> dict:
    """The plugin as the Plugin Manager lists it."""
    _fetch(installer_data, repository_url)
    repositories = installer_data.repositories
    assert repositories.all()[REPOSITORY]["error"] == ""
    assert repositories.all()[REPOSITORY]["state"] == repositories.STATE_LOADED
    (plugin,) = installer_data.plugins.repoCache[REPOSITORY]
    return plugin


def _metadata_version() -> str:
    return next(
        line.split("=", 1)[1].strip()
        for line in (REPO / "metadata.txt").read_text(encoding="utf-8").splitlines()
        if line.startswith("version=")
    )


def _downloaded(url: str) -> bytes:
    reply = QgsNetworkAccessManager.instance().blockingGet(QNetworkRequest(QUrl(url)))
    assert reply.error() == 0, reply.errorString()
    return bytes(reply.content())


def _assert_listed_as_the_zip(plugin: dict, zip_path: Path) -> None:
    with zipfile.ZipFile(zip_path) as package:
        assert {name.split("/")[0] for name in package.namelist()} == {plugin["id"]}
    assert plugin["id"] == PLUGIN  # the folder the Plugin Manager unzips and looks for
    assert plugin["name"] == "Atelier des Territoires"
    assert plugin["version_available"] == _metadata_version()
    assert plugin["experimental"] is True
    assert plugin["version_available_experimental"] == _metadata_version()
    assert plugin["download_url"].endswith(f"/{PLUGIN}.{_metadata_version()}.zip")
    assert zip_path.name == f"{PLUGIN}.{_metadata_version()}.zip"
    assert _downloaded(plugin["download_url"]) == zip_path.read_bytes()


def test_from_a_file_share(dist, installer_data, tmp_path):
    share = tmp_path / "Partage SIG" / "plugins QGIS"  # spaces, as shares have
    zip_path = _served_from(dist, share.as_uri(), share)
    plugin = _fetched(installer_data, (share / "plugins.xml").as_uri())
    _assert_listed_as_the_zip(plugin, zip_path)


def test_from_a_web_server(dist, installer_data, tmp_path, web_server):
    zip_path = _served_from(dist, web_server, tmp_path / "www" / "qgis-plugins")
    plugin = _fetched(installer_data, f"{web_server}/plugins.xml")
    _assert_listed_as_the_zip(plugin, zip_path)
    assert plugin["icon"] == f"{web_server}/atelier.svg"


def test_the_minimum_qgis_version_is_the_metadata_one(dist, installer_data, tmp_path):
    """QGIS keeps from a repository only the plugins its version may run: the repository says 3.22 to 4.99."""
    text = (dist / "repository" / "plugins.xml").read_text(encoding="utf-8")
    assert "<qgis_minimum_version>3.22</qgis_minimum_version>" in text
    assert "<qgis_maximum_version>4.99</qgis_maximum_version>" in text
    share = tmp_path / "share"
    _served_from(dist, share.as_uri(), share)
    future = text.replace("<qgis_minimum_version>3.22<", "<qgis_minimum_version>9.0<")
    (share / "plugins.xml").write_text(future, encoding="utf-8")
    _fetch(installer_data, (share / "plugins.xml").as_uri())
    assert installer_data.repositories.all()[REPOSITORY]["state"] == installer_data.repositories.STATE_LOADED
    assert REPOSITORY not in installer_data.plugins.repoCache  # read, and refused as too new for this QGIS
