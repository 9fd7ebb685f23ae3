"""The QGIS Deployment Toolbelt profile (deployment/qdt) holds what QDT's schemas ask and points at ``make repository``.

QDT's JSON schemas are not in its PyPI package: their rules are checked here one by one (scenario:
metadata, settings, steps and their options; profile: required keys, versions, plugins), then what
QDT and QGIS make of the files: the plugin's download address, and QGIS's settings as QSettings reads them.
"""

from __future__ import annotations

import configparser
import json
import re

import pytest
import yaml
from qgis.PyQt.QtCore import QSettings

from tests.built import make
from tests.conftest import REPO

QDT = REPO / "deployment" / "qdt"
PROFILES = QDT / "profiles"
PROFILE = PROFILES / "atelier_des_territoires"
PLUGIN = "bassee_atelier_plugin"
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
# QDT's jobs and the values their options take (QDT 0.48's job modules and schemas)
JOB_OPTIONS = {
    "qgis-installation-finder": {"if_not_found": {"warning", "error"}, "version_priority": None},
    "qprofiles-downloader": {"source": None, "protocol": {"git_local", "git_remote", "http"}, "branch": None},
    "qprofiles-synchronizer": {
        "sync_mode": {"only_missing", "only_different_version", "only_new_version", "overwrite"}
    },
    "qplugins-downloader": {"force": {True, False}, "threads": {1, 2, 3, 4, 5}},
    "qplugins-synchronizer": {
        "action": {"create", "create_or_restore", "remove"},
        "profile_ref": {"downloaded", "installed"},
    },
    "shortcuts-manager": {"action": {"create", "create_or_restore", "remove"}, "include": None},
}
SCENARIO_SETTINGS = {"DEBUG", "LOCAL_WORK_DIR", "OSGEO4W_INSTALL_DIR", "PAC_FILE", "PROXY_HTTP", "QGIS_EXE_PATH"} | {
    "RULES_ONLY_PREFIXED_VARIABLES",
    "RULES_VARIABLES_PREFIX",
    "SCENARIO_VALIDATION",
    "SSL_USE_SYSTEM_STORES",
    "SSL_VERIFY",
    "STREAMED_DOWNLOADS",
}
PLUGIN_KEYS = {"folder_name", "location", "name", "official_repository", "plugin_id", "qgisMaximumVersion"} | {
    "qgisMinimumVersion",
    "repository_url_xml",
    "upgrade_mode",
    "url",
    "version",
}


@pytest.fixture(scope="module")
def scenario() -> dict:
    return yaml.safe_load((QDT / "scenario.qdt.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def profile() -> dict:
    return json.loads((PROFILE / "profile.json").read_text(encoding="utf-8"))


def _plugin_version() -> str:
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(REPO / "metadata.txt", encoding="utf-8")
    return metadata["general"]["version"]


def test_the_scenario_has_qdts_metadata_settings_and_steps(scenario):
    assert set(scenario) == {"metadata", "settings", "steps"}
    metadata = scenario["metadata"]
    assert set(metadata) <= {"title", "id", "description", "qdt_min_version"}
    assert metadata["title"].strip() and re.fullmatch(r"[_a-zA-Z][a-zA-Z0-9_-]*", metadata["id"])
    assert SEMVER.fullmatch(metadata["qdt_min_version"])
    assert set(scenario["settings"]) <= SCENARIO_SETTINGS


def test_each_step_is_a_qdt_job_with_its_own_options(scenario):
    for step in scenario["steps"]:
        assert step["name"].strip()
        options = JOB_OPTIONS[step["uses"]]
        for option, value in step.get("with", {}).items():
            assert option in options, (step["uses"], option)
            assert options[option] is None or value in options[option], (step["uses"], option, value)
    jobs = [step["uses"] for step in scenario["steps"]]
    # the profile is there before its plugins are downloaded and put in it
    assert jobs.index("qprofiles-downloader") < jobs.index("qprofiles-synchronizer") < jobs.index("qplugins-downloader")
    assert jobs.index("qplugins-downloader") < jobs.index("qplugins-synchronizer")


def test_the_profiles_come_from_an_address_qdt_reads(scenario):
    (downloader,) = [step["with"] for step in scenario["steps"] if step["uses"] == "qprofiles-downloader"]
    assert downloader["source"].startswith(("https://", "http://", "file://")) and downloader["source"].endswith("/")
    if downloader["protocol"] == "http":  # QDT reads the list of files to download from qdt-files.json
        listed = _files_in_tree(json.loads((PROFILES / "qdt-files.json").read_text(encoding="utf-8")))
        present = {str(path.relative_to(PROFILES)) for path in PROFILE.rglob("*") if path.is_file()}
        assert listed == present


def _files_in_tree(tree: list, folder: str = "") -> set[str]:
    """The files of a ``tree -J`` listing, as QDT walks it."""
    files = set()
    for item in tree:
        path = f"{folder}/{item.get('name')}".lstrip("/") if item.get("name") != "." else ""
        if item.get("type") == "file":
            files.add(path)
        files |= _files_in_tree(item.get("contents", []), path)
    return files


def test_the_profile_has_what_qdt_requires(profile):
    assert all(str(profile.get(key, "")).strip() for key in ("author", "email", "name", "version"))
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", profile["email"]) and 6 <= len(profile["email"]) <= 127
    for key in ("version", "qgisMinimumVersion", "qgisMaximumVersion"):
        assert SEMVER.fullmatch(profile[key]), key
    assert profile["folder_name"] == PROFILE.name


def test_the_profile_installs_this_version_of_the_plugin_from_the_repository(profile, tmp_path):
    (plugin,) = profile["plugins"]
    assert set(plugin) <= PLUGIN_KEYS
    assert plugin["location"] == "remote" and plugin["upgrade_mode"] in ("delete", "keep")
    assert plugin["folder_name"] == PLUGIN
    assert plugin["version"] == _plugin_version()  # a release updates the profile too
    # QDT downloads FOLDER.VERSION.zip from beside plugins.xml: the name make repository gives the ZIP
    assert plugin["repository_url_xml"].endswith("/plugins.xml")
    repository = make("repository", tmp_path) / "repository"
    assert (repository / f"{plugin['folder_name']}.{plugin['version']}.zip").is_file()


def test_qgis_reads_the_repository_the_experimental_plugins_and_the_plugin_enabled(profile):
    settings = QSettings(str(PROFILE / "QGIS" / "QGIS3.ini"), QSettings.Format.IniFormat)
    assert settings.status() == QSettings.Status.NoError
    settings.beginGroup("app/plugin_repositories")
    (repository,) = settings.childGroups()
    assert settings.value(f"{repository}/url") == profile["plugins"][0]["repository_url_xml"]
    assert settings.value(f"{repository}/enabled") == "true"
    settings.endGroup()
    # the plugin is experimental: without this, the Plugin Manager hides it and its updates
    assert settings.value("app/plugin_installer/allowExperimental") == "true"
    assert settings.value(f"PythonPlugins/{PLUGIN}") == "true"
