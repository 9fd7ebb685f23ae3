"""``make package``: a zip that QGIS's "Install from ZIP" takes, with nothing of the developer's in it."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
import textwrap
import zipfile

import pytest

from tests.built import make
from tests.conftest import REPO

PLUGIN = "bassee_atelier_plugin"
REQUIRED_METADATA = (
    "name",
    "qgisMinimumVersion",
    "qgisMaximumVersion",
    "description",
    "about",
    "version",
    "author",
    "email",
    "tracker",
    "repository",
    "tags",
    "category",
    "icon",
    "experimental",
    "hasProcessingProvider",
    "changelog",
)


def _metadata(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # QGIS's keys are camelCase
    parser.read_string(text)
    return parser["general"]


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> zipfile.ZipFile:
    """The zip built by ``make package``, into a temporary folder rather than the developer's dist/."""
    dist = make("package", tmp_path_factory.mktemp("package"))
    version = _metadata((REPO / "metadata.txt").read_text(encoding="utf-8"))["version"]
    with zipfile.ZipFile(dist / f"{PLUGIN}-{version}.zip") as archive:
        yield archive


def test_everything_is_in_one_plugin_folder(package):
    assert {name.split("/")[0] for name in package.namelist()} == {PLUGIN}


def test_the_plugin_folder_has_its_entry_point_metadata_icon_and_licence(package):
    names = set(package.namelist())
    for expected in (
        "__init__.py",
        "metadata.txt",
        "LICENSE",
        "resources/icons/atelier.svg",
        "core/atelier/atelier.py",
    ):
        assert f"{PLUGIN}/{expected}" in names
    assert "def classFactory(iface)" in package.read(f"{PLUGIN}/__init__.py").decode()


def test_metadata_is_the_repository_one_with_its_addresses_and_changelog_added(package):
    shipped = package.read(f"{PLUGIN}/metadata.txt").decode("utf-8")
    assert shipped.startswith((REPO / "metadata.txt").read_text(encoding="utf-8"))


def test_compiled_translations_are_shipped_and_their_sources_are_not(package):
    names = package.namelist()
    assert not [name for name in names if name.endswith(".ts")]
    sources = sorted((REPO / "resources" / "i18n").glob("*.ts"))
    for source in sources:
        assert f"{PLUGIN}/resources/i18n/{source.stem}.qm" in names


def test_no_tests_caches_or_developer_files(package):
    for name in package.namelist():
        parts = name.split("/")
        assert "tests" not in parts
        assert "__pycache__" not in parts
        assert not name.endswith((".pyc", ".pyo"))
        # .git, .pytest_cache, .ruff_cache...; only bandit's settings, which plugins.qgis.org's scan reads
        assert not any(part.startswith(".") for part in parts) or name == f"{PLUGIN}/.bandit"
        assert parts[1] not in ("Makefile", "pyproject.toml", "requirements-dev.txt", "sample_data", "scripts")


def test_metadata_has_every_key_the_plugin_repository_wants(package):
    metadata = _metadata(package.read(f"{PLUGIN}/metadata.txt").decode("utf-8"))
    missing = [key for key in REQUIRED_METADATA if not metadata.get(key, "").strip()]
    assert not missing
    assert metadata["qgisMinimumVersion"] == "3.22"
    assert metadata["category"] == "Vector"
    assert f"{PLUGIN}/{metadata['icon']}" in package.namelist()


def test_the_zip_installs_and_starts_in_a_real_qgis(package, tmp_path):
    """What "Install from ZIP" does, the zip unpacked in a profile, then the real QGIS binary started on it."""
    profile = tmp_path / "profiles" / "profiles" / "check"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    package.extractall(plugins)
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "prepare_qgis_profile.py"), str(profile / "QGIS" / "QGIS3.ini")],
        check=True,
    )
    report = tmp_path / "report.json"
    probe = tmp_path / "probe.py"
    probe.write_text(
        textwrap.dedent(
            f"""
            import json, os, sys
            import qgis.utils
            plugin = qgis.utils.plugins["{PLUGIN}"]
            menus = [action.text() for action in qgis.utils.iface.mainWindow().menuBar().actions()]
            loaded_from = sys.modules[type(plugin).__module__].__file__
            with open({str(report)!r}, "w") as out:
                json.dump({{"active": qgis.utils.active_plugins, "menus": menus, "file": loaded_from}}, out)
            os._exit(0)
            """
        ),
        encoding="utf-8",
    )
    subprocess.run(
        [
            "xvfb-run",
            "-a",
            "qgis",
            "--nologo",
            "--noversioncheck",
            "--profiles-path",
            str(tmp_path / "profiles"),
            "--profile",
            "check",
            "--lang",
            "en",
            "--code",
            str(probe),
        ],
        capture_output=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    assert PLUGIN in result["active"]
    assert "Atelier des Territoires" in result["menus"]
    assert result["file"].startswith(str(plugins))  # the zip's code, not the repository's


@pytest.mark.parametrize(
    ("qgis_version", "offered"),
    [
        ("3.16.16", False),
        ("3.20.3", False),  # older than the oldest QGIS tested: the Plugin Manager refuses it
        ("3.22.16", True),
        ("3.40.6", True),
        ("3.44.16", True),
        ("4.0.0", True),  # the Qt6 QGIS
        ("4.2.1", True),
        ("5.0.0", False),
    ],
)
def test_the_plugin_manager_offers_the_plugin_to_the_supported_qgis_only(package, qgis_version, offered):
    """Judged by QGIS's own Plugin Manager code, from the zip's metadata."""
    from qgis.core import QgsApplication

    sys.path.insert(0, os.path.join(QgsApplication.pkgDataPath(), "python"))
    try:
        from pyplugin_installer.version_compare import isCompatible
    finally:
        sys.path.pop(0)
    metadata = _metadata(package.read(f"{PLUGIN}/metadata.txt").decode("utf-8"))
    assert isCompatible(qgis_version, metadata["qgisMinimumVersion"], metadata["qgisMaximumVersion"]) is offered
