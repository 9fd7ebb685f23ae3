"""Merging ateliers edited on several machines into one, with nothing lost and nothing doubled.

Features are matched by UUID. Each file's journal says which edits it has seen: a version
whose file has seen every edit the other has is simply the newer one; when both files hold
edits the other never saw, the feature was edited on two machines, the latest
``updated_at`` wins, and both versions go to the ``merge_conflicts`` table for review.
Deletions travel the same way, as journal lines. Attachments are stored once per feature
and photo (by SHA-256), list entries once per code. Merging the same files again, or the
result with one of its inputs, changes nothing.
"""

from __future__ import annotations

import dataclasses
import json
import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import gdal, ogr, osr

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.handoff.rows import read_rows
from bassee_atelier_plugin.core.model.schema import TABLES
from bassee_atelier_plugin.core.model.thesauri import THESAURI
from bassee_atelier_plugin.toolbelt.i18n import tr

CONFLICTS = "merge_conflicts"
JOURNAL = "journal"
CONFLICT_NAMESPACE = uuid_module.UUID("6f1d8c2e-3b7a-4f0e-9c55-0a1b2c3d4e5f")  # conflicts get the same UUID every merge
IGNORED = ("fid", "updated_at")  # not what makes two versions of a feature differ
# the journal last: what it says of the other file is what the features are judged on
MERGED = [table.name for table in TABLES if table.tracked and table.name != JOURNAL] + [JOURNAL]


@dataclass
class TableSummary:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    conflicts: int = 0

    def changed(self) -> bool:
        return any((self.added, self.updated, self.deleted, self.conflicts))


@dataclass
class MergeSummary:
    path: Path | str  # the merged atelier: a file, or a shared atelier's address
    tables: dict[str, TableSummary] = field(default_factory=lambda: defaultdict(TableSummary))
    warnings: list[str] = field(default_factory=list)

    def total(self, what: str) -> int:
        return sum(getattr(summary, what) for summary in self.tables.values())

    def lines(self) -> list[str]:
        """One line per table that changed: what a planner reads after a merge."""
        return [
            tr("{table}: {added} added, {updated} updated, {deleted} deleted, {conflicts} conflicts").format(
                table=table, **summary.__dict__
            )
            for table, summary in sorted(self.tables.items())
            if summary.changed()
        ]


@dataclass
class _Version:
    """One feature as one file holds it."""

    fid: int
    updated_at: str | None
    values: dict
    wkb: bytes | None

    def content(self) -> tuple:
        return (tuple(sorted((k, v) for k, v in self.values.items() if k not in IGNORED)), self.wkb)


class _Journal:
    """Which edits a file has seen: journal lines by feature, and when each feature was deleted."""

    def __init__(self, dataset):
        self.lines: dict[str, set[str]] = defaultdict(set)
        self.deleted_at: dict[str, str] = {}
        fields = ["feature_uuid", "uuid", "operation", "created_at"]
        for _fid, line, _geometry in read_rows(dataset.GetLayerByName(JOURNAL), fields, geometry=False):
            feature_uuid = line["feature_uuid"]
            self.lines[feature_uuid].add(line["uuid"])
            if line["operation"] == "delete":
                when = line["created_at"]
                self.deleted_at[feature_uuid] = max(self.deleted_at.get(feature_uuid, ""), when)

    def absorb(self, other: _Journal) -> None:
        """The other file's lines, as the output now holds them too."""
        for feature_uuid, lines in other.lines.items():
            self.lines[feature_uuid] |= lines
        for feature_uuid, when in other.deleted_at.items():
            self.deleted_at[feature_uuid] = max(self.deleted_at.get(feature_uuid, ""), when)


class Merger:
    """Brings one atelier after another into the output, opened for update in one transaction each.

    Both are OGR datasets of the atelier schema: GeoPackages, or a PostGIS schema (see core/stores).
    """

    def __init__(self, dataset, name: str, crs: str, summary: MergeSummary):
        self.dataset = dataset
        self.name = name
        self.summary = summary
        self.reference = osr.SpatialReference()
        self.reference.SetFromUserInput(crs)
        self.reference.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        # What the output holds, read once and kept in step: each file merged reads only itself.
        # Read before any transaction: GDAL's Arrow stream of a GeoPackage misses rows inside one.
        self.held = {table: self._versions(dataset.GetLayerByName(table), None) for table in MERGED}
        self.ours = _Journal(dataset)
        self._indexes: dict[str, dict[str, int]] = {}

    def merge(self, source, source_name: str) -> None:
        """Bring the atelier ``source`` (an OGR dataset, named ``source_name`` in conflicts) into the output."""
        # New rows go into PostGIS by COPY, as ogr2ogr loads them, not one INSERT each; a layer
        # reads the option at its first new row, and other drivers ignore it
        previous = gdal.GetThreadLocalConfigOption("PG_USE_COPY", None)
        gdal.SetThreadLocalConfigOption("PG_USE_COPY", "YES")
        self.dataset.StartTransaction()
        try:
            ours, theirs = self.ours, _Journal(source)
            for table in MERGED:
                self._merge_table(table, source, source_name, ours, theirs)
            for thesaurus in THESAURI:
                self._merge_codes(thesaurus.table_name, source)
        except Exception:
            self.dataset.RollbackTransaction()
            raise
        finally:
            gdal.SetThreadLocalConfigOption("PG_USE_COPY", previous)
        self.dataset.CommitTransaction()
        ours.absorb(theirs)  # the output's journal now holds the other file's lines too

    # -- features ---------------------------------------------------------------------

    def _merge_table(self, table: str, source, source_name: str, ours: _Journal, theirs: _Journal) -> None:
        target_layer, source_layer = self.dataset.GetLayerByName(table), source.GetLayerByName(table)
        if source_layer is None:
            return
        transform = self._transform(source_layer)
        mine = self.held[table]
        other = self._versions(source_layer, transform, source_name)
        counts = self.summary.tables[table]
        seen_attachments = self._attachment_keys() if table == "attachments" else set()
        for feature_uuid, version in other.items():
            current = mine.get(feature_uuid)
            if current is None:
                if (
                    table == "attachments"
                    and (version.values["feature_uuid"], version.values["sha256"]) in seen_attachments
                ):
                    continue  # the same photo of the same feature, imported on two machines
                if self._deleted_here(feature_uuid, version, ours, theirs, table, source_name):
                    continue
                mine[feature_uuid] = self._insert(target_layer, version)
                ours.lines[feature_uuid] |= theirs.lines[feature_uuid]
                counts.added += 1
            elif current.content() != version.content():
                self._reconcile(table, target_layer, feature_uuid, current, version, ours, theirs, source_name)
        # what the other file deleted, not every feature held: deletions are few, features many
        gone = [uuid for uuid in theirs.deleted_at if uuid in mine and uuid not in other]
        for feature_uuid in gone if table != CONFLICTS else []:
            self._deleted_there(table, target_layer, feature_uuid, mine[feature_uuid], ours, theirs, source_name)

    def _reconcile(self, table, layer, feature_uuid, current, version, ours, theirs, source_name) -> None:
        """The same feature, two versions: the newer one if only one file has edits the other lacks, else a conflict."""
        only_ours = ours.lines[feature_uuid] - theirs.lines[feature_uuid]
        only_theirs = theirs.lines[feature_uuid] - ours.lines[feature_uuid]
        counts = self.summary.tables[table]
        if only_theirs and not only_ours:
            self._replace(layer, current, version)
            counts.updated += 1
        elif only_ours and not only_theirs:
            return
        else:
            theirs_newer = (version.updated_at or "") > (current.updated_at or "")
            kept, other = (version, current) if theirs_newer else (current, version)
            kept_from, other_from = (source_name, self.name) if theirs_newer else (self.name, source_name)
            if theirs_newer:
                self._replace(layer, current, version)
                counts.updated += 1
            self._record_conflict(table, feature_uuid, kept, kept_from, other, other_from)
        ours.lines[feature_uuid] |= theirs.lines[feature_uuid]

    def _deleted_here(self, feature_uuid, version, ours, theirs, table, source_name) -> bool:
        """A feature the other file has but this one deleted: it stays deleted, unless edited there since."""
        deleted_at = ours.deleted_at.get(feature_uuid)
        if deleted_at is None:
            return False
        edited_there = theirs.lines[feature_uuid] - ours.lines[feature_uuid]
        if edited_there and (version.updated_at or "") > deleted_at:
            self._record_conflict(table, feature_uuid, version, source_name, None, self.name)
            return False
        return True

    def _deleted_there(self, table, layer, feature_uuid, current, ours, theirs, source_name) -> None:
        """A feature the other file deleted: it goes, unless this file edited it after the deletion."""
        deleted_at = theirs.deleted_at[feature_uuid]
        edited_here = ours.lines[feature_uuid] - theirs.lines[feature_uuid]
        if edited_here and (current.updated_at or "") > deleted_at:
            self._record_conflict(table, feature_uuid, current, self.name, None, source_name)
            return
        layer.DeleteFeature(current.fid)
        del self.held[table][feature_uuid]
        self.summary.tables[table].deleted += 1
        ours.lines[feature_uuid] |= theirs.lines[feature_uuid]
        ours.deleted_at[feature_uuid] = deleted_at

    def _record_conflict(self, table, feature_uuid, kept: _Version, kept_from, other: _Version | None, other_from):
        """Both versions in ``merge_conflicts``, under a UUID that the same conflict always gets."""
        versions = [_as_json(kept), _as_json(other)]
        conflict_uuid = str(uuid_module.uuid5(CONFLICT_NAMESPACE, "\n".join([table, feature_uuid, *sorted(versions)])))
        layer = self.dataset.GetLayerByName(CONFLICTS)
        layer.SetAttributeFilter(f"uuid = '{conflict_uuid}'")
        exists = layer.GetFeatureCount() > 0
        layer.SetAttributeFilter(None)
        if exists:
            return
        feature = ogr.Feature(layer.GetLayerDefn())
        values = {
            "uuid": conflict_uuid,
            "table_name": table,
            "feature_uuid": feature_uuid,
            "kept_from": kept_from,
            "kept_updated_at": kept.updated_at,
            "kept_version": versions[0],
            "other_from": other_from,
            "other_updated_at": other.updated_at if other else None,
            "other_version": versions[1],
            "reviewed": 0,
        }
        for name, value in values.items():
            if value is not None:
                feature.SetField(name, value)
        feature.SetField("created_at", kept.updated_at or "")
        feature.SetField("updated_at", kept.updated_at or "")
        layer.CreateFeature(feature)
        self.summary.tables[table].conflicts += 1

    # -- reading and writing ----------------------------------------------------------

    def _versions(self, layer, transform, source_name: str | None = None) -> dict[str, _Version]:
        """Every feature of ``layer`` by UUID; another file's geometries reprojected and made valid, with a warning.

        Geometries stay WKB, made into objects only to be reprojected or checked (a point is always valid).
        """
        checked = source_name is not None and ogr.GT_Flatten(layer.GetGeomType()) != ogr.wkbPoint
        versions = {}
        for fid, values, wkb in read_rows(layer):
            if wkb is not None and (transform is not None or checked):
                wkb = self._reprojected_valid(wkb, transform, layer.GetName(), values["uuid"], source_name)
            versions[values["uuid"]] = _Version(fid, values.get("updated_at"), values, wkb)
        return versions

    def _reprojected_valid(self, wkb: bytes, transform, table: str, feature_uuid: str, source_name) -> bytes | None:
        geometry = ogr.CreateGeometryFromWkb(wkb)
        if geometry.IsEmpty():
            return None
        if transform is not None:
            geometry.Transform(transform)
        if source_name and not geometry.IsValid():
            geometry = self._made_valid(geometry, table, feature_uuid, source_name)
        return bytes(geometry.ExportToIsoWkb())

    def _made_valid(self, geometry, table: str, feature_uuid: str, source_name: str):
        valid = geometry.MakeValid()
        self.summary.warnings.append(
            tr("{file}: the geometry of {table} {uuid} was invalid and was made valid.").format(
                file=source_name, table=table, uuid=feature_uuid
            )
        )
        if valid.GetGeometryType() != geometry.GetGeometryType() and valid.GetGeometryCount():
            # a bow-tie polygon comes back as a collection: the layer keeps its type, the largest part
            valid = max((valid.GetGeometryRef(i) for i in range(valid.GetGeometryCount())), key=_size).Clone()
        return valid

    def _transform(self, layer):
        """From the other file's CRS to this one's, if they differ."""
        reference = layer.GetSpatialRef()
        if reference is None or reference.IsSame(self.reference):
            return None
        reference = reference.Clone()
        reference.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        return osr.CoordinateTransformation(reference, self.reference)

    def _attachment_keys(self) -> set[tuple[str, str]]:
        return {(held.values["feature_uuid"], held.values["sha256"]) for held in self.held["attachments"].values()}

    def _insert(self, layer, version: _Version) -> _Version:
        """Add ``version`` to the output; return it as the output now holds it.

        A row sent to PostGIS by COPY has no FID yet: only one merge goes into a shared atelier
        (see sync.merge_into), and a feature is inserted or replaced once per merge.
        """
        feature = ogr.Feature(layer.GetLayerDefn())
        _fill(feature, version, self._field_indexes(layer))
        layer.CreateFeature(feature)
        return dataclasses.replace(version, fid=feature.GetFID())

    def _replace(self, layer, current: _Version, version: _Version) -> None:
        feature = layer.GetFeature(current.fid)
        _fill(feature, version, self._field_indexes(layer))
        if version.wkb is None and layer.GetGeomType() != ogr.wkbNone:
            feature.SetGeometryDirectly(None)
        layer.SetFeature(feature)
        self.held[layer.GetName()][version.values["uuid"]] = dataclasses.replace(version, fid=current.fid)

    def _field_indexes(self, layer) -> dict[str, int]:
        """The output's fields by name: GDAL's lookup by name is slow in Python, and the same for every feature."""
        name = layer.GetName()
        if name not in self._indexes:
            definition = layer.GetLayerDefn()
            self._indexes[name] = {
                definition.GetFieldDefn(index).GetName(): index for index in range(definition.GetFieldCount())
            }
        return self._indexes[name]

    def _merge_codes(self, table: str, source) -> None:
        """List entries the other file added (a territory's own theme, say) join by their code."""
        target_layer, source_layer = self.dataset.GetLayerByName(table), source.GetLayerByName(table)
        if source_layer is None:
            return
        target_layer.ResetReading()
        codes = {feature.GetField("code") for feature in target_layer}
        source_layer.ResetReading()
        for entry in source_layer:
            if entry.GetField("code") not in codes:
                feature = ogr.Feature(target_layer.GetLayerDefn())
                for index in range(entry.GetFieldCount()):
                    feature.SetField(entry.GetFieldDefnRef(index).GetName(), entry.GetField(index))
                target_layer.CreateFeature(feature)
                self.summary.tables[table].added += 1


def _size(geometry) -> float:
    return geometry.GetArea() or geometry.Length()


def _fill(feature, version: _Version, indexes: dict[str, int]) -> None:
    """``version``'s values into ``feature``, each through the setter of its type (SetField's dispatch costs)."""
    for name, value in version.values.items():
        index = indexes.get(name, -1)
        if index < 0:
            continue
        kind = type(value)
        if value is None:
            feature.SetFieldNull(index)
        elif kind is str:
            feature.SetFieldString(index, value)
        elif kind is bytes:
            feature.SetFieldBinaryFromHexString(index, value.hex())
        elif kind is float:
            feature.SetField(index, value)
        else:  # int, or bool for a boolean field
            feature.SetFieldInteger64(index, int(value))
    if version.wkb is not None:
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(version.wkb))


def _as_json(version: _Version | None) -> str:
    """A version as planners read it in the conflicts table: its fields, its geometry as WKT; none if deleted."""
    if version is None:
        return json.dumps(None)
    values = {name: value for name, value in version.values.items() if name != "fid" and not isinstance(value, bytes)}
    if version.wkb is not None:
        values["geometry"] = ogr.CreateGeometryFromWkb(version.wkb).ExportToIsoWkt()
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def review_conflict(atelier: Atelier, conflict_uuid: str, keep_other: bool, author: str | None = None) -> None:
    """Close a conflict of ``merge_conflicts``: keep the version the merge kept, or put the other one back.

    Putting the other version back is an edit like any other, journalled; a version that is
    ``null`` is a deletion, and putting it back deletes the feature.
    """
    from bassee_atelier_plugin.core.atelier.writer import NO_GEOMETRY, writer

    with writer(atelier, author=author) as edits:
        with edits.transaction():
            conflict, _geometry = edits.read(CONFLICTS, conflict_uuid)
            if keep_other:
                table, feature_uuid = conflict["table_name"], conflict["feature_uuid"]
                other = json.loads(conflict["other_version"] or "null")
                if other is None:
                    edits.delete(table, feature_uuid, reason="merge review")
                else:
                    geometry = other.pop("geometry", None)
                    fields = {name: value for name, value in other.items() if name not in ("uuid", "updated_at")}
                    edits.update(table, feature_uuid, fields, geometry or NO_GEOMETRY, operation="merge review")
            edits.update(CONFLICTS, conflict_uuid, {"reviewed": True})
