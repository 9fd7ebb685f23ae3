"""The "Site visit" dock: observations with photos, folders of photos, GPX itineraries.

It edits through the same live session as the live workshop dock, so undo, redo and the
journal are one, and so is the session (and group) that what is added belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
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
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.visits.gpx import import_gpx
from bassee_atelier_plugin.core.visits.observations import ATTACHMENTS, ITINERARIES, OBSERVATIONS, import_photo_folder
from bassee_atelier_plugin.core.visits.photos import Photo, PhotoError, read_photo
from bassee_atelier_plugin.gui.editing.atelier_dock import AtelierDock
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.editing.map_tools import PointTool
from bassee_atelier_plugin.gui.editing.session_chooser import SessionChooser
from bassee_atelier_plugin.gui.visits.gps import TrackRecorder, current_fix, gps_connection
from bassee_atelier_plugin.gui.visits.observation_dialog import ObservationAnswer, ObservationDialog
from bassee_atelier_plugin.gui.visits.photo_file_list import PhotoFileList
from bassee_atelier_plugin.gui.visits.photo_settings import PhotoSettingsForm
from bassee_atelier_plugin.gui.visits.session_photos_dialog import SessionPhotosDialog
from bassee_atelier_plugin.gui.widgets.controls import coloured_button, heading
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings


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
        self.import_gpx_button = QPushButton(tr("Import a GPX (route and waypoints)…"))
        self.import_gpx_button.clicked.connect(lambda _checked=False: self.import_gpx())
        self.gallery_button = QPushButton(tr("Session photos…"))
        self.gallery_button.clicked.connect(lambda _checked=False: self.show_gallery())
        for button in (self.import_folder_button, self.import_gpx_button, self.gallery_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)

        unplaced_hint = QLabel(tr("Photos without position (select one, then click on the map):"))
        unplaced_hint.setWordWrap(True)
        layout.addWidget(unplaced_hint)
        self.unplaced_list = PhotoFileList()
        self.unplaced_list.setMaximumHeight(140)
        self.unplaced_list.itemSelectionChanged.connect(self._unplaced_selected)
        layout.addWidget(self.unplaced_list)

        layout.addWidget(heading(tr("Photo settings")))
        self.photo_settings = PhotoSettingsForm()
        settings = self.photo_settings
        self.join_spin, self.preview_spin = settings.join_spin, settings.preview_spin
        self.keep_originals_check, self.max_megabytes_spin = settings.keep_originals_check, settings.max_megabytes_spin
        layout.addWidget(settings)
        layout.addStretch()

        self.set_body(self.editing)
        self.follow_project()

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
        photos = self.read_photos([self.unplaced_list.path_of(item)])
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
        self.unplaced_list.add_paths(report.unplaced)

    def import_gpx(self) -> None:
        settings = PluginSettings.load()
        path, _filter = QFileDialog.getOpenFileName(self, tr("GPX file"), settings.last_folder, tr("GPX files (*.gpx)"))
        if path:
            self.import_itinerary(Path(path))

    def import_itinerary(self, path: Path) -> None:
        """The GPX's itinerary and its waypoints (as observations) into the current session."""

        def run(editor):
            return import_gpx(
                editor.atelier, path, editor.session_uuid, editor.author, self.join_spin.value(), editor.group_uuid
            )

        report = self.session.run(run)
        if report is None:
            return
        for table in (ITINERARIES, OBSERVATIONS):
            self.session.redraw(table)
        for reason in report.skipped:
            self.session.report(tr("Waypoint skipped: {reason}").format(reason=reason), Qgis.MessageLevel.Warning)
        self.session.report(report.summary(), Qgis.MessageLevel.Info if report.skipped else Qgis.MessageLevel.Success)

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
