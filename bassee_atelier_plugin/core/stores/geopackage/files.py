"""An atelier GeoPackage as a file: opening it beside another QGIS, its metadata, consistent copies."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from contextlib import closing
from pathlib import Path

from osgeo import gdal

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata
from bassee_atelier_plugin.core.stores.geopackage.sqlite_access import read_uri
from bassee_atelier_plugin.core.stores.geopackage.stored_projects import point_projects_at
from bassee_atelier_plugin.core.stores.ogr_tables import read_metadata_items
from bassee_atelier_plugin.toolbelt.i18n import tr

BUSY_TIMEOUT_MS = 5000  # how long a write or a read waits for another QGIS holding the atelier
# Schema 7 and older kept a file's metadata as GDAL dataset metadata (gpkg_metadata), keys so
# prefixed. GDAL 3.10 copies such metadata to NAME.gpkg.aux.xml beside a file opened read-only
# (QGIS's every layer), so schema 8 moved them into the metadata table.
METADATA_PREFIX = "ATELIER_"
SCHEMA_CHANGE_ATTEMPTS, SCHEMA_CHANGE_PAUSE_S = 5, 0.05  # see open_geopackage and read_metadata
METADATA_TABLE_SINCE = 8  # the first schema whose files keep their metadata in the metadata table


def open_geopackage(path: Path, flags: int) -> gdal.Dataset:
    """GDAL's dataset of an atelier, whose SQLite waits for another QGIS writing it instead of failing.

    Without the wait, a read that meets another process's lock (switching to write-ahead
    logging, say) comes back empty, and an atelier would look like no atelier at all.
    """
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", f"busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        for attempt in range(SCHEMA_CHANGE_ATTEMPTS):
            try:
                return gdal.OpenEx(str(path), flags, allowed_drivers=["GPKG"])
            except RuntimeError:
                # another QGIS opening the file at the same moment switched it to write-ahead
                # logging while GDAL read its tables ("schema has changed", or tables not found):
                # the next open, once that writer is done, succeeds
                if attempt == SCHEMA_CHANGE_ATTEMPTS - 1:
                    raise
                _wait_for_writer(path)
    finally:
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", None)


def is_write_protected(path: Path) -> bool:
    """True when the file may not be written, by permission or by its mode bits.

    The mode bits count too: root may write anything, but a file its owner made
    read-only is meant to stay as it is.
    """
    mode = path.stat().st_mode
    no_write_bits = not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    directory_locked = not os.access(path.parent, os.W_OK)  # SQLite writes its journal beside the file
    return no_write_bits or not os.access(path, os.W_OK) or directory_locked


def read_metadata(path: Path) -> AtelierMetadata:
    """The atelier metadata of a file, or a clear error if it is no atelier GeoPackage.

    A file of schema 7 or older is still read (from GDAL's dataset metadata), so that it
    can be upgraded.
    """
    items: dict[str, str] = {}
    for attempt in range(SCHEMA_CHANGE_ATTEMPTS):
        if attempt:
            _wait_for_writer(path)
        try:
            # a read that meets another QGIS's lock (switching to write-ahead logging) may find
            # no GeoPackage tables, or come back empty: read again once the writer is done
            items = _metadata_items(path)
        except AtelierError:
            if attempt == SCHEMA_CHANGE_ATTEMPTS - 1:
                raise
            continue
        if "SCHEMA_VERSION" in items:
            break
    if "SCHEMA_VERSION" not in items:
        raise AtelierError(
            tr("{path} is a GeoPackage but not an atelier (it has no atelier metadata).").format(path=path)
        )
    return AtelierMetadata.from_items(items, path)


def _metadata_items(path: Path) -> dict[str, str]:
    """A file's metadata: in its table from schema 8 on, as GDAL dataset metadata before (until upgraded)."""
    try:
        dataset = open_geopackage(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError as error:
        raise AtelierError(
            tr("{path} is not a GeoPackage (or it is damaged): it cannot be opened as an atelier.").format(path=path)
        ) from error
    items = read_metadata_items(dataset)
    return legacy_metadata_items(dataset) if items is None else items


def legacy_metadata_items(dataset: gdal.Dataset) -> dict[str, str]:
    """The metadata of a file of schema 7 or older, kept as GDAL dataset metadata, as rows of the table.

    Reading them also keeps GDAL 3.10 from writing them to a side file when a read-only
    dataset is closed.
    """
    return {
        key[len(METADATA_PREFIX) :]: value
        for key, value in (dataset.GetMetadata() or {}).items()
        if key.startswith(METADATA_PREFIX)
    }


def _wait_for_writer(path: Path) -> None:
    if not _waited_for_writer(path):
        time.sleep(SCHEMA_CHANGE_PAUSE_S)  # the lock was gone before it could be waited for


def _waited_for_writer(path: Path) -> bool:
    """Wait (up to the busy timeout) for another process's lock on the file; True if there was one.

    Another QGIS switching the file to write-ahead logging holds it for a moment, and a
    read of the metadata then comes back empty instead of waiting.
    """
    connection = sqlite3.connect(read_uri(path), uri=True, timeout=0)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return False
    except sqlite3.OperationalError:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            pass  # still held, or no database at all: the caller's message says what is wrong
        return True
    except sqlite3.DatabaseError:
        return False  # no SQLite database at all: the caller's message says so
    finally:
        connection.close()


def consistent_copy(source: Path, target: Path) -> None:
    """SQLite's online backup, its stored projects naming the copy: consistent even while QGIS writes (WAL included)."""
    with closing(sqlite3.connect(read_uri(source), uri=True)) as reader:
        with closing(sqlite3.connect(target)) as writer:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")  # one file: no -wal beside the copy
            point_projects_at(writer, target, absolute_references=False)  # the copy may yet be moved
            writer.commit()
