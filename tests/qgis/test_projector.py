"""Projector mode with a real map canvas, driven by real key presses and mouse clicks.

Entering and leaving it, the window given back exactly, the palette, the legend, the help
and the size of their texts; the scale keys are in test_projector_scales.py. The window is
QGIS's as projector_helpers furnishes it.
"""

from __future__ import annotations

from qgis.core import QgsSettings, QgsWkbTypes
from qgis.gui import QgsMapToolPan
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtGui import QColor, QFontInfo
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabBar, QToolBar

from bassee_atelier_plugin.core.atelier.atelier import thesaurus_terms
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import DEFAULT_STYLE_NAME, PROJECTOR_STYLE_NAME
from bassee_atelier_plugin.gui.editing.map_tools import DigitizeTool, PointTool
from bassee_atelier_plugin.gui.editing.projector import ProjectorMode
from tests.qgis import projector_helpers
from tests.qgis.projector_helpers import THEMES_IN_USE, layers_by_table, press
from tests.qgis.room_phones_gui_helpers import wait_until

# the fixtures of projector_helpers, shared with test_projector_scales.py: pytest finds them by their names here
english, window, iface = projector_helpers.english, projector_helpers.window, projector_helpers.iface
atelier_file, atelier = projector_helpers.atelier_file, projector_helpers.atelier
armed, projector = projector_helpers.armed, projector_helpers.projector


def window_look(window: QMainWindow) -> dict:
    """What a user sees of the main window's furniture, tabs included."""
    return {
        "state": window.windowState(),
        "docks": {dock.objectName(): dock.isVisible() for dock in window.findChildren(QDockWidget)},
        "toolbars": {toolbar.objectName(): toolbar.isVisible() for toolbar in window.findChildren(QToolBar)},
        "menu bar": window.menuBar().isVisible(),
        "status bar": window.statusBar().isVisible(),
        "current tabs": [bar.tabText(bar.currentIndex()) for bar in window.findChildren(QTabBar) if bar.isVisible()],
        "layout": bytes(window.saveState()),
    }


# -- entering and leaving --------------------------------------------------------------------


def test_the_toggle_key_enters_and_leaves_restoring_the_window_exactly(projector, iface, window):
    canvas = iface.mapCanvas()
    before = window_look(window)
    assert before["docks"] == {"Layers": True, "Browser": True, "Log": False, "Styling": True}
    assert before["current tabs"] == ["Browser"]

    press(canvas, Qt.Key.Key_F11, Qt.KeyboardModifier.ControlModifier)

    assert projector.is_active
    during = window_look(window)
    assert during["state"] & Qt.WindowState.WindowFullScreen
    assert not any(during["docks"].values()) and not any(during["toolbars"].values()), during
    assert not during["menu bar"] and not during["status bar"]
    assert canvas.isVisible() and projector.palette.isVisible()

    press(canvas, Qt.Key.Key_F11, Qt.KeyboardModifier.ControlModifier)

    assert not projector.is_active
    assert window_look(window) == before
    assert projector.palette is None


def test_esc_leaves_and_the_keys_mean_nothing_special_afterwards(projector, iface, window):
    canvas = iface.mapCanvas()
    before = window_look(window)
    projector.enter()

    press(canvas, Qt.Key.Key_Escape)

    assert not projector.is_active
    assert window_look(window) == before
    extent = canvas.extent()
    press(canvas, Qt.Key.Key_3)
    assert canvas.extent() == extent, "the scale keys work only in projector mode"


def test_unload_leaves_the_mode_and_takes_the_action_away(iface, atelier, window):
    before = window_look(window)
    projector = ProjectorMode(iface)
    action = projector.action
    projector.enter()

    projector.unload()

    assert window_look(window) == before
    assert action not in window.actions()


def test_without_an_atelier_the_mode_explains_and_stays_off(iface, window):
    projector = ProjectorMode(iface)
    try:
        assert not projector.enter()
        assert not projector.is_active and not projector.action.isChecked()
        assert iface.messageBar().get_messages(0)  # Qgis.MessageLevel.Info
    finally:
        projector.unload()


def test_atelier_layers_take_the_projector_style_and_give_it_back(projector):
    projector.enter()
    layers = layers_by_table(projector)
    styled = [layer for layer in layers.values() if PROJECTOR_STYLE_NAME in layer.styleManager().styles()]
    assert {layer_table(layer) for layer in styled} >= {"stakes_point", "stakes_line", "stakes_area", "communes"}
    assert all(layer.styleManager().currentStyle() == PROJECTOR_STYLE_NAME for layer in styled)

    projector.leave()

    assert all(layer.styleManager().currentStyle() == DEFAULT_STYLE_NAME for layer in styled)


def test_context_layers_are_shown_and_hidden_again(projector):
    projector.enter()
    communes = next(n for n in projector.atelier.context_nodes() if layer_table(n.layer()) == "communes")
    projector.leave()
    communes.setItemVisibilityChecked(False)

    projector.enter()
    assert communes.isVisible()
    projector.leave()

    assert not communes.itemVisibilityChecked()


# -- the palette and the legend ----------------------------------------------------------------


def test_the_palette_has_one_button_per_theme_in_its_colour_and_arms_it(projector, atelier, armed):
    projector.enter()
    themes = thesaurus_terms(atelier, "themes")
    buttons = projector.palette.buttons

    assert list(buttons) == [term["code"] for term in themes]
    for term in themes:
        button = buttons[term["code"]]
        assert button.text() == term["label_en"]
        assert button.height() >= 48
        assert button.palette().color(button.backgroundRole()) == QColor(term["colour"])

    QTest.mouseClick(buttons["mobilite"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(buttons["energie"], Qt.MouseButton.LeftButton)

    assert armed == ["mobilite", "energie"]


def test_the_palette_frames_the_armed_theme_until_another_tool_takes_over(iface, atelier):
    canvas = iface.mapCanvas()
    tools = []

    def arm_theme(code):  # as the live dock does: a new drawing tool on the canvas
        tools.append(PointTool(canvas, lambda geometry: None))
        canvas.setMapTool(tools[-1])

    projector = ProjectorMode(iface, arm_theme=arm_theme)
    try:
        projector.enter()
        buttons = projector.palette.buttons
        QTest.mouseClick(buttons["mobilite"], Qt.MouseButton.LeftButton)
        QTest.mouseClick(buttons["energie"], Qt.MouseButton.LeftButton)
        assert [code for code, button in buttons.items() if button.isChecked()] == ["energie"]

        QTest.mouseClick(buttons["energie"], Qt.MouseButton.LeftButton)  # clicked again: still the armed one
        assert buttons["energie"].isChecked()

        canvas.setMapTool(QgsMapToolPan(canvas))
        assert not any(button.isChecked() for button in buttons.values())
    finally:
        projector.unload()


def test_without_arm_theme_the_buttons_are_disabled(iface, atelier):
    projector = ProjectorMode(iface)
    try:
        projector.enter()
        assert projector.palette.buttons and not any(
            button.isEnabled() for button in projector.palette.buttons.values()
        )
    finally:
        projector.unload()


def test_theme_labels_speak_the_language_of_qgis(projector, atelier):
    QgsSettings().setValue("locale/userLocale", "fr")
    projector.enter()

    assert projector.palette.buttons["eau_risques"].text() == "Eau et risques"
    assert projector.legend.labels["eau_risques"].text() == "Eau et risques"


def test_the_legend_lists_exactly_the_themes_in_use_and_follows_changes(projector, atelier):
    projector.enter()
    assert set(projector.legend.labels) == THEMES_IN_USE
    assert projector.legend.isVisible()

    with writer(atelier) as stakes:
        stakes.insert(
            "stakes_line", {"theme": "energie", "title": "Ligne HT"}, "LINESTRING (714000 6813000, 716000 6813500)"
        )
    layers_by_table(projector)["stakes_line"].triggerRepaint()  # as the live dock does after a commit

    # the legend is refreshed from a timer after the repaint: under load, later than any fixed wait
    wait_until(lambda: set(projector.legend.labels) == THEMES_IN_USE | {"energie"})


# -- help and legibility ---------------------------------------------------------------------


def test_h_and_question_mark_show_the_shortcuts_and_esc_closes_them_first(projector, iface):
    canvas = iface.mapCanvas()
    projector.enter()
    assert not projector.help.isVisible()

    press(canvas, Qt.Key.Key_H)
    assert projector.help.isVisible()
    listed = dict(projector.help.rows)
    assert {"1", "2", "3", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F11", "Esc"} <= set(listed)
    shown = {label.text() for label in projector.help.findChildren(QLabel)}
    assert set(listed) <= shown and set(listed.values()) <= shown

    press(canvas, Qt.Key.Key_H)
    assert not projector.help.isVisible()
    press(canvas, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert projector.help.isVisible()

    press(canvas, Qt.Key.Key_Escape)
    assert not projector.help.isVisible() and projector.is_active
    press(canvas, Qt.Key.Key_Escape)
    assert not projector.is_active


def test_esc_first_cancels_a_drawing_under_way_then_leaves(projector, iface):
    canvas = iface.mapCanvas()
    drawn = []
    tool = DigitizeTool(canvas, QgsWkbTypes.LineGeometry, drawn.append)
    canvas.setMapTool(tool)
    projector.enter()
    for x in (300, 600):
        QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, 400))
    assert len(tool.points) == 2

    press(canvas, Qt.Key.Key_Escape)

    assert projector.is_active and tool.points == [] and drawn == []
    press(canvas, Qt.Key.Key_Escape)
    assert not projector.is_active
    canvas.unsetMapTool(tool)


def test_every_overlay_text_is_at_least_24_pixels(projector, iface):
    projector.enter()
    press(iface.mapCanvas(), Qt.Key.Key_H)
    overlays = (projector.palette, projector.legend, projector.help)
    texts = [label for overlay in overlays for label in overlay.findChildren(QLabel) if label.text()]
    texts += list(projector.palette.buttons.values())

    assert min(QFontInfo(widget.font()).pixelSize() for widget in texts) >= 24
