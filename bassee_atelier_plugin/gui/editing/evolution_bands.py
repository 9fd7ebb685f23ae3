"""The changes between two sessions drawn over the map: a rubber band per change, in the colour of its kind.

Rubber bands sit above every layer and are never saved in the project: the comparison
shows on the atelier's map without touching its layers or its styles.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry
from qgis.gui import QgsMapCanvas, QgsRubberBand
from qgis.PyQt.QtGui import QColor

from bassee_atelier_plugin.core.deliverables.evolution import ADDED, CHANGED, DELETED, DROPPED, RETAINED, Change

KIND_COLOURS = {
    ADDED: "#2e7d32",
    CHANGED: "#ef6c00",
    RETAINED: "#1565c0",
    DROPPED: "#6d4c41",
    DELETED: "#c62828",
}
FILL_ALPHA = 60  # an area's inside stays readable under its colour


class ChangeBands:
    """The rubber bands of one comparison on one canvas."""

    def __init__(self, canvas: QgsMapCanvas):
        self.canvas = canvas
        self.bands: list[QgsRubberBand] = []

    def show(self, changes: list[Change], crs: str) -> None:
        self.clear()
        source = QgsCoordinateReferenceSystem(crs)
        for change in changes:
            if not change.geometry:
                continue  # an orientation, or an action without its zone yet
            geometry = QgsGeometry.fromWkt(change.geometry)
            if geometry.isNull():
                continue
            band = QgsRubberBand(self.canvas, geometry.type())
            colour = QColor(KIND_COLOURS[change.kind])
            band.setColor(colour)
            fill = QColor(colour)
            fill.setAlpha(FILL_ALPHA)
            band.setFillColor(fill)
            band.setWidth(4)
            band.setIconSize(16)
            band.setToGeometry(geometry, source)
            self.bands.append(band)

    def clear(self) -> None:
        for band in self.bands:
            self.canvas.scene().removeItem(band)
        self.bands = []
