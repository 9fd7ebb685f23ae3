"""The deleted stakes and sketches kept for QGIS's time line: by the writer, the undo, the upgrade and the merge."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from osgeo import gdal

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from bassee_atelier_plugin.core.model.schema import DELETED_TABLES
from tests.qgis.atelier_opening_helpers import set_schema_version
from tests.qgis.test_merge_fields import GOUAIX, STAKES, edit, laptops  # noqa: F401 - the fixture

BRAY = "POINT (716000 6813000)"
DELETED = "deleted_stakes_point"


def deleted_rows(path: Path, table: str = DELETED) -> dict[str, sqlite3.Row]:
    with closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        return {row["uuid"]: row for row in connection.execute(f'SELECT * FROM "{table}"')}


def live_uuids(path: Path, table: str = STAKES) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {uuid for (uuid,) in connection.execute(f'SELECT uuid FROM "{table}"')}


def test_a_deleted_stake_is_kept_as_it_was_with_the_time_it_went_and_an_undo_takes_it_back(new_atelier):
    with writer(new_atelier, author="Claire") as edits:
        stake = edits.insert(STAKES, {"theme": "mobilite", "title": "Gare de Flamboin", "votes_for": 3}, GOUAIX)
        note = edits.insert("notes", {"text": "Pause"}, BRAY)
    with closing(sqlite3.connect(new_atelier.path)) as connection:
        [look] = connection.execute(f"SELECT look FROM {STAKES}").fetchone()
    editor = LiveEditor(new_atelier, "Claire")
    try:
        editor.delete(STAKES, stake)
        editor.delete("notes", note)

        [kept] = deleted_rows(new_atelier.path).values()
        with closing(sqlite3.connect(new_atelier.path)) as connection:
            deleted_at, details = connection.execute(
                f"SELECT created_at, details FROM journal WHERE operation = 'delete' AND feature_uuid = '{stake}'"
            ).fetchone()
        assert (kept["uuid"], kept["title"], kept["theme"], kept["votes_for"]) == (
            stake,
            "Gare de Flamboin",
            "mobilite",
            3,
        )
        assert kept["deleted_at"] == deleted_at and kept["created_at"] == json.loads(details)["created_at"]
        assert kept["look"] == look and kept["communes"] is None  # as the map drew it (no commune layer here)
        assert set(deleted_rows(new_atelier.path, "deleted_notes")) == {note}  # notes are drawn with the sketches
        others = [table for table in DELETED_TABLES if table not in (DELETED, "deleted_notes")]
        assert all(deleted_rows(new_atelier.path, table) == {} for table in others)

        editor.undo()  # the note comes back
        editor.undo()  # the stake comes back
    finally:
        editor.close()
    assert deleted_rows(new_atelier.path) == deleted_rows(new_atelier.path, "deleted_notes") == {}
    assert live_uuids(new_atelier.path) == {stake} and live_uuids(new_atelier.path, "notes") == {note}
    assert validate(new_atelier.path) == []


def test_the_deleted_geometry_is_kept_in_the_atelier_crs(new_atelier):
    with writer(new_atelier, author="Claire") as edits:
        stake = edits.insert(STAKES, {"theme": "mobilite"}, GOUAIX)
        edits.delete(STAKES, stake)
    with new_atelier.dataset() as dataset:
        layer = dataset.GetLayerByName(DELETED)
        kept = [feature.GetGeometryRef().ExportToIsoWkt() for feature in layer]
        crs = layer.GetSpatialRef().GetAuthorityCode(None)
    assert kept == [GOUAIX] and f"EPSG:{crs}" == new_atelier.metadata.crs


def test_a_stake_deleted_twice_is_kept_once_with_its_last_deletion(new_atelier):
    with writer(new_atelier, author="Claire") as edits:
        stake = edits.insert(STAKES, {"theme": "mobilite", "title": "Gare"}, GOUAIX)
        edits.delete(STAKES, stake)
        values = {"theme": "mobilite", "title": "Gare, revue", "uuid": stake}
        edits.insert(STAKES, values, GOUAIX, operation="restore")
        edits.delete(STAKES, stake)

    [kept] = deleted_rows(new_atelier.path).values()
    assert kept["title"] == "Gare, revue"


def make_schema_11(atelier: Atelier) -> None:
    """Turn a current atelier into one as schema 11 wrote it: its deletions only in the journal."""
    dataset = gdal.OpenEx(str(atelier.path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    for table in DELETED_TABLES:
        dataset.DeleteLayer(table)
        dataset.ExecuteSQL(f"DELETE FROM layer_styles WHERE f_table_name = '{table}'")
    dataset = None
    set_schema_version(atelier, 11)


def test_an_older_atelier_gets_its_deleted_stakes_and_sketches_back_from_its_journal(new_atelier):
    with writer(new_atelier, author="Claire") as edits:
        gone = edits.insert(STAKES, {"theme": "mobilite", "title": "Gare"}, GOUAIX)
        back = edits.insert(STAKES, {"theme": "agriculture", "title": "Ferme"}, BRAY)
        sketch = edits.insert("sketches_line", {"kind": "flux"}, "LINESTRING (716000 6813000, 717000 6814000)")
        for uuid, table in ((gone, STAKES), (back, STAKES), (sketch, "sketches_line")):
            edits.delete(table, uuid)
        edits.insert(STAKES, {"theme": "agriculture", "title": "Ferme", "uuid": back}, BRAY, operation="restore")
    make_schema_11(new_atelier)
    with closing(sqlite3.connect(new_atelier.path)) as connection:  # a line no one can read is passed over
        connection.execute(
            "INSERT INTO journal (uuid, created_at, updated_at, operation, table_name, feature_uuid, details) "
            "VALUES ('x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'delete', 'stakes_area', 'y', 'not json')"
        )

    upgraded = open_atelier(new_atelier.path)

    assert upgraded.backup is not None
    assert set(deleted_rows(upgraded.path)) == {gone}
    assert set(deleted_rows(upgraded.path, "deleted_sketches_line")) == {sketch}
    assert deleted_rows(upgraded.path, "deleted_stakes_area") == {}
    assert validate(upgraded.path) == []
    assert {"deleted_stakes_point", "deleted_sketches_line"} <= set(upgraded.layer_tables())


def test_a_merge_keeps_what_either_laptop_deleted_except_what_the_other_edited(laptops, tmp_path):  # noqa: F811
    stake, (first, second, _third) = laptops
    with writer(second, author="Table 2") as edits:  # drawn and deleted on the second laptop only
        passing = edits.insert(STAKES, {"theme": "mobilite", "title": "Idée retirée"}, BRAY)
    edit(second, "Table 2", lambda editor: editor.delete(STAKES, passing))
    edit(first, "Table 1", lambda editor: editor.delete(STAKES, stake))

    merged = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg").path

    assert set(deleted_rows(merged)) == {stake, passing}
    assert not live_uuids(merged) & {stake, passing}

    # the same stake edited on the other laptop since: the edit wins, and it is no longer deleted
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"title": "Gare de Flamboin, revue"}))
    merged_again = merge_ateliers([first.path, second.path], tmp_path / "fusion_2.gpkg").path
    assert stake in live_uuids(merged_again) and set(deleted_rows(merged_again)) == {passing}
    assert merge_ateliers([merged_again, first.path], tmp_path / "fusion_3.gpkg").path  # idempotent below
    assert set(deleted_rows(tmp_path / "fusion_3.gpkg")) == {passing}
