"""The feuille de route as a table, from the sample atelier, read back as a spreadsheet would."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import zipfile
from xml.etree import ElementTree

import pytest
from osgeo import gdal

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.deliverables.roadmap import (
    COLUMN_TITLES,
    NO_ACTIONS,
    export_roadmap,
    roadmap_column_titles,
    roadmap_rows,
)
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import pick
from tests.conftest import SAMPLE_DATA

ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


@pytest.fixture
def sample(qgis_app, tmp_path) -> Atelier:
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    return open_atelier(path)


def expected_actions(atelier: Atelier) -> list[tuple[str, str, int]]:
    """(orientation, action, stakes linked) in roadmap order, straight from the tables."""
    with sqlite3.connect(atelier.path) as connection:
        return connection.execute(
            "SELECT o.title, a.title, (SELECT count(*) FROM action_stakes l WHERE l.action_uuid = a.uuid) "
            "FROM actions a JOIN orientations o ON o.uuid = a.orientation_uuid ORDER BY o.position, a.position"
        ).fetchall()


def test_one_row_per_action_orientation_by_orientation_with_labels_and_stakes(sample):
    rows = roadmap_rows(sample)

    expected = expected_actions(sample)
    assert len(rows) == len(expected) >= 5
    assert [(row["orientation"], row["action"]) for row in rows] == [(o, a) for o, a, _count in expected]
    assert [len(row["stakes"].split(" ; ")) if row["stakes"] else 0 for row in rows] == [n for *_, n in expected]
    assert {row["status"] for row in rows} <= {"Proposé", "Débattu", "Retenu", "Écarté"}  # the atelier speaks French
    assert all(row["horizon"] in ("Court terme", "Moyen terme", "Long terme") for row in rows)


def test_the_csv_opens_in_a_french_spreadsheet_with_every_action(sample, tmp_path):
    written = export_roadmap(sample, tmp_path / "feuille.csv")

    with written.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file, delimiter=";"))
    assert tuple(table[0]) == COLUMN_TITLES["fr"]
    assert [line[1] for line in table[1:]] == [action for _o, action, _n in expected_actions(sample)]


def spreadsheet(path) -> dict[str, list[list[tuple[str, str]]]]:
    """Each sheet's lines of (cell type, text), read from the file's XML as any spreadsheet reads it."""
    with zipfile.ZipFile(path) as archive:
        content = ElementTree.fromstring(archive.read("content.xml"))
    table, office, paragraph = (f"{{{ODS[prefix]}}}" for prefix in ("table", "office", "text"))
    paragraph += "p"
    return {
        sheet.get(f"{table}name"): [
            [
                (cell.get(f"{office}value-type"), "\n".join(part.text or "" for part in cell.iter(paragraph)))
                for cell in line.iter(f"{table}table-cell")
            ]
            for line in sheet.iter(f"{table}table-row")
        ]
        for sheet in content.iter(f"{table}table")
    }


def test_the_ods_has_the_same_rows_as_text(sample, tmp_path):
    written = export_roadmap(sample, tmp_path / "feuille.ods")

    [(sheet, lines)] = spreadsheet(written).items()
    assert sheet == "Feuille de route"  # the atelier speaks French
    assert tuple(text for _type, text in lines[0]) == COLUMN_TITLES["fr"]
    rows = roadmap_rows(sample)
    assert [[text for _type, text in line] for line in lines[1:]] == [list(row.values()) for row in rows]
    assert {kind for line in lines for kind, _text in line} == {"string"}  # "2030" stays text, not a number
    assert not list(tmp_path.glob(".*partial*"))
    reopened = gdal.OpenEx(str(written))  # and GDAL reads it back, the titles as field names
    assert reopened.GetLayer(0).GetFeatureCount() == len(rows)


def test_an_empty_roadmap_still_has_its_titles(new_atelier, tmp_path):
    written = export_roadmap(new_atelier, tmp_path / "vide.ods")

    [lines] = spreadsheet(written).values()
    language = new_atelier.metadata.language
    assert tuple(text for _type, text in lines[0]) == roadmap_column_titles(language)
    assert [text for _type, text in lines[1]][:2] == ["", pick(NO_ACTIONS, language)]


def test_another_format_or_an_unwritable_place_is_refused_clearly(sample, tmp_path):
    with pytest.raises(AtelierError, match=r"feuille\.txt: this deliverable is written as \.pdf or \.csv or \.ods"):
        export_deliverable(sample, "feuille-de-route", tmp_path / "feuille.txt")
    with pytest.raises(AtelierError, match="The folder .*missing does not exist"):
        export_roadmap(sample, tmp_path / "missing" / "feuille.csv")
    assert not list(tmp_path.glob("*feuille*"))
