"""The plugin as a planner installs it: the ZIP in a fresh profile of QGIS 3.44, with only what QGIS brings.

Each test runs twice: on a minimal OSGeo4W QGIS (no Pillow, pandas, geopandas, shapely, pyogrio; and
no segno or odfpy, which no QGIS ships), then with the standalone installer's libraries added. A
real QGIS starts the plugin from the profile; every command of the command line and every
deliverable then works, or, only where the first pass lacks a library, says so in one line.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import COMMUNES, GPX_FILES
from tests.photos import geotagged_jpeg
from tests.planner.planner_qgis import LACKING, MINIMAL, OUTCOMES, PLUGIN, Finished

SIGNATURES = {".pdf": b"%PDF-", ".png": b"\x89PNG\r\n", ".gif": b"GIF8", ".gpkg": b"SQLite format 3\x00"}
ODS_MIME_TYPE = b"application/vnd.oasis.opendocument.spreadsheet"
QR_CODE_CHARACTERS = set(" █▀▄")  # segno's compact terminal output
PYTHON_ERROR = re.compile("python error|traceback|exception", re.I)  # how QGIS's message bar shows one
# What a feature may say it needs on a minimal OSGeo4W QGIS: Qt writes no GIF, Pillow does.
MAY_NEED_ON_MINIMAL = {"export replay .gif": "Pillow"}
GPX = GPX_FILES / "track_segments_1_0.gpx"  # a track in two segments and two waypoints, in the territory


@dataclass
class Context:
    """What the commands of one test are given: the atelier, a folder for their outputs, the sessions."""

    atelier: Path
    folder: Path
    sessions: dict[str, str]

    def output(self, suffix: str) -> Path:
        return self.folder / f"livrable de l'atelier{suffix}"


@dataclass
class Case:
    name: str
    arguments: Callable[[Context], list[str]]
    output_suffix: str | None = None  # the file the command writes, checked when it says it worked


def export(kind: str, suffix: str, *extra: str, session: str | None = None) -> Case:
    def arguments(context: Context) -> list[str]:
        chosen = ["--session", context.sessions[session]] if session else []
        return ["export", kind, str(context.atelier), "-o", str(context.output(suffix)), *extra, *chosen]

    return Case(f"export {kind} {suffix}", arguments, suffix)


def photos(context: Context) -> list[str]:
    folder = context.folder / "photos de l'arpentage"
    folder.mkdir()
    geotagged_jpeg(folder / "gravière.jpg", 48.3985, 3.1475, camera_time="2017:01:26 10:05:00")
    geotagged_jpeg(folder / "écluse de Jaulnes.jpg", 48.4148, 3.2378, camera_time="2017:01:26 11:40:00", seed=1)
    return ["import-photos", str(context.atelier), str(folder), "--session", context.sessions["visite"]]


def new_atelier(context: Context) -> list[str]:
    path = context.output(".gpkg")
    return ["init", str(path), "--territory", "CC Bassée-Montois", "--communes", str(COMMUNES)]


def merged(context: Context) -> list[str]:
    other = context.folder / "Atelier Bassée - portable d'Hélène.gpkg"
    shutil.copyfile(context.atelier, other)
    return ["merge", str(context.atelier), str(other), "-o", str(context.output(".gpkg"))]


CASES = [
    Case("init", new_atelier, ".gpkg"),
    Case("info", lambda context: ["info", str(context.atelier)]),
    Case("validate", lambda context: ["validate", str(context.atelier)]),
    Case("snapshot", lambda c: ["snapshot", str(c.atelier), "-o", str(c.output(".png")), "--width", "800"], ".png"),
    Case("import-photos", photos),
    Case("import-gpx", lambda c: ["import-gpx", str(c.atelier), str(GPX), "--session", c.sessions["visite"]]),
    export("synthese", ".pdf"),
    export("feuille-de-route", ".pdf"),
    export("feuille-de-route", ".csv"),
    export("feuille-de-route", ".ods"),
    export("fiches", ".pdf"),
    export("fiches-communes", ".pdf", "--concerned"),
    export("evolution", ".pdf"),
    export("evolution", ".csv"),
    export("replay", ".gif", session="atelier"),
    Case("package", lambda c: ["package", str(c.atelier), "-o", str(c.output(".gpkg"))], ".gpkg"),
    Case("merge", merged, ".gpkg"),
]
# Tried by tests of their own below: a shared atelier needs PostgreSQL, serve runs until stopped.
COMMANDS_TRIED = {case.name.split()[0] for case in CASES} | {"push", "pull", "serve"}
KINDS_TRIED = {case.name.split()[1] for case in CASES if case.name.startswith("export ")}


def assert_sound(path: Path) -> None:
    """A deliverable that opens: the signature of its format, or the lines of a CSV, or an ODS's type."""
    assert path.is_file() and path.stat().st_size > 0, f"{path.name} was not written"
    content = path.read_bytes()
    if path.suffix == ".ods":
        with zipfile.ZipFile(path) as spreadsheet:
            assert spreadsheet.read("mimetype") == ODS_MIME_TYPE
    elif path.suffix == ".csv":
        assert len(content.decode("utf-8-sig").splitlines()) >= 2, content[:500]
    else:
        assert content.startswith(SIGNATURES[path.suffix]), f"{path.name} starts with {content[:16]!r}"


def works_or_says_what_is_missing(planner_pass: str, command: str, finished: Finished) -> str:
    """Exit 0, or, only for a library this pass lacks and this command may need, one line naming it."""
    everything = finished.stdout + finished.stderr
    assert "Traceback" not in everything, everything[-4000:]
    if finished.returncode == 0:
        OUTCOMES.append((planner_pass, command, "works"))
        return "works"
    may_need = MAY_NEED_ON_MINIMAL.get(command) if planner_pass == MINIMAL else None
    assert may_need in LACKING[planner_pass], f"{command} failed (exit {finished.returncode}):\n{everything[-4000:]}"
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1, f"{command} said more than one line:\n{finished.stderr[-4000:]}"
    [line] = lines
    assert line.startswith("error: ") and f"library {may_need}" in line, line
    assert "OSGeo4W Shell" in line and "pip install" in line and "apt install" in line, line
    OUTCOMES.append((planner_pass, command, f"exit {finished.returncode}: {line}"))
    return "said what is missing"


def test_the_profile_has_only_what_that_qgis_brings(planner):
    probe = (
        "import importlib.util, json, sys; "
        "print(json.dumps({'prefix': sys.prefix, 'plugin': importlib.util.find_spec('bassee_atelier_plugin').origin, "
        "'found': [m for m in ('PIL', 'pandas', 'geopandas', 'shapely', 'pyogrio', 'segno', 'odf', 'numpy', "
        "'osgeo', 'pyproj', 'psycopg2') if importlib.util.find_spec(m)]}))"
    )
    finished = planner.python("-c", probe)
    assert finished.returncode == 0, finished.stderr
    found = json.loads(finished.stdout)
    assert found["prefix"] == "/usr"  # the system's Python, not the project's virtual environment
    assert Path(found["plugin"]).is_relative_to(planner.plugins / PLUGIN)
    always = ["numpy", "osgeo", "pyproj", "psycopg2"]  # in every QGIS
    standalone = ["PIL", "pandas", "geopandas", "shapely", "pyogrio"]
    assert found["found"] == (standalone if planner.name != MINIMAL else []) + always


def test_qgis_starts_the_plugin_from_the_profile_with_its_whole_menu(planner, menu_with_every_library):
    started = planner.start_qgis()

    assert started["active"] and Path(started["plugin_file"]).is_relative_to(planner.plugins / PLUGIN)
    assert started["menus"] == [menu_with_every_library]  # one menu, whole, and no half-built one beside it
    assert started["menu_bar"].count("Atelier des Territoires") == 1
    assert len(started["toolbars"]) == 1 and started["toolbars"][0]
    assert not started["python_errors"] and not started["unexpected_dialogs"]
    for message in started["message_bar"]:
        assert not PYTHON_ERROR.search(f"{message['title']} {message['text']}"), message


def test_the_replay_from_the_menu_writes_its_gif_or_says_in_one_message_what_is_missing(planner, atelier, folder):
    started = planner.start_qgis({"trigger": "BasseeAtelierExport_replay"}, atelier=atelier)

    assert not started["python_errors"] and not started["unexpected_dialogs"]
    messages = [f"{message['title']} {message['text']}".strip() for message in started["message_bar"]]
    assert not any(PYTHON_ERROR.search(message) for message in messages), messages
    if planner.name == MINIMAL:
        [said] = [message for message in messages if "Pillow" in message]
        assert "OSGeo4W Shell" in said and "\n" not in said and not list(folder.glob("*.gif")), messages
    else:
        assert any(message["text"].startswith("Written") for message in started["message_bar"]), messages
        [gif] = folder.glob("*.gif")  # beside the atelier, under the name the dialog offered
        assert_sound(gif)


def test_menu_with_every_library_is_the_plugins_whole_menu(menu_with_every_library):
    top_level = [entry if isinstance(entry, str) else next(iter(entry)) for entry in menu_with_every_library]
    assert top_level[:3] == ["New atelier…", "Open atelier…", "Open shared atelier…"]
    assert "Deliverables" in top_level and len(top_level) >= 13


def test_the_command_line_lists_the_commands_tried_here(planner):
    listed = planner.cli("--help")
    kinds = planner.cli("export", "--help")

    assert listed.returncode == kinds.returncode == 0, listed.stderr + kinds.stderr
    commands = set(re.findall(r"^ {4}([a-z-]+)(?: {2,}|$)", listed.stdout, re.M))  # its help beside it or below
    assert commands == COMMANDS_TRIED
    [choices] = re.findall(r"\{([a-z,-]+)\}", kinds.stdout.split("\n\n")[0])
    assert set(choices.split(",")) == KINDS_TRIED


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_command_works_or_names_the_library_it_lacks(planner, case, atelier, folder, sessions):
    context = Context(atelier, folder, sessions)
    arguments = case.arguments(context)

    finished = planner.cli(*arguments)

    if works_or_says_what_is_missing(planner.name, case.name, finished) == "works":
        if case.output_suffix:
            assert_sound(context.output(case.output_suffix))
        if case.name == "info":
            assert json.loads(finished.stdout)["territory"] == "CC Bassée-Montois"
    elif case.output_suffix:
        assert not context.output(case.output_suffix).exists()  # nothing half written


def test_a_shared_atelier_is_pushed_and_pulled(planner, atelier, folder, cluster):
    address = cluster.url(cluster.new_database(f"planner_{planner.name.replace('-', '_')}"), password=None)
    password_file = folder / "pgpass"  # as a planner's machine has it: no password in the addresses
    shutil.copyfile(cluster.password_file, password_file)
    password_file.chmod(0o600)
    variables = (f"PGPASSFILE={password_file}",)

    created = planner.cli("init", address, "--territory", "CC Bassée-Montois", variables=variables)
    pushed = planner.cli("push", str(atelier), address, variables=variables)
    pulled = planner.cli("pull", address, str(folder / "retour de l'atelier partagé.gpkg"), variables=variables)

    for command, finished in (("init postgresql", created), ("push", pushed), ("pull", pulled)):
        works_or_says_what_is_missing(planner.name, command, finished)
    assert "stakes_point: 6 added" in pushed.stdout and "stakes_point: 6 added" in pulled.stdout


def test_serve_shows_its_address_and_qr_code_then_stops_and_closes_its_port(planner, atelier, sessions):
    serving = planner.serve(str(atelier), "--session", sessions["atelier"], "--host", "127.0.0.1", "--port", "0")
    try:
        address = serving.first_line()
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, whatever proxy is set
        page = direct.open(address, timeout=60).read() if address and address.startswith("http") else b""
    finally:
        stopped = serving.stop()

    works_or_says_what_is_missing(planner.name, "serve", Finished(stopped.returncode, stopped.stdout, stopped.stderr))
    assert address.startswith("http://127.0.0.1:") and b"<html" in page.lower(), (address, stopped.stderr)
    qr_code = [line for line in stopped.stdout.splitlines() if line.strip() and set(line) <= QR_CODE_CHARACTERS]
    assert len(qr_code) >= 10, stopped.stdout
    assert stopped.stdout.splitlines()[-1].startswith("Stopped")
    port = int(address.split(":")[2].split("/")[0])
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # the port is closed with the server
