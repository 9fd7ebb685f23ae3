"""A merge's conflicts as ``merge_conflicts`` holds them: each feature edited on two machines, in both versions.

The merge kept the latest version of each such feature; the other one waits here until a
planner keeps the merged version or takes the other back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from osgeo import ogr
from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QDateTime, QLocale, Qt
from qgis.PyQt.QtGui import QColor

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import iso_datetime
from bassee_atelier_plugin.core.handoff.conflict_log import CONFLICTS
from bassee_atelier_plugin.toolbelt.i18n import tr

GEOMETRY = "geometry"  # the key of a version's geometry (WKT) in merge_conflicts
MERGED_FLASH, OTHER_FLASH = QColor(220, 40, 30), QColor(30, 110, 220)  # the two versions on the map


@dataclass
class Conflict:
    """A feature edited on two machines, as ``merge_conflicts`` holds it."""

    uuid: str
    table: str
    kept_from: str
    kept_at: str | None
    kept: dict
    other_from: str
    other_at: str | None
    other: dict | None  # None: the other machine deleted the feature

    def merged_origin(self) -> str:
        return _origin(self.kept_from, self.kept_at)

    def other_origin(self) -> str:
        if self.other is None:
            return tr("deleted in {file}").format(file=self.other_from)
        return _origin(self.other_from, self.other_at)

    def geometries(self) -> list[tuple[QgsGeometry, QColor]]:
        """Each version's geometry with the colour it flashes in on the map."""
        return [
            (QgsGeometry.fromWkt(version[GEOMETRY]), colour)
            for version, colour in ((self.kept, MERGED_FLASH), (self.other, OTHER_FLASH))
            if version and version.get(GEOMETRY)
        ]


def unreviewed_conflicts(atelier: Atelier) -> list[Conflict]:
    """The conflicts of the atelier still to review, by table, then as the merges recorded them."""
    with atelier.dataset() as dataset:
        layer = dataset.GetLayerByName(CONFLICTS)
        layer.SetAttributeFilter("NOT reviewed")
        conflicts = [
            Conflict(
                _stored(feature, "uuid"),
                _stored(feature, "table_name"),
                _stored(feature, "kept_from"),
                _stored(feature, "kept_updated_at"),
                json.loads(_stored(feature, "kept_version") or "{}"),
                _stored(feature, "other_from"),
                _stored(feature, "other_updated_at"),
                json.loads(_stored(feature, "other_version") or "null"),
            )
            for feature in layer
        ]
    return sorted(conflicts, key=lambda conflict: conflict.table)


def _stored(feature: ogr.Feature, name: str):
    """A field of an OGR feature, a datetime as the ISO text the GeoPackage stores."""
    index = feature.GetFieldIndex(name)
    if not feature.IsFieldSetAndNotNull(index):
        return None
    if feature.GetFieldDefnRef(index).GetType() == ogr.OFTDateTime:
        return iso_datetime(feature, index)
    return feature.GetField(index)


def _origin(file_name: str, at: str | None) -> str:
    """Where a version comes from: its file, and when it was last edited."""
    return f"{file_name} · {local_time(at)}" if at else file_name


def local_time(iso: str | None) -> str:
    """A stored UTC datetime as the user reads dates, in local time."""
    if not iso:
        return ""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs).toLocalTime()
    # with the seconds: two groups editing in parallel often do so within the same minute
    return f"{QLocale().toString(moment.date(), QLocale.FormatType.ShortFormat)} {moment.time().toString('HH:mm:ss')}"
