"""A picture of an atelier as QGIS shows it, rendered without a screen.

The stored QGIS project is rendered, not the layers one by one, so the snapshot shows
exactly what a planner sees on opening the atelier: its styles, labels, visible layers
and default view.
"""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QImage

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.presentation.project import read_stored_project
from bassee_atelier_plugin.toolbelt.i18n import tr

DEFAULT_WIDTH = 1920
DEFAULT_HEIGHT = 1080
MAX_SIDE = 16384  # QImage and the label engine grow slow and memory-hungry beyond this


def render_snapshot(
    atelier: Atelier,
    output: str | os.PathLike,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
) -> Path:
    """Render the atelier's stored project to a PNG of ``width`` x ``height`` pixels; return its path."""
    output = Path(output).absolute()
    _check_size(width, height)
    _check_output(output)
    project = QgsProject()
    if not read_stored_project(atelier, project):
        raise AtelierError(
            tr("{path} has no readable QGIS project: {error}").format(path=atelier.name, error=project.error())
        )
    image = render_image(project_map_settings(project, QSize(width, height)))
    if not image.save(str(output), "PNG"):
        raise AtelierError(tr("Could not write the picture {path}.").format(path=output))
    return output


def _check_size(width: int, height: int) -> None:
    for side in (width, height):
        if not 0 < side <= MAX_SIDE:
            raise AtelierError(
                tr("{side} pixels is not a usable picture size: give a width and height from 1 to {max}.").format(
                    side=side, max=MAX_SIDE
                )
            )


def _check_output(output: Path) -> None:
    """Refuse a bad output before the (slow) rendering, not after it."""
    if output.suffix.lower() != ".png":
        raise AtelierError(tr("{path}: the snapshot is a PNG picture, its name ends in .png.").format(path=output))
    if not output.parent.is_dir():
        raise AtelierError(tr("{folder} is not an existing folder.").format(folder=output.parent))
    if output.is_dir() or not os.access(output.parent, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise AtelierError(tr("Cannot write {path}: check the name and the permissions.").format(path=output))


def project_map_settings(project: QgsProject, size: QSize) -> QgsMapSettings:
    """What QGIS would draw of ``project`` at its default view, in a picture of ``size``."""
    settings = QgsMapSettings()
    settings.setOutputSize(size)
    settings.setOutputDpi(96)
    settings.setDestinationCrs(project.crs())
    settings.setTransformContext(project.transformContext())
    settings.setLayers(_visible_layers(project))
    settings.setExtent(_view_extent(project, settings))
    settings.setBackgroundColor(project.backgroundColor())
    settings.setFlag(Qgis.MapSettingsFlag.Antialiasing, True)
    settings.setFlag(Qgis.MapSettingsFlag.DrawLabeling, True)
    context = QgsExpressionContext()
    context.appendScopes([QgsExpressionContextUtils.globalScope(), QgsExpressionContextUtils.projectScope(project)])
    settings.setExpressionContext(context)
    return settings


def render_image(settings: QgsMapSettings) -> QImage:
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def _visible_layers(project: QgsProject) -> list:
    """The layers ticked in the layer tree, top of the drawing first, as QGIS would draw them."""
    root = project.layerTreeRoot()
    return [layer for layer in root.layerOrder() if root.findLayer(layer.id()).isVisible()]


def _view_extent(project: QgsProject, settings: QgsMapSettings) -> QgsRectangle:
    """The project's default view, or all its layers when it has none (an atelier with no features)."""
    default_view = project.viewSettings().defaultViewExtent()
    if default_view.isEmpty():
        return settings.fullExtent()
    if default_view.crs().isValid() and default_view.crs() != project.crs():
        return QgsCoordinateTransform(default_view.crs(), project.crs(), project).transformBoundingBox(default_view)
    return QgsRectangle(default_view)
