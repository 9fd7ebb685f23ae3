"""The roadmap's stakes: those the selected action answers, to tick, and those no action answers yet."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QIcon, QPalette
from qgis.PyQt.QtWidgets import QListWidget, QListWidgetItem, QTabWidget, QWidget

from bassee_atelier_plugin.core.deliverables.links import Roadmap, RoadmapAction, Stake
from bassee_atelier_plugin.gui.deliverables.roadmap_look import (
    KIND_ROLE,
    MISSING_COLOUR,
    UUID_ROLE,
    swatch,
    tooltip,
    warning_icon,
)
from bassee_atelier_plugin.toolbelt.i18n import tr

LIST_HEIGHT = 170
ANSWERED_TAB, UNANSWERED_TAB = range(2)


class StakeTabs(QTabWidget):
    """Two tabs, so that the panel fits a laptop's height; the second one's title counts what is left.

    ``themes`` are the atelier's, by code: (label, colour).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stakes_list = QListWidget()
        self.stakes_list.setToolTip(tr("Tick a stake to link it to the action"))
        self.unanswered_list = QListWidget()
        self.unanswered_list.setToolTip(tr("Double click: show the stake on the map"))
        self.addTab(self.stakes_list, tr("Stakes it answers"))
        self.addTab(self.unanswered_list, "")
        self.setMinimumHeight(LIST_HEIGHT)

    def show_unanswered(self, roadmap: Roadmap, themes: dict[str, tuple[str, str]]) -> None:
        unanswered = roadmap.unanswered_stakes()
        self.setTabText(UNANSWERED_TAB, tr("Stakes not answered ({count})").format(count=len(unanswered)))
        self.setTabIcon(UNANSWERED_TAB, warning_icon() if unanswered else QIcon())
        colour = MISSING_COLOUR if unanswered else self.palette().color(QPalette.ColorRole.WindowText)
        self.tabBar().setTabTextColor(UNANSWERED_TAB, colour)
        self.unanswered_list.clear()
        for stake in unanswered:
            item = stake_item(stake, roadmap, themes)
            item.setIcon(warning_icon())
            self.unanswered_list.addItem(item)

    def show_answered(self, roadmap: Roadmap, action: RoadmapAction | None, themes: dict[str, tuple[str, str]]) -> None:
        """Every stake, those ``action`` answers ticked; with no action, the unanswered tab instead."""
        if self.isTabEnabled(ANSWERED_TAB) != (action is not None):  # an action now, or none any more
            self.setTabEnabled(ANSWERED_TAB, action is not None)
            self.setCurrentIndex(ANSWERED_TAB if action is not None else UNANSWERED_TAB)
        self.stakes_list.blockSignals(True)
        self.stakes_list.clear()
        for stake in roadmap.stakes if action is not None else ():
            item = stake_item(stake, roadmap, themes)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if stake.uuid in action.stakes else Qt.CheckState.Unchecked)
            if not stake.answered_by:
                item.setForeground(QBrush(MISSING_COLOUR))
            self.stakes_list.addItem(item)
        if action is not None and not roadmap.stakes:
            empty = QListWidgetItem(tr("No stake in the atelier yet: draw them in the live workshop."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.stakes_list.addItem(empty)
        self.stakes_list.blockSignals(False)


def stake_item(stake: Stake, roadmap: Roadmap, themes: dict[str, tuple[str, str]]) -> QListWidgetItem:
    """A stake as the lists show it: its title, its theme in its colour, and the actions that answer it."""
    theme, colour = themes.get(stake.theme, (stake.theme, "#808080"))
    item = QListWidgetItem(swatch(colour), f"{stake.title or tr('(untitled stake)')} — {theme}")
    item.setData(UUID_ROLE, stake.uuid)
    item.setData(KIND_ROLE, stake.table)
    answering = " ; ".join(action.title for action in roadmap.actions_answering(stake.uuid))
    why = tr("Answered by: {actions}").format(actions=answering) if answering else tr("No action answers it yet")
    item.setToolTip(tooltip(item.text(), why))
    return item
