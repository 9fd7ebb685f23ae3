"""Two versions of one feature merged field by field, from what each side changed since the files parted.

A field only one side changed takes that side's value; a field both changed to the same
value is no conflict; votes add up. Only a field both sides set to different values, or a
field that differs though neither journal says who changed it (an edit made in QGIS's own
attribute table, outside the plugin), is a conflict: the later change is kept, the other
listed for review. The geometry is one more field.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from bassee_atelier_plugin.core.handoff.journals import BOOKKEEPING, FieldChange, SideChanges
from bassee_atelier_plugin.core.handoff.versions import GEOMETRY, Version, value_json


@dataclass(frozen=True)
class FieldConflict:
    """One field set differently on both sides; ``kept_theirs`` says whether the merge kept the other file's value."""

    name: str
    kept_theirs: bool
    ours: FieldChange | None  # None: this side's journal does not say who changed it
    theirs: FieldChange | None


@dataclass
class FieldMerge:
    version: Version  # the feature as merged, under our FID
    conflicts: list[FieldConflict]


def merge_fields(ours: Version, theirs: Version, our_changes: SideChanges, their_changes: SideChanges) -> FieldMerge:
    """``theirs`` brought into ``ours`` field by field; neither is changed."""
    values, wkb = dict(ours.values), ours.wkb
    conflicts = []
    names = [name for name in dict.fromkeys([*ours.values, *theirs.values]) if name not in BOOKKEEPING]
    for name in [*names, GEOMETRY]:
        if name in their_changes.counted and name not in their_changes.fields:
            # their votes since the parting, added to ours (which hold our own already)
            values[name] = max(0, (ours.value(name) or 0) + their_changes.counted[name])
            continue
        if ours.value(name) == theirs.value(name):
            continue
        ours_changed = name in our_changes.fields or name in our_changes.counted
        theirs_changed = name in their_changes.fields
        if ours_changed != theirs_changed:
            take_theirs = theirs_changed
        else:  # both set it, or neither journal says who did
            our_change, their_change = our_changes.fields.get(name), their_changes.fields.get(name)
            take_theirs = _order(their_change, theirs, name) > _order(our_change, ours, name)
            conflicts.append(FieldConflict(name, take_theirs, our_change, their_change))
        if take_theirs and name == GEOMETRY:
            wkb = theirs.wkb
        elif take_theirs:
            values[name] = theirs.value(name)
    updated_at = max(ours.updated_at or "", theirs.updated_at or "") or None
    if "updated_at" in values:
        values["updated_at"] = updated_at
    return FieldMerge(dataclasses.replace(ours, updated_at=updated_at, values=values, wkb=wkb), conflicts)


def _order(change: FieldChange | None, version: Version, name: str) -> tuple[str, str]:
    """Which of two changes of a field is the later: by time, then by something both files agree on.

    Whichever file is merged into which, the same change wins.
    """
    if change is not None:
        return (change.time, change.line_uuid)
    return (version.updated_at or "", value_json(version, name))
