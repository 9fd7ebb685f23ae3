"""Projector mode with a real map canvas, driven by real key presses and mouse clicks.

The main window is pytest-qgis's; the fixture gives it what QGIS's has and the stub
lacks (docks, some tabbed, toolbars, a status bar, a layer tree view) and shows it,
so that hiding and restoring them is tested for real.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from qgis.core import QgsLayerTreeModel, QgsPointXY, QgsProject, QgsSettings, QgsWkbTypes
from qgis.gui import QgsLayerTreeView, QgsMapToolPan
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QColor, QCursor, QFontInfo
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QStatusBar, QTabBar, QToolBar

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import DEFAULT_STYLE_NAME, PROJECTOR_STYLE_NAME
from bassee_atelier_plugin.gui.atelier.loader import AtelierLoader
from bassee_atelier_plugin.gui.editing.map_tools import DigitizeTool, PointTool
from bassee_atelier_plugin.gui.editing.projector import SITE_SCALE, ProjectorMode
from tests.conftest import kept_settings

LANGUAGE_SETTINGS = ("locale/overrideFlag", "locale/userLocale")
STAKES = [  # Lambert-93, inside the territory
    ("stakes_point", "eau_risques", "Crue de 2016", "POINT (715000 6815000)"),
    ("stakes_point", "mobilite", "Gare de Longueville", "POINT (712000 6817000)"),
    (
        "stakes_area",
        "eau_risques",
        "Zone humide",
        "POLYGON ((716000 6814000, 717000 6814000, 716500 6815000, 716000 6814000))",
    ),
]
THEMES_IN_USE = {"eau_risques", "mobilite"}


@pytest.fixture
def english(qgis_app):
    with kept_settings(*LANGUAGE_SETTINGS):
        settings = QgsSettings()
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "en")
        yield


@pytest.fixture
def window(qgis_iface) -> QMainWindow:
    """The stub's main window, furnished like QGIS's: docks (two of them tabbed), toolbars, bars."""
    window = qgis_iface.mainWindow()
    docks = {}
    for name in ("Layers", "Browser", "Log", "Styling"):
        dock = docks[name] = QDockWidget(name, window)
        dock.setObjectName(name)
        dock.setWidget(QLabel(name))
        window.addDockWidget(
            Qt.DockWidgetArea.LeftDockWidgetArea if name != "Styling" else Qt.DockWidgetArea.RightDockWidgetArea, dock
        )
        dock.show()  # a dock added to a window already on screen (by an earlier test) starts hidden
    window.tabifyDockWidget(docks["Layers"], docks["Browser"])
    docks["Log"].hide()
    toolbars = []
    for name in ("File", "Digitizing", "Plugins"):
        toolbar = QToolBar(name, window)
        toolbar.setObjectName(name)
        toolbar.addAction(name)
        window.addToolBar(toolbar)
        toolbars.append(toolbar)
    toolbars[1].hide()
    window.setStatusBar(QStatusBar(window))
    canvas = qgis_iface.mapCanvas()
    canvas_size = canvas.size()
    window.setCentralWidget(canvas)  # where QGIS has it: it grows with the full-screen window
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    docks["Browser"].raise_()  # the second tab is the current one
    # An earlier test may have left the window's dock areas sized for other docks, a layout Qt
    # settles only on the next resize of the window (leaving full screen would be it): settle it now.
    size = window.size()
    window.resize(size.width() - 1, size.height())
    window.resize(size)
    QApplication.processEvents()
    yield window
    window.hide()
    window.setWindowState(Qt.WindowState.WindowNoState)
    for dock in docks.values():
        window.removeDockWidget(dock)
        dock.deleteLater()
    for toolbar in toolbars:
        window.removeToolBar(toolbar)
        toolbar.deleteLater()
    window.setStatusBar(None)
    window.takeCentralWidget().setParent(window)
    canvas.resize(canvas_size)
    canvas.show()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def iface(qgis_iface, qgis_new_project, window, english, monkeypatch):
    layer_tree_view = QgsLayerTreeView(window)
    layer_tree_view.setModel(QgsLayerTreeModel(qgis_new_project.layerTreeRoot(), layer_tree_view))
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: layer_tree_view, raising=False)
    qgis_iface.messageBar().clear_messages()
    yield qgis_iface
    qgis_new_project.removeAllMapLayers()
    qgis_new_project.layerTreeRoot().removeAllChildren()
    layer_tree_view.deleteLater()


@pytest.fixture(scope="module")
def atelier_file(created_atelier, tmp_path_factory) -> Path:
    """An atelier with a few stakes of two themes, made once: each test opens its own copy."""
    path = tmp_path_factory.mktemp("projector") / "a.gpkg"
    atelier = created_atelier(path, communes=True)
    with writer(atelier) as stakes:
        for table, theme, title, wkt in STAKES:
            stakes.insert(table, {"theme": theme, "title": title}, wkt)
    return path


@pytest.fixture
def atelier(iface, atelier_file, tmp_path) -> Atelier:
    """A copy of the atelier, open in the project."""
    path = Path(shutil.copy(atelier_file, tmp_path / "a.gpkg"))
    assert AtelierLoader(iface).open(path) is not None
    iface.mapCanvas().setDestinationCrs(QgsProject.instance().crs())  # QGIS does it, the stub does not
    return open_atelier(path)


@pytest.fixture
def armed() -> list[str]:
    return []


@pytest.fixture
def projector(iface, atelier, armed):
    mode = ProjectorMode(iface, arm_theme=armed.append)
    yield mode
    mode.unload()


def layers_by_table(projector) -> dict:
    return projector.atelier.layers


def press(canvas, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(canvas, key, modifier)
    QCoreApplication.processEvents()


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
    QTest.qWait(300)

    assert set(projector.legend.labels) == THEMES_IN_USE | {"energie"}


# -- the scales --------------------------------------------------------------------------------


def canvas_point(canvas, map_point) -> QPoint:
    return canvas.getCoordinateTransform().transform(map_point).toQPointF().toPoint()


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
        left_edge = canvas_point(canvas, QgsPointXY(communes.xMinimum(), communes.center().y())).x()
        assert left_edge > projector.palette.geometry().right(), "no commune hides under the palette"
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
        left_edge = canvas_point(canvas, QgsPointXY(communes.xMinimum(), communes.center().y())).x()
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
