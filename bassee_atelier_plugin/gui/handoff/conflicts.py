"""A merge's conflicts as ``merge_conflicts`` holds them: one field set differently on two machines, or a whole feature.

The merge kept the later value (or version) and listed the other one here, until a planner
keeps what the merge kept or takes the other back.
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
from bassee_atelier_plugin.core.stores.ogr_tables import sql_text
from bassee_atelier_plugin.toolbelt.i18n import tr

GEOMETRY = "geometry"  # the key of a version's geometry (WKT) in merge_conflicts, and its field name there
MERGED_FLASH, OTHER_FLASH = QColor(220, 40, 30), QColor(30, 110, 220)  # the two versions on the map


@dataclass
class Side:
    """One machine's side of a conflict: its file, who changed the field (if the journal says) and when."""

    file: str
    author: str | None
    at: str | None

    def origin(self) -> str:
        """Where the value comes from, as the list and the detail show it: file · author · local time."""
        return " · ".join(part for part in (self.file, self.author, local_time(self.at)) if part)

    def who(self) -> str:
        return self.author or self.file


@dataclass
class Conflict:
    """A field (``field`` set) or a whole feature (``field`` None) edited differently on two machines."""

    uuid: str
    table: str
    field: str | None
    kept_side: Side
    kept_value: object  # the field's value the merge kept (the geometry as WKT); None for a whole feature
    kept: dict  # the feature as it stands in the atelier (as merged, and reviewed since), else as merged
    other_side: Side
    other_value: object
    other: dict | None  # the other machine's whole feature; None: it deleted the feature

    def merged_origin(self) -> str:
        return self.kept_side.origin()

    def other_origin(self) -> str:
        if self.other is None:
            return tr("deleted in {file}").format(file=self.other_side.file)
        return self.other_side.origin()

    def geometries(self) -> list[tuple[QgsGeometry, QColor]]:
        """The geometries to flash on the map, each in its colour: both sides', unless only another field differs."""
        if self.field == GEOMETRY:
            sides = ((self.kept_value, MERGED_FLASH), (self.other_value, OTHER_FLASH))
        elif self.field is not None:  # the merged feature stands where it is: the other side's place may be stale
            sides = ((self.kept.get(GEOMETRY), MERGED_FLASH),)
        else:
            sides = ((self.kept.get(GEOMETRY), MERGED_FLASH), ((self.other or {}).get(GEOMETRY), OTHER_FLASH))
        return [(QgsGeometry.fromWkt(wkt), colour) for wkt, colour in sides if wkt]


def unreviewed_conflicts(atelier: Atelier) -> list[Conflict]:
    """The conflicts of the atelier still to review, by table, then as the merges recorded them."""
    with atelier.dataset() as dataset:
        layer = dataset.GetLayerByName(CONFLICTS)
        layer.SetAttributeFilter("NOT reviewed")
        conflicts = [_conflict(feature) for feature in layer]
        layer = None
        for conflict in conflicts:
            if conflict.field is not None:
                conflict.kept = _current(dataset, conflict.table, conflict.kept.get("uuid")) or conflict.kept
    return sorted(conflicts, key=lambda conflict: conflict.table)


def _conflict(feature: ogr.Feature) -> Conflict:
    def side(prefix: str) -> Side:
        return Side(
            _stored(feature, f"{prefix}_from"),
            _stored(feature, f"{prefix}_author"),
            _stored(feature, f"{prefix}_updated_at"),
        )

    return Conflict(
        _stored(feature, "uuid"),
        _stored(feature, "table_name"),
        _stored(feature, "field_name"),
        side("kept"),
        json.loads(_stored(feature, "kept_value") or "null"),
        json.loads(_stored(feature, "kept_version") or "{}"),
        side("other"),
        json.loads(_stored(feature, "other_value") or "null"),
        json.loads(_stored(feature, "other_version") or "null"),
    )


def _current(dataset, table: str, feature_uuid: str | None) -> dict | None:
    """The feature as the atelier now holds it: an earlier review may have changed another of its fields."""
    layer = dataset.GetLayerByName(table)
    if layer is None or feature_uuid is None:
        return None
    layer.SetAttributeFilter(f"uuid = {sql_text(feature_uuid)}")
    feature = layer.GetNextFeature()
    if feature is None:
        return None
    definition = feature.GetDefnRef()
    fields = [definition.GetFieldDefn(index) for index in range(definition.GetFieldCount())]
    values = {
        field.GetName(): _stored(feature, field.GetName()) for field in fields if field.GetType() != ogr.OFTBinary
    }
    geometry = feature.GetGeometryRef()
    values[GEOMETRY] = geometry.ExportToIsoWkt() if geometry is not None else None
    return values


def _stored(feature: ogr.Feature, name: str):
    """A field of an OGR feature, a date or datetime as the ISO text the GeoPackage stores."""
    index = feature.GetFieldIndex(name)
    if not feature.IsFieldSetAndNotNull(index):
        return None
    kind = feature.GetFieldDefnRef(index).GetType()
    if kind in (ogr.OFTDateTime, ogr.OFTDate):
        return iso_datetime(feature, index, kind == ogr.OFTDate)
    return feature.GetField(index)


def local_time(iso: str | None) -> str:
    """A stored UTC datetime as the user reads dates, in local time."""
    if not iso:
        return ""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs).toLocalTime()
    # with the seconds: two groups editing in parallel often do so within the same minute
    return f"{QLocale().toString(moment.date(), QLocale.FormatType.ShortFormat)} {moment.time().toString('HH:mm:ss')}"
