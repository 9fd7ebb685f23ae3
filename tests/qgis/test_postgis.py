"""Shared ateliers in PostGIS, on a throwaway PostgreSQL cluster started for these tests."""

from __future__ import annotations

import itertools
import select
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.postgis import (
    METADATA_TABLE,
    NOTIFY_CHANNEL,
    PostgisAddress,
    init_postgis,
    read_postgis_metadata,
    redacted,
)
from bassee_atelier_plugin.core.schema import SCHEMA_VERSION, TABLES, THESAURI
from tests.postgres import PASSWORD, postgres_binaries, start_cluster, stop_cluster

REPOSITORY = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    postgres_binaries() is None, reason="PostgreSQL is not installed (make test installs it)"
)
_names = itertools.count()


@pytest.fixture(scope="module")
def cluster():
    running = start_cluster()
    yield running
    stop_cluster(running)


@pytest.fixture
def database(cluster, qgis_app) -> str:
    """A new database with PostGIS, and the address of an atelier schema in it."""
    name = cluster.new_database(f"atelier_{next(_names)}")
    return cluster.url(name)


def test_init_creates_every_table_with_its_thesaurus_and_metadata(cluster, database):
    metadata = init_postgis(database, "CC Bassée-Montois")

    name = PostgisAddress.parse(database).connection.split("/")[-1].split("?")[0]
    tables = set(
        cluster.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'atelier'", name).split()
    )
    assert {table.name for table in TABLES} | {METADATA_TABLE} <= tables
    themes = cluster.sql("SELECT count(*) FROM atelier.thesaurus_themes", name)
    assert int(themes) == len(next(thesaurus for thesaurus in THESAURI if thesaurus.name == "themes").terms)
    assert read_postgis_metadata(database) == metadata
    assert metadata.schema_version == SCHEMA_VERSION and metadata.territory == "CC Bassée-Montois"


def test_the_database_keeps_uuids_timestamps_and_looks_as_the_geopackage_does(cluster, database):
    init_postgis(database, "CC Bassée-Montois")
    name = database.rsplit("/", 1)[1]
    row = cluster.sql(
        "INSERT INTO atelier.stakes_point (theme, status, votes_for, geom) "
        "VALUES ('energie', 'retenu', 5, ST_SetSRID(ST_MakePoint(710000, 6810000), 2154)) "
        "RETURNING uuid, look, updated_at",
        name,
    )
    uuid, look, created = row.split("|")
    assert len(uuid) == 36 and look == "energie:retenu:2"
    cluster.sql(f"UPDATE atelier.stakes_point SET moderation = 'pending' WHERE uuid = '{uuid}'", name)
    look, updated = cluster.sql(f"SELECT look, updated_at FROM atelier.stakes_point WHERE uuid = '{uuid}'", name).split(
        "|"
    )
    assert look == "moderation" and updated > created


def test_every_change_raises_a_notification_naming_its_table(cluster, database):
    init_postgis(database, "CC Bassée-Montois")
    listener = psycopg2.connect(database)
    listener.autocommit = True
    listener.cursor().execute(f"LISTEN {NOTIFY_CHANNEL}")
    cluster.sql("INSERT INTO atelier.notes (text) VALUES ('Le bac de Bray')", database.rsplit("/", 1)[1])
    readable, _writable, _errors = select.select([listener], [], [], 10)
    assert readable, "no notification within 10 s"
    listener.poll()
    assert [notice.payload for notice in listener.notifies] == ["atelier.notes"]
    listener.close()


def test_an_existing_schema_is_left_untouched(cluster, database):
    name = database.rsplit("/", 1)[1]
    cluster.sql(
        "CREATE SCHEMA atelier; CREATE TABLE atelier.precieux (texte text); INSERT INTO atelier.precieux VALUES ('x')",
        name,
    )
    with pytest.raises(AtelierError, match="already exists"):
        init_postgis(database, "CC Bassée-Montois")
    assert cluster.sql("SELECT texte FROM atelier.precieux", name) == "x"


def test_a_failure_half_way_leaves_no_schema_behind(cluster, database):
    name = database.rsplit("/", 1)[1]
    cluster.sql(  # the server itself refuses the journal table, once the others are made
        "CREATE FUNCTION refuse_journal() RETURNS event_trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'atelier.journal') "
        "THEN RAISE EXCEPTION 'no journal here'; END IF; END $$; "
        "CREATE EVENT TRIGGER refuse_journal ON ddl_command_end EXECUTE FUNCTION refuse_journal()",
        name,
    )
    with pytest.raises(AtelierError, match="nothing was left of it: ERROR:  no journal here"):
        init_postgis(database, "CC Bassée-Montois")
    assert cluster.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'atelier'", name) == "0"


def test_a_schema_that_is_not_an_atelier_is_named_so(cluster, database):
    cluster.sql("CREATE SCHEMA autre", database.rsplit("/", 1)[1])
    with pytest.raises(AtelierError, match="not an atelier"):
        read_postgis_metadata(database + "?schema=autre")


def test_a_newer_schema_version_is_refused_with_a_message(cluster, database):
    init_postgis(database, "CC Bassée-Montois")
    cluster.sql(
        f"UPDATE atelier.{METADATA_TABLE} SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'SCHEMA_VERSION'",
        database.rsplit("/", 1)[1],
    )
    with pytest.raises(AtelierError, match="newer version of the plugin"):
        read_postgis_metadata(database)


def test_a_database_without_postgis_is_refused_and_left_as_it_was(cluster):
    name = cluster.new_database(f"plain_{next(_names)}", postgis=False)
    with pytest.raises(AtelierError, match="no PostGIS"):
        init_postgis(cluster.url(name), "CC Bassée-Montois")
    assert cluster.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'atelier'", name) == "0"


def test_wrong_credentials_and_an_unreachable_server_are_named_without_the_password(cluster, database):
    wrong = database.replace(PASSWORD, "pas-le-bon")
    with pytest.raises(AtelierError, match="refused the user name or password") as refused:
        init_postgis(wrong, "CC Bassée-Montois")
    assert "pas-le-bon" not in str(refused.value)
    unreachable = database.replace(f":{cluster.port}/", ":1/")
    with pytest.raises(AtelierError, match="No PostgreSQL server answers") as silent:
        init_postgis(unreachable, "CC Bassée-Montois")
    assert PASSWORD not in str(silent.value)


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("mysql://localhost/atelier", "not a PostgreSQL address"),
        ("postgresql://localhost/atelier?schema=Atelier;DROP", "not a usable schema name"),
    ],
)
def test_an_address_that_cannot_be_an_atelier_is_refused(address, message):
    with pytest.raises(AtelierError, match=message):
        PostgisAddress.parse(address)


def test_passwords_never_reach_a_message():
    assert redacted("postgresql://planner:secret@db.example:5432/ateliers") == (
        "postgresql://planner:***@db.example:5432/ateliers"
    )
    assert "secret" not in str(PostgisAddress.parse("postgresql://planner:secret@db/ateliers?schema=bassee"))


def test_init_from_the_command_line(cluster, database):
    command = [sys.executable, "-m", "bassee_atelier_plugin", "init", database + "?schema=bassee"]
    finished = subprocess.run(
        [*command, "--territory", "CC Bassée-Montois"], cwd=REPOSITORY, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 0, finished.stderr
    assert "schema bassee" in finished.stdout and PASSWORD not in finished.stdout
    again = subprocess.run(
        [*command, "--territory", "CC Bassée-Montois"], cwd=REPOSITORY, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 2 and "already exists" in again.stderr and PASSWORD not in again.stderr
