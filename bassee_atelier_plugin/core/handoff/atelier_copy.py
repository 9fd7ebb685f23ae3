"""Copies of an atelier under another name: consistent while QGIS writes, their stored project following."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

from bassee_atelier_plugin.core.presentation.project import PROJECT_NAME


def consistent_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while QGIS writes to the atelier (WAL included)."""
    with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as reader:
        with closing(sqlite3.connect(target)) as writer:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")  # one file: no -wal beside the package


def point_project_at(connection: sqlite3.Connection, old_name: str, new_name: str) -> None:
    """The stored project names its GeoPackage by file name: it now names the package."""
    if old_name == new_name:
        return
    row = connection.execute("SELECT content FROM qgis_projects WHERE name = ?", (PROJECT_NAME,)).fetchone()
    if row is None:
        return
    stored = row[0]  # QGIS keeps the .qgz archive as text, in hexadecimal
    archive = zipfile.ZipFile(io.BytesIO(bytes.fromhex(stored)))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in archive.infolist():
            content = archive.read(entry)
            if entry.filename.endswith(".qgs"):
                content = content.replace(f"./{old_name}".encode(), f"./{new_name}".encode())
            target.writestr(entry, content)
    content = rewritten.getvalue().hex()
    connection.execute(
        "UPDATE qgis_projects SET content = ? WHERE name = ?",
        (content.upper() if stored.isupper() else content, PROJECT_NAME),
    )
