"""The commune of every feature: computed from the atelier's own commune layer on every path a feature is written."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from osgeo import gdal
from qgis.core import QgsExpression, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import COMMUNE_TABLES, OUTSIDE_COMMUNES
from bassee_atelier_plugin.core.phones.contributions import ContributionDesk
from bassee_atelier_plugin.core.presentation.names import COMMUNE_NAMES_FIELD, layer_table
from bassee_atelier_plugin.core.presentation.project import add_to_project
from bassee_atelier_plugin.core.stores.ogr_tables import METADATA_TABLE
from bassee_atelier_plugin.core.visits.gpx import import_gpx
from bassee_atelier_plugin.core.visits.observations import import_photo_folder
from tests.conftest import COMMUNES, GPX_FILES, SAMPLE_DATA
from tests.photos import geotagged_jpeg
from tests.qgis.conftest import needs_postgres
from tests.qgis.postgis_helpers import name_of

BRAY, GOUAIX = (717800, 6812600), (721900, 6816700)  # Bray-sur-Seine 77051, Gouaix 77208, in Lambert-93
BRAY_SUR_SEINE, GOUAIX_CODE, MOUY_SUR_SEINE, BALLOY = "77051", "77208", "77325", "77019"
FAR_AWAY = (650000, 6862000)  # Paris: in the atelier's CRS, outside every commune of the territory


def point(x: float, y: float) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


def communes_of(path, table: str) -> list:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute(f'SELECT communes FROM "{table}" ORDER BY fid')]


@pytest.fixture
def atelier(created_atelier, tmp_path):
    atelier = created_atelier(tmp_path / "a.gpkg", communes=True)
    with writer(atelier, author="test") as edits:
        atelier.session = edits.insert("sessions", {"kind": "atelier", "title": "Atelier de juin"})
    return atelier


@pytest.fixture
def editor(atelier):
    editor = LiveEditor(atelier, author="Animatrice")
    editor.session_uuid = atelier.session
    yield editor
    editor.close()


def shared_vertex(atelier, first: str, second: str) -> tuple[float, float]:
    """A vertex of the outline of commune ``first`` that ``second``'s outline has too: on their border."""
    layer = QgsVectorLayer(atelier.layer_uri("communes"), "communes", "ogr")
    outlines = {feature["code"]: feature.geometry() for feature in layer.getFeatures()}
    others = [outline for code, outline in outlines.items() if code not in (first, second)]
    second_vertices = {(v.x(), v.y()) for v in outlines[second].vertices()}
    for vertex in outlines[first].vertices():
        xy = (vertex.x(), vertex.y())
        if xy in second_vertices and not any(other.intersects(point(*xy)) for other in others):
            return xy
    raise AssertionError(f"{first} and {second} share no vertex")


def test_a_stake_clicked_in_a_commune_on_a_border_and_outside_names_one_two_or_no_commune(atelier, editor):
    border = shared_vertex(atelier, BRAY_SUR_SEINE, MOUY_SUR_SEINE)

    results = [editor.add_stake(point(*xy), "eau_risques") for xy in (BRAY, border, FAR_AWAY)]

    assert communes_of(atelier.path, "stakes_point") == [
        BRAY_SUR_SEINE,
        f"{BRAY_SUR_SEINE},{MOUY_SUR_SEINE}",
        OUTSIDE_COMMUNES,
    ]
    assert results[2].warnings  # outside the territory: kept, flagged, never refused


def test_a_line_and_an_area_across_communes_name_each_sorted_and_a_move_follows_the_geometry(atelier, editor):
    line = QgsGeometry.fromPolylineXY([QgsPointXY(*GOUAIX), QgsPointXY(*BRAY)])
    sketch = editor.add_sketch(line, "flux")
    stake = editor.add_stake(point(*BRAY), "mobilite")

    codes = communes_of(atelier.path, "sketches_line")[0].split(",")
    assert codes == sorted(codes) and {BRAY_SUR_SEINE, GOUAIX_CODE} <= set(codes)

    editor.set_geometry("stakes_point", stake.uuid, point(*GOUAIX))
    assert communes_of(atelier.path, "stakes_point") == [GOUAIX_CODE]
    editor.undo()
    assert communes_of(atelier.path, "stakes_point") == [BRAY_SUR_SEINE]
    editor.redo()
    assert communes_of(atelier.path, "stakes_point") == [GOUAIX_CODE]
    with sqlite3.connect(atelier.path) as connection:
        moves = connection.execute(
            "SELECT details FROM journal WHERE feature_uuid = ? AND operation != 'create' ORDER BY fid", (stake.uuid,)
        ).fetchall()
    assert [json.loads(details)["communes"] for (details,) in moves] == [GOUAIX_CODE, BRAY_SUR_SEINE, GOUAIX_CODE]
    assert sketch.uuid


def test_an_atelier_without_a_commune_layer_leaves_the_field_empty_without_an_error(new_atelier):
    editor = LiveEditor(new_atelier, author="Animatrice")
    try:
        result = editor.add_stake(point(*BRAY), "eau_risques")
    finally:
        editor.close()

    assert communes_of(new_atelier.path, "stakes_point") == [None]
    assert not any("commune" in warning for warning in result.warnings)


def test_an_invalid_commune_outline_is_repaired_for_the_computation_and_listed_once(new_atelier, tmp_path):
    x, y = 700_000, 6_800_000
    bow_tie = [[x, y], [x + 1000, y + 1000], [x + 1000, y], [x, y + 1000], [x, y]]
    square = [[x + 1000, y], [x + 2000, y], [x + 2000, y + 1000], [x + 1000, y + 1000], [x + 1000, y]]
    features = [
        {
            "type": "Feature",
            "properties": {"insee": code, "name": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }
        for code, name, ring in (("99001", "Noeud", bow_tie), ("99002", "Carré", square))
    ]
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}
    communes = tmp_path / "communes.geojson"
    communes.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}), encoding="utf-8")
    new_atelier.add_context_layer("communes", communes)
    editor = LiveEditor(new_atelier, author="Animatrice")
    try:
        first = editor.add_stake(point(x + 100, y + 500), "eau_risques")  # in the bow tie's left half
        second = editor.add_stake(point(x + 1500, y + 500), "eau_risques")
    finally:
        editor.close()

    assert communes_of(new_atelier.path, "stakes_point") == ["99001", "99002"]
    assert [warning for warning in first.warnings if "99001" in warning]  # listed, by its code
    assert not [warning for warning in second.warnings if "99001" in warning]  # once


def test_phone_contributions_gpx_and_photo_imports_name_their_communes(atelier, tmp_path):
    phones = ContributionDesk(atelier, atelier.session)
    try:
        phones.contribute("phone-of-the-test-1", {"x": BRAY[0], "y": BRAY[1], "theme": "eau_risques", "title": "Digue"})
    finally:
        phones.close()
    import_gpx(atelier, GPX_FILES / "track_segments_1_0.gpx", atelier.session, author="Camille")
    photos = tmp_path / "photos"
    photos.mkdir()
    geotagged_jpeg(photos / "IMG_0001.jpg", 48.3985, 3.1475)  # latitude, longitude in Balloy
    import_photo_folder(atelier, photos, atelier.session, join_distance_m=1)

    assert communes_of(atelier.path, "stakes_point") == [BRAY_SUR_SEINE]
    assert communes_of(atelier.path, "observations") == [BRAY_SUR_SEINE, BALLOY]  # the GPX waypoint's, the photo's


def test_two_laptops_merged_give_each_feature_the_communes_of_its_merged_geometry(atelier, tmp_path):
    with writer(atelier, author="Équipe") as edits:
        shared = edits.insert("stakes_point", {"theme": "mobilite", "title": "Gare"}, f"POINT ({BRAY[0]} {BRAY[1]})")
    laptops = []
    for name in ("nord", "sud"):
        (tmp_path / name).mkdir()
        laptops.append(open_atelier(shutil.copy(atelier.path, tmp_path / name / "a.gpkg")))
    north, south = laptops
    with writer(north, author="Nord") as edits:  # moved on one laptop, retitled on the other
        edits.update("stakes_point", shared, {}, f"POINT ({GOUAIX[0]} {GOUAIX[1]})")
        edits.insert("stakes_point", {"theme": "agriculture"}, f"POINT ({FAR_AWAY[0]} {FAR_AWAY[1]})")
    with writer(south, author="Sud") as edits:
        edits.update("stakes_point", shared, {"title": "Gare de Bray"})

    merge_ateliers([south.path, north.path], tmp_path / "fusion.gpkg")

    with sqlite3.connect(tmp_path / "fusion.gpkg") as connection:
        merged = dict(connection.execute("SELECT coalesce(title, theme), communes FROM stakes_point"))
    assert merged == {"Gare de Bray": GOUAIX_CODE, "agriculture": OUTSIDE_COMMUNES}


def test_the_upgrade_of_the_sample_fills_the_communes_of_every_feature_and_keeps_their_stamps(tmp_path):
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "atelier.gpkg")
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE)  # its GeoPackage triggers need GDAL's SQL
    for table in COMMUNE_TABLES:  # the sample as schema 9 left it: no commune named
        dataset.ExecuteSQL(f'UPDATE "{table}" SET communes = NULL')
    dataset.ExecuteSQL("UPDATE atelier_metadata SET value = '9' WHERE key = 'SCHEMA_VERSION'")
    dataset = None
    with sqlite3.connect(path) as connection:
        stamps = {
            table: connection.execute(f'SELECT uuid, updated_at FROM "{table}"').fetchall() for table in COMMUNE_TABLES
        }

    upgraded = open_atelier(path)

    assert upgraded.backup is not None
    layer = QgsVectorLayer(upgraded.layer_uri("communes"), "communes", "ogr")
    codes = {feature["insee"] for feature in layer.getFeatures()}
    with sqlite3.connect(path) as connection:
        for table in COMMUNE_TABLES:
            rows = connection.execute(f'SELECT communes, geom IS NULL FROM "{table}"').fetchall()
            for communes, no_geometry in rows:
                assert (communes is None) == bool(no_geometry), table
                assert communes is None or set(communes.split(",")) <= codes | {OUTSIDE_COMMUNES}, table
            assert connection.execute(f'SELECT uuid, updated_at FROM "{table}"').fetchall() == stamps[table]
        filled = connection.execute("SELECT count(*) FROM stakes_point WHERE communes IS NOT NULL").fetchone()[0]
    assert filled == len(stamps["stakes_point"]) > 0


def test_qgis_filters_a_layer_by_commune_with_the_documented_expression(atelier, editor):
    editor.add_stake(point(*BRAY), "eau_risques")
    editor.add_stake(point(*shared_vertex(atelier, BRAY_SUR_SEINE, MOUY_SUR_SEINE)), "mobilite")
    editor.add_stake(point(*GOUAIX), "agriculture")
    layer = QgsVectorLayer(atelier.layer_uri("stakes_point"), "stakes", "ogr")

    expression = QgsExpression(f"array_contains(string_to_array(\"communes\", ','), '{BRAY_SUR_SEINE}')")
    assert not expression.hasParserError(), expression.parserErrorString()
    found = [feature["theme"] for feature in layer.getFeatures(QgsFeatureRequest(expression))]

    assert sorted(found) == ["eau_risques", "mobilite"]


@needs_postgres
def test_a_shared_atelier_upgraded_to_schema_10_fills_its_communes_and_keeps_its_stamps(cluster, database):
    create_atelier(database, "CC Bassée-Montois", communes=COMMUNES)
    name = name_of(database)
    for table in COMMUNE_TABLES:  # as schema 9 made it
        cluster.sql(f"ALTER TABLE atelier.{table} DROP COLUMN communes", name)
    cluster.sql(f"UPDATE atelier.{METADATA_TABLE} SET value = '9' WHERE key = 'SCHEMA_VERSION'", name)
    cluster.sql(
        "INSERT INTO atelier.stakes_point (theme, updated_at, geom) VALUES "
        f"('eau_risques', '2026-01-01', ST_SetSRID(ST_MakePoint({BRAY[0]}, {BRAY[1]}), 2154)), "
        f"('mobilite', '2026-01-01', ST_SetSRID(ST_MakePoint({FAR_AWAY[0]}, {FAR_AWAY[1]}), 2154))",
        name,
    )

    open_atelier(database)

    written = "SELECT theme, communes, updated_at = '2026-01-01' FROM atelier.stakes_point ORDER BY fid"
    assert cluster.sql(written, name).splitlines() == [
        f"eau_risques|{BRAY_SUR_SEINE}|t",
        f"mobilite|{OUTSIDE_COMMUNES}|t",
    ]
    cluster.sql("UPDATE atelier.stakes_point SET title = 'Digue'", name)  # the triggers are back: an edit stamps
    assert cluster.sql("SELECT bool_and(updated_at > '2026-01-02') FROM atelier.stakes_point", name) == "t"


def test_the_forms_and_attribute_table_name_the_communes(atelier, editor):
    editor.add_stake(point(*shared_vertex(atelier, BRAY_SUR_SEINE, MOUY_SUR_SEINE)), "eau_risques")
    editor.add_stake(point(*FAR_AWAY), "mobilite")
    project = QgsProject.instance()  # the names' expression finds the commune layer in it, on QGIS 3.22
    project.clear()  # what an earlier test left there
    try:
        add_to_project(atelier, project, "fr")
        [layer] = [layer for layer in project.mapLayers().values() if layer_table(layer) == "stakes_point"]
        names = [feature[COMMUNE_NAMES_FIELD] for feature in layer.getFeatures()]
        read_only = layer.editFormConfig().readOnly(layer.fields().indexOf("communes"))
        alias = layer.attributeDisplayName(layer.fields().indexOf(COMMUNE_NAMES_FIELD))
    finally:
        project.clear()

    assert names == ["Bray-sur-Seine, Mouy-sur-Seine", OUTSIDE_COMMUNES]
    assert read_only and alias == "Communes"
