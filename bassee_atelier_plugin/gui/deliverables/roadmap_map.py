"""The roadmap on the map: the selected action's zone and stakes outlined, or framed and flashed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from qgis.core import QgsExpression, QgsFeatureRequest, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsHighlight, QgsMapCanvas
from qgis.PyQt.QtGui import QColor

from bassee_atelier_plugin.core.deliverables.links import ACTIONS, RoadmapAction
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES
from bassee_atelier_plugin.core.presentation.names import layer_table

ZONE_COLOUR = QColor(255, 0, 144)  # the selected action's zone, in the drawing tools' colour
LINKED_COLOUR = QColor(255, 214, 0)  # the stakes it answers: the yellow QGIS selects with
HALO_COLOUR = QColor(20, 20, 20, 200)  # under both: they read over any theme's colour
OUTLINE_MM, HALO_MM = 0.6, 1.2  # how much wider than the feature's own symbol
# around what is shown on the map: a share of its size, and at least enough for a point to show its surroundings
ZOOM_MARGIN_M, ZOOM_MARGIN_SHARE = 300, 0.2


class RoadmapOnMap:
    """The features of a roadmap among the session's layers (``session_layers``: table -> layer)."""

    def __init__(self, canvas: QgsMapCanvas, session_layers: Callable[[], dict[str, QgsVectorLayer]]):
        self.canvas = canvas
        self.session_layers = session_layers
        self.highlights: list[tuple[QgsHighlight, QgsHighlight]] = []  # a halo and an outline per feature

    def layers(self, tables: Iterable[str]) -> list[QgsVectorLayer]:
        present = self.session_layers()
        return [present[table] for table in tables if table in present]

    def features(self, table: str, uuids) -> list:
        """(layer, feature) of the features of ``table`` with these uuids that have a geometry."""
        layers = self.layers((table,))
        if not layers or not uuids:
            return []
        quoted = ", ".join(QgsExpression.quotedValue(uuid) for uuid in uuids)
        request = QgsFeatureRequest().setFilterExpression(f'"uuid" IN ({quoted})')
        return [(layers[0], feature) for feature in layers[0].getFeatures(request) if feature.hasGeometry()]

    def action_features(self, action: RoadmapAction) -> list:
        """(layer, feature) of the action's zone, if drawn, and of each stake it answers."""
        found = self.features(ACTIONS, [action.uuid])
        for table in STAKE_TABLES:
            found += self.features(table, action.stakes)
        return found

    def outline_action(self, action: RoadmapAction) -> None:
        """The action's zone and the stakes it answers outlined, instead of what was."""
        self.clear()
        for layer, feature in self.action_features(action):
            colour = ZONE_COLOUR if layer_table(layer) == ACTIONS else LINKED_COLOUR
            halo = self._outline(layer, feature, HALO_COLOUR, HALO_MM, 0)
            self.highlights.append((halo, self._outline(layer, feature, colour, OUTLINE_MM, 70)))

    def _outline(self, layer: QgsVectorLayer, feature, colour: QColor, buffer_mm: float, fill_alpha: int):
        """The feature drawn with its own symbol (a stake's bubble keeps its size), in one colour, widened."""
        highlight = QgsHighlight(self.canvas, feature, layer)
        highlight.setColor(colour)
        fill = QColor(colour)
        fill.setAlpha(fill_alpha)
        highlight.setFillColor(fill)
        highlight.setBuffer(buffer_mm)
        highlight.setMinWidth(buffer_mm)
        highlight.show()
        return highlight

    def clear(self) -> None:
        for pair in self.highlights:
            for highlight in pair:
                self.canvas.scene().removeItem(highlight)
        self.highlights = []

    def zoom_to(self, found: list) -> None:
        """Frame the features ``found`` (layer, feature) with room around them, and flash each."""
        if not found:
            return
        settings = self.canvas.mapSettings()
        extent = QgsRectangle()  # null on every QGIS: the first combineExtentWith replaces it
        for layer, feature in found:
            extent.combineExtentWith(settings.layerExtentToOutputExtent(layer, feature.geometry().boundingBox()))
        margin = max(ZOOM_MARGIN_M, ZOOM_MARGIN_SHARE * max(extent.width(), extent.height()))
        self.canvas.setExtent(extent.buffered(margin))
        for layer, feature in found:
            self.canvas.flashGeometries([feature.geometry()], layer.crs())
        self.canvas.refresh()
