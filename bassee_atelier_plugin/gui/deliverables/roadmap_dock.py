"""The "Roadmap" dock (feuille de route): orientations, their ordered actions, and the stakes each answers.

Everything goes through the live session shared with the other docks: each change is
committed at once with its journal line and undone by the same Undo. The panel is read
again from the file after each change, so what it shows is what is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsExpression,
    QgsFeatureRequest,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsHighlight, QgsMapTool
from qgis.PyQt.QtCore import QPoint, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QIcon, QPalette, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import thesaurus_terms
from bassee_atelier_plugin.core.deliverables.links import (
    Roadmap,
    RoadmapAction,
    RoadmapOrientation,
    Stake,
    read_roadmap,
)
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.model.schema import ACTIONS, ORIENTATIONS, STAKE_TABLES
from bassee_atelier_plugin.core.presentation.project import layer_table
from bassee_atelier_plugin.gui.editing.live_dock import AtelierDock, HistoryButtons, coloured_button, heading
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.editing.map_tools import DigitizeTool, FeatureFinder, PickedFeature, PickTool
from bassee_atelier_plugin.toolbelt.compat import GeometryType
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.qt_compat import drop_position

UUID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # ORIENTATIONS or ACTIONS: what a row of the tree is
MISSING_COLOUR = QColor("#b85c00")  # what is missing (no stake, no zone): dark orange, legible on white
ZONE_COLOUR = QColor(255, 0, 144)  # the selected action's zone, in the drawing tools' colour
LINKED_COLOUR = QColor(255, 214, 0)  # the stakes it answers: the yellow QGIS selects with
HALO_COLOUR = QColor(20, 20, 20, 200)  # under both: they read over any theme's colour
OUTLINE_MM, HALO_MM = 0.6, 1.2  # how much wider than the feature's own symbol
TITLE_COLUMN, STAKES_COLUMN, ZONE_COLUMN = range(3)
EDITED_TABLES = {ORIENTATIONS, ACTIONS, "action_stakes", *STAKE_TABLES}
LIST_HEIGHT = 170
ANSWERED_TAB, UNANSWERED_TAB = range(2)
# around what is shown on the map: a share of its size, and at least enough for a point to show its surroundings
ZOOM_MARGIN_M, ZOOM_MARGIN_SHARE = 300, 0.2


def tooltip(*lines: str) -> str:
    """A tooltip that shows each line as typed: Qt would read "<b>" in a title as markup."""
    return "<p>" + "<br>".join(escape(line) for line in lines) + "</p>"


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def warning_icon() -> QIcon:
    return QgsApplication.getThemeIcon("/mIconWarning.svg")


def _uncheck(*buttons: QAbstractButton) -> None:
    """Uncheck without a signal: the button's own handler would put the map tool away again."""
    for button in buttons:
        button.blockSignals(True)
        button.setChecked(False)
        button.blockSignals(False)


class TextEdit(QPlainTextEdit):
    """A multi-line field that, like QLineEdit, says when the user is done with it."""

    editingFinished = pyqtSignal()  # noqa: N815 (named as QLineEdit's)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editingFinished.emit()


class RoadmapTree(QTreeWidget):
    """Orientations and their actions, reordered by dragging.

    A drop moves nothing itself: it hands the row and where it was dropped to
    ``on_drop(item, orientation_uuid, position)``, the core moves it, and the tree is
    read again from the file.
    """

    def __init__(self, on_drop: Callable[[QTreeWidgetItem, str | None, int], object], parent=None):
        super().__init__(parent)
        self.on_drop = on_drop
        self.setColumnCount(3)
        self.setHeaderLabels([tr("Orientations and actions"), tr("Stakes"), tr("Zone")])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (STAKES_COLUMN, ZONE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setMinimumHeight(170)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        super().dragMoveEvent(event)  # scrolls and draws the indicator
        if event.source() is self:
            event.accept()  # anywhere is a place: drop_place() says which

    def dropEvent(self, event) -> None:  # noqa: N802
        """Only a row of this tree gets here: an internal move refuses other drags as they enter."""
        dragged = self.currentItem()
        event.setDropAction(Qt.DropAction.IgnoreAction)  # Qt must not move or delete rows: the file is the truth
        event.accept()
        if dragged is not None:
            self.on_drop(dragged, *self.drop_place(dragged, drop_position(event)))

    def drop_place(self, dragged: QTreeWidgetItem, at: QPoint) -> tuple[str | None, int]:
        """The orientation and the position that a row dropped at ``at`` goes to.

        An action dropped on an action goes before it (upper half) or after it; on an
        orientation, last of it. An orientation goes before or after the orientation
        dropped on (or the one of the action dropped on).
        """
        target = self.itemAt(at)
        upper = target is not None and at.y() < self.visualItemRect(target).center().y()
        if dragged.data(0, KIND_ROLE) == ACTIONS:
            target = target or self.topLevelItem(self.topLevelItemCount() - 1)
            if target.data(0, KIND_ROLE) == ORIENTATIONS:
                return target.data(0, UUID_ROLE), len(self._uuids(target, dragged))
            orientation = target.parent()
            if target is dragged:
                return orientation.data(0, UUID_ROLE), self._row(dragged)
            index = self._uuids(orientation, dragged).index(target.data(0, UUID_ROLE))
            return orientation.data(0, UUID_ROLE), index + (0 if upper else 1)
        orientations = [uuid for uuid in self._uuids(self.invisibleRootItem(), dragged) if uuid is not None]
        if target is not None and target.data(0, KIND_ROLE) == ACTIONS:
            target, upper = target.parent(), False
        if target is None or target.data(0, UUID_ROLE) is None:
            return None, len(orientations)
        if target is dragged:
            return None, self._row(dragged)
        return None, orientations.index(target.data(0, UUID_ROLE)) + (0 if upper else 1)

    @staticmethod
    def _uuids(parent: QTreeWidgetItem, leaving_out: QTreeWidgetItem) -> list[str | None]:
        children = (parent.child(row) for row in range(parent.childCount()))
        return [child.data(0, UUID_ROLE) for child in children if child is not leaving_out]

    @staticmethod
    def _row(item: QTreeWidgetItem) -> int:
        parent = item.parent() or item.treeWidget().invisibleRootItem()
        return parent.indexOfChild(item)


class RoadmapDock(AtelierDock):
    """The roadmap of the atelier open in the project: orientations, actions, their zones and stakes."""

    def __init__(self, iface, open_atelier: Callable[[], object], parent=None, session: LiveSession | None = None):
        super().__init__(tr("Roadmap"), "BasseeAtelierRoadmapDock", iface, open_atelier, parent, session)
        self.roadmap = Roadmap((), ())
        self.labels: dict[str, dict[str, tuple[str, str]]] = {}  # thesaurus -> code -> (label, colour)
        self.highlights: list[tuple[QgsHighlight, QgsHighlight]] = []  # a halo and an outline per feature

        self.editing = QWidget()
        layout = QVBoxLayout(self.editing)
        self.empty_label = QLabel(tr("No orientation yet: start with “New orientation”, then add its actions."))
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.tree = RoadmapTree(self._dropped)
        self.tree.currentItemChanged.connect(lambda _current, _previous: self._show_selected())
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self._zoom_to_action())
        layout.addWidget(self.tree)
        self.new_orientation_button = QPushButton(tr("New orientation"))
        self.new_orientation_button.clicked.connect(lambda _checked=False: self.new_orientation())
        self.new_action_button = QPushButton(tr("New action"))
        self.new_action_button.clicked.connect(lambda _checked=False: self.new_action())
        self.delete_button = QPushButton(tr("Delete"))
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_selected())
        row = QHBoxLayout()
        for button in (self.new_orientation_button, self.new_action_button, self.delete_button):
            row.addWidget(button)
        layout.addLayout(row)

        self.selected_heading = heading("")
        layout.addWidget(self.selected_heading)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.missing_label.setStyleSheet(f"color: {MISSING_COLOUR.name()}; font-weight: bold;")
        layout.addWidget(self.missing_label)
        layout.addLayout(self._fields_form())
        self.link_button = coloured_button(tr("Link stakes on the map"), "#1f78b4")
        self.link_button.setToolTip(tr("Click a stake on the map: it is linked to the action, or unlinked"))
        self.link_button.toggled.connect(self._link_toggled)
        self.zone_button = coloured_button(tr("Draw the zone"), "#c2185b")
        self.zone_button.setToolTip(tr("Click the corners of the zone; right click or Enter to finish"))
        self.zone_button.toggled.connect(self._zone_toggled)
        tools = QHBoxLayout()
        for button in (self.link_button, self.zone_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tools.addWidget(button)
        layout.addLayout(tools)

        # two tabs, so that the panel fits a laptop's height; the second one's title counts what is left
        self.stake_tabs = QTabWidget()
        self.stakes_list = QListWidget()
        self.stakes_list.setToolTip(tr("Tick a stake to link it to the action"))
        self.stakes_list.itemChanged.connect(self._stake_ticked)
        self.unanswered_list = QListWidget()
        self.unanswered_list.setToolTip(tr("Double click: show the stake on the map"))
        self.unanswered_list.itemDoubleClicked.connect(self._show_stake)
        self.stake_tabs.addTab(self.stakes_list, tr("Stakes it answers"))
        self.stake_tabs.addTab(self.unanswered_list, "")
        self.stake_tabs.setMinimumHeight(LIST_HEIGHT)
        layout.addWidget(self.stake_tabs)
        self.history_buttons = HistoryButtons(self.session)
        layout.addWidget(self.history_buttons)
        layout.addStretch()
        self.set_body(self.editing)
        self.follow_project()

    def _fields_form(self) -> QFormLayout:
        self.title_edit = QLineEdit()
        self.title_edit.editingFinished.connect(lambda: self._commit("title", self.title_edit.text()))
        self.combos = {name: QComboBox() for name in ("kind", "horizon", "status")}
        for name, combo in self.combos.items():
            combo.activated.connect(lambda _index, name=name, combo=combo: self._commit(name, combo.currentData()))
        self.lead_edit, self.partners_edit = QLineEdit(), QLineEdit()
        self.partners_edit.setPlaceholderText(tr("Separated by ;"))
        for name, edit in (("lead", self.lead_edit), ("partners", self.partners_edit)):
            edit.editingFinished.connect(lambda name=name, edit=edit: self._commit(name, edit.text().strip() or None))
        self.description_edit = TextEdit()
        self.description_edit.setMaximumHeight(90)
        self.description_edit.editingFinished.connect(
            lambda: self._commit("description", self.description_edit.toPlainText().strip() or None)
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form_rows = {}  # field name -> (label, widget), to show only an orientation's fields
        for name, label, widget in (
            ("title", tr("Title"), self.title_edit),
            ("kind", tr("Kind"), self.combos["kind"]),
            ("horizon", tr("Horizon"), self.combos["horizon"]),
            ("status", tr("Status"), self.combos["status"]),
            ("lead", tr("Lead"), self.lead_edit),
            ("partners", tr("Partners"), self.partners_edit),
            ("description", tr("Description"), self.description_edit),
        ):
            form.addRow(label, widget)
            self.form_rows[name] = (form.labelForField(widget), widget)
        return form

    # -- following the project ------------------------------------------------------------

    def _follow(self, visible: bool) -> None:
        super()._follow(visible)
        self._highlight()  # only while the dock is shown

    def close_session(self) -> None:
        self._clear_highlights()
        super().close_session()

    def _atelier_changed(self) -> None:
        self._disarm()
        atelier = self.session.atelier
        self.notice.show_state(self.session)
        self.editing.setVisible(atelier is not None)
        self.editing.setEnabled(self.session.is_editable)
        if self.session.editor is not None:
            self.session.editor.changed.connect(self._table_changed)
        if atelier is not None:
            self._fill_combos(atelier)
        self.reload()
        self.fit_width()

    def _fill_combos(self, atelier) -> None:
        """The lists of the atelier, labelled in its language and in their colours."""
        label_key = "label_fr" if atelier.metadata.language == "fr" else "label_en"
        for thesaurus in ("action_kinds", "horizons", "statuses", "themes"):
            terms = thesaurus_terms(atelier, thesaurus)
            self.labels[thesaurus] = {term["code"]: (term[label_key], term["colour"]) for term in terms}
        for name, thesaurus in (("kind", "action_kinds"), ("horizon", "horizons"), ("status", "statuses")):
            combo = self.combos[name]
            combo.clear()
            if name != "status":  # an action always has a status
                combo.addItem(tr("(not set)"), None)
            for code, (label, colour) in self.labels[thesaurus].items():
                combo.addItem(swatch(colour), label, code)

    def _table_changed(self, table: str) -> None:
        if table in EDITED_TABLES:
            self.reload()

    # -- showing the roadmap ----------------------------------------------------------------

    def reload(self) -> None:
        """Read the roadmap again from the file and show it, keeping the row selected."""
        atelier = self.session.atelier
        self.roadmap = read_roadmap(atelier) if atelier is not None else Roadmap((), ())
        selected = self._selected()
        self.tree.blockSignals(True)
        self.tree.clear()
        for orientation in self.roadmap.orientations:
            self.tree.addTopLevelItem(self._orientation_item(orientation))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if selected is not None:
            self.select(selected[0])
        self.empty_label.setVisible(not self.roadmap.orientations)
        self._fill_unanswered()
        self._show_selected()

    def _orientation_item(self, orientation: RoadmapOrientation) -> QTreeWidgetItem:
        title = orientation.title if orientation.uuid is not None else tr("(no orientation)")
        item = QTreeWidgetItem([title, "", ""])
        item.setData(0, UUID_ROLE, orientation.uuid)
        item.setData(0, KIND_ROLE, ORIENTATIONS)
        item.setToolTip(TITLE_COLUMN, tooltip(title))
        font = item.font(TITLE_COLUMN)
        font.setBold(True)
        item.setFont(TITLE_COLUMN, font)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        # "(no orientation)" gathers stray actions: it is no orientation to move
        item.setFlags((flags | Qt.ItemFlag.ItemIsDragEnabled) if orientation.uuid is not None else flags)
        for action in orientation.actions:
            item.addChild(self._action_item(action))
        return item

    def _action_item(self, action: RoadmapAction) -> QTreeWidgetItem:
        item = QTreeWidgetItem([action.title, str(len(action.stakes)), ""])
        item.setData(0, UUID_ROLE, action.uuid)
        item.setData(0, KIND_ROLE, ACTIONS)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        item.setToolTip(TITLE_COLUMN, tooltip(action.title, *self._missing(action)))
        kind = self.labels.get("action_kinds", {}).get(action.kind)
        item.setIcon(TITLE_COLUMN, swatch(kind[1]) if kind else QIcon())
        if not action.stakes:
            self._mark_missing(item, STAKES_COLUMN, tr("Answers no stake yet"))
        if action.has_zone:
            item.setText(ZONE_COLUMN, "✓")
        else:
            item.setText(ZONE_COLUMN, "—")
            self._mark_missing(item, ZONE_COLUMN, tr("No zone on the map yet"))
        return item

    @staticmethod
    def _mark_missing(item: QTreeWidgetItem, column: int, why: str) -> None:
        item.setIcon(column, warning_icon())
        item.setForeground(column, QBrush(MISSING_COLOUR))
        item.setToolTip(column, tooltip(why))

    @staticmethod
    def _missing(action: RoadmapAction) -> list[str]:
        """What an action still lacks, said plainly."""
        missing = []
        if not action.has_zone:
            missing.append(tr("No zone on the map yet: “Draw the zone”."))
        if not action.stakes:
            missing.append(tr("Answers no stake yet: link it to the stakes it answers."))
        return missing

    def _stake_item(self, stake: Stake) -> QListWidgetItem:
        """A stake as the lists show it: its title, its theme in its colour, and the actions that answer it."""
        theme, colour = self.labels.get("themes", {}).get(stake.theme, (stake.theme, "#808080"))
        item = QListWidgetItem(swatch(colour), f"{stake.title or tr('(untitled stake)')} — {theme}")
        item.setData(UUID_ROLE, stake.uuid)
        item.setData(KIND_ROLE, stake.table)
        answering = " ; ".join(action.title for action in self.roadmap.actions_answering(stake.uuid))
        why = tr("Answered by: {actions}").format(actions=answering) if answering else tr("No action answers it yet")
        item.setToolTip(tooltip(item.text(), why))
        return item

    def _fill_unanswered(self) -> None:
        unanswered = self.roadmap.unanswered_stakes()
        self.stake_tabs.setTabText(UNANSWERED_TAB, tr("Stakes not answered ({count})").format(count=len(unanswered)))
        self.stake_tabs.setTabIcon(UNANSWERED_TAB, warning_icon() if unanswered else QIcon())
        colour = MISSING_COLOUR if unanswered else self.stake_tabs.palette().color(QPalette.ColorRole.WindowText)
        self.stake_tabs.tabBar().setTabTextColor(UNANSWERED_TAB, colour)
        self.unanswered_list.clear()
        for stake in unanswered:
            item = self._stake_item(stake)
            item.setIcon(warning_icon())
            self.unanswered_list.addItem(item)

    def _show_selected(self) -> None:
        """The fields, the warnings and the stakes of the selected row."""
        selected = self._selected()
        action = self.roadmap.action(selected[0]) if selected and selected[1] == ACTIONS else None
        orientation = self._orientation(selected[0]) if selected and selected[1] == ORIENTATIONS else None
        editable = action is not None or (orientation is not None and orientation.uuid is not None)
        self.selected_heading.setText(
            tr("Action") if action else tr("Orientation") if orientation else tr("Select an orientation or an action")
        )
        for name, (label, widget) in self.form_rows.items():
            shown = editable and (action is not None or name in ("title", "description"))
            label.setVisible(shown)
            widget.setVisible(shown)
        shown = action or orientation
        self.title_edit.setText(shown.title if editable else "")
        self.title_edit.setCursorPosition(0)  # a long title shows its beginning
        self.description_edit.setPlainText((shown.description or "") if editable else "")
        if action is not None:
            for name, combo in self.combos.items():
                combo.setCurrentIndex(max(0, combo.findData(getattr(action, name))))
            for edit, text in ((self.lead_edit, action.lead), (self.partners_edit, action.partners)):
                edit.setText(text or "")
                edit.setCursorPosition(0)
        self.missing_label.setText("\n".join(self._missing(action)) if action else "")
        self.missing_label.setVisible(bool(action and self._missing(action)))
        for button in (self.link_button, self.zone_button):
            button.setVisible(action is not None)
        if self.stake_tabs.isTabEnabled(ANSWERED_TAB) != (action is not None):  # an action now, or none any more
            self.stake_tabs.setTabEnabled(ANSWERED_TAB, action is not None)
            self.stake_tabs.setCurrentIndex(ANSWERED_TAB if action is not None else UNANSWERED_TAB)
        self.new_action_button.setEnabled(any(o.uuid is not None for o in self.roadmap.orientations))
        self.delete_button.setEnabled(editable)
        if action is None:
            self._disarm()
        self._fill_stakes(action)
        self._highlight()

    def _fill_stakes(self, action: RoadmapAction | None) -> None:
        self.stakes_list.blockSignals(True)
        self.stakes_list.clear()
        for stake in self.roadmap.stakes if action is not None else ():
            item = self._stake_item(stake)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if stake.uuid in action.stakes else Qt.CheckState.Unchecked)
            if not stake.answered_by:
                item.setForeground(QBrush(MISSING_COLOUR))
            self.stakes_list.addItem(item)
        if action is not None and not self.roadmap.stakes:
            empty = QListWidgetItem(tr("No stake in the atelier yet: draw them in the live workshop."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.stakes_list.addItem(empty)
        self.stakes_list.blockSignals(False)

    # -- what is selected -------------------------------------------------------------------

    def _selected(self) -> tuple[str | None, str] | None:
        """(uuid, ORIENTATIONS or ACTIONS) of the selected row, or None."""
        item = self.tree.currentItem()
        return (item.data(0, UUID_ROLE), item.data(0, KIND_ROLE)) if item is not None else None

    def _selected_action(self) -> RoadmapAction | None:
        selected = self._selected()
        return self.roadmap.action(selected[0]) if selected and selected[1] == ACTIONS else None

    def _orientation(self, uuid: str | None) -> RoadmapOrientation | None:
        return next((o for o in self.roadmap.orientations if o.uuid == uuid), None)

    def select(self, uuid: str | None) -> QTreeWidgetItem | None:
        """Select the row of an orientation or an action; returns it, or None when it is gone."""
        for orientation_row in range(self.tree.topLevelItemCount()):
            orientation = self.tree.topLevelItem(orientation_row)
            for item in (orientation, *(orientation.child(row) for row in range(orientation.childCount()))):
                if item.data(0, UUID_ROLE) == uuid:
                    self.tree.setCurrentItem(item)
                    return item
        return None

    # -- editing ----------------------------------------------------------------------------

    def new_orientation(self) -> None:
        result = self.session.run(lambda editor: editor.add_orientation(tr("New orientation")))
        if result is not None:
            self._edit_title_of(result.uuid)

    def new_action(self) -> None:
        """A new action in the selected orientation (or the selected action's), else the last one."""
        selected = self._selected()
        action = self._selected_action()
        orientation_uuid = action.orientation_uuid if action else selected[0] if selected else None
        if orientation_uuid is None or self._orientation(orientation_uuid) is None:
            orientations = [o.uuid for o in self.roadmap.orientations if o.uuid is not None]
            if not orientations:
                self.session.report(
                    tr("Create an orientation first: every action belongs to one."), Qgis.MessageLevel.Warning
                )
                return
            orientation_uuid = orientations[-1]
        result = self.session.run(lambda editor: editor.add_action(orientation_uuid, tr("New action")))
        if result is not None:
            self._edit_title_of(result.uuid)

    def _edit_title_of(self, uuid: str) -> None:
        """Select what was just made, its title ready to be typed over."""
        self.select(uuid)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def delete_selected(self) -> None:
        selected = self._selected()
        if selected is not None and selected[0] is not None:
            self.session.run(lambda editor: editor.delete(selected[1], selected[0]))

    def _commit(self, name: str, value) -> None:
        """Save one field of the selected row if it changed; a refused value gives way to the stored one."""
        selected = self._selected()
        row = self._selected_action() or (self._orientation(selected[0]) if selected else None)
        if row is None or getattr(row, name) == value:
            return
        table = ACTIONS if isinstance(row, RoadmapAction) else ORIENTATIONS
        if self.session.run(lambda editor: editor.set_fields(table, row.uuid, {name: value})) is None:
            self._show_selected()

    def _dropped(self, item: QTreeWidgetItem, orientation_uuid: str | None, position: int) -> None:
        uuid = item.data(0, UUID_ROLE)
        if item.data(0, KIND_ROLE) == ACTIONS:
            self.session.run(lambda editor: editor.move_action(uuid, orientation_uuid, position))
        else:
            self.session.run(lambda editor: editor.move_orientation(uuid, position))

    # -- links to stakes --------------------------------------------------------------------

    def _stake_ticked(self, item: QListWidgetItem) -> None:
        action = self._selected_action()
        if action is not None:
            self._set_link(
                action, item.data(KIND_ROLE), item.data(UUID_ROLE), item.checkState() == Qt.CheckState.Checked
            )

    def _set_link(self, action: RoadmapAction, table: str, stake_uuid: str, linked: bool) -> None:
        def change(editor: LiveEditor):
            if linked:
                return editor.link_stake(action.uuid, table, stake_uuid)
            return editor.unlink_stake(action.uuid, stake_uuid)

        if self.session.run(change) is None:
            self._show_selected()  # refused: the ticks show what is stored

    def _picked(self, picked: PickedFeature, _button: Qt.MouseButton) -> None:
        """A stake clicked on the map: linked to the selected action, or unlinked if it was."""
        action = self._selected_action()
        if action is not None:
            self._set_link(action, picked.table, picked.uuid, picked.uuid not in action.stakes)

    # -- map tools --------------------------------------------------------------------------

    def _link_toggled(self, checked: bool) -> None:
        def pick_stakes() -> QgsMapTool:
            finder = FeatureFinder(self.canvas, lambda: self._layers(STAKE_TABLES))
            return PickTool(self.canvas, finder, self._picked)

        self._toggle_tool(self.link_button, checked, pick_stakes)

    def _zone_toggled(self, checked: bool) -> None:
        self._toggle_tool(
            self.zone_button,
            checked,
            lambda: DigitizeTool(self.canvas, GeometryType.POLYGON, self._zone_drawn),
        )

    def _toggle_tool(self, button: QAbstractButton, checked: bool, make_tool: Callable[[], QgsMapTool]) -> None:
        if not checked:
            self._disarm()
            return
        _uncheck(*(other for other in (self.link_button, self.zone_button) if other is not button))
        self.use_tool(make_tool())

    def _zone_drawn(self, geometry) -> None:
        action = self._selected_action()
        if action is None:
            return
        geometry = self.session.to_atelier_crs(geometry)
        if self.session.run(lambda editor: editor.set_geometry(ACTIONS, action.uuid, geometry)) is not None:
            self._disarm()

    def _disarm(self) -> None:
        super()._disarm()
        _uncheck(self.link_button, self.zone_button)

    # -- the map ----------------------------------------------------------------------------

    def _layers(self, tables) -> list[QgsVectorLayer]:
        present = self.session.layers()
        return [present[table] for table in tables if table in present]

    def _features(self, table: str, uuids) -> list:
        """(layer, feature) of the features of ``table`` with these uuids that have a geometry."""
        layers = self._layers((table,))
        if not layers or not uuids:
            return []
        quoted = ", ".join(QgsExpression.quotedValue(uuid) for uuid in uuids)
        request = QgsFeatureRequest().setFilterExpression(f'"uuid" IN ({quoted})')
        return [(layers[0], feature) for feature in layers[0].getFeatures(request) if feature.hasGeometry()]

    def _action_features(self, action: RoadmapAction) -> list:
        """(layer, feature) of the action's zone, if drawn, and of each stake it answers."""
        found = self._features(ACTIONS, [action.uuid])
        for table in STAKE_TABLES:
            found += self._features(table, action.stakes)
        return found

    def _highlight(self) -> None:
        """The selected action's zone and the stakes it answers, outlined on the map while the dock is shown."""
        self._clear_highlights()
        action = self._selected_action()
        if action is None or not self.isVisible():
            return
        for layer, feature in self._action_features(action):
            colour = ZONE_COLOUR if layer_table(layer) == ACTIONS else LINKED_COLOUR
            halo = self._outline(layer, feature, HALO_COLOUR, HALO_MM, 0)
            self.highlights.append((halo, self._outline(layer, feature, colour, OUTLINE_MM, 70)))

    def _outline(self, layer: QgsVectorLayer, feature, colour: QColor, buffer_mm: float, fill_alpha: int):
        """The feature drawn with its own symbol (a stake's bubble keeps its size), in one colour, widened."""
        highlight = QgsHighlight(self.canvas, feature, layer)
        highlight.setColor(colour)
        fill = QColor(colour)
        fill.setAlpha(fill_alpha)
        highlight.setFillColor(fill)
        highlight.setBuffer(buffer_mm)
        highlight.setMinWidth(buffer_mm)
        highlight.show()
        return highlight

    def _clear_highlights(self) -> None:
        for pair in self.highlights:
            for highlight in pair:
                self.canvas.scene().removeItem(highlight)
        self.highlights = []

    def _zoom_to_action(self) -> None:
        """The selected action on the map: its zone and the stakes it answers."""
        action = self._selected_action()
        if action is None:
            return
        found = self._action_features(action)
        if not found:
            self.session.report(
                tr("This action has no zone yet and answers no stake: nothing to show."), Qgis.MessageLevel.Info
            )
        self._zoom_to(found)

    def _show_stake(self, item: QListWidgetItem) -> None:
        self._zoom_to(self._features(item.data(KIND_ROLE), [item.data(UUID_ROLE)]))

    def _zoom_to(self, found: list) -> None:
        if not found:
            return
        settings = self.canvas.mapSettings()
        extent = QgsRectangle()
        extent.setMinimal()
        for layer, feature in found:
            extent.combineExtentWith(settings.layerExtentToOutputExtent(layer, feature.geometry().boundingBox()))
        margin = max(ZOOM_MARGIN_M, ZOOM_MARGIN_SHARE * max(extent.width(), extent.height()))
        self.canvas.setExtent(extent.buffered(margin))
        for layer, feature in found:
            self.canvas.flashGeometries([feature.geometry()], layer.crs())
        self.canvas.refresh()
