"""Framing a place on the projected map: where the pointer is, and as large as it shows clear of the overlays."""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsPointXY, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QRect
from qgis.PyQt.QtGui import QCursor
from qgis.PyQt.QtWidgets import QWidget

from bassee_atelier_plugin.gui.editing.overlay_look import MARGIN


def pointed_place(canvas: QgsMapCanvas) -> QgsPointXY:
    """Where the mouse points on the map, or the map's centre when it is elsewhere."""
    viewport = canvas.viewport()
    pointer = viewport.mapFromGlobal(QCursor.pos())
    if viewport.rect().contains(pointer):
        return canvas.getCoordinateTransform().toMapCoordinates(pointer)
    return canvas.center()


def to_canvas(canvas: QgsMapCanvas, layer: QgsVectorLayer) -> QgsCoordinateTransform:
    return QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())


def frame(canvas: QgsMapCanvas, extent: QgsRectangle, padding: float, palette: QWidget, legend: QWidget) -> None:
    """Show ``extent`` as large as it can be where neither the palette nor the legend covers it."""
    map_area = canvas.viewport().geometry()  # like the overlays, in the canvas's coordinates

    def units_per_pixel(area: QRect) -> float:
        return padding * max(extent.width() / area.width(), extent.height() / area.height())

    free = min(uncovered_areas(map_area, palette, legend), key=units_per_pixel, default=map_area)
    shift = free.center() - map_area.center()  # in pixels, y downwards
    scale = units_per_pixel(free)
    centre = QgsPointXY(extent.center().x() - shift.x() * scale, extent.center().y() + shift.y() * scale)
    canvas.setExtent(QgsRectangle.fromCenterAndSize(centre, map_area.width() * scale, map_area.height() * scale))
    canvas.refresh()


def uncovered_areas(map_area: QRect, palette: QWidget, legend: QWidget) -> list[QRect]:
    """Rectangles of the map that no overlay covers, big enough to be worth framing in.

    On a small screen there are none: a place is better shown big under the overlays.
    """
    beside_palette = map_area.adjusted(palette.geometry().right() + MARGIN - map_area.left(), 0, 0, 0)
    areas = [beside_palette]
    if legend.isVisible():
        legend_area = legend.geometry()
        areas = [
            beside_palette.adjusted(0, 0, 0, legend_area.top() - MARGIN - map_area.bottom()),
            beside_palette.adjusted(0, 0, legend_area.left() - MARGIN - map_area.right(), 0),
        ]
    return [area for area in areas if area.width() >= map_area.width() / 2 and area.height() >= map_area.height() / 2]
