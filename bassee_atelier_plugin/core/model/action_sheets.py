"""What an action sheet shows, gathered by the atelier's database itself: the view ``action_sheets``.

One row per action, with its orientation, the labels of its kind, horizon and status, the
stakes it answers, its first photos and the box its map frames (its zone and its stakes).
The atlas of the sheets reads this view as its coverage layer, so each page is plain
fields: QGIS alone, without the plugin, exports the same sheets, and as fast.
"""

from __future__ import annotations

from osgeo import gdal

from bassee_atelier_plugin.core.model.schema import STAKE_TABLES, TABLE_BY_NAME

VIEW = "action_sheets"
PHOTOS = 2  # photos a sheet shows
BOX_COLUMNS = ("sheet_xmin", "sheet_ymin", "sheet_xmax", "sheet_ymax")
LABELLED = ("kind", "horizon", "status")  # the action's coded fields a sheet shows by their label


def create_action_sheets_view(dataset: gdal.Dataset, language: str) -> None:
    """(Re)create the view and declare it a feature table, with the actions' geometry and CRS."""
    dataset.ExecuteSQL(f'DROP VIEW IF EXISTS "{VIEW}"')
    query = view_query(language, postgresql=False)
    dataset.ExecuteSQL(f'CREATE VIEW "{VIEW}" AS {query}')  # nosec B608 # constant view name and query
    dataset.ExecuteSQL(f"DELETE FROM gpkg_contents WHERE table_name = '{VIEW}'")  # nosec B608 # constant view name
    dataset.ExecuteSQL(f"DELETE FROM gpkg_geometry_columns WHERE table_name = '{VIEW}'")  # nosec B608 # constant name
    dataset.ExecuteSQL(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "  # nosec B608 # constant view name
        f"SELECT '{VIEW}', 'features', '{VIEW}', srs_id FROM gpkg_contents WHERE table_name = 'actions'"
    )
    dataset.ExecuteSQL(
        "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) "
        f"SELECT '{VIEW}', 'geom', geometry_type_name, srs_id, 0, 0 FROM gpkg_geometry_columns "
        "WHERE table_name = 'actions'"  # nosec B608 # constant view name
    )


def view_query(language: str, postgresql: bool) -> str:
    """The view's SELECT, in SQLite's dialect for a GeoPackage or PostgreSQL's for a shared atelier.

    The boxes come from the GeoPackage's spatial indexes, or from PostGIS's ST_XMin and kin.
    """
    label = "label_fr" if language == "fr" else "label_en"
    stakes = " UNION ALL ".join(
        f"SELECT fid, uuid, title, '{table}' AS source FROM \"{table}\""  # nosec B608 # schema identifiers, quoted
        for table in STAKE_TABLES
    )
    if postgresql:
        stake_boxes = " UNION ALL ".join(
            f"SELECT l.action_uuid, {_BOX_OF_GEOMETRY.format(geom='s.geom')} FROM action_stakes l "
            f'JOIN "{table}" s ON s.uuid = l.stake_uuid'  # nosec B608 # schema identifier, quoted
            for table in STAKE_TABLES
        )
        zones = f"(SELECT fid AS id, {_BOX_OF_GEOMETRY.format(geom='geom')} FROM actions)"  # nosec B608 # constant
        titles = "string_agg('• ' || titles.title, chr(10) ORDER BY titles.title)"
    else:
        stake_boxes = " UNION ALL ".join(
            "SELECT l.action_uuid, r.minx, r.miny, r.maxx, r.maxy FROM action_stakes l "
            f'JOIN "{table}" s ON s.uuid = l.stake_uuid '  # nosec B608 # schema identifiers, quoted
            f'JOIN "rtree_{table}_geom" r ON r.id = s.fid'
            for table in STAKE_TABLES
        )
        zones = "rtree_actions_geom"
        titles = "group_concat('• ' || titles.title, char(10))"
    # (column, a column of the type it has, its value): GeoPackage readers and validators want
    # typed columns, and SQLite types a view's columns after the first SELECT of a UNION only
    columns = [
        ("fid", "a.fid", "a.fid"),
        ("geom", "a.geom", "a.geom"),
        *((name, f"a.{name}", f"a.{name}") for name in ("uuid", "title", "position")),
        ("orientation", "o.title", "o.title"),
        ("orientation_position", "o.position", "o.position"),
        *((name, f"a.{name}", f"{name}.{label}") for name in LABELLED),
        *((name, f"a.{name}", f"a.{name}") for name in ("lead", "partners", "description")),
        # the titles of the stakes answered, one a line, in alphabetical order
        (
            "stakes",
            "a.title",
            f"(SELECT {titles} FROM (SELECT s.title FROM action_stakes l "  # nosec B608 # constant subqueries
            f"JOIN ({stakes}) s ON s.uuid = l.stake_uuid WHERE l.action_uuid = a.uuid ORDER BY s.title) titles)",
        ),
        *((f"photo_{index + 1}", "p.preview", f"photo_{index + 1}.preview") for index in range(PHOTOS)),
        # what the sheet's map frames: the action's zone, else the stakes it answers
        *(
            (column, "p.latitude", f"coalesce(zone.{side}, stakes_box.{side})")
            for column, side in zip(BOX_COLUMNS, ("minx", "miny", "maxx", "maxy"))
        ),
    ]
    photo_joins = " ".join(
        f"LEFT JOIN attachments photo_{index + 1} ON photo_{index + 1}.uuid = ("  # nosec B608 # integer offsets
        "SELECT uuid FROM attachments WHERE feature_uuid = a.uuid AND mime_type LIKE 'image/%' "
        f"ORDER BY coalesce(taken_at, created_at), uuid LIMIT 1 OFFSET {index})"
        for index in range(PHOTOS)
    )
    label_joins = " ".join(
        f"LEFT JOIN {TABLE_BY_NAME['actions'].field(name).thesaurus_table} {name} ON {name}.code = a.{name}"
        for name in LABELLED
    )
    typed = ", ".join(f"{template} AS {name}" for name, template, _value in columns)
    values = ", ".join(value for _name, _template, value in columns)
    return (
        f"SELECT {typed} FROM actions a, orientations o, attachments p WHERE {'false' if postgresql else '0'} "
        f"UNION ALL SELECT {values} FROM actions a "  # nosec B608 # constant columns and expressions
        "LEFT JOIN orientations o ON o.uuid = a.orientation_uuid "
        f"{label_joins} {photo_joins} "
        f"LEFT JOIN {zones} zone ON zone.id = a.fid "
        "LEFT JOIN (SELECT action_uuid, min(minx) AS minx, min(miny) AS miny, max(maxx) AS maxx, max(maxy) AS maxy "
        f"FROM ({stake_boxes}) boxes GROUP BY action_uuid) stakes_box ON stakes_box.action_uuid = a.uuid"
    )


_BOX_OF_GEOMETRY = "ST_XMin({geom}) AS minx, ST_YMin({geom}) AS miny, ST_XMax({geom}) AS maxx, ST_YMax({geom}) AS maxy"
