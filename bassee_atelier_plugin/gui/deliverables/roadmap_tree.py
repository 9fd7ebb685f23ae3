"""The roadmap's tree: orientations and their ordered actions, with what each action still lacks."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtGui import QBrush, QIcon
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from bassee_atelier_plugin.core.deliverables.links import (
    ACTIONS,
    ORIENTATIONS,
    Roadmap,
    RoadmapAction,
    RoadmapOrientation,
)
from bassee_atelier_plugin.gui.deliverables.roadmap_look import (
    KIND_ROLE,
    MISSING_COLOUR,
    UUID_ROLE,
    missing,
    swatch,
    tooltip,
    warning_icon,
)
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.qt_compat import drop_position

TITLE_COLUMN, STAKES_COLUMN, ZONE_COLUMN = range(3)


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

    # -- showing the roadmap ----------------------------------------------------------------

    def show_roadmap(self, roadmap: Roadmap, kinds: dict[str, tuple[str, str]]) -> None:
        """Every orientation and its actions, each action in its kind's colour (``kinds``: code -> (label, colour)).

        Without a signal: the dock selects again the row that was selected.
        """
        self.blockSignals(True)
        self.clear()
        for orientation in roadmap.orientations:
            self.addTopLevelItem(self._orientation_item(orientation, kinds))
        self.expandAll()
        self.blockSignals(False)

    def selected(self) -> tuple[str | None, str] | None:
        """(uuid, ORIENTATIONS or ACTIONS) of the selected row, or None."""
        item = self.currentItem()
        return (item.data(0, UUID_ROLE), item.data(0, KIND_ROLE)) if item is not None else None

    def select(self, uuid: str | None) -> QTreeWidgetItem | None:
        """Select the row of an orientation or an action; returns it, or None when it is gone."""
        for orientation_row in range(self.topLevelItemCount()):
            orientation = self.topLevelItem(orientation_row)
            for item in (orientation, *(orientation.child(row) for row in range(orientation.childCount()))):
                if item.data(0, UUID_ROLE) == uuid:
                    self.setCurrentItem(item)
                    return item
        return None

    def _orientation_item(self, orientation: RoadmapOrientation, kinds: dict[str, tuple[str, str]]) -> QTreeWidgetItem:
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
            item.addChild(self._action_item(action, kinds))
        return item

    def _action_item(self, action: RoadmapAction, kinds: dict[str, tuple[str, str]]) -> QTreeWidgetItem:
        item = QTreeWidgetItem([action.title, str(len(action.stakes)), ""])
        item.setData(0, UUID_ROLE, action.uuid)
        item.setData(0, KIND_ROLE, ACTIONS)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        item.setToolTip(TITLE_COLUMN, tooltip(action.title, *missing(action)))
        kind = kinds.get(action.kind)
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
