"""Shared ateliers in PostGIS, on a throwaway PostgreSQL cluster started for these tests.

Creating and opening one, every refusal, and several QGIS processes writing at once; pushing
and pulling between a GeoPackage and a shared atelier is in test_postgis_sync.py.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
import uuid

import psycopg2
import pytest
from qgis.core import QgsDataSourceUri, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import COMMUNE_TABLES, DELETED_TABLES, SCHEMA_VERSION, TABLES
from bassee_atelier_plugin.core.model.thesauri import THESAURI
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import PROJECTOR_STYLE_NAME, project_uri
from bassee_atelier_plugin.core.stores.ogr_tables import METADATA_TABLE
from bassee_atelier_plugin.core.stores.postgis.address import PostgisAddress, redacted
from bassee_atelier_plugin.core.stores.postgis.listening import NOTIFY_CHANNEL
from bassee_atelier_plugin.core.stores.postgis.store import FIRST_SHARED_SCHEMA
from tests.postgres import PASSWORD, SUPERUSER
from tests.qgis.conftest import needs_postgres
from tests.qgis.postgis_helpers import REPOSITORY, name_of

pytestmark = needs_postgres


def test_init_creates_every_table_with_its_thesaurus_and_metadata(cluster, database):
    metadata = create_atelier(database, "CC Bassée-Montois").metadata

    name = PostgisAddress.parse(database).connection.split("/")[-1].split("?")[0]
    tables = set(
        cluster.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'atelier'", name).split()
    )
    assert {table.name for table in TABLES} | {METADATA_TABLE} <= tables
    themes = cluster.sql("SELECT count(*) FROM atelier.thesaurus_themes", name)
    assert int(themes) == len(next(thesaurus for thesaurus in THESAURI if thesaurus.name == "themes").terms)
    assert open_atelier(database).metadata == metadata
    assert metadata.schema_version == SCHEMA_VERSION and metadata.territory == "CC Bassée-Montois"


def test_init_stores_the_styles_and_a_project_whose_layers_redraw_on_every_commit(cluster, database):
    create_atelier(database, "CC Bassée-Montois")

    project = QgsProject()
    assert project.read(project_uri(open_atelier(database)))
    layers = {layer_table(layer): layer for layer in project.mapLayers().values()}
    assert {table.name for table in TABLES} <= set(layers)
    stakes = layers["stakes_point"]
    assert stakes.isValid() and stakes.renderer().type() == "categorizedSymbol"
    assert stakes.isRefreshOnNotifyEnabled() and stakes.refreshOnNotifyMessage() == "atelier.stakes_point"
    assert PROJECTOR_STYLE_NAME in stakes.styleManager().styles()
    assert PASSWORD not in stakes.source()
    stored = cluster.sql("SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'atelier'", name_of(database))
    assert int(stored) > len(TABLES)


def test_the_database_keeps_uuids_timestamps_and_looks_as_the_geopackage_does(cluster, database):
    create_atelier(database, "CC Bassée-Montois")
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
    create_atelier(database, "CC Bassée-Montois")
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
        create_atelier(database, "CC Bassée-Montois")
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
    # the server's words through GDAL 3.6; GDAL 3.10 names only the statement refused
    refusal = (
        r"nothing was left of it: "
        r"(ERROR:  no journal here|PostgreSQL refused CREATE TABLE \"atelier\"\.\"journal\"$)"
    )
    with pytest.raises(AtelierError, match=refusal):
        create_atelier(database, "CC Bassée-Montois")
    assert cluster.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'atelier'", name) == "0"


def test_a_schema_that_is_not_an_atelier_is_named_so(cluster, database):
    cluster.sql("CREATE SCHEMA autre", database.rsplit("/", 1)[1])
    with pytest.raises(AtelierError, match="not an atelier"):
        open_atelier(database + "?schema=autre")


@pytest.mark.parametrize(
    ("version", "refusal"),
    [
        (SCHEMA_VERSION + 1, "newer version of the plugin"),
        (FIRST_SHARED_SCHEMA - 1, "cannot upgrade a shared atelier"),  # never made: no upgrade from it
    ],
)
def test_a_newer_or_older_schema_version_is_refused_with_a_message(cluster, database, version, refusal):
    create_atelier(database, "CC Bassée-Montois")
    cluster.sql(
        f"UPDATE atelier.{METADATA_TABLE} SET value = '{version}' WHERE key = 'SCHEMA_VERSION'", name_of(database)
    )
    with pytest.raises(AtelierError, match=refusal):
        open_atelier(database)
    assert cluster.sql(
        f"SELECT value FROM atelier.{METADATA_TABLE} WHERE key = 'SCHEMA_VERSION'", name_of(database)
    ) == str(version)


SCHEMA_9_CONFLICT_FIELDS = ("field_name", "kept_author", "kept_value", "other_author", "other_value")
CONFLICT_COLUMNS = (
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'atelier' "
    "AND table_name = 'merge_conflicts' ORDER BY ordinal_position"
)


def make_shared_schema(cluster, name: str, version: int) -> None:
    """Turn a new shared atelier into one of an older schema (7 to 11): no table of the deleted features, before 10
    no feature named its communes, and before 9 its merge conflicts named no field."""
    for table in DELETED_TABLES:
        cluster.sql(f"DROP TABLE atelier.{table}", name)
    cluster.sql("DELETE FROM public.layer_styles WHERE f_table_name LIKE 'deleted_%'", name)
    if version >= 10:
        cluster.sql(f"UPDATE atelier.{METADATA_TABLE} SET value = '{version}' WHERE key = 'SCHEMA_VERSION'", name)
        return
    for table in COMMUNE_TABLES:
        cluster.sql(f"ALTER TABLE atelier.{table} DROP COLUMN communes", name)
    if version < 9:
        drops = ", ".join(f"DROP COLUMN {field}" for field in SCHEMA_9_CONFLICT_FIELDS)
        cluster.sql(f"ALTER TABLE atelier.merge_conflicts {drops}", name)
    cluster.sql(f"UPDATE atelier.{METADATA_TABLE} SET value = '{version}' WHERE key = 'SCHEMA_VERSION'", name)


@pytest.mark.parametrize("version", [7, 8])
def test_an_older_shared_atelier_is_upgraded_in_place_keeping_its_conflicts(cluster, database, version):
    from bassee_atelier_plugin.core.lifecycle.validation import validate

    create_atelier(database, "CC Bassée-Montois")
    name = name_of(database)
    make_shared_schema(cluster, name, version)
    cluster.sql(
        "INSERT INTO atelier.merge_conflicts (table_name, feature_uuid, kept_from, other_from, kept_version, reviewed, "
        "updated_at) VALUES ('stakes_point', 'a1', 'laptop-a.gpkg', 'laptop-b.gpkg', '{}', false, '2026-01-01')",
        name,
    )
    rows = f"SELECT key, value FROM atelier.{METADATA_TABLE} WHERE key <> 'SCHEMA_VERSION' ORDER BY key"
    before = cluster.sql(rows, name)
    conflict = "SELECT table_name, feature_uuid, kept_from, other_from, kept_version FROM atelier.merge_conflicts"

    atelier = open_atelier(database)

    assert atelier.metadata.schema_version == SCHEMA_VERSION == 12
    assert cluster.sql(f"SELECT value FROM atelier.{METADATA_TABLE} WHERE key = 'SCHEMA_VERSION'", name) == "12"
    assert cluster.sql(rows, name) == before and open_atelier(database).metadata == atelier.metadata
    assert cluster.sql(conflict, name) == "stakes_point|a1|laptop-a.gpkg|laptop-b.gpkg|{}"
    assert cluster.sql(CONFLICT_COLUMNS, name).split()[-5:] == list(SCHEMA_9_CONFLICT_FIELDS)
    cluster.sql("UPDATE atelier.merge_conflicts SET field_name = 'theme', kept_value = '\"eau_risques\"'", name)
    written = "SELECT field_name, kept_value, updated_at > '2026-01-02' FROM atelier.merge_conflicts"
    assert cluster.sql(written, name) == 'theme|"eau_risques"|t'  # writable, and the write stamped the row
    assert validate(database) == []


def test_a_shared_atelier_of_schema_11_gets_the_tables_of_its_deleted_features_filled_from_its_journal(
    cluster, database
):
    from bassee_atelier_plugin.core.atelier.writer import writer

    atelier = create_atelier(database, "CC Bassée-Montois")
    with writer(atelier, author="Claire") as edits:
        gone = edits.insert("stakes_point", {"theme": "mobilite", "title": "Gare"}, "POINT (716000 6813000)")
        edits.delete("stakes_point", gone)
    name = name_of(database)
    make_shared_schema(cluster, name, 11)

    upgraded = open_atelier(database)

    assert cluster.sql("SELECT uuid, title, deleted_at IS NOT NULL FROM atelier.deleted_stakes_point", name) == (
        f"{gone}|Gare|t"
    )
    assert set(DELETED_TABLES) <= set(upgraded.layer_tables())
    project = QgsProject()
    assert project.read(project_uri(upgraded))  # the new layers are in the stored project, on the time line
    deleted = [layer for layer in project.mapLayers().values() if layer_table(layer) in DELETED_TABLES]
    assert len(deleted) == len(DELETED_TABLES) and all(layer.temporalProperties().isActive() for layer in deleted)


def test_a_failed_shared_upgrade_is_undone_whole_and_says_why(cluster, database):
    create_atelier(database, "CC Bassée-Montois")
    name = name_of(database)
    make_shared_schema(cluster, name, 8)
    columns = cluster.sql(CONFLICT_COLUMNS, name)
    role = f"owner_{uuid.uuid4().hex[:8]}"  # may add the columns, but not write the new version
    cluster.sql(f"CREATE ROLE {role} LOGIN PASSWORD 'conflits'")
    cluster.sql(
        f"GRANT USAGE ON SCHEMA atelier TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA atelier TO {role}; "
        f"ALTER TABLE atelier.merge_conflicts OWNER TO {role}",
        name,
    )

    with pytest.raises(AtelierError, match=r"older shared atelier \(schema 8\), and it could not be upgraded"):
        open_atelier(cluster.url(name, user=role, password="conflits"))
    assert cluster.sql(f"SELECT value FROM atelier.{METADATA_TABLE} WHERE key = 'SCHEMA_VERSION'", name) == "8"
    assert cluster.sql(CONFLICT_COLUMNS, name) == columns  # the columns added before the refusal are gone


def test_a_user_who_may_only_read_a_shared_atelier_of_schema_7_is_told_it_could_not_be_upgraded(cluster, database):
    create_atelier(database, "CC Bassée-Montois")
    name = name_of(database)
    role = f"reader_{uuid.uuid4().hex[:8]}"
    make_shared_schema(cluster, name, 7)
    cluster.sql(f"CREATE ROLE {role} LOGIN PASSWORD 'lecture'")
    cluster.sql(
        f"GRANT USAGE ON SCHEMA atelier TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA atelier TO {role}", name
    )

    with pytest.raises(AtelierError, match=r"older shared atelier \(schema 7\), and it could not be upgraded"):
        open_atelier(cluster.url(name, user=role, password="lecture"))
    assert cluster.sql(f"SELECT value FROM atelier.{METADATA_TABLE} WHERE key = 'SCHEMA_VERSION'", name) == "7"


def test_a_database_without_postgis_is_refused_and_left_as_it_was(cluster):
    name = cluster.new_database(f"plain_{uuid.uuid4().hex[:8]}", postgis=False)
    with pytest.raises(AtelierError, match="no PostGIS"):
        create_atelier(cluster.url(name), "CC Bassée-Montois")
    assert cluster.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'atelier'", name) == "0"


def test_a_user_who_may_not_create_a_schema_is_told_so_and_nothing_is_made(cluster, database):
    role = f"visitor_{uuid.uuid4().hex[:8]}"
    cluster.sql(f"CREATE ROLE {role} LOGIN PASSWORD 'visite'")
    cluster.sql(f'REVOKE CREATE ON DATABASE "{name_of(database)}" FROM PUBLIC')
    visitor = cluster.url(name_of(database), user=role, password="visite")
    with pytest.raises(AtelierError, match="does not let this user create a schema") as refused:
        create_atelier(visitor, "CC Bassée-Montois")
    assert "visite'" not in str(refused.value)
    schemata = "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'atelier'"
    assert cluster.sql(schemata, name_of(database)) == "0"


def test_wrong_credentials_and_an_unreachable_server_are_named_without_the_password(cluster, database):
    wrong = cluster.url(name_of(database), password="pas-le-bon")
    with pytest.raises(AtelierError, match="refused the user name or password") as refused:
        create_atelier(wrong, "CC Bassée-Montois")
    assert "pas-le-bon" not in str(refused.value) and "***" in str(refused.value)
    unreachable = database.replace(f":{cluster.port}/", ":1/")
    with pytest.raises(AtelierError, match="No PostgreSQL server answers") as silent:
        create_atelier(unreachable, "CC Bassée-Montois")
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


# -- several tables at once ------------------------------------------------------------------------


def test_three_qgis_processes_writing_at_once_lose_nothing(cluster, database):
    create_atelier(database, "CC Bassée-Montois")
    processes = [worker(database, "--count", "200", "--label", label) for label in ("nord", "centre", "sud")]
    outputs = [process.communicate(timeout=300) for process in processes]

    acknowledged = set()
    for process, (output, errors) in zip(processes, outputs):
        assert process.returncode == 0, errors
        lines = output.splitlines()
        assert lines[0] == "ready" and lines[-1] == "done"
        acknowledged |= {line.split()[1] for line in lines if line.startswith("committed ")}
    assert len(acknowledged) == 600
    stored = set(cluster.sql("SELECT uuid FROM atelier.stakes_point", database.rsplit("/", 1)[1]).split())
    assert acknowledged == stored


def test_a_layer_refreshes_when_another_process_commits(cluster, database):
    create_atelier(database, "CC Bassée-Montois")
    layer = postgres_layer(cluster, database, "stakes_point")
    layer.setRefreshOnNotifyEnabled(True)
    layer.setRefreshOnNofifyMessage("atelier.stakes_point")  # QGIS 3.22 spells it so
    repaints = []
    layer.repaintRequested.connect(lambda *_: repaints.append(True))
    wait_for(lambda: False, seconds=1)  # QGIS's listener connects in the background

    writer = worker(database, "--count", "1", "--label", "table 2")
    output, errors = writer.communicate(timeout=120)
    assert writer.returncode == 0, errors
    uuid = next(line.split()[1] for line in output.splitlines() if line.startswith("committed "))

    assert wait_for(lambda: bool(repaints), seconds=10), "the layer was not told of the other process's commit"
    assert [feature["title"] for feature in layer.getFeatures(f"uuid = '{uuid}'")] == ["table 2 0"]


def postgres_layer(cluster, database: str, table: str) -> QgsVectorLayer:
    uri = QgsDataSourceUri()
    uri.setConnection("127.0.0.1", str(cluster.port), name_of(database), SUPERUSER, "")  # the password from PGPASSFILE
    uri.setDataSource("atelier", table, "geom", "", "fid")
    layer = QgsVectorLayer(uri.uri(False), table, "postgres")
    assert layer.isValid(), layer.error().summary()
    return layer


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def worker(address: str, *arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.edit_worker", address, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=REPOSITORY,
    )
