"""Undo and redo of the live session: the keys, and the buttons every dock shows."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtCore import QEvent, QObject, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QHBoxLayout, QPushButton, QWidget

from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.widgets.controls import BIG_BUTTON_HEIGHT
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.qt_compat import key_sequence

UNDO_KEYS = QKeySequence("Ctrl+Z")
REDO_KEYS = QKeySequence("Ctrl+Shift+Z")


class HistoryKeys(QObject):
    """Ctrl+Z and Ctrl+Shift+Z for the workshop while the canvas or the dock has the focus.

    QGIS binds the same keys to its own undo (of a layer's edit buffer, unused here).
    Accepting the ShortcutOverride keeps QGIS's action from firing and hands the key
    press to this filter instead, without touching any of QGIS's actions.
    """

    def __init__(self, undo: Callable[[], object], redo: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self.steps = {UNDO_KEYS: undo, REDO_KEYS: redo}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        step = self.steps.get(key_sequence(event))
        if step is None:
            return False
        event.accept()
        if event.type() == QEvent.Type.KeyPress:
            step()
        return True


class HistoryButtons(QWidget):
    """Undo and Redo of the live session, shared by every dock; each says what it would undo or redo."""

    def __init__(self, session: LiveSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.undo_button = QPushButton(tr("Undo"))
        self.redo_button = QPushButton(tr("Redo"))
        for button, step in ((self.undo_button, session.undo), (self.redo_button, session.redo)):
            button.setMinimumHeight(BIG_BUTTON_HEIGHT)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, step=step: step())
            row.addWidget(button)
        session.history_changed.connect(self.show_history)
        self.show_history()

    def show_history(self) -> None:
        editor = self.session.editor
        for button, text, what, keys in (
            (self.undo_button, tr("Undo"), editor.undo_text() if editor else None, UNDO_KEYS),
            (self.redo_button, tr("Redo"), editor.redo_text() if editor else None, REDO_KEYS),
        ):
            shortcut = keys.toString(QKeySequence.SequenceFormat.NativeText)
            button.setEnabled(what is not None)
            button.setToolTip(f"{text}: {what} ({shortcut})" if what else f"{text} ({shortcut})")
