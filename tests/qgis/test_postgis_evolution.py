"""What changed between two sessions of a shared atelier: the same as in the file it was pushed from."""

from __future__ import annotations

from bassee_atelier_plugin.core.deliverables.evolution import compare, sessions
from bassee_atelier_plugin.core.handoff.sync import push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from tests.qgis.conftest import needs_postgres
from tests.qgis.phone import sample_copy

pytestmark = needs_postgres


def test_a_shared_atelier_compares_its_sessions_as_the_file_it_came_from(database, tmp_path):
    sample = sample_copy(tmp_path)
    create_atelier(database, "CC Bassée-Montois")
    push(sample, database)
    shared, local = open_atelier(database), open_atelier(sample)

    assert [session.title for session in sessions(shared)] == [session.title for session in sessions(local)]
    for first, second in ((0, 1), (1, 2)):
        in_file = compare(local, *(sessions(local)[index] for index in (first, second)))
        in_database = compare(shared, *(sessions(shared)[index] for index in (first, second)))
        assert in_database.changes and in_database.changes == in_file.changes
