"""The live dock's "What changed" panel on the sample atelier, driven by real clicks and keys."""

from __future__ import annotations

import shutil

import pytest
from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QInputDialog

from bassee_atelier_plugin.gui.editing.evolution_bands import KIND_COLOURS
from tests.conftest import SAMPLE_DATA
from tests.qgis.desk import BRAY, click, pixel, press, shown_dock
from tests.qgis.test_evolution import CANAL, RESTITUTION, SUBDIVISIONS, SURVEY, WORKSHOP


@pytest.fixture
def dock(plugin, iface, tmp_path):
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    plugin.loader.open(path)
    dock = shown_dock(iface, plugin.toggle_live_dock)
    dock.fast_mode.setChecked(True)
    return dock


def tick(box) -> None:
    """Click a check box on its box: the widget may be wider than its text."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, box.height() // 2))


def listed(panel) -> dict[str, list[str]]:
    """The list as the planner reads it: each group's heading, and the titles under it."""
    groups = (panel.tree.topLevelItem(index) for index in range(panel.tree.topLevelItemCount()))
    return {
        group.text(0): [group.child(i).text(0).split(" — ")[0] for i in range(group.childCount())] for group in groups
    }


def test_the_last_two_sessions_are_listed_and_drawn_in_the_colour_of_each_change(dock, iface):
    panel, canvas = dock.evolution, iface.mapCanvas()
    assert (panel.from_combo.currentText(), panel.to_combo.currentText()) == (WORKSHOP, RESTITUTION)
    assert CANAL in listed(panel)["Retained (5)"] and list(listed(panel)) == ["Changed (1)", "Retained (5)"]
    assert panel.legend_labels["retained"].text() == "Retained 5"

    tick(panel.show_on_map)

    assert len(panel.bands.bands) == 6
    canal = next(change for change in panel.found.changes if change.title == CANAL)
    start = QgsGeometry.fromWkt(canal.geometry).vertexAt(0)
    on_screen = canvas.grab().toImage().pixelColor(pixel(canvas, start.x(), start.y()))
    assert on_screen == QColor(KIND_COLOURS["retained"])

    tick(panel.show_on_map)
    assert panel.bands.bands == [] and canvas.grab().toImage().pixelColor(pixel(canvas, start.x(), start.y())) != (
        QColor(KIND_COLOURS["retained"])
    )


def test_choosing_the_survey_lists_what_the_workshop_added(dock):
    panel = dock.evolution
    panel.from_combo.setFocus()

    QTest.keyClick(panel.from_combo, Qt.Key.Key_Up)

    assert panel.from_combo.currentText() == SURVEY
    added = next(titles for heading, titles in listed(panel).items() if heading.startswith("Added"))
    assert SUBDIVISIONS in added and CANAL in added


def test_a_new_session_starts_empty_with_a_message_then_lists_what_is_drawn(dock, iface, monkeypatch):
    panel = dock.evolution
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Comité de pilotage", True))
    press(dock.add_session_button)

    assert (panel.from_combo.currentText(), panel.to_combo.currentText()) == (RESTITUTION, "Comité de pilotage")
    assert panel.tree.topLevelItemCount() == 0
    assert "no journal entries" in panel.message.text() and panel.message.isVisible()

    press(dock.theme_buttons["agriculture"])
    click(iface.mapCanvas(), *BRAY)
    assert panel.follow_timer.isActive()  # compared once the edits pause, not within the click
    while panel.follow_timer.isActive():
        QTest.qWait(50)

    assert list(listed(panel)) == ["Added (1)"] and not panel.message.isVisible()
