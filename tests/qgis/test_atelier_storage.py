"""The atelier GeoPackage as created by the core: schema, metadata, conformance, triggers."""

from __future__ import annotations

import sqlite3
import warnings

import pytest
from osgeo import gdal, ogr
from osgeo_utils.samples import validate_gpkg

from bassee_atelier_plugin.core.atelier.atelier import thesaurus_terms
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.model.schema import SCHEMA_VERSION, TABLES
from bassee_atelier_plugin.core.model.thesauri import THESAURI
from bassee_atelier_plugin.core.stores.geopackage.files import read_metadata
from bassee_atelier_plugin.core.stores.ogr_tables import METADATA_TABLE
from tests.conftest import assert_read_only_opens_leave_no_side_file

GEOMETRY_NAMES = {"Point": "POINT", "LineString": "LINESTRING", "Polygon": "POLYGON", None: None}


def test_every_table_of_the_schema_is_created_with_its_geometry_and_crs(new_atelier):
    with sqlite3.connect(new_atelier.path) as connection:
        contents = dict(connection.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
        geometry_columns = {
            name: (kind, srs)
            for name, kind, srs in connection.execute(
                "SELECT table_name, geometry_type_name, srs_id FROM gpkg_geometry_columns"
            )
        }
    for table in TABLES:
        assert table.name in contents, table.name
        if table.geometry:
            assert geometry_columns[table.name] == (GEOMETRY_NAMES[table.geometry], 2154)
        else:
            assert contents[table.name] == "attributes"


def test_fields_carry_their_declared_constraints(new_atelier):
    with sqlite3.connect(new_atelier.path) as connection:
        stake_sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'stakes_point'").fetchone()[0]
    assert '"uuid" TEXT UNIQUE' in stake_sql
    assert '"theme" TEXT NOT NULL' in stake_sql
    assert "strftime('%Y-%m-%dT%H:%M:%fZ','now')" in stake_sql  # UTC default of created_at


def test_thesauri_hold_french_and_english_labels_and_colours(new_atelier):
    for thesaurus in THESAURI:
        terms = thesaurus_terms(new_atelier, thesaurus.name)
        assert [term["code"] for term in terms] == [term.code for term in thesaurus.terms]
        for term in terms:
            assert term["label_fr"] and term["label_en"] and term["colour"].startswith("#")
    readings = {term["code"]: term["label_fr"] for term in thesaurus_terms(new_atelier, "readings")}
    assert readings == {"atout": "Atout", "faiblesse": "Faiblesse", "opportunite": "Opportunité", "menace": "Menace"}


def test_metadata_lives_in_a_table_of_its_own_and_not_in_gdal_dataset_metadata(new_atelier):
    metadata = read_metadata(new_atelier.path)
    assert metadata.territory == "CC Bassée-Montois"
    assert metadata.schema_version == SCHEMA_VERSION
    assert metadata.licence.startswith("Licence Ouverte")
    with sqlite3.connect(new_atelier.path) as connection:
        rows = dict(connection.execute(f"SELECT key, value FROM {METADATA_TABLE}"))
        registered = connection.execute("SELECT count(*) FROM gpkg_contents WHERE table_name = ?", (METADATA_TABLE,))
        gdal_tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'gpkg_metadata%'")
        assert (registered.fetchone()[0], gdal_tables.fetchone()[0]) == (0, 0)
    assert rows == metadata.items() and rows["TERRITORY"] == "CC Bassée-Montois"
    assert gdal.OpenEx(str(new_atelier.path), gdal.OF_VECTOR).GetMetadata() == {}
    assert METADATA_TABLE not in new_atelier.table_names()  # no layer: GDAL and QGIS do not list it


def test_gdal_official_validator_finds_no_error_nor_warning(created_atelier, tmp_path):
    atelier = created_atelier(tmp_path / "a.gpkg", communes=True)
    with writer(atelier, author="test") as edits:
        edits.insert("stakes_point", {"theme": "agriculture", "title": "Plateau"}, "POINT (712000 6812000)")
    problems = validate_gpkg.check(
        str(atelier.path), abort_at_first_error=False, extra_checks=True, warning_msg=False, warning_as_error=True
    )
    assert problems == []


def test_gdal_and_geopandas_open_every_layer_without_a_warning(created_atelier, tmp_path):
    import geopandas
    import pyogrio

    atelier = created_atelier(tmp_path / "a.gpkg", communes=True)
    messages = []
    gdal.PushErrorHandler(lambda severity, number, message: messages.append(message))
    try:
        dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR)
        for index in range(dataset.GetLayerCount()):
            for _feature in dataset.GetLayer(index):
                pass
        dataset = None
    finally:
        gdal.PopErrorHandler()
    assert messages == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        layers = [name for name, _ in pyogrio.list_layers(atelier.path)]
        for name in layers:
            frame = geopandas.read_file(atelier.path, layer=name)
            if name == "communes":
                assert len(frame) == 42 and frame.crs.to_epsg() == 2154
    assert set(layers) >= {table.name for table in TABLES}


def test_communes_are_reprojected_to_the_atelier_crs(created_atelier, tmp_path):
    atelier = created_atelier(tmp_path / "a.gpkg", communes=True)
    xmin, ymin, xmax, ymax = atelier.extent()
    # Lambert-93 metres around Bray-sur-Seine, not degrees
    assert 690_000 < xmin < xmax < 740_000
    assert 6_800_000 < ymin < ymax < 6_835_000
    assert atelier.counts()["communes"] == 42


def test_rows_written_by_another_tool_get_a_uuid_and_utc_timestamps(new_atelier):
    """The database, not the plugin, guarantees the tracking columns."""
    dataset = ogr.Open(str(new_atelier.path), update=1)
    layer = dataset.GetLayerByName("stakes_point")
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("theme", "eau_risques")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (715000 6815000)"))
    layer.CreateFeature(feature)
    dataset = None
    with sqlite3.connect(new_atelier.path) as connection:
        uuid, created, updated = connection.execute("SELECT uuid, created_at, updated_at FROM stakes_point").fetchone()
    assert len(uuid) == 36 and uuid[14] == "4"
    assert created.endswith("Z") and updated.endswith("Z")
    dataset = ogr.Open(str(new_atelier.path), update=1)  # spatial tables need GDAL's SQL functions
    dataset.ExecuteSQL("UPDATE stakes_point SET updated_at = '2017-01-01T00:00:00.000Z'")
    dataset.ExecuteSQL("UPDATE stakes_point SET title = 'Crue'")  # a change that does not stamp itself
    dataset = None
    with sqlite3.connect(new_atelier.path) as connection:
        (stamped,) = connection.execute("SELECT updated_at FROM stakes_point").fetchone()
    assert stamped > "2017-01-01T00:00:00.000Z" and stamped.endswith("Z")


def test_an_explicit_updated_at_is_kept_so_merges_can_carry_it(new_atelier):
    with sqlite3.connect(new_atelier.path) as connection:
        connection.execute("INSERT INTO sessions (uuid, kind, title) VALUES ('s-1', 'atelier', 'Atelier 1')")
        connection.execute("UPDATE sessions SET title = 'Atelier n°1', updated_at = '2017-06-15T10:00:00.000Z'")
        (updated,) = connection.execute("SELECT updated_at FROM sessions").fetchone()
    assert updated == "2017-06-15T10:00:00.000Z"


@pytest.mark.parametrize("operation", ["insert", "update", "delete"])
def test_each_edit_is_journalled_in_the_same_transaction(new_atelier, operation):
    with writer(new_atelier, author="Équipe de conception") as edits:
        session = edits.insert("sessions", {"kind": "atelier", "title": "Atelier de juin", "held_on": "2017-06-15"})
        edits.session_uuid = session
        stake = edits.insert(
            "stakes_point", {"theme": "mobilite", "title": "Gare de Longueville"}, "POINT (720000 6816000)"
        )
        if operation == "update":
            edits.update("stakes_point", stake, {"status": "retenu"})
        if operation == "delete":
            edits.delete("stakes_point", stake)
    with sqlite3.connect(new_atelier.path) as connection:
        entries = connection.execute(
            "SELECT operation, table_name, feature_uuid, author, session_uuid FROM journal WHERE feature_uuid = ?",
            (stake,),
        ).fetchall()
        remaining = connection.execute("SELECT status FROM stakes_point WHERE uuid = ?", (stake,)).fetchall()
    expected = {"insert": ["create"], "update": ["create", "update"], "delete": ["create", "delete"]}[operation]
    assert [entry[0] for entry in entries] == expected
    assert all(entry[1:] == ("stakes_point", stake, "Équipe de conception", session) for entry in entries)
    assert remaining == ({"insert": [("propose",)], "update": [("retenu",)], "delete": []}[operation])


def test_a_failed_edit_leaves_neither_feature_nor_journal(new_atelier):
    from bassee_atelier_plugin.core.errors import AtelierError

    with writer(new_atelier) as edits:
        with pytest.raises(AtelierError, match="no_such_field"):
            edits.insert("stakes_point", {"theme": "energie", "no_such_field": 1}, "POINT (715000 6815000)")
    counts = new_atelier.counts()
    assert counts["stakes_point"] == 0 and counts["journal"] == 0


def test_opening_an_atelier_read_only_leaves_no_side_file_beside_it(new_atelier):
    assert_read_only_opens_leave_no_side_file(new_atelier.path)
