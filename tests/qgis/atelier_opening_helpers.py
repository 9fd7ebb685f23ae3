"""What both files of the tests of opening ateliers share: a file's digest, and a schema version set by hand."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.stores.ogr_tables import METADATA_TABLE


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_schema_version(atelier: Atelier, version: int | str) -> None:
    with closing(sqlite3.connect(atelier.path)) as connection, connection:
        connection.execute(f"UPDATE {METADATA_TABLE} SET value = ? WHERE key = 'SCHEMA_VERSION'", (str(version),))
