"""A push killed while it writes leaves the shared atelier as it was: one transaction, all or nothing."""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager

from osgeo import ogr

from bassee_atelier_plugin.core.handoff.sync import push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from tests.postgres import PASSWORD, SUPERUSER
from tests.qgis.conftest import needs_postgres
from tests.qgis.handoff_helpers import add_stakes, handoff_process, killed_once_writing

pytestmark = needs_postgres

STAKES = 20_000


def test_a_push_killed_while_writing_leaves_the_shared_atelier_as_it_was(cluster, database, new_atelier):
    name = database.rsplit("/", 1)[1]
    create_atelier(database, "CC Bassée-Montois")
    add_stakes(new_atelier, STAKES, seed=1)

    def counts() -> str:
        return cluster.sql(
            "SELECT (SELECT count(*) FROM atelier.stakes_point), (SELECT count(*) FROM atelier.journal)", name
        )

    def held_while_writing() -> bool:  # the push has written (it holds a transaction id) and waits on our row
        waiting = "backend_xid IS NOT NULL AND wait_event_type = 'Lock'"
        return cluster.sql(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' AND {waiting}") != "0"

    before = counts()
    # Killed at whatever moment a poll sees it writing, a push of a fast machine had sometimes
    # committed in the meantime: it is held instead on its last stake, which another session is
    # inserting too, uncommitted, until the kill has landed.
    with stake_inserted_uncommitted(cluster, name, last_stake_uuid(new_atelier)):
        pushing = handoff_process("push", str(new_atelier.path), database)
        killed = killed_once_writing(pushing, held_while_writing)

    assert killed and counts() == before
    push(new_atelier.path, database)  # and once more, to its end
    assert counts().split("|")[0] == str(STAKES)


def last_stake_uuid(atelier) -> str:
    with atelier.dataset() as dataset:
        result = dataset.ExecuteSQL("SELECT uuid FROM stakes_point ORDER BY fid DESC LIMIT 1")
        feature: ogr.Feature = result.GetNextFeature()
        stake_uuid = feature.GetField("uuid")
        dataset.ReleaseResultSet(result)
    return stake_uuid


@contextmanager
def stake_inserted_uncommitted(cluster, database: str, stake_uuid: str):
    """A session that inserts a stake of this UUID and holds its transaction open: whoever inserts it too waits."""
    session = subprocess.Popen(
        ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", SUPERUSER, "-d", database, "-At", "-q"],
        env={**os.environ, "PGPASSWORD": PASSWORD},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    session.stdin.write(
        "BEGIN;\n"
        f"INSERT INTO atelier.stakes_point (uuid, theme, title) VALUES ('{stake_uuid}', 'mobilite', 'en attente');\n"
        "\\echo inserted\n"
    )
    session.stdin.flush()
    assert session.stdout.readline().strip() == "inserted"
    try:
        yield
    finally:
        session.communicate("ROLLBACK;\n", timeout=60)
