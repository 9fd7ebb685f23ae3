"""What an atelier's journal tells the merge: which edits of each feature a file has seen, and what each changed.

Every edit of a feature is a journal line (core/atelier/writer.py) naming the fields it set,
``geometry`` among them when it moved or reshaped the feature. Two files that parted hold
the same lines up to then; the lines one holds and the other lacks are what that side did
since. A vote's line also says which way it counted, so votes cast on two machines add up.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from bassee_atelier_plugin.core.handoff.versions import GEOMETRY, Version

INSERTS = ("create", "restore")  # the operations that write a whole feature (see FeatureWriter.insert)
VOTE = "vote"
COUNTERS = ("votes_for", "votes_against")  # what a vote adds one to
# kept by the atelier itself, never merged field by field (the store's triggers derive ``look``,
# the merge computes ``communes`` again from the merged geometry)
BOOKKEEPING = ("fid", "uuid", "created_at", "updated_at", "session_uuid", "author", "look", "communes")


class UnreadableJournalError(Exception):
    """A journal line whose details are not the JSON object the writer wrote."""

    def __init__(self, line_uuid: str):
        super().__init__(line_uuid)
        self.line_uuid = line_uuid


@dataclass(frozen=True)
class FieldChange:
    """The latest change of one field on one side: when, by whom, and the journal line that says so."""

    time: str
    author: str | None
    line_uuid: str


@dataclass
class SideChanges:
    """What one side did to a feature since the two files parted."""

    fields: dict[str, FieldChange] = field(default_factory=dict)  # set to a value (geometry included)
    counted: dict[str, int] = field(default_factory=dict)  # votes added (or taken back by undo), by counter


class Journal:
    """One file's journal lines, by the feature they are about, with the deletions' times."""

    def __init__(self, rows: dict[str, Version]):
        self.rows = rows  # every line by its UUID; for the output, kept in step by the merge
        self.lines: dict[str, set[str]] = defaultdict(set)
        self.deleted_at: dict[str, str] = {}
        for line_uuid, row in rows.items():
            self.lines[row.values["feature_uuid"]].add(line_uuid)
            if row.values["operation"] == "delete":
                self._deleted(row.values["feature_uuid"], row.values["created_at"])

    def absorb(self, other: Journal) -> None:
        """The other file's lines, as the output now holds them too."""
        for feature_uuid, lines in other.lines.items():
            self.lines[feature_uuid] |= lines
        for feature_uuid, when in other.deleted_at.items():
            self._deleted(feature_uuid, when)

    def _deleted(self, feature_uuid: str, when: str) -> None:
        self.deleted_at[feature_uuid] = max(self.deleted_at.get(feature_uuid, ""), when or "")

    def has_insert(self, line_uuids: set[str]) -> bool:
        """Whether ``line_uuids`` hold the writing of the whole feature: the common history reaches its start."""
        return any(self.rows[line].values["operation"] in INSERTS for line in line_uuids if line in self.rows)

    def changes(self, line_uuids: set[str], fields: set[str]) -> SideChanges:
        """What the lines ``line_uuids`` did to the fields ``fields`` (and the geometry), latest change first.

        Raises :class:`UnreadableJournalError` for a line whose details cannot be read.
        """
        changes = SideChanges()
        for line_uuid in sorted(line_uuids, key=lambda line: self.rows[line].values["created_at"] or ""):
            line = self.rows[line_uuid].values
            details = _details(line_uuid, line.get("details"))
            named = [name for name in details if name in fields or name == GEOMETRY]
            if line["operation"] == VOTE:  # one vote, or its undo: a step of the count, not a new value
                step = -1 if details.get("reason") == "undo" else 1
                for name in (name for name in named if name in COUNTERS):
                    changes.counted[name] = changes.counted.get(name, 0) + step
                named = [name for name in named if name not in COUNTERS]
            change = FieldChange(line["created_at"] or "", line.get("author"), line_uuid)
            for name in named:
                if name not in BOOKKEEPING:
                    changes.fields[name] = change
        return changes


def _details(line_uuid: str, text) -> dict:
    try:
        details = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        details = None
    if not isinstance(details, dict):
        raise UnreadableJournalError(line_uuid)
    return details
