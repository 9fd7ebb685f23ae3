"""What both stores write alike through OGR: fields, the thesauri, the metadata table, the SQL of a stake's look.

SQLite and PostgreSQL read the same SQL here; each store keeps what differs (triggers,
transactions, ways of opening) in its own package.
"""

from __future__ import annotations

from collections.abc import Iterable

from osgeo import gdal, ogr, osr

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import Field
from bassee_atelier_plugin.core.model.thesauri import LOOK_STATUSES, LOOK_VOTE_TOPS, MODERATED_LOOK, THESAURI
from bassee_atelier_plugin.toolbelt.i18n import tr

# Errors as Python exceptions, so that none is missed and each becomes an AtelierError.
gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

# The atelier's metadata, one row per key, in a GeoPackage (from schema 8) as in a shared atelier.
# Not registered in gpkg_contents: a GeoPackage's attributes table needs an integer key, and
# GDAL and QGIS would list it as a layer; the plugin reads it with SQL.
METADATA_TABLE = "atelier_metadata"
# Styles, the stored QGIS project, and the atelier's metadata: tables, but no layers of the atelier.
NOT_LAYERS = ("layer_styles", "qgis_projects", METADATA_TABLE)

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


def spatial_reference(crs: str) -> osr.SpatialReference:
    """The CRS of a new atelier, or a clear error if GDAL does not know it or it is not in metres."""
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


def add_field(layer: ogr.Layer, field: Field, unique: bool = False) -> None:
    ogr_type, subtype = OGR_TYPES[field.kind]
    definition = ogr.FieldDefn(field.name, ogr_type)
    definition.SetSubType(subtype)
    definition.SetNullable(not field.not_null)
    definition.SetUnique(unique)
    if field.default is not None:
        definition.SetDefault(field.default)
    layer.CreateField(definition)


def add_missing_fields(layer: ogr.Layer, fields: Iterable[Field]) -> None:
    """Add to an older table the fields a later schema declares, in either store."""
    for field in fields:
        if layer.GetLayerDefn().GetFieldIndex(field.name) < 0:
            add_field(layer, field)


def fill_thesauri(dataset: gdal.Dataset) -> None:
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


def look_expression(row: str = "NEW.", moderated: bool = True) -> str:
    """SQL for a stake's ``look``: theme, status class and vote class (see thesauri.look_key).

    A phone's contribution waiting for approval, or hidden, gets :data:`MODERATED_LOOK`,
    which the map does not draw (``moderated`` False: for files from before schema 7).
    """
    score = f"(coalesce({row}votes_for, 0) - coalesce({row}votes_against, 0))"
    vote_classes = " ".join(
        f"WHEN {score} <= {top} THEN {index}" for index, top in enumerate(LOOK_VOTE_TOPS) if top is not None
    )
    default_status, *other_statuses = LOOK_STATUSES
    status_classes = " ".join(f"WHEN '{status}' THEN '{status}'" for status in other_statuses)
    shown = (
        f"{row}theme || ':' || CASE {row}status {status_classes} ELSE '{default_status}' END || ':' || "
        f"CASE {vote_classes} ELSE {len(LOOK_VOTE_TOPS) - 1} END"
    )
    return f"CASE WHEN {row}moderation IS NOT NULL THEN '{MODERATED_LOOK}' ELSE {shown} END" if moderated else shown


def create_metadata_table(dataset: gdal.Dataset) -> None:
    """The atelier's metadata table, in a new GeoPackage or shared atelier (the same in both)."""
    dataset.ExecuteSQL(f"CREATE TABLE IF NOT EXISTS {METADATA_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def read_metadata_items(dataset: gdal.Dataset) -> dict[str, str] | None:
    """The rows of the atelier's metadata table, in either store; None if it has none.

    The one way in to the metadata, as :func:`write_metadata` is the one way out.
    """
    try:
        result = dataset.ExecuteSQL(f"SELECT key, value FROM {METADATA_TABLE}")  # nosec B608 # constant table name
    except RuntimeError:  # no such table; or, in a file, a lock held too long
        return None
    try:
        return {feature.GetField(0): feature.GetField(1) for feature in result}
    finally:
        dataset.ReleaseResultSet(result)


def write_metadata(dataset: gdal.Dataset, items: dict[str, str]) -> None:
    """Set these rows of the atelier's metadata table (key in capitals, value as text), in either store."""
    for key, value in items.items():
        dataset.ExecuteSQL(
            f"INSERT INTO {METADATA_TABLE} (key, value) VALUES ({sql_text(key)}, {sql_text(value)}) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"  # nosec B608 # values quoted by sql_text
        )


def sql_text(value) -> str:
    """A value as an SQL literal, for SQLite and PostgreSQL (OGR's SQL and filters take no bound parameters).

    The one way a value enters SQL that cannot bind it: texts quoted, numbers as numbers, None as NULL.
    """
    if value is None:
        return "NULL"
    if isinstance(value, (bool, int, float)):
        return str(int(value) if isinstance(value, bool) else value)
    return "'" + str(value).replace("'", "''") + "'"


def quoted_identifier(name: str) -> str:
    """A table, column, schema or trigger name as an SQL identifier, for SQLite and PostgreSQL.

    The one way a name enters SQL: names come from the declared schema or the database's
    own catalogue, and a name holding a quote, a semicolon or a comment marker stays one name.
    """
    return '"' + str(name).replace('"', '""') + '"'


def scalar(dataset: gdal.Dataset, sql: str):
    """The first value of the first row of ``sql``, or None if it has no row."""
    result = dataset.ExecuteSQL(sql)
    try:
        feature = result.GetNextFeature()
        return None if feature is None else feature.GetField(0)
    finally:
        dataset.ReleaseResultSet(result)
