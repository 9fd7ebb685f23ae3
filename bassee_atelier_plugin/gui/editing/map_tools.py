"""Map tools of the live workshop: draw, pick, drag. They never edit a layer themselves.

Drawing tools hand a finished geometry (in the canvas CRS) to a callback; picking tools
hand the feature found under the cursor. The live session then commits through the
core, so no tool ever starts an edit session on a layer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QKeyEvent

from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.toolbelt.compat import GeometryType

PICK_TOLERANCE_PIXELS = 6
SIMPLIFY_TOLERANCE_PIXELS = 2.5  # a shaky hand's jitter, removed on release
RUBBER_BAND_COLOUR = QColor(255, 0, 144, 200)


def rubber_band(canvas: QgsMapCanvas, geometry_type: QgsWkbTypes.GeometryType) -> QgsRubberBand:
    band = QgsRubberBand(canvas, geometry_type)
    band.setColor(RUBBER_BAND_COLOUR)
    fill = QColor(RUBBER_BAND_COLOUR)
    fill.setAlpha(50)
    band.setFillColor(fill)
    band.setWidth(3)
    return band


def shape_of(points: Sequence[QgsPointXY], geometry_type: QgsWkbTypes.GeometryType) -> QgsGeometry:
    """A line through ``points``, or the area they outline (the ring closes itself)."""
    if geometry_type == GeometryType.POLYGON:
        return QgsGeometry.fromPolygonXY([list(points)])
    return QgsGeometry.fromPolylineXY(list(points))


class PointTool(QgsMapTool):
    """One left click, one point."""

    def __init__(self, canvas: QgsMapCanvas, on_drawn: Callable[[QgsGeometry], object]):
        super().__init__(canvas)
        self.on_drawn = on_drawn
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.on_drawn(QgsGeometry.fromPointXY(event.mapPoint()))


class _DrawingTool(QgsMapTool):
    """What the vertex tool and the pen share: the points drawn so far, shown as a rubber band."""

    def __init__(
        self,
        canvas: QgsMapCanvas,
        geometry_type: QgsWkbTypes.GeometryType,
        on_drawn: Callable[[QgsGeometry], object],
    ):
        super().__init__(canvas)
        self.geometry_type = geometry_type
        self.on_drawn = on_drawn
        self.points: list[QgsPointXY] = []
        self.band = rubber_band(canvas, geometry_type)
        self.setCursor(Qt.CursorShape.CrossCursor)

    @property
    def in_progress(self) -> bool:
        return bool(self.points)

    def reset(self) -> None:
        self.points = []
        self.band.reset(self.geometry_type)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.in_progress:
            self.reset()  # the drawing is dropped, nothing was stored
            event.accept()
        else:
            event.ignore()

    def deactivate(self) -> None:
        self.reset()
        super().deactivate()


class DigitizeTool(_DrawingTool):
    """A line or an area, vertex by vertex.

    Left click adds a vertex; right click, double click or Enter finishes; Backspace
    takes back the last vertex; Esc drops the drawing.
    """

    def __init__(
        self,
        canvas: QgsMapCanvas,
        geometry_type: QgsWkbTypes.GeometryType,
        on_drawn: Callable[[QgsGeometry], object],
    ):
        super().__init__(canvas, geometry_type, on_drawn)
        self._release_ends_double_click = False

    def canvasPressEvent(self, event: QgsMapMouseEvent) -> None:
        self._release_ends_double_click = False

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if self._release_ends_double_click:
            self._release_ends_double_click = False
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.points.append(event.mapPoint())
            self._show(event.mapPoint())
        elif event.button() == Qt.MouseButton.RightButton:
            self.finish()

    def canvasDoubleClickEvent(self, event: QgsMapMouseEvent) -> None:
        """Finish on the double-clicked point, whether or not its first click already placed it."""
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if not self.points or self.points[-1] != event.mapPoint():
            self.points.append(event.mapPoint())
        self._release_ends_double_click = True
        self.finish()

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:
        if self.points:
            self._show(event.mapPoint())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif event.key() == Qt.Key.Key_Backspace and self.points:
            self.points.pop()
            self._show()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def finish(self) -> None:
        """Hand over what was drawn (the core refuses what is too short to keep)."""
        if not self.points:
            return
        geometry = shape_of(self.points, self.geometry_type)
        self.reset()
        self.on_drawn(geometry)

    def _show(self, cursor: QgsPointXY | None = None) -> None:
        """The drawing so far, and its next segment following the cursor."""
        self.band.reset(self.geometry_type)
        for point in [*self.points, *([cursor] if cursor is not None else [])]:
            self.band.addPoint(point, False)
        self.band.show()
        self.band.updatePosition()
        self.band.update()


class FreehandTool(_DrawingTool):
    """The planner's pen: press, draw, release; the shape is simplified on release."""

    def canvasPressEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.points = [event.mapPoint()]
            self.band.reset(self.geometry_type)
            self.band.addPoint(event.mapPoint())

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:
        if self.points and event.buttons() & Qt.MouseButton.LeftButton:
            self.points.append(event.mapPoint())
            self.band.addPoint(event.mapPoint())

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.points:
            return
        self.points.append(event.mapPoint())
        tolerance = self.canvas().mapUnitsPerPixel() * SIMPLIFY_TOLERANCE_PIXELS
        drawn = shape_of(self.points, self.geometry_type)
        simplified = drawn.simplify(tolerance)
        self.reset()
        # a tiny scribble simplifies to nothing: hand it over as drawn, the core says why it is refused
        self.on_drawn(drawn if simplified.isNull() or simplified.isEmpty() else simplified)


@dataclass
class PickedFeature:
    """A feature of the atelier under the cursor: where it is stored, and its geometry in the canvas CRS."""

    layer: QgsVectorLayer
    table: str
    uuid: str
    geometry: QgsGeometry


class FeatureFinder:
    """Finds the atelier feature under a canvas point, among the layers a tool may touch.

    Layers are searched in the order given (points before lines before areas), so a
    point stake on top of an area is the one picked.
    """

    def __init__(self, canvas: QgsMapCanvas, layers: Callable[[], Sequence[QgsVectorLayer]]):
        self.canvas = canvas
        self.layers = layers

    def at(self, point: QgsPointXY) -> PickedFeature | None:
        tolerance = self.canvas.mapUnitsPerPixel() * PICK_TOLERANCE_PIXELS
        cursor = QgsGeometry.fromPointXY(point)
        search = cursor.buffer(tolerance, 1).boundingBox()
        canvas_crs = self.canvas.mapSettings().destinationCrs()
        for layer in self.layers():
            to_canvas = QgsCoordinateTransform(layer.crs(), canvas_crs, QgsProject.instance())
            in_layer_crs = to_canvas.transformBoundingBox(search, Qgis.TransformDirection.Reverse)
            nearest = None
            for feature in layer.getFeatures(QgsFeatureRequest().setFilterRect(in_layer_crs)):
                geometry = QgsGeometry(feature.geometry())
                geometry.transform(to_canvas)
                distance = geometry.distance(cursor)
                if distance <= tolerance and (nearest is None or distance < nearest[0]):
                    nearest = (distance, feature["uuid"], geometry)
            if nearest is not None:
                _distance, uuid, geometry = nearest
                return PickedFeature(layer, layer_table(layer), uuid, geometry)
        return None


class PickTool(QgsMapTool):
    """A click on a feature: the callback gets the feature and the mouse button."""

    def __init__(
        self,
        canvas: QgsMapCanvas,
        finder: FeatureFinder,
        on_picked: Callable[[PickedFeature, Qt.MouseButton], object],
    ):
        super().__init__(canvas)
        self.finder = finder
        self.on_picked = on_picked
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        picked = self.finder.at(event.mapPoint())
        if picked is not None:
            self.on_picked(picked, event.button())


class DragTool(QgsMapTool):
    """Press on a feature, drag, release: move it whole, or only the vertex pressed on.

    The callback gets the feature and its new geometry (canvas CRS) on release.
    """

    def __init__(
        self,
        canvas: QgsMapCanvas,
        finder: FeatureFinder,
        on_dragged: Callable[[PickedFeature, QgsGeometry], object],
        vertex_only: bool = False,
    ):
        super().__init__(canvas)
        self.finder = finder
        self.on_dragged = on_dragged
        self.vertex_only = vertex_only
        self.picked: PickedFeature | None = None
        self.vertex_index = -1
        self.start: QgsPointXY | None = None
        self.band: QgsRubberBand | None = None
        self.setCursor(Qt.CursorShape.SizeAllCursor)

    def canvasPressEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        picked = self.finder.at(event.mapPoint())
        if picked is None:
            return
        if self.vertex_only:
            _vertex, self.vertex_index, *_rest = picked.geometry.closestVertex(event.mapPoint())
            if self.vertex_index < 0:
                return
        self.picked, self.start = picked, event.mapPoint()
        self.band = rubber_band(self.canvas(), picked.geometry.type())
        self.band.setToGeometry(picked.geometry, None)

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:
        if self.picked is not None:
            self.band.setToGeometry(self._dragged_to(event.mapPoint()), None)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if self.picked is None or event.button() != Qt.MouseButton.LeftButton:
            return
        picked, geometry = self.picked, self._dragged_to(event.mapPoint())
        self._drop_band()
        if event.mapPoint() != self.start:
            self.on_dragged(picked, geometry)

    @property
    def in_progress(self) -> bool:
        return self.picked is not None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.in_progress:
            self._drop_band()  # the feature stays where it was
            event.accept()
        else:
            event.ignore()

    def deactivate(self) -> None:
        self._drop_band()
        super().deactivate()

    def _dragged_to(self, point: QgsPointXY) -> QgsGeometry:
        geometry = QgsGeometry(self.picked.geometry)
        if self.vertex_only:
            geometry.moveVertex(point.x(), point.y(), self.vertex_index)
            self._keep_ring_closed(geometry)
        else:
            geometry.translate(point.x() - self.start.x(), point.y() - self.start.y())
        return geometry

    def _keep_ring_closed(self, geometry: QgsGeometry) -> None:
        """An area's first and last vertices are one point: moving one moves the other."""
        if geometry.type() != GeometryType.POLYGON:
            return
        ring = geometry.asPolygon()[0]
        last = len(ring) - 1
        twin = {0: last, last: 0}.get(self.vertex_index)
        if twin is not None:
            moved = ring[self.vertex_index]
            geometry.moveVertex(moved.x(), moved.y(), twin)

    def _drop_band(self) -> None:
        if self.band is not None:
            self.canvas().scene().removeItem(self.band)
        self.band = None
        self.picked = None


def drawing_in_progress(tool: QgsMapTool | None) -> bool:
    """Whether ``tool`` holds a drawing or a drag not yet handed over, which Esc would cancel."""
    return isinstance(tool, (_DrawingTool, DragTool)) and tool.in_progress
