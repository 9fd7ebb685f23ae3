"""The "Site visit" dock: observations with photos, folders of photos, GPX itineraries.

It edits through the same live session as the live workshop dock, so undo, redo and the
journal are one, and so is the session (and group) that what is added belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsGpsConnection,
    QgsPointXY,
    QgsProject,
)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.observations import (
    ATTACHMENTS,
    OBSERVATIONS,
    export_attachment,
    import_photo_folder,
    read_gpx,
    session_photos,
)
from bassee_atelier_plugin.core.visits.photos import PHOTO_SUFFIXES, Photo, PhotoError, read_photo
from bassee_atelier_plugin.gui.editing.atelier_dock import AtelierDock
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.editing.map_tools import PointTool
from bassee_atelier_plugin.gui.editing.session_chooser import SessionChooser
from bassee_atelier_plugin.gui.visits.gps import TrackRecorder, current_fix, gps_connection
from bassee_atelier_plugin.gui.widgets.controls import coloured_button, heading
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

THUMBNAIL_PIXELS = 160


def image_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in PHOTO_SUFFIXES)
    return tr("Images ({patterns})").format(patterns=patterns)


# -- the observation dialog ---------------------------------------------------------------------


@dataclass
class ObservationAnswer:
    """What the observation dialog was given."""

    note: str = ""
    photos: list[Path] = field(default_factory=list)
    accuracy_m: float | None = None


class ObservationDialog(QDialog):
    """A note, photo files and, if known, how precise the position is."""

    def __init__(self, start_folder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Observation"))
        self.start_folder = start_folder
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(tr("What is seen here"))
        self.photo_list = QListWidget()
        self.photo_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_photos_button = QPushButton(tr("Add photos…"))
        self.add_photos_button.clicked.connect(lambda _checked=False: self.choose_photos())
        self.remove_photos_button = QPushButton(tr("Remove"))
        self.remove_photos_button.clicked.connect(lambda _checked=False: self._remove_selected())
        self.accuracy_spin = QDoubleSpinBox()
        self.accuracy_spin.setRange(0, 10_000)
        self.accuracy_spin.setDecimals(1)
        self.accuracy_spin.setSuffix(" m")
        self.accuracy_spin.setSpecialValueText(tr("unknown"))  # 0: no accuracy given
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.add_photos_button)
        photo_buttons.addWidget(self.remove_photos_button)
        photo_buttons.addStretch()
        form = QFormLayout(self)
        form.addRow(tr("Note"), self.note_edit)
        form.addRow(tr("Photos"), self.photo_list)
        form.addRow("", photo_buttons)
        form.addRow(tr("Accuracy"), self.accuracy_spin)
        form.addRow(buttons)

    def choose_photos(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, tr("Photos of the observation"), self.start_folder, image_filter()
        )
        self.add_photos(paths)

    def add_photos(self, paths) -> None:
        present = set(self.photos())
        for path in map(Path, paths):
            if path not in present:
                item = QListWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.photo_list.addItem(item)
                present.add(path)

    def photos(self) -> list[Path]:
        return [
            Path(self.photo_list.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.photo_list.count())
        ]

    def _remove_selected(self) -> None:
        for item in self.photo_list.selectedItems():
            self.photo_list.takeItem(self.photo_list.row(item))

    def answer(self) -> ObservationAnswer:
        accuracy = self.accuracy_spin.value()
        return ObservationAnswer(self.note_edit.toPlainText(), self.photos(), accuracy if accuracy > 0 else None)


# -- the gallery of a session's photos ---------------------------------------------------------


class SessionPhotosDialog(QDialog):
    """Thumbnails of the session's photos; the one selected can be exported as a file."""

    def __init__(
        self,
        atelier: Atelier,
        session_uuid: str | None,
        report: Callable[[str, Qgis.MessageLevel], object],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(tr("Session photos"))
        self.atelier = atelier
        self.report = report
        self.photo_list = QListWidget()
        self.photo_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.photo_list.setIconSize(QSize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
        self.photo_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photo_list.setMovement(QListWidget.Movement.Static)
        self.photo_list.setWordWrap(True)
        for uuid, name, preview in session_photos(atelier, session_uuid):
            pixmap = QPixmap()
            if preview:
                pixmap.loadFromData(bytes(preview))
            if not pixmap.isNull():
                pixmap = pixmap.scaled(
                    THUMBNAIL_PIXELS,
                    THUMBNAIL_PIXELS,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            item = QListWidgetItem(QIcon(pixmap), name)
            item.setData(Qt.ItemDataRole.UserRole, uuid)
            item.setToolTip(name)
            self.photo_list.addItem(item)
        self.empty_label = QLabel(tr("This session has no photos yet."))
        self.empty_label.setVisible(self.photo_list.count() == 0)
        self.export_button = QPushButton(tr("Export…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda _checked=False: self.export_selected())
        self.photo_list.itemSelectionChanged.connect(
            lambda: self.export_button.setEnabled(bool(self.photo_list.selectedItems()))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.photo_list)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def export_selected(self) -> Path | None:
        selected = self.photo_list.selectedItems()
        if not selected:
            return None
        item = selected[0]
        settings = PluginSettings.load()
        suggested = str(Path(settings.last_folder or Path.home()) / item.text())
        target, _filter = QFileDialog.getSaveFileName(self, tr("Export the photo"), suggested)
        if not target:
            return None
        try:
            written = export_attachment(self.atelier, item.data(Qt.ItemDataRole.UserRole), Path(target))
        except AtelierError as error:
            self.report(str(error), Qgis.MessageLevel.Critical)
            return None
        self.report(tr("Photo exported to {path}.").format(path=written), Qgis.MessageLevel.Success)
        return written


# -- the dock -----------------------------------------------------------------------------------


class VisitDock(AtelierDock):
    """A site visit, on the atelier open in the project: observations, photos, itineraries."""

    def __init__(self, iface, open_atelier: Callable[[], object], parent=None, session: LiveSession | None = None):
        super().__init__(tr("Site visit"), "BasseeAtelierVisitDock", iface, open_atelier, parent, session)
        self.gallery: SessionPhotosDialog | None = None
        self.progress: QProgressDialog | None = None

        self.editing = QWidget()
        layout = QVBoxLayout(self.editing)
        self.chooser = SessionChooser(self.session)
        layout.addWidget(self.chooser)

        layout.addWidget(heading(tr("Observations")))
        self.observe_button = coloured_button(tr("Observation"), "#1f78b4")
        self.observe_button.setToolTip(tr("Click on the map where the observation was made"))
        self.observe_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.observe_button.clicked.connect(self._observe_clicked)
        layout.addWidget(self.observe_button)
        self.gps_observe_button = QPushButton(tr("Observation at the GPS position"))
        self.gps_observe_button.setToolTip(tr("Uses the GPS connected in QGIS, and keeps its accuracy"))
        self.gps_observe_button.clicked.connect(lambda _checked=False: self.observe_at_gps_position())
        self.record_button = QPushButton(tr("Record the route (GPS)"))
        self.record_button.setCheckable(True)
        self.record_button.toggled.connect(self._record_toggled)
        self.recorder = TrackRecorder(self)
        for button in (self.gps_observe_button, self.record_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)

        layout.addWidget(heading(tr("Imports")))
        self.import_folder_button = QPushButton(tr("Import a folder of photos…"))
        self.import_folder_button.clicked.connect(lambda _checked=False: self.import_folder())
        self.import_gpx_button = QPushButton(tr("Import a GPX itinerary…"))
        self.import_gpx_button.clicked.connect(lambda _checked=False: self.import_gpx())
        self.gallery_button = QPushButton(tr("Session photos…"))
        self.gallery_button.clicked.connect(lambda _checked=False: self.show_gallery())
        for button in (self.import_folder_button, self.import_gpx_button, self.gallery_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)

        unplaced_hint = QLabel(tr("Photos without position (select one, then click on the map):"))
        unplaced_hint.setWordWrap(True)
        layout.addWidget(unplaced_hint)
        self.unplaced_list = QListWidget()
        self.unplaced_list.setMaximumHeight(140)
        self.unplaced_list.itemSelectionChanged.connect(self._unplaced_selected)
        layout.addWidget(self.unplaced_list)

        layout.addWidget(heading(tr("Photo settings")))
        layout.addLayout(self._settings_form())
        layout.addStretch()

        self.set_body(self.editing)
        self.follow_project()

    def _settings_form(self) -> QFormLayout:
        """The photo settings, shown as saved and saved again at each change."""
        settings = PluginSettings.load()
        self.join_spin = QDoubleSpinBox()
        self.join_spin.setRange(0, 1000)
        self.join_spin.setDecimals(0)
        self.join_spin.setSuffix(" m")
        self.join_spin.setValue(settings.photo_join_distance_m)
        self.join_spin.setToolTip(tr("Photos of a folder taken this close together make one observation (0: never)"))
        self.preview_spin = QSpinBox()
        self.preview_spin.setRange(320, 8000)
        self.preview_spin.setSingleStep(160)
        self.preview_spin.setSuffix(" px")
        self.preview_spin.setValue(settings.photo_preview_pixels)
        self.keep_originals_check = QCheckBox(tr("Keep the original files in the atelier"))
        self.keep_originals_check.setChecked(settings.keep_photo_originals)
        self.max_megabytes_spin = QDoubleSpinBox()
        self.max_megabytes_spin.setRange(1, 1000)
        self.max_megabytes_spin.setDecimals(0)
        self.max_megabytes_spin.setSuffix(" MB")
        self.max_megabytes_spin.setValue(settings.max_photo_megabytes)
        for signal in (
            self.join_spin.valueChanged,
            self.preview_spin.valueChanged,
            self.keep_originals_check.toggled,
            self.max_megabytes_spin.valueChanged,
        ):
            signal.connect(self._save_settings)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow dock puts the field under its label
        form.addRow(tr("Join distance"), self.join_spin)
        form.addRow(tr("Display copy size"), self.preview_spin)
        form.addRow(self.keep_originals_check)
        form.addRow(tr("Largest photo file"), self.max_megabytes_spin)
        return form

    def _save_settings(self) -> None:
        settings = PluginSettings.load()
        settings.photo_join_distance_m = self.join_spin.value()
        settings.photo_preview_pixels = self.preview_spin.value()
        settings.keep_photo_originals = self.keep_originals_check.isChecked()
        settings.max_photo_megabytes = self.max_megabytes_spin.value()
        settings.save()

    # -- following the project ------------------------------------------------------------

    def _atelier_changed(self) -> None:
        self._disarm()
        self.unplaced_list.clear()
        self.notice.show_state(self.session)
        self.editing.setVisible(self.session.atelier is not None)
        self.editing.setEnabled(self.session.is_editable)
        self.fit_width()

    # -- map tools --------------------------------------------------------------------------

    def _arm(self, on_point: Callable[[QgsGeometry], object]) -> None:
        self.use_tool(PointTool(self.canvas, on_point))

    def _disarm(self) -> None:
        super()._disarm()
        self.observe_button.setChecked(False)

    def _observe_clicked(self, checked: bool) -> None:
        if not checked:
            self._disarm()
            return
        self.unplaced_list.clearSelection()
        self._arm(self._observe_at)
        self.observe_button.setChecked(True)

    def _unplaced_selected(self) -> None:
        if self.unplaced_list.selectedItems():
            self.observe_button.setChecked(False)
            self._arm(self._place_photo_at)
        elif not self.observe_button.isChecked():
            self._disarm()

    # -- observations ---------------------------------------------------------------------

    def ask_observation(self) -> ObservationAnswer | None:
        """The note, photos and accuracy of an observation, or None when cancelled (tests replace this)."""
        dialog = ObservationDialog(PluginSettings.load().last_folder, self)
        try:
            return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
            self.canvas.setFocus()

    def _observe_at(self, geometry: QgsGeometry) -> None:
        answer = self.ask_observation()
        if answer is None:
            return
        self.add_observation(geometry, answer.note, self.read_photos(answer.photos), answer.accuracy_m)

    def _place_photo_at(self, geometry: QgsGeometry) -> None:
        selected = self.unplaced_list.selectedItems()
        if not selected:
            return
        item = selected[0]
        photos = self.read_photos([Path(item.data(Qt.ItemDataRole.UserRole))])
        if not photos:
            return
        if self.add_observation(geometry, None, photos, photos[0].accuracy_m):
            self.unplaced_list.takeItem(self.unplaced_list.row(item))
            self.unplaced_list.clearSelection()

    def read_photos(self, paths: list[Path]) -> list[Photo]:
        """The photos that can be read; each one that cannot gets its own warning."""
        photos = []
        for path in paths:
            try:
                photos.append(read_photo(path, self.preview_spin.value(), self.max_megabytes_spin.value()))
            except PhotoError as error:
                self.session.report(str(error), Qgis.MessageLevel.Warning)
        return photos

    def add_observation(
        self, geometry: QgsGeometry, note: str | None, photos: list[Photo], accuracy_m: float | None
    ) -> bool:
        """Commit an observation at a canvas point, with its photos; True when it was added."""
        if self.session.editor is None:
            self.session.run(lambda editor: None)  # says why nothing can be added
            return False
        point = self.session.to_atelier_crs(geometry)
        keep = self.keep_originals_check.isChecked()
        result = self.session.run(lambda editor: editor.add_observation(point, note, photos, keep, accuracy_m))
        if result is not None:
            self.session.redraw(ATTACHMENTS)
        return result is not None

    # -- the GPS ------------------------------------------------------------------------------

    def _connected_gps(self) -> QgsGpsConnection | None:
        connection = gps_connection()
        if connection is None:
            self.session.report(
                tr("No GPS is connected: connect one in QGIS (View › Panels › GPS Information) first."),
                Qgis.MessageLevel.Warning,
            )
        return connection

    def observe_at_gps_position(self) -> bool:
        """An observation where the GPS says we are, with the receiver's accuracy; True when added."""
        connection = self._connected_gps()
        if connection is None:
            return False
        fix = current_fix(connection)
        if fix is None:
            self.session.report(tr("The GPS has no position yet: wait for a fix, outdoors."), Qgis.MessageLevel.Warning)
            return False
        answer = self.ask_observation()
        if answer is None:
            return False
        to_canvas = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4326"), self.canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        point = QgsGeometry.fromPointXY(to_canvas.transform(QgsPointXY(fix.longitude, fix.latitude)))
        accuracy = answer.accuracy_m if answer.accuracy_m is not None else fix.accuracy_m
        return self.add_observation(point, answer.note, self.read_photos(answer.photos), accuracy)

    def _record_toggled(self, recording: bool) -> None:
        if recording:
            connection = self._connected_gps()
            if connection is None:
                self.record_button.setChecked(False)
                return
            self.recorder.start(connection)
            self.record_button.setText(tr("Stop and keep the route"))
            return
        self.record_button.setText(tr("Record the route (GPS)"))
        if not self.recorder.recording:
            return  # it never started: no GPS, and that was said
        track = self.recorder.stop(tr("GPS route"))
        if track is None:
            self.session.report(tr("The GPS gave no position: no route was added."), Qgis.MessageLevel.Warning)
            return
        if self.session.run(lambda editor: editor.add_itinerary(track)) is not None:
            self.session.report(
                tr("Route added: {count} positions.").format(count=len(track.positions)), Qgis.MessageLevel.Success
            )

    # -- imports ----------------------------------------------------------------------------

    def import_folder(self) -> None:
        settings = PluginSettings.load()
        folder = QFileDialog.getExistingDirectory(self, tr("Folder of photos"), settings.last_folder)
        if folder:
            self.import_photos(Path(folder))

    def import_photos(self, folder: Path) -> None:
        """Import a folder of photos with a progress dialog that can stop it between two photos."""
        progress = self.progress = QProgressDialog(tr("Importing photos…"), tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(tr("Site visit"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoReset(False)
        progress.setAutoClose(False)

        def step(done: int, total: int, path: Path) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            label = tr("Importing {file} ({done}/{total})…")
            progress.setLabelText(label.format(file=path.name, done=done, total=total))
            QApplication.processEvents()

        def run(editor):
            return import_photo_folder(
                editor.atelier,
                folder,
                editor.session_uuid,
                editor.author,
                self.join_spin.value(),
                self.keep_originals_check.isChecked(),
                self.preview_spin.value(),
                self.max_megabytes_spin.value(),
                progress=step,
                cancelled=progress.wasCanceled,
                group_uuid=editor.group_uuid,
            )

        try:
            report = self.session.run(run)
        finally:
            progress.close()
            progress.deleteLater()
            self.progress = None
        if report is None:
            return
        for table in (OBSERVATIONS, ATTACHMENTS):
            self.session.redraw(table)
        for _path, reason in report.failed:
            self.session.report(reason, Qgis.MessageLevel.Warning)
        summary = report.summary()
        if report.cancelled:
            summary = tr("Import stopped: {summary}").format(summary=summary)
        self.session.report(
            summary, Qgis.MessageLevel.Info if report.cancelled or report.failed else Qgis.MessageLevel.Success
        )
        self._list_unplaced(report.unplaced)

    def _list_unplaced(self, paths: list[Path]) -> None:
        present = {
            self.unplaced_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.unplaced_list.count())
        }
        for path in paths:
            if str(path) not in present:
                item = QListWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.unplaced_list.addItem(item)

    def import_gpx(self) -> None:
        settings = PluginSettings.load()
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("GPX itinerary"), settings.last_folder, tr("GPX files (*.gpx)")
        )
        if path:
            self.import_itinerary(Path(path))

    def import_itinerary(self, path: Path) -> None:
        try:
            track = read_gpx(path)
        except AtelierError as error:
            self.session.report(str(error), Qgis.MessageLevel.Warning)
            return
        result = self.session.run(lambda editor: editor.add_itinerary(track))
        if result is not None:
            self.session.report(tr("Itinerary “{name}” added.").format(name=track.name), Qgis.MessageLevel.Success)

    # -- the gallery ------------------------------------------------------------------------

    def show_gallery(self) -> SessionPhotosDialog | None:
        if self.session.atelier is None:
            return None
        session_uuid, _group = self.session.chosen()
        if self.gallery is not None:
            self.gallery.close()
        self.gallery = SessionPhotosDialog(self.session.atelier, session_uuid, self.session.report, self)
        self.gallery.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.gallery.finished.connect(lambda _result, gallery=self.gallery: self._gallery_closed(gallery))
        self.gallery.show()
        return self.gallery

    def _gallery_closed(self, gallery: SessionPhotosDialog) -> None:
        if self.gallery is gallery:
            self.gallery = None
