"""The session and group that what is drawn belongs to, chosen alike in every dock."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLabel, QToolButton, QVBoxLayout, QWidget

from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.toolbelt.i18n import tr


def list_row(layout: QVBoxLayout, label: str, add: Callable[[], object]) -> tuple[QComboBox, QToolButton]:
    """A labelled combo of a list (sessions, groups) with a "+" to add to it."""
    row = QHBoxLayout()
    row.addWidget(QLabel(label))
    combo = QComboBox()
    combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # a long session title must not widen the dock past the screen: the combo elides it
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    row.addWidget(combo, 1)
    plus = QToolButton()
    plus.setText("+")
    plus.setToolTip(tr("Add…"))
    plus.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    plus.clicked.connect(lambda _checked=False: add())
    row.addWidget(plus)
    layout.addLayout(row)
    return combo, plus


class SessionChooser(QWidget):
    """The session and group what is drawn belongs to: one choice, shown alike in every dock."""

    def __init__(self, session: LiveSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.session_combo, self.add_session_button = list_row(layout, tr("Session"), self._add_session)
        self.group_combo, self.add_group_button = list_row(layout, tr("Group"), self._add_group)
        self.session_combo.currentIndexChanged.connect(self._session_chosen)
        self.group_combo.currentIndexChanged.connect(self._stamp)
        for signal in (session.atelier_changed, session.lists_changed, session.choice_changed):
            signal.connect(self.show_choice)
        self.show_choice()

    def show_choice(self) -> None:
        """Fill both lists and select what the session stamps now."""
        session_uuid, group_uuid = self.session.chosen()
        self._fill(self.session_combo, tr("(no session)"), self.session.sessions(), session_uuid)
        self._fill(self.group_combo, tr("(no group)"), self.session.groups(session_uuid), group_uuid)

    def _fill(self, combo: QComboBox, nothing: str, choices: list[tuple[str, str]], chosen: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(nothing, None)
        for uuid, label in choices:
            combo.addItem(label, uuid)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _session_chosen(self) -> None:
        session_uuid = self.session_combo.currentData()
        self._fill(self.group_combo, tr("(no group)"), self.session.groups(session_uuid), None)
        self._stamp()

    def _stamp(self) -> None:
        """What is drawn from now on belongs to the chosen session and group."""
        self.session.choose(self.session_combo.currentData(), self.group_combo.currentData())

    def _add_session(self) -> None:
        title, ok = QInputDialog.getText(self, tr("New session"), tr("Title of the session:"))
        if ok and title.strip():
            self._choose(self.session_combo, self.session.add_session(title.strip()))

    def _add_group(self) -> None:
        name, ok = QInputDialog.getText(self, tr("New group"), tr("Name of the group (table):"))
        if ok and name.strip():
            self._choose(self.group_combo, self.session.add_group(name.strip(), self.session_combo.currentData()))

    def _choose(self, combo: QComboBox, uuid: str | None) -> None:
        if uuid is not None:
            combo.setCurrentIndex(combo.findData(uuid))
