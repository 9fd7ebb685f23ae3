"""Plain SQL reads of an atelier, the same for a GeoPackage and for a shared atelier in PostGIS.

The roadmap, its links and the deliverables read several tables at once, which SQL does
in one query where OGR would need a loop per table. The queries are written in the SQL
both SQLite and PostgreSQL speak, with ``?`` for parameters; the rows come back with the
same Python values from both: text dates and datetimes as the GeoPackage stores them,
bytes for blobs.
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime

from bassee_atelier_plugin.core.atelier.atelier import Atelier, iso_utc


class ReadConnection:
    """A read-only connection to one atelier; :meth:`execute` gives all the rows of a query."""

    def __init__(self, connection, shared: bool):
        self._connection = connection
        self._shared = shared

    def execute(self, sql: str, parameters: Sequence = ()) -> list[tuple]:
        if not self._shared:
            return self._connection.execute(sql, parameters).fetchall()
        with self._connection.cursor() as cursor:
            if parameters:
                cursor.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(parameters))
            else:
                cursor.execute(sql)
            return [tuple(_as_in_geopackage(value) for value in row) for row in cursor.fetchall()]

    def read_frame(self, atelier: Atelier, table: str, columns: list[str], where: str | None = None):
        """A table of a shared atelier as a GeoDataFrame (GeoPackages are read by :func:`read_layer`)."""
        import geopandas

        selected = ", ".join(f'"{column}"' for column in columns)
        condition = f" WHERE {where}" if where else ""
        with warnings.catch_warnings():  # pandas prefers SQLAlchemy, but reads a psycopg2 connection well
            warnings.simplefilter("ignore", UserWarning)
            return geopandas.read_postgis(
                f'SELECT {selected}, geom FROM "{table}"{condition}',
                self._connection,
                geom_col="geom",
                crs=atelier.metadata.crs,
            ).rename_geometry("geometry")


@contextmanager
def read_only(atelier: Atelier) -> Iterator[ReadConnection]:
    """A connection that cannot change the atelier, closed on leaving the block."""
    if atelier.shared is None:
        uri = f"{atelier.path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            yield ReadConnection(connection, shared=False)
        return
    from bassee_atelier_plugin.core.stores.postgis import connect

    with closing(connect(atelier.shared)) as connection:
        connection.set_session(readonly=True, autocommit=True)
        with connection.cursor() as cursor:
            cursor.execute(f'SET search_path TO "{atelier.shared.schema}", public')
        yield ReadConnection(connection, shared=True)


def read_layer(atelier: Atelier, table: str, columns: list[str], where: str | None = None):
    """A table as a GeoDataFrame with ``columns`` and its geometry, the rows ``where`` holds."""
    if atelier.shared:
        with read_only(atelier) as connection:
            return connection.read_frame(atelier, table, columns, where)
    import geopandas
    import pyogrio

    previous = pyogrio.get_gdal_config_option("GDAL_PAM_ENABLED")
    pyogrio.set_gdal_config_options({"GDAL_PAM_ENABLED": "NO"})  # no .aux.xml file left beside the atelier
    try:
        return geopandas.read_file(atelier.path, layer=table, columns=columns, where=where, engine="pyogrio")
    finally:
        pyogrio.set_gdal_config_options({"GDAL_PAM_ENABLED": previous})


def _as_in_geopackage(value):
    """A PostgreSQL value as SQLite gives the same field of a GeoPackage."""
    if isinstance(value, memoryview):
        return value.tobytes()
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
