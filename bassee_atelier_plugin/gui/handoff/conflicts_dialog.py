"""Reviewing a merge's conflicts: each feature edited on two machines, its two versions side by side.

The merge kept the latest version of each such feature and listed both versions in the
table ``merge_conflicts``. Here a planner sees where they differ, field by field, frames
the feature on the map, then keeps the merged version or takes the other one back
(``core.merge.review_conflict``, journalled like any edit), one conflict after the other.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.handoff.conflict_log import CONFLICTS
from bassee_atelier_plugin.core.handoff.review import review_conflict
from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME, Field
from bassee_atelier_plugin.core.presentation.names import table_title
from bassee_atelier_plugin.gui.atelier.file_tasks import report, run_reporting_errors
from bassee_atelier_plugin.gui.editing.live_session import atelier_layers, redraw_layer
from bassee_atelier_plugin.gui.handoff.conflicts import GEOMETRY, Conflict, unreviewed_conflicts
from bassee_atelier_plugin.gui.handoff.value_texts import ValueTexts
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

# the same in both versions, dated in the column headers already, or drawn from the other fields
HIDDEN_FIELDS = ("uuid", "created_at", "updated_at", "look")
DIFFERENT_BACKGROUND = QColor("#ffe2a8")  # light amber, legible under black text on a projector too
ZOOM_MARGIN_SHARE = 0.3  # room around the feature, as a share of its size
LIST_HEIGHT = 140  # pixels: five conflicts or so
CLOSEST_SCALE = 5000  # a point, or a small feature, is shown with its street around it


class ConflictsDialog(QDialog):
    """The unreviewed conflicts of one atelier; the selected one compared field by field, and decided."""

    def __init__(self, atelier: Atelier, iface, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BasseeAtelierConflictsDialog")
        self.atelier = atelier
        self.iface = iface
        self.texts = ValueTexts(atelier)
        self.conflicts: list[Conflict] = []
        self.setWindowTitle(tr("Merge conflicts — {title}").format(title=atelier.metadata.title))

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.conflict_list = QTreeWidget()
        self.conflict_list.setHeaderLabels([tr("Layer"), tr("Feature"), tr("Merged version"), tr("Other version")])
        self.conflict_list.setRootIsDecorated(False)
        self.conflict_list.setAlternatingRowColors(True)
        list_header = self.conflict_list.header()
        list_header.setStretchLastSection(False)
        list_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the feature's title gives way, not the dates
        list_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.conflict_list.currentItemChanged.connect(lambda _current, _previous: self._show_selected())

        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.deletion_note = QLabel()
        self.deletion_note.setWordWrap(True)
        self.deletion_note.setStyleSheet(f"background: {DIFFERENT_BACKGROUND.name()}; padding: 6px; font-weight: bold;")
        self.comparison = QTableWidget(0, 3)
        self.comparison.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.comparison.setWordWrap(True)
        self.comparison.verticalHeader().hide()
        header = self.comparison.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        self.zoom_button = QPushButton(tr("Zoom to the feature"))
        self.zoom_button.setToolTip(tr("Frame both versions on the map: the merged one flashes red, the other blue"))
        self.zoom_button.clicked.connect(lambda _checked=False: self.zoom_to_feature())
        self.keep_button = QPushButton(tr("Keep the merged version"))
        self.keep_button.clicked.connect(lambda _checked=False: self.review(keep_other=False))
        self.take_button = QPushButton(tr("Take the other version"))
        self.take_button.clicked.connect(lambda _checked=False: self.review(keep_other=True))
        decisions = QHBoxLayout()
        decisions.addWidget(self.zoom_button)
        decisions.addStretch()
        decisions.addWidget(self.keep_button)
        decisions.addWidget(self.take_button)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.deletion_note, self.comparison):
            details_layout.addWidget(widget)
        details_layout.addLayout(decisions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(details)
        splitter.setSizes([LIST_HEIGHT, 4 * LIST_HEIGHT])  # a few conflicts, many fields

        self.outcome = QLabel()
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Qt's own translations are not always installed
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1100, 720)
        self.reload()

    # -- the list -------------------------------------------------------------------------

    def reload(self, row: int = 0) -> None:
        """Read the conflicts still to review from the file; select the one at ``row`` (or the last)."""
        self.conflicts = unreviewed_conflicts(self.atelier)
        self.conflict_list.clear()
        for conflict in self.conflicts:
            layer, feature = table_title(conflict.table, self.texts.language), self.texts.feature_title(conflict)
            self.conflict_list.addTopLevelItem(
                QTreeWidgetItem([layer, feature, conflict.merged_origin(), conflict.other_origin()])
            )
        if self.conflicts:
            self.intro.setText(
                tr(
                    "These features were edited on two machines. The merge kept the latest version of each: "
                    "compare it with the other one, then keep it or take the other."
                )
            )
            self.conflict_list.setCurrentItem(self.conflict_list.topLevelItem(min(row, len(self.conflicts) - 1)))
        else:
            self.intro.setText(tr("No conflict left to review."))
        self._show_selected()

    def selected(self) -> Conflict | None:
        item = self.conflict_list.currentItem()
        return self.conflicts[self.conflict_list.indexOfTopLevelItem(item)] if item is not None else None

    # -- the comparison --------------------------------------------------------------------

    def _show_selected(self) -> None:
        conflict = self.selected()
        for button in (self.keep_button, self.take_button):
            button.setEnabled(conflict is not None)
        self.zoom_button.setEnabled(conflict is not None and bool(conflict.geometries()))
        self.comparison.setRowCount(0)
        if conflict is None:
            self.heading.clear()
            self.deletion_note.hide()
            return
        table = table_title(conflict.table, self.texts.language)
        title = self.texts.feature_title(conflict)
        self.heading.setText(f"{table} · {title}" if title else table)
        self.deletion_note.setVisible(conflict.other is None)
        self.deletion_note.setText(
            tr("In {file}, this feature was deleted: taking the other version deletes it.").format(
                file=conflict.other_from
            )
        )
        self.comparison.setHorizontalHeaderLabels(
            [
                tr("Field"),
                "\n".join([tr("Merged version"), conflict.merged_origin()]),
                "\n".join([tr("Other version"), conflict.other_origin()]),
            ]
        )
        for name, field in self._fields(conflict):
            self._add_row(name, field, conflict.kept, conflict.other)
        self.comparison.resizeRowsToContents()

    def _fields(self, conflict: Conflict) -> list[tuple[str, Field | None]]:
        """The fields of both versions in the table's order, those the schema does not know after, the geometry last."""
        declared = TABLE_BY_NAME[conflict.table].all_fields if conflict.table in TABLE_BY_NAME else ()
        names = [field.name for field in declared]
        present = set(conflict.kept) | set(conflict.other or {})
        fields = [(field.name, field) for field in declared if field.name in present]
        fields += [(name, None) for name in sorted(present - set(names) - {GEOMETRY})]
        if GEOMETRY in present:
            fields.append((GEOMETRY, None))
        return [(name, field) for name, field in fields if name not in HIDDEN_FIELDS]

    def _add_row(self, name: str, field: Field | None, kept: dict, other: dict | None) -> None:
        show = self.texts.text
        cells = [
            self.texts.field_label(name),
            show(name, field, kept.get(name)),
            show(name, field, other.get(name)) if other is not None else "",
        ]
        different = other is not None and kept.get(name) != other.get(name)
        row = self.comparison.rowCount()
        self.comparison.insertRow(row)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if different:
                item.setBackground(DIFFERENT_BACKGROUND)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.comparison.setItem(row, column, item)

    # -- deciding -------------------------------------------------------------------------

    def review(self, keep_other: bool) -> None:
        """Close the selected conflict with the version chosen, redraw its layer, and go on to the next."""
        conflict = self.selected()
        if conflict is None:
            return
        row = self.conflict_list.indexOfTopLevelItem(self.conflict_list.currentItem())
        author = PluginSettings.load().author or None

        def decide() -> Conflict:
            review_conflict(self.atelier, conflict.uuid, keep_other, author)
            return conflict

        if run_reporting_errors(self.iface, decide) is None:
            return
        layers = atelier_layers(self.atelier.location)
        for table in {conflict.table, CONFLICTS}:
            if table in layers:
                redraw_layer(layers[table])
        title = self.texts.feature_title(conflict) or table_title(conflict.table, self.texts.language)
        if keep_other:
            self.outcome.setText(tr("{feature}: the other version was taken.").format(feature=title))
        else:
            self.outcome.setText(tr("{feature}: the merged version was kept.").format(feature=title))
        self.reload(row)
        if not self.conflicts:
            report(self.iface, tr("Every merge conflict of this atelier is reviewed."), Qgis.MessageLevel.Success)

    def zoom_to_feature(self) -> None:
        """Frame both versions of the selected feature on the map, and flash each in its colour."""
        conflict = self.selected()
        geometries = conflict.geometries() if conflict is not None else []
        if not geometries:
            return
        canvas = self.iface.mapCanvas()
        to_canvas = QgsCoordinateTransform(
            self.texts.crs, canvas.mapSettings().destinationCrs(), QgsProject.instance().transformContext()
        )
        extent = QgsRectangle()
        extent.setMinimal()
        for geometry, _colour in geometries:
            extent.combineExtentWith(to_canvas.transformBoundingBox(geometry.boundingBox()))
        one_point = extent.width() == 0 and extent.height() == 0
        canvas.setExtent(extent.buffered(ZOOM_MARGIN_SHARE * max(extent.width(), extent.height())))
        if one_point or canvas.scale() < CLOSEST_SCALE:
            canvas.zoomScale(CLOSEST_SCALE)
        for geometry, colour in geometries:
            end = QColor(colour)
            end.setAlpha(0)
            canvas.flashGeometries([geometry], self.texts.crs, colour, end)
        canvas.refresh()
