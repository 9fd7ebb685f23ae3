"""Merging ateliers edited on several machines: matched by UUID, nothing lost, nothing doubled."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate

BRAY = "POINT (717800 6812600)"
GOUAIX = "POINT (721900 6816700)"


@pytest.fixture
def machines(new_atelier, tmp_path) -> tuple[Atelier, str, Atelier, Atelier]:
    """The atelier as handed to two laptops: one shared stake, then each machine's copy."""
    with writer(new_atelier, author="Équipe") as edits:
        shared = edits.insert("stakes_point", {"theme": "mobilite", "title": "Gare de Flamboin"}, GOUAIX)
    laptops = []
    for name in ("groupe_nord", "groupe_sud"):
        (tmp_path / name).mkdir()
        laptops.append(open_atelier(shutil.copy(new_atelier.path, tmp_path / name / "atelier.gpkg")))
    return new_atelier, shared, *laptops


def rows(path: Path, table: str, columns: str = "*") -> list[sqlite3.Row]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(f"SELECT {columns} FROM {table} ORDER BY rowid").fetchall()


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every tracked table's rows without their fid: what a merge must reproduce exactly."""
    from bassee_atelier_plugin.core.model.schema import TABLES

    with sqlite3.connect(path) as connection:
        return {
            table.name: sorted(tuple(row[1:]) for row in connection.execute(f'SELECT * FROM "{table.name}"'))
            for table in TABLES
        }


def test_new_features_of_each_machine_are_all_kept_once(machines, tmp_path):
    _origin, _shared, north, south = machines
    with writer(north, author="Nord") as edits:
        edits.insert("stakes_point", {"theme": "agriculture", "title": "Coulées de boue 😟"}, BRAY)
    with writer(south, author="Sud") as edits:
        edits.insert("notes", {"text": "'; DROP TABLE actors; --"}, BRAY)
    before = [laptop.path.read_bytes() for laptop in (north, south)]

    summary = merge_ateliers([north.path, south.path], tmp_path / "fusion.gpkg")

    assert [laptop.path.read_bytes() for laptop in (north, south)] == before  # the inputs are left as they were
    titles = [row["title"] for row in rows(summary.path, "stakes_point")]
    assert sorted(titles) == ["Coulées de boue 😟", "Gare de Flamboin"]
    assert [row["text"] for row in rows(summary.path, "notes")] == ["'; DROP TABLE actors; --"]
    assert summary.tables["notes"].added == 1 and summary.total("conflicts") == 0
    assert validate(summary.path) == []
    journal = rows(summary.path, "journal", "author")
    assert {"Nord", "Sud", "Équipe"} <= {row["author"] for row in journal}  # both histories are kept


def test_an_edit_on_one_machine_wins_without_a_conflict(machines, tmp_path):
    _origin, shared, north, south = machines
    with writer(north, author="Nord") as edits:
        edits.update("stakes_point", shared, {"status": "retenu"})

    summary = merge_ateliers([south.path, north.path], tmp_path / "fusion.gpkg")

    assert [row["status"] for row in rows(summary.path, "stakes_point")] == ["retenu"]
    assert summary.tables["stakes_point"].updated == 1 and summary.total("conflicts") == 0


def test_the_same_feature_edited_on_two_machines_keeps_the_latest_and_lists_both(machines, tmp_path):
    _origin, shared, north, south = machines
    with writer(north, author="Nord") as edits:
        edits.update("stakes_point", shared, {"comment": "Parking saturé"})
    with writer(south, author="Sud") as edits:  # later: it wins
        edits.update("stakes_point", shared, {"comment": "Abri vélos demandé"})

    summary = merge_ateliers([north.path, south.path], tmp_path / "fusion.gpkg")

    assert [row["comment"] for row in rows(summary.path, "stakes_point")] == ["Abri vélos demandé"]
    [conflict] = rows(summary.path, "merge_conflicts")
    assert (conflict["table_name"], conflict["feature_uuid"]) == ("stakes_point", shared)
    assert json.loads(conflict["kept_version"])["comment"] == "Abri vélos demandé"
    assert json.loads(conflict["other_version"])["comment"] == "Parking saturé"
    assert json.loads(conflict["other_version"])["geometry"].startswith("POINT")
    assert conflict["kept_from"] == "atelier.gpkg" and summary.tables["stakes_point"].conflicts == 1


def test_a_deletion_on_one_machine_travels_to_the_merge(machines, tmp_path):
    _origin, shared, north, south = machines
    with writer(north, author="Nord") as edits:
        edits.delete("stakes_point", shared)

    for order in ([north.path, south.path], [south.path, north.path]):
        summary = merge_ateliers(order, tmp_path / "fusion.gpkg")
        assert rows(summary.path, "stakes_point") == [], order


def test_merging_again_or_with_an_input_changes_nothing(machines, tmp_path):
    _origin, shared, north, south = machines
    with writer(north, author="Nord") as edits:
        edits.update("stakes_point", shared, {"comment": "Parking saturé"})
        edits.insert("stakes_point", {"theme": "energie", "title": "Méthaniseur"}, BRAY)
    with writer(south, author="Sud") as edits:
        edits.update("stakes_point", shared, {"comment": "Abri vélos demandé"})

    first = merge_ateliers([north.path, south.path], tmp_path / "premiere.gpkg")
    again = merge_ateliers([north.path, south.path], tmp_path / "encore.gpkg")
    with_input = merge_ateliers([first.path, south.path], tmp_path / "avec_entree.gpkg")

    assert contents(again.path) == contents(first.path)
    assert contents(with_input.path) == contents(first.path)
    assert with_input.total("added") == with_input.total("updated") == with_input.total("conflicts") == 0


def test_the_same_photo_imported_on_two_machines_is_stored_once(machines, tmp_path):
    _origin, shared, north, south = machines
    photo = {"feature_uuid": shared, "file_name": "gare.jpg", "mime_type": "image/jpeg", "size_bytes": 3}
    for laptop in (north, south):
        with writer(laptop, author="terrain") as edits:
            edits.insert("attachments", {**photo, "sha256": "ab12", "content": b"\xff\xd8\xff"})

    summary = merge_ateliers([north.path, south.path], tmp_path / "fusion.gpkg")

    assert len(rows(summary.path, "attachments")) == 1


def test_a_photo_taken_on_one_machine_arrives_whole(machines, tmp_path):
    _origin, shared, north, south = machines
    content = bytes(range(256)) * 40
    photo = {"feature_uuid": shared, "file_name": "berge.jpg", "mime_type": "image/jpeg", "size_bytes": len(content)}
    with writer(south, author="terrain") as edits:
        edits.insert("attachments", {**photo, "sha256": "cd34", "content": content, "preview": content[:100]})

    summary = merge_ateliers([north.path, south.path], tmp_path / "fusion.gpkg")

    with sqlite3.connect(summary.path) as connection:
        stored = connection.execute("SELECT content, preview FROM attachments WHERE sha256 = 'cd34'").fetchall()
    assert stored == [(content, content[:100])]


def test_a_list_entry_added_on_one_machine_joins_by_its_code(machines, tmp_path):
    _origin, _shared, north, south = machines
    with sqlite3.connect(south.path) as connection:
        connection.execute(
            "INSERT INTO thesaurus_themes (code, label_fr, label_en, colour, position) "
            "VALUES ('eau_potable', 'Eau potable', 'Drinking water', '#0000ff', 99)"
        )

    summary = merge_ateliers([north.path, south.path], tmp_path / "fusion.gpkg")

    codes = [row["code"] for row in rows(summary.path, "thesaurus_themes", "code")]
    assert codes.count("eau_potable") == 1 and codes.count("mobilite") == 1


def test_an_invalid_zone_is_made_valid_and_reported_and_a_long_comment_arrives_whole(machines, tmp_path):
    _origin, _shared, north, south = machines
    bow_tie = "POLYGON ((717000 6812000, 718000 6813000, 718000 6812000, 717000 6813000, 717000 6812000))"
    long_comment = "Crue de 2016 : " + "é" * 1_000_000
    with writer(south, author="Sud") as edits:
        zone = edits.insert("stakes_area", {"theme": "eau_risques", "title": "Noue", "comment": long_comment}, bow_tie)

    summary = merge_ateliers([north.path, south.path], tmp_path / "fusion.gpkg")

    assert any(zone in warning and "made valid" in warning for warning in summary.warnings)
    [row] = rows(summary.path, "stakes_area", "comment")
    assert row["comment"] == long_comment
    from osgeo import ogr

    dataset = ogr.Open(str(summary.path))
    feature = dataset.GetLayerByName("stakes_area").GetNextFeature()
    geometry = feature.GetGeometryRef()
    assert geometry.IsValid() and geometry.GetArea() > 0


def test_features_of_an_atelier_in_another_crs_are_reprojected(machines, qgis_app, tmp_path):
    _origin, _shared, north, _south = machines
    other = create_atelier(tmp_path / "wgs.gpkg", territory="CC Bassée-Montois", crs="EPSG:3857")
    with writer(other, author="Web") as edits:
        edits.insert("stakes_point", {"theme": "mobilite", "title": "En Web Mercator"}, "POINT (362000 6171000)")

    summary = merge_ateliers([north.path, other.path], tmp_path / "fusion.gpkg")

    from osgeo import ogr

    dataset = ogr.Open(str(summary.path))
    layer = dataset.GetLayerByName("stakes_point")
    layer.SetAttributeFilter("title = 'En Web Mercator'")
    feature = layer.GetNextFeature()
    point = feature.GetGeometryRef()
    assert 650000 < point.GetX() < 800000 and 6700000 < point.GetY() < 6900000  # now in Lambert-93


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (lambda north, south, tmp: ([north.path, north.path], tmp / "f.gpkg"), "is given twice"),
        (lambda north, south, tmp: ([north.path], tmp / "f.gpkg"), "at least two"),
        (lambda north, south, tmp: ([north.path, south.path], north.path), "one of the ateliers to merge"),
        (lambda north, south, tmp: ([north.path, south.path], tmp / "f.zip"), "ends in .gpkg"),
        (lambda north, south, tmp: ([north.path, south.path], tmp / "absent" / "f.gpkg"), "does not exist"),
        (lambda north, south, tmp: ([north.path, tmp / "nowhere.gpkg"], tmp / "f.gpkg"), "nowhere.gpkg"),
    ],
)
def test_bad_merges_are_refused_clearly_and_touch_nothing(machines, tmp_path, arguments, message):
    _origin, _shared, north, south = machines
    before = north.path.read_bytes()

    with pytest.raises(AtelierError, match=message):
        merge_ateliers(*arguments(north, south, tmp_path))

    assert north.path.read_bytes() == before
    assert not (tmp_path / "f.gpkg").exists() and not list(tmp_path.glob(".merge-*"))


def test_a_file_that_is_no_atelier_is_named_in_the_message(machines, tmp_path):
    _origin, _shared, north, _south = machines
    text = tmp_path / "notes.gpkg"
    text.write_text("pas un GeoPackage", encoding="utf-8")

    with pytest.raises(AtelierError, match="notes.gpkg is not a GeoPackage"):
        merge_ateliers([north.path, text], tmp_path / "f.gpkg")


def test_a_conflict_reviewed_in_favour_of_the_other_version_puts_it_back(machines, tmp_path):
    from bassee_atelier_plugin.core.handoff.review import review_conflict

    _origin, shared, north, south = machines
    with writer(north, author="Nord") as edits:
        edits.update("stakes_point", shared, {"comment": "Parking saturé"}, "POINT (721950 6816750)")
    with writer(south, author="Sud") as edits:
        edits.update("stakes_point", shared, {"comment": "Abri vélos demandé"})
    merged = open_atelier(merge_ateliers([north.path, south.path], tmp_path / "fusion.gpkg").path)
    [conflict] = rows(merged.path, "merge_conflicts")

    review_conflict(merged, conflict["uuid"], keep_other=True, author="Relecteur")

    [stake] = rows(merged.path, "stakes_point")
    assert stake["comment"] == "Parking saturé"
    assert rows(merged.path, "merge_conflicts", "reviewed")[0]["reviewed"] == 1
    from osgeo import ogr

    dataset = ogr.Open(str(merged.path))  # kept: OGR frees a layer's features with their dataset
    feature = dataset.GetLayerByName("stakes_point").GetNextFeature()
    assert round(feature.GetGeometryRef().GetX()) == 721950  # the other version's geometry came back too
    assert rows(merged.path, "journal", "operation")[-2]["operation"] == "merge review"


def _truncated(north: Atelier, tmp_path: Path) -> Path:
    path = tmp_path / "tronque.gpkg"
    path.write_bytes(north.path.read_bytes()[:3000])
    return path


def _other_tool(north: Atelier, tmp_path: Path) -> Path:
    from osgeo import ogr, osr

    path = tmp_path / "parcelles.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(2154)
    dataset.CreateLayer("parcelles", reference, ogr.wkbPolygon)
    dataset = None
    return path


def _newer(north: Atelier, tmp_path: Path) -> Path:
    from osgeo import gdal

    from bassee_atelier_plugin.core.model.schema import SCHEMA_VERSION
    from bassee_atelier_plugin.core.stores.ogr_tables import write_metadata

    path = Path(shutil.copy(north.path, tmp_path / "future.gpkg"))
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    write_metadata(dataset, {"SCHEMA_VERSION": str(SCHEMA_VERSION + 1)})
    dataset = None
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, "tronque.gpkg"),
        (_other_tool, "GeoPackage but not an atelier"),
        (_newer, "schema"),
    ],
)
def test_a_damaged_foreign_or_newer_file_stops_the_merge_before_anything_is_written(machines, tmp_path, make, message):
    _origin, _shared, north, _south = machines
    bad = make(north, tmp_path)
    before = bad.read_bytes()

    with pytest.raises(AtelierError, match=message):
        merge_ateliers([north.path, bad], tmp_path / "fusion.gpkg")

    assert bad.read_bytes() == before and not (tmp_path / "fusion.gpkg").exists()
