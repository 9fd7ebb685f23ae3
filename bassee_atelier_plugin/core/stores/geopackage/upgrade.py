"""Bringing an older atelier up to the current schema, one version at a time.

Each step takes an OGR dataset opened for update, inside a transaction, and brings
the file from its version to the next. A backup copy is written before the first step,
so an upgrade never costs the user what they had.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from osgeo import gdal

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS_VIEW
from bassee_atelier_plugin.core.model.action_sheets import create_action_sheets_view
from bassee_atelier_plugin.core.model.schema import (
    COMMUNE_TABLES,
    COMMUNES_FIELD,
    DELETED_TABLES,
    SCHEMA_VERSION,
    STAKE_TABLES,
    TABLE_BY_NAME,
    TABLES,
)
from bassee_atelier_plugin.core.stores.geopackage.files import legacy_metadata_items
from bassee_atelier_plugin.core.stores.geopackage.tables import (
    create_indexes,
    create_look_triggers,
    create_table,
    create_tracking_triggers,
)
from bassee_atelier_plugin.core.stores.ogr_tables import (
    add_field,
    add_missing_fields,
    create_metadata_table,
    look_expression,
    quoted_identifier,
    scalar,
    write_metadata,
)
from bassee_atelier_plugin.toolbelt.i18n import tr

GDAL_METADATA_STANDARD = "http://gdal.org"  # gpkg_metadata.md_standard_uri of what GDAL writes there


def _add_stake_priority(dataset: gdal.Dataset) -> list[str]:
    """Schema 2: stakes gained a priority, so that a workshop can rank what it keeps."""
    for table in STAKE_TABLES:
        layer = dataset.GetLayerByName(table)
        if layer.GetLayerDefn().GetFieldIndex("priority") < 0:
            add_field(layer, TABLE_BY_NAME[table].field("priority"))
    return []


def _add_notes_and_looks(dataset: gdal.Dataset) -> list[str]:
    """Schema 3: text notes placed on the map, and the stakes' ``look`` that the map draws from.

    The tracking triggers are made anew for every table: they now react to content columns
    only, so that deriving ``look`` or stamping ``updated_at`` never sets them off again.
    """
    if dataset.GetLayerByName("notes") is None:
        create_table(dataset, TABLE_BY_NAME["notes"], dataset.GetLayerByName("stakes_point").GetSpatialRef())
    for table in STAKE_TABLES:
        layer = dataset.GetLayerByName(table)
        if layer.GetLayerDefn().GetFieldIndex("look") < 0:
            add_field(layer, TABLE_BY_NAME[table].field("look"))
    for table in TABLES:  # those of schema 3: later ones come with their triggers
        if table.tracked and table.name != "notes" and dataset.GetLayerByName(table.name) is not None:
            for trigger in ("uuid", "updated_at", "look_insert", "look_update"):
                dataset.ExecuteSQL(f"DROP TRIGGER IF EXISTS {quoted_identifier(f'{table.name}_{trigger}')}")
            create_tracking_triggers(dataset, table)
    for table in STAKE_TABLES:
        look = look_expression(row="", moderated=False)
        dataset.ExecuteSQL(f"UPDATE {quoted_identifier(table)} SET look = {look}")  # nosec B608 # schema identifier, constant expression
    return ["notes", *STAKE_TABLES]  # the stakes are restyled to draw from their look


def _add_photo_details_and_itineraries(dataset: gdal.Dataset) -> list[str]:
    """Schema 4: photos keep a display copy, their EXIF time and position; visits keep their route."""
    attachments = TABLE_BY_NAME["attachments"]
    add_missing_fields(dataset.GetLayerByName("attachments"), attachments.fields)
    create_indexes(dataset, attachments)
    dataset.ExecuteSQL('DROP TRIGGER IF EXISTS "attachments_updated_at"')  # it lists the content columns
    dataset.ExecuteSQL('DROP TRIGGER IF EXISTS "attachments_uuid"')
    create_tracking_triggers(dataset, attachments)
    if dataset.GetLayerByName("itineraries") is None:
        create_table(dataset, TABLE_BY_NAME["itineraries"], dataset.GetLayerByName("stakes_point").GetSpatialRef())
    return ["itineraries", "attachments", "observations"]  # the forms of the last two show photos now


def _add_action_sheets_view(dataset: gdal.Dataset) -> list[str]:
    """Schema 5: the view the action sheets' atlas reads, in the atelier's language."""
    language = legacy_metadata_items(dataset).get("LANGUAGE") or "fr"  # schema 8 moved them into a table
    create_action_sheets_view(dataset, language)
    return [ACTION_SHEETS_VIEW]


def _add_merge_conflicts(dataset: gdal.Dataset) -> list[str]:
    """Schema 6: where a merge lists the features edited on two machines, for review."""
    if dataset.GetLayerByName("merge_conflicts") is None:
        create_table(dataset, TABLE_BY_NAME["merge_conflicts"], None)
    return ["merge_conflicts"]


def _add_phone_contributions(dataset: gdal.Dataset) -> list[str]:
    """Schema 7: stakes sent from phones can wait for approval, and each phone votes once."""
    for table in STAKE_TABLES:
        layer = dataset.GetLayerByName(table)
        if layer.GetLayerDefn().GetFieldIndex("moderation") < 0:
            add_field(layer, TABLE_BY_NAME[table].field("moderation"))
        for trigger in ("look_insert", "look_update"):  # they now follow the moderation too
            dataset.ExecuteSQL(f"DROP TRIGGER IF EXISTS {quoted_identifier(f'{table}_{trigger}')}")
        create_look_triggers(dataset, table)
    if dataset.GetLayerByName("phone_votes") is None:
        create_table(dataset, TABLE_BY_NAME["phone_votes"], None)
    return ["phone_votes", *STAKE_TABLES]  # the stakes' styles leave out what waits or is hidden


def _move_metadata_into_a_table(dataset: gdal.Dataset) -> list[str]:
    """Schema 8: the metadata leave GDAL's dataset metadata for the atelier's own table, as a shared atelier has it.

    GDAL 3.10 copies a GeoPackage's dataset metadata to NAME.gpkg.aux.xml beside it whenever
    it is opened read-only, as QGIS opens every layer. GDAL's own rows (scope 'geopackage')
    go; other tools' metadata, QGIS's layer metadata among them, stay.
    """
    items = legacy_metadata_items(dataset)
    create_metadata_table(dataset)
    write_metadata(dataset, items)
    if scalar(dataset, "SELECT count(*) FROM sqlite_master WHERE name = 'gpkg_metadata_reference'"):
        dataset.ExecuteSQL(
            "DELETE FROM gpkg_metadata_reference WHERE reference_scope = 'geopackage' AND md_file_id IN "
            "(SELECT id FROM gpkg_metadata "
            f"WHERE md_standard_uri = '{GDAL_METADATA_STANDARD}')"  # nosec B608 # GDAL's constant URI
        )
        dataset.ExecuteSQL(
            f"DELETE FROM gpkg_metadata WHERE md_standard_uri = '{GDAL_METADATA_STANDARD}' "
            "AND id NOT IN (SELECT md_file_id FROM gpkg_metadata_reference)"  # nosec B608 # GDAL's constant URI
        )
    return []


def _add_field_conflicts(dataset: gdal.Dataset) -> list[str]:
    """Schema 9: a merge conflict names the field, both values and their authors, as the field-by-field merge finds it.

    The ``updated_at`` trigger is made anew: it lists the content columns, the new ones among them.
    """
    conflicts = TABLE_BY_NAME["merge_conflicts"]
    add_missing_fields(dataset.GetLayerByName(conflicts.name), conflicts.fields)
    dataset.ExecuteSQL(f"DROP TRIGGER IF EXISTS {quoted_identifier(f'{conflicts.name}_updated_at')}")
    dataset.ExecuteSQL(f"DROP TRIGGER IF EXISTS {quoted_identifier(f'{conflicts.name}_uuid')}")
    create_tracking_triggers(dataset, conflicts)
    return [conflicts.name]  # restyled: its form shows the new fields


def _add_communes(dataset: gdal.Dataset) -> list[str]:
    """Schema 10: each stake, sketch, action and observation names the communes it touches.

    The column is filled when the atelier is opened (core/lifecycle/opening.py), from the
    commune layer, the same way for both stores. The triggers stay: ``communes`` is derived,
    and writing it is no edit of the feature.
    """
    for table in COMMUNE_TABLES:
        add_missing_fields(dataset.GetLayerByName(table), [TABLE_BY_NAME[table].field(COMMUNES_FIELD)])
    return list(COMMUNE_TABLES)  # restyled: their forms show the communes


def _drop_feature_counts(dataset: gdal.Dataset) -> list[str]:
    """Schema 11: no more GDAL feature counts, whose triggers GDAL drops and makes again around every edit.

    Each of those is a change of the schema, and another QGIS writing or reading the file at that
    moment failed with "database schema has changed". GDAL counts the rows when asked instead.
    """
    triggers = dataset.ExecuteSQL(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' "
        "AND (name LIKE 'trigger_insert_feature_count_%' OR name LIKE 'trigger_delete_feature_count_%')"
    )
    names = [feature.GetField(0) for feature in triggers]
    dataset.ReleaseResultSet(triggers)
    for name in names:
        dataset.ExecuteSQL(f"DROP TRIGGER {quoted_identifier(name)}")  # a name from the catalogue
    dataset.ExecuteSQL("DROP TABLE IF EXISTS gpkg_ogr_contents")
    return []


def _add_deleted_tables(dataset: gdal.Dataset) -> list[str]:
    """Schema 12: a table of the deleted features of each stake and sketch table, for QGIS's time line.

    They are filled from the journal when the atelier is opened (core/lifecycle/opening.py), the
    same way for both stores.
    """
    reference = dataset.GetLayerByName("stakes_point").GetSpatialRef()
    for name in DELETED_TABLES:
        if dataset.GetLayerByName(name) is None:
            create_table(dataset, TABLE_BY_NAME[name], reference)
    return list(DELETED_TABLES)


# from version -> the step that brings a file to version + 1, returning the tables it added
UPGRADE_STEPS: dict[int, Callable[[gdal.Dataset], list[str]]] = {
    1: _add_stake_priority,
    2: _add_notes_and_looks,
    3: _add_photo_details_and_itineraries,
    4: _add_action_sheets_view,
    5: _add_merge_conflicts,
    6: _add_phone_contributions,
    7: _move_metadata_into_a_table,
    8: _add_field_conflicts,
    9: _add_communes,
    10: _drop_feature_counts,
    11: _add_deleted_tables,
}


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.stem}.backup-schema{version}-{stamp}{path.suffix}")


def upgrade_in_place(path: Path, from_version: int) -> tuple[Path, list[str]]:
    """Upgrade ``path`` from ``from_version`` to the current schema; return the backup's path and the tables added."""
    missing = [version for version in range(from_version, SCHEMA_VERSION) if version not in UPGRADE_STEPS]
    if missing:
        raise AtelierError(
            tr("{path} has schema {version}, which this plugin cannot upgrade.").format(path=path, version=from_version)
        )
    backup = backup_path(path, from_version)
    try:
        shutil.copy2(path, backup)
    except OSError as error:
        raise AtelierError(
            tr("Could not write the backup {backup} before upgrading, so nothing was changed: {error}").format(
                backup=backup, error=error
            )
        ) from error
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE, allowed_drivers=["GPKG"])
    dataset.StartTransaction()
    added_tables = []
    try:
        for version in range(from_version, SCHEMA_VERSION):
            added_tables += UPGRADE_STEPS[version](dataset)
        write_metadata(dataset, {"SCHEMA_VERSION": str(SCHEMA_VERSION)})
    except RuntimeError as error:
        dataset.RollbackTransaction()
        raise AtelierError(
            tr("Upgrading {path} failed and was undone ({error}); a backup is at {backup}.").format(
                path=path, error=error, backup=backup
            )
        ) from error
    dataset.CommitTransaction()
    dataset = None
    return backup, added_tables
