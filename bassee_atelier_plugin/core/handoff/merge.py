"""Merging ateliers edited on several machines into one, with nothing lost and nothing doubled.

Features are matched by UUID. Each file's journal says which edits it has seen: a version
whose file has seen every edit the other has is simply the newer one. When both files hold
edits the other never saw, the feature is merged field by field (field_merge.py): each
side's changes land, votes add up, and only a field set differently on both sides goes to
``merge_conflicts``. A feature whose journals do not reach back to the version both had is
merged whole, the latest ``updated_at`` winning, and the summary says so. A deletion
against an edit keeps the edit and lists both. Attachments are stored once per feature and
photo (by SHA-256), list entries once per code. The deleted stakes and sketches are those
either file deleted, less those the merge keeps. Merging the same files again, or the result
with one of its inputs, changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import gdal, ogr, osr

from bassee_atelier_plugin.core.handoff.conflict_log import CONFLICTS, ConflictLog
from bassee_atelier_plugin.core.handoff.field_merge import merge_fields
from bassee_atelier_plugin.core.handoff.journals import Journal, UnreadableJournalError
from bassee_atelier_plugin.core.handoff.rows import read_rows
from bassee_atelier_plugin.core.handoff.versions import Version, fill
from bassee_atelier_plugin.core.model.schema import DELETED_COPIES, TABLES
from bassee_atelier_plugin.core.model.thesauri import THESAURI
from bassee_atelier_plugin.toolbelt.i18n import tr

JOURNAL = "journal"
# the journal last: what it says of the other file is what the features are judged on
NOT_A_STAMP = "1970-01-01T00:00:00Z"  # see Merger._replace
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
    merged_whole: int = 0  # features edited on both sides whose journals do not reach back to the version both had

    def total(self, what: str) -> int:
        return sum(getattr(summary, what) for summary in self.tables.values())

    def lines(self) -> list[str]:
        """One line per table that changed, and how many features were merged whole: what a planner reads."""
        lines = [
            tr("{table}: {added} added, {updated} updated, {deleted} deleted, {conflicts} conflicts").format(
                table=table, **summary.__dict__
            )
            for table, summary in sorted(self.tables.items())
            if summary.changed()
        ]
        if self.merged_whole:
            lines.append(self.merged_whole_text())
        return lines

    def merged_whole_text(self) -> str:
        return tr(
            "{count} features edited on both sides were merged whole, the latest edit winning: their journals "
            "do not reach back to the version both had (an atelier made before the journal, or whose journal "
            "was cleared). Both versions are listed for review."
        ).format(count=self.merged_whole)


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
        self.deleted = {
            table: self._versions(dataset.GetLayerByName(copy.name), None) for table, copy in DELETED_COPIES.items()
        }
        self.ours = Journal(self.held[JOURNAL])
        self.conflicts = ConflictLog(dataset, summary.tables)
        self._indexes: dict[str, dict[str, int]] = {}
        # table: UUIDs merged field by field, whose geometry may have come without its communes (see sync)
        self.field_merged: dict[str, set[str]] = defaultdict(set)

    def merge(self, source, source_name: str) -> None:
        """Bring the atelier ``source`` (an OGR dataset, named ``source_name`` in conflicts) into the output."""
        their_lines = self._versions(source.GetLayerByName(JOURNAL), None)
        # New rows go into PostGIS by COPY, as ogr2ogr loads them, not one INSERT each; a layer
        # reads the option at its first new row, and other drivers ignore it
        previous = gdal.GetThreadLocalConfigOption("PG_USE_COPY", None)
        gdal.SetThreadLocalConfigOption("PG_USE_COPY", "YES")
        self.dataset.StartTransaction()
        try:
            ours, theirs = self.ours, Journal(their_lines)
            for table in MERGED:
                other = their_lines if table == JOURNAL else None
                self._merge_table(table, source, source_name, ours, theirs, other)
            for table in DELETED_COPIES:
                self._merge_deleted(table, source)
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

    def _merge_table(self, table, source, source_name: str, ours: Journal, theirs: Journal, other=None) -> None:
        """``other``: the source's rows of ``table`` if already read."""
        target_layer, source_layer = self.dataset.GetLayerByName(table), source.GetLayerByName(table)
        if source_layer is None:
            return
        mine = self.held[table]
        if other is None:
            other = self._versions(source_layer, self._transform(source_layer), source_name)
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
            elif current.content() != version.content() or _voted_on_both(feature_uuid, ours, theirs):
                self._reconcile(table, target_layer, current, version, ours, theirs, source_name)
        # what the other file deleted, not every feature held: deletions are few, features many
        gone = [uuid for uuid in theirs.deleted_at if uuid in mine and uuid not in other]
        for feature_uuid in gone if table != CONFLICTS else []:
            self._deleted_there(table, target_layer, feature_uuid, mine[feature_uuid], ours, theirs, source_name)

    def _reconcile(self, table, layer, current: Version, version: Version, ours, theirs, source_name) -> None:
        """The same feature, two versions: the newer one if only one file has edits the other lacks, else merged."""
        feature_uuid = current.values["uuid"]
        only_ours = ours.lines[feature_uuid] - theirs.lines[feature_uuid]
        only_theirs = theirs.lines[feature_uuid] - ours.lines[feature_uuid]
        if only_theirs and not only_ours:
            self._replace(layer, current, version)
            self.summary.tables[table].updated += 1
        elif only_theirs or not only_ours:  # both edited it, or neither journal says who did
            self._merge_fields(table, layer, current, version, ours, theirs, source_name)
        ours.lines[feature_uuid] |= theirs.lines[feature_uuid]

    def _merge_fields(self, table, layer, current: Version, version: Version, ours, theirs, source_name) -> None:
        """Both sides edited the feature since the files parted: each field by what each side did to it."""
        feature_uuid = current.values["uuid"]
        common = ours.lines[feature_uuid] & theirs.lines[feature_uuid]
        fields = set(current.values) | set(version.values)
        try:
            if not ours.has_insert(common):
                self.summary.merged_whole += current.content() != version.content()
                self._merge_whole(table, layer, current, version, source_name)
                return
            ours_did = ours.changes(ours.lines[feature_uuid] - common, fields)
            theirs_did = theirs.changes(theirs.lines[feature_uuid] - common, fields)
        except UnreadableJournalError as unreadable:
            self.summary.warnings.append(
                tr(
                    "The journal entry {line} about {table} {uuid} could not be read: that feature was merged "
                    "whole, the latest edit winning, and both versions are listed for review."
                ).format(line=unreadable.line_uuid, table=table, uuid=current.values["uuid"])
            )
            self._merge_whole(table, layer, current, version, source_name)
            return
        merged = merge_fields(current, version, ours_did, theirs_did)
        if merged.version.content() != current.content():
            self._replace(layer, current, merged.version)
            self.field_merged[table].add(feature_uuid)
            self.summary.tables[table].updated += 1
        sides = {False: (self.name, current), True: (source_name, version)}
        for conflict in merged.conflicts:
            self.conflicts.field(table, merged.version, conflict, sides)

    def _merge_whole(self, table, layer, current: Version, version: Version, source_name) -> None:
        """Today's rule where the journals cannot tell who changed what: the latest version, both listed."""
        if current.content() == version.content():
            return
        theirs_newer = (version.updated_at or "") > (current.updated_at or "")
        if theirs_newer:
            self._replace(layer, current, version)
            self.summary.tables[table].updated += 1
            self.conflicts.whole(table, current.values["uuid"], version, source_name, current, self.name)
        else:
            self.conflicts.whole(table, current.values["uuid"], current, self.name, version, source_name)

    def _deleted_here(self, feature_uuid, version, ours, theirs, table, source_name) -> bool:
        """A feature the other file has but this one deleted: it stays deleted, unless edited there since."""
        if feature_uuid not in ours.deleted_at:
            return False
        if theirs.lines[feature_uuid] - ours.lines[feature_uuid]:  # someone worked on it: it comes back
            self.conflicts.whole(table, feature_uuid, version, source_name, None, self.name)
            return False
        return True

    def _deleted_there(self, table, layer, feature_uuid, current, ours, theirs, source_name) -> None:
        """A feature the other file deleted: it goes, unless this file edited it since the other file saw it."""
        if ours.lines[feature_uuid] - theirs.lines[feature_uuid]:
            self.conflicts.whole(table, feature_uuid, current, self.name, None, source_name)
            return
        layer.DeleteFeature(current.fid)
        del self.held[table][feature_uuid]
        self.summary.tables[table].deleted += 1
        ours.lines[feature_uuid] |= theirs.lines[feature_uuid]
        ours.deleted_at[feature_uuid] = theirs.deleted_at[feature_uuid]

    def _merge_deleted(self, table: str, source) -> None:
        """The deleted features of ``table``: those the other file deleted join, those kept here leave."""
        layer, source_layer = (
            self.dataset.GetLayerByName(DELETED_COPIES[table].name),
            source.GetLayerByName(DELETED_COPIES[table].name),
        )
        deleted, held = self.deleted[table], self.held[table]
        came_back = [feature_uuid for feature_uuid in deleted if feature_uuid in held]  # an edit beat the deletion
        for feature_uuid in came_back:
            layer.DeleteFeature(deleted.pop(feature_uuid).fid)
        theirs = self._versions(source_layer, self._transform(source_layer)) if source_layer is not None else {}
        for feature_uuid, version in theirs.items():
            if feature_uuid not in deleted and feature_uuid not in held:
                deleted[feature_uuid] = self._insert(layer, version)

    # -- reading and writing ----------------------------------------------------------

    def _versions(self, layer, transform, source_name: str | None = None) -> dict[str, Version]:
        """Every feature of ``layer`` by UUID; another file's geometries reprojected and made valid, with a warning.

        Geometries stay WKB, made into objects only to be reprojected or checked (a point is always valid).
        """
        checked = source_name is not None and ogr.GT_Flatten(layer.GetGeomType()) != ogr.wkbPoint
        versions = {}
        for fid, values, wkb in read_rows(layer):
            if wkb is not None and (transform is not None or checked):
                wkb = self._reprojected_valid(wkb, transform, layer.GetName(), values["uuid"], source_name)
            versions[values["uuid"]] = Version(fid, values.get("updated_at"), values, wkb)
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

    def _insert(self, layer, version: Version) -> Version:
        """Add ``version`` to the output; return it as the output now holds it.

        A row sent to PostGIS by COPY has no FID yet: only one merge goes into a shared atelier
        (see sync.merge_into), and a feature is inserted or replaced once per merge.
        """
        feature = ogr.Feature(layer.GetLayerDefn())
        fill(feature, version, self._field_indexes(layer))
        layer.CreateFeature(feature)
        return dataclasses.replace(version, fid=feature.GetFID())

    def _replace(self, layer, current: Version, version: Version) -> None:
        feature = layer.GetFeature(current.fid)
        fill(feature, version, self._field_indexes(layer))
        if version.wkb is None and layer.GetGeomType() != ogr.wkbNone:
            feature.SetGeometryDirectly(None)
        if version.updated_at == current.updated_at:
            # older edits brought into the latest version: the store stamps a change that keeps its
            # updated_at with the time of writing, so it is written once with another stamp first
            feature.SetField("updated_at", NOT_A_STAMP)
            layer.SetFeature(feature)
            feature.SetField("updated_at", version.updated_at)
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


def _voted_on_both(feature_uuid: str, ours: Journal, theirs: Journal) -> bool:
    """Whether both files hold edits the other lacks, though the feature reads the same: one vote on each, say."""
    mine, other = ours.lines.get(feature_uuid, set()), theirs.lines.get(feature_uuid, set())
    return bool(other - mine) and bool(mine - other)


def _size(geometry) -> float:
    return geometry.GetArea() or geometry.Length()
