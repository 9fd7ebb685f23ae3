"""Table and layer names made to break SQL, and GeoPackages made to write where they should not.

Names holding quotes, semicolons and comment markers reach the atelier's SQL from another
atelier's file: the style clean-up, the territory's layers a merge copies, anonymising a package.
Each leaves every stored row as it was, and either works or says what it left out. A crafted
file's triggers never fire from a file the merge only reads, and it is left byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.handoff.package import package_atelier
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers, merge_into
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import (
    DEFAULT_STYLE_NAME,
    PROJECTOR_STYLE_NAME,
    open_layers,
    write_presentation,
)
from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier, sql_text

INJECTIONS = ["x') OR 1=1 --", 'a"b', "DROP TABLE stakes_point;--", "l'été; -- /* */"]
REFUSED = [";DROP TABLE stakes_point;--", "a|layername=stakes_point", "gpkg_extensions_2", "bell\x07"]
# what a crafted file's trigger would do if it ever fired: empty the atelier's styles and stakes
EVIL_TRIGGER = (
    'CREATE TRIGGER "evil" AFTER INSERT ON "stakes_point" '
    'BEGIN DELETE FROM "layer_styles"; DELETE FROM "stakes_point"; END'
)


def stored(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a GeoPackage (SQLite's own and GDAL's spatial indexes aside)."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith(("sqlite_", "rtree_"))
        ]
        return {
            table: sorted(map(repr, connection.execute(f"SELECT * FROM {quoted_identifier(table)}")))  # nosec B608
            for table in tables
        }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_extra_layers(path: Path, names: list[str]) -> Path:
    """Give the GeoPackage at ``path`` a point layer of each name, with one feature and a crafted field.

    Made by GDAL under a plain name, then renamed in SQLite, as a crafted file would be: GDAL
    itself refuses to make a layer whose name begins with some characters (';').
    """
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(2154)
    for number, name in enumerate(names):
        layer = dataset.CreateLayer(f"crafted_{number}", reference, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
        layer.CreateField(ogr.FieldDefn('nom"; DROP TABLE actors; --', ogr.OFTString))
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField(0, name)
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (716000 6813000)"))
        layer.CreateFeature(feature)
    dataset = None
    with closing(sqlite3.connect(path)) as connection, connection:
        for number, name in enumerate(names):
            connection.execute(f"ALTER TABLE crafted_{number} RENAME TO {quoted_identifier(name)}")
            for table in ("gpkg_contents", "gpkg_geometry_columns"):
                connection.execute(
                    f"UPDATE {table} SET table_name = ? WHERE table_name = ?",  # nosec B608
                    (name, f"crafted_{number}"),
                )
    return path


def with_evil_trigger(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(EVIL_TRIGGER)
    return path


@pytest.fixture
def crafted(created_atelier, tmp_path):
    """Another laptop's atelier, with a stake, layers of crafted names and a trigger that would empty the styles."""
    (tmp_path / "crafted").mkdir()
    atelier = created_atelier(tmp_path / "crafted" / "atelier.gpkg")
    with writer(atelier, author="laptop") as edits:
        edits.insert("stakes_point", {"theme": "eau_risques", "title": "Crue de 2016"}, "POINT (716000 6813000)")
    with_extra_layers(atelier.path, INJECTIONS + REFUSED)
    return with_evil_trigger(atelier.path)


@pytest.mark.parametrize("name", INJECTIONS)
def test_the_style_clean_up_removes_no_style_of_a_crafted_table_name(new_atelier, name):
    before = stored(new_atelier.path)["layer_styles"]
    assert len(before) > 10
    new_atelier.store.drop_styles([name], [DEFAULT_STYLE_NAME, PROJECTOR_STYLE_NAME, name])
    assert stored(new_atelier.path)["layer_styles"] == before
    new_atelier.store.drop_styles(["actors", name], [DEFAULT_STYLE_NAME])
    after = stored(new_atelier.path)["layer_styles"]
    assert len(after) == len(before) - 1  # the one named, and it alone


def test_a_merge_copies_crafted_layer_names_as_they_are_and_leaves_out_those_it_cannot_keep(
    new_atelier, crafted, tmp_path
):
    before, source_digest = stored(new_atelier.path), digest(crafted)
    summary = merge_into(open_atelier(crafted), new_atelier)
    after = stored(new_atelier.path)
    assert digest(crafted) == source_digest and sorted(crafted.parent.iterdir()) == [crafted]  # only read
    for table, rows in before.items():
        if table not in ("layer_styles", "qgis_projects", "stakes_point", "journal", "gpkg_contents"):
            assert set(rows) <= set(after[table]), table  # nothing lost, anywhere
    assert set(before["layer_styles"]) - set(after["layer_styles"]) == set()  # the atelier's styles all kept
    assert len(after["stakes_point"]) == 1  # the stake came, and no trigger of the source emptied anything
    for name in INJECTIONS:
        assert len(after[name]) == 1, name  # copied whole, under its own name
    assert {name for name in REFUSED if name in after} == set()
    assert len(summary.warnings) == len(REFUSED) and all("was not copied" in line for line in summary.warnings)
    layers = open_layers(open_atelier(new_atelier.path), "fr", listen=False)
    assert all(layer.isValid() for layer in layers.values())
    assert set(INJECTIONS) <= set(layers)
    merge_into(open_atelier(crafted), new_atelier)  # again: nothing new, nothing broken
    assert stored(new_atelier.path)["stakes_point"] == after["stakes_point"]


def test_a_crafted_file_merged_with_others_is_only_read_and_its_triggers_never_fire(new_atelier, crafted, tmp_path):
    digests = {path: digest(path) for path in (new_atelier.path, crafted)}
    output = tmp_path / "merged.gpkg"
    merge_ateliers([new_atelier.path, crafted], output)
    assert {path: digest(path) for path in digests} == digests
    merged = stored(output)
    assert len(merged["stakes_point"]) == 1 and len(merged["layer_styles"]) == len(
        stored(new_atelier.path)["layer_styles"]
    )


def test_a_crafted_file_merged_first_keeps_its_trigger_to_the_merged_file_alone(new_atelier, crafted, tmp_path):
    """The merged file starts as a copy of the first: its triggers act there, on nothing else."""
    digests = {path: digest(path) for path in (new_atelier.path, crafted)}
    with writer(new_atelier, author="desk") as edits:
        edits.insert("stakes_point", {"theme": "eau_risques", "title": "Digue"}, "POINT (716100 6813100)")
    digests[new_atelier.path] = digest(new_atelier.path)
    merge_ateliers([crafted, new_atelier.path], tmp_path / "merged.gpkg")
    assert {path: digest(path) for path in digests} == digests
    assert sorted(path.name for path in tmp_path.iterdir()) == ["atelier.gpkg", "crafted", "merged.gpkg"]


def test_opening_a_crafted_file_as_an_atelier_changes_nothing_in_it(crafted):
    before = digest(crafted)
    atelier = open_atelier(crafted, upgrade=False)
    atelier.summary()
    with atelier.store.read_connection() as reader:
        reader.execute("SELECT count(*) FROM stakes_point")
    assert digest(crafted) == before
    with atelier.store.read_connection() as reader, pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("DELETE FROM layer_styles")


def test_anonymising_a_package_with_crafted_column_and_table_names(new_atelier, tmp_path):
    with_extra_layers(new_atelier.path, INJECTIONS)
    write_presentation(new_atelier, INJECTIONS)  # styled as a merge that copied them would
    with writer(new_atelier, author="Jeanne Martin") as edits:
        edits.insert("actors", {"name": "Jeanne Martin", "actor_type": "elu", "consent": False})
    with new_atelier.dataset(update=True) as dataset:  # GDAL's SQLite: it knows the functions the triggers call
        dataset.ExecuteSQL(f"ALTER TABLE notes ADD COLUMN {quoted_identifier(INJECTIONS[0])} TEXT")
        dataset.ExecuteSQL(f"UPDATE notes SET {quoted_identifier(INJECTIONS[0])} = {sql_text('Jeanne Martin')}")
    before = stored(new_atelier.path)
    package = package_atelier(open_atelier(new_atelier.path), tmp_path / "package.gpkg", anonymise=True)
    packaged = stored(package.path)
    for name in INJECTIONS:
        assert packaged[name] == before[name]
    assert "Jeanne Martin" not in repr(packaged["actors"]) and len(packaged["actors"]) == len(before["actors"])
    assert stored(new_atelier.path) == before


def test_the_one_quoting_helper_keeps_a_crafted_name_one_name(tmp_path):
    with closing(sqlite3.connect(tmp_path / "names.sqlite")) as connection:
        connection.execute("CREATE TABLE kept (value TEXT)")
        for name in INJECTIONS:
            connection.execute(f"CREATE TABLE {quoted_identifier(name)} (value TEXT)")
            connection.execute(f"INSERT INTO {quoted_identifier(name)} VALUES ({sql_text(name)})")  # nosec B608
            assert connection.execute(f"SELECT value FROM {quoted_identifier(name)}").fetchall() == [(name,)]
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 5
    assert sql_text(None) == "NULL" and sql_text(True) == "1" and sql_text(2.5) == "2.5"
