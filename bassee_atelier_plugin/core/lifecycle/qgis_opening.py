"""QGIS's own opening of a renamed atelier's stored project, followed while the plugin is loaded.

A planner may open the project kept in an atelier with QGIS's own menu (Project > Open From >
GeoPackage), a double-click or ``qgis --project geopackage:…``, never going through the plugin's
"Open atelier". The project of an atelier renamed, moved or copied since it was written names
its layers' former file (see presentation.moved_sources), so QGIS would find every layer broken.

QGIS reads a project's layers between two signals of the project: ``cleared`` (the read's
clear()) and ``readProject``; meanwhile ``fileName()`` is already the project's address (read in
QgsProject::readProjectFile, 3.22 to 3.44). So a path preprocessor, added once, follows the
atelier during that read alone: the first path of each read looks at the project's file (one
SQLite read, and only for a project stored in a GeoPackage); every other path, read or project
costs one comparison. Once read, the stored project is repaired as opening the atelier does
(see lifecycle.opening), so that a plain QGIS opens it whole next time.
"""

from __future__ import annotations

import sqlite3

from qgis.core import QgsPathResolver, QgsProject
from qgis.PyQt.QtCore import QUrl, QUrlQuery

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.presentation.moved_sources import followed
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY
from bassee_atelier_plugin.core.stores.base import AtelierStore

GEOPACKAGE_STORAGE = "geopackage"  # QgsGeoPackageProjectStorage's type


class RenamedAtelierOpening:
    """While it lives, ``project`` (QGIS's own) reads a renamed atelier's stored project where the file is now."""

    def __init__(self, project: QgsProject):
        self.project = project
        self._reading = False
        self._moved: dict[str, str] | None = None  # this read's: None until its first path
        self._store: AtelierStore | None = None  # the atelier this read follows, to repair once read
        self._preprocessor = QgsPathResolver.setPathPreprocessor(self._follow)
        project.cleared.connect(self._read_starts)
        project.readProject.connect(self._read_ends)
        project.fileNameChanged.connect(self._not_reading)  # saved under another name, or a new project

    def stop(self) -> None:
        """Leave QGIS as it was."""
        QgsPathResolver.removePathPreprocessor(self._preprocessor)
        self.project.cleared.disconnect(self._read_starts)
        self.project.readProject.disconnect(self._read_ends)
        self.project.fileNameChanged.disconnect(self._not_reading)

    def _follow(self, path: str) -> str:
        if not self._reading:
            return path
        if self._moved is None:
            self._moved = self._moved_sources()
        return followed(self._moved, path) if self._moved else path

    def _moved_sources(self) -> dict[str, str]:
        """The former sources of the atelier whose stored project is being read, if it is one; else empty."""
        storage = self.project.projectStorage()
        if storage is None or storage.type() != GEOPACKAGE_STORAGE:
            return {}
        address = self.project.fileName()
        file = storage.filePath(address)  # the file QGIS resolves the project's relative paths against
        if not file:
            return {}
        name = QUrlQuery(QUrl.fromEncoded(address.encode()).query()).queryItemValue(
            "projectName", QUrl.ComponentFormattingOption.FullyDecoded
        )
        from bassee_atelier_plugin.core.stores.registry import store_for  # started with QGIS: the stores when used

        store = store_for(file)
        try:
            moved = store.moved_sources(name)
            if moved:
                store.read_metadata()  # an atelier's, not any GeoPackage naming tables of the same names
        except (AtelierError, sqlite3.Error, OSError):  # QGIS reads the project as it would without the plugin
            return {}
        self._store = store if moved else None
        return moved

    def _read_starts(self) -> None:
        self._reading, self._moved, self._store = True, None, None

    def _not_reading(self) -> None:
        self._reading = False

    def _read_ends(self, *_document) -> None:
        store = self._store
        self._reading, self._moved, self._store = False, None, None
        if store is None:
            return
        self._name_groups_where_it_is(store)
        if not store.is_read_only():
            store.repoint_projects()  # says in the log why, if it cannot

    def _name_groups_where_it_is(self, store: AtelierStore) -> None:
        """The atelier's group names the file where it is, as the repaired project does: the plugin finds it so."""
        for group in self.project.layerTreeRoot().findGroups(True):
            layers = [node.layer() for node in group.findLayers() if node.layer() is not None]
            if group.customProperty(ATELIER_LOCATION_PROPERTY) and layers and store.shows(layers[0]):
                group.setCustomProperty(ATELIER_LOCATION_PROPERTY, store.location)
