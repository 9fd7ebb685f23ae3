"""The "Live workshop" dock: one click arms a tool, one gesture on the map commits.

Every tool button (themes, sketch kinds, note, vote, statuses, move, reshape, delete)
belongs to one exclusive group: the checked one is the map tool in use. Buttons never
take the keyboard focus, so the canvas keeps it and Ctrl+Z stays the workshop's undo.
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import QgsGeometry
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import thesaurus_terms
from bassee_atelier_plugin.gui.editing.atelier_dock import AtelierDock
from bassee_atelier_plugin.gui.editing.evolution_panel import EvolutionPanel
from bassee_atelier_plugin.gui.editing.history import HistoryButtons, HistoryKeys
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.editing.map_tools import (
    DigitizeTool,
    DragTool,
    FeatureFinder,
    FreehandTool,
    PickedFeature,
    PickTool,
    PointTool,
)
from bassee_atelier_plugin.gui.editing.session_chooser import SessionChooser
from bassee_atelier_plugin.gui.editing.stake_form import StakeForm
from bassee_atelier_plugin.gui.widgets.controls import coloured_button, heading, in_grid, segmented
from bassee_atelier_plugin.toolbelt.compat import GeometryType
from bassee_atelier_plugin.toolbelt.i18n import tr, user_language

STAKE_TABLES = ("stakes_point", "stakes_line", "stakes_area")  # points first: they sit on top
DRAWN_TABLES = ("notes", "stakes_point", "stakes_line", "sketches_line", "stakes_area", "sketches_area")
SHAPED_TABLES = ("stakes_line", "sketches_line", "stakes_area", "sketches_area")


class LiveDock(AtelierDock):
    """Tag, sketch, vote and undo, live, on the atelier open in the project."""

    def __init__(
        self,
        iface,
        open_atelier: Callable[[], object],
        parent: QWidget | None = None,
        session: LiveSession | None = None,
    ):
        super().__init__(tr("Live workshop"), "BasseeAtelierLiveDock", iface, open_atelier, parent, session)
        self.language = user_language()
        self.tool: QgsMapTool | None = None
        self.form: StakeForm | None = None
        self.history_keys = HistoryKeys(self.session.undo, self.session.redo, self)
        self._following = False  # connected to the project and holding the undo keys
        self._held = False  # following while hidden, for projector mode
        self.evolution: EvolutionPanel | None = None

        self.missing, self.open_button, self.refusal_label = (
            self.notice.missing,
            self.notice.open_button,
            self.notice.refusal_label,
        )
        self.tool_buttons = QButtonGroup(self)
        self.tool_buttons.buttonClicked.connect(self._arm)
        self.editing = QWidget()  # filled for each atelier: its lists are its own
        self.body = self.set_body(self.editing)

        self.session.atelier_changed.connect(self._rebuild)
        self.canvas.mapToolSet.connect(self._tool_changed)
        self.visibilityChanged.connect(self._follow_visibility)
        self._rebuild()

    # -- following the project -------------------------------------------------------

    def hold_live(self, held: bool) -> None:
        """Keep following the project and the undo keys while hidden: projector mode hides every dock."""
        self._held = held
        self._follow(held or self.isVisible())

    def _follow_visibility(self, visible: bool) -> None:
        self._follow(visible or self._held)

    def _follow(self, visible: bool) -> None:
        """Take the undo keys and follow the project only while the dock is shown (or held)."""
        if visible == self._following:
            return
        self._following = visible
        for watched in (self.canvas, self):
            (watched.installEventFilter if visible else watched.removeEventFilter)(self.history_keys)
        self.session.follow(self, visible)
        if not visible:
            self._disarm()

    def close_session(self) -> None:
        self._disarm()
        self._drop_evolution()
        self.session.close()

    # -- building the panel for one atelier -------------------------------------------------

    def _rebuild(self) -> None:
        self._disarm()
        self._drop_evolution()
        atelier = self.session.atelier
        self.notice.show_state(self.session)
        for button in self.tool_buttons.buttons():
            self.tool_buttons.removeButton(button)
        editing = QWidget()
        self.body.layout().replaceWidget(self.editing, editing)
        self.editing.deleteLater()
        self.editing = editing
        editing.setVisible(atelier is not None)
        if atelier is not None:
            self._build(atelier, QVBoxLayout(editing))
            editing.setEnabled(self.session.is_editable)
        self.fit_width()

    def _build(self, atelier, layout: QVBoxLayout) -> None:
        self.chooser = SessionChooser(self.session)
        layout.addWidget(self.chooser)
        self.session_combo, self.group_combo = self.chooser.session_combo, self.chooser.group_combo
        self.add_session_button, self.add_group_button = self.chooser.add_session_button, self.chooser.add_group_button

        layout.addWidget(heading(tr("Stakes")))
        self.reading_combo = QComboBox()
        self.reading_combo.addItem(tr("(no reading)"), None)
        for term in thesaurus_terms(atelier, "readings"):
            self.reading_combo.addItem(term["label_fr" if self.language == "fr" else "label_en"], term["code"])
        reading_row = QHBoxLayout()
        reading_row.addWidget(QLabel(tr("Reading")))
        reading_row.addWidget(self.reading_combo, 1)
        layout.addLayout(reading_row)
        geometry_row, self.stake_geometry = segmented([tr("Point"), tr("Line"), tr("Area")])
        self.stake_geometry.buttonClicked.connect(lambda _button: self._rearm())
        layout.addWidget(geometry_row)
        self.theme_buttons = self._term_buttons(atelier, "themes", self._stake_tool)
        layout.addLayout(in_grid(self.theme_buttons.values()))
        self.fast_mode = QCheckBox(tr("Fast mode (no form after drawing)"))
        self.fast_mode.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.fast_mode)

        layout.addWidget(heading(tr("Sketches (freehand)")))
        sketch_row, self.sketch_geometry = segmented([tr("Line"), tr("Area")])
        self.sketch_geometry.buttonClicked.connect(lambda _button: self._rearm())
        layout.addWidget(sketch_row)
        self.sketch_buttons = self._term_buttons(atelier, "sketch_kinds", self._sketch_tool)
        self.note_button = self._tool_button(coloured_button(tr("Note"), "#fff59d"), self._note_tool)
        layout.addLayout(in_grid([*self.sketch_buttons.values(), self.note_button]))

        layout.addWidget(heading(tr("On the map")))
        self.vote_button = self._tool_button(coloured_button(tr("Vote +1 / −1"), "#37474f"), self._vote_tool)
        self.vote_button.setToolTip(tr("Left click on a stake: +1; right click: −1"))
        self.move_button = self._tool_button(coloured_button(tr("Move"), "#607d8b"), self._move_tool)
        self.reshape_button = self._tool_button(coloured_button(tr("Reshape"), "#607d8b"), self._reshape_tool)
        self.reshape_button.setToolTip(tr("Drag a vertex of a line or an area"))
        self.delete_button = self._tool_button(coloured_button(tr("Delete"), "#b71c1c"), self._delete_tool)
        layout.addLayout(in_grid([self.vote_button, self.move_button, self.reshape_button, self.delete_button]))
        layout.addWidget(QLabel(tr("Status (one click on a stake):")))
        self.status_buttons = self._term_buttons(atelier, "statuses", self._status_tool)
        layout.addLayout(in_grid(self.status_buttons.values()))

        history = HistoryButtons(self.session)
        self.undo_button, self.redo_button = history.undo_button, history.redo_button
        layout.addWidget(history)
        self.evolution = EvolutionPanel(self.session, self.canvas)
        layout.addWidget(self.evolution)
        layout.addStretch()

    def _drop_evolution(self) -> None:
        """The comparison of the atelier shown until now leaves the map with it."""
        if self.evolution is not None:
            self.evolution.clear_map()
            self.evolution = None

    def _term_buttons(
        self, atelier, thesaurus: str, make_tool: Callable[[str], Callable[[], QgsMapTool]]
    ) -> dict[str, QAbstractButton]:
        """A coloured tool button per term of a thesaurus, by code, labelled in the user's language."""
        label_key = "label_fr" if self.language == "fr" else "label_en"
        return {
            term["code"]: self._tool_button(coloured_button(term[label_key], term["colour"]), make_tool(term["code"]))
            for term in thesaurus_terms(atelier, thesaurus)
        }

    def _tool_button(self, button: QAbstractButton, make_tool: Callable[[], QgsMapTool]) -> QAbstractButton:
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("make_tool", make_tool)
        self.tool_buttons.addButton(button)
        return button

    # -- arming tools ------------------------------------------------------------------

    def arm_theme(self, code: str) -> None:
        """Arm the stake tool for a theme, as its button does: the projector's palette calls this."""
        self._press(self.theme_buttons.get(code))

    def arm_sketch(self, code: str) -> None:
        """Arm the freehand pen for a sketch kind, as its button does."""
        self._press(self.sketch_buttons.get(code))

    def _press(self, button: QAbstractButton | None) -> None:
        if button is not None:
            button.setChecked(True)
            self._arm(button)

    def _arm(self, button: QAbstractButton) -> None:
        self.use_tool(button.property("make_tool")())

    def _rearm(self) -> None:
        """The geometry kind changed: the armed theme or sketch now draws the new kind."""
        if self.tool_buttons.checkedButton() is not None and self.tool is self.canvas.mapTool():
            self._arm(self.tool_buttons.checkedButton())

    def _disarm(self) -> None:
        super()._disarm()
        checked = self.tool_buttons.checkedButton()
        if checked is not None:
            self.tool_buttons.setExclusive(False)
            checked.setChecked(False)
            self.tool_buttons.setExclusive(True)

    # -- the tools -------------------------------------------------------------------

    def _finder(self, tables: tuple[str, ...]) -> FeatureFinder:
        def layers():
            present = self.session.layers()
            return [present[table] for table in tables if table in present]

        return FeatureFinder(self.canvas, layers)

    def _stake_tool(self, theme: str) -> Callable[[], QgsMapTool]:
        def make() -> QgsMapTool:
            kind = self.stake_geometry.checkedId()
            if kind == 0:
                return PointTool(self.canvas, lambda geometry: self._add_stake(theme, geometry))
            geometry_type = GeometryType.LINE if kind == 1 else GeometryType.POLYGON
            return DigitizeTool(self.canvas, geometry_type, lambda geometry: self._add_stake(theme, geometry))

        return make

    def _sketch_tool(self, kind: str) -> Callable[[], QgsMapTool]:
        def make() -> QgsMapTool:
            area = self.sketch_geometry.checkedId() == 1
            geometry_type = GeometryType.POLYGON if area else GeometryType.LINE
            return FreehandTool(self.canvas, geometry_type, lambda geometry: self._add_sketch(kind, geometry))

        return make

    def _note_tool(self) -> QgsMapTool:
        return PointTool(self.canvas, self._add_note)

    def _vote_tool(self) -> QgsMapTool:
        def vote(picked: PickedFeature, button: Qt.MouseButton) -> None:
            delta = {Qt.MouseButton.LeftButton: 1, Qt.MouseButton.RightButton: -1}.get(button)
            if delta is not None:
                self.session.run(lambda editor: editor.vote(picked.table, picked.uuid, delta))

        return PickTool(self.canvas, self._finder(STAKE_TABLES), vote)

    def _status_tool(self, status: str) -> Callable[[], QgsMapTool]:
        def make() -> QgsMapTool:
            return PickTool(
                self.canvas,
                self._finder(STAKE_TABLES),
                lambda picked, _button: self.session.run(
                    lambda editor: editor.set_status(picked.table, picked.uuid, status)
                ),
            )

        return make

    def _delete_tool(self) -> QgsMapTool:
        return PickTool(
            self.canvas,
            self._finder(DRAWN_TABLES),
            lambda picked, _button: self.session.run(lambda editor: editor.delete(picked.table, picked.uuid)),
        )

    def _move_tool(self) -> QgsMapTool:
        return DragTool(self.canvas, self._finder(DRAWN_TABLES), self._set_geometry)

    def _reshape_tool(self) -> QgsMapTool:
        return DragTool(self.canvas, self._finder(SHAPED_TABLES), self._set_geometry, vertex_only=True)

    # -- what the tools do -------------------------------------------------------------

    def _add_stake(self, theme: str, geometry: QgsGeometry) -> None:
        reading = self.reading_combo.currentData()
        geometry = self.session.to_atelier_crs(geometry)
        result = self.session.run(lambda editor: editor.add_stake(geometry, theme, reading))
        if result is not None and not self.fast_mode.isChecked():
            self._ask_details(result.table, result.uuid)

    def _ask_details(self, table: str, uuid: str) -> None:
        """The short form, open beside the map; what it holds is applied as a second operation."""
        self.form = StakeForm(self.session.actors(), self)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form = self.form

        def apply() -> None:
            values = form.values()
            if values:
                self.session.run(lambda editor: editor.set_fields(table, uuid, values))

        form.accepted.connect(apply)
        form.finished.connect(self._form_closed)
        form.open()

    def _form_closed(self) -> None:
        self.form = None
        self.canvas.setFocus()

    def _add_sketch(self, kind: str, geometry: QgsGeometry) -> None:
        geometry = self.session.to_atelier_crs(geometry)
        self.session.run(lambda editor: editor.add_sketch(geometry, kind))

    def _add_note(self, geometry: QgsGeometry) -> None:
        text, ok = QInputDialog.getText(self, tr("Note"), tr("Text of the note:"))
        if ok:
            geometry = self.session.to_atelier_crs(geometry)
            self.session.run(lambda editor: editor.add_note(geometry, text))

    def _set_geometry(self, picked: PickedFeature, geometry: QgsGeometry) -> None:
        geometry = self.session.to_atelier_crs(geometry)
        self.session.run(lambda editor: editor.set_geometry(picked.table, picked.uuid, geometry))
