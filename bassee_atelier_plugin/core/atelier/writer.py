"""Writing features of an atelier, each change committed with its journal entry.

Every operation is one transaction: the feature and the line of the journal that
says who did what land together or not at all.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from osgeo import ogr

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.communes import CommuneIndex
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.metadata import utc_now
from bassee_atelier_plugin.core.model.schema import (
    COMMUNE_TABLES,
    COMMUNES_FIELD,
    DELETED_AT,
    DELETED_COPIES,
    TABLE_BY_NAME,
)
from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier, sql_text
from bassee_atelier_plugin.toolbelt.i18n import tr

JOURNAL = "journal"
NO_GEOMETRY = ""  # for update(): the feature is left without a geometry


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class FeatureWriter:
    """Inserts, updates and deletes features of one atelier, journalling each change."""

    def __init__(self, dataset, author: str | None, session_uuid: str | None, new_id: Callable[[], str] = new_uuid):
        self._dataset = dataset
        self.author = author
        self.session_uuid = session_uuid
        self._new_id = new_id
        self._in_transaction = False
        self._communes: CommuneIndex | None = None
        self._communes_read = False
        self._communes_told = False

    @property
    def communes(self) -> CommuneIndex | None:
        """The atelier's communes, read at the first feature that needs them; None without a commune layer."""
        if not self._communes_read:
            self._communes = CommuneIndex.of_dataset(self._dataset)
            self._communes_read = True
        return self._communes

    def communes_warnings(self) -> list[str]:
        """What the user should hear of the commune layer (its repaired outlines), once per writer."""
        if self._communes_told or not self._communes_read or self._communes is None:
            return []
        self._communes_told = True
        repaired = self._communes.repaired_text()
        return [repaired] if repaired else []

    def _communes_of(self, table: str, geometry_wkt: str | None) -> dict:
        """The ``communes`` field of a feature of ``table`` drawn as ``geometry_wkt``, if the table has one."""
        if table not in COMMUNE_TABLES:
            return {}
        index = self.communes
        return {COMMUNES_FIELD: index.codes_of_wkt(geometry_wkt) if index is not None else None}

    def insert(
        self, table: str, attributes: dict, geometry_wkt: str | None = None, operation: str = "create", **details
    ) -> str:
        """Add one feature; return its UUID. Tracking fields not given are filled in.

        ``operation`` and ``details`` go to the journal line (an undone delete is journalled
        as such, with the same UUID coming back).
        """
        declared = _tracked_table(table)
        values = dict(attributes)
        values.setdefault("uuid", self._new_id())
        values.setdefault("created_at", utc_now())
        values.setdefault("updated_at", values["created_at"])
        values.setdefault("author", self.author)
        if declared.name != "sessions":
            values.setdefault("session_uuid", self.session_uuid)
        values.update(self._communes_of(table, geometry_wkt))
        with self.transaction():
            layer = self.layer(table)
            feature = ogr.Feature(layer.GetLayerDefn())
            _set_fields(feature, values)
            if geometry_wkt:
                feature.SetGeometry(_geometry(geometry_wkt))
            layer.CreateFeature(feature)
            if operation == "restore":
                self.forget_deletion(table, values["uuid"])
            # the row's own updated_at dates the line: the creation, or when an undone delete came back
            self._journal(
                operation,
                table,
                values["uuid"],
                {**values, **details},
                values["updated_at"],
                values.get("session_uuid"),
            )
        return values["uuid"]

    def update(
        self,
        table: str,
        feature_uuid: str,
        attributes: dict,
        geometry_wkt: str | None = None,
        operation: str = "update",
        **details,
    ) -> None:
        """Change fields and/or the geometry of one feature; ``operation`` names it in the journal.

        ``geometry_wkt`` None leaves the geometry as it is; :data:`NO_GEOMETRY` takes it away
        (an undone first drawing of an action's zone).
        """
        _tracked_table(table)
        values = dict(attributes)
        values.setdefault("updated_at", utc_now())
        if geometry_wkt is not None:  # the geometry moved: its communes follow
            values.update(self._communes_of(table, geometry_wkt))
        with self.transaction():
            layer = self.layer(table)
            feature = self._find(layer, table, feature_uuid)
            _set_fields(feature, values)
            if geometry_wkt is not None:
                feature.SetGeometry(_geometry(geometry_wkt) if geometry_wkt != NO_GEOMETRY else None)
            layer.SetFeature(feature)
            journalled = {**values, **details}
            if geometry_wkt is not None:
                journalled["geometry"] = geometry_wkt or None
            self._journal(
                operation, table, feature_uuid, journalled, values["updated_at"], feature.GetField("session_uuid")
            )

    def delete(self, table: str, feature_uuid: str, deleted_at: str | None = None, **details) -> None:
        """Delete one feature (now, or at ``deleted_at`` for a story told again, as the sample's);
        the journal keeps what it was, so nothing deleted is beyond recovery."""
        _tracked_table(table)
        with self.transaction():
            layer = self.layer(table)
            feature = self._find(layer, table, feature_uuid)
            values, wkt = _row(feature)
            layer.DeleteFeature(feature.GetFID())
            deleted_at = deleted_at or utc_now()
            self.keep_deleted(table, values, wkt, deleted_at)
            self._journal(
                "delete", table, feature_uuid, {**values, "geometry": wkt, **details}, deleted_at, self.session_uuid
            )

    def keep_deleted(self, table: str, values: dict, geometry_wkt: str | None, deleted_at: str) -> None:
        """Keep a deleted stake or sketch as it was, with when it went, for QGIS's time line (other tables: nothing)."""
        copy = DELETED_COPIES.get(table)
        if copy is None:
            return
        self.forget_deletion(table, values["uuid"])  # deleted before, brought back and deleted again
        layer = self.layer(copy.name)
        feature = ogr.Feature(layer.GetLayerDefn())
        kept = {field.name: values.get(field.name) for field in copy.fields}
        _set_fields(feature, {**kept, DELETED_AT: deleted_at})
        if geometry_wkt:
            feature.SetGeometry(_geometry(geometry_wkt))
        layer.CreateFeature(feature)

    def forget_deletion(self, table: str, feature_uuid: str) -> None:
        """A deleted feature came back (an undo, a merge): it leaves the table of the deleted."""
        copy = DELETED_COPIES.get(table)
        if copy is not None:
            condition = _condition("uuid", feature_uuid)
            self._dataset.ExecuteSQL(f"DELETE FROM {quoted_identifier(copy.name)} WHERE {condition}")  # nosec B608 # value quoted

    def read(self, table: str, feature_uuid: str) -> tuple[dict, str | None]:
        """The fields (binary ones as bytes) and the geometry (WKT) of one feature."""
        return _row(self._find(self.layer(table), table, feature_uuid))

    def rows(self, table: str, **equal) -> list[dict]:
        """The fields of every row of ``table`` whose fields equal ``equal`` (None: is null), by fid."""
        layer = self.layer(table)
        layer.SetAttributeFilter(" AND ".join(_condition(name, value) for name, value in equal.items()) or None)
        try:
            return [_row(feature)[0] for feature in layer]
        finally:
            layer.SetAttributeFilter(None)

    # -- helpers --------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything written inside the block lands together or not at all (blocks may nest)."""
        if self._in_transaction:
            yield
            return
        self._dataset.StartTransaction()
        self._in_transaction = True
        try:
            # Take the write lock first, as BEGIN IMMEDIATE would: SQLite then waits its busy
            # timeout for another QGIS writing the atelier, where a transaction that had read
            # first would fail at once with "database is locked".
            # SQL that PostGIS reads too
            self._dataset.ExecuteSQL(f"UPDATE {JOURNAL} SET uuid = uuid WHERE 1 = 0")  # nosec B608 # constant table
            yield
            self._dataset.CommitTransaction()
        except RuntimeError as error:  # SQLite could not write: a full disk, a file made read-only, damage
            self._roll_back()
            raise AtelierError(
                tr(
                    "The atelier could not be written ({error}): this change was not saved, and everything "
                    "saved before is intact. Free some disk space or check the file, then try again."
                ).format(error=error)
            ) from error
        except BaseException:
            self._roll_back()
            raise
        finally:
            self._in_transaction = False

    def _roll_back(self) -> None:
        try:
            self._dataset.RollbackTransaction()
        except RuntimeError:
            pass  # SQLite already rolled back what failed to commit

    def layer(self, table: str) -> ogr.Layer:
        layer = self._dataset.GetLayerByName(table)
        if layer is None:
            raise AtelierError(tr("The atelier has no table {table}.").format(table=table))
        return layer

    @staticmethod
    def _find(layer: ogr.Layer, table: str, feature_uuid: str) -> ogr.Feature:
        layer.SetAttributeFilter(_condition("uuid", feature_uuid))
        feature = layer.GetNextFeature()
        layer.SetAttributeFilter(None)
        if feature is None:
            raise AtelierError(tr("No feature {uuid} in {table}.").format(uuid=feature_uuid, table=table))
        return feature

    def _journal(self, operation: str, table: str, feature_uuid: str, values: dict, when: str, session_uuid) -> None:
        journal = self.layer(JOURNAL)
        entry = ogr.Feature(journal.GetLayerDefn())
        details = {key: value for key, value in values.items() if not isinstance(value, bytes) and key != "uuid"}
        _set_fields(
            entry,
            {
                "uuid": self._new_id(),
                "created_at": when,
                "updated_at": when,
                "session_uuid": session_uuid,
                "author": values.get("author") or self.author,
                "operation": operation,
                "table_name": table,
                "feature_uuid": feature_uuid,
                "details": json.dumps(details, ensure_ascii=False, default=str),
            },
        )
        journal.CreateFeature(entry)


@contextmanager
def writer(
    atelier: Atelier,
    author: str | None = None,
    session_uuid: str | None = None,
    new_id: Callable[[], str] = new_uuid,
) -> Iterator[FeatureWriter]:
    """A :class:`FeatureWriter` on ``atelier``, open for the duration of the block.

    ``new_id`` makes the UUIDs of new rows and journal lines; a script that must
    reproduce its output (the sample data) passes a deterministic one.
    """
    with atelier.dataset(update=True) as dataset:
        feature_writer = FeatureWriter(dataset, author, session_uuid, new_id)
        try:
            yield feature_writer
        finally:
            feature_writer._dataset = None  # close the file when the block ends, not when the writer is collected


def _tracked_table(table: str):
    declared = TABLE_BY_NAME.get(table)
    if declared is None or not declared.tracked:
        raise AtelierError(tr("{table} is not a table of atelier features.").format(table=table))
    return declared


def _condition(name: str, value) -> str:
    """An OGR attribute filter that a field equals ``value`` (text), or is null."""
    if value is None:
        return f"{quoted_identifier(name)} IS NULL"
    return f"{quoted_identifier(name)} = {sql_text(str(value))}"


def _geometry(wkt: str) -> ogr.Geometry:
    try:
        return ogr.CreateGeometryFromWkt(wkt)
    except RuntimeError as error:
        raise AtelierError(tr("Not a valid geometry: {wkt}").format(wkt=wkt[:80])) from error


def _row(feature: ogr.Feature) -> tuple[dict, str | None]:
    definition = feature.GetDefnRef()
    values = {}
    for index in range(definition.GetFieldCount()):
        field = definition.GetFieldDefn(index)
        if not feature.IsFieldSetAndNotNull(index):
            values[field.GetName()] = None
        elif field.GetType() == ogr.OFTBinary:
            values[field.GetName()] = bytes(feature.GetFieldAsBinary(index))
        elif field.GetType() in (ogr.OFTDateTime, ogr.OFTDate):
            values[field.GetName()] = iso_datetime(feature, index, field.GetType() == ogr.OFTDate)
        else:
            values[field.GetName()] = feature.GetField(index)
    geometry = feature.GetGeometryRef()
    return values, geometry.ExportToIsoWkt() if geometry is not None else None


def iso_datetime(feature: ogr.Feature, index: int, date_only: bool = False) -> str:
    """A date or datetime field as the ISO text the GeoPackage stores, milliseconds and Z included."""
    year, month, day, hour, minute, second, _tz = feature.GetFieldAsDateTime(index)
    if date_only:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:06.3f}Z"


def _set_fields(feature: ogr.Feature, values: dict) -> None:
    definition = feature.GetDefnRef()
    for name, value in values.items():
        index = definition.GetFieldIndex(name)
        if index < 0:
            raise AtelierError(tr("Unknown field {field}.").format(field=name))
        if value is None:
            feature.SetFieldNull(index)
        elif isinstance(value, bytes):
            feature.SetFieldBinaryFromHexString(index, value.hex())
        elif isinstance(value, bool):
            feature.SetField(index, int(value))
        else:
            feature.SetField(index, value)
