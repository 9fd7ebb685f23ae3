"""Projector mode's labels on a real map canvas: drawn whole, beside the palette and the legend, never under them.

QGIS's own labelling results say where each label went; their rectangles, in the
canvas's pixels, are checked against the overlays' geometry. The window is QGIS's as
projector_helpers furnishes it.
"""

from __future__ import annotations

from qgis.core import QgsPointXY
from qgis.PyQt.QtCore import QRect, Qt
from qgis.PyQt.QtTest import QTest

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.gui.editing.projector import ProjectorMode
from bassee_atelier_plugin.toolbelt.compat import PARTIAL_LABELS
from tests.qgis import projector_helpers
from tests.qgis.projector_helpers import layers_by_table, press

# the fixtures of projector_helpers: pytest finds them by their names here
english, window, iface = projector_helpers.english, projector_helpers.window, projector_helpers.iface
atelier_file, atelier = projector_helpers.atelier_file, projector_helpers.atelier

DETAIL_SCALE = 25_000  # a few communes: the stake's label has room on both sides
PIXELS_FROM_THE_PALETTE = 40
WEST_STAKE = "Départ des médecins"  # some 280 px: on the point's left, it would be under the palette


def drawn_labels(canvas) -> dict[str, QRect]:
    """Each label QGIS placed on the last render, by its text: its rectangle in the canvas's pixels."""
    canvas.refresh()
    canvas.waitWhileRendering()
    to_pixels = canvas.getCoordinateTransform()
    offset = canvas.viewport().geometry().topLeft()
    drawn = {}
    for label in canvas.labelingResults().allLabels():
        box = label.labelRect
        corners = [to_pixels.transform(QgsPointXY(box.xMinimum(), box.yMaximum())).toQPointF().toPoint() + offset]
        corners.append(to_pixels.transform(QgsPointXY(box.xMaximum(), box.yMinimum())).toQPointF().toPoint() + offset)
        drawn[label.labelText] = QRect(corners[0], corners[1]).normalized()
    return drawn


def test_labels_are_drawn_whole_beside_the_palette_and_the_legend(iface, atelier):
    """A stake just right of the palette, whose label QGIS would put on its left, under the palette."""
    with atelier.dataset(update=True) as dataset:
        dataset.ExecuteSQL("DELETE FROM thesaurus_themes WHERE position > 2")  # a palette narrow enough to leave room
    projector = ProjectorMode(iface)
    canvas = iface.mapCanvas()
    try:
        projector.enter()
        communes = layers_by_table(projector)["communes"].extent()
        west = QgsPointXY(communes.xMinimum() + communes.width() * 0.04, communes.center().y())
        with writer(atelier) as stakes:
            stakes.insert("stakes_point", {"theme": "eau_risques", "title": WEST_STAKE}, west.asWkt())
        layers_by_table(projector)["stakes_point"].reload()  # as the live session does after a commit
        press(canvas, Qt.Key.Key_1)
        QTest.qWait(100)  # the full screen may come after the key (QGIS 3.44): the territory is framed again
        canvas.zoomScale(DETAIL_SCALE)
        from_centre = (canvas.viewport().width() / 2 - PIXELS_FROM_THE_PALETTE) * canvas.mapUnitsPerPixel()
        canvas.setCenter(QgsPointXY(west.x() + from_centre, west.y()))  # the stake by the palette's edge

        labels = drawn_labels(canvas)
        assert WEST_STAKE in labels, "the stake by the palette keeps its label"
        map_area = canvas.viewport().geometry()
        for text, box in labels.items():
            assert map_area.contains(box), f"{text!r} is cut by the map's edge"
            for overlay in (projector.palette, projector.legend):
                assert not box.intersects(overlay.geometry()), f"{text!r} is under {overlay.objectName()}"
        assert projector.legend.isVisible() and map_area.bottom() < projector.legend.geometry().top()
    finally:
        projector.unload()
    assert canvas.styleSheet() == "", "leaving gives the canvas its whole window back"
    assert canvas.labelingEngineSettings().testFlag(PARTIAL_LABELS), "and QGIS's labelling settings"
