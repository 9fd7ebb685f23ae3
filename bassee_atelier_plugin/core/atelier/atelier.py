"""The atelier GeoPackage on disk: create, open, upgrade, describe.

Everything goes through OGR so that the same schema can later live in PostGIS. The
database itself guarantees the tracking columns (UUID on insert, UTC timestamps,
``updated_at`` on every change), so a plain QGIS or ogr2ogr writing to an atelier
keeps it sound, not only this plugin.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from osgeo import gdal, ogr, osr

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.action_sheets import create_action_sheets_view
from bassee_atelier_plugin.core.model.schema import COMMUNES_TABLE, SCHEMA_VERSION, TABLES, Field, Table
from bassee_atelier_plugin.core.model.thesauri import LOOK_VOTE_TOPS, MODERATED_LOOK, THESAURI
from bassee_atelier_plugin.toolbelt.i18n import tr

if TYPE_CHECKING:
    from bassee_atelier_plugin.core.stores.postgis import PostgisAddress

# Errors as Python exceptions, so that none is missed and each becomes an AtelierError.
gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

GEOPACKAGE_VERSION = "1.2"  # what GDAL 3.6 and QGIS 3.22 read without a warning
# The atelier's metadata, one row per key, in a GeoPackage (from schema 8) as in a shared atelier.
# Not registered in gpkg_contents: a GeoPackage's attributes table needs an integer key, and
# GDAL and QGIS would list it as a layer; the plugin reads it with SQL.
METADATA_TABLE = "atelier_metadata"
# Schema 7 and older kept a file's metadata as GDAL dataset metadata (gpkg_metadata), keys so
# prefixed. GDAL 3.10 copies such metadata to NAME.gpkg.aux.xml beside a file opened read-only
# (QGIS's every layer), so schema 8 moved them into METADATA_TABLE.
METADATA_PREFIX = "ATELIER_"
METADATA_TABLE_SINCE = 8  # the first schema whose files keep their metadata in METADATA_TABLE
# Styles, the stored QGIS project, and the atelier's metadata: tables, but no layers of the atelier.
NOT_LAYERS = ("layer_styles", "qgis_projects", METADATA_TABLE)
BUSY_TIMEOUT_MS = 5000  # how long a write or a read waits for another QGIS holding the atelier

OGR_TYPES = {
    "text": (ogr.OFTString, ogr.OFSTNone),
    "integer": (ogr.OFTInteger, ogr.OFSTNone),
    "real": (ogr.OFTReal, ogr.OFSTNone),
    "boolean": (ogr.OFTInteger, ogr.OFSTBoolean),
    "date": (ogr.OFTDate, ogr.OFSTNone),
    "datetime": (ogr.OFTDateTime, ogr.OFSTNone),
    "blob": (ogr.OFTBinary, ogr.OFSTNone),
}
OGR_GEOMETRIES = {None: ogr.wkbNone, "Point": ogr.wkbPoint, "LineString": ogr.wkbLineString, "Polygon": ogr.wkbPolygon}

# A random (version 4) UUID in plain SQLite, for rows inserted without one.
_SQL_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || '-' || hex(randomblob(6)))"
)
SQL_UTC_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


@dataclass
class AtelierMetadata:
    """The atelier's metadata, kept in its table ``atelier_metadata`` (key, value): see :func:`read_metadata_items`."""

    title: str
    territory: str
    national_theme: str = ""
    licence: str = "Licence Ouverte 2.0 (Etalab)"
    contact: str = ""
    language: str = "fr"
    crs: str = "EPSG:2154"
    schema_version: int = SCHEMA_VERSION
    created_at: str = ""

    def items(self) -> dict[str, str]:
        """The rows of the metadata table: keys in capitals (``SCHEMA_VERSION``), values as text."""
        return {f.name.upper(): str(getattr(self, f.name)) for f in fields(self)}

    def require_readable(self, path) -> None:
        """Refuse an atelier made by a newer plugin, whose schema this one cannot know."""
        if self.schema_version > SCHEMA_VERSION:
            raise AtelierError(
                tr(
                    "{path} was made by a newer version of the plugin (schema {found}, this one reads up to {known}): "
                    "update the plugin to open it."
                ).format(path=path, found=self.schema_version, known=SCHEMA_VERSION)
            )

    @classmethod
    def from_items(cls, items: dict[str, str]) -> AtelierMetadata:
        values = {}
        for f in fields(cls):
            key = f.name.upper()
            if key in items:
                values[f.name] = int(items[key]) if f.type == "int" else items[key]
        return cls(**values)


def utc_now() -> str:
    """Now in UTC, in the ISO form the GeoPackage stores datetimes in."""
    return iso_utc(datetime.now(timezone.utc))


def iso_utc(moment: datetime) -> str:
    """A datetime in UTC, in the ISO form the GeoPackage stores datetimes in (a naive one is taken as UTC)."""
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _is_write_protected(path: Path) -> bool:
    """True when the file may not be written, by permission or by its mode bits.

    The mode bits count too: root may write anything, but a file its owner made
    read-only is meant to stay as it is.
    """
    mode = path.stat().st_mode
    no_write_bits = not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    directory_locked = not os.access(path.parent, os.W_OK)  # SQLite writes its journal beside the file
    return no_write_bits or not os.access(path, os.W_OK) or directory_locked


class Atelier:
    """One atelier: a GeoPackage, or a shared atelier in PostGIS (``shared``, see core/postgis).

    Create a GeoPackage with :meth:`create`, open either with :meth:`open`. A shared atelier
    has no ``path``; what reads and writes through :meth:`dataset` and :meth:`layer_uri` works
    on both.
    """

    def __init__(
        self,
        path: Path | None,
        metadata: AtelierMetadata,
        read_only: bool,
        backup: Path | None = None,
        shared: PostgisAddress | None = None,
    ):
        self.path = Path(path) if path is not None else None
        self.metadata = metadata
        self.read_only = read_only
        self.backup = backup  # the copy written before an upgrade, if this open upgraded the file
        self.shared = shared

    @property
    def provider(self) -> str:
        """The QGIS data provider of the atelier's layers."""
        return "postgres" if self.shared else "ogr"

    @property
    def name(self) -> str:
        """How messages name the atelier: its file, or its address without a password."""
        return str(self.shared) if self.shared else str(self.path)

    @property
    def location(self) -> str:
        """What :meth:`open` takes to open this atelier again: its file, or its address (no password)."""
        return self.shared.address() if self.shared else str(self.path)

    # -- creating -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike,
        territory: str,
        crs: str = "EPSG:2154",
        communes: str | os.PathLike | None = None,
        force: bool = False,
        title: str | None = None,
        **metadata: str,
    ) -> Atelier:
        """Create an empty atelier at ``path``, all at once or not at all.

        The file is built under a temporary name beside the target and moved into place
        when complete, so an existing file is untouched unless the new one is whole.
        """
        path = Path(path).absolute()
        if not territory.strip():
            raise AtelierError(tr("The territory name is empty: give the name of the territory."))
        if path.suffix.lower() != ".gpkg":
            raise AtelierError(tr("{path}: an atelier file name ends in .gpkg.").format(path=path))
        if path.exists() and not force:
            raise AtelierError(
                tr("{path} already exists: it was left untouched (use --force to replace it).").format(path=path)
            )
        if not path.parent.is_dir():
            raise AtelierError(tr("{folder} is not an existing folder.").format(folder=path.parent))
        spatial_reference = _spatial_reference(crs)
        metadata.setdefault("created_at", utc_now())
        info = AtelierMetadata(
            title=title or tr("Atelier des territoires — {territory}").format(territory=territory),
            territory=territory,
            crs=crs,
            **metadata,
        )
        try:
            staging_dir = Path(tempfile.mkdtemp(prefix=".atelier-", dir=path.parent))
        except OSError as error:
            raise AtelierError(
                tr("Cannot write in {folder}: {error}").format(folder=path.parent, error=error)
            ) from error
        try:
            staged = staging_dir / path.name  # same name, so the stored project's relative paths hold
            _create_dataset(staged, spatial_reference, info)
            atelier = cls(staged, info, read_only=False)
            if communes is not None:
                atelier.add_context_layer(COMMUNES_TABLE, communes)
            from bassee_atelier_plugin.core.presentation.project import write_presentation

            write_presentation(atelier)
            os.replace(staged, path)
        except OSError as error:
            raise AtelierError(tr("Cannot write {path}: {error}").format(path=path, error=error)) from error
        finally:
            shutil.rmtree(staging_dir, ignore_errors=True)
        return cls(path, info, read_only=False)

    def add_context_layer(
        self,
        name: str,
        source: str | os.PathLike,
        source_layer: str | None = None,
        geometry_type: str = "PROMOTE_TO_MULTI",
    ) -> None:
        """Copy a layer of a vector file (its first, unless named) into the atelier, in the atelier's CRS."""
        source = Path(source)
        if not source.exists():
            raise AtelierError(tr("{path}: no such file.").format(path=source))
        try:
            source_dataset = gdal.OpenEx(str(source), gdal.OF_VECTOR)
        except RuntimeError as error:
            raise AtelierError(tr("{path} is not a vector file GDAL can read.").format(path=source)) from error
        layer = source_dataset.GetLayerByName(source_layer) if source_layer else source_dataset.GetLayer(0)
        if layer is None:
            raise AtelierError(tr("{path} has no layer {layer}.").format(path=source, layer=source_layer or ""))
        if layer.GetFeatureCount() == 0:
            raise AtelierError(tr("{path} holds no features.").format(path=source))
        if layer.GetSpatialRef() is None:
            raise AtelierError(tr("{path} has no coordinate reference system.").format(path=source))
        options = gdal.VectorTranslateOptions(
            layers=[layer.GetName()],
            layerName=name,
            dstSRS=self.metadata.crs,
            reproject=True,
            geometryType=geometry_type,
            accessMode="overwrite",
            layerCreationOptions=["FID=fid", "GEOMETRY_NAME=geom"],
        )
        with self.dataset(update=True) as dataset:
            if gdal.VectorTranslate(dataset, source_dataset, options=options) is None:
                raise AtelierError(tr("Could not copy {path} into the atelier.").format(path=source))

    # -- opening --------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, upgrade: bool = True) -> Atelier:
        """Open an existing atelier, a file or a ``postgresql://`` address; an older file is upgraded after a backup."""
        if is_shared_address(path):
            from bassee_atelier_plugin.core.stores.postgis import PostgisAddress, read_postgis_metadata

            return cls(None, read_postgis_metadata(str(path)), read_only=False, shared=PostgisAddress.parse(str(path)))
        path = Path(path).absolute()
        if not path.exists():
            raise AtelierError(tr("{path}: no such file.").format(path=path))
        if path.is_dir():
            raise AtelierError(tr("{path} is a folder, not an atelier file.").format(path=path))
        metadata = read_metadata(path)
        read_only = _is_write_protected(path)
        metadata.require_readable(path)
        backup = None
        if metadata.schema_version < SCHEMA_VERSION and upgrade:
            if read_only:
                raise AtelierError(
                    tr(
                        "{path} is an older atelier (schema {found}) and is read-only, so it cannot be upgraded: "
                        "open a writable copy."
                    ).format(path=path, found=metadata.schema_version)
                )
            from bassee_atelier_plugin.core.lifecycle.upgrade import upgrade_in_place

            backup = upgrade_in_place(path, metadata.schema_version)
            metadata = read_metadata(path)
        return cls(path, metadata, read_only, backup)

    @contextmanager
    def dataset(self, update: bool = False) -> Iterator[gdal.Dataset]:
        """The GeoPackage opened through OGR, closed (and flushed) on leaving the block."""
        if update and self.read_only:
            raise AtelierError(tr("{path} is read-only: nothing was changed.").format(path=self.name))
        if self.shared:
            from bassee_atelier_plugin.core.stores.postgis import open_dataset

            dataset = open_dataset(self.shared, update)
        else:
            dataset = open_geopackage(self.path, gdal.OF_VECTOR | (gdal.OF_UPDATE if update else gdal.OF_READONLY))
        try:
            yield dataset
        finally:
            if self.path is not None and not update and self.metadata.schema_version < METADATA_TABLE_SINCE:
                # an older file not upgraded (info, validate): its GDAL metadata, once read, stay out of a side file
                legacy_metadata_items(dataset)
            dataset = None  # noqa: F841 - dropping the last reference closes the file

    def edit_dataset(self) -> gdal.Dataset:
        """A dataset kept open for a whole workshop of edits: opening the atelier for every click would cost."""
        if self.read_only:
            raise AtelierError(tr("{path} is read-only: it cannot be edited.").format(path=self.name))
        if self.shared:
            from bassee_atelier_plugin.core.stores.postgis import open_dataset

            return open_dataset(self.shared, update=True)
        dataset = open_geopackage(self.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
        # Write-ahead logging: QGIS keeps drawing (reading) while a click commits, and
        # neither waits for the other; a busy file is retried rather than refused.
        dataset.ExecuteSQL("PRAGMA journal_mode = WAL")
        return dataset

    # -- describing -----------------------------------------------------------

    def layer_uri(self, table: str) -> str:
        """The source of a layer of ``table``, for :attr:`provider`."""
        if self.shared:
            from bassee_atelier_plugin.core.stores.postgis import layer_uri

            return layer_uri(self.shared, table)
        return f"{self.path}|layername={table}"

    def table_names(self) -> list[str]:
        with self.dataset() as dataset:
            return [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]

    def layer_tables(self) -> list[str]:
        """The tables QGIS shows as layers: not those where QGIS or the plugin keep their own things."""
        return [table for table in self.table_names() if table not in NOT_LAYERS]

    def counts(self) -> dict[str, int]:
        with self.dataset() as dataset:
            return {
                dataset.GetLayer(i).GetName(): dataset.GetLayer(i).GetFeatureCount()
                for i in range(dataset.GetLayerCount())
                if dataset.GetLayer(i).GetName() not in NOT_LAYERS
            }

    def extent(self) -> tuple[float, float, float, float] | None:
        """The bounding box of every spatial layer that has features, in the atelier's CRS."""
        boxes = []
        with self.dataset() as dataset:
            for i in range(dataset.GetLayerCount()):
                layer = dataset.GetLayer(i)
                if layer.GetGeomType() != ogr.wkbNone and layer.GetFeatureCount() > 0:
                    xmin, xmax, ymin, ymax = layer.GetExtent()
                    boxes.append((xmin, ymin, xmax, ymax))
        if not boxes:
            return None
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def summary(self) -> dict:
        """What ``info`` prints: plain JSON-able values only."""
        return {
            "path": self.name,
            "schema_version": self.metadata.schema_version,
            "title": self.metadata.title,
            "territory": self.metadata.territory,
            "crs": self.metadata.crs,
            "read_only": self.read_only,
            "counts": self.counts(),
            "extent": self.extent(),
        }


def is_shared_address(location: str | os.PathLike) -> bool:
    """True for the address of a shared atelier (``postgresql://…``), False for a file."""
    return str(location).startswith(("postgresql:", "postgres:"))


def reads_atelier(layer, location: str) -> bool:
    """True when the QGIS layer ``layer`` shows a table of the atelier at ``location`` (see Atelier.location)."""
    if is_shared_address(location):
        from bassee_atelier_plugin.core.stores.postgis import PostgisAddress, shows_schema

        return layer.providerType() == "postgres" and shows_schema(layer.source(), PostgisAddress.parse(location))
    return layer.providerType() == "ogr" and layer.source().split("|")[0] == str(location)


def open_geopackage(path: Path, flags: int) -> gdal.Dataset:
    """GDAL's dataset of an atelier, whose SQLite waits for another QGIS writing it instead of failing.

    Without the wait, a read that meets another process's lock (switching to write-ahead
    logging, say) comes back empty, and an atelier would look like no atelier at all.
    """
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", f"busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        return gdal.OpenEx(str(path), flags, allowed_drivers=["GPKG"])
    finally:
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", None)


def read_metadata(path: Path) -> AtelierMetadata:
    """The atelier metadata of a file, or a clear error if it is no atelier GeoPackage.

    A file of schema 7 or older is still read (from GDAL's dataset metadata), so that
    :meth:`Atelier.open` can upgrade it.
    """
    try:
        items = _metadata_items(path)
    except AtelierError:
        # GDAL's own open may meet that lock too, and then finds no GeoPackage tables: once more, after it
        _waited_for_writer(path)
        items = _metadata_items(path)
    if "SCHEMA_VERSION" not in items and _waited_for_writer(path):
        # a read that meets another QGIS's lock may come back empty: read again once the writer is done
        items = _metadata_items(path)
    if "SCHEMA_VERSION" not in items:
        raise AtelierError(
            tr("{path} is a GeoPackage but not an atelier (it has no atelier metadata).").format(path=path)
        )
    return metadata_from_items(items, path)


def metadata_from_items(items: dict[str, str], name) -> AtelierMetadata:
    """The metadata of the rows of the metadata table of the atelier ``name``, or a clear error if they are damaged."""
    try:
        return AtelierMetadata.from_items(items)
    except (TypeError, ValueError) as error:
        raise AtelierError(tr("{path} has damaged atelier metadata: {error}").format(path=name, error=error)) from error


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


def read_metadata_items(dataset: gdal.Dataset) -> dict[str, str] | None:
    """The rows of the atelier's metadata table, in a GeoPackage or a shared atelier; None if it has none.

    The same SQL for both stores (SQLite and PostgreSQL read it alike): the one way in to
    the metadata, as :func:`write_metadata` is the one way out.
    """
    try:
        result = dataset.ExecuteSQL(f"SELECT key, value FROM {METADATA_TABLE}")
    except RuntimeError:  # no such table; or, in a file, a lock held too long (see read_metadata)
        return None
    try:
        return {feature.GetField(0): feature.GetField(1) for feature in result}
    finally:
        dataset.ReleaseResultSet(result)


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


def _waited_for_writer(path: Path) -> bool:
    """Wait (up to the busy timeout) for another process's lock on the file; True if there was one.

    Another QGIS switching the file to write-ahead logging holds it for a moment, and a
    read of the metadata then comes back empty instead of waiting.
    """
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0)
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


def create_metadata_table(dataset: gdal.Dataset) -> None:
    """The atelier's metadata table, in a new GeoPackage or shared atelier (the same in both)."""
    dataset.ExecuteSQL(f"CREATE TABLE IF NOT EXISTS {METADATA_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def write_metadata(dataset: gdal.Dataset, items: dict[str, str]) -> None:
    """Set these rows of the atelier's metadata table (key in capitals, value as text), in either store."""
    for key, value in items.items():
        dataset.ExecuteSQL(
            f"INSERT INTO {METADATA_TABLE} (key, value) VALUES ({_sql_text(key)}, {_sql_text(value)}) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )


def _sql_text(value: str) -> str:
    """A text as an SQL literal, for SQLite and PostgreSQL (OGR's SQL takes no bound parameters)."""
    return "'" + str(value).replace("'", "''") + "'"


def _spatial_reference(crs: str) -> osr.SpatialReference:
    reference = osr.SpatialReference()
    try:
        reference.SetFromUserInput(crs)
    except RuntimeError as error:
        raise AtelierError(tr("{crs} is not a coordinate reference system GDAL knows.").format(crs=crs)) from error
    if reference.IsGeographic():
        raise AtelierError(
            tr("{crs} is in degrees: an atelier needs a projected CRS in metres (e.g. EPSG:2154).").format(crs=crs)
        )
    return reference


def _create_dataset(path: Path, spatial_reference: osr.SpatialReference, metadata: AtelierMetadata) -> None:
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path), options=[f"VERSION={GEOPACKAGE_VERSION}"])
    dataset.StartTransaction()
    for table in TABLES:
        create_table(dataset, table, spatial_reference)
    _fill_thesauri(dataset)
    create_action_sheets_view(dataset, metadata.language)
    create_metadata_table(dataset)
    write_metadata(dataset, metadata.items())
    dataset.CommitTransaction()
    dataset = None


def create_table(dataset: gdal.Dataset, table: Table, spatial_reference: osr.SpatialReference) -> None:
    options = ["FID=fid"]
    if table.geometry:
        options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
    layer = dataset.CreateLayer(
        table.name,
        spatial_reference if table.geometry else None,
        OGR_GEOMETRIES[table.geometry],
        options=options,
    )
    for field in table.all_fields:
        add_field(layer, field, unique=field.name in ("uuid", "code"))
    create_indexes(dataset, table)
    if table.tracked:
        create_tracking_triggers(dataset, table)


def create_indexes(dataset: gdal.Dataset, table: Table) -> None:
    for field in table.all_fields:
        if field.indexed:
            dataset.ExecuteSQL(
                f'CREATE INDEX IF NOT EXISTS "{table.name}_{field.name}" ON "{table.name}" ("{field.name}")'
            )


def add_field(layer: ogr.Layer, field: Field, unique: bool = False) -> None:
    ogr_type, subtype = OGR_TYPES[field.kind]
    definition = ogr.FieldDefn(field.name, ogr_type)
    definition.SetSubType(subtype)
    definition.SetNullable(not field.not_null)
    definition.SetUnique(unique)
    if field.default is not None:
        definition.SetDefault(field.default)
    layer.CreateField(definition)


def create_tracking_triggers(dataset: gdal.Dataset, table: Table) -> None:
    """Give every inserted row a UUID, and stamp ``updated_at`` on changes that did not set it."""
    name = table.name
    dataset.ExecuteSQL(
        f'CREATE TRIGGER "{name}_uuid" AFTER INSERT ON "{name}" WHEN NEW.uuid IS NULL '
        f'BEGIN UPDATE "{name}" SET uuid = {_SQL_UUID} WHERE fid = NEW.fid; END'
    )
    # Only a change of the feature's own content stamps it: not updated_at itself (else the
    # trigger would feed itself when two stamps fall in the same millisecond) nor ``look``,
    # which the database derives.
    content = [field.name for field in table.all_fields if field.name not in ("updated_at", "look")]
    if table.geometry:
        content.append("geom")
    columns = ", ".join(f'"{column}"' for column in content)
    dataset.ExecuteSQL(
        f'CREATE TRIGGER "{name}_updated_at" AFTER UPDATE OF {columns} ON "{name}" '
        f"WHEN NEW.updated_at IS OLD.updated_at "
        f'BEGIN UPDATE "{name}" SET updated_at = {SQL_UTC_NOW} WHERE fid = NEW.fid; END'
    )
    has_look = any(field.name == "look" for field in table.fields)
    if has_look:
        create_look_triggers(dataset, name)


def look_expression(row: str = "NEW.", moderated: bool = True) -> str:
    """SQL for a stake's ``look``: theme, status class and vote class (see schema.look_key).

    A phone's contribution waiting for approval, or hidden, gets :data:`MODERATED_LOOK`,
    which the map does not draw (``moderated`` False: for files from before schema 7).
    """
    score = f"(coalesce({row}votes_for, 0) - coalesce({row}votes_against, 0))"
    vote_classes = " ".join(
        f"WHEN {score} <= {top} THEN {index}" for index, top in enumerate(LOOK_VOTE_TOPS) if top is not None
    )
    shown = (
        f"{row}theme || ':' || CASE {row}status WHEN 'retenu' THEN 'retenu' WHEN 'ecarte' THEN 'ecarte' "
        f"ELSE 'ouvert' END || ':' || CASE {vote_classes} ELSE {len(LOOK_VOTE_TOPS) - 1} END"
    )
    return f"CASE WHEN {row}moderation IS NOT NULL THEN '{MODERATED_LOOK}' ELSE {shown} END" if moderated else shown


def create_look_triggers(dataset: gdal.Dataset, table: str) -> None:
    """Keep a stake's ``look`` (what the map draws) in step with its theme, status, votes and moderation."""
    update = f'UPDATE "{table}" SET look = {look_expression()} WHERE fid = NEW.fid'
    dataset.ExecuteSQL(f'CREATE TRIGGER "{table}_look_insert" AFTER INSERT ON "{table}" BEGIN {update}; END')
    dataset.ExecuteSQL(
        f'CREATE TRIGGER "{table}_look_update" AFTER UPDATE OF theme, status, votes_for, votes_against, moderation '
        f'ON "{table}" BEGIN {update}; END'
    )


def _fill_thesauri(dataset: gdal.Dataset) -> None:
    for thesaurus in THESAURI:
        layer = dataset.GetLayerByName(thesaurus.table_name)
        for position, term in enumerate(thesaurus.terms, start=1):
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("code", term.code)
            feature.SetField("label_fr", term.label_fr)
            feature.SetField("label_en", term.label_en)
            feature.SetField("colour", term.colour)
            feature.SetField("position", position)
            layer.CreateFeature(feature)


def thesaurus_terms(atelier: Atelier, name: str) -> list[dict[str, str]]:
    """The terms of one of the atelier's lists, as the territory edited them, in order."""
    table = f"thesaurus_{name}"
    with atelier.dataset() as dataset:
        layer = dataset.GetLayerByName(table)
        if layer is None:
            raise AtelierError(tr("{path} has no list {name}.").format(path=atelier.name, name=name))
        rows = [
            {key: feature.GetField(key) for key in ("code", "label_fr", "label_en", "colour", "position")}
            for feature in layer
        ]
    return sorted(rows, key=lambda row: row["position"])
