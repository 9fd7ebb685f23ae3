"""Plain SQL reads of an atelier, the same whatever store keeps it.

The roadmap, its links and the deliverables read several tables at once, which SQL does
in one query where OGR would need a loop per table. The queries are written in the SQL
both SQLite and PostgreSQL speak, with ``?`` for parameters; the rows come back with the
same Python values from every store (see stores.base.ReadConnection).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.stores.base import ReadConnection


@contextmanager
def read_only(atelier: Atelier) -> Iterator[ReadConnection]:
    """A connection that cannot change the atelier, closed on leaving the block."""
    with atelier.store.read_connection() as connection:
        yield connection
