"""What changed between two sessions, read from the journal.

Every edit is a journal line with its time (core/atelier/writer.py). A session ends at the
end of the day it was held (one without a date, when the next is created); what changed
between two sessions is what the lines between the first's end and the second's end did,
folded per feature into one change: added, changed (which fields), retained (its status
became ``retenu``), dropped (``ecarte``) or deleted. A line the writer did not write (its
details not a JSON object, no time) is skipped and counted, never a crash.

The time and not the line's session decides: an update is journalled under the session of
the feature it changes, not of the session where it was made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.reads import read_only
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES, TABLE_BY_NAME
from bassee_atelier_plugin.core.stores.ogr_tables import sql_text
from bassee_atelier_plugin.toolbelt.i18n import tr

# The tables a planner reads as the atelier's content; links, people and bookkeeping are left out.
COMPARED_TABLES = STAKE_TABLES + (
    "sketches_line",
    "sketches_area",
    "notes",
    "orientations",
    "actions",
    "observations",
    "itineraries",
)
ADDED, CHANGED, RETAINED, DROPPED, DELETED = "added", "changed", "retained", "dropped", "deleted"
KINDS = (ADDED, CHANGED, RETAINED, DROPPED, DELETED)
STATUS_KINDS = {"retenu": RETAINED, "ecarte": DROPPED}
INSERTS = ("create", "restore")
OPEN_END = "9999-12-31T23:59:59.999Z"  # the end of the latest session without a date: it is still going on
# written by the atelier itself at every edit: never "a field that changed"
BOOKKEEPING = {"fid", "uuid", "created_at", "updated_at", "session_uuid", "author", "look", "delta", "reason"}


@dataclass(frozen=True)
class Session:
    uuid: str
    title: str
    held_on: str | None
    end: str  # ISO UTC time: the journal lines up to it belong to this session or to those before


@dataclass(frozen=True)
class Change:
    """One feature's net change between the two sessions."""

    table: str
    feature_uuid: str
    title: str
    kind: str
    fields: tuple[str, ...]  # the fields set, for a change; "geometry" when it moved
    when: str  # the time of its last journal line in the window
    geometry: str | None = None  # WKT in the atelier's CRS: where it is, or was when deleted


@dataclass
class Evolution:
    first: Session
    second: Session
    changes: list[Change] = field(default_factory=list)
    skipped: int = 0  # journal lines that could not be read
    message: str = ""  # why the list is empty, when it is (in the user's language)
    second_unjournalled: bool = False  # the later session has no journal entry at all

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


def sessions(atelier: Atelier) -> list[Session]:
    """The atelier's sessions from the oldest to the latest.

    A session held on a day ends with that day; one without a date (added during a
    workshop) lasts until the next session is created, the latest one until now and after.
    """
    with read_only(atelier) as connection:
        rows = sorted(
            connection.execute("SELECT uuid, title, held_on, created_at FROM sessions"), key=lambda row: row[3]
        )
    found = []
    for index, (uuid, title, held_on, _created_at) in enumerate(rows):
        following = rows[index + 1][3] if index + 1 < len(rows) else OPEN_END
        end = f"{held_on[:10]}T23:59:59.999Z" if held_on else following
        found.append(Session(uuid, title or "", held_on, end))
    return sorted(found, key=lambda session: (session.end, session.title))


def find_session(atelier: Atelier, name: str) -> Session:
    """The session whose UUID or title is ``name``; refused with the list of them when none is."""
    known = sessions(atelier)
    for session in known:
        if name in (session.uuid, session.title):
            return session
    listed = "\n".join(f"  {session.uuid}  {session.title}" for session in known) or tr("(none)")
    raise AtelierError(
        tr("No session {name} in {atelier}. Its sessions are:\n{sessions}").format(
            name=name, atelier=atelier.name, sessions=listed
        )
    )


def compare(atelier: Atelier, first: Session | None = None, second: Session | None = None) -> Evolution:
    """What changed from the end of ``first`` to the end of ``second`` (by default the last two sessions)."""
    if first is None or second is None:
        known = sessions(atelier)
        if len(known) < 2:
            raise AtelierError(tr("The atelier has fewer than two sessions: there is nothing to compare yet."))
        first, second = first or known[-2], second or known[-1]
    if first.end > second.end:
        first, second = second, first  # "from" the earlier session, whichever order they were named in
    evolution = Evolution(first, second)
    with read_only(atelier) as connection:
        lines = connection.execute(
            "SELECT created_at, operation, table_name, feature_uuid, details FROM journal "
            "WHERE created_at > ? AND created_at <= ? ORDER BY created_at, fid",
            (first.end, second.end),
        )
    folded: dict[tuple[str, str], _Folded] = {}
    for when, operation, table, feature_uuid, details in lines:
        if table not in COMPARED_TABLES:
            continue
        values = _details(details)
        if values is None or not when or not feature_uuid:
            evolution.skipped += 1
            continue
        folded.setdefault((table, feature_uuid), _Folded()).add(when, operation, values)
    changes = [item.change(table, uuid) for (table, uuid), item in folded.items()]
    evolution.changes = _with_titles_and_places(atelier, [change for change in changes if change is not None])
    if not evolution.changes:
        with read_only(atelier) as connection:
            own = connection.execute("SELECT count(*) FROM journal WHERE session_uuid = ?", (second.uuid,))[0][0]
        evolution.second_unjournalled = not own
        evolution.message = _why_empty(evolution)
    return evolution


@dataclass
class _Folded:
    """The lines of one feature in the window, folded as they come."""

    created: bool = False
    deleted: bool = False
    fields: dict[str, None] = field(default_factory=dict)  # ordered set
    status: str | None = None
    when: str = ""
    title: str = ""
    geometry: str | None = None

    def add(self, when: str, operation: str, values: dict) -> None:
        self.when = when
        self.title = str(values.get("title") or values.get("label") or values.get("name") or self.title)
        if operation in INSERTS:
            self.created, self.deleted = not self.deleted or self.created, False
        elif operation == "delete":
            self.deleted = True
            self.geometry = values.get("geometry")
        else:
            self.fields.update(dict.fromkeys(name for name in values if name not in BOOKKEEPING))
            self.status = values.get("status", self.status)

    def change(self, table: str, feature_uuid: str) -> Change | None:
        if self.created and self.deleted:
            return None  # drawn and taken away between the two sessions: nothing to tell
        if self.deleted:
            kind = DELETED
        elif self.created:
            kind = ADDED
        elif self.status in STATUS_KINDS:
            kind = STATUS_KINDS[self.status]
        elif self.fields:
            kind = CHANGED
        else:
            return None
        fields = tuple(self.fields) if kind != ADDED else ()
        return Change(table, feature_uuid, self.title, kind, fields, self.when, self.geometry)


def _details(text) -> dict | None:
    try:
        values = json.loads(text)
    except (TypeError, ValueError):
        return None
    return values if isinstance(values, dict) else None


def _with_titles_and_places(atelier: Atelier, changes: list[Change]) -> list[Change]:
    """Each change with its feature's title and geometry as they stand now (a deleted one's as they were).

    Read through OGR, the atelier opened once for every table: a GeoDataFrame per table
    cost twice as much on the sample, and the live panel reads this after every burst of edits.
    """
    titles: dict[str, str | None] = {}
    places: dict[str, str | None] = {}
    standing = [change for change in changes if change.kind != DELETED]
    with atelier.dataset() as dataset:
        for table in sorted({change.table for change in standing}):
            label = TABLE_BY_NAME[table].label_field
            layer = dataset.GetLayerByName(table)
            uuids = [change.feature_uuid for change in standing if change.table == table]
            quoted = ", ".join(sql_text(uuid) for uuid in uuids)
            layer.SetAttributeFilter(f'"uuid" IN ({quoted})')
            definition = layer.GetLayerDefn()  # fields by index: GDAL's lookup by name costs more than the read
            uuid_index, label_index = definition.GetFieldIndex("uuid"), definition.GetFieldIndex(label or "")
            for feature in layer:
                uuid = feature.GetField(uuid_index)
                titles[uuid] = feature.GetField(label_index) if label_index >= 0 else None
                geometry = feature.GetGeometryRef()
                places[uuid] = geometry.ExportToIsoWkt() if geometry is not None else None
            layer.SetAttributeFilter(None)
    return sorted(
        (
            Change(
                change.table,
                change.feature_uuid,
                titles.get(change.feature_uuid) or change.title,
                change.kind,
                change.fields,
                change.when,
                places.get(change.feature_uuid, change.geometry),
            )
            for change in changes
        ),
        key=lambda change: (KINDS.index(change.kind), COMPARED_TABLES.index(change.table), change.title.casefold()),
    )


def _why_empty(evolution: Evolution) -> str:
    first, second = evolution.first, evolution.second
    if evolution.second_unjournalled:
        return tr("The session “{title}” has no journal entries: nothing changed since “{first}”.").format(
            title=second.title, first=first.title
        )
    return tr("Nothing changed between “{first}” and “{second}”.").format(first=first.title, second=second.title)
