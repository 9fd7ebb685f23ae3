"""The "Contributions from phones" dock: what the phones sent in the session, to approve, hide or show again.

Waiting contributions come first, then those on the map, then those put aside. Each
decision is an edit of the live session like any other: committed at once, journalled,
undone by Undo (or Ctrl+Z), and the stake's layer redrawn. A click on a contribution
finds it on the map, without zooming: the phones' map follows the canvas.
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAction,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import thesaurus_terms
from bassee_atelier_plugin.core.phones.contributions import HIDDEN, PENDING, Received, phone_contributions
from bassee_atelier_plugin.gui.editing.atelier_dock import AtelierDock
from bassee_atelier_plugin.gui.editing.history import HistoryButtons, HistoryKeys
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.editing.overlay_look import term_label
from bassee_atelier_plugin.gui.widgets.controls import heading
from bassee_atelier_plugin.toolbelt.i18n import tr

STATES = (PENDING, None, HIDDEN)  # the order of the dock's sections: what waits for the facilitator first
NO_THEME_COLOUR = "#9e9e9e"


def section_title(state: str | None, count: int) -> str:
    titles = {
        PENDING: tr("Waiting for approval ({count})"),
        None: tr("On the map ({count})"),
        HIDDEN: tr("Hidden ({count})"),
    }
    return titles[state].format(count=count)


def moderation_choices(state: str | None) -> list[tuple[str, str, str | None]]:
    """(key, button text, the moderation it sets) of what can be done with a contribution in ``state``."""
    approve, hide, show = ("approve", tr("Approve"), None), ("hide", tr("Hide"), HIDDEN), ("show", tr("Show"), None)
    return {PENDING: [approve, hide], None: [hide], HIDDEN: [show]}[state]


def clock_time(iso: str | None) -> str:
    """When a contribution came, in local time: a workshop lasts an afternoon."""
    if not iso:
        return ""
    return QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs).toLocalTime().time().toString("HH:mm")


class ContributionEntry(QFrame):
    """One contribution: its theme's colour, its title, when it came, its comment, and its buttons."""

    clicked = pyqtSignal()

    def __init__(self, row: dict, theme: dict | None, moderate: Callable[[str | None], object]):
        super().__init__()
        self.setObjectName("BasseeAtelierPhoneEntry")
        colour = theme["colour"] if theme else NO_THEME_COLOUR
        self.setStyleSheet(
            f"#BasseeAtelierPhoneEntry {{ border: 1px solid #d0d0d0; border-left: 6px solid {colour};"
            " border-radius: 4px; background: palette(base); }"
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tr("Click: find it on the map"))
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 6, 8, 6)
        grid.setVerticalSpacing(2)
        title = QLabel(row["title"] or "")
        title.setTextFormat(Qt.TextFormat.PlainText)  # typed on a phone: shown as typed, never read as markup
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        grid.addWidget(title, 0, 0, 1, 2)
        details = " · ".join(
            part for part in (term_label(theme) if theme else "", clock_time(row["created_at"])) if part
        )
        grid.addWidget(QLabel(details), 1, 0)
        if row["comment"]:
            comment = QLabel(row["comment"])
            comment.setTextFormat(Qt.TextFormat.PlainText)
            comment.setWordWrap(True)
            comment.setStyleSheet("color: #555555;")
            grid.addWidget(comment, 2, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, moderation in moderation_choices(row["moderation"]):
            button = self.buttons[key] = QPushButton(text)
            button.setObjectName(key)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, moderation=moderation: moderate(moderation))
            buttons.addWidget(button)
        grid.addLayout(buttons, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(0, 1)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class PhoneModerationDock(AtelierDock):
    """The phones' contributions of the session, read again from the file after every change.

    It knows nothing of the phones' server: whoever runs it gives the dock its ``switches``
    (actions shown as buttons), the session the phones contribute to (``session_uuid``),
    tells it the server's state (:meth:`show_state`) and each arrival (:meth:`show_arrival`),
    and hears ``approval_chosen`` when the facilitator ticks or unticks approval.
    """

    approval_chosen = pyqtSignal(bool)

    def __init__(
        self,
        iface,
        open_atelier: Callable[[], object],
        session: LiveSession,
        switches: list[QAction],
        session_uuid: Callable[[], str | None],
        parent=None,
    ):
        super().__init__(
            tr("Contributions from phones"), "BasseeAtelierPhoneDock", iface, open_atelier, parent, session
        )
        self.session_uuid = session_uuid
        self.themes: dict[str, dict] = {}
        self.entries: dict[str, ContributionEntry] = {}  # by the stake's uuid

        self.editing = QWidget()
        layout = QVBoxLayout(self.editing)
        switch_row = QHBoxLayout()
        for action in switches:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            switch_row.addWidget(button)
        switch_row.addStretch()
        layout.addLayout(switch_row)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.address_edit = QLineEdit()  # an address does not wrap: it scrolls, and can be copied
        self.address_edit.setReadOnly(True)
        layout.addWidget(self.address_edit)
        self.approval_check = QCheckBox(tr("Approve contributions before they show"))
        self.approval_check.toggled.connect(self.approval_chosen)
        layout.addWidget(self.approval_check)
        layout.addWidget(HistoryButtons(session))
        self.empty_label = QLabel(tr("No contribution from phones in this session yet."))
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(6)
        layout.addLayout(self.list_layout)
        layout.addStretch()
        self.set_body(self.editing)
        self.fit_width()

        # Ctrl+Z while the dock has the focus undoes the last decision, as it does on the map
        self.installEventFilter(HistoryKeys(session.undo, session.redo, self))
        session.history_changed.connect(self.reload)
        self.follow_project()

    def _atelier_changed(self) -> None:
        atelier = self.session.atelier
        self.notice.show_state(self.session)
        self.editing.setVisible(atelier is not None)
        self.editing.setEnabled(self.session.is_editable)
        self.themes = {term["code"]: term for term in thesaurus_terms(atelier, "themes")} if atelier else {}
        self.reload()

    def show_state(self, address: str | None, require_approval: bool) -> None:
        """Where phones connect (None: they cannot), and whether their contributions wait for approval."""
        if address is not None:
            self.status_label.setText(tr("Phones connect at this address:"))
        else:
            self.status_label.setText(tr("Phones cannot connect: contributions are stopped."))
        self.address_edit.setText(address or "")
        self.address_edit.setCursorPosition(0)  # the start of the address shows, not its token's end
        self.address_edit.setVisible(address is not None)
        self.approval_check.blockSignals(True)
        self.approval_check.setChecked(require_approval)
        self.approval_check.blockSignals(False)
        self.reload()

    def show_arrival(self, received: Received) -> None:
        if received.kind == "contribution":
            self.reload()

    def reload(self) -> None:
        """The phones' contributions of the session, by state, newest first in each."""
        while self.list_layout.count():
            shown = self.list_layout.takeAt(0).widget()
            shown.hide()
            shown.deleteLater()  # later: a button of it may be the one just clicked
        self.entries = {}
        atelier = self.session.atelier
        contributions = phone_contributions(atelier, self.session_uuid()) if atelier is not None else []
        for state in STATES:
            rows = [row for row in contributions if row["moderation"] == state]
            if rows:
                self.list_layout.addWidget(heading(section_title(state, len(rows))))
            for row in rows:
                entry = self.entries[row["uuid"]] = ContributionEntry(
                    row,
                    self.themes.get(row["theme"]),
                    lambda moderation, row=row: self.moderate(row["table"], row["uuid"], moderation),
                )
                entry.clicked.connect(lambda row=row: self.show_on_map(row["table"], row["uuid"]))
                self.list_layout.addWidget(entry)
        self.empty_label.setVisible(not contributions)

    def moderate(self, table: str, uuid: str, moderation: str | None) -> None:
        """Approve, hide or show again: one edit of the session, undone like any other."""
        self.session.run(lambda editor: editor.set_fields(table, uuid, {"moderation": moderation}))

    def show_on_map(self, table: str, uuid: str) -> None:
        """Flash the contribution where it is; the map moves only to bring it into view."""
        found = self.session.run(lambda editor: editor.writer.read(table, uuid))
        if found is None:
            return
        geometry = QgsGeometry.fromWkt(found[1])
        crs = QgsCoordinateReferenceSystem(self.session.atelier.metadata.crs)
        to_canvas = QgsCoordinateTransform(crs, self.canvas.mapSettings().destinationCrs(), QgsProject.instance())
        point = to_canvas.transform(geometry.pointOnSurface().asPoint())
        if not self.canvas.extent().contains(point):
            self.canvas.setCenter(point)
            self.canvas.refresh()
        self.canvas.flashGeometries([geometry], crs)
