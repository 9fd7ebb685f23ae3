"""The atelier on QGIS's own time line: the temporal controller replays its sessions.

Every feature of a tracked layer shows from its ``created_at``, the minute its journal line
``create`` was written (the writer dates both alike). This is stored in the project: a
QGIS without the plugin replays the atelier's drawing as well. A deleted stake or sketch is no
longer in its table: its journal line ``delete`` keeps its fields and its geometry as WKT, and
for the plugin's GIF a virtual layer per table reads them back, shown from its creation until
its deletion.
"""

from __future__ import annotations

from qgis.core import (
    QgsProject,
    QgsRuleBasedRenderer,
    QgsTemporalUtils,
    QgsVectorLayer,
    QgsVirtualLayerDefinition,
    QgsWkbTypes,
)

from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME, TABLES, pick
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.toolbelt.compat import MINUTES, TemporalMode

JOURNAL = "journal"
# what a replay shows appear and disappear; their deleted features get a layer of their own
REPLAYED = tuple(table.name for table in TABLES if table.geometry and table.group in ("stakes", "sketches"))
DELETED_TITLES = ("{title}: deleted", "{title} : éléments supprimés")
# a map on a time line has these variables; a map without one must not draw what was deleted
ON_A_TIME_LINE = "@map_start_time IS NOT NULL"
_LOCAL_DATETIME = 19  # "yyyy-MM-ddTHH:mm:ss": the journal's UTC digits, read as OGR reads created_at


def follow_creation(layer: QgsVectorLayer) -> None:
    """Show each feature of ``layer`` from its creation on, on QGIS's time line."""
    properties = layer.temporalProperties()
    properties.setIsActive(True)
    properties.setMode(TemporalMode.START_AND_END_FROM_FIELDS)
    properties.setStartField("created_at")
    properties.setEndField("")  # still there: no end


def deleted_layer(journal: QgsVectorLayer, table_name: str, crs_id: str, language: str) -> QgsVectorLayer:
    """The features of ``table_name`` deleted and never restored, each from its creation to its deletion."""
    table = TABLE_BY_NAME[table_name]
    columns = [
        f"json_extract(details, '$.{field.name}') AS {field.name} /*:{'int' if field.kind == 'integer' else 'text'}*/"
        for field in table.fields
    ]
    query = (
        "SELECT feature_uuid AS uuid, "
        f"substr(json_extract(details, '$.created_at'), 1, {_LOCAL_DATETIME}) AS created_at /*:text*/, "
        f"substr(max(created_at), 1, {_LOCAL_DATETIME}) AS deleted_at /*:text*/, "
        f"{', '.join(columns)}, "
        "GeomFromText(json_extract(details, '$.geometry')) AS geometry "
        f"FROM {JOURNAL} WHERE table_name = '{table_name}' AND operation IN ('create', 'delete', 'restore') "
        # the last of a feature's lines says whether it is gone (an undone deletion brings it back)
        "GROUP BY feature_uuid HAVING operation = 'delete'"
    )
    definition = QgsVirtualLayerDefinition()
    definition.addSource(JOURNAL, journal.source(), journal.providerType())
    definition.setQuery(query)
    definition.setUid("uuid")
    definition.setGeometryField("geometry")
    definition.setGeometryWkbType(QgsWkbTypes.parseType(table.geometry))
    definition.setGeometrySrid(int(crs_id.split(":")[-1]))
    title = pick(DELETED_TITLES, language).format(title=pick((table.title_en, table.title_fr), language))
    layer = QgsVectorLayer(definition.toString(), title, "virtual")
    properties = layer.temporalProperties()
    properties.setIsActive(True)
    properties.setMode(TemporalMode.START_AND_END_FROM_EXPRESSIONS)
    properties.setStartExpression('to_datetime("created_at")')
    properties.setEndExpression('to_datetime("deleted_at")')
    return layer


def draw_as(deleted: QgsVectorLayer, table_layer: QgsVectorLayer) -> None:
    """Draw the deleted features as their table draws them, and only on a time line."""
    renderer = QgsRuleBasedRenderer.convertFromRenderer(table_layer.renderer())
    on_time_line = QgsRuleBasedRenderer.Rule(None, filterExp=ON_A_TIME_LINE)
    for rule in list(renderer.rootRule().children()):
        on_time_line.appendChild(renderer.rootRule().takeChild(rule))
    renderer.rootRule().appendChild(on_time_line)
    deleted.setRenderer(renderer)


def time_line_of(project: QgsProject) -> None:
    """Give ``project``'s temporal controller the atelier's whole span, a minute a step."""
    settings = project.timeSettings()
    settings.setTemporalRange(QgsTemporalUtils.calculateTemporalRangeForProject(project))
    settings.setTimeStepUnit(MINUTES)
    settings.setTimeStep(1)


def add_replay(layers: dict[str, QgsVectorLayer]) -> None:
    """Put the atelier's ``layers`` on the time line: each feature from its creation."""
    for table_name, layer in layers.items():
        table = TABLE_BY_NAME.get(table_name)
        if table is not None and table.tracked and table.geometry:
            follow_creation(layer)


def deleted_layers(project: QgsProject, crs_id: str, language: str) -> list[QgsVectorLayer]:
    """Layers of the deleted stakes and sketches of ``project``'s atelier, drawn as their tables, for a replay.

    Not stored in the project: QGIS 3.22's virtual layers crashed (in SQLite) when a project
    was closed while the canvas drew them.
    """
    layers = {layer_table(layer): layer for layer in project.mapLayers().values() if isinstance(layer, QgsVectorLayer)}
    if JOURNAL not in layers:
        return []
    made = []
    for table_name in REPLAYED:
        if table_name in layers:
            deleted = deleted_layer(layers[JOURNAL], table_name, crs_id, language)
            draw_as(deleted, layers[table_name])
            made.append(deleted)
    return made
