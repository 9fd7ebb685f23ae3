"""A shared atelier in PostGIS against crafted names and against passwords leaking, on a throwaway cluster.

Push and pull with layers whose names hold quotes, semicolons and comment markers leave every
stored row and style as it was. However the password is given (in the address's user-info, as
its ``password`` parameter, as a libpq key=value string, in a service file or in one of QGIS's
authentication configurations), it never reaches a message, an exception, the log, the stored
project, nor what the command line prints.
"""

from __future__ import annotations

import io
import zipfile
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.sync import pull, push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import DEFAULT_STYLE_NAME, PROJECTOR_STYLE_NAME
from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier
from bassee_atelier_plugin.core.stores.postgis.address import PostgisAddress, redacted
from tests.postgres import PASSWORD, SUPERUSER
from tests.qgis.conftest import needs_postgres
from tests.qgis.postgis_helpers import name_of
from tests.qgis.shared_atelier_dialog_helpers import logged as logged  # a fixture: every message of QGIS's log
from tests.qgis.test_crafted_names import INJECTIONS, stored, with_extra_layers
from tests.qgis.test_shared_atelier_dialog_login import basic_authentication as basic_authentication
from tests.unit.test_cli import run as run_cli

pytestmark = needs_postgres

WRONG = "faux-mot-de-passe-1=1'--"  # a wrong password, itself made to break a naive redaction
SCHEMA = "bassee"


def shared_styles(cluster, database: str) -> list[str]:
    return sorted(
        cluster.sql(
            "SELECT f_table_schema, f_table_name, stylename, md5(styleqml::text) FROM public.layer_styles",
            name_of(database),
        ).splitlines()
    )


def shared_tables(cluster, database: str) -> dict[str, str]:
    """Each table of the atelier's schema and a digest of its rows."""
    names = cluster.sql(
        f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{SCHEMA}'", name_of(database)
    ).splitlines()
    return {
        name: cluster.sql(
            f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "  # nosec B608 # quoted
            f"FROM {SCHEMA}.{quoted_identifier(name)} t",
            name_of(database),
        )
        for name in names
    }


def stored_project_text(database: str, password: str | None = None) -> str:
    """The QGIS project stored in the atelier's schema, as the database holds it: every file of its archive."""
    with closing(psycopg2.connect(database, password=password or PASSWORD)) as connection:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT content FROM {SCHEMA}.qgis_projects")  # nosec B608 # constant
            [(content,)] = cursor.fetchall()
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def at(database: str, **query: str) -> str:
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    return f"{database}?schema={SCHEMA}{extra}"


# -- crafted names ----------------------------------------------------------------------------------


def test_a_push_with_crafted_layer_names_leaves_the_shared_atelier_whole(cluster, database, new_atelier):
    address = at(database)
    create_atelier(address, "CC Bassée-Montois")
    tables, styles = shared_tables(cluster, database), shared_styles(cluster, database)
    with_extra_layers(new_atelier.path, [*INJECTIONS, "a|layername=stakes_point"])
    summary = push(new_atelier.path, address)
    after = shared_tables(cluster, database)
    kept = {name for name in tables if name != "qgis_projects"}  # the project is rewritten with the new layers
    assert {name: after[name] for name in kept} == {name: tables[name] for name in kept}  # as they were
    assert set(styles) <= set(shared_styles(cluster, database))
    copied = set(after) - set(tables)
    assert len(copied) == len(INJECTIONS), copied  # each under its name, or as PostgreSQL's driver launders it
    assert all(
        cluster.sql(f"SELECT count(*) FROM {SCHEMA}.{quoted_identifier(name)}", name_of(database)) == "1"
        for name in copied
    )
    assert set(copied) <= set(open_atelier(address).layer_tables())
    assert [line for line in summary.warnings if "was not copied" in line] == [
        line for line in summary.warnings if "a|layername" in line
    ]
    assert len(summary.warnings) == 1
    assert open_atelier(address).read_only is False
    push(new_atelier.path, address)  # again: nothing new, nothing broken
    assert shared_tables(cluster, database) == after


def test_the_shared_style_clean_up_removes_no_style_of_a_crafted_table_name(cluster, database):
    create_atelier(at(database), "CC Bassée-Montois")
    styles = shared_styles(cluster, database)
    store = open_atelier(at(database)).store
    for name in INJECTIONS:
        store.drop_styles([name], [DEFAULT_STYLE_NAME, PROJECTOR_STYLE_NAME, name])
    assert shared_styles(cluster, database) == styles


def test_a_pull_of_a_shared_atelier_with_crafted_tables_keeps_the_geopackage_whole(cluster, database, tmp_path):
    create_atelier(at(database), "CC Bassée-Montois")
    for name in [*INJECTIONS, "Stakes_Point"]:
        cluster.sql(
            f"CREATE TABLE {SCHEMA}.{quoted_identifier(name)} (fid serial PRIMARY KEY, nom text); "
            f"INSERT INTO {SCHEMA}.{quoted_identifier(name)} (nom) VALUES ('x'' OR 1=1 --')",
            name_of(database),
        )
    pulled = tmp_path / "retour.gpkg"
    summary = pull(at(database), pulled)
    tables = stored(pulled)
    for name in INJECTIONS:
        assert len(tables[name]) == 1, name
    assert tables["stakes_point"] == [] and len(tables["layer_styles"]) > 10
    assert (
        [line for line in summary.warnings if "was not copied" in line]
        == [line for line in summary.warnings if "Stakes_Point" in line]
        != []
    )
    before = stored(pulled)
    pull(at(database), pulled)  # into the existing file: nothing lost
    assert stored(pulled) == before


# -- passwords -------------------------------------------------------------------------------------


def assert_nowhere(password: str, *texts: str) -> None:
    for text in texts:
        assert password not in text, text


def test_redaction_hides_every_way_a_password_is_written():
    for text in (
        f"postgresql://planner:{WRONG}@db/ateliers",
        f"postgresql://planner@db/ateliers?sslmode=require&password={WRONG}",
        f"postgresql://db/ateliers?password={WRONG}&schema=bassee",
        f"host=db password='{WRONG}' user=planner",
        "host=db password=simple user=planner",
        f"PG:dbname='ateliers' password='{WRONG}' active_schema=bassee",
    ):
        shown = redacted(text)
        assert "***" in shown and "simple" not in shown
        assert_nowhere(WRONG, shown)
    assert (
        redacted("postgresql://planner@db/ateliers?schema=bassee") == "postgresql://planner@db/ateliers?schema=bassee"
    )


def test_the_address_a_project_keeps_holds_no_password_however_given():
    for address in (
        f"postgresql://planner:{WRONG}@db/ateliers?schema=bassee",
        f"postgresql://planner@db/ateliers?password={WRONG}&schema=bassee",
    ):
        parsed = PostgisAddress.parse(address)
        kept = parsed.address()
        assert "password" not in kept and "planner@db" in kept
        assert PostgisAddress.parse(kept).schema == "bassee"
        assert_nowhere(WRONG, kept, str(parsed))


def test_a_libpq_string_instead_of_an_address_is_refused_without_its_password(cluster, database, logged):
    with pytest.raises(AtelierError, match="not a PostgreSQL address") as refused:
        create_atelier(f"host=127.0.0.1 port={cluster.port} dbname=x password={WRONG}", "CC Bassée-Montois")
    assert_nowhere(WRONG, str(refused.value), *logged)


@pytest.mark.parametrize("way", ["user-info", "parameter"])
def test_a_wrong_password_in_the_address_is_named_without_it(cluster, database, logged, way):
    address = (
        at(database.replace(f"{SUPERUSER}@", f"{SUPERUSER}:{WRONG.replace('=', '%3D')}@"))
        if way == "user-info"
        else at(database, password=WRONG.replace("=", "%3D"))
    )
    with pytest.raises(AtelierError, match="refused the user name or password") as refused:
        create_atelier(address, "CC Bassée-Montois")
    assert_nowhere(WRONG.split("=")[0], str(refused.value), repr(refused.value), *logged)
    with pytest.raises(AtelierError) as refused:
        push(Path("nowhere.gpkg"), address)
    assert_nowhere(WRONG.split("=")[0], str(refused.value), *logged)


def test_a_password_given_in_the_address_is_used_to_connect_and_kept_nowhere(cluster, database, logged, tmp_path):
    address = at(database, password=PASSWORD)  # libpq's password file has it too: the layers find it there
    atelier = create_atelier(address, "CC Bassée-Montois")
    assert_nowhere(
        PASSWORD, atelier.name, atelier.location, atelier.store.project_uri("p"), stored_project_text(database)
    )
    assert_nowhere(PASSWORD, *(atelier.layer_uri(table) for table in atelier.layer_tables()), *logged)
    pulled = tmp_path / "retour.gpkg"
    summary = pull(address, pulled)
    assert_nowhere(PASSWORD, str(summary.path), *summary.lines(), *summary.warnings, str(stored(pulled)))


def test_a_password_only_in_the_address_is_refused_saying_where_to_give_it(
    cluster, database, logged, tmp_path, monkeypatch
):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    address = at(database.replace(f"{SUPERUSER}@", f"{SUPERUSER}:{PASSWORD}@"))
    with pytest.raises(AtelierError, match="pgpass") as refused:
        create_atelier(address, "CC Bassée-Montois")
    assert "service" in str(refused.value) and "authcfg" in str(refused.value)
    assert_nowhere(PASSWORD, str(refused.value), *logged)
    assert cluster.sql(f"SELECT count(*) FROM pg_namespace WHERE nspname = '{SCHEMA}'", name_of(database)) == "0"


def test_a_push_that_brings_layers_says_where_to_give_the_password_the_layers_need(
    cluster, database, new_atelier, logged, tmp_path, monkeypatch
):
    create_atelier(at(database), "CC Bassée-Montois")
    with_extra_layers(new_atelier.path, ["territoire"])
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    address = at(database.replace(f"{SUPERUSER}@", f"{SUPERUSER}:{PASSWORD}@"))
    with pytest.raises(AtelierError, match="pgpass") as refused:
        push(new_atelier.path, address)
    assert_nowhere(PASSWORD, str(refused.value), *logged)


@pytest.fixture
def service_file(cluster, database, tmp_path, monkeypatch):
    """A libpq service file with the password in it, and no password file: ``service(password)`` names it."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    path = tmp_path / "pg_service.conf"
    monkeypatch.setenv("PGSERVICEFILE", str(path))

    def service(password: str) -> str:
        path.write_text(
            f"[atelier_tests]\nhost=127.0.0.1\nport={cluster.port}\ndbname={name_of(database)}\n"
            f"user={SUPERUSER}\npassword={password}\n"
        )
        return f"postgresql:///{name_of(database)}?service=atelier_tests&schema={SCHEMA}"

    return service


def test_a_password_from_a_service_file_is_kept_nowhere(cluster, database, service_file, logged, tmp_path):
    with pytest.raises(AtelierError, match="refused the user name or password") as refused:
        create_atelier(service_file(WRONG), "CC Bassée-Montois")
    assert_nowhere(WRONG, str(refused.value), *logged)
    address = service_file(PASSWORD)
    atelier = create_atelier(address, "CC Bassée-Montois")
    assert "service=atelier_tests" in atelier.location
    assert_nowhere(PASSWORD, atelier.name, atelier.location, stored_project_text(database), *logged)
    finished = run_cli("pull", address, str(tmp_path / "retour.gpkg"))
    assert finished.returncode == 0, finished.stderr
    assert_nowhere(PASSWORD, finished.stdout, finished.stderr)


def test_a_password_from_an_authentication_configuration_is_kept_nowhere(
    cluster,
    database,
    basic_authentication,
    logged,
    tmp_path,
    monkeypatch,  # noqa: F811
):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    server = f"postgresql://127.0.0.1:{cluster.port}/{name_of(database)}"
    wrong = f"{server}?authcfg={basic_authentication(SUPERUSER, WRONG)}&schema={SCHEMA}"
    with pytest.raises(AtelierError, match="refused the user name or password") as refused:
        create_atelier(wrong, "CC Bassée-Montois")
    assert_nowhere(WRONG, str(refused.value), *logged)
    right = f"{server}?authcfg={basic_authentication(SUPERUSER, PASSWORD)}&schema={SCHEMA}"
    atelier = create_atelier(right, "CC Bassée-Montois")
    assert "authcfg=" in atelier.location
    assert_nowhere(PASSWORD, atelier.name, atelier.location, *logged)
    assert_nowhere(PASSWORD, stored_project_text(database.replace(f"{SUPERUSER}@", f"{SUPERUSER}:{PASSWORD}@")))


def test_the_command_line_prints_no_password_however_given(cluster, database, new_atelier):
    given = at(database, password=PASSWORD)
    created = run_cli("init", given, "--territory", "CC Bassée-Montois")
    assert created.returncode == 0, created.stderr
    pushed = run_cli("push", str(new_atelier.path), given)
    pulled = run_cli("pull", given, str(new_atelier.path.with_name("retour.gpkg")))
    assert pushed.returncode == 0 and pulled.returncode == 0, pushed.stderr + pulled.stderr
    wrong = at(database.replace(f"{SUPERUSER}@", f"{SUPERUSER}:{WRONG.replace('=', '%3D')}@"))
    refused = [
        run_cli("init", wrong, "--territory", "CC Bassée-Montois"),
        run_cli("push", str(new_atelier.path), wrong),
        run_cli("pull", at(database, password="autre-faux"), str(new_atelier.path.with_name("x.gpkg"))),
    ]
    assert all(finished.returncode == 2 for finished in refused), [finished.stderr for finished in refused]
    for finished in [created, pushed, pulled, *refused]:
        assert_nowhere(PASSWORD, finished.stdout, finished.stderr)
        assert_nowhere("faux-mot-de-passe", finished.stdout, finished.stderr)
        assert_nowhere("autre-faux", finished.stdout, finished.stderr)
