"""The merge's conflicts, written to ``merge_conflicts`` for review, each once however often it is met.

A field's conflict is known by the two journal lines that set the field, so the same
conflict gets the same UUID in every merge, whichever file goes into which. A whole
feature's conflict (a deletion against an edit, an atelier without a journal) is known by
its two versions.
"""

from __future__ import annotations

import uuid as uuid_module

from osgeo import ogr

from bassee_atelier_plugin.core.handoff.field_merge import FieldConflict
from bassee_atelier_plugin.core.handoff.journals import FieldChange
from bassee_atelier_plugin.core.handoff.versions import Version, value_json, version_json
from bassee_atelier_plugin.core.stores.ogr_tables import sql_text

CONFLICTS = "merge_conflicts"
CONFLICT_NAMESPACE = uuid_module.UUID("6f1d8c2e-3b7a-4f0e-9c55-0a1b2c3d4e5f")


class ConflictLog:
    """Writes the conflicts of one merge into the output's ``merge_conflicts``; counts those it added by table.

    ``counts`` maps a table to its summary (with a ``conflicts`` count). The layer is looked up
    at each write, not kept: a layer outliving its dataset crashes GDAL's Python bindings.
    """

    def __init__(self, dataset, counts):
        self.dataset = dataset
        self.counts = counts

    def whole(self, table: str, feature_uuid: str, kept: Version, kept_from: str, other: Version | None, other_from):
        """A feature kept whole as ``kept``; ``other`` None: the other file deleted it."""
        versions = [version_json(kept), version_json(other)]
        self._add(
            [table, feature_uuid, *sorted(versions)],
            table=table,
            values={
                "table_name": table,
                "feature_uuid": feature_uuid,
                "kept_from": kept_from,
                "kept_updated_at": kept.updated_at,
                "kept_version": versions[0],
                "other_from": other_from,
                "other_updated_at": other.updated_at if other else None,
                "other_version": versions[1],
            },
        )

    def field(self, table: str, merged: Version, conflict: FieldConflict, sides: dict[bool, tuple[str, Version]]):
        """One field both sides set; ``sides``: for theirs (True) and ours (False), the file's name and version."""
        (kept_from, kept), (other_from, other) = sides[conflict.kept_theirs], sides[not conflict.kept_theirs]
        kept_change, other_change = (
            (conflict.theirs, conflict.ours) if conflict.kept_theirs else (conflict.ours, conflict.theirs)
        )
        name = conflict.name
        keys = sorted(_key(change, version, name) for change, version in ((kept_change, kept), (other_change, other)))
        self._add(
            [table, merged.values["uuid"], name, *keys],
            table=table,
            values={
                "table_name": table,
                "feature_uuid": merged.values["uuid"],
                "field_name": name,
                "kept_from": kept_from,
                "kept_author": kept_change.author if kept_change else None,
                "kept_updated_at": kept_change.time if kept_change else kept.updated_at,
                "kept_value": value_json(kept, name),
                "kept_version": version_json(merged),
                "other_from": other_from,
                "other_author": other_change.author if other_change else None,
                "other_updated_at": other_change.time if other_change else other.updated_at,
                "other_value": value_json(other, name),
                "other_version": version_json(other),
            },
        )

    def _add(self, identity: list[str], table: str, values: dict) -> None:
        conflict_uuid = str(uuid_module.uuid5(CONFLICT_NAMESPACE, "\n".join(identity)))
        layer = self.dataset.GetLayerByName(CONFLICTS)
        layer.SetAttributeFilter(f"uuid = {sql_text(conflict_uuid)}")
        exists = layer.GetFeatureCount() > 0
        layer.SetAttributeFilter(None)
        if exists:
            return
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in {**values, "uuid": conflict_uuid, "reviewed": 0}.items():
            if value is not None:
                feature.SetField(name, value)
        when = values["kept_updated_at"] or ""
        feature.SetField("created_at", when)
        feature.SetField("updated_at", when)
        layer.CreateFeature(feature)
        self.counts[table].conflicts += 1


def _key(change: FieldChange | None, version: Version, name: str) -> str:
    """What tells one side's change apart: its journal line, or its value where no line says who made it."""
    return change.line_uuid if change is not None else value_json(version, name)
