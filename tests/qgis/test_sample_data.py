"""The committed sample data: reproducible from the shared territory, and a sound, readable story."""

from __future__ import annotations

import hashlib
import importlib.util
import io
from datetime import datetime
from xml.etree import ElementTree

import pytest
from osgeo import gdal, ogr
from qgis.core import Qgis

from tests.conftest import SAMPLE_DATA, TERRITORY

gdal.UseExceptions()

TERRITORY_GPKG = SAMPLE_DATA / "bassee_montois_territory.gpkg"
ATELIER_GPKG = SAMPLE_DATA / "bassee_montois_atelier.gpkg"
SCRIPT = SAMPLE_DATA / "build_sample_data.py"

# Columns that GeoPackage or QGIS stamp with the time of writing: not part of the content.
VOLATILE_COLUMNS = {"layer_styles": {"update_time"}}
# XML columns whose attribute order Qt randomises from run to run: compared in canonical form.
XML_COLUMNS = {"layer_styles": {"styleQML", "styleSLD"}}


def _load_script():
    spec = importlib.util.spec_from_file_location("build_sample_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _canonical_xml(text: str) -> str:
    """XML with sorted attributes, including the XML documents QGIS stores inside attribute values."""
    root = ElementTree.fromstring(text)
    for element in root.iter():
        for key, value in element.attrib.items():
            if value.lstrip().startswith("<"):
                try:
                    element.set(key, _canonical_xml(value))
                except ElementTree.ParseError:  # an expression such as "a < b", not a document
                    pass
    return ElementTree.canonicalize(ElementTree.tostring(root, encoding="unicode"), strip_text=True)


def _rows(path, layer_name: str, styles_as_xml: bool = True) -> dict:
    """Every row of a layer, keyed by uuid when it has one (else by fid): attributes and WKB geometry."""
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    layer = dataset.GetLayerByName(layer_name)
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    skipped = VOLATILE_COLUMNS.get(layer_name, set()) | (set() if styles_as_xml else XML_COLUMNS.get(layer_name, set()))
    rows = {}
    for feature in layer:
        values = {
            name: (
                bytes(feature.GetFieldAsBinary(name))
                if definition.GetFieldDefn(i).GetType() == ogr.OFTBinary
                else feature.GetField(name)
            )
            for i, name in enumerate(names)
            if name not in skipped and feature.IsFieldSetAndNotNull(name)
        }
        for name in XML_COLUMNS.get(layer_name, set()) & values.keys():
            values[name] = _canonical_xml(values[name])
        geometry = feature.GetGeometryRef()
        values["geometry"] = None if geometry is None else bytes(geometry.ExportToIsoWkb())
        key = values.get("uuid") or feature.GetFID()
        if layer_name == "layer_styles":
            key = (values.get("f_table_name"), values.get("styleName"))
        rows[key] = values
    return rows


def _layer_names(path) -> list[str]:
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    return sorted(dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount()))


def _metadata(path) -> dict:
    """GDAL's dataset metadata (none, in a current atelier) and the rows of the atelier's metadata table."""
    from bassee_atelier_plugin.core.stores.ogr_tables import read_metadata_items

    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    return {"gdal": dataset.GetMetadata() or {}, "table": read_metadata_items(dataset)}


def _styles_written_by_this_qgis(path) -> bool:
    """Each QGIS writes a style its own way: the styles' XML compares only when this QGIS wrote the file."""
    if "layer_styles" not in _layer_names(path):
        return True
    return all(f'version="{Qgis.version()}"' in qml for (qml,) in _query(path, "SELECT styleQML FROM layer_styles"))


def _assert_same_content(built, committed) -> None:
    assert _layer_names(built) == _layer_names(committed)
    assert _metadata(built) == _metadata(committed)
    styles_as_xml = _styles_written_by_this_qgis(committed)
    for name in _layer_names(committed):
        built_rows, committed_rows = _rows(built, name, styles_as_xml), _rows(committed, name, styles_as_xml)
        assert built_rows.keys() == committed_rows.keys(), f"{committed.name}/{name}: not the same rows"
        for key, row in committed_rows.items():
            assert built_rows[key] == row, f"{committed.name}/{name}/{key} differs from the committed file"


def _query(path, sql: str) -> list[tuple]:
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    result = dataset.ExecuteSQL(sql)
    try:
        return [tuple(feature.GetField(i) for i in range(feature.GetFieldCount())) for feature in result]
    finally:
        dataset.ReleaseResultSet(result)


# -- reproducibility ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def rebuilt(qgis_app, tmp_path_factory):
    """The sample data built again, by the committed script, from the shared territory."""
    if not TERRITORY.is_dir():
        pytest.fail(f"the shared territory folder {TERRITORY} is missing: the sample data cannot be rebuilt")
    output = tmp_path_factory.mktemp("sample_data")
    assert _load_script().main(["--territory-dir", str(TERRITORY), "--output-dir", str(output)]) == 0
    return output


def test_the_script_rebuilds_the_committed_territory(rebuilt):
    _assert_same_content(rebuilt / TERRITORY_GPKG.name, TERRITORY_GPKG)


def test_the_script_rebuilds_the_committed_atelier(rebuilt):
    _assert_same_content(rebuilt / ATELIER_GPKG.name, ATELIER_GPKG)


def test_the_committed_files_are_small():
    # Most of the atelier is its stored styles: two looks (desk and projector) per layer, and
    # for each stake layer a symbol per theme, status class and vote class (81), so that the
    # map draws stakes without evaluating an expression per feature (docs/benchmarks.md). The stored
    # project holds them again for the layers of the deleted features (schema 12).
    for path in (TERRITORY_GPKG, ATELIER_GPKG):
        assert path.stat().st_size < 5_500_000, f"{path.name} has grown to {path.stat().st_size} bytes"


# -- the territory --------------------------------------------------------------------


@pytest.mark.parametrize("path", [TERRITORY_GPKG, ATELIER_GPKG], ids=["territory", "atelier"])
def test_the_42_communes_in_lambert_93(path):
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    layer = dataset.GetLayerByName("communes")
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "2154"
    rows = [(f.GetField("name"), f.GetField("insee"), f.GetField("population")) for f in layer]
    assert len(rows) == 42
    assert len({insee for _, insee, _ in rows}) == 42
    assert all(insee.startswith("77") and len(insee) == 5 for _, insee, _ in rows)
    assert ("Bray-sur-Seine", "77051") in {(name, insee) for name, insee, _ in rows}
    assert all(population > 0 for _, _, population in rows)
    assert 20_000 < sum(population for _, _, population in rows) < 26_000
    xmin, xmax, ymin, ymax = layer.GetExtent()  # Lambert-93 metres around Bray-sur-Seine
    assert 690_000 < xmin < xmax < 740_000 and 6_800_000 < ymin < ymax < 6_835_000


def test_the_territory_and_the_seine():
    assert _query(TERRITORY_GPKG, "SELECT siren, name FROM territory") == [("200040251", "CC Bassée-Montois")]
    assert _query(TERRITORY_GPKG, "SELECT name FROM rivers") == [("Seine",)]
    assert _query(ATELIER_GPKG, "SELECT count(*) FROM rivers") == [(1,)]
    assert _query(ATELIER_GPKG, "SELECT count(*) FROM territory") == [(1,)]


# -- the atelier --------------------------------------------------------------------------


def test_the_committed_atelier_is_valid(qgis_app):
    from bassee_atelier_plugin.core.lifecycle.validation import validate

    assert validate(ATELIER_GPKG) == []


def test_three_sessions_in_january_june_october_2017():
    sessions = _query(ATELIER_GPKG, "SELECT kind, held_on FROM sessions ORDER BY held_on")
    assert [kind for kind, _ in sessions] == ["visite", "atelier", "restitution"]
    assert [held_on[:7].replace("/", "-") for _, held_on in sessions] == ["2017-01", "2017-06", "2017-10"]


def test_a_dozen_stakes_over_several_themes_and_readings():
    stakes = _query(
        ATELIER_GPKG,
        "SELECT theme, reading, status, votes_for FROM stakes_point UNION ALL "
        "SELECT theme, reading, status, votes_for FROM stakes_line UNION ALL "
        "SELECT theme, reading, status, votes_for FROM stakes_area",
    )
    assert len(stakes) >= 10
    assert len({theme for theme, *_ in stakes}) >= 6
    assert {reading for _, reading, *_ in stakes} == {"atout", "faiblesse", "opportunite", "menace"}
    assert len({status for _, _, status, _ in stakes}) >= 3
    assert any(votes for *_, votes in stakes)
    for table in ("stakes_point", "stakes_line", "stakes_area"):
        assert _query(ATELIER_GPKG, f"SELECT count(*) FROM {table}")[0][0] >= 2


def test_every_feature_lies_in_the_territory():
    dataset = gdal.OpenEx(str(ATELIER_GPKG), gdal.OF_VECTOR)
    territory = dataset.GetLayerByName("territory").GetNextFeature()  # kept: the geometry belongs to it
    outline = territory.GetGeometryRef().Buffer(100)
    for table in (
        "stakes_point",
        "stakes_line",
        "stakes_area",
        "sketches_line",
        "sketches_area",
        "actions",
        "observations",
    ):
        for feature in dataset.GetLayerByName(table):
            assert outline.Contains(feature.GetGeometryRef()), f"{table} {feature.GetField('uuid')} is off the map"


def test_the_roadmap_links_actions_to_stakes():
    orientations = _query(ATELIER_GPKG, "SELECT uuid FROM orientations")
    assert len(orientations) == 3
    actions = _query(ATELIER_GPKG, "SELECT uuid, orientation_uuid, kind, horizon, lead, partners FROM actions")
    assert 4 <= len(actions) <= 5
    assert all(all(values) for values in actions)
    assert {orientation for _, orientation, *_ in actions} == {uuid for (uuid,) in orientations}
    stake_uuids = {
        uuid
        for table in ("stakes_point", "stakes_line", "stakes_area")
        for (uuid,) in _query(ATELIER_GPKG, f"SELECT uuid FROM {table}")
    }
    links = _query(ATELIER_GPKG, "SELECT action_uuid, stake_uuid FROM action_stakes")
    assert {action for action, _ in links} == {uuid for uuid, *_ in actions}
    assert {stake for _, stake in links} <= stake_uuids


def test_groups_and_actors():
    assert len(_query(ATELIER_GPKG, "SELECT uuid FROM session_groups WHERE session_uuid IS NOT NULL")) >= 3
    actors = _query(ATELIER_GPKG, "SELECT actor_type, consent FROM actors")
    assert {consent for _, consent in actors} == {0, 1}
    assert "equipe_conception" in {actor_type for actor_type, _ in actors}


def test_two_sketches():
    kinds = _query(ATELIER_GPKG, "SELECT kind FROM sketches_line UNION ALL SELECT kind FROM sketches_area")
    assert sorted(kind for (kind,) in kinds) == ["centralite", "corridor_ecologique"]


def test_two_observations_each_with_a_jpeg_photo():
    from PIL import Image

    observations = {uuid for (uuid,) in _query(ATELIER_GPKG, "SELECT uuid FROM observations")}
    assert len(observations) == 2
    dataset = gdal.OpenEx(str(ATELIER_GPKG), gdal.OF_VECTOR)
    attached = set()
    for feature in dataset.GetLayerByName("attachments"):
        content = bytes(feature.GetFieldAsBinary("content"))
        assert feature.GetField("mime_type") == "image/jpeg"
        assert feature.GetField("size_bytes") == len(content)
        assert 2_000 < len(content) < 60_000
        assert feature.GetField("sha256") == hashlib.sha256(content).hexdigest()
        with Image.open(io.BytesIO(content)) as image:
            assert image.format == "JPEG"
            image.verify()
        attached.add(feature.GetField("feature_uuid"))
    assert attached == observations


def test_the_journal_tells_the_story():
    rows = _query(ATELIER_GPKG, "SELECT operation, created_at, session_uuid FROM journal")
    assert {operation for operation, *_ in rows} == {"create", "update", "delete"}  # a table withdrew a stake
    stamps = [datetime.fromisoformat(created_at.replace("/", "-").replace("Z", "+00:00")) for _, created_at, _ in rows]
    assert all(2016 <= stamp.year <= 2017 for stamp in stamps)


def test_every_timestamp_is_fixed_in_2016_2017():
    dataset = gdal.OpenEx(str(ATELIER_GPKG), gdal.OF_VECTOR)
    for i in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(i)
        definition = layer.GetLayerDefn()
        if definition.GetFieldIndex("created_at") < 0:
            continue
        stamps = [name for name in ("created_at", "updated_at", "deleted_at") if definition.GetFieldIndex(name) >= 0]
        for feature in layer:
            for name in stamps:
                assert feature.GetField(name)[:4] in ("2016", "2017"), f"{layer.GetName()}.{name}"
