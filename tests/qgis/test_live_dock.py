"""The live workshop dock on a real map canvas, driven by real mouse and key events.

Showing it, drawing stakes, sketches and notes, changing and undoing them, refusing bad
input; the long scripted workshop is in test_live_dock_workshop.py.

Every check of what was saved reads the GeoPackage with sqlite3, never through QGIS's
layers, so that "committed" means on disk.
"""

from __future__ import annotations

import pytest
from qgis.core import (
    Qgis,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QAction, QInputDialog

from bassee_atelier_plugin.gui.editing.map_tools import PointTool
from tests.qgis import live_dock_helpers
from tests.qgis.desk import (
    BRAY,
    click,
    double_click,
    drag,
    journal,
    messages,
    near,
    press,
    press_keys,
    rows,
    show_on_screen,
)

# the fixture of live_dock_helpers, shared with test_live_dock_workshop.py: pytest finds it by its name here
dock = live_dock_helpers.dock


# -- the dock and the plugin ------------------------------------------------------------------


def test_the_action_shows_and_hides_the_dock_and_unload_takes_it_away(plugin, iface, atelier_path):
    plugin.loader.open(atelier_path)
    show_on_screen(iface)
    action = plugin.actions["live"]
    assert plugin.live_dock is None, "the dock is built on first show only"

    action.trigger()
    dock = plugin.live_dock
    assert dock.isVisible() and action.isChecked()
    assert iface.mainWindow().dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.windowTitle() == "Live workshop"

    action.trigger()
    assert not dock.isVisible() and not action.isChecked()

    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert plugin.live_dock is None
    assert not iface.mainWindow().findChildren(type(dock))
    plugin.initGui()  # for the fixture's own unload


def test_without_an_atelier_the_dock_says_so_and_offers_to_open_one(plugin, iface, atelier_path, monkeypatch):
    show_on_screen(iface)
    dock = plugin.toggle_live_dock()
    assert dock.missing.isVisible() and not dock.editing.isVisible()
    monkeypatch.setattr(
        "bassee_atelier_plugin.gui.atelier.loader.QFileDialog.getOpenFileName",
        lambda *args: (str(atelier_path), "GeoPackage (*.gpkg)"),
    )

    press(dock.open_button)

    assert dock.editing.isVisible() and not dock.missing.isVisible()
    assert set(dock.theme_buttons) >= {"eau_risques", "agriculture", "mobilite"}


def test_theme_buttons_speak_french_in_a_french_qgis(plugin, iface, atelier_path, monkeypatch):
    monkeypatch.setattr("bassee_atelier_plugin.gui.editing.live_dock.user_language", lambda: "fr")
    plugin.loader.open(atelier_path)
    show_on_screen(iface)
    dock = plugin.toggle_live_dock()
    assert dock.theme_buttons["biodiversite_paysage"].text() == "Biodiversité et paysage"
    assert dock.status_buttons["ecarte"].text() == "Écarté"
    assert dock.reading_combo.itemText(dock.reading_combo.findData("opportunite")) == "Opportunité"
    assert "#33a02c" in dock.theme_buttons["biodiversite_paysage"].styleSheet()


# -- creating ---------------------------------------------------------------------------------


def test_a_theme_and_a_click_commit_a_point_stake_in_the_session_and_group(dock, iface, atelier_path, monkeypatch):
    answers = iter([("Atelier n°1, 12 janvier 2017", True), ("Table 2", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    press(dock.add_session_button)
    press(dock.add_group_button)
    dock.reading_combo.setCurrentIndex(dock.reading_combo.findData("menace"))

    press(dock.theme_buttons["agriculture"])
    assert isinstance(iface.mapCanvas().mapTool(), PointTool)
    click(iface.mapCanvas(), *BRAY)

    [session] = rows(atelier_path, "sessions")
    [group] = rows(atelier_path, "session_groups")
    assert (session["title"], group["name"], group["session_uuid"]) == (
        "Atelier n°1, 12 janvier 2017",
        "Table 2",
        session["uuid"],
    )
    [stake] = rows(atelier_path, "stakes_point")
    assert (stake["theme"], stake["reading"], stake["status"]) == ("agriculture", "menace", "propose")
    assert (stake["session_uuid"], stake["group_uuid"]) == (session["uuid"], group["uuid"])
    assert near(stake["geom"], *BRAY, tolerance=iface.mapCanvas().mapUnitsPerPixel())
    assert journal(atelier_path)[-1] == ("create", "stakes_point", stake["uuid"])
    assert not messages(iface, Qgis.MessageLevel.Critical)


def test_the_short_form_after_drawing_fills_title_comment_and_actor_or_is_skipped(dock, iface, atelier_path):
    dock.fast_mode.setChecked(False)
    press(dock.theme_buttons["mobilite"])
    click(iface.mapCanvas(), *BRAY)
    form = dock.form
    assert form is not None and form.isVisible()
    QTest.keyClicks(form.title_edit, "Gare de Longueville")
    QTest.keyClicks(form.comment_edit, "Parking saturated")
    QTest.keyClick(form.title_edit, Qt.Key.Key_Return)

    click(iface.mapCanvas(), BRAY[0] + 2000, BRAY[1])
    QTest.keyClick(dock.form.title_edit, Qt.Key.Key_Escape)

    titled, skipped = rows(atelier_path, "stakes_point")
    assert (titled["title"], titled["comment"]) == ("Gare de Longueville", "Parking saturated")
    assert skipped["title"] is None
    assert [entry[0] for entry in journal(atelier_path)] == ["create", "update", "create"]
    assert dock.form is None


def test_lines_and_areas_are_drawn_by_clicks_and_finished_by_right_click_enter_or_double_click(
    dock, iface, atelier_path
):
    canvas = iface.mapCanvas()
    x, y = BRAY
    press(dock.stake_geometry.button(1))  # line
    press(dock.theme_buttons["eau_risques"])
    for vertex in ((x, y), (x + 1000, y), (x + 1000, y + 800)):
        click(canvas, *vertex)
    click(canvas, x + 1000, y + 800, Qt.MouseButton.RightButton)
    click(canvas, x, y - 1000)
    click(canvas, x + 500, y - 1000)
    click(canvas, x + 900, y - 1500)
    QTest.keyClick(canvas, Qt.Key.Key_Backspace)  # the last vertex was a slip
    double_click(canvas, x + 800, y - 1000)

    press(dock.stake_geometry.button(2))  # area: the armed theme now draws areas
    for vertex in ((x, y + 2000), (x + 1000, y + 2000), (x + 1000, y + 3000), (x, y + 3000)):
        click(canvas, *vertex)
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    click(canvas, x + 3000, y)
    click(canvas, x + 4000, y)
    QTest.keyClick(canvas, Qt.Key.Key_Escape)  # dropped
    click(canvas, x + 4000, y + 500, Qt.MouseButton.RightButton)  # nothing drawn: nothing happens

    first, second = rows(atelier_path, "stakes_line")
    assert first["geom"].GetPointCount() == 3 and first["theme"] == "eau_risques"
    assert second["geom"].GetPointCount() == 3
    assert abs(second["geom"].GetX(2) - (x + 800)) < 2 * canvas.mapUnitsPerPixel()
    [area] = rows(atelier_path, "stakes_area")
    assert area["geom"].GetArea() == pytest.approx(1_000_000, rel=0.01)
    assert not messages(iface, Qgis.MessageLevel.Critical)


def test_the_freehand_pen_draws_a_simplified_sketch(dock, iface, atelier_path):
    canvas = iface.mapCanvas()
    x, y = BRAY
    wobbly = [(x + step * 50, y + (15 if step % 2 else -15)) for step in range(80)]  # a 30 m shake over 4 km
    press(dock.sketch_buttons["corridor_ecologique"])
    drag(canvas, wobbly)

    press(dock.sketch_geometry.button(1))  # area
    ring = [
        (x + 1000 * dx, y + 2000 + 1000 * dy) for dx, dy in ((0, 0), (0.5, 0.01), (1, 0), (1, 1), (0, 1), (0, 0.02))
    ]
    drag(canvas, ring)

    [line] = rows(atelier_path, "sketches_line")
    assert line["kind"] == "corridor_ecologique"
    assert 2 <= line["geom"].GetPointCount() < 10, "the hand's shake is gone"
    [area] = rows(atelier_path, "sketches_area")
    assert area["kind"] == "corridor_ecologique"
    assert area["geom"].GetArea() == pytest.approx(1_000_000, rel=0.05)


def test_a_note_is_placed_with_its_text(dock, iface, atelier_path, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Revoir avec la DDT", True))
    press(dock.note_button)
    click(iface.mapCanvas(), *BRAY)
    [note] = rows(atelier_path, "notes")
    assert note["text"] == "Revoir avec la DDT"


# -- changing what is on the map -------------------------------------------------------------------


def test_vote_status_move_and_delete_each_take_one_gesture(dock, iface, atelier_path):
    canvas = iface.mapCanvas()
    x, y = BRAY
    press(dock.theme_buttons["habitat_centres_bourgs"])
    click(canvas, x, y)

    press(dock.vote_button)
    click(canvas, x, y)
    click(canvas, x + 30, y + 30)  # a few metres off is still on it
    click(canvas, x, y, Qt.MouseButton.RightButton)
    click(canvas, x + 3000, y)  # nothing there: nothing happens
    press(dock.status_buttons["retenu"])
    click(canvas, x, y)
    press(dock.move_button)
    drag(canvas, [(x, y), (x + 500, y + 200), (x + 1000, y + 500)])

    [stake] = rows(atelier_path, "stakes_point")
    assert (stake["votes_for"], stake["votes_against"], stake["status"]) == (2, 1, "retenu")
    assert near(stake["geom"], x + 1000, y + 500, tolerance=2 * canvas.mapUnitsPerPixel())

    press(dock.delete_button)
    click(canvas, x + 1000, y + 500)
    assert rows(atelier_path, "stakes_point") == []
    operations = [entry[0] for entry in journal(atelier_path)]
    assert operations == ["create", "vote", "vote", "vote", "status", "geometry", "delete"]
    assert not messages(iface, Qgis.MessageLevel.Critical)


def test_reshape_drags_one_vertex_of_a_line(dock, iface, atelier_path):
    canvas = iface.mapCanvas()
    x, y = BRAY
    press(dock.stake_geometry.button(1))
    press(dock.theme_buttons["mobilite"])
    for vertex in ((x, y), (x + 1000, y), (x + 2000, y)):
        click(canvas, *vertex)
    click(canvas, x + 2000, y, Qt.MouseButton.RightButton)

    press(dock.reshape_button)
    drag(canvas, [(x + 1000, y), (x + 1000, y + 600), (x + 1000, y + 1000)])

    [line] = rows(atelier_path, "stakes_line")
    middle = line["geom"].GetPoint_2D(1)
    assert middle == pytest.approx((x + 1000, y + 1000), abs=2 * canvas.mapUnitsPerPixel())
    assert line["geom"].GetPoint_2D(0) == pytest.approx((x, y), abs=2 * canvas.mapUnitsPerPixel())


def test_ctrl_z_and_ctrl_shift_z_on_the_canvas_undo_and_redo_not_qgis(dock, iface, atelier_path):
    qgis_undo = QAction("QGIS undo", iface.mainWindow())  # as QGIS binds it, to a layer's edit buffer
    qgis_undo.setShortcut(QKeySequence("Ctrl+Z"))
    qgis_undo_fired = []
    qgis_undo.triggered.connect(lambda: qgis_undo_fired.append(True))
    iface.mainWindow().addAction(qgis_undo)
    canvas = iface.mapCanvas()
    press(dock.theme_buttons["energie"])
    click(canvas, *BRAY)
    assert "new stake" in dock.undo_button.toolTip() and "Ctrl+Z" in dock.undo_button.toolTip()

    press_keys(canvas, "Ctrl+Z")
    assert rows(atelier_path, "stakes_point") == []
    assert "new stake" in dock.redo_button.toolTip()
    press_keys(canvas, "Ctrl+Shift+Z")
    [stake] = rows(atelier_path, "stakes_point")

    assert [entry[0] for entry in journal(atelier_path)] == ["create", "delete", "restore"]
    assert qgis_undo_fired == []
    dock.hide()  # the keys go back to QGIS with the dock
    press_keys(canvas, "Ctrl+Z")
    assert qgis_undo_fired == [True]
    assert [row["uuid"] for row in rows(atelier_path, "stakes_point")] == [stake["uuid"]]


# -- bad input ------------------------------------------------------------------------------------------


def test_a_zero_length_line_and_a_two_point_area_are_refused_with_a_message(dock, iface, atelier_path):
    canvas = iface.mapCanvas()
    press(dock.stake_geometry.button(1))
    press(dock.theme_buttons["agriculture"])
    click(canvas, *BRAY)
    click(canvas, *BRAY)
    click(canvas, *BRAY, Qt.MouseButton.RightButton)
    press(dock.stake_geometry.button(2))
    click(canvas, *BRAY)
    click(canvas, BRAY[0] + 1000, BRAY[1])
    click(canvas, BRAY[0] + 1000, BRAY[1], Qt.MouseButton.RightButton)

    line_error, area_error = messages(iface, Qgis.MessageLevel.Critical)
    assert "two distinct points" in line_error and "three points" in area_error
    assert not any("Traceback" in message for message in (line_error, area_error))
    assert rows(atelier_path, "stakes_line") == rows(atelier_path, "stakes_area") == []
    assert journal(atelier_path) == []


def test_a_self_crossing_area_and_a_stake_off_the_territory_are_kept_with_a_warning(dock, iface, atelier_path):
    canvas = iface.mapCanvas()
    press(dock.stake_geometry.button(2))
    press(dock.theme_buttons["eau_risques"])
    x, y = BRAY
    for corner in ((x, y), (x + 800, y + 600), (x + 800, y), (x, y + 600)):  # a bow tie
        click(canvas, *corner)
    click(canvas, x, y + 600, Qt.MouseButton.RightButton)
    press(dock.stake_geometry.button(0))
    press(dock.theme_buttons["tourisme_patrimoine"])
    canvas.setExtent(QgsRectangle(688_000, 6_800_000, 740_000, 6_835_000))  # the whole territory and around
    canvas.refresh()
    click(canvas, 692_000, 6_815_000)  # west of the westernmost commune

    repaired, off_territory = messages(iface, Qgis.MessageLevel.Warning)
    assert "repaired" in repaired and "outside the territory" in off_territory
    assert len(rows(atelier_path, "stakes_area")) == len(rows(atelier_path, "stakes_point")) == 1
    assert not messages(iface, Qgis.MessageLevel.Critical)


def test_a_read_only_atelier_refuses_edits_with_a_clear_message(plugin, iface, atelier_path):
    atelier_path.chmod(0o444)
    try:
        plugin.loader.open(atelier_path)
        show_on_screen(iface)
        dock = plugin.toggle_live_dock()
        assert dock.refusal_label.isVisible() and "read-only" in dock.refusal_label.text()
        assert not dock.editing.isEnabled()
        press(dock.theme_buttons["agriculture"])
        click(iface.mapCanvas(), *BRAY)
        assert not isinstance(iface.mapCanvas().mapTool(), PointTool)
    finally:
        QgsProject.instance().removeAllMapLayers()
        atelier_path.chmod(0o644)
    assert rows(atelier_path, "stakes_point") == [] and journal(atelier_path) == []


def test_the_projector_palette_arms_the_live_tools(plugin, iface, atelier_path):
    """In projector mode the dock is hidden: the palette's theme button arms the same stake tool."""
    plugin.loader.open(atelier_path)
    show_on_screen(iface)
    assert plugin.projector.action in plugin.menu.actions()
    assert plugin.projector.enter()
    try:
        press(plugin.projector.palette.buttons["energie"])
        assert isinstance(iface.mapCanvas().mapTool(), PointTool)
        assert not plugin.live_dock.isVisible(), "the projector shows the map alone"
        plugin.live_dock.fast_mode.setChecked(True)
        click(iface.mapCanvas(), *BRAY)
        [stake] = rows(atelier_path, "stakes_point")
        assert stake["theme"] == "energie"

        QTest.keyClick(iface.mapCanvas(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert rows(atelier_path, "stakes_point") == [], "Ctrl+Z undoes in projector mode too"
        QTest.keyClick(
            iface.mapCanvas(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        [restored] = rows(atelier_path, "stakes_point")
        assert (restored["uuid"], restored["theme"]) == (stake["uuid"], "energie")
    finally:
        plugin.projector.leave()
        iface.mainWindow().hide()  # as the other tests leave it: off screen
