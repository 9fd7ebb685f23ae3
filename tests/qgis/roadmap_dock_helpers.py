"""What both files of the roadmap dock's tests share: the dock, a roadmap made with it, ways to find and pick rows."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import QEvent, Qt
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from tests.qgis.desk import press, rows, shown_dock


@pytest.fixture
def dock(plugin, iface, atelier_path):
    plugin.loader.open(atelier_path)
    return shown_dock(iface, plugin.toggle_roadmap_dock)


def type_text(widget, text: str) -> None:
    """Key presses carrying each character: QTest.keyClicks knows ASCII only, and French is not."""
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


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
