"""A push killed while it writes leaves the shared atelier as it was: one transaction, all or nothing."""

from __future__ import annotations

from bassee_atelier_plugin.core.handoff.sync import push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from tests.qgis.conftest import needs_postgres
from tests.qgis.handoff_helpers import add_stakes, handoff_process, killed_once_writing

pytestmark = needs_postgres

STAKES = 20_000  # long enough a push for a kill to land in the middle of it


def test_a_push_killed_while_writing_leaves_the_shared_atelier_as_it_was(cluster, database, new_atelier):
    name = database.rsplit("/", 1)[1]
    create_atelier(database, "CC Bassée-Montois")
    add_stakes(new_atelier, STAKES, seed=1)

    def counts() -> str:
        return cluster.sql(
            "SELECT (SELECT count(*) FROM atelier.stakes_point), (SELECT count(*) FROM atelier.journal)", name
        )

    def writing() -> bool:  # a transaction of another session that has written: it holds a transaction id
        return (
            cluster.sql(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' AND backend_xid IS NOT NULL")
            != "0"
        )

    before = counts()
    pushing = handoff_process("push", str(new_atelier.path), database)

    killed = killed_once_writing(pushing, writing)

    assert killed and counts() == before
    push(new_atelier.path, database)  # and once more, to its end
    assert counts().split("|")[0] == str(STAKES)
