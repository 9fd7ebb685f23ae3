"""The atelier as one GeoPackage file: the store a planner's laptop uses, and the handoff format."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

from osgeo import gdal
from osgeo_utils.samples import validate_gpkg
from qgis.core import Qgis
from qgis.PyQt.QtCore import QUrl, QUrlQuery

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata
from bassee_atelier_plugin.core.replacing import put_in_place
from bassee_atelier_plugin.core.stores.base import AtelierStore
from bassee_atelier_plugin.core.stores.geopackage.files import (
    METADATA_TABLE_SINCE,
    consistent_copy,
    is_write_protected,
    legacy_metadata_items,
    open_geopackage,
    read_metadata,
)
from bassee_atelier_plugin.core.stores.geopackage.sqlite_access import read_uri, unreadable_here
from bassee_atelier_plugin.core.stores.geopackage.stored_projects import former_path, point_projects_at
from bassee_atelier_plugin.core.stores.geopackage.tables import create_geopackage
from bassee_atelier_plugin.core.stores.geopackage.upgrade import upgrade_in_place
from bassee_atelier_plugin.core.stores.ogr_tables import scalar
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log


class SqliteReadConnection:
    """Plain SQL reads of a GeoPackage (see base.ReadConnection)."""

    def __init__(self, connection: sqlite3.Connection):
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence = ()) -> list[tuple]:
        return self._connection.execute(sql, parameters).fetchall()


class GeoPackageStore(AtelierStore):
    provider = "ogr"

    def __init__(self, path: str | os.PathLike):
        self.file = Path(path).absolute()
        self._keeps_legacy_metadata = False  # a file of schema 7 or older, read without an upgrade

    @classmethod
    def handles(cls, location: str) -> bool:
        return True  # the store of last resort: whatever is no address is a file name

    @property
    def name(self) -> str:
        return str(self.file)

    @property
    def location(self) -> str:
        return str(self.file)

    @property
    def label(self) -> str:
        return self.file.name

    @property
    def short_name(self) -> str:
        return self.file.stem

    def read_metadata(self) -> AtelierMetadata:
        if not self.file.exists():
            raise AtelierError(tr("{path}: no such file.").format(path=self.file))
        if self.file.is_dir():
            raise AtelierError(tr("{path} is a folder, not an atelier file.").format(path=self.file))
        if unreadable_here(self.file):
            raise AtelierError(unreadable_here(self.file))
        metadata = read_metadata(self.file)
        self._keeps_legacy_metadata = metadata.schema_version < METADATA_TABLE_SINCE
        return metadata

    def is_read_only(self) -> bool:
        return is_write_protected(self.file)

    def upgrade(self, metadata: AtelierMetadata) -> tuple[Path | None, list[str]]:
        if self.is_read_only():
            raise AtelierError(
                tr(
                    "{path} is an older atelier (schema {found}) and is read-only, so it cannot be upgraded: "
                    "open a writable copy."
                ).format(path=self.file, found=metadata.schema_version)
            )
        backup, added_tables = upgrade_in_place(self.file, metadata.schema_version)
        self._keeps_legacy_metadata = False
        return backup, added_tables

    def structure_problems(self, dataset: gdal.Dataset) -> list[str]:
        """The OGC GeoPackage requirements as GDAL's own validator checks them, and SQLite's integrity."""
        try:
            errors = validate_gpkg.check(str(self.file), abort_at_first_error=False, warning_msg=False)
        except Exception as error:  # noqa: BLE001 - GDAL's validator stumbles on some damage instead of reporting it
            return [tr("the GeoPackage structure is damaged ({error})").format(error=error or type(error).__name__)]
        problems = [tr("not a conformant GeoPackage: {error}").format(error=error) for error in errors or []]
        verdict = scalar(dataset, "PRAGMA integrity_check")
        if verdict != "ok":
            problems.append(tr("the SQLite integrity check failed: {verdict}").format(verdict=verdict))
        return problems

    @contextmanager
    def creation(self, force: bool) -> Iterator[GeoPackageStore]:
        """The new file is built under a temporary name beside the target and moved into place when complete."""
        path = self.file
        if path.suffix.lower() != ".gpkg":
            raise AtelierError(tr("{path}: an atelier file name ends in .gpkg.").format(path=path))
        if "#" in str(path):  # QGIS 3.22 to 3.44 cut the path there when storing the project
            raise AtelierError(
                tr("{path}: QGIS cannot keep its project in a file whose name or folder holds '#'.").format(path=path)
            )
        if path.exists() and not force:
            raise AtelierError(
                tr("{path} already exists: it was left untouched (use --force to replace it).").format(path=path)
            )
        if not path.parent.is_dir():
            raise AtelierError(tr("{folder} is not an existing folder.").format(folder=path.parent))
        try:
            staging_dir = Path(tempfile.mkdtemp(prefix=".atelier-", dir=path.parent))
        except OSError as error:
            raise AtelierError(
                tr("Cannot write in {folder}: {error}").format(folder=path.parent, error=error)
            ) from error
        try:
            staged = GeoPackageStore(staging_dir / path.name)  # same name, so the stored project's relative paths hold
            yield staged
            put_in_place(staged.file, path)
        except OSError as error:
            raise AtelierError(tr("Cannot write {path}: {error}").format(path=path, error=error)) from error
        finally:
            shutil.rmtree(staging_dir, ignore_errors=True)

    def create_tables(self, metadata, spatial_reference) -> None:
        create_geopackage(self.file, spatial_reference, metadata)

    def layer_creation_options(self) -> list[str]:
        return ["FID=fid", "GEOMETRY_NAME=geom"]

    def open_dataset(self, update: bool) -> gdal.Dataset:
        return open_geopackage(self.file, gdal.OF_VECTOR | (gdal.OF_UPDATE if update else gdal.OF_READONLY))

    def before_closing(self, dataset: gdal.Dataset, update: bool) -> None:
        if self._keeps_legacy_metadata and not update:
            # a file of schema 7 or older not upgraded (info, validate): GDAL 3.10 would copy its
            # dataset metadata to a side file on closing, unless they were read just before
            legacy_metadata_items(dataset)

    def open_edit_dataset(self) -> gdal.Dataset:
        dataset = open_geopackage(self.file, gdal.OF_VECTOR | gdal.OF_UPDATE)
        # Write-ahead logging: QGIS keeps drawing (reading) while a click commits, and
        # neither waits for the other; a busy file is retried rather than refused.
        dataset.ExecuteSQL("PRAGMA journal_mode = WAL")
        return dataset

    @contextmanager
    def read_connection(self) -> Iterator[SqliteReadConnection]:
        with closing(sqlite3.connect(read_uri(self.file), uri=True)) as connection:
            yield SqliteReadConnection(connection)

    def write_copy(self, target: Path) -> bool:
        consistent_copy(self.file, target)
        return True

    def layer_uri(self, table: str) -> str:
        return f"{self.file}|layername={table}"

    def project_uri(self, project: str) -> str:
        """Encoded as QGIS's own GeoPackage project storage encodes it: it decodes the path as a URL's.

        A '#', '%' or '?' in a planner's file name would otherwise cut or change the path; a
        network share (//server/share/...) gets an empty authority, so that its server stays in the path.
        """
        url = QUrl()
        url.setScheme("geopackage")
        path = self.file.as_posix()
        if path.startswith("//"):
            url.setAuthority("")
        url.setPath(path)
        query = QUrlQuery()
        query.addQueryItem("projectName", project)
        url.setQuery(query)
        return bytes(url.toEncoded()).decode()

    def moved_sources(self, project: str) -> dict[str, str]:
        with self.read_connection() as reader:
            former = former_path(reader, self.file, project)
        return {former: str(self.file)} if former else {}

    def repoint_projects(self) -> None:
        try:
            with closing(sqlite3.connect(self.file)) as connection, connection:  # waits for another writer, 5 s
                point_projects_at(connection, self.file)
        except sqlite3.Error as error:  # the plugin reads it right all the same: a plain QGIS would not
            log(
                tr("The QGIS project stored in {path} still names the file's former name: {error}").format(
                    path=self.file, error=error
                ),
                Qgis.MessageLevel.Warning,
            )

    @classmethod
    def location_read_by(cls, layer) -> str | None:
        return layer.source().split("|")[0] if layer.providerType() == cls.provider else None

    def shows(self, layer) -> bool:
        return layer.providerType() == self.provider and layer.source().split("|")[0] == str(self.file)

    def drop_styles(self, tables: list[str], style_names: list[str]) -> None:
        if not tables or not style_names:
            return
        names, styles = (", ".join("?" * len(values)) for values in (tables, style_names))
        condition, values = f"f_table_name IN ({names}) AND styleName IN ({styles})", [*tables, *style_names]
        with closing(sqlite3.connect(self.file, timeout=30)) as connection, connection:
            if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone():
                connection.execute(f"DELETE FROM layer_styles WHERE {condition}", values)  # nosec B608 # values bound
