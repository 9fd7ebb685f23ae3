"""What a plain QGIS, without the plugin, gets from an atelier: styles, forms, relations, the project."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsProject, QgsVectorLayer, QgsWkbTypes

from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME, TABLES
from bassee_atelier_plugin.core.model.thesauri import MODERATED_LOOK
from bassee_atelier_plugin.core.presentation.project import (
    ATELIER_LOCATION_PROPERTY,
    PROJECT_NAME,
    add_to_project,
    project_uri,
)
from tests.conftest import TERRITORY


@pytest.fixture
def atelier(created_atelier, tmp_path):
    return created_atelier(tmp_path / "a.gpkg", communes=True)


def plain_layer(atelier, table):
    """A layer as QGIS's browser would open it: the stored default style applies by itself."""
    layer = QgsVectorLayer(atelier.layer_uri(table), table, "ogr")
    assert layer.isValid()
    return layer


def test_stakes_are_coloured_by_theme_with_the_thesaurus_colours(atelier):
    for table in ("stakes_point", "stakes_line", "stakes_area"):
        layer = plain_layer(atelier, table)
        renderer = layer.renderer()
        assert renderer.type() == "categorizedSymbol"
        assert renderer.classAttribute() == "look"  # theme, status class and vote class, kept by the database
        by_look = {category.value(): category for category in renderer.categories()}
        assert by_look["eau_risques:ouvert:0"].label() == "Eau et risques"
        assert by_look["eau_risques:ouvert:0"].symbol().color().name() == "#1f78b4"
        assert by_look["eau_risques:ecarte:0"].symbol().color().name() == "#b0b0b0"  # dropped: grey
        # and a catch-all, so that nothing goes undrawn, but for phones' contributions waiting or hidden
        assert len(by_look) == 9 * 3 * 3 + 2
        assert by_look[""].renderState() and not by_look[MODERATED_LOOK].renderState()
    points = plain_layer(atelier, "stakes_point")
    renderer = points.renderer()
    sizes = {category.value(): category.symbol().size() for category in renderer.categories()}
    assert sizes["mobilite:ouvert:0"] < sizes["mobilite:ouvert:1"] < sizes["mobilite:ouvert:2"]  # votes grow bubbles
    categories = renderer.categories()  # kept alive: a category's symbol dies with it
    [retained] = [category.symbol() for category in categories if category.value() == "mobilite:retenu:0"]
    assert retained.symbolLayer(0).strokeColor().name() == "#111111"


def test_the_database_keeps_each_stake_look_in_step(atelier):
    from bassee_atelier_plugin.core.atelier.writer import writer

    with writer(atelier, author="test") as edits:
        stake = edits.insert("stakes_point", {"theme": "energie"}, "POINT (716000 6812000)")
        looks = [_look(atelier, stake)]
        edits.update("stakes_point", stake, {"votes_for": 2})
        looks.append(_look(atelier, stake))
        edits.update("stakes_point", stake, {"votes_for": 9, "status": "retenu"})
        looks.append(_look(atelier, stake))
        edits.update("stakes_point", stake, {"votes_against": 9, "status": "ecarte", "theme": "agriculture"})
        looks.append(_look(atelier, stake))
    assert looks == ["energie:ouvert:0", "energie:ouvert:1", "energie:retenu:2", "agriculture:ecarte:0"]


def _look(atelier, stake_uuid: str) -> str:
    with sqlite3.connect(atelier.path) as connection:
        return connection.execute("SELECT look FROM stakes_point WHERE uuid = ?", (stake_uuid,)).fetchone()[0]


def test_the_legend_lists_the_themes_not_every_look(atelier):
    from qgis.core import QgsMapLayerLegendUtils

    project = QgsProject()
    group = add_to_project(atelier, project)
    [node] = [node for node in group.findLayers() if node.layer().source().endswith("layername=stakes_point")]
    shown = QgsMapLayerLegendUtils.legendNodeOrder(node)
    categories = node.layer().renderer().categories()
    assert [categories[index].label() for index in shown][:2] == ["Eau et risques", "Agriculture"]
    assert len(shown) == 9


def test_labels_are_on_and_legible_on_a_projector(atelier):
    layer = plain_layer(atelier, "stakes_point")
    assert layer.labelsEnabled()
    rules = layer.labeling().rootRule().descendants()  # which stakes at which scale: test_labels_by_count
    for settings in (rule.settings() for rule in rules if rule.settings()):
        assert settings.fieldName == "title" and settings.autoWrapLength > 0  # wrapped whole, never cut
        assert settings.thinningSettings().limitNumberOfLabelsEnabled()
        assert settings.format().size() >= 10 and settings.format().background().enabled()


def test_forms_pick_values_from_the_thesaurus_and_name_fields_in_french(atelier):
    layer = plain_layer(atelier, "stakes_point")
    fields = layer.fields()
    theme = layer.editorWidgetSetup(fields.indexOf("theme"))
    assert theme.type() == "ValueRelation"
    assert theme.config()["LayerName"] == "thesaurus_themes"
    assert (theme.config()["Key"], theme.config()["Value"]) == ("code", "label_fr")
    assert layer.editorWidgetSetup(fields.indexOf("session_uuid")).config()["LayerName"] == "sessions"
    assert layer.editorWidgetSetup(fields.indexOf("comment")).config()["IsMultiline"] is True
    assert fields.field("theme").alias() == "Thème"
    assert layer.editFormConfig().readOnly(fields.indexOf("uuid"))
    attachments = plain_layer(atelier, "attachments")
    assert attachments.editorWidgetSetup(attachments.fields().indexOf("content")).type() == "Binary"
    actors = plain_layer(atelier, "actors")
    assert actors.editorWidgetSetup(actors.fields().indexOf("consent")).type() == "CheckBox"


def test_every_field_of_a_merge_conflict_reads_with_its_french_label(atelier):
    layer = plain_layer(atelier, "merge_conflicts")
    conflicts = TABLE_BY_NAME["merge_conflicts"]
    aliases = {field.name(): field.alias() for field in layer.fields()}
    assert all(aliases[field.name] for field in conflicts.fields)  # none left to its bare name
    assert aliases["field_name"] == "Champ en conflit" and aliases["other_author"] == "Autre modification, par"


def test_stored_project_reopens_in_a_plain_project_fully_styled(atelier):
    project = QgsProject()
    assert project.read(project_uri(atelier)), project.error()
    layers = {layer.source().split("layername=")[-1]: layer for layer in project.mapLayers().values()}
    assert set(layers) >= {table.name for table in TABLES} | {"communes"}
    assert all(layer.isValid() for layer in layers.values())
    assert layers["stakes_area"].renderer().type() == "categorizedSymbol"
    assert project.crs().authid() == "EPSG:2154"
    # value relations point at the list layers of this very project
    theme_config = layers["stakes_line"].editorWidgetSetup(layers["stakes_line"].fields().indexOf("theme")).config()
    assert theme_config["Layer"] == layers["thesaurus_themes"].id()
    relations = project.relationManager().relations().values()
    referencing = {
        (r.referencingLayer().source().split("=")[-1], r.referencedLayer().source().split("=")[-1]) for r in relations
    }
    assert ("attachments", "stakes_point") in referencing
    assert ("action_stakes", "actions") in referencing
    assert ("action_stakes", "stakes_area") in referencing
    assert all(relation.isValid() for relation in relations)
    group = project.layerTreeRoot().children()[0]
    assert group.name() == atelier.metadata.title
    assert [child.name() for child in group.children()][:2] == ["Enjeux", "Croquis"]
    communes = layers["communes"]
    assert communes.renderer().symbol().symbolLayer(0).brushStyle() == 0  # outlines only: a light background
    assert QgsWkbTypes.geometryType(communes.wkbType()) == QgsWkbTypes.PolygonGeometry


def test_layer_sources_in_the_stored_project_are_relative_so_the_file_can_move(atelier, tmp_path):
    moved_dir = tmp_path / "handed_off"
    moved_dir.mkdir()
    moved = moved_dir / atelier.path.name  # QGIS keeps sources relative to the folder, not to a renamed file
    moved.write_bytes(atelier.path.read_bytes())
    project = QgsProject()
    assert project.read(f"geopackage:{moved}?projectName={PROJECT_NAME}")
    assert project.mapLayers()
    for layer in project.mapLayers().values():
        assert layer.isValid(), layer.source()
        assert str(moved) in layer.source()


def test_add_to_project_builds_the_same_groups_in_any_project(atelier):
    project = QgsProject()
    group = add_to_project(atelier, project, language="en")
    assert [child.name() for child in group.children()][:2] == ["Stakes", "Sketches"]
    assert group.customProperty(ATELIER_LOCATION_PROPERTY) == str(atelier.path)
    assert len(project.mapLayers()) == len(atelier.table_names()) - 1  # all but layer_styles


def test_presentation_can_be_rewritten_after_context_layers_are_added(atelier, tmp_path):
    """QGIS 3.22 asks in a dialog before overwriting a stored style: a rewrite must never get there."""
    from osgeo import gdal

    from bassee_atelier_plugin.core.presentation.project import write_presentation

    rivers = tmp_path / "rivers.gpkg"
    gdal.VectorTranslate(str(rivers), str(TERRITORY / "seine_naturalearth_10m_clip.geojson"), layerName="seine")
    atelier.add_context_layer("rivers", rivers, source_layer="seine")
    write_presentation(atelier)
    with sqlite3.connect(atelier.path) as connection:
        styles = connection.execute(
            "SELECT f_table_name, count(*) FROM layer_styles WHERE useAsDefault GROUP BY f_table_name"
        ).fetchall()
    assert dict(styles)["rivers"] == 1
    assert all(count == 1 for _table, count in styles)
    project = QgsProject()
    assert project.read(project_uri(atelier))
    [rivers_layer] = [layer for layer in project.mapLayers().values() if layer.source().endswith("layername=rivers")]
    assert rivers_layer.renderer().symbol().color().name() == "#5b9bd5"
