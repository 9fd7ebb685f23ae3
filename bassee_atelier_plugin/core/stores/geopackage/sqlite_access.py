"""How SQLite reaches an atelier file, whatever its name and wherever it is.

A planner's file names hold spaces, accents, apostrophes, '#' or '%' ("Atelier Bassée v2 - relu
l'été.gpkg"), and sit on a drive (C:/...) or a network share (//server/share/...): SQLite's URI
percent-encodes the path after the three slashes of an empty authority.

A file in write-ahead-logging mode (every atelier the plugin has edited) cannot be read in a
folder this user cannot write to (a read-only share, a locked USB key): SQLite must make its
shared-memory index beside it, and QGIS's project storage opens it for writing. Read as
immutable, it would silently miss the edits still in its ``-wal`` file: it is refused with a
sentence instead, and left untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import quote

from bassee_atelier_plugin.toolbelt.i18n import tr

WAL_MODE = 2  # the file header's read and write versions (bytes 18 and 19) in write-ahead logging


def read_uri(path: str | os.PathLike) -> str:
    """The ``file:`` URI that opens ``path`` read-only (``sqlite3.connect(uri, uri=True)``)."""
    posix = Path(path).resolve().as_posix()  # C:/x/a.gpkg, //server/share/a.gpkg or /home/x/a.gpkg
    return f"file://{'' if posix.startswith('/') else '/'}{quote(posix, safe='/:')}?mode=ro"


def unreadable_here(path: Path) -> str | None:
    """Why SQLite cannot read the atelier at ``path`` where it is, or None when it can."""
    if not _in_wal_mode(path) or _can_write_in(path.parent):
        return None
    return tr(
        "{path} was last edited in QGIS and sits in a folder this computer cannot write to, where it cannot be "
        "read: copy it (with its -wal file, if there is one) to a folder you can write to, and open the copy."
    ).format(path=path)


def _can_write_in(folder: Path) -> bool:
    """Tried rather than asked: Windows answers os.access for a folder by its attributes, not its rights."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _in_wal_mode(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            header = file.read(20)
    except OSError:
        return False  # SQLite's own open says what is wrong
    return len(header) == 20 and header[18] == WAL_MODE
