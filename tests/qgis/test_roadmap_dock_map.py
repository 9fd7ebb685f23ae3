"""The roadmap dock on the map: an action's links to stakes and its zone, drawn with real clicks.

A real map canvas and a real atelier GeoPackage; what was saved is read back with sqlite3,
never through QGIS's layers.
"""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest

from bassee_atelier_plugin.gui.deliverables.stake_tabs import UNANSWERED_TAB
from tests.qgis import roadmap_dock_helpers
from tests.qgis.desk import BRAY, VIEW, click, press, rows
from tests.qgis.roadmap_dock_helpers import action_item, double_click_row, select, stored_actions

ZONE = [(712_000, 6_812_000), (714_000, 6_812_000), (714_000, 6_814_000), (712_000, 6_814_000)]

# the fixtures of roadmap_dock_helpers, shared with test_roadmap_dock.py: pytest finds them by their names here
dock, roadmap = roadmap_dock_helpers.dock, roadmap_dock_helpers.roadmap


def stake(dock, title: str, x: float = BRAY[0], y: float = BRAY[1]) -> str:
    """A stake drawn in the live workshop (through the same session)."""
    point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
    return dock.session.run(lambda editor: editor.add_stake(point, "eau_risques", title=title)).uuid


# -- links to stakes -----------------------------------------------------------------------------------


def test_a_stake_clicked_on_the_map_is_linked_to_the_action_and_the_markers_follow(roadmap, iface, atelier_path):
    dock = roadmap
    flood = stake(dock, "Crue de la Seine")
    stake(dock, "Gare de Flamboin", BRAY[0] + 3000)
    assert "(2)" in dock.stake_tabs.tabText(UNANSWERED_TAB)
    select(dock, "A")
    assert "Answers no stake yet" in dock.missing_label.text()
    assert action_item(dock, "A").text(1) == "0"

    press(dock.link_button)
    click(iface.mapCanvas(), *BRAY)

    [link] = rows(atelier_path, "action_stakes")
    assert (link["action_uuid"], link["stake_uuid"]) == (stored_actions(atelier_path)["A"]["uuid"], flood)
    assert "(1)" in dock.stake_tabs.tabText(UNANSWERED_TAB)
    assert [dock.unanswered_list.item(0).text()] == ["Gare de Flamboin — Eau et risques"]
    assert action_item(dock, "A").text(1) == "1" and "Answers no stake" not in dock.missing_label.text()
    assert len(dock.highlights) == 1  # the stake it answers, outlined on the map
    ticked = [dock.stakes_list.item(row) for row in range(dock.stakes_list.count())]
    assert [(item.text(), item.checkState()) for item in ticked] == [
        ("Crue de la Seine — Eau et risques", Qt.CheckState.Checked),
        ("Gare de Flamboin — Eau et risques", Qt.CheckState.Unchecked),
    ]

    click(iface.mapCanvas(), *BRAY)  # a second click takes the link away
    assert rows(atelier_path, "action_stakes") == []
    assert "(2)" in dock.stake_tabs.tabText(UNANSWERED_TAB)


def test_a_stake_ticked_in_the_list_is_linked_and_the_stakes_form_lists_the_action(roadmap, atelier_path):
    dock = roadmap
    flood = stake(dock, "Crue de la Seine")
    select(dock, "B")

    item = dock.stakes_list.item(0)
    check_box = dock.stakes_list.visualItemRect(item)
    QTest.mouseClick(
        dock.stakes_list.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        check_box.topLeft() + QPoint(10, 8),
    )

    assert [(row["stake_uuid"]) for row in rows(atelier_path, "action_stakes")] == [flood]
    layer = dock.session.layers()["stakes_point"]
    [feature] = layer.getFeatures()
    assert feature["answered_by"] == "B"  # the other way: the stake's form lists the action


# -- the zone --------------------------------------------------------------------------------------------


def test_the_zone_is_drawn_with_clicks_and_stored(roadmap, iface, atelier_path):
    dock = roadmap
    canvas = iface.mapCanvas()
    select(dock, "D")
    assert "No zone on the map yet" in dock.missing_label.text()
    assert action_item(dock, "D").text(2) == "—"

    press(dock.zone_button)
    for x, y in ZONE:
        click(canvas, x, y)
    click(canvas, *ZONE[-1], button=Qt.MouseButton.RightButton)

    zone = stored_actions(atelier_path)["D"]["geom"]
    assert zone.GetGeometryName() == "POLYGON"
    assert zone.GetArea() == pytest.approx(4_000_000, rel=0.02)
    assert action_item(dock, "D").text(2) == "✓" and "No zone" not in dock.missing_label.text()
    assert not dock.zone_button.isChecked()  # one zone drawn: the tool is put away
    assert len(dock.highlights) == 1  # the zone, outlined while the action is selected

    canvas.setExtent(VIEW.buffered(20_000))
    double_click_row(dock, "D")
    assert canvas.extent().contains(QgsRectangle(*ZONE[0], *ZONE[2]))  # a double click shows the action
    assert canvas.extent().width() < VIEW.width() / 2
