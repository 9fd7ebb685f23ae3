"""The fields of the roadmap's selected row: an orientation's title and description, an action's all."""

from __future__ import annotations

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from bassee_atelier_plugin.core.deliverables.links import RoadmapAction, RoadmapOrientation
from bassee_atelier_plugin.gui.deliverables.roadmap_look import swatch
from bassee_atelier_plugin.toolbelt.i18n import tr

COMBO_THESAURI = {"kind": "action_kinds", "horizon": "horizons", "status": "statuses"}  # field -> its list


class TextEdit(QPlainTextEdit):
    """A multi-line field that, like QLineEdit, says when the user is done with it."""

    editingFinished = pyqtSignal()  # noqa: N815 (named as QLineEdit's)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editingFinished.emit()


class RoadmapFields(QWidget):
    """The form of the selected row; ``edited(name, value)`` as soon as the user is done with a field."""

    edited = pyqtSignal(str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title_edit = QLineEdit()
        self.title_edit.editingFinished.connect(lambda: self.edited.emit("title", self.title_edit.text()))
        self.combos = {name: QComboBox() for name in COMBO_THESAURI}
        for name, combo in self.combos.items():
            combo.activated.connect(lambda _index, name=name, combo=combo: self.edited.emit(name, combo.currentData()))
        self.lead_edit, self.partners_edit = QLineEdit(), QLineEdit()
        self.partners_edit.setPlaceholderText(tr("Separated by ;"))
        for name, edit in (("lead", self.lead_edit), ("partners", self.partners_edit)):
            edit.editingFinished.connect(
                lambda name=name, edit=edit: self.edited.emit(name, edit.text().strip() or None)
            )
        self.description_edit = TextEdit()
        self.description_edit.setMaximumHeight(90)
        self.description_edit.editingFinished.connect(
            lambda: self.edited.emit("description", self.description_edit.toPlainText().strip() or None)
        )
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)  # lined up with the dock's other rows
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

    def fill_combos(self, labels: dict[str, dict[str, tuple[str, str]]]) -> None:
        """The atelier's lists (``labels``: thesaurus -> code -> (label, colour)), each term in its colour."""
        for name, thesaurus in COMBO_THESAURI.items():
            combo = self.combos[name]
            combo.clear()
            if name != "status":  # an action always has a status
                combo.addItem(tr("(not set)"), None)
            for code, (label, colour) in labels[thesaurus].items():
                combo.addItem(swatch(colour), label, code)

    def show_row(self, action: RoadmapAction | None, orientation: RoadmapOrientation | None) -> None:
        """The fields of ``action``, or the title and description of ``orientation``; empty and hidden otherwise."""
        editable = action is not None or (orientation is not None and orientation.uuid is not None)
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
