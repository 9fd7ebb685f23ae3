"""Where a shared atelier is: its libpq address, the schema holding it, how to log in, and connecting.

An atelier is named by a libpq address, ``postgresql://user@host:port/database?schema=atelier``
or ``postgresql:///database?service=name&schema=atelier``: a service file or ``~/.pgpass``
keeps the password out of the address, and so out of projects and logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urlsplit

from qgis.core import QgsDataSourceUri

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.toolbelt.i18n import tr

DEFAULT_SCHEMA = "atelier"


CONNECT_TIMEOUT_S = 10


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
        return cls(_joined(parts, query), schema, authcfg)

    def __str__(self) -> str:
        return redacted(self.connection) + f" (schema {self.schema})"

    def address(self) -> str:
        """The address :meth:`parse` reads back, without a password: what a project may keep."""
        parts = urlsplit(self.connection)
        user_info, at, server = parts.netloc.rpartition("@")
        netloc = user_info.partition(":")[0] + at + server  # the user stays, the password goes
        query = {key: value for key, value in parse_qsl(parts.query) if key != "password"}
        query["schema"] = self.schema
        if self.authcfg:
            query["authcfg"] = self.authcfg
        return _joined(parts._replace(netloc=netloc), query)

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


def _joined(parts: SplitResult, query: dict[str, str]) -> str:
    """The address of ``parts`` with ``query``, keeping "//" before an empty host (postgresql:///db?service=…)."""
    return f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode(query)}"


def is_libpq_string(location: str) -> bool:
    """True for a libpq key=value string ("host=… dbname=… password=…"): no file name, and no address either."""
    return bool(_LIBPQ_STRING.fullmatch(location)) and bool(_LIBPQ_KEYWORD.search(location))


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


def address_options(location: PostgisAddress) -> dict[str, str]:
    import psycopg2.extensions

    return psycopg2.extensions.parse_dsn(location.connection)


# A password before the host of a URI (user:password@), up to the last "@" before the path as urlsplit reads it
_USER_INFO_PASSWORD = re.compile(r"(://[^:/?#@\s]*):[^/?#\s]*@")
# A password as a URI's query parameter or a libpq key=value pair: "?password=…&", "password = '…'"
_KEYWORD_PASSWORD = re.compile(r"(?i)(\bpassword\s*=\s*)('(?:\\.|[^'\\])*'|[^&\s]*)")


_LIBPQ_STRING = re.compile(r"\s*(\w+\s*=\s*('(?:\\.|[^'\\])*'|\S*)\s*)+")
_LIBPQ_KEYWORD = re.compile(r"(^|\s)(host|hostaddr|port|dbname|user|password|service|sslmode)\s*=")


def redacted(text: str) -> str:
    """A text fit for a message or a log: every password in it replaced by ***, however it was given.

    Addresses (user-info or a ``password`` parameter), libpq key=value strings, and what
    libpq, GDAL or QGIS echo of them in their errors all go through here.
    """
    return _KEYWORD_PASSWORD.sub(r"\1***", _USER_INFO_PASSWORD.sub(r"\1:***@", str(text)))


def carries_password(address: str) -> bool:
    """True when ``address`` holds a password itself, which QGIS's layers and the stored project never keep."""
    return redacted(address) != address


def connect(address: PostgisAddress):
    """A psycopg2 connection, or a clear message of why there is none."""
    import psycopg2

    try:
        return psycopg2.connect(**address.libpq_options())
    except psycopg2.OperationalError as error:
        raise AtelierError(why_not_connected(address, str(error))) from None


def require_password_outside(address: PostgisAddress) -> None:
    """Refuse an address whose password QGIS's layers would need: they, and the project, never keep it."""
    import psycopg2

    if address.authcfg or not carries_password(address.connection):
        return  # nothing to keep out, or the layers log in with the authentication configuration
    options = {key: value for key, value in address.libpq_options().items() if key != "password"}
    try:
        psycopg2.connect(**options).close()
    except psycopg2.OperationalError as error:
        if "password" not in str(error):
            raise AtelierError(why_not_connected(address, str(error))) from None
        raise AtelierError(
            tr(
                "The password in {address} is used only to connect now: the atelier's layers and its QGIS project "
                "never keep it, and PostgreSQL asks for one without it. Give the password in ~/.pgpass (or the file "
                "PGPASSFILE names), in a service file (postgresql:///database?service=name), or in a QGIS "
                "authentication configuration (authcfg=id), and leave it out of the address."
            ).format(address=redacted(address.connection))
        ) from None


def why_not_connected(location: PostgisAddress, error: str) -> str:
    address = redacted(location.connection)
    if "password authentication failed" in error or "no password supplied" in error:
        return tr("PostgreSQL refused the user name or password for {address}: check them.").format(address=address)
    if "does not exist" in error and "database" in error:
        return tr("The database of {address} does not exist: create it first.").format(address=address)
    if "Connection refused" in error or "timeout expired" in error or "could not translate host name" in error:
        return tr("No PostgreSQL server answers at {address}: check the host, the port and the network.").format(
            address=address
        )
    # GDAL may echo the conninfo
    return tr("Could not connect to {address}: {error}").format(address=address, error=redacted(error).strip())


def _conninfo_quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")
