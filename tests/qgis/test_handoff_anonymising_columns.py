"""Anonymising reaches a text column a planner added in QGIS, whatever its name: quotes, braces and question marks."""

from __future__ import annotations

import sqlite3

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.handoff.package import package_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from tests.qgis.test_handoff_package import WITHHELD_NAME, all_texts, sample  # noqa: F401 - the fixture

ADDED_COLUMN = 'note "privée" {à revoir}?'


def test_a_column_named_anyhow_is_anonymised_too(sample, tmp_path):  # noqa: F811 - the imported fixture
    with writer(sample, author="Claire Dufresne") as edits:
        edits.insert("actors", {"name": WITHHELD_NAME, "organisation": "", "actor_type": "habitant", "consent": False})
        stake = edits.insert("stakes_point", {"theme": "agriculture"}, "POINT (713000 6820000)")
    quoted = '"' + ADDED_COLUMN.replace('"', '""') + '"'
    with sample.dataset(update=True) as dataset:  # OGR's SQLite: the GeoPackage's triggers call its functions
        dataset.ExecuteSQL(f"ALTER TABLE stakes_point ADD COLUMN {quoted} TEXT")
        dataset.ExecuteSQL(f"UPDATE stakes_point SET {quoted} = 'vu par {WITHHELD_NAME}' WHERE uuid = '{stake}'")

    package = package_atelier(sample, tmp_path / "anonyme.gpkg", anonymise=True)

    assert WITHHELD_NAME not in all_texts(package.path)
    with sqlite3.connect(package.path) as connection:
        (note,) = connection.execute(f"SELECT {quoted} FROM stakes_point WHERE uuid = ?", (stake,)).fetchone()
    assert note == "vu par Habitant"
    assert validate(package.path) == []
