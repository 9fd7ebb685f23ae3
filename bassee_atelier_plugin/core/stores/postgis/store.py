"""The atelier in a PostgreSQL/PostGIS schema of its own: the store a team shares between machines.

The same tables, fields, thesauri and metadata as the GeoPackage (``atelier`` schema unless
told otherwise); what differs is here and in ``tables``, ``address`` and ``listening``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlencode

from osgeo import gdal
from qgis.core import QgsDataSourceUri

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata, iso_utc
from bassee_atelier_plugin.core.model.schema import COMMUNE_TABLES, SCHEMA_VERSION, TABLE_BY_NAME
from bassee_atelier_plugin.core.stores.base import AtelierStore
from bassee_atelier_plugin.core.stores.ogr_tables import (
    METADATA_TABLE,
    quoted_identifier,
    read_metadata_items,
    sql_text,
    write_metadata,
)
from bassee_atelier_plugin.core.stores.postgis.address import (
    PostgisAddress,
    address_options,
    connect,
    is_libpq_string,
    redacted,
    require_password_outside,
    why_not_connected,
)
from bassee_atelier_plugin.core.stores.postgis.listening import follow_shared_layers, write_listening
from bassee_atelier_plugin.core.stores.postgis.tables import (
    add_later_tables_and_fields,
    create_schema,
    create_tables,
    refusal,
    require_postgis,
)
from bassee_atelier_plugin.toolbelt.i18n import tr

# Shared ateliers began at schema 7, with their metadata in METADATA_TABLE; schema 8 brought
# GeoPackages there too and changed nothing else, so a shared atelier's 7 -> 8 only says so.
FIRST_SHARED_SCHEMA = 7


class PostgresReadConnection:
    """Plain SQL reads of a shared atelier, values as SQLite gives them from a GeoPackage (base.ReadConnection)."""

    def __init__(self, connection):
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence = ()) -> list[tuple]:
        with self._connection.cursor() as cursor:
            if parameters:
                cursor.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(parameters))
            else:
                cursor.execute(sql)
            return [tuple(_as_in_geopackage(value) for value in row) for row in cursor.fetchall()]


def _as_in_geopackage(value):
    """A PostgreSQL value as SQLite gives the same field of a GeoPackage."""
    if isinstance(value, memoryview):
        return value.tobytes()
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class PostgisStore(AtelierStore):
    provider = "postgres"

    def __init__(self, address: str):
        self.address = PostgisAddress.parse(address)

    @classmethod
    def handles(cls, location: str) -> bool:
        # a libpq key=value string too: refused by PostgisAddress.parse, its password hidden, never taken for a file
        return str(location).startswith(("postgresql:", "postgres:")) or is_libpq_string(str(location))

    @property
    def name(self) -> str:
        return str(self.address)

    @property
    def location(self) -> str:
        return self.address.address()

    @property
    def label(self) -> str:
        return str(self.address)

    @property
    def short_name(self) -> str:
        return self.address.schema

    def read_metadata(self) -> AtelierMetadata:
        """The metadata in the atelier's schema, or a clear message of why it is none."""
        location = self.address
        with closing(connect(location)) as connection, connection, connection.cursor() as cursor:
            require_postgis(cursor, location)
            cursor.execute(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
                (location.schema, METADATA_TABLE),
            )
            is_atelier = cursor.fetchone() is not None
        if not is_atelier:  # asked of the schema itself: GDAL's search path would go on to public
            raise AtelierError(
                tr("The schema {schema} of {address} is not an atelier (it has no atelier metadata).").format(
                    schema=location.schema, address=redacted(location.connection)
                )
            )
        return AtelierMetadata.from_items(read_metadata_items(self.open_dataset(update=False)) or {}, location)

    def is_read_only(self) -> bool:
        return False  # PostgreSQL's own rights refuse what this user may not write, with its message

    def upgrade(self, metadata: AtelierMetadata) -> tuple[Path | None, list[str]]:
        """Bring an older shared atelier to the current schema, in place and in one transaction."""
        if metadata.schema_version < FIRST_SHARED_SCHEMA:  # none was ever made: nothing to upgrade from
            raise AtelierError(
                tr(
                    "{address} is an older shared atelier (schema {found}), and this plugin cannot upgrade a shared "
                    "atelier yet: open it with the version of the plugin that made it; nothing was changed."
                ).format(address=self.address, found=metadata.schema_version)
            )
        dataset = self.open_dataset(update=True)
        dataset.StartTransaction()
        try:
            # schema 9: the field-level merge conflicts; 10: the communes; 12: the deleted features
            added = add_later_tables_and_fields(dataset, self.address.schema)
            write_metadata(dataset, {"SCHEMA_VERSION": str(SCHEMA_VERSION)})
            dataset.CommitTransaction()
        except RuntimeError as error:
            dataset.RollbackTransaction()
            raise AtelierError(
                tr(
                    "{address} is an older shared atelier (schema {found}), and it could not be upgraded: {error}"
                ).format(address=self.address, found=metadata.schema_version, error=redacted(error).strip())
            ) from None
        finally:
            dataset = None  # noqa: F841 - closes the connection
        # restyled: their forms show the fields schemas 9 and 10 added
        return None, (["merge_conflicts"] if metadata.schema_version < 9 else []) + list(COMMUNE_TABLES) + added

    def structure_problems(self, dataset: gdal.Dataset) -> list[str]:
        return []  # PostgreSQL keeps its own structure sound

    @contextmanager
    def creation(self, force: bool) -> Iterator[PostgisStore]:
        """A new schema, all or nothing: after any failure the schema and its styles are dropped."""
        location = self.address
        if force:
            raise AtelierError(tr("A shared atelier is never replaced: --force is for GeoPackage ateliers."))
        with closing(connect(location)) as connection, connection, connection.cursor() as cursor:
            require_postgis(cursor, location)
            cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (location.schema,))
            if cursor.fetchone():
                raise AtelierError(
                    tr("The schema {schema} already exists in this database: it was left untouched.").format(
                        schema=location.schema
                    )
                )
            create_schema(cursor, location)
        errors = []  # GDAL's first message says what failed; the later ones only that the transaction is over
        gdal.PushErrorHandler(lambda _class, _number, message: errors.append(message.strip()))
        try:
            self.require_layer_access()  # else its layers would fail, in the middle, without a word why
            yield self
        except (RuntimeError, AtelierError) as error:
            self._remove()  # nothing left half-made
            reason = refusal(errors or [str(error)]) if isinstance(error, RuntimeError) else str(error)
            reason = redacted(reason)  # GDAL and QGIS may echo a connection string
            raise AtelierError(
                tr("Creating the atelier in {address} failed, and nothing was left of it: {error}").format(
                    address=location, error=reason
                )
            ) from None
        finally:
            gdal.PopErrorHandler()

    def create_tables(self, metadata, spatial_reference) -> None:
        create_tables(self.open_dataset(update=True), self.address.schema, metadata, spatial_reference)

    def layer_creation_options(self) -> list[str]:
        return ["FID=fid", "GEOMETRY_NAME=geom", f"SCHEMA={self.address.schema}"]

    def require_layer_access(self) -> None:
        require_password_outside(self.address)  # the layers and the project never keep the address's password

    def _remove(self) -> None:
        with closing(connect(self.address)) as connection, connection, connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA {quoted_identifier(self.address.schema)} CASCADE")
        self.drop_styles()

    def open_dataset(self, update: bool) -> gdal.Dataset:
        flags = gdal.OF_VECTOR | (gdal.OF_UPDATE if update else gdal.OF_READONLY)
        try:  # all tables, not only those with a geometry: the thesaurus, sessions and journal too
            return gdal.OpenEx(
                self.address.ogr_name(), flags, allowed_drivers=["PostgreSQL"], open_options=["LIST_ALL_TABLES=YES"]
            )
        except RuntimeError as error:
            raise AtelierError(why_not_connected(self.address, str(error))) from None

    def open_edit_dataset(self) -> gdal.Dataset:
        return self.open_dataset(update=True)

    @contextmanager
    def read_connection(self) -> Iterator[PostgresReadConnection]:
        with closing(connect(self.address)) as connection:
            connection.set_session(readonly=True, autocommit=True)
            with connection.cursor() as cursor:
                cursor.execute(f"SET search_path TO {quoted_identifier(self.address.schema)}, public")
            yield PostgresReadConnection(connection)

    def write_copy(self, target: Path) -> bool:
        return False  # a GeoPackage is made of it by the merge's rules (see core.handoff)

    def shows(self, layer) -> bool:
        return layer.providerType() == self.provider and shows_schema(layer.source(), self.address)

    def follow_layers(self, layers: dict, listen: bool) -> None:
        follow_shared_layers(layers, self.address, listen)

    def write_listening(self, project, tables: dict[str, str]) -> None:
        write_listening(project, tables, self.address)

    @contextmanager
    def derived_writes(self, dataset: gdal.Dataset) -> Iterator[None]:
        """PL/pgSQL stamps every row written: its trigger is off for the block, inside the caller's transaction."""
        schema = quoted_identifier(self.address.schema)
        tables = [f"{schema}.{quoted_identifier(table)}" for table in COMMUNE_TABLES]
        for table in tables:
            dataset.ExecuteSQL(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        try:
            yield
        finally:
            for table in tables:
                dataset.ExecuteSQL(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    def styles_table(self) -> tuple[str, str]:
        return "public.layer_styles", f"f_table_schema = {sql_text(self.address.schema)}"  # one table for all

    def drop_styles(self, tables: list[str] | None = None, style_names: list[str] | None = None) -> None:
        """Remove the atelier's styles from public.layer_styles: of ``tables`` and ``style_names`` if given."""
        condition, values = "f_table_schema = %s", [self.address.schema]
        for column, wanted in (("f_table_name", tables), ("stylename", style_names)):
            if wanted is not None:
                condition += f" AND {column} = ANY(%s)"
                values.append(list(wanted))
        with closing(connect(self.address)) as connection, connection, connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL")
            if cursor.fetchone()[0]:  # QGIS makes the table with the first style it stores
                sql = f"DELETE FROM public.layer_styles WHERE {condition}"  # nosec B608 # fixed columns
                cursor.execute(sql, values)  # the values bound

    def layer_uri(self, table: str) -> str:
        """A QGIS "postgres" layer source of one table: no password in it (libpq finds it in ~/.pgpass or a service)."""
        location = self.address
        options = address_options(location)
        uri = QgsDataSourceUri()
        if "service" in options:
            uri.setConnection(options["service"], options.get("dbname", ""), options.get("user", ""), "")
        else:
            uri.setConnection(
                options.get("host", ""),
                options.get("port", "5432"),
                options.get("dbname", ""),
                options.get("user", ""),
                "",
            )
        if location.authcfg:
            uri.setAuthConfigId(location.authcfg)
        geometry = "geom" if TABLE_BY_NAME.get(table) is None or TABLE_BY_NAME[table].geometry else ""
        uri.setDataSource(location.schema, table, geometry, "", "fid")
        return uri.uri(False)

    def project_uri(self, project: str) -> str:
        location = self.address
        options = address_options(location)
        query = {key: options[key] for key in ("service", "dbname", "sslmode") if key in options}
        query.update(schema=location.schema, project=project)
        if location.authcfg:
            query["authcfg"] = location.authcfg
        user = f"{options['user']}@" if "user" in options else ""
        server = f"{options.get('host', '')}:{options['port']}" if "port" in options else options.get("host", "")
        return f"postgresql://{user}{server}?{urlencode(query)}"


def shows_schema(source: str, location: PostgisAddress) -> bool:
    """True when a "postgres" layer source reads a table of the atelier at ``location``."""
    uri = QgsDataSourceUri(source)
    options = address_options(location)
    same_server = (uri.service() or None) == options.get("service") and uri.host() == options.get("host", "")
    return same_server and uri.database() == options.get("dbname", "") and uri.schema() == location.schema
