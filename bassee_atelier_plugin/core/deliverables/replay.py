"""The replay of a session as an animated GIF, for the restitution's slides.

QGIS's own renderer draws the atelier's stored project (its styles, its layers' time line:
see :mod:`presentation.replay_layers`) once per minute in which the session's journal made
something appear or go, never once per minute of the clock: a session of 5,000 features
drawn over a day makes at most as many frames as it had busy minutes. What does not move
in time (the communes, the territory) is drawn once, under every frame. Each frame carries
the session's title and its clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import (
    QgsDateTimeRange,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapSettings,
    QgsProject,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QRectF, QSize, Qt, QTime
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.output import written_atomically
from bassee_atelier_plugin.core.deliverables.replay_journal import ONE_MINUTE, find_session, journal_minutes
from bassee_atelier_plugin.core.errors import AtelierError, require
from bassee_atelier_plugin.core.presentation.project import read_stored_project
from bassee_atelier_plugin.core.presentation.replay_layers import on_the_time_line
from bassee_atelier_plugin.core.presentation.snapshot import project_map_settings, render_image
from bassee_atelier_plugin.toolbelt.i18n import tr

if TYPE_CHECKING:
    from PIL import Image  # Qt writes no GIF: Pillow does, imported by the replay alone (see _pillow)

FRAME_SIZE = QSize(1280, 720)  # a slide's width
FRAME_MS = 600
LAST_FRAME_MS = 4000  # the map as the session left it, long enough to be read
CLOCK_FORMAT = "%d/%m/%Y %H:%M"


@dataclass
class Replay:
    """A replay written: where, how many frames, and what the planner should know."""

    path: Path
    frames: int
    warnings: list[str] = field(default_factory=list)


def export_replay(atelier: Atelier, wanted_session: str, output: Path, size: QSize = FRAME_SIZE) -> Replay:
    """Write the replay of the session ``wanted_session`` (its UUID or title) of ``atelier`` to ``output`` (.gif)."""
    output = Path(output)
    if output.suffix.lower() != ".gif":
        raise AtelierError(tr("{file}: the replay is an animated GIF, its name ends in .gif.").format(file=output.name))
    require("PIL.Image", tr("The replay as a GIF"))  # before minutes of drawing, not after
    session = find_session(atelier, wanted_session)
    minutes = journal_minutes(atelier, session)
    project = QgsProject()
    if not read_stored_project(atelier, project):
        raise AtelierError(
            tr("Cannot read the QGIS project stored in {path}: {error}").format(
                path=atelier.name, error=project.error()
            )
        )
    renderer = FrameRenderer(project, size)
    warnings = []
    if minutes:
        frames = [renderer.frame(minute, session.title) for minute in minutes]
    else:
        message = tr("The session {session} has no journal entries for the map: nothing to replay.").format(
            session=session.title
        )
        frames = [renderer.still(session.title, message)]
        warnings.append(message)
    durations = [FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS]
    with written_atomically(output) as partial:
        frames[0].save(partial, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0)
    return Replay(output, len(frames), warnings)


class FrameRenderer:
    """Draws the frames of a replay of ``project``: the still layers once, the moving ones each frame."""

    def __init__(self, project: QgsProject, size: QSize):
        settings = project_map_settings(project, size)
        layers = settings.layers()
        moving = on_the_time_line(project, layers)
        still = QgsMapSettings(settings)
        still.setLayers([layer for layer in layers if layer not in moving])
        self._background = render_image(still)
        self._moving = QgsMapSettings(settings)
        self._moving.setLayers(moving)
        self._moving.setBackgroundColor(QColor(Qt.GlobalColor.transparent))
        self._moving.setIsTemporal(True)
        self._context = settings.expressionContext()

    def frame(self, minute: datetime, title: str) -> Image.Image:
        """The map as it stood at the end of ``minute`` (UTC), with the title and the clock."""
        end_of_minute = qgis_time(minute + ONE_MINUTE).addMSecs(-1)  # created by then, and not yet deleted
        self._moving.setTemporalRange(QgsDateTimeRange(end_of_minute, end_of_minute))
        with_time_line(self._moving, self._context)
        image = QImage(self._background)
        painter = QPainter(image)
        painter.drawImage(0, 0, render_image(self._moving))
        _band(painter, image, title, minute.astimezone().strftime(CLOCK_FORMAT), top=True)
        painter.end()
        return _pillow(image)

    def still(self, title: str, message: str) -> Image.Image:
        """The map with no time line (nothing deleted shows), and ``message``."""
        image = QImage(self._background)
        painter = QPainter(image)
        self._moving.setIsTemporal(False)
        with_time_line(self._moving, self._context)
        painter.drawImage(0, 0, render_image(self._moving))
        _band(painter, image, title, "", top=True)
        _band(painter, image, message, "", top=False)
        painter.end()
        return _pillow(image)


def with_time_line(settings: QgsMapSettings, base: QgsExpressionContext) -> None:
    """Give ``settings``' expressions its time line (``@map_start_time``...), as QGIS's map canvas does."""
    context = QgsExpressionContext(base)
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    settings.setExpressionContext(context)


def qgis_time(moment: datetime) -> QDateTime:
    """``moment``'s UTC digits as QGIS reads the atelier's times (OGR gives them without a time zone)."""
    return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))


def _band(painter: QPainter, image: QImage, left: str, right: str, top: bool) -> None:
    """A band across the top or the bottom, ``left`` in bold, legible on a projected slide."""
    height = image.height() // 9
    band = QRectF(0, 0 if top else image.height() - height, image.width(), height)
    painter.fillRect(band, QColor(255, 255, 255, 215))
    font = QFont()
    font.setPixelSize(height // 3)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#263238"))
    margin = height // 5
    text_box = band.adjusted(margin, 0, -margin, 0)
    painter.drawText(text_box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), left)
    font.setBold(False)
    painter.setFont(font)
    painter.drawText(text_box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), right)


def _pillow(image: QImage) -> Image.Image:
    from PIL import Image  # found: export_replay required it

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    bits = rgb.constBits()
    bits.setsize(rgb.sizeInBytes())
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), bytes(bits), "raw", "RGB", rgb.bytesPerLine(), 1)
