"""The atelier on QGIS's own time line: the temporal controller replays its sessions.

Every feature of a tracked layer shows from its ``created_at``, the minute its journal line
``create`` was written (the writer dates both alike). A deleted stake or sketch is kept in the
table of the deleted of its kind, shown from its creation until its ``deleted_at``, drawn as its
table draws it, and only on a time line. All of it is stored in the project: a QGIS without the
plugin replays the atelier's drawing and its deletions as well.
"""

from __future__ import annotations

from qgis.core import QgsProject, QgsRuleBasedRenderer, QgsTemporalUtils, QgsVectorLayer

from bassee_atelier_plugin.core.model.schema import DELETED_AT, DELETED_COPIES, DELETED_TABLES, TABLE_BY_NAME
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.toolbelt.compat import MINUTES, TemporalMode

# a map on a time line has these variables; a map without one must not draw what was deleted
ON_A_TIME_LINE = "@map_start_time IS NOT NULL"


def follow_creation(layer: QgsVectorLayer, end_field: str = "") -> None:
    """Show each feature of ``layer`` from its creation on, until ``end_field`` if it has one, on QGIS's time line."""
    properties = layer.temporalProperties()
    properties.setIsActive(True)
    properties.setMode(TemporalMode.START_AND_END_FROM_FIELDS)
    properties.setStartField("created_at")
    properties.setEndField(end_field)


def draw_deleted_as_their_tables(layers: dict[str, QgsVectorLayer]) -> None:
    """Draw and label each layer of deleted features as its table, but only on a time line."""
    for table_name, copy in DELETED_COPIES.items():
        deleted, table = layers.get(copy.name), layers.get(table_name)
        if deleted is None or table is None:
            continue
        deleted.setRenderer(_only_on_a_time_line(table.renderer()))
        if table.labeling() is not None:
            deleted.setLabeling(table.labeling().clone())
            deleted.setLabelsEnabled(table.labelsEnabled())


def on_the_time_line(project: QgsProject, visible: list) -> list:
    """The layers a replay draws at each frame, in ``project``'s order: the ``visible`` ones on the time line,
    and those of the deleted features, which the project leaves unticked."""
    return [
        layer
        for layer in project.layerTreeRoot().layerOrder()
        if layer.temporalProperties().isActive() and (layer in visible or layer_table(layer) in DELETED_TABLES)
    ]


def _only_on_a_time_line(renderer) -> QgsRuleBasedRenderer:
    """``renderer``'s drawing under one rule that holds only on a time line: what was deleted stays off the map."""
    rules = QgsRuleBasedRenderer.convertFromRenderer(renderer)
    on_time_line = QgsRuleBasedRenderer.Rule(None, filterExp=ON_A_TIME_LINE)
    for rule in list(rules.rootRule().children()):
        on_time_line.appendChild(rules.rootRule().takeChild(rule))
    rules.rootRule().appendChild(on_time_line)
    for index, rule in enumerate([rules.rootRule(), *rules.rootRule().descendants()]):
        rule.setRuleKey(f"deleted-{index}")  # named, not random: a project written twice is the same project
    return rules


def time_line_of(project: QgsProject) -> None:
    """Give ``project``'s temporal controller the atelier's whole span, a minute a step."""
    settings = project.timeSettings()
    settings.setTemporalRange(QgsTemporalUtils.calculateTemporalRangeForProject(project))
    settings.setTimeStepUnit(MINUTES)
    settings.setTimeStep(1)


def add_replay(layers: dict[str, QgsVectorLayer]) -> None:
    """Put the atelier's ``layers`` on the time line: each feature from its creation, a deleted one until it went."""
    for table_name, layer in layers.items():
        table = TABLE_BY_NAME.get(table_name)
        if table_name in DELETED_TABLES:
            follow_creation(layer, end_field=DELETED_AT)
        elif table is not None and table.tracked and table.geometry:
            follow_creation(layer)
