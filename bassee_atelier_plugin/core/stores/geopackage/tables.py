"""A GeoPackage's tables and what its SQLite does by itself: UUIDs, ``updated_at`` stamps, a stake's look.

The database guarantees the tracking columns, so a plain QGIS or ogr2ogr writing to an
atelier keeps it sound, not only this plugin.
"""

from __future__ import annotations

from pathlib import Path

from osgeo import gdal, ogr, osr

from bassee_atelier_plugin.core.model.action_sheets import create_action_sheets_view
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata
from bassee_atelier_plugin.core.model.schema import DERIVED_FIELDS, TABLES, Table
from bassee_atelier_plugin.core.stores.ogr_tables import (
    OGR_GEOMETRIES,
    add_field,
    create_metadata_table,
    fill_thesauri,
    look_expression,
    quoted_identifier,
    write_metadata,
)

GEOPACKAGE_VERSION = "1.2"  # what GDAL 3.6 and QGIS 3.22 read without a warning
# No gpkg_ogr_contents: to count rows fast, GDAL keeps triggers on every table, drops them at a
# layer's first insert and makes them again when the file closes. Each is a change of the schema,
# and another QGIS reading or writing the file at that moment fails ("database schema has changed").
CREATION_OPTIONS = [f"VERSION={GEOPACKAGE_VERSION}", "ADD_GPKG_OGR_CONTENTS=NO"]
# A random (version 4) UUID in plain SQLite, for rows inserted without one.
_SQL_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || '-' || hex(randomblob(6)))"
)
SQL_UTC_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def create_geopackage(path: Path, spatial_reference: osr.SpatialReference, metadata: AtelierMetadata) -> None:
    """A new atelier GeoPackage at ``path``: every table, thesaurus, view and the metadata, in one transaction."""
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path), options=CREATION_OPTIONS)
    dataset.StartTransaction()
    for table in TABLES:
        create_table(dataset, table, spatial_reference)
    fill_thesauri(dataset)
    create_action_sheets_view(dataset, metadata.language)
    create_metadata_table(dataset)
    write_metadata(dataset, metadata.items())
    dataset.CommitTransaction()
    dataset = None


def create_table(dataset: gdal.Dataset, table: Table, spatial_reference: osr.SpatialReference | None) -> None:
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
                f"CREATE INDEX IF NOT EXISTS {quoted_identifier(f'{table.name}_{field.name}')} "
                f"ON {quoted_identifier(table.name)} ({quoted_identifier(field.name)})"
            )


def create_tracking_triggers(dataset: gdal.Dataset, table: Table) -> None:
    """Give every inserted row a UUID, and stamp ``updated_at`` on changes that did not set it."""
    name, quoted = table.name, quoted_identifier(table.name)
    dataset.ExecuteSQL(
        f"CREATE TRIGGER {quoted_identifier(f'{name}_uuid')} AFTER INSERT ON {quoted} "  # nosec B608 # schema identifiers, quoted
        "WHEN NEW.uuid IS NULL "
        f"BEGIN UPDATE {quoted} SET uuid = {_SQL_UUID} WHERE fid = NEW.fid; END"
    )
    # Only a change of the feature's own content stamps it: not updated_at itself (else the
    # trigger would feed itself when two stamps fall in the same millisecond) nor what is
    # derived from the rest (``look``, ``communes``).
    content = [field.name for field in table.all_fields if field.name not in ("updated_at", *DERIVED_FIELDS)]
    if table.geometry:
        content.append("geom")
    columns = ", ".join(quoted_identifier(column) for column in content)
    dataset.ExecuteSQL(
        f"CREATE TRIGGER {quoted_identifier(f'{name}_updated_at')} AFTER UPDATE OF {columns} ON {quoted} "
        f"WHEN NEW.updated_at IS OLD.updated_at "  # nosec B608 # identifiers from the declared schema, quoted
        f"BEGIN UPDATE {quoted} SET updated_at = {SQL_UTC_NOW} WHERE fid = NEW.fid; END"
    )
    if any(field.name == "look" for field in table.fields):
        create_look_triggers(dataset, name)


def create_look_triggers(dataset: gdal.Dataset, table: str) -> None:
    """Keep a stake's ``look`` (what the map draws) in step with its theme, status, votes and moderation."""
    quoted = quoted_identifier(table)
    update = f"UPDATE {quoted} SET look = {look_expression()} WHERE fid = NEW.fid"  # nosec B608 # schema identifier
    dataset.ExecuteSQL(
        f"CREATE TRIGGER {quoted_identifier(f'{table}_look_insert')} AFTER INSERT ON {quoted} BEGIN {update}; END"
    )
    dataset.ExecuteSQL(
        f"CREATE TRIGGER {quoted_identifier(f'{table}_look_update')} "
        f"AFTER UPDATE OF theme, status, votes_for, votes_against, moderation ON {quoted} BEGIN {update}; END"
    )
