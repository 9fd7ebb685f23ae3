"""The command line as the team runs it: a real ``python -m bassee_atelier_plugin`` process."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from bassee_atelier_plugin.core.model.schema import SCHEMA_VERSION
from tests.conftest import GPX_FILES, REPO, SAMPLE_DATA, TERRITORY
from tests.photos import geotagged_jpeg

COMMANDS = ("init", "info", "validate", "snapshot", "import-photos", "import-gpx", "export")


def run(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "bassee_atelier_plugin", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture(scope="module")
def atelier(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "bassee.gpkg"
    result = run(
        "init",
        str(path),
        "--territory",
        "CC Bassée-Montois",
        "--communes",
        str(TERRITORY / "bassee_montois_communes.geojson"),
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_its_help(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: python -m bassee_atelier_plugin {command}")


def test_the_main_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    assert all(command in result.stdout for command in COMMANDS)


def test_init_then_info_prints_a_json_summary(atelier):
    result = run("info", str(atelier))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["territory"] == "CC Bassée-Montois"
    assert summary["schema_version"] == SCHEMA_VERSION
    assert summary["crs"] == "EPSG:2154"
    assert summary["counts"]["communes"] == 42
    assert summary["counts"]["stakes_point"] == 0
    assert summary["counts"]["thesaurus_themes"] == 9
    xmin, ymin, xmax, ymax = summary["extent"]
    assert 690_000 < xmin < xmax < 740_000 and 6_800_000 < ymin < ymax < 6_835_000


def test_a_fresh_atelier_validates(atelier):
    result = run("validate", str(atelier))
    assert (result.returncode, result.stdout) == (0, "")


def test_validate_lists_each_problem_on_its_own_line(atelier, tmp_path):
    damaged = tmp_path / "damaged.gpkg"
    damaged.write_bytes(atelier.read_bytes())
    with sqlite3.connect(damaged) as connection:
        connection.execute("INSERT INTO sessions (uuid, kind, title) VALUES ('s-1', 'seminaire', 'Séminaire')")
        connection.execute("DROP TABLE orientations")
        connection.execute("DELETE FROM layer_styles WHERE f_table_name = 'actors'")
    result = run("validate", str(damaged))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "table orientations is missing" in lines
    assert "sessions.kind: values not in the list session_kinds: seminaire" in lines
    assert "actors: no default style is stored" in lines


def test_validate_names_an_atelier_without_styles_or_project(atelier, tmp_path):
    bare = tmp_path / "bare.gpkg"
    bare.write_bytes(atelier.read_bytes())
    with sqlite3.connect(bare) as connection:
        for table in ("layer_styles", "qgis_projects"):
            connection.execute(f"DELETE FROM gpkg_contents WHERE table_name = '{table}'")
            connection.execute(f"DROP TABLE {table}")
    result = run("validate", str(bare))
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["no layer styles are stored", "no QGIS project is stored"]


def test_init_refuses_to_overwrite_without_force(atelier):
    before = hashlib.sha256(atelier.read_bytes()).hexdigest()
    result = run("init", str(atelier), "--territory", "Autre")
    assert result.returncode == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(atelier.read_bytes()).hexdigest() == before


def test_init_force_replaces_the_file(tmp_path):
    path = tmp_path / "a.gpkg"
    assert run("init", str(path), "--territory", "Premier").returncode == 0
    result = run("init", str(path), "--territory", "Second", "--crs", "EPSG:3949", "--force")
    assert result.returncode == 0, result.stderr
    summary = json.loads(run("info", str(path)).stdout)
    assert (summary["territory"], summary["crs"]) == ("Second", "EPSG:3949")


@pytest.mark.parametrize("command", ["info", "validate"])
def test_bad_files_get_one_clear_message_and_no_traceback(command, tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("pas un GeoPackage", encoding="utf-8")
    result = run(command, str(text))
    assert result.returncode != 0
    output = result.stderr + result.stdout
    assert "is not a GeoPackage" in output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_missing_arguments_are_reported_by_the_parser():
    result = run("init", "x.gpkg")
    assert result.returncode == 2
    assert "--territory" in result.stderr


def test_import_photos_adds_observations_and_lists_what_it_could_not_take(atelier, tmp_path):
    with sqlite3.connect(atelier) as connection:
        connection.execute("INSERT INTO sessions (uuid, kind, title) VALUES ('visit-1', 'visite', 'Arpentage')")
    photos = tmp_path / "photos"
    photos.mkdir()
    geotagged_jpeg(photos / "a.jpg", 48.4148, 3.2378, seed=1)
    geotagged_jpeg(photos / "b.jpg", 48.3985, 3.1475, seed=2)
    geotagged_jpeg(photos / "c.jpg", seed=3)
    (photos / "d.jpg").write_bytes((photos / "a.jpg").read_bytes()[:2000])

    result = run("import-photos", str(atelier), str(photos), "--session", "visit-1")

    assert result.returncode == 1, result.stderr  # some files refused
    lines = result.stdout.splitlines()
    assert lines[0] == "2 observation(s) and 2 attachment(s) added"
    assert "no position, to place by hand: c.jpg" in lines
    assert any(line.startswith("refused: d.jpg: the image is truncated") for line in lines)
    with sqlite3.connect(atelier) as connection:
        sessions = connection.execute("SELECT DISTINCT session_uuid FROM observations").fetchall()
    assert sessions == [("visit-1",)]

    again = run("import-photos", str(atelier), str(photos), "--session", "visit-1")
    assert again.stdout.splitlines()[0] == "0 observation(s) and 0 attachment(s) added"


def test_import_photos_refuses_an_unknown_session_in_one_line(atelier, tmp_path):
    result = run("import-photos", str(atelier), str(tmp_path), "--session", "nope")
    assert result.returncode == 2
    assert "has no session nope" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "session, file, status, printed, itineraries, notes",
    [
        (
            "visit-gpx",
            "track_segments_1_0.gpx",
            0,
            ["itinerary added: Boucle de la Bassée", "1 observation(s) added, 1 waypoint(s) joined to one nearby"],
            [("Boucle de la Bassée",)],
            [("Halte — Pont sur la Seine\nHalte bis — Berge érodée",)],
        ),
        (
            "visit-garmin",
            "garmin_waypoints.gpx",
            1,  # some waypoints skipped
            [
                "2 observation(s) added, 0 waypoint(s) joined to one nearby",
                "skipped: waypoint 3 “003 Sans latitude”: no latitude or longitude",
                "skipped: waypoint 4 “004 Hors limite”: latitude 91.5 out of range",
            ],
            [],
            [("001 Friche — Friche industrielle",), ("002 Gravière — Gravière en eau",)],
        ),
    ],
)
def test_import_gpx_prints_what_it_added_and_what_it_skipped(
    atelier, session, file, status, printed, itineraries, notes
):
    with sqlite3.connect(atelier) as connection:
        connection.execute("INSERT INTO sessions (uuid, kind, title) VALUES (?, 'visite', 'GPS')", (session,))

    result = run("import-gpx", str(atelier), str(GPX_FILES / file), "--session", session)

    assert result.returncode == status, result.stderr
    assert result.stdout.splitlines() == printed
    with sqlite3.connect(atelier) as connection:
        in_session = (session,)
        assert connection.execute("SELECT name FROM itineraries WHERE session_uuid = ?", in_session).fetchall() == (
            itineraries
        )
        assert (
            connection.execute(
                "SELECT note FROM observations WHERE session_uuid = ? ORDER BY fid", in_session
            ).fetchall()
            == notes
        )


def test_import_gpx_refuses_a_truncated_file_in_one_line_and_adds_nothing(atelier, tmp_path):
    truncated = tmp_path / "coupe.gpx"
    truncated.write_bytes((GPX_FILES / "track_segments_1_0.gpx").read_bytes()[:700])
    with sqlite3.connect(atelier) as connection:
        connection.execute("INSERT INTO sessions (uuid, kind, title) VALUES ('visit-cut', 'visite', 'Coupe')")
        before = connection.execute("SELECT count(*) FROM journal").fetchone()

    result = run("import-gpx", str(atelier), str(truncated), "--session", "visit-cut")

    assert result.returncode == 2
    assert result.stderr.startswith("error: coupe.gpx: not a readable GPX file, broken or cut short at line")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with sqlite3.connect(atelier) as connection:
        assert connection.execute("SELECT count(*) FROM journal").fetchone() == before


def test_export_feuille_de_route_writes_one_line_per_action(tmp_path):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    with sqlite3.connect(sample) as connection:
        actions = connection.execute("SELECT count(*) FROM actions").fetchone()[0]

    result = run("export", "feuille-de-route", str(sample), "-o", str(tmp_path / "feuille.csv"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {tmp_path / 'feuille.csv'}"
    assert len((tmp_path / "feuille.csv").read_text(encoding="utf-8-sig").splitlines()) == actions + 1
    refused = run("export", "feuille-de-route", str(sample), "-o", str(tmp_path / "feuille.docx"))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "feuille.docx: this deliverable is written as .pdf or .csv or .ods" in refused.stderr


def test_export_evolution_by_title_and_uuid_writes_a_row_per_change_and_names_an_unknown_session(tmp_path):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    with sqlite3.connect(sample) as connection:
        sessions = dict(connection.execute("SELECT title, uuid FROM sessions").fetchall())
    survey, workshop = "Arpentage de la Bassée et du Montois", "Atelier : quelle attractivité pour la Bassée-Montois ?"
    output = tmp_path / "evolution.csv"

    result = run("export", "evolution", str(sample), "--from", survey, "--to", sessions[workshop], "-o", str(output))

    assert result.returncode == 0, result.stderr
    with output.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows[0][0] == "Changement" and {row[5] for row in rows[1:]} == {survey}
    assert ["Ajouté", "Enjeux (points)", "Lotissements en extension des villages"] in [row[:3] for row in rows]
    refused = run("export", "evolution", str(sample), "--from", "Séance fantôme", "-o", str(tmp_path / "e.pdf"))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "No session Séance fantôme" in refused.stderr and all(title in refused.stderr for title in sessions)


def test_export_fiches_writes_a_pdf_page_per_action_and_warns_of_cut_texts(tmp_path):
    from pypdf import PdfReader

    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    from osgeo import gdal

    dataset = gdal.OpenEx(str(sample), gdal.OF_VECTOR | gdal.OF_UPDATE)  # OGR keeps the GeoPackage's triggers happy
    dataset.ExecuteSQL(f"UPDATE actions SET description = '{'Un long débat. ' * 300}' WHERE fid = 1")
    actions = dataset.GetLayerByName("actions").GetFeatureCount()
    dataset = None

    result = run("export", "fiches", str(sample), "-o", str(tmp_path / "fiches.pdf"))

    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "fiches.pdf").pages) == actions
    assert result.stderr.count("Warning: The sheet of the action") == 1


def test_export_synthese_into_a_missing_folder_fails_in_one_line(tmp_path):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")

    result = run("export", "synthese", str(sample), "-o", str(tmp_path / "rendu" / "synthese.pdf"))

    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "rendu does not exist" in result.stderr


def test_package_and_merge_from_the_command_line(tmp_path):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")

    packaged = run("package", str(sample), "-o", str(tmp_path / "remise.gpkg"), "--anonymise", "--packager", "DDT")
    assert packaged.returncode == 0, packaged.stderr
    assert packaged.stdout.strip() == f"Wrote {tmp_path / 'remise.gpkg'} (anonymised)"

    merged = run("merge", str(sample), str(tmp_path / "remise.gpkg"), "-o", str(tmp_path / "fusion.gpkg"))
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.strip().splitlines()[-1].startswith(f"Wrote {tmp_path / 'fusion.gpkg'}: ")

    twice = run("merge", str(sample), str(sample), "-o", str(tmp_path / "double.gpkg"))
    assert twice.returncode == 2 and "is given twice" in twice.stderr and "Traceback" not in twice.stderr
