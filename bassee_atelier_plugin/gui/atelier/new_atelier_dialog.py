"""The "New atelier" dialog: what create_atelier needs, asked once, with nothing replaced unasked."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings
from bassee_atelier_plugin.toolbelt.ui import load_ui

FORM_CLASS = load_ui("new_atelier.ui")
DEFAULT_CRS = "EPSG:2154"  # Lambert-93, the projection of metropolitan France


class NewAtelierDialog(QDialog, FORM_CLASS):
    def __init__(self, settings: PluginSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.settings = settings
        self.fileWidget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.fileWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.fileWidget.setConfirmOverwrite(False)  # accept() asks, for typed paths too
        self.communesWidget.setStorageMode(QgsFileWidget.StorageMode.GetFile)
        self.communesWidget.setFilter(tr("Vector files (*.geojson *.json *.gpkg *.shp *.fgb);;All files (*)"))
        for widget in (self.fileWidget, self.communesWidget):
            widget.setDefaultRoot(settings.last_folder)
        self.crsWidget.setCrs(QgsCoordinateReferenceSystem(DEFAULT_CRS))
        self.ok_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.territoryEdit.textChanged.connect(self._update_ok_button)
        self.fileWidget.fileChanged.connect(self._update_ok_button)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self._update_ok_button()

    def target_path(self) -> Path:
        """The atelier file chosen, with the .gpkg extension a GeoPackage needs."""
        path = Path(self.fileWidget.filePath().strip())
        return path if path.suffix.lower() == ".gpkg" else path.with_name(path.name + ".gpkg")

    def _update_ok_button(self) -> None:
        self.ok_button.setEnabled(bool(self.territoryEdit.text().strip() and self.fileWidget.filePath().strip()))

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            tr("Replace the file?"),
            tr("{path} already exists. Replace it with a new, empty atelier? Its content will be lost.").format(
                path=path
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        if self.target_path().exists() and not self.confirm_replace(self.target_path()):
            return
        self.settings.last_folder = str(self.target_path().parent)
        self.settings.save()
        super().accept()

    def creation_arguments(self) -> dict:
        """The keyword arguments of create_atelier for what the user filled in."""
        crs = self.crsWidget.crs()
        path = self.target_path()
        return {
            "location": path,
            "territory": self.territoryEdit.text().strip(),
            "crs": crs.authid() or crs.toWkt(),
            "communes": self.communesWidget.filePath().strip() or None,
            "force": path.exists(),  # accept() only lets an existing path through once replacing was confirmed
            "title": self.titleEdit.text().strip() or None,
        }
