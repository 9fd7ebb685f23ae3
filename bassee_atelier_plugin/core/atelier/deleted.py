"""The deleted stakes and sketches of an atelier older than their tables, read back from its journal.

From schema 12 the feature writer keeps each deleted stake or sketch in a table of its own
(see ``FeatureWriter.keep_deleted``). What was deleted before is still in the journal: its line
``delete`` holds the feature's fields and its geometry as WKT.
"""

from __future__ import annotations

import json

from bassee_atelier_plugin.core.atelier.writer import JOURNAL, FeatureWriter, iso_datetime
from bassee_atelier_plugin.core.model.schema import DELETED_COPIES

APPEARING = ("create", "delete", "restore")  # the lines that say whether a feature is there or gone


def keep_journalled_deletions(dataset) -> int:
    """Fill the tables of the deleted from ``dataset``'s journal, in one transaction; return how many were kept.

    A feature is deleted when the last of its lines that create, delete or restore it is a
    deletion (an undone deletion brings it back). A line that cannot be read is passed over.
    """
    tables = ", ".join(f"'{table}'" for table in DELETED_COPIES)
    operations = ", ".join(f"'{operation}'" for operation in APPEARING)
    lines = dataset.ExecuteSQL(  # SQL that SQLite and PostgreSQL both read
        f"SELECT table_name, feature_uuid, operation, details, created_at FROM {JOURNAL} "
        f"WHERE table_name IN ({tables}) AND operation IN ({operations}) "  # nosec B608 # constant names
        "ORDER BY created_at, fid"
    )
    last = {}
    for line in lines:
        last[(line.GetField(0), line.GetField(1))] = (line.GetField(2), line.GetField(3), iso_datetime(line, 4))
    dataset.ReleaseResultSet(lines)
    writer = FeatureWriter(dataset, author=None, session_uuid=None)
    kept = 0
    with writer.transaction():
        for (table, feature_uuid), (operation, details, deleted_at) in last.items():
            values = _values(details) if operation == "delete" else None
            if values is not None:
                writer.keep_deleted(table, {**values, "uuid": feature_uuid}, values.get("geometry"), deleted_at)
                kept += 1
    return kept


def _values(details: str | None) -> dict | None:
    try:
        values = json.loads(details or "")
    except ValueError:
        return None
    return values if isinstance(values, dict) else None
