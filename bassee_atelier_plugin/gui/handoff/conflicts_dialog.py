"""Reviewing a merge's conflicts: a field set differently on two machines, or a whole feature, both sides shown.

The merge kept the later value of each field set on both sides (or, for a deletion against
an edit, the edited feature) and listed the other in ``merge_conflicts``. Here a planner
sees both values with who set them and when, frames the feature on the map, then keeps
what the merge kept or takes the other back in one click (``core.handoff.review``,
journalled like any edit), one conflict after the other.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.handoff.conflict_log import CONFLICTS
from bassee_atelier_plugin.core.handoff.review import review_conflict
from bassee_atelier_plugin.core.presentation.names import table_title
from bassee_atelier_plugin.gui.atelier.file_tasks import report, run_reporting_errors
from bassee_atelier_plugin.gui.editing.live_session import atelier_layers, redraw_layer
from bassee_atelier_plugin.gui.handoff.conflict_comparison import DIFFERENT_BACKGROUND, ComparisonTable
from bassee_atelier_plugin.gui.handoff.conflicts import Conflict, unreviewed_conflicts
from bassee_atelier_plugin.gui.handoff.value_texts import ValueTexts
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

ZOOM_MARGIN_SHARE = 0.3  # room around the feature, as a share of its size
LIST_HEIGHT = 140  # pixels: five conflicts or so
CLOSEST_SCALE = 5000  # a point, or a small feature, is shown with its street around it


class ConflictsDialog(QDialog):
    """The unreviewed conflicts of one atelier; the selected one compared, and decided in one click."""

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
        self.conflict_list.setHeaderLabels([tr("Layer"), tr("Feature"), tr("In conflict"), tr("Kept"), tr("Other")])
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
        self.comparison = ComparisonTable(self.texts)

        self.zoom_button = QPushButton(tr("Zoom to the feature"))
        self.zoom_button.setToolTip(tr("Frame both versions on the map: the merged one flashes red, the other blue"))
        self.zoom_button.clicked.connect(lambda _checked=False: self.zoom_to_feature())
        self.keep_button = QPushButton()
        self.keep_button.clicked.connect(lambda _checked=False: self.review(keep_other=False))
        self.take_button = QPushButton()
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
            what = self.texts.conflict_label(conflict)
            self.conflict_list.addTopLevelItem(
                QTreeWidgetItem([layer, feature, what, conflict.merged_origin(), conflict.other_origin()])
            )
        if self.conflicts:
            self.intro.setText(
                tr(
                    "These fields were set differently on two machines (or a feature deleted on one, edited on the "
                    "other). The merge kept the later value: compare it with the other, then keep it or take the other."
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
        self.comparison.show_conflict(conflict)
        self._label_decisions(conflict)
        if conflict is None:
            self.heading.clear()
            self.deletion_note.hide()
            return
        table = table_title(conflict.table, self.texts.language)
        title = self.texts.feature_title(conflict)
        what = self.texts.conflict_label(conflict)
        self.heading.setText(" · ".join(part for part in (table, title, what) if part))
        self.deletion_note.setVisible(conflict.other is None)
        self.deletion_note.setText(
            tr("In {file}, this feature was deleted: taking the other version deletes it.").format(
                file=conflict.other_side.file
            )
        )

    def _label_decisions(self, conflict: Conflict | None) -> None:
        """A field's buttons name whose value each keeps; a whole feature's, which version."""
        if conflict is not None and conflict.field is not None:
            self.keep_button.setText(tr("Keep this value ({who})").format(who=conflict.kept_side.who()))
            self.take_button.setText(tr("Take the other value ({who})").format(who=conflict.other_side.who()))
        else:
            self.keep_button.setText(tr("Keep the merged version"))
            self.take_button.setText(tr("Take the other version"))

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
        feature = self.texts.feature_title(conflict) or table_title(conflict.table, self.texts.language)
        title = f"{feature} · {self.texts.conflict_label(conflict)}" if conflict.field else feature
        if conflict.field and keep_other:
            self.outcome.setText(tr("{feature}: the other value was taken.").format(feature=title))
        elif conflict.field:
            self.outcome.setText(tr("{feature}: the kept value stays.").format(feature=title))
        elif keep_other:
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
        extent = QgsRectangle()  # null on every QGIS: the first combineExtentWith replaces it
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
