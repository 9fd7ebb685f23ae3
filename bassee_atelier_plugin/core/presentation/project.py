"""How an atelier looks and behaves in QGIS: styles, forms, relations, the stored project.

The default style of every layer goes into the GeoPackage's ``layer_styles`` table and
a QGIS project into its ``qgis_projects`` table, so a plain QGIS without this plugin
opens the atelier styled, with its forms and relations. The plugin's "Open atelier"
and the stored project are built by the same :func:`add_to_project`.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsLayerTreeGroup,
    QgsMapLayerStyle,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.atelier.communes import commune_fields
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS_VIEW
from bassee_atelier_plugin.core.model.schema import COMMUNE_TABLES, DELETED_TABLES, GROUPS, TABLE_BY_NAME, pick
from bassee_atelier_plugin.core.presentation import replay_layers, symbology
from bassee_atelier_plugin.core.presentation.forms import (
    bind_value_relations,
    configure_form,
    list_answering_actions,
    list_commune_names,
    relations,
)
from bassee_atelier_plugin.core.presentation.layouts import add_default_layouts
from bassee_atelier_plugin.core.presentation.moved_sources import sources_followed
from bassee_atelier_plugin.core.presentation.names import layer_table, table_title
from bassee_atelier_plugin.toolbelt.compat import save_style_to_database
from bassee_atelier_plugin.toolbelt.i18n import tr

PROJECT_NAME = "atelier"
ATELIER_LOCATION_PROPERTY = "bassee_atelier/path"  # marks an atelier's layer-tree group with its Atelier.location
DEFAULT_STYLE_NAME = "atelier"
PROJECTOR_STYLE_NAME = "projecteur"  # high contrast, labels legible at 4 m: at least 24 px at 1920x1080


def _label_field_of_context(layer: QgsVectorLayer) -> str | None:
    names = layer.fields().names()
    return next((name for name in ("name", "nom", "NOM", "nom_commune", "libelle") if name in names), None)


def style_layer(layer: QgsVectorLayer, atelier: Atelier, language: str, projector: bool = False) -> None:
    """Give one layer of the atelier its renderer, labels and form, in the desk or projector look."""
    look = symbology.PROJECTOR if projector else symbology.DESK
    table_name = layer_table(layer)
    table = TABLE_BY_NAME.get(table_name)
    geometry_type = layer.geometryType()
    if table is None:  # a context layer
        layer.setRenderer(QgsSingleSymbolRenderer(symbology.context_symbol(table_name, geometry_type, look)))
        label_field = _label_field_of_context(layer)
        if label_field and table_name == "communes":
            layer.setLabeling(symbology.labeling(label_field, geometry_type, look, context=True))
            layer.setLabelsEnabled(True)
        return
    if table.geometry:
        field_names = {field.name for field in table.all_fields}
        if table.group == "sketches" and table.category_field:
            terms = thesaurus_terms(atelier, table.field(table.category_field).thesaurus)
            layer.setRenderer(symbology.sketch_renderer(terms, geometry_type, look, language))
        elif "look" in field_names:
            terms = thesaurus_terms(atelier, "themes")
            layer.setRenderer(symbology.look_renderer(terms, geometry_type, look, language))
        elif table.category_field:
            terms = thesaurus_terms(atelier, table.field(table.category_field).thesaurus)
            renderer = symbology.categorised_renderer(
                table.category_field, terms, geometry_type, look, language, with_status="status" in field_names
            )
            layer.setRenderer(renderer)
        elif table.name == "notes":
            layer.setRenderer(QgsSingleSymbolRenderer(symbology.note_symbol()))
        else:
            layer.setRenderer(QgsSingleSymbolRenderer(symbology.plain_symbol(geometry_type, "#37474f", look)))
        if table.label_field:
            boxed = table.name == "notes"
            # the projector keeps its redraw for the room's drawing: no decisions named on its territory view
            decisions = "look" in field_names and not projector
            labels = symbology.labeling(table.label_field, geometry_type, look, boxed=boxed, decisions=decisions)
            layer.setLabeling(labels)
            layer.setLabelsEnabled(True)
    if table.label_field:
        layer.setDisplayExpression(f'"{table.label_field}"')
    if table.name in COMMUNE_TABLES:
        with atelier.dataset() as dataset:
            list_commune_names(layer, language, commune_fields(dataset))
    configure_form(layer, table, language)


# -- layers, relations, project --------------------------------------------------------


def open_layers(atelier: Atelier, language: str, listen: bool = True) -> dict[str, QgsVectorLayer]:
    """Every layer of the atelier, with its default style from the GeoPackage, by table name.

    ``listen``: whether a shared atelier's layers redraw on every commit (see AtelierStore.follow_layers).
    """
    layers = {}
    for table in atelier.layer_tables():
        layer = QgsVectorLayer(atelier.layer_uri(table), table_title(table, language), atelier.provider)
        if not layer.isValid():
            raise AtelierError(
                tr("QGIS cannot read the layer {table} of {path}.").format(table=table, path=atelier.name)
            )
        if atelier.read_only:
            layer.setReadOnly(True)
        layers[table] = layer
    atelier.store.follow_layers(layers, listen)
    return layers


def _register_stored_styles(layer: QgsVectorLayer) -> None:
    """Offer the stored projector look in the layer's style manager, next to the default look.

    Switching looks is then QGIS's own ``styleManager().setCurrentStyle()``, and a user who
    restyles either look in QGIS keeps it in the project.
    """
    manager = layer.styleManager()
    manager.renameStyle(manager.currentStyle(), DEFAULT_STYLE_NAME)
    # QGIS lists every style of the file, this layer's own first: ``related`` of them.
    related, ids, names, _descriptions, _error = layer.listStylesInDatabase()
    for style_id, name in zip(ids[:related], names[:related]):
        if name == PROJECTOR_STYLE_NAME:
            qml, _error = layer.getStyleFromDatabase(style_id)
            if qml:
                manager.addStyle(PROJECTOR_STYLE_NAME, QgsMapLayerStyle(qml))


def add_to_project(
    atelier: Atelier, project: QgsProject, language: str | None = None, listen: bool = True
) -> QgsLayerTreeGroup:
    """Add the atelier's layers, in their groups and with their relations, to ``project``."""
    language = language or atelier.metadata.language
    layers = open_layers(atelier, language, listen)
    replay_layers.draw_deleted_as_their_tables(layers)
    for layer in layers.values():
        _register_stored_styles(layer)
        list_answering_actions(layer, language)  # ateliers whose stored styles predate the field
        symbology.fit_labels_to_size(layer)
        # a look switched (projector mode) brings its own labels: fit them again
        layer.styleManager().currentStyleChanged.connect(lambda _name, layer=layer: symbology.fit_labels_to_size(layer))
    bind_value_relations(layers)
    root = project.layerTreeRoot()
    atelier_group = root.insertGroup(0, atelier.metadata.title)
    atelier_group.setCustomProperty(ATELIER_LOCATION_PROPERTY, atelier.location)
    subgroups = {key: atelier_group.addGroup(pick(titles, language)) for key, titles in GROUPS.items()}
    for collapsed in ("thesaurus", "sessions", "deleted"):
        subgroups[collapsed].setExpanded(False)
    for table_name, layer in layers.items():
        group_key = TABLE_BY_NAME[table_name].group if table_name in TABLE_BY_NAME else "context"
        if table_name == ACTION_SHEETS_VIEW:
            group_key = "roadmap"
        elif table_name in DELETED_TABLES:
            group_key = "deleted"
        project.addMapLayer(layer, False)
        node = subgroups[group_key].addLayer(layer)
        symbology.legend_shows_themes_only(node)
        if table_name == ACTION_SHEETS_VIEW:  # the sheets' atlas reads it; on the map it would double the actions
            node.setItemVisibilityChecked(False)
    # ticked only to replay: though they draw nothing off a time line, their many symbols cost every redraw
    subgroups["deleted"].setItemVisibilityChecked(False)
    replay_layers.add_replay(layers)
    for relation in relations(project, layers, language):
        project.relationManager().addRelation(relation)
    for group in subgroups.values():
        if not group.children():
            atelier_group.removeChildNode(group)
    return atelier_group


def write_presentation(atelier: Atelier, tables: list[str] | None = None) -> None:
    """(Re)write the stored styles of ``tables`` (all by default) and the stored QGIS project.

    Each layer gets two named styles: the default one for the desk, and a high-contrast
    one for the projector (see :data:`PROJECTOR_STYLE_NAME`).
    """
    atelier.store.require_layer_access()  # the styles are stored through QGIS's own layers
    language = atelier.metadata.language
    # the deleted features are drawn as their tables (replay_layers): they store no style of their own
    tables = [
        table for table in atelier.layer_tables() if (tables is None or table in tables) and table not in DELETED_TABLES
    ]
    # QGIS 3.22 asks in a dialog before it overwrites a stored style of the same name, and a
    # headless QGIS waits for that answer forever: so a rewrite starts from no such style.
    atelier.store.drop_styles(tables, [DEFAULT_STYLE_NAME, PROJECTOR_STYLE_NAME])
    for table in tables:
        layer = QgsVectorLayer(
            atelier.layer_uri(table),
            table_title(table, language),
            atelier.provider,
            QgsVectorLayer.LayerOptions(loadDefaultStyle=False),
        )
        looks = [(DEFAULT_STYLE_NAME, False)]
        if layer.isSpatial():
            looks.insert(0, (PROJECTOR_STYLE_NAME, True))  # the default is saved last: it stays the current one
        for style_name, projector in looks:
            style_layer(layer, atelier, language, projector)
            is_default = not projector
            error = save_style_to_database(layer, style_name, tr("Atelier des territoires style"), is_default)
            if error:
                raise AtelierError(tr("Could not store the style of {table}: {error}").format(table=table, error=error))
    with atelier.dataset(update=True) as dataset:
        # the projector look is for QGIS's projector mode alone: its SLD copy (for other tools) only weighs
        projector = f"styleName = '{PROJECTOR_STYLE_NAME}'"
        dataset.ExecuteSQL(f"UPDATE layer_styles SET styleSLD = NULL WHERE {projector}")  # nosec B608 # constant
    project = QgsProject()
    project.setTitle(atelier.metadata.title)
    project.setCrs(QgsCoordinateReferenceSystem(atelier.metadata.crs))
    add_to_project(atelier, project, language, listen=False)  # written, never shown: see follow_shared_layers
    tables = {layer.id(): layer_table(layer) for layer in project.mapLayers().values()}
    atelier.store.write_listening(project, {layer_id: table for layer_id, table in tables.items() if table})
    replay_layers.time_line_of(project)
    _keep_restyled_layouts(atelier, project)
    layer_names = {table: table_title(table, language) for table in atelier.table_names()}
    frame = atelier_frame(atelier)
    add_default_layouts(project, atelier.metadata.title, language, layer_names, frame)
    if frame:
        project.viewSettings().setDefaultViewExtent(frame)
    if not project.write(project_uri(atelier)):
        raise AtelierError(
            tr("Could not store the QGIS project in {path}: {error}").format(path=atelier.name, error=project.error())
        )


def _keep_restyled_layouts(atelier: Atelier, project: QgsProject) -> None:
    """Bring the layouts of the project stored before into ``project``: a planner's restyling survives."""
    stored = QgsProject()
    if not read_stored_project(atelier, stored):  # a new atelier: nothing stored yet
        return
    document = QDomDocument()
    document.appendChild(stored.layoutManager().writeXml(document))
    xml = document.toString()
    # layouts name layers by id, and the layers of the new project have new ids
    new_ids = {layer_table(layer): layer.id() for layer in project.mapLayers().values()}
    for layer in stored.mapLayers().values():
        if layer_table(layer) in new_ids:
            xml = xml.replace(layer.id(), new_ids[layer_table(layer)])
    document.setContent(xml)
    project.layoutManager().readXml(document.documentElement(), document)


def atelier_frame(atelier: Atelier) -> QgsReferencedRectangle | None:
    """All the atelier shows, with a little room around."""
    extent = atelier.extent()
    if extent is None:
        return None
    rectangle = QgsRectangle(*extent)
    rectangle.scale(1.05)
    return QgsReferencedRectangle(rectangle, QgsCoordinateReferenceSystem(atelier.metadata.crs))


def project_uri(atelier: Atelier) -> str:
    """Where the atelier's QGIS project is stored: in the GeoPackage, or in the shared atelier's schema."""
    return atelier.store.project_uri(PROJECT_NAME)


def read_stored_project(atelier: Atelier, project: QgsProject) -> bool:
    """Read the atelier's stored project into ``project``, its layers read where the atelier is now; False if none."""
    with sources_followed(atelier, PROJECT_NAME):
        return project.read(project_uri(atelier))
