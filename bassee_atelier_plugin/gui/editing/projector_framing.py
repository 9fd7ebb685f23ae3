"""Where the projected map goes: beside the overlays rather than under them, and framing a place in it."""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsPointXY, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtGui import QCursor
from qgis.PyQt.QtWidgets import QWidget

from bassee_atelier_plugin.gui.editing.overlay_look import MARGIN
from bassee_atelier_plugin.toolbelt.compat import PARTIAL_LABELS


def pointed_place(canvas: QgsMapCanvas) -> QgsPointXY:
    """Where the mouse points on the map, or the map's centre when it is elsewhere."""
    viewport = canvas.viewport()
    pointer = viewport.mapFromGlobal(QCursor.pos())
    if viewport.rect().contains(pointer):
        return canvas.getCoordinateTransform().toMapCoordinates(pointer)
    return canvas.center()


def to_canvas(canvas: QgsMapCanvas, layer: QgsVectorLayer) -> QgsCoordinateTransform:
    return QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())


def frame(canvas: QgsMapCanvas, extent: QgsRectangle, padding: float) -> None:
    """Show ``extent`` as large as the map's room allows, with ``padding`` around it for its labels."""
    canvas.setExtent(
        QgsRectangle.fromCenterAndSize(extent.center(), extent.width() * padding, extent.height() * padding)
    )
    canvas.refresh()


def map_beside(canvas: QgsMapCanvas, palette: QWidget, legend: QWidget, canvas_style: str) -> bool:
    """Draw the map beside the palette (left) and above the legend (bottom), never under them.

    The map's viewport shrinks, by a style sheet's padding (QGIS made the canvas: its
    ``setViewportMargins`` is out of Python's reach): QGIS then places no label under an
    overlay, as it places none outside the map. On a screen too small for that, where the
    map would keep less than half its width or height, it stays under the overlays, as
    big as it can be, and the answer is False.
    """
    left = palette.geometry().right() + 1 + MARGIN
    bottom = canvas.rect().bottom() + 1 - legend.geometry().top() + MARGIN if legend.isVisible() else 0
    if 2 * left > canvas.width() or 2 * bottom > canvas.height():
        left = bottom = 0
    room = f"QgsMapCanvas {{ padding-left: {left}px; padding-bottom: {bottom}px; }}" if left else ""
    style = f"{canvas_style} {room}".strip()
    if canvas.styleSheet() != style:
        scale, centre = canvas.scale(), canvas.center()
        canvas.setStyleSheet(style)  # QGIS keeps the extent of a resized map: the place in view keeps its scale
        canvas.zoomScale(scale)
        canvas.setCenter(centre)
    return bool(left)


def whole_labels_only(canvas: QgsMapCanvas) -> None:
    """No label cut by the map's edge: QGIS's default allows truncated labels there."""
    settings = canvas.labelingEngineSettings()
    settings.setFlag(PARTIAL_LABELS, False)
    canvas.setLabelingEngineSettings(settings)
