"""One layout of the atelier's stored project, read without the rest of the project.

Reading the whole stored project (its thirty layers, three layouts and their styles) takes
most of a second, more than laying out the roadmap's pages. A deliverable that draws no map,
as the roadmap, needs only its own layout and the project's metadata (the PDF's title and
author): those are read from the project the store keeps, whichever store it is.
"""

from __future__ import annotations

import io
import zipfile

from qgis.core import (
    QgsApplication,
    QgsPrintLayout,
    QgsProject,
    QgsProjectMetadata,
    QgsReadWriteContext,
)
from qgis.PyQt.QtCore import QBuffer, QIODevice
from qgis.PyQt.QtXml import QDomDocument

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.presentation.project import project_uri


def project_with_layout(atelier: Atelier, name: str) -> QgsProject | None:
    """A project holding only the stored layout ``name`` and the stored metadata; None if not stored."""
    document = _stored_document(project_uri(atelier))
    if document is None:
        return None
    root = document.documentElement()
    element = root.firstChildElement("Layouts").firstChildElement("Layout")
    while not element.isNull() and element.attribute("name") != name:
        element = element.nextSiblingElement("Layout")
    if element.isNull():
        return None
    project = QgsProject()
    metadata = QgsProjectMetadata()
    metadata.readMetadataXml(root.firstChildElement("projectMetadata"))
    project.setMetadata(metadata)
    layout = QgsPrintLayout(project)
    if not layout.readLayoutXml(element, document, QgsReadWriteContext()):
        return None
    layout.setName(name)
    project.layoutManager().addLayout(layout)
    return project


def _stored_document(uri: str) -> QDomDocument | None:
    """The stored project's XML, as its store gives it to QGIS (a .qgz archive)."""
    storage = QgsApplication.projectStorageRegistry().projectStorageFromUri(uri)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.ReadWrite)
    if storage is None or not storage.readProject(uri, buffer, QgsReadWriteContext()):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(bytes(buffer.data()))) as archive:
            text = next(archive.read(name) for name in archive.namelist() if name.endswith(".qgs"))
    except (zipfile.BadZipFile, StopIteration):
        return None
    document = QDomDocument()
    document.setContent(text)  # what it returns differs between Qt 5 and 6: an empty document says it failed
    return None if document.documentElement().isNull() else document
