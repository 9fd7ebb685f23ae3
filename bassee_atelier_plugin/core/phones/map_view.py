"""The map the phones tap on: a picture of the projector's view, rendered by QGIS, north up.

The stakes are left out of the picture: the phone page draws them itself, as markers
to vote on, from what the server says of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsCoordinateReferenceSystem, QgsMapSettings, QgsProject
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import add_to_project, atelier_frame
from bassee_atelier_plugin.core.presentation.snapshot import project_map_settings, render_image

MAP_WIDTH = 1600  # sharp on a phone's screen, zoomed in twice, and a few hundred KB
MAP_MAX_HEIGHT = 2400


@dataclass(frozen=True)
class MapView:
    """The map the phones tap on: a PNG rendered by QGIS and the extent it covers, north up."""

    png: bytes
    extent: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in the atelier's CRS
    width: int
    height: int


def atelier_map_view(atelier: Atelier) -> MapView:
    """The phones' map of a whole atelier, for ``serve``, where no projector says what to show.

    The atelier's layers are opened afresh with their stored styles, rather than through the
    stored project, whose layers may name the file the atelier was copied from.
    """
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(atelier.metadata.crs))
    add_to_project(atelier, project)
    frame = atelier_frame(atelier)
    if frame is not None:
        project.viewSettings().setDefaultViewExtent(frame)
    stakes = {layer.id() for layer in project.mapLayers().values() if layer_table(layer) in STAKE_TABLES}
    return render_map_view(project_map_settings(project, QSize(MAP_WIDTH, MAP_WIDTH * 9 // 16)), stakes)


def render_map_view(settings: QgsMapSettings, leave_out: set[str], width: int = MAP_WIDTH) -> MapView:
    """The phones' map of what ``settings`` shows, ``width`` pixels wide, without the layers ``leave_out``.

    The stakes are left out of the picture: the page draws them itself, as markers to vote on.
    Runs on QGIS's main thread, like any rendering of the project's layers.
    """
    settings = QgsMapSettings(settings)
    extent = settings.visibleExtent()
    height = max(1, min(MAP_MAX_HEIGHT, round(width * extent.height() / extent.width())))
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(extent)
    settings.setLayers([layer for layer in settings.layers() if layer.id() not in leave_out])
    image = render_image(settings)
    shown = settings.visibleExtent()  # the picture's aspect may widen the extent a little
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    box = (shown.xMinimum(), shown.yMinimum(), shown.xMaximum(), shown.yMaximum())
    return MapView(bytes(content), box, image.width(), image.height())
