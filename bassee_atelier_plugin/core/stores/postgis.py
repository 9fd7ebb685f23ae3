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
import re
from contextlib import closing
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from osgeo import gdal, ogr
from qgis.core import Qgis, QgsDataSourceUri
from qgis.PyQt.QtCore import QObject, QSocketNotifier

from bassee_atelier_plugin.core.atelier.atelier import (
    METADATA_TABLE,
    NOT_LAYERS,
    Atelier,
    AtelierMetadata,
    _fill_thesauri,
    _spatial_reference,
    add_field,
    create_metadata_table,
    look_expression,
    metadata_from_items,
    read_metadata_items,
    utc_now,
    write_metadata,
)
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.merge import Merger, MergeSummary
from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS_VIEW
from bassee_atelier_plugin.core.model.action_sheets import view_query
from bassee_atelier_plugin.core.model.schema import SCHEMA_VERSION, TABLE_BY_NAME, TABLES, Field, Table
from bassee_atelier_plugin.toolbelt.i18n import tr

DEFAULT_SCHEMA = "atelier"
# Shared ateliers began at schema 7, with their metadata in METADATA_TABLE; schema 8 brought
# GeoPackages there too and changed nothing else, so a shared atelier's 7 -> 8 only says so.
FIRST_SHARED_SCHEMA = 7
NOTIFY_CHANNEL = "qgis"  # the channel QGIS's PostgreSQL layers listen on to refresh
CONNECT_TIMEOUT_S = 10
LISTENS_WITH_AUTHCFG_SINCE = 33600  # QGIS 3.36: see follow_shared_layers


@dataclass(frozen=True)
class PostgisAddress:
    """Where a shared atelier is: a libpq address, the schema that holds the atelier, and how to log in.

    ``authcfg`` names one of QGIS's authentication configurations: the user name and
    password stay in QGIS's encrypted store, and are read from it only to connect.
    """

    connection: str  # the libpq URI, without ``schema`` or ``authcfg``
    schema: str
    authcfg: str | None = None

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
        authcfg = query.pop("authcfg", None)
        if not schema.replace("_", "").isalnum() or not schema[0].isalpha() or schema != schema.lower():
            raise AtelierError(
                tr("{schema} is not a usable schema name: lower-case letters, digits and _ only.").format(schema=schema)
            )
        query.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
        return cls(urlunsplit(parts._replace(query=urlencode(query))), schema, authcfg)

    def __str__(self) -> str:
        return redacted(self.connection) + f" (schema {self.schema})"

    def address(self) -> str:
        """The address :meth:`parse` reads back, without a password: what a project may keep."""
        parts = urlsplit(self.connection)
        netloc = parts.netloc if parts.password is None else parts.netloc.replace(f":{parts.password}@", "@", 1)
        query = dict(parse_qsl(parts.query), schema=self.schema)
        if self.authcfg:
            query["authcfg"] = self.authcfg
        return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query)))

    def libpq_options(self) -> dict[str, str]:
        """The connection's options for libpq, with the user and password of ``authcfg`` if there is one."""
        import psycopg2.extensions

        options = psycopg2.extensions.parse_dsn(self.connection)
        if self.authcfg:
            options.update(_credentials(self.authcfg))
        return options

    def ogr_name(self) -> str:
        """The address as GDAL's PostgreSQL driver reads it, looking in the atelier's schema."""
        pairs = " ".join(f"{key}='{_conninfo_quoted(value)}'" for key, value in self.libpq_options().items())
        return f"PG:{pairs} active_schema={self.schema} schemas={self.schema}"


def _credentials(authcfg: str) -> dict[str, str]:
    """The user name and password of one of QGIS's authentication configurations (a "Basic" one)."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    config = QgsAuthMethodConfig()
    if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True) or not config.id():
        raise AtelierError(
            tr(
                "QGIS has no authentication configuration {authcfg} (or its store is locked): "
                "choose the connection again, or unlock the store with its master password."
            ).format(authcfg=authcfg)
        )
    if config.method() != "Basic":
        raise AtelierError(
            tr("The authentication configuration {name} is not a user name and password: use a Basic one.").format(
                name=config.name()
            )
        )
    return {"user": config.config("username"), "password": config.config("password")}


def saved_connection_address(name: str, schema: str = DEFAULT_SCHEMA) -> str:
    """The address of the atelier ``schema`` in QGIS's saved PostgreSQL connection ``name``.

    Its password never enters the address: it stays in the connection's authentication
    configuration, a service file or ``~/.pgpass``. A connection that keeps its password
    in QGIS's settings in clear is refused, since the atelier's project would have to carry it.
    """
    from qgis.core import QgsProviderConnectionException, QgsProviderRegistry

    try:
        connection = QgsProviderRegistry.instance().providerMetadata("postgres").findConnection(name)
    except QgsProviderConnectionException:  # no such connection, in some QGIS versions
        connection = None
    if connection is None:
        raise AtelierError(tr("QGIS has no saved PostgreSQL connection named {name}.").format(name=name))
    uri = QgsDataSourceUri(connection.uri())
    if uri.password() and not uri.authConfigId():
        raise AtelierError(
            tr(
                "The connection {name} keeps its password in QGIS's settings in clear, and a shared atelier's project "
                "would have to carry it: give the connection an authentication configuration instead "
                "(or use a service file or ~/.pgpass)."
            ).format(name=name)
        )
    query = {"dbname": uri.database()} if uri.service() else {}
    for key, value in (("service", uri.service()), ("authcfg", uri.authConfigId())):
        if value:
            query[key] = value
    if uri.sslMode() != QgsDataSourceUri.SslMode.SslPrefer:  # libpq's default
        query["sslmode"] = QgsDataSourceUri.encodeSslMode(uri.sslMode())
    query["schema"] = schema
    user = f"{quote(uri.username())}@" if uri.username() and not uri.authConfigId() else ""
    server = uri.host() + (f":{uri.port()}" if uri.port() else "")
    path = "" if uri.service() else f"/{quote(uri.database())}"
    return f"postgresql://{user}{server}{path}?{urlencode(query)}"


def shows_schema(source: str, location: PostgisAddress) -> bool:
    """True when a "postgres" layer source reads a table of the atelier at ``location``."""
    uri = QgsDataSourceUri(source)
    options = _address_options(location)
    same_server = (uri.service() or None) == options.get("service") and uri.host() == options.get("host", "")
    return same_server and uri.database() == options.get("dbname", "") and uri.schema() == location.schema


def _address_options(location: PostgisAddress) -> dict[str, str]:
    import psycopg2.extensions

    return psycopg2.extensions.parse_dsn(location.connection)


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
        return psycopg2.connect(**address.libpq_options())
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
    with closing(connect(location)) as connection, connection, connection.cursor() as cursor:
        _require_postgis(cursor, location)
        cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (location.schema,))
        if cursor.fetchone():
            raise AtelierError(
                tr("The schema {schema} already exists in this database: it was left untouched.").format(
                    schema=location.schema
                )
            )
        _create_schema(cursor, location)
        cursor.execute(_TRIGGER_FUNCTIONS.format(schema=location.schema, channel=NOTIFY_CHANNEL))
    errors = []  # GDAL's first message says what failed; the later ones only that the transaction is over
    gdal.PushErrorHandler(lambda _class, _number, message: errors.append(message.strip()))
    try:
        _create_tables(location, spatial_reference, metadata)
        from bassee_atelier_plugin.core.presentation.project import write_presentation

        # the styles (in QGIS's layer_styles) and the project (in the schema), as a GeoPackage has them
        write_presentation(Atelier(None, metadata, read_only=False, shared=location))
    except (RuntimeError, AtelierError) as error:
        _remove(location)  # nothing left half-made
        reason = _refusal(errors or [str(error)]) if isinstance(error, RuntimeError) else str(error)
        raise AtelierError(
            tr("Creating the atelier in {address} failed, and nothing was left of it: {error}").format(
                address=location, error=reason
            )
        ) from None
    finally:
        gdal.PopErrorHandler()
    return metadata


def _refusal(gdal_messages: list[str]) -> str:
    """What PostgreSQL refused, from GDAL's first message.

    GDAL 3.6 passes on the server's own words. GDAL 3.10 creates tables late, and reports a
    refused CREATE TABLE only as an aborted transaction "May be caused by:" the statement.
    """
    first = gdal_messages[0]
    statement = first.partition("May be caused by:")[2].strip()
    if statement:
        return tr("PostgreSQL refused {statement}").format(statement=statement.split("(")[0].strip())
    return first


def _create_schema(cursor, location: PostgisAddress) -> None:
    import psycopg2

    try:
        cursor.execute(f'CREATE SCHEMA "{location.schema}"')
    except psycopg2.errors.InsufficientPrivilege:
        raise AtelierError(
            tr(
                "PostgreSQL does not let this user create a schema in the database of {address}: ask its "
                "administrator for the right (GRANT CREATE ON DATABASE), or use another user. Nothing was created."
            ).format(address=redacted(location.connection))
        ) from None


def _remove(location: PostgisAddress) -> None:
    with closing(connect(location)) as connection, connection, connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA "{location.schema}" CASCADE')
    drop_stored_styles(location)


def drop_stored_styles(location: PostgisAddress, tables=None, style_names=None) -> None:
    """Remove the atelier's styles from QGIS's ``public.layer_styles``: of ``tables`` and ``style_names`` if given."""
    condition, values = "f_table_schema = %s", [location.schema]
    for column, wanted in (("f_table_name", tables), ("stylename", style_names)):
        if wanted is not None:
            condition += f" AND {column} = ANY(%s)"
            values.append(list(wanted))
    with closing(connect(location)) as connection, connection, connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL")
        if cursor.fetchone()[0]:  # QGIS makes the table with the first style it stores
            cursor.execute(f"DELETE FROM public.layer_styles WHERE {condition}", values)


def read_postgis_metadata(address: str) -> AtelierMetadata:
    """The metadata of the atelier at ``address``, or a clear message of why it is none; an older one is upgraded."""
    location = PostgisAddress.parse(address)
    with closing(connect(location)) as connection, connection, connection.cursor() as cursor:
        _require_postgis(cursor, location)
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
    metadata = metadata_from_items(read_metadata_items(open_dataset(location, update=False)) or {}, location)
    metadata.require_readable(location)
    if metadata.schema_version < FIRST_SHARED_SCHEMA:  # none was ever made: nothing to upgrade from
        raise AtelierError(
            tr(
                "{address} is an older shared atelier (schema {found}), and this plugin cannot upgrade a shared "
                "atelier yet: open it with the version of the plugin that made it; nothing was changed."
            ).format(address=location, found=metadata.schema_version)
        )
    if metadata.schema_version < SCHEMA_VERSION:
        metadata = _upgrade_shared(location, metadata)
    return metadata


def _upgrade_shared(location: PostgisAddress, metadata: AtelierMetadata) -> AtelierMetadata:
    """Bring an older shared atelier to the current schema, in place: since schema 7 only its version changed."""
    dataset = open_dataset(location, update=True)
    try:
        write_metadata(dataset, {"SCHEMA_VERSION": str(SCHEMA_VERSION)})
    except RuntimeError as error:
        raise AtelierError(
            tr("{address} is an older shared atelier (schema {found}), and it could not be upgraded: {error}").format(
                address=location, found=metadata.schema_version, error=str(error).strip()
            )
        ) from None
    finally:
        dataset = None  # noqa: F841 - closes the connection
    return replace(metadata, schema_version=SCHEMA_VERSION)


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
        copied = copy_context_layers(source, target, shared.crs, location.schema)
    target = None
    if copied:
        from bassee_atelier_plugin.core.presentation.project import write_presentation

        write_presentation(Atelier(None, shared, read_only=False, shared=location), copied)
    return summary


def pull(address: str, geopackage: str | os.PathLike) -> MergeSummary:
    """Bring the shared atelier into a GeoPackage: a new one, or an existing one merged by the same rules."""
    location = PostgisAddress.parse(address)
    shared = read_postgis_metadata(address)
    path = Path(geopackage).absolute()
    created = not path.exists()
    if created:
        described = {name: value for name, value in asdict(shared).items() if name != "schema_version"}
        Atelier.create(path, **described)  # the same title, territory, licence, language…
    try:
        atelier = Atelier.open(path)
        summary = MergeSummary(path)
        source = open_dataset(location, update=False)
        with atelier.dataset(update=True) as target:
            Merger(target, path.name, atelier.metadata.crs, summary).merge(source, str(location))
            copied = copy_context_layers(source, target, atelier.metadata.crs)
        if copied:
            from bassee_atelier_plugin.core.presentation.project import write_presentation

            write_presentation(atelier, copied)
    except BaseException:
        if created:
            path.unlink(missing_ok=True)  # a failed pull into a new file leaves no file
        raise
    return summary


def copy_context_layers(source, target, crs: str, schema: str | None = None) -> list[str]:
    """Copy whole the territory's layers (communes, outline…) that ``target`` lacks; return their names.

    They are reference data, not the atelier's own features: no merge, no journal.
    """
    present = {target.GetLayer(index).GetName() for index in range(target.GetLayerCount())}
    copied = []
    for index in range(source.GetLayerCount()):
        name = source.GetLayer(index).GetName()
        if name in TABLE_BY_NAME or name in NOT_LAYERS or name in present or name == ACTION_SHEETS_VIEW:
            continue
        creation = ["FID=fid", "GEOMETRY_NAME=geom"] + ([f"SCHEMA={schema}"] if schema else [])
        options = gdal.VectorTranslateOptions(
            layers=[name], layerName=name, dstSRS=crs, reproject=True, layerCreationOptions=creation
        )
        if gdal.VectorTranslate(target, source, options=options) is None:
            raise AtelierError(tr("Could not copy the layer {layer}.").format(layer=name))
        copied.append(name)
    return copied


def layer_uri(location: PostgisAddress, table: str) -> str:
    """A QGIS "postgres" layer source of one table: no password in it (libpq finds it in ~/.pgpass or a service)."""
    options = _address_options(location)
    uri = QgsDataSourceUri()
    if "service" in options:
        uri.setConnection(options["service"], options.get("dbname", ""), options.get("user", ""), "")
    else:
        uri.setConnection(
            options.get("host", ""), options.get("port", "5432"), options.get("dbname", ""), options.get("user", ""), ""
        )
    if location.authcfg:
        uri.setAuthConfigId(location.authcfg)
    geometry = "geom" if TABLE_BY_NAME.get(table) is None or TABLE_BY_NAME[table].geometry else ""
    uri.setDataSource(location.schema, table, geometry, "", "fid")
    return uri.uri(False)


def follow_shared_layers(layers: dict, location: PostgisAddress, listen: bool = True) -> None:
    """Give the layers of a shared atelier their stored styles, and redraw each whenever any QGIS commits to its table.

    QGIS listens itself, and a project saved with these layers keeps listening without the
    plugin. But before QGIS 3.36 a layer that logs in with an authentication configuration
    crashes QGIS when it starts listening (qgis/QGIS#54260, fixed by qgis/QGIS#55062): the
    plugin then listens for those layers itself (:class:`ChangeListener`).

    ``listen=False`` is for layers that are only written into the stored project, never shown:
    QGIS starts a listener (a thread and a connection) for each layer, and each takes up to a
    second to stop when its layer goes, some ten seconds for an atelier's layers.
    :func:`write_listening` writes them as listening all the same.
    """
    qgis_listens = _qgis_listens(location)
    for table, layer in layers.items():
        layer.loadDefaultStyle()  # QGIS 3.22 does not when it makes a "postgres" layer
        if qgis_listens and listen:
            layer.setRefreshOnNotifyEnabled(True)
            # QGIS 3.22 spells the setter "Nofify"; later versions spell it right
            set_message = getattr(layer, "setRefreshOnNotifyMessage", None) or layer.setRefreshOnNofifyMessage
            set_message(f"{location.schema}.{table}")
    if listen and not qgis_listens and layers:
        ChangeListener(location, layers, parent=next(iter(layers.values())))


def write_listening(project, tables: dict[str, str], location: PostgisAddress) -> None:
    """Have ``project`` written with its layers (``tables``: layer id to table) listening as
    :func:`follow_shared_layers` makes them listen, though they were followed with ``listen=False``."""
    if not _qgis_listens(location):
        return
    messages = {layer_id: f"{location.schema}.{table}" for layer_id, table in tables.items()}

    def mark(layer, element, _document) -> None:  # the attributes QgsMapLayer writes, and reads back
        if layer.id() in messages:
            element.setAttribute("refreshOnNotifyEnabled", "1")
            element.setAttribute("refreshOnNotifyMessage", messages[layer.id()])

    project.writeMapLayer.connect(mark)


def _qgis_listens(location: PostgisAddress) -> bool:
    return not location.authcfg or Qgis.QGIS_VERSION_INT >= LISTENS_WITH_AUTHCFG_SINCE


class ChangeListener(QObject):
    """The atelier's notifications, read on a connection of the plugin's own: each table changed is redrawn.

    It lives as long as its parent layer; the connection is read when the socket has
    something, so it costs nothing between commits.
    """

    def __init__(self, location: PostgisAddress, layers: dict, parent: QObject):
        super().__init__(parent)
        self._layers = layers
        self._prefix = f"{location.schema}."
        self._connection = connect(location)
        self._connection.set_session(autocommit=True)
        with self._connection.cursor() as cursor:
            cursor.execute(f"LISTEN {NOTIFY_CHANNEL}")
        self._notifier = QSocketNotifier(self._connection.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._redraw_changed_tables)
        self.destroyed.connect(self._connection.close)

    def _redraw_changed_tables(self) -> None:
        import psycopg2

        try:
            self._connection.poll()
        except psycopg2.Error:  # the server went away: stop listening rather than fail on every wake-up
            self._notifier.setEnabled(False)
            return
        payloads = {notification.payload for notification in self._connection.notifies}
        self._connection.notifies.clear()
        for payload in payloads:
            layer = self._layers.get(payload[len(self._prefix) :]) if payload.startswith(self._prefix) else None
            if layer is not None:
                layer.reload()
                layer.triggerRepaint()


def project_uri(location: PostgisAddress, project: str) -> str:
    """QGIS's address of a project stored in the atelier's schema, without a password."""
    options = _address_options(location)
    query = {key: options[key] for key in ("service", "dbname", "sslmode") if key in options}
    query.update(schema=location.schema, project=project)
    if location.authcfg:
        query["authcfg"] = location.authcfg
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
        sheets = view_query(metadata.language, postgresql=True)
        dataset.ExecuteSQL(f'CREATE VIEW "{location.schema}"."{ACTION_SHEETS_VIEW}" AS {sheets}')
        create_metadata_table(dataset)  # in the atelier's schema, first on GDAL's search path
        write_metadata(dataset, metadata.items())
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
    error = re.sub(r"password\s*=\s*('(\\.|[^'])*'|\S+)", "password=***", error)  # GDAL may echo the conninfo
    return tr("Could not connect to {address}: {error}").format(address=address, error=error.strip())


def _conninfo_quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")
