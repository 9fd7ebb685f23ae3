"""Dropping an atelier's stored styles binds the names it is given: a quote in one deletes no other style."""

from __future__ import annotations

import shutil
import sqlite3

from bassee_atelier_plugin.core.stores.geopackage.store import GeoPackageStore
from tests.conftest import SAMPLE_DATA


def _styles(path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return set(connection.execute("SELECT f_table_name, styleName FROM layer_styles"))


def _add_style(path, table: str, name: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO layer_styles (f_table_name, styleName) VALUES (?, ?)", (table, name))


def test_only_the_named_styles_of_the_named_tables_go(tmp_path):
    atelier = tmp_path / "Atelier d'été v2.gpkg"
    shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", atelier)
    _add_style(atelier, "stakes_point", "l'esquisse")
    before = _styles(atelier)

    GeoPackageStore(atelier).drop_styles(["stakes_point"], ["l'esquisse", "atelier"])

    assert before - _styles(atelier) == {("stakes_point", "l'esquisse"), ("stakes_point", "atelier")}


def test_a_name_written_as_sql_is_only_a_name(tmp_path):
    atelier = tmp_path / "atelier.gpkg"
    shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", atelier)
    before = _styles(atelier)

    GeoPackageStore(atelier).drop_styles(["stakes_point') OR 1=1 --"], ["x' OR '1'='1"])

    assert _styles(atelier) == before
