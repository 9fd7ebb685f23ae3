"""Closing a conflict of ``merge_conflicts``: the value the merge kept stays, or the other one comes back.

Taking the other value is an edit like any other, journalled. For a field's conflict only
that field changes; for a whole feature's, the other version comes back whole, and a
version that is ``null`` is a deletion: taking it deletes the feature.
"""

from __future__ import annotations

import json

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import NO_GEOMETRY, writer
from bassee_atelier_plugin.core.handoff.conflict_log import CONFLICTS
from bassee_atelier_plugin.core.handoff.versions import GEOMETRY

REVIEW = "merge review"  # the journal's name of the edit a review makes


def review_conflict(atelier: Atelier, conflict_uuid: str, keep_other: bool, author: str | None = None) -> None:
    """Mark the conflict reviewed, after putting the other value (or version) back if ``keep_other``."""
    with writer(atelier, author=author) as edits:
        with edits.transaction():
            conflict, _geometry = edits.read(CONFLICTS, conflict_uuid)
            if keep_other:
                table, feature_uuid = conflict["table_name"], conflict["feature_uuid"]
                if conflict.get("field_name"):
                    name, value = conflict["field_name"], json.loads(conflict["other_value"] or "null")
                    if name == GEOMETRY:
                        edits.update(table, feature_uuid, {}, value or NO_GEOMETRY, operation=REVIEW)
                    else:
                        edits.update(table, feature_uuid, {name: value}, operation=REVIEW)
                else:
                    _take_version(edits, table, feature_uuid, json.loads(conflict["other_version"] or "null"))
            edits.update(CONFLICTS, conflict_uuid, {"reviewed": True})


def _take_version(edits, table: str, feature_uuid: str, other: dict | None) -> None:
    if other is None:
        edits.delete(table, feature_uuid, reason=REVIEW)
        return
    geometry = other.pop(GEOMETRY, None)
    fields = {name: value for name, value in other.items() if name not in ("uuid", "updated_at")}
    edits.update(table, feature_uuid, fields, geometry or NO_GEOMETRY, operation=REVIEW)
