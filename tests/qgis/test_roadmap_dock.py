"""The roadmap dock on a real map canvas: real clicks, keys and drags, a real atelier GeoPackage.

What was saved is read back with sqlite3, never through QGIS's layers.
"""

from __future__ import annotations

import shutil

import pytest
from qgis.core import Qgis, QgsGeometry, QgsPointXY, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from qgis.PyQt.QtGui import QDropEvent, QGuiApplication, QKeyEvent, QMouseEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import project_uri
from bassee_atelier_plugin.gui.deliverables.stake_tabs import UNANSWERED_TAB
from bassee_atelier_plugin.gui.editing.live_session import MESSAGE_TITLE
from tests.qgis.desk import BRAY, VIEW, click, messages, press, rows, shown_dock

MARKUP_TITLE = """<b>Bray & "Gouaix"</b> : l'été"""
ZONE = [(712_000, 6_812_000), (714_000, 6_812_000), (714_000, 6_814_000), (712_000, 6_814_000)]


@pytest.fixture
def dock(plugin, iface, atelier_path):
    plugin.loader.open(atelier_path)
    return shown_dock(iface, plugin.toggle_roadmap_dock)


def told(iface, level) -> list[str]:
    """The messages of the message bar, without the plugin's name before each."""
    return [message.removeprefix(f"{MESSAGE_TITLE}:") for message in messages(iface, level)]


def type_text(widget, text: str) -> None:
    """Key presses carrying each character: QTest.keyClicks knows ASCII only, and French is not."""
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_into(widget, text: str) -> None:
    """Select what the field holds and type over it, as the user does."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text)


def leave(dock) -> None:
    """The user moves on to the tree: the field just typed in is done with."""
    dock.tree.setFocus()
    QApplication.processEvents()


def choose(combo, code: str) -> None:
    """Pick an entry of a list with the arrow keys, as the keyboard does it."""
    combo.setFocus()
    target = combo.findData(code)
    while combo.currentIndex() != target:
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def tree_titles(dock) -> list[tuple[str, list[str]]]:
    tree = dock.tree
    found = []
    for row in range(tree.topLevelItemCount()):
        orientation = tree.topLevelItem(row)
        found.append((orientation.text(0), [orientation.child(i).text(0) for i in range(orientation.childCount())]))
    return found


def new_orientation(dock, title: str) -> None:
    press(dock.new_orientation_button)
    type_text(dock.title_edit, title)  # the new title is selected, ready to be typed over
    QTest.keyClick(dock.title_edit, Qt.Key.Key_Return)


def new_action(dock, title: str) -> None:
    press(dock.new_action_button)
    type_text(dock.title_edit, title)
    QTest.keyClick(dock.title_edit, Qt.Key.Key_Return)


@pytest.fixture
def roadmap(dock):
    """Two orientations made with the dock: "Eau" with actions A, B, C; "Bourgs" with D."""
    new_orientation(dock, "Eau")
    for title in ("A", "B", "C"):
        new_action(dock, title)
    new_orientation(dock, "Bourgs")
    new_action(dock, "D")
    return dock


def stake(dock, title: str, x: float = BRAY[0], y: float = BRAY[1]) -> str:
    """A stake drawn in the live workshop (through the same session)."""
    point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
    return dock.session.run(lambda editor: editor.add_stake(point, "eau_risques", title=title)).uuid


def stored_actions(path) -> dict[str, dict]:
    return {row["title"]: row for row in rows(path, "actions")}


def action_item(dock, title: str):
    [item] = [item for item in dock.tree.findItems(title, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)]
    return item


def double_click_row(dock, title: str) -> None:
    at = dock.tree.visualItemRect(action_item(dock, title)).center()
    # a double click's first click, then the double click
    QTest.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QTest.mouseDClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def select(dock, title: str) -> None:
    item = action_item(dock, title)
    QTest.mouseClick(
        dock.tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        dock.tree.visualItemRect(item).center(),
    )
    assert dock.tree.currentItem() is item


# -- an empty atelier ------------------------------------------------------------------------------


def test_an_empty_atelier_says_how_to_start(dock, iface, atelier_path):
    assert dock.empty_label.isVisible() and "New orientation" in dock.empty_label.text()
    assert not dock.new_action_button.isEnabled() and not dock.delete_button.isEnabled()
    assert "(0)" in dock.stake_tabs.tabText(UNANSWERED_TAB)

    dock.new_action()  # reached another way than its (disabled) button: refused, and said why
    assert told(iface, Qgis.MessageLevel.Warning) == ["Create an orientation first: every action belongs to one."]
    assert rows(atelier_path, "actions") == []


# -- orientations, actions and their fields ----------------------------------------------------------


def test_orientations_and_actions_are_made_and_typed_in_the_dock_and_land_in_the_file(roadmap, iface, atelier_path):
    dock = roadmap
    assert tree_titles(dock) == [("Eau", ["A", "B", "C"]), ("Bourgs", ["D"])]
    assert not dock.empty_label.isVisible()
    assert [(row["title"], row["position"]) for row in rows(atelier_path, "orientations")] == [
        ("Eau", 0),
        ("Bourgs", 1),
    ]
    assert [(t, row["position"]) for t, row in stored_actions(atelier_path).items()] == [
        ("A", 0),
        ("B", 1),
        ("C", 2),
        ("D", 0),
    ]
    assert "No zone on the map yet" in dock.missing_label.text()  # D, just made: nothing on the map yet
    double_click_row(dock, "D")
    assert told(iface, Qgis.MessageLevel.Info) == ["This action has no zone yet and answers no stake: nothing to show."]


def test_every_field_of_an_action_is_saved_as_soon_as_it_is_done_with(roadmap, atelier_path):
    dock = roadmap
    select(dock, "B")
    type_into(dock.title_edit, "Boucle de découverte de la Bassée")
    QTest.keyClick(dock.title_edit, Qt.Key.Key_Tab)
    choose(dock.combos["kind"], "valoriser")
    choose(dock.combos["horizon"], "court")
    choose(dock.combos["status"], "retenu")
    type_into(dock.lead_edit, "CC Bassée-Montois")
    type_into(dock.partners_edit, "Département ; Office de tourisme")
    type_into(dock.description_edit, "Une boucle à pied et à vélo,\nde Bray à la réserve.")
    leave(dock)

    stored = stored_actions(atelier_path)["Boucle de découverte de la Bassée"]
    assert (stored["kind"], stored["horizon"], stored["status"]) == ("valoriser", "court", "retenu")
    assert (stored["lead"], stored["partners"]) == ("CC Bassée-Montois", "Département ; Office de tourisme")
    assert stored["description"] == "Une boucle à pied et à vélo,\nde Bray à la réserve."
    # the labels are the atelier's, in its language
    assert dock.combos["kind"].currentText() == "Valoriser" and dock.combos["horizon"].currentText() == "Court terme"
    assert action_item(dock, "Boucle de découverte de la Bassée").text(0) == "Boucle de découverte de la Bassée"


def test_an_empty_title_is_refused_with_a_message_and_the_stored_title_comes_back(roadmap, iface, atelier_path):
    dock = roadmap
    select(dock, "A")
    type_into(dock.title_edit, "   ")
    QTest.keyClick(dock.title_edit, Qt.Key.Key_Return)

    assert told(iface, Qgis.MessageLevel.Critical) == ["The field title cannot be left empty: nothing was saved."]
    assert dock.title_edit.text() == "A"
    assert "A" in stored_actions(atelier_path)


def test_markup_characters_and_long_texts_are_kept_as_typed(roadmap, atelier_path):
    dock = roadmap
    long_text = "Rouvrir les berges au public, de Bray à Montereau. " * 200
    select(dock, "C")
    type_into(dock.title_edit, MARKUP_TITLE)
    QTest.keyClick(dock.title_edit, Qt.Key.Key_Return)
    dock.description_edit.setFocus()
    dock.description_edit.setPlainText(long_text)  # pasted
    leave(dock)

    stored = stored_actions(atelier_path)[MARKUP_TITLE]
    assert stored["description"] == long_text.strip()
    item = action_item(dock, MARKUP_TITLE)
    assert item.text(0) == MARKUP_TITLE
    assert "&lt;b&gt;Bray &amp; &quot;Gouaix&quot;&lt;/b&gt;" in item.toolTip(0)  # shown as typed, not as markup


# -- reordering by dragging ----------------------------------------------------------------------------


def drag_row(tree, source, target, lower: bool) -> None:
    """Press on a row, drag it over another (its upper or lower half) and release it there.

    With a window system (xcb, under Xvfb) this is a real mouse drag: Qt's drag runs its
    own event loop until the button is released, so the moves and the release are sent
    from inside that loop. Offscreen Qt has no drag and drop at all (its drag returns at
    once, and QApplication hands a drop only to the target of a drag under way), so there
    the row is pressed with a real click and the tree's dropEvent gets the QDropEvent Qt
    delivers at the end of a drag, with the tree's own drag data.
    """
    viewport = tree.viewport()
    start = tree.visualItemRect(source).center()
    rect = tree.visualItemRect(target)
    end = QPoint(rect.center().x(), rect.bottom() - 2 if lower else rect.top() + 2)
    if QGuiApplication.platformName() == "offscreen":
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        tree.dropEvent(
            QDropEvent(
                QPointF(end),
                Qt.DropAction.MoveAction,
                tree.mimeData([source]),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
        )
        return

    def send(kind: QEvent.Type, at: QPoint) -> None:
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        global_at = QPointF(viewport.mapToGlobal(at))
        QApplication.sendEvent(
            viewport,
            QMouseEvent(kind, QPointF(at), QPointF(at), global_at, button, buttons, Qt.KeyboardModifier.NoModifier),
        )

    def in_the_drag() -> None:
        send(QEvent.Type.MouseMove, (start + end) / 2)
        send(QEvent.Type.MouseMove, end)
        send(QEvent.Type.MouseButtonRelease, end)

    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTimer.singleShot(0, in_the_drag)
    for step in range(1, 4):  # past the distance that starts a drag
        send(QEvent.Type.MouseMove, start + QPoint(0, step * QApplication.startDragDistance()))
    QApplication.processEvents()


def test_actions_and_orientations_are_reordered_by_dragging_them(roadmap, atelier_path):
    dock = roadmap
    tree = dock.tree

    drag_row(tree, action_item(dock, "C"), action_item(dock, "A"), lower=False)  # before A
    assert tree_titles(dock) == [("Eau", ["C", "A", "B"]), ("Bourgs", ["D"])]
    drag_row(tree, action_item(dock, "A"), action_item(dock, "D"), lower=True)  # after D, in the other orientation
    assert tree_titles(dock) == [("Eau", ["C", "B"]), ("Bourgs", ["D", "A"])]
    drag_row(tree, tree.topLevelItem(1), tree.topLevelItem(0), lower=False)  # "Bourgs" first
    assert tree_titles(dock) == [("Bourgs", ["D", "A"]), ("Eau", ["C", "B"])]

    orientations = {row["uuid"]: (row["position"], row["title"]) for row in rows(atelier_path, "orientations")}
    assert sorted(orientations.values()) == [(0, "Bourgs"), (1, "Eau")]
    actions = [
        (orientations[row["orientation_uuid"]][1], row["position"], row["title"])
        for row in rows(atelier_path, "actions")
    ]
    assert sorted(actions) == [("Bourgs", 0, "D"), ("Bourgs", 1, "A"), ("Eau", 0, "C"), ("Eau", 1, "B")]
    press(dock.history_buttons.undo_button)  # one drag, one step back
    assert tree_titles(dock) == [("Eau", ["C", "B"]), ("Bourgs", ["D", "A"])]


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


def test_deleting_an_action_and_undoing_it(roadmap, atelier_path):
    dock = roadmap
    select(dock, "B")
    press(dock.delete_button)
    assert tree_titles(dock) == [("Eau", ["A", "C"]), ("Bourgs", ["D"])]
    assert [row["position"] for row in rows(atelier_path, "actions") if row["title"] in "AC"] == [0, 1]

    press(dock.history_buttons.undo_button)
    assert tree_titles(dock) == [("Eau", ["A", "B", "C"]), ("Bourgs", ["D"])]


def test_an_orientation_with_actions_is_not_deleted_and_the_message_says_why(roadmap, iface):
    dock = roadmap
    dock.tree.setCurrentItem(dock.tree.topLevelItem(0))
    press(dock.delete_button)
    assert told(iface, Qgis.MessageLevel.Critical) == ["This orientation still has actions: move or delete them first."]
    assert tree_titles(dock)[0] == ("Eau", ["A", "B", "C"])


def test_the_toolbar_button_shows_and_hides_the_dock(plugin, iface, atelier_path):
    plugin.loader.open(atelier_path)
    plugin.actions["roadmap"].trigger()
    assert plugin.roadmap_dock.isUserVisible() and plugin.actions["roadmap"].isChecked()
    plugin.actions["roadmap"].trigger()
    assert not plugin.roadmap_dock.isUserVisible() and not plugin.actions["roadmap"].isChecked()


def test_a_copy_opened_from_its_stored_project_is_the_file_edited(plugin, iface, atelier_path, tmp_path):
    """The copy's stored project still names the original: the edits must go to the copy."""
    copy = tmp_path / "copy" / atelier_path.name
    copy.parent.mkdir()
    shutil.copy(atelier_path, copy)
    assert QgsProject.instance().read(project_uri(open_atelier(copy)))
    dock = shown_dock(iface, plugin.toggle_roadmap_dock)

    new_orientation(dock, "Eau")
    assert [row["title"] for row in rows(copy, "orientations")] == ["Eau"]
    assert rows(atelier_path, "orientations") == []
