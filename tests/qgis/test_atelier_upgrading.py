"""Upgrading older ateliers in place after a backup; newer, unknown or read-only ones are left as they were.

Each older schema is made from a current atelier by undoing what later schemas added.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
from contextlib import closing

import pytest
from osgeo import gdal, ogr

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata
from bassee_atelier_plugin.core.model.schema import COMMUNE_TABLES, SCHEMA_VERSION, STAKE_TABLES, TABLE_BY_NAME
from bassee_atelier_plugin.core.stores.geopackage.files import METADATA_PREFIX, read_metadata
from bassee_atelier_plugin.core.stores.geopackage.tables import create_tracking_triggers
from bassee_atelier_plugin.core.stores.ogr_tables import METADATA_TABLE
from tests.conftest import SAMPLE_DATA, assert_read_only_opens_leave_no_side_file
from tests.qgis.atelier_opening_helpers import digest, set_schema_version

SCHEMA_4_ATTACHMENT_FIELDS = ("preview", "original_kept", "taken_at", "latitude", "longitude", "width", "height")
SCHEMA_9_CONFLICT_FIELDS = ("field_name", "kept_author", "kept_value", "other_author", "other_value")


def make_schema_10(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 10 wrote it: GDAL's feature counts, kept by triggers on each table."""
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL("CREATE TABLE gpkg_ogr_contents (table_name TEXT NOT NULL PRIMARY KEY, feature_count INTEGER)")
    dataset.ExecuteSQL("INSERT INTO gpkg_ogr_contents SELECT table_name, NULL FROM gpkg_contents")
    for table in STAKE_TABLES:
        for operation, change in (("insert", "+ 1"), ("delete", "- 1")):
            dataset.ExecuteSQL(
                f'CREATE TRIGGER "trigger_{operation}_feature_count_{table}" AFTER {operation.upper()} ON "{table}" '
                f"BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count {change} "
                f"WHERE lower(table_name) = lower('{table}'); END"
            )
    dataset = None
    set_schema_version(atelier, 10)


def schema_version(path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA schema_version").fetchone()[0]


def make_schema_9(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 9 wrote it: no feature named its communes."""
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    for table in COMMUNE_TABLES:
        layer = dataset.GetLayerByName(table)
        if layer.GetLayerDefn().GetFieldIndex("communes") >= 0:  # the sample is at schema 9 already
            layer.DeleteField(layer.GetLayerDefn().GetFieldIndex("communes"))
    dataset = None
    set_schema_version(atelier, 9)


def make_schema_8(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 8 wrote it: a merge conflict named no field, value nor author."""
    make_schema_9(atelier)
    conflicts = TABLE_BY_NAME["merge_conflicts"]
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    for trigger in ("uuid", "updated_at"):  # SQLite drops no column a trigger names
        dataset.ExecuteSQL(f'DROP TRIGGER "merge_conflicts_{trigger}"')
    layer = dataset.GetLayerByName("merge_conflicts")
    for field in SCHEMA_9_CONFLICT_FIELDS:
        layer.DeleteField(layer.GetLayerDefn().GetFieldIndex(field))
    schema_8_fields = tuple(field for field in conflicts.fields if field.name not in SCHEMA_9_CONFLICT_FIELDS)
    create_tracking_triggers(dataset, dataclasses.replace(conflicts, fields=schema_8_fields))
    dataset = None
    set_schema_version(atelier, 8)


def make_schema_7(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 7 wrote it: its metadata as GDAL dataset metadata, no table."""
    make_schema_8(atelier)
    with closing(sqlite3.connect(atelier.path)) as connection, connection:
        items = dict(connection.execute(f"SELECT key, value FROM {METADATA_TABLE}"))
        connection.execute(f"DROP TABLE {METADATA_TABLE}")
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    for key, value in {**items, "SCHEMA_VERSION": "7"}.items():
        dataset.SetMetadataItem(METADATA_PREFIX + key, value)
    dataset = None


def make_schema_5(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 5 wrote it: no table of merge conflicts."""
    make_schema_7(atelier)
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL("DELETE FROM layer_styles WHERE f_table_name = 'merge_conflicts'")
    dataset.DeleteLayer("merge_conflicts")
    dataset.SetMetadataItem(METADATA_PREFIX + "SCHEMA_VERSION", "5")
    dataset = None


def make_schema_4(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 4 wrote it: no view for the action sheets."""
    make_schema_5(atelier)
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL(f"DELETE FROM layer_styles WHERE f_table_name = '{ACTION_SHEETS}'")
    dataset.ExecuteSQL(f"DELETE FROM gpkg_geometry_columns WHERE table_name = '{ACTION_SHEETS}'")
    dataset.ExecuteSQL(f"DELETE FROM gpkg_contents WHERE table_name = '{ACTION_SHEETS}'")
    dataset.ExecuteSQL(f'DROP VIEW "{ACTION_SHEETS}"')
    dataset.SetMetadataItem(METADATA_PREFIX + "SCHEMA_VERSION", "4")
    dataset = None


def make_schema_3(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 3 wrote it: no itineraries, plain attachments."""
    make_schema_4(atelier)
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL("DELETE FROM layer_styles WHERE f_table_name = 'itineraries'")
    dataset.DeleteLayer("itineraries")
    for index in ("attachments_sha256", "attachments_feature_uuid"):
        dataset.ExecuteSQL(f'DROP INDEX "{index}"')
    layer = dataset.GetLayerByName("attachments")
    for field in SCHEMA_4_ATTACHMENT_FIELDS:
        layer.DeleteField(layer.GetLayerDefn().GetFieldIndex(field))
    dataset.SetMetadataItem(METADATA_PREFIX + "SCHEMA_VERSION", "3")
    dataset = None


def make_schema_1(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 1 wrote it: no notes, and stakes had no priority nor look."""
    make_schema_3(atelier)
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL("DELETE FROM layer_styles WHERE f_table_name = 'notes'")
    dataset.DeleteLayer("notes")
    for table in STAKE_TABLES:
        for trigger in ("look_insert", "look_update"):
            dataset.ExecuteSQL(f'DROP TRIGGER "{table}_{trigger}"')
        layer = dataset.GetLayerByName(table)
        for field in ("priority", "look"):
            layer.DeleteField(layer.GetLayerDefn().GetFieldIndex(field))
    dataset.SetMetadataItem(METADATA_PREFIX + "SCHEMA_VERSION", "1")
    dataset = None


def dataset_has_styled_layer(atelier: Atelier, table: str) -> bool:
    from qgis.core import QgsProject

    from bassee_atelier_plugin.core.presentation.project import project_uri

    with sqlite3.connect(atelier.path) as connection:
        styles = connection.execute("SELECT count(*) FROM layer_styles WHERE f_table_name = ?", (table,)).fetchone()[0]
    project = QgsProject()
    project.read(project_uri(atelier))
    in_project = any(layer.source().endswith(f"layername={table}") for layer in project.mapLayers().values())
    return styles > 0 and in_project


def gdal_metadata_rows(path) -> list[tuple[str, str | None]]:
    """The (scope, table) of what GDAL keeps in the GeoPackage's metadata tables."""
    with closing(sqlite3.connect(path)) as connection:
        if not connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'gpkg_metadata'").fetchone()[0]:
            return []
        return connection.execute(
            "SELECT r.reference_scope, r.table_name FROM gpkg_metadata m "
            "JOIN gpkg_metadata_reference r ON r.md_file_id = m.id WHERE m.md_standard_uri = 'http://gdal.org'"
        ).fetchall()


def metadata_rows(path) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as connection:
        return dict(connection.execute(f"SELECT key, value FROM {METADATA_TABLE}"))


def stake_titles(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT title FROM stakes_point ORDER BY title")]


def test_an_older_atelier_is_upgraded_in_place_after_a_backup(new_atelier):
    with writer(new_atelier, author="test") as edits:
        edits.insert("stakes_point", {"theme": "eau_risques", "title": "Zone inondable"}, "POINT (716000 6813000)")
    make_schema_1(new_atelier)
    before = digest(new_atelier.path)

    upgraded = open_atelier(new_atelier.path)

    assert upgraded.metadata.schema_version == SCHEMA_VERSION
    assert upgraded.backup is not None and upgraded.backup.exists()
    assert digest(upgraded.backup) == before  # the backup is the file exactly as it was
    assert read_metadata(upgraded.backup).schema_version == 1
    dataset = ogr.Open(str(upgraded.path))
    for table in STAKE_TABLES:
        assert dataset.GetLayerByName(table).GetLayerDefn().GetFieldIndex("priority") >= 0
    dataset = None
    with sqlite3.connect(upgraded.path) as connection:  # the existing stake got its look
        assert connection.execute("SELECT look FROM stakes_point").fetchone()[0] == "eau_risques:ouvert:0"
    assert stake_titles(upgraded.path) == ["Zone inondable"]
    assert dataset_has_styled_layer(upgraded, "notes")  # schema 3 added notes, styled and in the project
    reopened = open_atelier(upgraded.path)
    assert reopened.backup is None  # a current atelier is not upgraded twice


def test_a_schema_3_atelier_gains_photo_details_and_itineraries_keeping_its_photos(new_atelier):
    with writer(new_atelier, author="test") as edits:
        observation = edits.insert("observations", {"note": "Gravière"}, "POINT (706000 6810000)")
        edits.insert(
            "attachments",
            {
                "feature_uuid": observation,
                "file_name": "a.jpg",
                "mime_type": "image/jpeg",
                "size_bytes": 3,
                "sha256": "abc",
                "content": b"\xff\xd8\xff",
            },
        )
    make_schema_3(new_atelier)

    upgraded = open_atelier(new_atelier.path)

    assert read_metadata(upgraded.backup).schema_version == 3
    with sqlite3.connect(upgraded.path) as connection:
        connection.row_factory = sqlite3.Row
        [photo] = connection.execute("SELECT * FROM attachments").fetchall()
        indexes = {row[1] for row in connection.execute("PRAGMA index_list(attachments)")}
        connection.execute("UPDATE attachments SET caption = 'Vue du sud'")  # the stamp follows the new columns
        stamped = connection.execute("SELECT updated_at FROM attachments").fetchone()[0]
    assert (photo["content"], photo["original_kept"], photo["preview"]) == (b"\xff\xd8\xff", 1, None)
    assert {"attachments_sha256", "attachments_feature_uuid"} <= indexes
    assert stamped != photo["updated_at"]
    assert dataset_has_styled_layer(upgraded, "itineraries")


def test_a_schema_4_atelier_gains_the_view_of_its_action_sheets(new_atelier, tmp_path):
    from pypdf import PdfReader

    from bassee_atelier_plugin.core.deliverables.exports import export_deliverable

    with writer(new_atelier, author="test") as edits:
        edits.insert("actions", {"title": "Renaturer les berges"}, "POLYGON ((0 0, 10 0, 10 10, 0 0))")
    make_schema_4(new_atelier)

    upgraded = open_atelier(new_atelier.path)

    assert read_metadata(upgraded.backup).schema_version == 4
    assert dataset_has_styled_layer(upgraded, ACTION_SHEETS)
    written = export_deliverable(upgraded, "fiches", tmp_path / "fiches.pdf")
    assert "Renaturer les berges" in " ".join(PdfReader(written.path).pages[0].extract_text().split())


def test_a_schema_7_atelier_moves_its_metadata_from_gdal_into_its_own_table(new_atelier):
    make_schema_7(new_atelier)
    dataset = gdal.OpenEx(str(new_atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.GetLayerByName("notes").SetMetadataItem("SOURCE", "Relevés de terrain")  # a layer's own
    dataset = None
    assert ("geopackage", None) in gdal_metadata_rows(new_atelier.path)

    upgraded = open_atelier(new_atelier.path)

    assert read_metadata(upgraded.backup).schema_version == 7  # the backup still reads, to be opened again
    assert upgraded.metadata == dataclasses.replace(new_atelier.metadata, schema_version=SCHEMA_VERSION)
    rows = metadata_rows(upgraded.path)  # GDAL kept no empty values: their defaults are read back
    assert AtelierMetadata.from_items(rows) == upgraded.metadata and rows["SCHEMA_VERSION"] == str(SCHEMA_VERSION)
    assert gdal_metadata_rows(upgraded.path) == [("table", "notes")]  # GDAL's dataset metadata went, only
    assert_read_only_opens_leave_no_side_file(upgraded.path)
    assert open_atelier(upgraded.path).backup is None


def test_a_schema_8_atelier_keeps_its_conflicts_and_gains_their_field_values_and_authors(new_atelier):
    from bassee_atelier_plugin.core.lifecycle.validation import validate

    make_schema_8(new_atelier)
    old_conflict = ("stakes_point", "0b7c…", "laptop-a.gpkg", '{"theme": "eau_risques"}', "laptop-b.gpkg", 0)
    with closing(sqlite3.connect(new_atelier.path)) as connection, connection:
        connection.execute(
            "INSERT INTO merge_conflicts (table_name, feature_uuid, kept_from, kept_version, other_from, reviewed, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z')",
            old_conflict,
        )

    upgraded = open_atelier(new_atelier.path)

    assert read_metadata(upgraded.backup).schema_version == 8
    assert metadata_rows(upgraded.path)["SCHEMA_VERSION"] == str(SCHEMA_VERSION) == "12"
    kept = "SELECT table_name, feature_uuid, kept_from, kept_version, other_from, reviewed FROM merge_conflicts"
    new_fields = ", ".join(SCHEMA_9_CONFLICT_FIELDS)
    with closing(sqlite3.connect(upgraded.path)) as connection, connection:
        assert connection.execute(kept).fetchall() == [old_conflict]
        assert connection.execute(f"SELECT {new_fields} FROM merge_conflicts").fetchall() == [(None,) * 5]
        for field in SCHEMA_9_CONFLICT_FIELDS:  # each new field is content: writing it stamps the row
            connection.execute("UPDATE merge_conflicts SET updated_at = '2026-01-01T00:00:00.000Z'")
            connection.execute(f"UPDATE merge_conflicts SET {field} = ?", (f'"{field}"',))
            assert connection.execute("SELECT updated_at FROM merge_conflicts").fetchone()[0] > "2026-01-02"
        written = connection.execute(f"SELECT {new_fields} FROM merge_conflicts").fetchone()
        style = "SELECT styleQML FROM layer_styles WHERE f_table_name = 'merge_conflicts' AND useAsDefault"
        restyled = connection.execute(style).fetchone()[0]
    assert written == tuple(f'"{field}"' for field in SCHEMA_9_CONFLICT_FIELDS)
    assert all(f'name="{field}"' in restyled for field in SCHEMA_9_CONFLICT_FIELDS)  # the form shows them
    assert validate(upgraded.path) == []


def test_a_schema_10_atelier_loses_the_feature_counts_whose_triggers_changed_its_schema_at_each_edit(new_atelier):
    make_schema_10(new_atelier)

    upgraded = open_atelier(new_atelier.path)

    with closing(sqlite3.connect(upgraded.path)) as connection:
        bookkeeping = connection.execute(
            "SELECT name FROM sqlite_master WHERE name = 'gpkg_ogr_contents' OR name LIKE '%feature_count%'"
        ).fetchall()
    assert bookkeeping == []
    before = schema_version(upgraded.path)
    with writer(upgraded, author="test") as edits:  # GDAL dropped its triggers here, and made them again at closing
        edits.insert("stakes_point", {"theme": "eau_risques", "title": "Zone inondable"}, "POINT (716000 6813000)")
    assert schema_version(upgraded.path) == before
    dataset = gdal.OpenEx(str(upgraded.path), gdal.OF_VECTOR)
    assert dataset.GetLayerByName("stakes_point").GetFeatureCount() == 1  # GDAL counts the rows instead
    dataset = None


def test_an_older_atelier_read_without_an_upgrade_is_left_as_it_was_with_nothing_beside_it(new_atelier):
    from bassee_atelier_plugin.core.lifecycle.validation import validate

    make_schema_7(new_atelier)
    before = digest(new_atelier.path)

    problems = validate(new_atelier.path)  # as `validate` and `info` read it: no upgrade
    summary = open_atelier(new_atelier.path, upgrade=False).summary()

    assert problems == [f"schema 7 is older than {SCHEMA_VERSION}: open it once to upgrade it"]
    assert summary["schema_version"] == 7 and summary["territory"] == "CC Bassée-Montois"
    assert digest(new_atelier.path) == before
    assert [path.name for path in new_atelier.path.parent.iterdir()] == [new_atelier.path.name]


def test_the_sample_atelier_as_schema_7_wrote_it_upgrades_whole(qgis_app, tmp_path):
    from bassee_atelier_plugin.core.lifecycle.validation import validate

    sample = open_atelier(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee.gpkg"))
    counts = sample.counts()
    make_schema_7(sample)

    upgraded = open_atelier(sample.path)

    assert upgraded.backup is not None and upgraded.metadata == sample.metadata
    assert AtelierMetadata.from_items(metadata_rows(upgraded.path)) == sample.metadata
    assert upgraded.counts() == counts and validate(upgraded.path) == []
    assert gdal_metadata_rows(upgraded.path) == []
    assert_read_only_opens_leave_no_side_file(upgraded.path)


def test_a_newer_atelier_is_refused_and_left_untouched(new_atelier):
    set_schema_version(new_atelier, SCHEMA_VERSION + 1)
    before = digest(new_atelier.path)
    with pytest.raises(AtelierError, match="newer version of the plugin"):
        open_atelier(new_atelier.path)
    assert digest(new_atelier.path) == before


def test_an_atelier_of_an_unknown_old_schema_is_refused(new_atelier):
    set_schema_version(new_atelier, 0)
    before = digest(new_atelier.path)
    with pytest.raises(AtelierError, match="cannot upgrade"):
        open_atelier(new_atelier.path)
    assert digest(new_atelier.path) == before
    assert not list(new_atelier.path.parent.glob("*.backup-*"))


def test_a_read_only_older_atelier_is_not_upgraded(new_atelier):
    make_schema_1(new_atelier)
    os.chmod(new_atelier.path, 0o444)
    try:
        with pytest.raises(AtelierError, match="read-only, so it cannot be upgraded"):
            open_atelier(new_atelier.path)
        assert read_metadata(new_atelier.path).schema_version == 1
    finally:
        os.chmod(new_atelier.path, 0o644)
