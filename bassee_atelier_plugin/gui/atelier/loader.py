"""Bring an atelier into the current project: the one path behind "Open" and "New".

Every problem the core reports (not a GeoPackage, not an atelier, too new, unwritable)
becomes one message in the message bar; the file itself is never changed by a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsLayerTreeGroup,
    QgsMapLayerUtils,
    QgsProject,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY, add_to_project
from bassee_atelier_plugin.core.stores.registry import same_atelier
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

MESSAGE_SECONDS = 8  # for news; errors and warnings stay until the user closes them


class AtelierLoader:
    def __init__(self, iface):
        self.iface = iface

    # -- what the actions call ------------------------------------------------

    def choose_and_open(self) -> QgsLayerTreeGroup | None:
        settings = PluginSettings.load()
        path, _filter = QFileDialog.getOpenFileName(
            self.iface.mainWindow(), tr("Open atelier"), settings.last_folder, tr("GeoPackage (*.gpkg)")
        )
        if not path:
            return None
        settings.last_folder = str(Path(path).parent)
        settings.save()
        return self.open(path)

    def create_and_open(self, **creation_arguments) -> QgsLayerTreeGroup | None:
        """Create an atelier with create_atelier's arguments, then open it like any other."""
        try:
            atelier = create_atelier(**creation_arguments)
        except AtelierError as error:
            self._report(str(error), Qgis.MessageLevel.Critical)
            return None
        return self.open(atelier.location)

    def open_shared(self, connection_name: str, schema: str, territory: str | None = None) -> QgsLayerTreeGroup | None:
        """Open the shared atelier in ``schema`` of a saved QGIS connection; given a territory, create it first."""
        from bassee_atelier_plugin.core.stores.postgis.address import saved_connection_address

        # the server may take seconds to answer, or to time out
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            address = saved_connection_address(connection_name, schema)
            if territory is not None:
                create_atelier(address, territory)
            return self.open(address)
        except AtelierError as error:
            self._report(str(error), Qgis.MessageLevel.Critical)
            return None
        finally:
            QApplication.restoreOverrideCursor()

    def open(self, location: str | os.PathLike) -> QgsLayerTreeGroup | None:
        """Add the atelier at ``location`` (a file or a shared atelier's address), or show the one already there."""
        project = QgsProject.instance()
        existing = find_atelier_group(project, location)
        if existing is not None:
            self._show(existing)
            self._report(tr("This atelier is already in the project: it is now selected."), Qgis.MessageLevel.Info)
            return existing
        project_was_empty = not project.mapLayers()
        try:
            atelier = open_atelier(location)
            if not atelier.read_only:
                # tuned for edits (a file switched to write-ahead logging) before QGIS reads it: QGIS reads
                # a file in the other mode without locks, and such a reader fails ("unable to open
                # database file") once the first edit switches the file under it
                atelier.store.open_edit_dataset()
            group = add_to_project(atelier, project)
        except AtelierError as error:
            self._report(str(error), Qgis.MessageLevel.Critical)
            return None
        if project_was_empty:
            project.setCrs(QgsCoordinateReferenceSystem(atelier.metadata.crs))
        self._show(group)
        if atelier.backup is not None:
            self._report(
                tr("The atelier was upgraded to the current version; the original is kept as {backup}.").format(
                    backup=atelier.backup
                ),
                Qgis.MessageLevel.Info,
            )
        if atelier.read_only:
            self._report(
                tr("{path} is read-only: it was opened read-only and its layers cannot be edited.").format(
                    path=atelier.name
                ),
                Qgis.MessageLevel.Warning,
            )
        else:
            self._report(tr("Atelier opened: {title}").format(title=atelier.metadata.title), Qgis.MessageLevel.Success)
        return group

    # -- helpers --------------------------------------------------------------

    def _show(self, group: QgsLayerTreeGroup) -> None:
        """Select the atelier's group and frame its features on the map."""
        view = self.iface.layerTreeView()
        view.setCurrentIndex(view.node2index(group))
        canvas = self.iface.mapCanvas()
        layers = [layer for layer in group.checkedLayers() if layer.isSpatial() and layer.featureCount() > 0]
        extent = QgsMapLayerUtils.combinedExtent(
            layers, canvas.mapSettings().destinationCrs(), QgsProject.instance().transformContext()
        )
        if not extent.isEmpty():
            extent.scale(1.05)
            canvas.setExtent(extent)
            canvas.refresh()

    def _report(self, message: str, level: Qgis.MessageLevel) -> None:
        duration = 0 if level in (Qgis.MessageLevel.Critical, Qgis.MessageLevel.Warning) else MESSAGE_SECONDS
        self.iface.messageBar().pushMessage(tr("Atelier des Territoires"), message, level, duration)
        log(message, level)


def find_atelier_group(project: QgsProject, location: str | os.PathLike) -> QgsLayerTreeGroup | None:
    """The layer-tree group of the atelier at ``location`` (a file or a shared atelier's address), if it is there."""
    for group in project.layerTreeRoot().findGroups(True):
        stored = group.customProperty(ATELIER_LOCATION_PROPERTY)
        if stored and same_atelier(stored, location):
            return group
    return None
