"""Is this file a sound atelier? One line per problem, nothing changed."""

from __future__ import annotations

from pathlib import Path

from osgeo import ogr

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import DELETED_TABLES, SCHEMA_VERSION, TABLES, Table
from bassee_atelier_plugin.core.presentation.project import DEFAULT_STYLE_NAME, PROJECT_NAME
from bassee_atelier_plugin.core.stores.ogr_tables import OGR_GEOMETRIES, OGR_TYPES, quoted_identifier, scalar
from bassee_atelier_plugin.toolbelt.i18n import tr


def validate(path: str | Path) -> list[str]:
    """The problems of the atelier at ``path``; an empty list means it is sound."""
    try:
        atelier = open_atelier(path, upgrade=False)
    except AtelierError as error:
        return [str(error)]
    if atelier.metadata.schema_version < SCHEMA_VERSION:  # its tables lack what the upgrade adds: no use listing it
        return [
            tr("schema {found} is older than {current}: open it once to upgrade it").format(
                found=atelier.metadata.schema_version, current=SCHEMA_VERSION
            )
        ]
    problems = []
    with atelier.dataset() as dataset:
        problems += atelier.store.structure_problems(dataset)
        for table in TABLES:
            layer = dataset.GetLayerByName(table.name)
            if layer is None:
                problems.append(tr("table {table} is missing").format(table=table.name))
                continue
            problems += _table_problems(dataset, layer, table, atelier.metadata.crs)
        problems += _unknown_codes(dataset)
        problems += _presentation_problems(dataset, atelier)
    return problems


def _table_problems(dataset, layer: ogr.Layer, table: Table, crs: str) -> list[str]:
    problems = []
    definition = layer.GetLayerDefn()
    for field in table.all_fields:
        index = definition.GetFieldIndex(field.name)
        if index < 0:
            problems.append(tr("{table}: field {field} is missing").format(table=table.name, field=field.name))
        elif definition.GetFieldDefn(index).GetType() != OGR_TYPES[field.kind][0]:
            problems.append(tr("{table}: field {field} has the wrong type").format(table=table.name, field=field.name))
    expected_geometry = OGR_GEOMETRIES[table.geometry]
    if ogr.GT_Flatten(layer.GetGeomType()) != expected_geometry:
        problems.append(tr("{table}: the geometry type is not {kind}").format(table=table.name, kind=table.geometry))
    if table.geometry and layer.GetSpatialRef() is not None:
        authority = f"{layer.GetSpatialRef().GetAuthorityName(None)}:{layer.GetSpatialRef().GetAuthorityCode(None)}"
        if authority != crs:
            problems.append(
                tr("{table}: its CRS {found} is not the atelier's {crs}").format(
                    table=table.name, found=authority, crs=crs
                )
            )
    if table.tracked and definition.GetFieldIndex("uuid") >= 0:
        sql = f"SELECT count(*) FROM {quoted_identifier(table.name)} WHERE uuid IS NULL"  # nosec B608 # schema identifier
        missing = scalar(dataset, sql)
        if missing:
            problems.append(tr("{table}: {count} rows have no UUID").format(table=table.name, count=missing))
    return problems


def _unknown_codes(dataset) -> list[str]:
    """Values of thesaurus fields that the atelier's own lists do not hold."""
    problems = []
    for table in TABLES:
        for field in table.all_fields:
            if not field.thesaurus or dataset.GetLayerByName(table.name) is None:
                continue
            column, thesaurus = quoted_identifier(field.name), quoted_identifier(field.thesaurus_table)
            unknown = _values(  # SQL that SQLite and PostgreSQL both read
                dataset,
                f"SELECT DISTINCT {column} FROM {quoted_identifier(table.name)} "  # nosec B608 # schema identifiers
                f"WHERE {column} IS NOT NULL AND {column} NOT IN (SELECT code FROM {thesaurus}) ORDER BY 1",
            )
            if unknown:
                problems.append(
                    tr("{table}.{field}: values not in the list {list}: {values}").format(
                        table=table.name, field=field.name, list=field.thesaurus, values=",".join(unknown)
                    )
                )
    return problems


def _presentation_problems(dataset, atelier: Atelier) -> list[str]:
    styles, this_atelier = atelier.store.styles_table()
    try:  # SQL that SQLite and PostgreSQL both read; a table QGIS never made fails it
        styled = _values(
            dataset,
            f"SELECT f_table_name FROM {styles} WHERE {this_atelier} "  # nosec B608 # store's table; constants
            f"AND stylename = '{DEFAULT_STYLE_NAME}' AND useAsDefault",
        )
    except RuntimeError:
        problems = [tr("no layer styles are stored")]
    else:
        problems = [
            tr("{table}: no default style is stored").format(table=table)
            for table in atelier.layer_tables()
            if table not in styled and table not in DELETED_TABLES  # drawn as their tables, see replay_layers
        ]
    try:
        sql = f"SELECT count(*) FROM qgis_projects WHERE name = '{PROJECT_NAME}'"  # nosec B608 # constant name
        stored = scalar(dataset, sql)
    except RuntimeError:
        return [*problems, tr("no QGIS project is stored")]
    if not stored:
        problems.append(tr("the QGIS project '{name}' is not stored").format(name=PROJECT_NAME))
    return problems


def _values(dataset, sql: str) -> list:
    """The first column of every row of ``sql``."""
    found = dataset.ExecuteSQL(sql)
    values = [row.GetField(0) for row in found]
    dataset.ReleaseResultSet(found)
    return values
