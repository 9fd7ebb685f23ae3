"""What a session's replay shows: the session asked for, and the minutes its journal changed the map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import TABLES
from bassee_atelier_plugin.core.stores.ogr_tables import sql_text
from bassee_atelier_plugin.toolbelt.i18n import tr

# the tables on the time line (see presentation/replay_layers.py), and what makes a feature appear or go
ON_THE_MAP = tuple(table.name for table in TABLES if table.tracked and table.geometry)
APPEARING = ("create", "delete", "restore")


@dataclass(frozen=True)
class Session:
    uuid: str
    title: str


def _sessions(atelier: Atelier) -> list[Session]:
    with atelier.dataset() as dataset:
        layer = dataset.GetLayerByName("sessions")
        return [Session(feature.GetField("uuid"), feature.GetField("title")) for feature in layer]


def session_titles(atelier: Atelier) -> list[str]:
    """The titles of the atelier's sessions, to choose one from."""
    return [session.title for session in _sessions(atelier)]


def find_session(atelier: Atelier, wanted: str) -> Session:
    """The session whose UUID or title (any case) is ``wanted``; a clear message naming the others if none is."""
    sessions = _sessions(atelier)
    for session in sessions:
        if wanted in (session.uuid, session.title) or wanted.casefold() == session.title.casefold():
            return session
    known = "; ".join(f"{session.title} ({session.uuid})" for session in sessions) or tr("none")
    raise AtelierError(
        tr("The atelier has no session {session}. Its sessions: {known}.").format(session=wanted, known=known)
    )


def journal_minutes(atelier: Atelier, session: Session) -> list[datetime]:
    """Each minute (UTC) in which ``session``'s journal made something appear on the map or go, in order."""
    tables = ", ".join(f"'{table}'" for table in ON_THE_MAP)
    operations = ", ".join(f"'{operation}'" for operation in APPEARING)
    minutes = set()
    with atelier.dataset() as dataset:
        journal = dataset.GetLayerByName("journal")
        journal.SetAttributeFilter(
            f"session_uuid = {sql_text(session.uuid)} AND table_name IN ({tables}) AND operation IN ({operations})"
        )
        for feature in journal:
            year, month, day, hour, minute, _second, _zone = feature.GetFieldAsDateTime("created_at")
            minutes.add(datetime(year, month, day, hour, minute, tzinfo=timezone.utc))  # the journal writes UTC
    return sorted(minutes)


ONE_MINUTE = timedelta(minutes=1)
