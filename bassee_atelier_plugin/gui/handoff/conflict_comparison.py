"""The selected conflict compared: a field's two values side by side, or a feature's two versions field by field."""

from __future__ import annotations

from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME, Field
from bassee_atelier_plugin.gui.handoff.conflicts import GEOMETRY, Conflict
from bassee_atelier_plugin.gui.handoff.value_texts import ValueTexts
from bassee_atelier_plugin.toolbelt.i18n import tr

# the same in both versions, dated in the column headers already, or drawn from the other fields
HIDDEN_FIELDS = ("uuid", "created_at", "updated_at", "look")
DIFFERENT_BACKGROUND = QColor("#ffe2a8")  # light amber, legible under black text on a projector too
CONTEXT_COLOUR = QColor("#5a5a5a")  # the heading of the fields not in conflict: there, but quieter


class ComparisonTable(QTableWidget):
    """Field | kept | other: what differs highlighted; for a field's conflict, the rest of the feature below."""

    def __init__(self, texts: ValueTexts):
        super().__init__(0, 3)
        self.texts = texts
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def show_conflict(self, conflict: Conflict | None) -> None:
        self.clearSpans()
        self.setRowCount(0)
        if conflict is None:
            return
        if conflict.field is None:
            self._show_versions(conflict)
        else:
            self._show_field(conflict)
        self.resizeRowsToContents()

    def _show_field(self, conflict: Conflict) -> None:
        """The field's two values, who set each and when; then the feature as merged, for context."""
        self.setHorizontalHeaderLabels(
            [
                tr("Field"),
                "\n".join([tr("Kept value"), conflict.merged_origin()]),
                "\n".join([tr("Other value"), conflict.other_origin()]),
            ]
        )
        name, show = conflict.field, self.texts.field_text
        values = [show(conflict.table, name, conflict.kept_value), show(conflict.table, name, conflict.other_value)]
        self._add_row([self.texts.field_label(name), *values], highlighted=True)
        context = [  # an empty field tells nothing about this conflict, and would push the rest out of sight
            (field, declared)
            for field, declared in _fields(conflict.table, conflict.kept)
            if field != name and conflict.kept.get(field) not in (None, "")
        ]
        if not context:
            return
        self._add_row([tr("The rest of the feature, as merged")], highlighted=False)
        heading = self.item(self.rowCount() - 1, 0)
        font = QFont(heading.font())
        font.setItalic(True)
        heading.setFont(font)
        heading.setForeground(CONTEXT_COLOUR)
        self.setSpan(self.rowCount() - 1, 0, 1, 3)
        for field, declared in context:
            self._add_row(
                [self.texts.field_label(field), self.texts.text(field, declared, conflict.kept.get(field))],
                highlighted=False,
            )
            self.setSpan(self.rowCount() - 1, 1, 1, 2)  # one value: the feature as it now stands

    def _show_versions(self, conflict: Conflict) -> None:
        """A whole feature's two versions, field by field, the fields that differ highlighted."""
        self.setHorizontalHeaderLabels(
            [
                tr("Field"),
                "\n".join([tr("Merged version"), conflict.merged_origin()]),
                "\n".join([tr("Other version"), conflict.other_origin()]),
            ]
        )
        kept, other = conflict.kept, conflict.other
        for name, field in _fields(conflict.table, {**kept, **(other or {})}):
            cells = [
                self.texts.field_label(name),
                self.texts.text(name, field, kept.get(name)),
                self.texts.text(name, field, other.get(name)) if other is not None else "",
            ]
            self._add_row(cells, highlighted=other is not None and kept.get(name) != other.get(name))

    def _add_row(self, cells: list[str], highlighted: bool) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if highlighted:
                item.setBackground(DIFFERENT_BACKGROUND)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.setItem(row, column, item)


def _fields(table: str, values: dict) -> list[tuple[str, Field | None]]:
    """The fields of ``values`` in the table's order, those the schema does not know after, the geometry last."""
    declared = TABLE_BY_NAME[table].all_fields if table in TABLE_BY_NAME else ()
    names = [field.name for field in declared]
    fields = [(field.name, field) for field in declared if field.name in values]
    fields += [(name, None) for name in sorted(set(values) - set(names) - {GEOMETRY})]
    if GEOMETRY in values:
        fields.append((GEOMETRY, None))
    return [(name, field) for name, field in fields if name not in HIDDEN_FIELDS]
