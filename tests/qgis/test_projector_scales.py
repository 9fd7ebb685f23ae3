"""Projector mode's scale keys on a real map canvas: 1 the territory, 2 a commune, 3 a site at 1:5,000.

Driven by real key presses, with the pointer where the user holds it; the window is QGIS's
as projector_helpers furnishes it.
"""

from __future__ import annotations

import pytest
from qgis.core import QgsPointXY
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtGui import QCursor
from qgis.PyQt.QtTest import QTest

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.presentation.project import PROJECTOR_STYLE_NAME
from bassee_atelier_plugin.core.presentation.symbology import ALL_LABELS_UP_TO
from bassee_atelier_plugin.gui.editing.live_session import redraw_layer
from bassee_atelier_plugin.gui.editing.projector import LEGEND_REFRESH_MS, SITE_SCALE, ProjectorMode
from tests.qgis import projector_helpers
from tests.qgis.projector_helpers import layers_by_table, press

# the fixtures of projector_helpers, shared with test_projector.py: pytest finds them by their names here
english, window, iface = projector_helpers.english, projector_helpers.window, projector_helpers.iface
atelier_file, atelier = projector_helpers.atelier_file, projector_helpers.atelier
armed, projector = projector_helpers.armed, projector_helpers.projector


# -- the scales --------------------------------------------------------------------------------


def canvas_point(canvas, map_point) -> QPoint:
    """Where ``map_point`` is drawn, in the map's viewport."""
    return canvas.getCoordinateTransform().transform(map_point).toQPointF().toPoint()


def left_edge_on_canvas(canvas, extent) -> int:
    """Where the left edge of ``extent`` is drawn, in the canvas's coordinates, as the overlays' geometry is."""
    left_middle = QgsPointXY(extent.xMinimum(), extent.center().y())
    return canvas.viewport().geometry().left() + canvas_point(canvas, left_middle).x()


def test_1_shows_the_whole_territory(projector, iface):
    canvas = iface.mapCanvas()
    projector.enter()
    canvas.zoomScale(SITE_SCALE)

    press(canvas, Qt.Key.Key_1)

    assert canvas.extent().contains(layers_by_table(projector)["communes"].extent())


def test_the_territory_is_framed_beside_the_palette_when_the_screen_has_room(iface, atelier):
    """A territory with two themes of its own: the palette is short and narrow."""
    with atelier.dataset(update=True) as dataset:
        dataset.ExecuteSQL("DELETE FROM thesaurus_themes WHERE position > 2")
    projector = ProjectorMode(iface)
    try:
        projector.enter()
        canvas = iface.mapCanvas()
        assert len(projector.palette.buttons) == 2

        press(canvas, Qt.Key.Key_1)
        QTest.qWait(100)  # the full screen may come after the key (QGIS 3.44): the territory is framed again

        communes = layers_by_table(projector)["communes"].extent()
        assert left_edge_on_canvas(canvas, communes) > projector.palette.geometry().right(), "none under the palette"
        assert canvas.extent().contains(communes)
    finally:
        projector.unload()


def test_the_territory_stays_framed_while_the_window_settles_until_the_map_is_moved(projector, iface, window):
    """Going full screen resizes the window after enter() returns: the framing follows it."""
    canvas = iface.mapCanvas()
    communes = None

    def resize_to(width: int, height: int) -> None:
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(width, height)
        QTest.qWait(100)

    def territory_clear_of_the_palette() -> bool:
        left_edge = left_edge_on_canvas(canvas, communes)
        return canvas.extent().contains(communes) and left_edge > projector.palette.geometry().right()

    projector.enter()
    communes = layers_by_table(projector)["communes"].extent()
    resize_to(1100, 700)
    assert territory_clear_of_the_palette()
    resize_to(1500, 900)
    assert territory_clear_of_the_palette()

    # the map is in use
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(700, 450))
    extent = canvas.extent()
    resize_to(1200, 800)
    assert canvas.extent().center() == extent.center(), "once the map is used, a resize leaves it where it is"


def test_2_zooms_to_the_commune_under_the_pointer(projector, iface):
    canvas = iface.mapCanvas()
    projector.enter()
    press(canvas, Qt.Key.Key_1)
    communes = layers_by_table(projector)["communes"]
    territory = canvas.extent()
    commune = next(communes.getFeatures())
    inside = commune.geometry().pointOnSurface().asPoint()
    QCursor.setPos(canvas.viewport().mapToGlobal(canvas_point(canvas, inside)))

    press(canvas, Qt.Key.Key_2)

    extent = canvas.extent()
    assert extent.contains(commune.geometry().boundingBox())
    assert extent.area() < territory.area() / 4


def test_3_shows_the_site_under_the_pointer_at_1_to_5000(projector, iface):
    canvas = iface.mapCanvas()
    projector.enter()
    press(canvas, Qt.Key.Key_1)
    target = canvas_point(canvas, canvas.extent().center()) + QPoint(40, -30)
    QCursor.setPos(canvas.viewport().mapToGlobal(target))
    expected = canvas.getCoordinateTransform().toMapCoordinates(target)

    press(canvas, Qt.Key.Key_3)

    assert canvas.scale() == pytest.approx(SITE_SCALE, rel=0.01)
    assert canvas.center().distance(expected) < 2 * canvas.mapUnitsPerPixel()


def test_away_from_the_canvas_the_pointer_is_the_map_centre(projector, iface):
    canvas = iface.mapCanvas()
    projector.enter()
    press(canvas, Qt.Key.Key_1)
    centre = canvas.center()
    QCursor.setPos(canvas.viewport().mapToGlobal(QPoint(-500, -500)))

    press(canvas, Qt.Key.Key_3)

    assert canvas.center().distance(centre) < 2 * canvas.mapUnitsPerPixel()


# -- labelling ---------------------------------------------------------------------------------


def test_a_crowded_layer_takes_part_in_labelling_only_at_scales_where_its_labels_show(projector, iface, atelier):
    canvas = iface.mapCanvas()
    projector.enter()
    points, areas = (layers_by_table(projector)[table] for table in ("stakes_point", "stakes_area"))
    assert points.labelsEnabled()  # two stakes: named on the territory view
    with writer(atelier) as stakes:  # more stakes than the projector names on the territory view
        for index in range(ALL_LABELS_UP_TO):
            stakes.insert("stakes_point", {"theme": "mobilite", "title": f"Enjeu {index}"}, "POINT (712000 6817000)")
    redraw_layer(points)  # as the live session does after a commit
    QTest.qWait(3 * LEGEND_REFRESH_MS)
    assert not points.labelsEnabled() and areas.labelsEnabled()  # one area: named everywhere

    press(canvas, Qt.Key.Key_3)  # a site, where every stake is named
    assert points.labelsEnabled()
    press(canvas, Qt.Key.Key_1)
    assert not points.labelsEnabled()

    projector.leave()
    assert points.labelsEnabled()
    points.styleManager().setCurrentStyle(PROJECTOR_STYLE_NAME)
    assert points.labelsEnabled()  # the projector look is left as it was stored
