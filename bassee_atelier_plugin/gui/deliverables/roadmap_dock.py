"""The "Roadmap" dock (feuille de route): orientations, their ordered actions, and the stakes each answers.

Everything goes through the live session shared with the other docks: each change is
committed at once with its journal line and undone by the same Undo. The panel is read
again from the file after each change, so what it shows is what is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import Qgis
from qgis.gui import QgsHighlight, QgsMapTool
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import thesaurus_terms
from bassee_atelier_plugin.core.deliverables.links import Roadmap, RoadmapAction, RoadmapOrientation, read_roadmap
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.model.schema import ACTIONS, ORIENTATIONS, STAKE_TABLES
from bassee_atelier_plugin.gui.deliverables.commune_filter import CommuneFilter
from bassee_atelier_plugin.gui.deliverables.roadmap_fields import RoadmapFields
from bassee_atelier_plugin.gui.deliverables.roadmap_look import KIND_ROLE, MISSING_COLOUR, UUID_ROLE, missing
from bassee_atelier_plugin.gui.deliverables.roadmap_map import RoadmapOnMap
from bassee_atelier_plugin.gui.deliverables.roadmap_tree import RoadmapTree
from bassee_atelier_plugin.gui.deliverables.stake_tabs import StakeTabs
from bassee_atelier_plugin.gui.editing.atelier_dock import AtelierDock
from bassee_atelier_plugin.gui.editing.history import HistoryButtons
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.editing.map_tools import DigitizeTool, FeatureFinder, PickedFeature, PickTool
from bassee_atelier_plugin.gui.widgets.controls import coloured_button, heading
from bassee_atelier_plugin.toolbelt.compat import GeometryType
from bassee_atelier_plugin.toolbelt.i18n import tr

EDITED_TABLES = {ORIENTATIONS, ACTIONS, "action_stakes", *STAKE_TABLES}


def _uncheck(*buttons: QAbstractButton) -> None:
    """Uncheck without a signal: the button's own handler would put the map tool away again."""
    for button in buttons:
        button.blockSignals(True)
        button.setChecked(False)
        button.blockSignals(False)


class RoadmapDock(AtelierDock):
    """The roadmap of the atelier open in the project: orientations, actions, their zones and stakes."""

    def __init__(self, iface, open_atelier: Callable[[], object], parent=None, session: LiveSession | None = None):
        super().__init__(tr("Roadmap"), "BasseeAtelierRoadmapDock", iface, open_atelier, parent, session)
        self.roadmap = Roadmap((), ())
        self.labels: dict[str, dict[str, tuple[str, str]]] = {}  # thesaurus -> code -> (label, colour)
        self.on_map = RoadmapOnMap(self.canvas, self.session.layers)

        self.editing = QWidget()
        layout = QVBoxLayout(self.editing)
        self.commune_filter = CommuneFilter()
        self.commune_filter.currentIndexChanged.connect(lambda _index: self.reload())
        layout.addWidget(self.commune_filter)
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
        self.fields = RoadmapFields()
        self.fields.edited.connect(self._commit)
        fields = self.fields
        self.title_edit, self.combos, self.description_edit = fields.title_edit, fields.combos, fields.description_edit
        self.lead_edit, self.partners_edit = fields.lead_edit, fields.partners_edit
        layout.addWidget(self.fields)
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

        self.stake_tabs = StakeTabs()
        self.stakes_list, self.unanswered_list = self.stake_tabs.stakes_list, self.stake_tabs.unanswered_list
        self.stakes_list.itemChanged.connect(self._stake_ticked)
        self.unanswered_list.itemDoubleClicked.connect(self._show_stake)
        layout.addWidget(self.stake_tabs)
        self.history_buttons = HistoryButtons(self.session)
        layout.addWidget(self.history_buttons)
        layout.addStretch()
        self.set_body(self.editing)
        self.follow_project()

    @property
    def highlights(self) -> list[tuple[QgsHighlight, QgsHighlight]]:
        """What is outlined on the map now: a halo and an outline per feature."""
        return self.on_map.highlights

    # -- following the project ------------------------------------------------------------

    def _follow(self, visible: bool) -> None:
        super()._follow(visible)
        self._highlight()  # only while the dock is shown

    def close_session(self) -> None:
        self.on_map.clear()
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
        self.commune_filter.fill(atelier)
        self.reload()
        self.fit_width()

    def _fill_combos(self, atelier) -> None:
        """The lists of the atelier, labelled in its language and in their colours."""
        label_key = "label_fr" if atelier.metadata.language == "fr" else "label_en"
        for thesaurus in ("action_kinds", "horizons", "statuses", "themes"):
            terms = thesaurus_terms(atelier, thesaurus)
            self.labels[thesaurus] = {term["code"]: (term[label_key], term["colour"]) for term in terms}
        self.fields.fill_combos(self.labels)

    def _table_changed(self, table: str) -> None:
        if table in EDITED_TABLES:
            self.reload()

    # -- showing the roadmap ----------------------------------------------------------------

    def reload(self) -> None:
        """Read the roadmap again from the file and show it, keeping the row selected."""
        atelier = self.session.atelier
        self.roadmap = read_roadmap(atelier) if atelier is not None else Roadmap((), ())
        if self.commune_filter.code() is not None:
            self.roadmap = self.roadmap.in_commune(self.commune_filter.code())
        selected = self.tree.selected()
        self.tree.show_roadmap(self.roadmap, self.labels.get("action_kinds", {}))
        if selected is not None:
            self.tree.select(selected[0])
        self.empty_label.setVisible(not self.roadmap.orientations)
        self.stake_tabs.show_unanswered(self.roadmap, self.labels.get("themes", {}))
        self._show_selected()

    def _show_selected(self) -> None:
        """The fields, the warnings and the stakes of the selected row."""
        selected = self.tree.selected()
        action = self.roadmap.action(selected[0]) if selected and selected[1] == ACTIONS else None
        orientation = self._orientation(selected[0]) if selected and selected[1] == ORIENTATIONS else None
        editable = action is not None or (orientation is not None and orientation.uuid is not None)
        self.selected_heading.setText(
            tr("Action") if action else tr("Orientation") if orientation else tr("Select an orientation or an action")
        )
        self.fields.show_row(action, orientation)
        self.missing_label.setText("\n".join(missing(action)) if action else "")
        self.missing_label.setVisible(bool(action and missing(action)))
        for button in (self.link_button, self.zone_button):
            button.setVisible(action is not None)
        self.new_action_button.setEnabled(any(o.uuid is not None for o in self.roadmap.orientations))
        self.delete_button.setEnabled(editable)
        if action is None:
            self._disarm()
        self.stake_tabs.show_answered(self.roadmap, action, self.labels.get("themes", {}))
        self._highlight()

    # -- what is selected -------------------------------------------------------------------

    def _selected_action(self) -> RoadmapAction | None:
        selected = self.tree.selected()
        return self.roadmap.action(selected[0]) if selected and selected[1] == ACTIONS else None

    def _orientation(self, uuid: str | None) -> RoadmapOrientation | None:
        return next((o for o in self.roadmap.orientations if o.uuid == uuid), None)

    # -- editing ----------------------------------------------------------------------------

    def new_orientation(self) -> None:
        result = self.session.run(lambda editor: editor.add_orientation(tr("New orientation")))
        if result is not None:
            self._edit_title_of(result.uuid)

    def new_action(self) -> None:
        """A new action in the selected orientation (or the selected action's), else the last one."""
        selected = self.tree.selected()
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
        self.tree.select(uuid)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def delete_selected(self) -> None:
        selected = self.tree.selected()
        if selected is not None and selected[0] is not None:
            self.session.run(lambda editor: editor.delete(selected[1], selected[0]))

    def _commit(self, name: str, value) -> None:
        """Save one field of the selected row if it changed; a refused value gives way to the stored one."""
        selected = self.tree.selected()
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
            finder = FeatureFinder(self.canvas, lambda: self.on_map.layers(STAKE_TABLES))
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

    def _highlight(self) -> None:
        """The selected action's zone and the stakes it answers, outlined on the map while the dock is shown."""
        action = self._selected_action()
        if action is None or not self.isVisible():
            self.on_map.clear()
        else:
            self.on_map.outline_action(action)

    def _zoom_to_action(self) -> None:
        """The selected action on the map: its zone and the stakes it answers."""
        action = self._selected_action()
        if action is None:
            return
        found = self.on_map.action_features(action)
        if not found:
            self.session.report(
                tr("This action has no zone yet and answers no stake: nothing to show."), Qgis.MessageLevel.Info
            )
        self.on_map.zoom_to(found)

    def _show_stake(self, item: QListWidgetItem) -> None:
        self.on_map.zoom_to(self.on_map.features(item.data(KIND_ROLE), [item.data(UUID_ROLE)]))
