"""How the live workshop writes: every change committed at once, journalled, and undoable.

The facilitator never starts or stops an edit session: each operation is one
transaction on the GeoPackage, with its journal line, before the call returns. Undo
and redo are operations like any other: committed and journalled too.
:class:`JournalledEditor` holds the connection, the writes and the undo history that
every gesture of :class:`~bassee_atelier_plugin.core.editing.live.LiveEditor` goes through.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QObject, pyqtSignal

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import NO_GEOMETRY, FeatureWriter
from bassee_atelier_plugin.core.editing.geometry_checks import Territory
from bassee_atelier_plugin.core.editing.history import Change, UndoStack
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.metadata import utc_now
from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME
from bassee_atelier_plugin.core.visits.observations import ATTACHMENTS, attach_photo
from bassee_atelier_plugin.core.visits.photos import Photo
from bassee_atelier_plugin.toolbelt.i18n import tr


@dataclass
class LiveResult:
    """What an operation did: the feature it touched, and what the user should be told."""

    table: str
    uuid: str
    warnings: list[str] = field(default_factory=list)


class JournalledEditor(QObject):
    """The writes of one atelier's live edits, each recorded to undo.

    ``changed`` is emitted with the table that changed once its change is committed, so
    the map can redraw just that layer.
    """

    changed = pyqtSignal(str)
    history_changed = pyqtSignal()

    def __init__(self, atelier: Atelier, author: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        if atelier.read_only:
            raise AtelierError(tr("{path} is read-only: it cannot be edited.").format(path=atelier.name))
        self.atelier = atelier
        self.author = author
        self.session_uuid: str | None = None
        self.group_uuid: str | None = None
        self._dataset = None
        self._writer: FeatureWriter | None = None
        self._history = UndoStack(lambda: self.writer, self._announce)
        self._territory = Territory(atelier)

    # -- connection ------------------------------------------------------------

    @property
    def writer(self) -> FeatureWriter:
        """One connection for the whole workshop: opening the file for every click would cost."""
        if self._writer is None:
            self._dataset = self.atelier.edit_dataset()
            self._writer = FeatureWriter(self._dataset, self.author, self.session_uuid)
        self._writer.author = self.author
        self._writer.session_uuid = self.session_uuid
        return self._writer

    def close(self) -> None:
        self._writer = None
        self._dataset = None

    # -- undo and redo ------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def undo_text(self) -> str | None:
        return self._history.undo_text()

    def redo_text(self) -> str | None:
        return self._history.redo_text()

    def undo(self) -> str | None:
        """Undo the last operation, committed at once; return what it was, or None."""
        return self._history.undo()

    def redo(self) -> str | None:
        return self._history.redo()

    # -- the writes every gesture goes through ------------------------------------

    def _create(
        self,
        table: str,
        values: dict,
        geometry: QgsGeometry | None,
        warnings: list[str],
        description: str,
        photos: Sequence[Photo] = (),
        keep_originals: bool = True,
    ) -> LiveResult:
        """Insert one feature, with its photos if any, in one transaction; undo takes them all away."""
        flags = self._territory.flags(geometry, warnings) if geometry is not None else {}
        values = {key: value for key, value in values.items() if value is not None}
        if _has_field(table, "group_uuid"):
            values["group_uuid"] = self.group_uuid
        writer = self.writer
        with writer.transaction():
            feature_uuid = writer.insert(table, values, geometry.asWkt() if geometry is not None else None, **flags)
            rows = [(table, feature_uuid)]
            rows += [(ATTACHMENTS, attach_photo(writer, feature_uuid, photo, keep_originals)) for photo in photos]
        warnings += writer.communes_warnings()
        created = [(name, *writer.read(name, uuid)) for name, uuid in rows]  # (table, values, wkt)

        def remove(writer: FeatureWriter) -> None:
            with writer.transaction():
                for name, row, _wkt in reversed(created):
                    writer.delete(name, row["uuid"], reason="undo")

        def recreate(writer: FeatureWriter) -> None:
            with writer.transaction():
                for name, row, wkt in created:
                    writer.insert(name, {**row, "updated_at": utc_now()}, wkt, operation="restore", reason="redo")

        self._history.record(Change(description, table, undo=remove, redo=recreate))
        return LiveResult(table, feature_uuid, warnings)

    def _update(
        self,
        table: str,
        feature_uuid: str,
        values: dict,
        geometry: QgsGeometry | None,
        operation: str,
        description: str,
        **details,
    ) -> LiveResult:
        before_values, before_wkt = self.writer.read(table, feature_uuid)
        before = {name: before_values[name] for name in values}
        after_wkt = geometry.asWkt() if geometry is not None else None
        self.writer.update(table, feature_uuid, values, after_wkt, operation=operation, **details)
        # a first zone drawn on an action that had none is undone by taking the zone away
        restored_wkt = (before_wkt or NO_GEOMETRY) if geometry is not None else None
        self._history.record(
            Change(
                description,
                table,
                undo=lambda writer: writer.update(table, feature_uuid, before, restored_wkt, operation, reason="undo"),
                redo=lambda writer: writer.update(table, feature_uuid, values, after_wkt, operation, reason="redo"),
            )
        )
        return LiveResult(table, feature_uuid)

    def _delete_row(self, table: str, feature_uuid: str, description: str) -> None:
        values, wkt = self.writer.read(table, feature_uuid)
        self.writer.delete(table, feature_uuid)

        def restore(writer: FeatureWriter, reason: str) -> None:
            writer.insert(table, {**values, "updated_at": utc_now()}, wkt, operation="restore", reason=reason)

        self._history.record(
            Change(
                description,
                table,
                undo=lambda writer: restore(writer, "undo"),
                redo=lambda writer: writer.delete(table, feature_uuid, reason="redo"),
            )
        )

    def _announce(self, change: Change) -> None:
        for table in dict.fromkeys((change.table, *change.also)):
            self.changed.emit(table)
        self.history_changed.emit()


def _has_field(table: str, name: str) -> bool:
    return any(declared.name == name for declared in TABLE_BY_NAME[table].all_fields)
