"""The facilitator's desk in tests: a real map canvas framed on Bray, real gestures, and the file read back.

What was saved is read with sqlite3, never through QGIS's layers, so that "committed" means on disk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from osgeo import ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsRectangle
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeySequence, QMouseEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDockWidget

# Bray-sur-Seine and around, well inside the territory (Lambert-93).
BRAY = (713_500.0, 6_813_500.0)
VIEW = QgsRectangle(705_000, 6_808_000, 722_000, 6_819_000)
DOCK_WIDTH = 360  # what a dock of QGIS's is given at first, about


def settle_layout(window) -> None:
    """Lay the window's docks out now, for the window as it is.

    An earlier test may have left the dock areas sized for its own docks, a layout Qt settles
    only on the window's next resize: otherwise that comes in the middle of a test (a dock
    shown, full screen left), and the canvas changes size under the mouse.
    """
    size = window.size()
    window.resize(size.width() - 1, size.height())
    window.resize(size)
    QApplication.processEvents()


def show_on_screen(iface) -> None:
    """Main window shown at a fixed size, canvas framed on Bray in Lambert-93, with the focus."""
    window, canvas = iface.mainWindow(), iface.mapCanvas()
    window.resize(1700, 900)
    window.show()
    QApplication.processEvents()
    docks = [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]
    window.resizeDocks(docks, [DOCK_WIDTH] * len(docks), Qt.Orientation.Horizontal)  # the canvas keeps its room
    settle_layout(window)
    QApplication.setActiveWindow(window)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    canvas.setExtent(VIEW)
    canvas.setFocus()
    QApplication.processEvents()


def shown_dock(iface, toggle):
    """A dock of the plugin, shown by its toggle, beside the canvas framed on Bray; no message left over."""
    show_on_screen(iface)
    dock = toggle()
    show_on_screen(iface)  # the dock took room from the canvas: frame it again
    iface.messageBar().clear_messages()
    return dock


# -- gestures -------------------------------------------------------------------------------


def pixel(canvas, x: float, y: float) -> QPoint:
    point = canvas.getCoordinateTransform().transform(x, y)
    return QPoint(round(point.x()), round(point.y()))


def map_point(canvas, pixel_point: QPoint) -> QgsPointXY:
    return canvas.getCoordinateTransform().toMapCoordinates(pixel_point.x(), pixel_point.y())


def click(canvas, x: float, y: float, button=Qt.MouseButton.LeftButton) -> None:
    QTest.mouseClick(canvas.viewport(), button, Qt.KeyboardModifier.NoModifier, pixel(canvas, x, y))


def double_click(canvas, x: float, y: float) -> None:
    QTest.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel(canvas, x, y))


def mouse(canvas, kind: QEvent.Type, at: QPoint, held=Qt.MouseButton.LeftButton) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else held
    QApplication.sendEvent(canvas.viewport(), QMouseEvent(kind, at, button, buttons, Qt.KeyboardModifier.NoModifier))


def drag(canvas, path: list[tuple[float, float]]) -> None:
    """Press on the first point, move through the others, release on the last."""
    pixels = [pixel(canvas, x, y) for x, y in path]
    mouse(canvas, QEvent.Type.MouseButtonPress, pixels[0])
    for at in pixels[1:]:
        mouse(canvas, QEvent.Type.MouseMove, at)
    mouse(canvas, QEvent.Type.MouseButtonRelease, pixels[-1])


def press_keys(canvas, keys: str) -> None:
    """A key sequence as typed on the canvas: shortcuts are tried first, as in QGIS."""
    combination = QKeySequence(keys)[0]
    if isinstance(combination, int):  # Qt5: the key and its modifiers in one number
        mask = int(Qt.KeyboardModifier.KeyboardModifierMask)
        key, modifiers = Qt.Key(combination & ~mask), Qt.KeyboardModifier(combination & mask)
    else:  # Qt6: a QKeyCombination
        key, modifiers = combination.key(), combination.keyboardModifiers()
    QTest.keyClick(canvas, key, modifiers)


def press(button) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


# -- reading the file ---------------------------------------------------------------------------


def rows(path: Path, table: str) -> list[dict]:
    """Every row of ``table`` as sqlite3 reads it, with the geometry decoded to an OGR geometry."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        found = [dict(row) for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY fid')]
    finally:
        connection.close()
    for row in found:
        if row.get("geom") is not None:
            row["geom"] = geopackage_geometry(row["geom"])
    return found


def geopackage_geometry(blob: bytes) -> ogr.Geometry:
    envelope_sizes = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
    header = 8 + envelope_sizes[(blob[3] >> 1) & 0b111]
    return ogr.CreateGeometryFromWkb(bytes(blob[header:]))


def journal(path: Path) -> list[tuple[str, str, str]]:
    return [(row["operation"], row["table_name"], row["feature_uuid"]) for row in rows(path, "journal")]


def messages(iface, level) -> list[str]:
    return iface.messageBar().get_messages(level)


def near(geometry: ogr.Geometry, x: float, y: float, tolerance: float) -> bool:
    return abs(geometry.GetX() - x) <= tolerance and abs(geometry.GetY() - y) <= tolerance
