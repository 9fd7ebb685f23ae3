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
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "atelier_admin"
PASSWORD = "mot-de-passe-des-tests"


@dataclass
class Cluster:
    port: int
    folder: Path

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = PASSWORD, **query) -> str:
        options = "&".join(f"{key}={value}" for key, value in query.items())
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}" + (f"?{options}" if options else "")

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
        self.sql(f'CREATE DATABASE "{name}"')
        if postgis:
            self.sql("CREATE EXTENSION postgis", database=name)
        return name


def postgres_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def start_cluster() -> Cluster:
    binaries = postgres_binaries()
    folder = Path(tempfile.mkdtemp(prefix="atelier-pg-"))
    data = folder / "data"
    run_as = _as_postgres_user(folder)
    password_file = folder / "password"
    password_file.write_text(PASSWORD)
    if run_as:
        shutil.chown(password_file, "postgres")
    _run(run_as, binaries / "initdb", "-D", data, "-U", SUPERUSER, "--pwfile", password_file, "-A", "scram-sha-256")
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} -c fsync=off"
    _run(run_as, binaries / "pg_ctl", "-D", data, "-o", options, "-l", folder / "log", "-w", "start")
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
