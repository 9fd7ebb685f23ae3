"""A shared atelier's tables in PostgreSQL, and what its PL/pgSQL triggers do by themselves.

What SQLite triggers do in the GeoPackage, PL/pgSQL triggers do here: every row gets its
UUID and its ``updated_at``, a stake its ``look``; and every change raises a notification on
QGIS's channel whose payload names the table (see listening).
"""

from __future__ import annotations

from dataclasses import replace

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS_VIEW
from bassee_atelier_plugin.core.model.action_sheets import view_query
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata
from bassee_atelier_plugin.core.model.schema import TABLES, Field, Table
from bassee_atelier_plugin.core.stores.ogr_tables import (
    OGR_GEOMETRIES,
    add_field,
    add_missing_fields,
    create_metadata_table,
    fill_thesauri,
    look_expression,
    quoted_identifier,
    write_metadata,
)
from bassee_atelier_plugin.core.stores.postgis.address import PostgisAddress, redacted
from bassee_atelier_plugin.toolbelt.i18n import tr

NOTIFY_CHANNEL = "qgis"  # the channel QGIS's PostgreSQL layers listen on to refresh


def refusal(gdal_messages: list[str]) -> str:
    """What PostgreSQL refused, from GDAL's first message.

    GDAL 3.6 passes on the server's own words. GDAL 3.10 creates tables late, and reports a
    refused CREATE TABLE only as an aborted transaction "May be caused by:" the statement.
    """
    first = gdal_messages[0]
    statement = first.partition("May be caused by:")[2].strip()
    if statement:
        return tr("PostgreSQL refused {statement}").format(statement=statement.split("(")[0].strip())
    return first


def create_schema(cursor, location: PostgisAddress) -> None:
    """The atelier's schema and the functions its triggers call."""
    import psycopg2

    try:
        cursor.execute(f"CREATE SCHEMA {quoted_identifier(location.schema)}")
    except psycopg2.errors.InsufficientPrivilege:
        raise AtelierError(
            tr(
                "PostgreSQL does not let this user create a schema in the database of {address}: ask its "
                "administrator for the right (GRANT CREATE ON DATABASE), or use another user. Nothing was created."
            ).format(address=redacted(location.connection))
        ) from None
    cursor.execute(_TRIGGER_FUNCTIONS.format(schema=location.schema, channel=NOTIFY_CHANNEL))


def create_tables(dataset, schema: str, metadata: AtelierMetadata, spatial_reference) -> None:
    """Every table, thesaurus, view and the metadata of a new shared atelier, in one transaction."""
    dataset.StartTransaction()
    try:
        for table in TABLES:
            _create_table(dataset, schema, table, spatial_reference)
        fill_thesauri(dataset)
        sheets = view_query(metadata.language, postgresql=True)
        dataset.ExecuteSQL(
            f"CREATE VIEW {quoted_identifier(schema)}.{quoted_identifier(ACTION_SHEETS_VIEW)} AS {sheets}"
        )
        create_metadata_table(dataset)  # in the atelier's schema, first on GDAL's search path
        write_metadata(dataset, metadata.items())
        dataset.CommitTransaction()
    except RuntimeError:
        dataset.RollbackTransaction()
        raise


def add_later_tables_and_fields(dataset, schema: str) -> list[str]:
    """The tables and fields an older shared atelier lacks; return the tables added.

    Added columns need no trigger, which stamp whole rows.
    """
    reference = dataset.GetLayerByName("stakes_point").GetSpatialRef()
    added = []
    for table in TABLES:
        layer = dataset.GetLayerByName(table.name)
        if layer is None:
            _create_table(dataset, schema, table, reference)
            added.append(table.name)
        else:
            add_missing_fields(layer, [_in_postgresql(field) for field in table.fields])
    return added


def _create_table(dataset, schema: str, table: Table, spatial_reference) -> None:
    options = ["FID=fid", f"SCHEMA={schema}", "LAUNDER=NO", "OVERWRITE=NO"]
    if table.geometry:
        options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST"]
    layer = dataset.CreateLayer(
        table.name, spatial_reference if table.geometry else None, OGR_GEOMETRIES[table.geometry], options=options
    )
    for field in table.all_fields:
        add_field(layer, _in_postgresql(field), unique=field.name in ("uuid", "code"))
    layer.SyncToDisk()  # GDAL defers CREATE TABLE: the indexes and triggers need the table now
    qualified, functions = f"{quoted_identifier(schema)}.{quoted_identifier(table.name)}", quoted_identifier(schema)
    for field in table.all_fields:
        if field.indexed:
            index = quoted_identifier(f"{table.name}_{field.name}")
            dataset.ExecuteSQL(f"CREATE INDEX {index} ON {qualified} ({quoted_identifier(field.name)})")
    if table.tracked:
        dataset.ExecuteSQL(
            f"CREATE TRIGGER {quoted_identifier(f'{table.name}_stamp')} BEFORE INSERT OR UPDATE ON {qualified} "
            f"FOR EACH ROW EXECUTE FUNCTION {functions}.atelier_stamp()"
        )
    if any(field.name == "look" for field in table.fields):
        dataset.ExecuteSQL(
            f"CREATE TRIGGER {quoted_identifier(f'{table.name}_look')} BEFORE INSERT OR UPDATE ON {qualified} "
            f"FOR EACH ROW EXECUTE FUNCTION {functions}.atelier_look()"
        )
    dataset.ExecuteSQL(
        f"CREATE TRIGGER {quoted_identifier(f'{table.name}_notify')} AFTER INSERT OR UPDATE OR DELETE ON {qualified} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {functions}.atelier_notify()"
    )


def _in_postgresql(field: Field) -> Field:
    """A field as PostgreSQL declares it: a boolean's default is true or false, not 1 or 0."""
    if field.kind == "boolean" and field.default in ("0", "1"):
        return replace(field, default="true" if field.default == "1" else "false")
    return field


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


def require_postgis(cursor, location: PostgisAddress) -> None:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if not cursor.fetchone():
        raise AtelierError(
            tr(
                "The database of {address} has no PostGIS: ask its administrator to run CREATE EXTENSION postgis, "
                "then try again."
            ).format(address=redacted(location.connection))
        )
