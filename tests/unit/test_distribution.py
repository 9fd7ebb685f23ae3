"""The ZIP passes what plugins.qgis.org checks at upload, and carries segno, its addresses and its changelog.

The site's checks (its plugin validator and security scan), written again here: the package's
layout and names, metadata.txt as the site parses it, the licence, the size, the files it flags,
then bandit with the site's rules and detect-secrets on the unpacked ZIP. Only the addresses'
reachability is left to the publisher (publishing.cfg).
"""

from __future__ import annotations

import configparser
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bassee_atelier_plugin.core.errors import OPTIONAL_LIBRARIES
from tests.built import make
from tests.conftest import REPO

PLUGIN = "bassee_atelier_plugin"
SITE_MAX_SIZE = 25_000_000  # bytes, the site's PLUGIN_MAX_UPLOAD_SIZE
REQUIRED = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about", "tracker", "repository")
# the site refuses these as they are, and any address without a scheme and a host
FORBIDDEN_URLS = {"tracker": "http://bugs", "repository": "http://repo", "homepage": "http://homepage"}
SUSPICIOUS_EXTENSIONS = (".exe", ".dll", ".so", ".dylib", ".bat", ".sh", ".ps1", ".cmd")
TOOLS_SETTINGS = {".bandit", ".secrets.baseline", ".flake8"}  # the hidden files the site's scan reads
BINARIES = Path(sys.executable).parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    return make("package", tmp_path_factory.mktemp("distribution"))


@pytest.fixture(scope="module")
def package(dist) -> zipfile.ZipFile:
    (zip_path,) = dist.glob(f"{PLUGIN}-*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        yield archive


@pytest.fixture(scope="module")
def unpacked(package, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    package.extractall(folder)
    return folder


def _site_metadata(package: zipfile.ZipFile) -> dict[str, str]:
    """metadata.txt read as the site reads it: configparser with its interpolation, every item."""
    parser = configparser.ConfigParser()
    parser.optionxform = str
    parser.read_string(package.read(f"{PLUGIN}/metadata.txt").decode("utf-8"))
    return dict(parser.items("general"))


def test_the_zip_is_small_whole_and_in_one_well_named_folder(dist, package):
    (zip_path,) = dist.glob(f"{PLUGIN}-*.zip")
    assert zip_path.stat().st_size < SITE_MAX_SIZE / 10  # well within, with room for the offline help
    assert package.testzip() is None
    names = package.namelist()
    assert {name.split("/")[0] for name in names} == {PLUGIN}
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9-_]+", PLUGIN) and PLUGIN.isidentifier()
    assert {f"{PLUGIN}/__init__.py", f"{PLUGIN}/metadata.txt", f"{PLUGIN}/LICENSE"} <= set(names)


def test_no_path_tricks_compiled_code_or_forbidden_folders(package):
    for name in package.namelist():
        assert ".." not in name and not name.startswith("/") and "\\" not in name
        assert not re.match(r"^[A-Za-z]:", name)
        assert ".pyc" not in name
        assert not {"__MACOSX", ".git", "__pycache__"} & set(name.split("/"))


def test_no_file_the_security_scan_flags(package):
    for entry in package.infolist():
        base = entry.filename.rstrip("/").split("/")[-1]
        assert not entry.filename.lower().endswith(SUSPICIOUS_EXTENSIONS)
        assert not base.startswith(".") or base in TOOLS_SETTINGS, entry.filename
        if entry.filename.endswith(".py"):
            assert not (entry.external_attr >> 16) & 0o111, f"{entry.filename} is executable"


def test_metadata_has_what_the_site_requires(package):
    metadata = _site_metadata(package)  # fails as the site would on a stray % or a missing [general]
    assert [key for key in REQUIRED if not metadata.get(key, "").strip()] == []
    assert re.fullmatch(r"\d+\.\d+\.\d+", metadata["version"])
    assert "/" not in metadata["author"]
    assert f"{PLUGIN}/{metadata['icon']}" in package.namelist()
    for flag in ("experimental", "deprecated"):
        assert metadata[flag].lower() in ("true", "false")
    for key, forbidden in FORBIDDEN_URLS.items():
        address = urlparse(metadata[key])
        assert metadata[key] != forbidden and address.scheme in ("http", "https") and address.netloc, key


def test_the_addresses_come_from_publishing_cfg_only(package):
    publishing = configparser.ConfigParser(interpolation=None)
    publishing.read(REPO / "publishing.cfg", encoding="utf-8")
    metadata = _site_metadata(package)
    for key in FORBIDDEN_URLS:
        assert metadata[key] == publishing["urls"][key]
        assert not re.search(rf"^{key}\s*=", (REPO / "metadata.txt").read_text(encoding="utf-8"), re.MULTILINE)


def test_the_changelog_is_changelog_md(package):
    changelog = _site_metadata(package)["changelog"]
    markdown = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    changes = re.findall(r"^- (.+)$", markdown, re.MULTILINE)
    assert changes
    for first_line in changes:
        assert f"- {first_line.strip()}" in changelog
    for section in re.findall(r"^### (.+)$", markdown, re.MULTILINE):
        assert f"\n{section}:\n" in changelog


def _required_libraries() -> set[str]:
    """The libraries the plugin's code asks ``require`` for, by the names users know."""
    modules = set()
    for source in (REPO / PLUGIN).rglob("*.py"):
        modules |= set(re.findall(r"\brequire\(\s*[\"']([\w.]+)", source.read_text(encoding="utf-8")))
    return {OPTIONAL_LIBRARIES[module.split(".")[0]][0] for module in modules}


def test_about_names_the_optional_libraries_in_use_and_the_shipped_one(package):
    about = _site_metadata(package)["about"]
    required = _required_libraries()
    assert "Pillow" in required  # the code is read: the replay's GIF asks for it
    for library, _pip, _debian in OPTIONAL_LIBRARIES.values():
        named = re.search(rf"\b{library}\b", about) is not None
        assert named == (library in required), library
    assert "segno, which ships inside the plugin" in about


def test_bandit_with_the_sites_rules_finds_nothing(unpacked):
    """As the site runs it: on the unpacked ZIP, which holds the rules' settings (.bandit) bandit reads."""
    settings = configparser.ConfigParser()
    settings.read(unpacked / PLUGIN / ".bandit")
    report = subprocess.run(
        [BINARIES / "bandit", "-r", unpacked, "-f", "json", "--quiet", "-t", settings["bandit"]["tests"]],
        capture_output=True,
        text=True,
    )
    found = json.loads(report.stdout)
    assert found["errors"] == []
    assert [f"{issue['filename']}:{issue['line_number']} {issue['test_id']}" for issue in found["results"]] == []
    assert found["metrics"]["_totals"]["loc"] > 10_000  # the plugin's code was read, not skipped


def test_the_shipped_segno_has_no_finding_above_low(unpacked):
    """Left out of the site's scan by .bandit: an upgrade of segno that brings more than asserts is seen here."""
    vendor = unpacked / PLUGIN / "vendor"
    report = subprocess.run([BINARIES / "bandit", "-r", vendor, "-f", "json", "-q"], capture_output=True, text=True)
    found = json.loads(report.stdout)
    assert found["metrics"]["_totals"]["loc"] > 1_000
    assert {issue["issue_severity"] for issue in found["results"]} <= {"LOW"}


def test_no_secret_found(unpacked):
    report = subprocess.run(
        [BINARIES / "detect-secrets", "scan", "--all-files", "--exclude-files", r"metadata\.txt", "."],
        cwd=unpacked,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(report.stdout)["results"] == {}


def test_segno_ships_with_its_licence_and_imports_from_the_plugin_alone(unpacked):
    """No other segno reachable: the shipped one makes a QR code, and no top-level segno is ever imported."""
    licence = (unpacked / PLUGIN / "vendor" / "segno" / "LICENSE").read_text(encoding="utf-8")
    assert "Redistribution and use in source and binary forms" in licence
    probe = f"""
import importlib.abc, sys
class NoTopLevelSegno(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "segno" or name.startswith("segno."):
            raise ImportError("a top-level segno was asked for")
sys.meta_path.insert(0, NoTopLevelSegno())
sys.path.insert(0, {str(unpacked)!r})
from {PLUGIN}.vendor import segno
code = segno.make("http://192.0.2.1:8765/t/token/", error="m", boost_error=False)
print(segno.__file__, code.version, code.error)
"""
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert shown[0].startswith(str(unpacked / PLUGIN / "vendor" / "segno"))
    assert shown[2] == "M"


def _stage_metadata(metadata: Path, publishing: Path, output: Path) -> subprocess.CompletedProcess:
    script = REPO / "scripts" / "stage_metadata.py"
    command = [sys.executable, script, metadata, publishing, REPO / "CHANGELOG.md", "-o", output]
    return subprocess.run(command, capture_output=True, text=True)


@pytest.mark.parametrize("key", ["homepage", "changelog"])
def test_metadata_that_sets_what_comes_from_elsewhere_is_refused(tmp_path, key):
    metadata = tmp_path / "metadata.txt"
    metadata.write_text((REPO / "metadata.txt").read_text(encoding="utf-8") + f"{key}=something\n", encoding="utf-8")
    refused = _stage_metadata(metadata, REPO / "publishing.cfg", tmp_path / "out.txt")
    assert refused.returncode != 0
    assert f"metadata.txt sets {key}: they come from publishing.cfg and CHANGELOG.md only" in refused.stderr
    assert not (tmp_path / "out.txt").exists()


def test_a_publishing_cfg_without_an_address_is_refused(tmp_path):
    publishing = tmp_path / "publishing.cfg"
    publishing.write_text("[urls]\nhomepage = https://example.org\ntracker =\n", encoding="utf-8")
    refused = _stage_metadata(REPO / "metadata.txt", publishing, tmp_path / "out.txt")
    assert refused.returncode != 0
    assert "[urls] needs tracker, repository" in refused.stderr
