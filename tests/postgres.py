"""A throwaway PostgreSQL cluster with PostGIS, on a loopback port, for the tests of shared ateliers.

``make test`` installs Debian's PostgreSQL and PostGIS; the cluster lives in a temporary
folder, listens on 127.0.0.1 only, and is stopped (and removed) when the tests end. As root,
PostgreSQL's own commands run as the ``postgres`` user, as PostgreSQL requires.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "atelier_admin"
PASSWORD = "mot-de-passe-des-tests"
POSTGIS_TEMPLATE = "template_postgis"  # PostGIS installed once; each new database is a copy


@dataclass
class Cluster:
    port: int
    folder: Path
    _postgis_template: bool = field(default=False, repr=False)

    @property
    def password_file(self) -> Path:
        """Point PGPASSFILE here, and libpq (psycopg2, GDAL, QGIS) finds the password by itself."""
        return self.folder / "pgpass"

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = PASSWORD) -> str:
        """A libpq address; without ``password``, libpq looks in :attr:`password_file` (set PGPASSFILE)."""
        credentials = f"{user}:{password}" if password is not None else user
        return f"postgresql://{credentials}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> str:
        """Run SQL as the superuser with psql; its output, unaligned."""
        finished = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d", database, "-At", "-c", statement],
            env={**os.environ, "PGPASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            check=True,
        )
        return finished.stdout.strip()

    def new_database(self, name: str, postgis: bool = True) -> str:
        """A new database, with PostGIS unless told otherwise.

        With PostGIS, it is a copy of a database where ``CREATE EXTENSION postgis`` ran once:
        copying a template takes a fraction of the time of making PostGIS's functions and types.
        """
        if not postgis:
            self.sql(f'CREATE DATABASE "{name}"')
            return name
        if not self._postgis_template:
            self.sql(f'CREATE DATABASE "{POSTGIS_TEMPLATE}"')
            self.sql("CREATE EXTENSION postgis", database=POSTGIS_TEMPLATE)
            self._postgis_template = True
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{POSTGIS_TEMPLATE}"')
        return name


def postgres_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def start_cluster(durable: bool = False) -> Cluster:
    """A new cluster; ``durable`` keeps PostgreSQL's fsync on, as a real server has it (benchmarks)."""
    binaries = postgres_binaries()
    folder = Path(tempfile.mkdtemp(prefix="atelier-pg-"))
    data = folder / "data"
    run_as = _as_postgres_user(folder)
    initial_password = folder / "initial-password"
    initial_password.write_text(PASSWORD)
    if run_as:
        shutil.chown(initial_password, "postgres")
    _run(run_as, binaries / "initdb", "-D", data, "-U", SUPERUSER, "--pwfile", initial_password, "-A", "scram-sha-256")
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder}"
    if not durable:
        options += " -c fsync=off"  # the tests check what is written, not that it survives a power cut
    _run(run_as, binaries / "pg_ctl", "-D", data, "-o", options, "-l", folder / "log", "-w", "start")
    # libpq's password file, as a planner's machine has it: addresses and layers carry no password
    password_file = folder / "pgpass"
    password_file.write_text(f"127.0.0.1:{port}:*:{SUPERUSER}:{PASSWORD}\n")
    password_file.chmod(0o600)
    return Cluster(port, folder)


def stop_cluster(cluster: Cluster) -> None:
    run_as = _as_postgres_user(None)
    _run(run_as, postgres_binaries() / "pg_ctl", "-D", cluster.folder / "data", "-m", "immediate", "-w", "stop")
    shutil.rmtree(cluster.folder, ignore_errors=True)


def _as_postgres_user(folder: Path | None) -> list[str]:
    """The prefix that runs a command as ``postgres`` when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return []
    if folder is not None:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _run(prefix: list[str], *command) -> None:
    subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True, cwd="/")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
