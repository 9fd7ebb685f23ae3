"""The roadmap dock on a real map canvas: real clicks, keys and drags, a real atelier GeoPackage.

Orientations and actions made, typed in, reordered by dragging and deleted; what the dock does
on the map (links to stakes, zones) is in test_roadmap_dock_map.py. What was saved is read back
with sqlite3, never through QGIS's layers.
"""

from __future__ import annotations

import shutil

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from qgis.PyQt.QtGui import QDropEvent, QGuiApplication, QMouseEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import project_uri
from bassee_atelier_plugin.gui.deliverables.stake_tabs import UNANSWERED_TAB
from bassee_atelier_plugin.gui.editing.live_session import MESSAGE_TITLE
from tests.qgis import roadmap_dock_helpers
from tests.qgis.desk import messages, press, rows, shown_dock
from tests.qgis.roadmap_dock_helpers import (
    action_item,
    double_click_row,
    new_orientation,
    select,
    stored_actions,
    type_text,
)

MARKUP_TITLE = """<b>Bray & "Gouaix"</b> : l'été"""

# the fixtures of roadmap_dock_helpers, shared with test_roadmap_dock_map.py: pytest finds them by their names here
dock, roadmap = roadmap_dock_helpers.dock, roadmap_dock_helpers.roadmap


def told(iface, level) -> list[str]:
    """The messages of the message bar, without the plugin's name before each."""
    return [message.removeprefix(f"{MESSAGE_TITLE}:") for message in messages(iface, level)]


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


# -- deleting, the toolbar button, a copy of the atelier -----------------------------------------------


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
