"""The gallery of a session's photos: thumbnails, and the one selected exported as a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qgis.core import Qgis
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.observations import export_attachment, session_photos
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

THUMBNAIL_PIXELS = 160


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
