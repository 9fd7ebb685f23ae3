"""Shared ateliers in PostgreSQL/PostGIS: the atelier schema in a database schema of its own.

A team that outgrows one laptop keeps its atelier in a PostGIS schema (``atelier`` unless
told otherwise), with the same tables, fields, thesaurus and metadata as the GeoPackage.
What SQLite triggers do in the GeoPackage, PL/pgSQL triggers do here: every row gets its
UUID and its ``updated_at``, a stake its ``look``; and every change raises a notification on
QGIS's channel (``qgis``) whose payload names the table, so that the layers of every QGIS
showing the atelier refresh on it.

An atelier is named by a libpq address, ``postgresql://user@host:port/database?schema=atelier``
or ``postgresql:///database?service=name&schema=atelier``: a service file or ``~/.pgpass``
keeps the password out of the address, and so out of projects and logs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from osgeo import gdal, ogr
from qgis.core import QgsDataSourceUri

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.features import FeatureWriter
from bassee_atelier_plugin.core.merge import Merger, MergeSummary
from bassee_atelier_plugin.core.schema import TABLE_BY_NAME, TABLES, Field, Table
from bassee_atelier_plugin.core.storage import (
    METADATA_PREFIX,
    Atelier,
    AtelierMetadata,
    _fill_thesauri,
    _spatial_reference,
    add_field,
    look_expression,
    utc_now,
)
from bassee_atelier_plugin.toolbelt.i18n import tr

DEFAULT_SCHEMA = "atelier"
METADATA_TABLE = "atelier_metadata"
NOTIFY_CHANNEL = "qgis"  # the channel QGIS's PostgreSQL layers listen on to refresh
CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class PostgisAddress:
    """Where a shared atelier is: a libpq address and the schema that holds the atelier."""

    connection: str  # the libpq URI, without ``schema``
    schema: str

    @classmethod
    def parse(cls, address: str) -> PostgisAddress:
        parts = urlsplit(address)
        if parts.scheme not in ("postgresql", "postgres"):
            raise AtelierError(
                tr(
                    "{address} is not a PostgreSQL address (postgresql://user@host:port/database?schema=atelier)."
                ).format(address=redacted(address))
            )
        query = dict(parse_qsl(parts.query))
        schema = query.pop("schema", DEFAULT_SCHEMA)
        if not schema.replace("_", "").isalnum() or not schema[0].isalpha() or schema != schema.lower():
            raise AtelierError(
                tr("{schema} is not a usable schema name: lower-case letters, digits and _ only.").format(schema=schema)
            )
        query.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
        return cls(urlunsplit(parts._replace(query=urlencode(query))), schema)

    def __str__(self) -> str:
        return redacted(self.connection) + f" (schema {self.schema})"

    def ogr_name(self) -> str:
        """The address as GDAL's PostgreSQL driver reads it, looking in the atelier's schema."""
        import psycopg2.extensions

        options = psycopg2.extensions.parse_dsn(self.connection)
        pairs = " ".join(f"{key}='{_conninfo_quoted(value)}'" for key, value in options.items())
        return f"PG:{pairs} active_schema={self.schema} schemas={self.schema}"


def redacted(address: str) -> str:
    """An address fit for a message or a log: its password replaced by ***."""
    parts = urlsplit(address)
    if parts.password is None:
        return address
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


def connect(address: PostgisAddress):
    """A psycopg2 connection, or a clear message of why there is none."""
    import psycopg2

    try:
        return psycopg2.connect(address.connection)
    except psycopg2.OperationalError as error:
        raise AtelierError(_why_not_connected(address, str(error))) from None


def init_postgis(address: str, territory: str, crs: str = "EPSG:2154", title: str | None = None) -> AtelierMetadata:
    """Create the atelier's tables, thesaurus, triggers and metadata in a new schema, all or nothing."""
    location = PostgisAddress.parse(address)
    if not territory.strip():
        raise AtelierError(tr("The territory name is empty: give the name of the territory."))
    spatial_reference = _spatial_reference(crs)
    metadata = AtelierMetadata(
        title=title or tr("Atelier des territoires — {territory}").format(territory=territory),
        territory=territory,
        crs=crs,
        created_at=utc_now(),
    )
    with connect(location) as connection, connection.cursor() as cursor:
        _require_postgis(cursor, location)
        cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (location.schema,))
        if cursor.fetchone():
            raise AtelierError(
                tr("The schema {schema} already exists in this database: it was left untouched.").format(
                    schema=location.schema
                )
            )
        cursor.execute(f'CREATE SCHEMA "{location.schema}"')
        cursor.execute(_TRIGGER_FUNCTIONS.format(schema=location.schema, channel=NOTIFY_CHANNEL))
    errors = []  # GDAL's first message says what failed; the later ones only that the transaction is over
    gdal.PushErrorHandler(lambda _class, _number, message: errors.append(message.strip()))
    try:
        _create_tables(location, spatial_reference, metadata)
        from bassee_atelier_plugin.core.presentation import write_presentation

        # the styles (in QGIS's layer_styles) and the project (in the schema), as a GeoPackage has them
        write_presentation(Atelier(None, metadata, read_only=False, shared=location))
    except (RuntimeError, AtelierError) as error:
        _remove(location)  # nothing left half-made
        reason = (errors or [str(error)])[0] if isinstance(error, RuntimeError) else str(error)
        raise AtelierError(
            tr("Creating the atelier in {address} failed, and nothing was left of it: {error}").format(
                address=location, error=reason
            )
        ) from None
    finally:
        gdal.PopErrorHandler()
    return metadata


def _remove(location: PostgisAddress) -> None:
    with connect(location) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA "{location.schema}" CASCADE')
        cursor.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL")
        if cursor.fetchone()[0]:
            cursor.execute("DELETE FROM public.layer_styles WHERE f_table_schema = %s", (location.schema,))


def read_postgis_metadata(address: str) -> AtelierMetadata:
    """The metadata of the atelier at ``address``, or a clear message of why it is none."""
    location = PostgisAddress.parse(address)
    with connect(location) as connection, connection.cursor() as cursor:
        _require_postgis(cursor, location)
        cursor.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
            (location.schema, METADATA_TABLE),
        )
        if not cursor.fetchone():
            raise AtelierError(
                tr("The schema {schema} of {address} is not an atelier (it has no atelier metadata).").format(
                    schema=location.schema, address=redacted(location.connection)
                )
            )
        cursor.execute(f'SELECT key, value FROM "{location.schema}"."{METADATA_TABLE}"')
        metadata = AtelierMetadata.from_items({METADATA_PREFIX + key: value for key, value in cursor.fetchall()})
    metadata.require_readable(location)
    return metadata


def push(geopackage: str | os.PathLike, address: str) -> MergeSummary:
    """Bring a GeoPackage atelier into the shared one, by the merge's rules (UUIDs, journals, conflicts).

    One transaction on the server: a push that fails leaves the shared atelier as it was.
    Pushing the same file again changes nothing.
    """
    location = PostgisAddress.parse(address)
    shared = read_postgis_metadata(address)
    atelier = Atelier.open(geopackage)  # an older file is upgraded first, after a backup
    summary = MergeSummary(str(location))
    target = open_dataset(location, update=True)
    with atelier.dataset() as source:
        Merger(target, str(location), shared.crs, summary).merge(source, atelier.path.name)
    return summary


def pull(address: str, geopackage: str | os.PathLike) -> MergeSummary:
    """Bring the shared atelier into a GeoPackage: a new one, or an existing one merged by the same rules."""
    location = PostgisAddress.parse(address)
    shared = read_postgis_metadata(address)
    path = Path(geopackage).absolute()
    created = not path.exists()
    if created:
        Atelier.create(path, territory=shared.territory, crs=shared.crs, title=shared.title)
    try:
        atelier = Atelier.open(path)
        summary = MergeSummary(path)
        source = open_dataset(location, update=False)
        with atelier.dataset(update=True) as target:
            Merger(target, path.name, atelier.metadata.crs, summary).merge(source, str(location))
    except BaseException:
        if created:
            path.unlink(missing_ok=True)  # a failed pull into a new file leaves no file
        raise
    return summary


@contextmanager
def shared_writer(address: str, author: str | None = None, session_uuid: str | None = None) -> Iterator[FeatureWriter]:
    """The plugin's own edit path (see core/features) on a shared atelier: each change one short transaction.

    Several QGIS may write at once: PostgreSQL serialises what touches the same rows, and every
    commit notifies the others (see :data:`NOTIFY_CHANNEL`).
    """
    location = PostgisAddress.parse(address)
    read_postgis_metadata(address)
    dataset = open_dataset(location, update=True)
    try:
        yield FeatureWriter(dataset, author, session_uuid)
    finally:
        dataset = None  # noqa: F841 - dropping the last reference closes the connection


def layer_uri(location: PostgisAddress, table: str) -> str:
    """A QGIS "postgres" layer source of one table: no password in it (libpq finds it in ~/.pgpass or a service)."""
    import psycopg2.extensions

    options = psycopg2.extensions.parse_dsn(location.connection)
    uri = QgsDataSourceUri()
    if "service" in options:
        uri.setConnection(options["service"], options.get("dbname", ""), options.get("user", ""), "")
    else:
        uri.setConnection(
            options.get("host", ""), options.get("port", "5432"), options.get("dbname", ""), options.get("user", ""), ""
        )
    geometry = "geom" if TABLE_BY_NAME.get(table) is None or TABLE_BY_NAME[table].geometry else ""
    uri.setDataSource(location.schema, table, geometry, "", "fid")
    return uri.uri(False)


def follow_shared_layer(layer, location: PostgisAddress, table: str) -> None:
    """Give a layer of a shared atelier its stored style, and redraw it whenever any QGIS commits to its table."""
    layer.loadDefaultStyle()  # QGIS 3.22 does not when it makes a "postgres" layer
    layer.setRefreshOnNotifyEnabled(True)
    # QGIS 3.22 spells the setter "Nofify"; later versions spell it right
    set_message = getattr(layer, "setRefreshOnNotifyMessage", None) or layer.setRefreshOnNofifyMessage
    set_message(f"{location.schema}.{table}")


def project_uri(location: PostgisAddress, project: str) -> str:
    """QGIS's address of a project stored in the atelier's schema, without a password."""
    import psycopg2.extensions

    options = psycopg2.extensions.parse_dsn(location.connection)
    query = {key: options[key] for key in ("service", "dbname", "sslmode") if key in options}
    query.update(schema=location.schema, project=project)
    user = f"{options['user']}@" if "user" in options else ""
    server = f"{options.get('host', '')}:{options['port']}" if "port" in options else options.get("host", "")
    return f"postgresql://{user}{server}?{urlencode(query)}"


def open_dataset(location: PostgisAddress, update: bool):
    """GDAL's dataset of the atelier's schema (connecting was checked just before)."""
    flags = gdal.OF_VECTOR | (gdal.OF_UPDATE if update else gdal.OF_READONLY)
    try:  # all tables, not only those with a geometry: the thesaurus, sessions and journal too
        return gdal.OpenEx(
            location.ogr_name(), flags, allowed_drivers=["PostgreSQL"], open_options=["LIST_ALL_TABLES=YES"]
        )
    except RuntimeError as error:
        raise AtelierError(_why_not_connected(location, str(error))) from None


def _create_tables(location: PostgisAddress, spatial_reference, metadata: AtelierMetadata) -> None:
    dataset = open_dataset(location, update=True)
    dataset.StartTransaction()
    try:
        for table in TABLES:
            _create_table(dataset, location.schema, table, spatial_reference)
        _fill_thesauri(dataset)
        dataset.ExecuteSQL(
            f'CREATE TABLE "{location.schema}"."{METADATA_TABLE}" (key text PRIMARY KEY, value text NOT NULL)'
        )
        for key, value in metadata.items().items():
            dataset.ExecuteSQL(
                f'INSERT INTO "{location.schema}"."{METADATA_TABLE}" VALUES (\'{key[len(METADATA_PREFIX) :]}\', '
                f"'{value.replace(chr(39), chr(39) * 2)}')"
            )
        dataset.CommitTransaction()
    except RuntimeError:
        dataset.RollbackTransaction()
        raise


def _create_table(dataset, schema: str, table: Table, spatial_reference) -> None:
    options = ["FID=fid", f"SCHEMA={schema}", "LAUNDER=NO", "OVERWRITE=NO"]
    if table.geometry:
        options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST"]
    layer = dataset.CreateLayer(
        table.name, spatial_reference if table.geometry else None, _GEOMETRIES[table.geometry], options=options
    )
    for field in table.all_fields:
        add_field(layer, _in_postgresql(field), unique=field.name in ("uuid", "code"))
    layer.SyncToDisk()  # GDAL defers CREATE TABLE: the indexes and triggers need the table now
    qualified = f'"{schema}"."{table.name}"'
    for field in table.all_fields:
        if field.indexed:
            dataset.ExecuteSQL(f'CREATE INDEX "{table.name}_{field.name}" ON {qualified} ("{field.name}")')
    if table.tracked:
        dataset.ExecuteSQL(
            f'CREATE TRIGGER "{table.name}_stamp" BEFORE INSERT OR UPDATE ON {qualified} '
            f'FOR EACH ROW EXECUTE FUNCTION "{schema}".atelier_stamp()'
        )
    if any(field.name == "look" for field in table.fields):
        dataset.ExecuteSQL(
            f'CREATE TRIGGER "{table.name}_look" BEFORE INSERT OR UPDATE ON {qualified} '
            f'FOR EACH ROW EXECUTE FUNCTION "{schema}".atelier_look()'
        )
    dataset.ExecuteSQL(
        f'CREATE TRIGGER "{table.name}_notify" AFTER INSERT OR UPDATE OR DELETE ON {qualified} '
        f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".atelier_notify()'
    )


def _in_postgresql(field: Field) -> Field:
    """A field as PostgreSQL declares it: a boolean's default is true or false, not 1 or 0."""
    if field.kind == "boolean" and field.default in ("0", "1"):
        return replace(field, default="true" if field.default == "1" else "false")
    return field


_GEOMETRIES = {None: ogr.wkbNone, "Point": ogr.wkbPoint, "LineString": ogr.wkbLineString, "Polygon": ogr.wkbPolygon}

# What the GeoPackage's SQLite triggers do (see storage.create_tracking_triggers), for PostgreSQL;
# and the notification that makes every QGIS showing the atelier redraw the table that changed.
_TRIGGER_FUNCTIONS = (
    """
CREATE FUNCTION "{schema}".atelier_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.uuid IS NULL THEN NEW.uuid := gen_random_uuid()::text; END IF;
    IF TG_OP = 'UPDATE' AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END $$;
CREATE FUNCTION "{schema}".atelier_look() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.look := LOOK_EXPRESSION;
    RETURN NEW;
END $$;
CREATE FUNCTION "{schema}".atelier_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{channel}', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
    RETURN NULL;
END $$;
"""
).replace("LOOK_EXPRESSION", look_expression().replace("{", "{{").replace("}", "}}"))


def _require_postgis(cursor, location: PostgisAddress) -> None:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if not cursor.fetchone():
        raise AtelierError(
            tr(
                "The database of {address} has no PostGIS: ask its administrator to run CREATE EXTENSION postgis, "
                "then try again."
            ).format(address=redacted(location.connection))
        )


def _why_not_connected(location: PostgisAddress, error: str) -> str:
    address = redacted(location.connection)
    if "password authentication failed" in error or "no password supplied" in error:
        return tr("PostgreSQL refused the user name or password for {address}: check them.").format(address=address)
    if "does not exist" in error and "database" in error:
        return tr("The database of {address} does not exist: create it first.").format(address=address)
    if "Connection refused" in error or "timeout expired" in error or "could not translate host name" in error:
        return tr("No PostgreSQL server answers at {address}: check the host, the port and the network.").format(
            address=address
        )
    return tr("Could not connect to {address}: {error}").format(address=address, error=error.strip())


def _conninfo_quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")
