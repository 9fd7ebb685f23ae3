"""The live dock's "What changed" panel: two sessions, the changes between them listed and on the map.

By default the last two sessions are compared; the list follows the edits as they are
made, while the panel is shown, a moment after them: the journal is read again once a
burst of edits is over, never within the click that commits. A click on a change flashes it on the map; "Show on the
map" draws every change in the colour of its kind, the legend above the list saying which.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QColor, QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.deliverables import evolution
from bassee_atelier_plugin.core.presentation.names import table_title
from bassee_atelier_plugin.gui.editing.evolution_bands import KIND_COLOURS, ChangeBands
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.widgets.controls import heading, text_colour_on
from bassee_atelier_plugin.toolbelt.i18n import tr, user_language

CHANGE_ROLE = Qt.ItemDataRole.UserRole
FOLLOW_DELAY_MS = 400  # a burst of edits (votes, a stroke after another) is compared once, out of the click's way
LEGEND_COLUMNS = 3


def kind_names() -> dict[str, str]:
    return {
        evolution.ADDED: tr("Added"),
        evolution.CHANGED: tr("Changed"),
        evolution.RETAINED: tr("Retained"),
        evolution.DROPPED: tr("Dropped"),
        evolution.DELETED: tr("Deleted"),
    }


class EvolutionPanel(QWidget):
    """What changed from one session to another, in the atelier of ``session``."""

    def __init__(self, session: LiveSession, canvas, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.canvas = canvas
        self.bands = ChangeBands(canvas)
        self.found: evolution.Evolution | None = None
        self.follow_timer = QTimer(self)
        self.follow_timer.setSingleShot(True)
        self.follow_timer.setInterval(FOLLOW_DELAY_MS)
        self.follow_timer.timeout.connect(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("What changed")))
        choosers = QFormLayout()
        self.from_combo, self.to_combo = QComboBox(), QComboBox()
        for combo in (self.from_combo, self.to_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        choosers.addRow(tr("From"), self.from_combo)
        choosers.addRow(tr("To"), self.to_combo)
        layout.addLayout(choosers)
        self.show_on_map = QCheckBox(tr("Show on the map"))
        self.show_on_map.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.show_on_map)
        self.legend = self._legend()
        layout.addLayout(self.legend)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumHeight(180)
        layout.addWidget(self.tree)

        self._fill_sessions()
        self.from_combo.currentIndexChanged.connect(self.compare)
        self.to_combo.currentIndexChanged.connect(self.compare)
        self.show_on_map.toggled.connect(self._draw)
        self.tree.itemClicked.connect(self._flash)
        session.lists_changed.connect(self._fill_sessions)
        session.history_changed.connect(self._follow_edits)
        self.compare()

    # -- the sessions and the comparison ------------------------------------------------

    def _fill_sessions(self) -> None:
        """Every session in both lists, oldest first; the last two chosen."""
        known = evolution.sessions(self.session.atelier) if self.session.atelier is not None else []
        for combo, default in ((self.from_combo, len(known) - 2), (self.to_combo, len(known) - 1)):
            combo.blockSignals(True)
            combo.clear()
            for found in known:
                combo.addItem(found.title, found)
            combo.setCurrentIndex(max(default, 0))
            combo.blockSignals(False)
        self.compare()

    def compare(self) -> None:
        first, second = self.from_combo.currentData(), self.to_combo.currentData()
        self.found = None
        if self.session.atelier is None or first is None or first == second:
            self.message.setText(tr("Choose two different sessions to compare."))
        else:
            self.found = evolution.compare(self.session.atelier, first, second)
            skipped = (
                tr("{count} unreadable journal lines were skipped.").format(count=self.found.skipped)
                if self.found.skipped
                else ""
            )
            self.message.setText(" ".join(text for text in (self.found.message, skipped) if text))
        self.message.setVisible(bool(self.message.text()))
        self._list()
        self._draw()

    def _follow_edits(self) -> None:
        if self.isVisible():
            self.follow_timer.start()

    # -- showing it ---------------------------------------------------------------------

    def _legend(self) -> QGridLayout:
        """A swatch per kind with its count, three to a row: the dock stays as narrow as its buttons."""
        grid = QGridLayout()
        self.legend_labels = {}
        for index, (kind, name) in enumerate(kind_names().items()):
            colour = KIND_COLOURS[kind]
            label = QLabel(name)
            label.setStyleSheet(
                f"background-color: {colour}; color: {text_colour_on(colour)}; border-radius: 3px; padding: 1px 4px;"
            )
            self.legend_labels[kind] = label
            grid.addWidget(label, index // LEGEND_COLUMNS, index % LEGEND_COLUMNS)
        return grid

    def _list(self) -> None:
        self.tree.clear()
        changes = self.found.changes if self.found else []
        language = user_language()
        for kind, name in kind_names().items():
            of_kind = [change for change in changes if change.kind == kind]
            self.legend_labels[kind].setText(f"{name} {len(of_kind)}")
            if not of_kind:
                continue
            group = QTreeWidgetItem(self.tree, [f"{name} ({len(of_kind)})"])
            group.setIcon(0, _swatch(KIND_COLOURS[kind]))
            group.setExpanded(True)
            for change in of_kind:
                text = f"{change.title or tr('(untitled)')} — {table_title(change.table, language)}"
                item = QTreeWidgetItem(group, [text])
                item.setData(0, CHANGE_ROLE, change)
                if change.fields:
                    item.setToolTip(0, tr("Fields changed: {fields}").format(fields=", ".join(change.fields)))

    def _draw(self) -> None:
        if self.show_on_map.isChecked() and self.found is not None:
            self.bands.show(self.found.changes, self.session.atelier.metadata.crs)
        else:
            self.bands.clear()
        self.canvas.refresh()

    def _flash(self, item: QTreeWidgetItem) -> None:
        change = item.data(0, CHANGE_ROLE)
        if change is not None and change.geometry:
            crs = QgsCoordinateReferenceSystem(self.session.atelier.metadata.crs)
            self.canvas.flashGeometries([QgsGeometry.fromWkt(change.geometry)], crs)

    def clear_map(self) -> None:
        """Take the changes off the map: the dock is rebuilt for another atelier, or closed."""
        self.bands.clear()
        self.follow_timer.stop()
        for signal, slot in (
            (self.session.lists_changed, self._fill_sessions),
            (self.session.history_changed, self._follow_edits),
        ):
            signal.disconnect(slot)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
