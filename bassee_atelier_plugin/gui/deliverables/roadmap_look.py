"""How the roadmap shows its rows and stakes: the data they carry, their swatches, what is missing."""

from __future__ import annotations

from html import escape

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QIcon, QPixmap

from bassee_atelier_plugin.core.deliverables.links import RoadmapAction
from bassee_atelier_plugin.toolbelt.i18n import tr

UUID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # ORIENTATIONS or ACTIONS: what a row of the tree is
MISSING_COLOUR = QColor("#b85c00")  # what is missing (no stake, no zone): dark orange, legible on white


def tooltip(*lines: str) -> str:
    """A tooltip that shows each line as typed: Qt would read "<b>" in a title as markup."""
    return "<p>" + "<br>".join(escape(line) for line in lines) + "</p>"


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def warning_icon() -> QIcon:
    return QgsApplication.getThemeIcon("/mIconWarning.svg")


def missing(action: RoadmapAction) -> list[str]:
    """What an action still lacks, said plainly."""
    lacking = []
    if not action.has_zone:
        lacking.append(tr("No zone on the map yet: “Draw the zone”."))
    if not action.stakes:
        lacking.append(tr("Answers no stake yet: link it to the stakes it answers."))
    return lacking
