"""The live workshop: every gesture committed at once, journalled, and undoable.

The facilitator never starts or stops an edit session: each operation is one
transaction on the GeoPackage, with its journal line, before the call returns. Undo
and redo are operations like any other: committed and journalled too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from qgis.core import QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, pyqtSignal

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms, utc_now
from bassee_atelier_plugin.core.atelier.writer import NO_GEOMETRY, FeatureWriter
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import (
    ACTION_STAKES,
    ACTIONS,
    AREA,
    LINE,
    ORIENTATIONS,
    POINT,
    STAKE_TABLES,
    TABLE_BY_NAME,
)
from bassee_atelier_plugin.core.visits.observations import (
    ATTACHMENTS,
    ITINERARIES,
    OBSERVATIONS,
    Track,
    Wgs84ToAtelier,
    attach_photo,
    itinerary_values,
    itinerary_wkt,
    observation_values,
    stored_photo,
)
from bassee_atelier_plugin.core.visits.photos import Photo
from bassee_atelier_plugin.toolbelt.compat import GeometryType
from bassee_atelier_plugin.toolbelt.i18n import tr

UNDO_DEPTH = 200
# Tables a gesture may create features in, by what is drawn.
STAKE_TABLE_BY_GEOMETRY = {POINT: "stakes_point", LINE: "stakes_line", "Polygon": "stakes_area"}
SKETCH_TABLE_BY_GEOMETRY = {LINE: "sketches_line", "Polygon": "sketches_area"}
NOTES_TABLE = "notes"
PHONE_VOTES = "phone_votes"
TERRITORY_TABLES = ("territory", "communes")  # the first one present outlines the territory
_KIND_OF_GEOMETRY = {
    GeometryType.POINT: POINT,
    GeometryType.LINE: LINE,
    GeometryType.POLYGON: "Polygon",
}


@dataclass
class LiveResult:
    """What an operation did: the feature it touched, and what the user should be told."""

    table: str
    uuid: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Change:
    description: str
    table: str
    undo: Callable[[FeatureWriter], None]
    redo: Callable[[FeatureWriter], None]
    also: tuple[str, ...] = ()  # the other tables a step changed (a stake's links): their layers redraw too


def checked_geometry(geometry: QgsGeometry) -> tuple[QgsGeometry, list[str]]:
    """A drawn geometry made fit to store, with what was repaired; refused when it cannot be.

    Duplicate vertices (a double click, a hand that paused) are dropped; a line needs two
    distinct points, an area three that are not in line; a self-crossing area is repaired
    and, if it falls apart, its largest piece is kept.
    """
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        raise AtelierError(tr("Nothing was drawn."))
    if geometry.isMultipart():
        parts = geometry.asGeometryCollection()
        if len(parts) != 1:
            raise AtelierError(tr("Draw one shape at a time."))
        geometry = parts[0]
    geometry = QgsGeometry(geometry)
    geometry.removeDuplicateNodes(1e-6)
    kind = _KIND_OF_GEOMETRY.get(geometry.type())
    warnings = []
    if kind == LINE and (geometry.constGet().nCoordinates() < 2 or geometry.length() == 0):
        raise AtelierError(tr("A line needs two distinct points: nothing was saved."))
    if kind == "Polygon":
        flat = tr("An area needs at least three points that are not in line: nothing was saved.")
        if geometry.constGet().nCoordinates() < 4:
            raise AtelierError(flat)
        if not geometry.isGeosValid():  # before measuring: the two halves of a bow tie cancel out
            geometry = _largest_polygon(geometry.makeValid(), flat)
            warnings.append(tr("The area crossed itself: it was repaired."))
        if geometry.area() == 0:
            raise AtelierError(flat)
    if kind is None:
        raise AtelierError(tr("This kind of geometry cannot be stored here."))
    return geometry, warnings


def _largest_polygon(geometry: QgsGeometry, refusal: str) -> QgsGeometry:
    polygons = [part for part in geometry.asGeometryCollection() if part.type() == GeometryType.POLYGON]
    if not polygons:  # nothing but lines and points: the "area" had no inside
        raise AtelierError(refusal)
    largest = max(polygons, key=lambda part: part.area())
    return QgsGeometry.fromPolygonXY(largest.asPolygon()) if largest.isMultipart() else largest


def geometry_kind(geometry: QgsGeometry) -> str:
    return _KIND_OF_GEOMETRY[geometry.type()]


class LiveEditor(QObject):
    """Edits of one atelier during a workshop: create, vote, change, move, delete, undo, redo.

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
        self._undo: list[_Change] = []
        self._redo: list[_Change] = []
        self._code_cache: dict[str, set[str]] = {}
        self._step: list[_Change] | None = None  # the changes of the step being made, see _one_step
        self._territory = self._territory_outline()

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

    # -- what a gesture creates ----------------------------------------------------

    def add_stake(
        self,
        geometry: QgsGeometry,
        theme: str,
        reading: str | None = None,
        title: str | None = None,
        comment: str | None = None,
        actor_uuid: str | None = None,
        photos: Sequence[Photo] = (),
        moderation: str | None = None,
    ) -> LiveResult:
        """A new stake; ``moderation`` keeps a phone's contribution off the map (see core/contributions)."""
        self._require_code("themes", theme)
        if reading:
            self._require_code("readings", reading)
        geometry, warnings = checked_geometry(geometry)
        table = STAKE_TABLE_BY_GEOMETRY[geometry_kind(geometry)]
        values = {
            "theme": theme,
            "reading": reading,
            "title": title,
            "comment": comment,
            "actor_uuid": actor_uuid,
            "moderation": moderation,
        }
        return self._create(table, values, geometry, warnings, tr("new stake"), photos)

    def add_sketch(self, geometry: QgsGeometry, kind: str, label: str | None = None) -> LiveResult:
        self._require_code("sketch_kinds", kind)
        geometry, warnings = checked_geometry(geometry)
        table = SKETCH_TABLE_BY_GEOMETRY.get(geometry_kind(geometry))
        if table is None:
            raise AtelierError(tr("A sketch is a line or an area."))
        return self._create(table, {"kind": kind, "label": label}, geometry, warnings, tr("new sketch"))

    def add_note(self, point: QgsGeometry, text: str) -> LiveResult:
        if not text or not text.strip():
            raise AtelierError(tr("A note needs a text."))
        geometry, warnings = checked_geometry(point)
        if geometry_kind(geometry) != POINT:
            raise AtelierError(tr("A note is placed at a point."))
        return self._create(NOTES_TABLE, {"text": text.strip()}, geometry, warnings, tr("new note"))

    def add_observation(
        self,
        point: QgsGeometry,
        note: str | None = None,
        photos: Sequence[Photo] = (),
        keep_originals: bool = True,
        accuracy_m: float | None = None,
    ) -> LiveResult:
        """An observation of a site visit, with its photos stored in the atelier.

        A photo already in the atelier is not stored twice (it stays where it is, and the
        warnings say so). The observation is dated by its first photo, or now.
        """
        geometry, warnings = checked_geometry(point)
        if geometry_kind(geometry) != POINT:
            raise AtelierError(tr("An observation is placed at a point."))
        fresh = []
        for photo in photos:
            if stored_photo(self.writer, photo.sha256) is None and photo.sha256 not in {p.sha256 for p in fresh}:
                fresh.append(photo)
            else:
                warnings.append(
                    tr("{file} is already in the atelier: it was not stored twice.").format(file=photo.path.name)
                )
        observed_at = next((photo.taken_at for photo in fresh if photo.taken_at), None) or utc_now()
        note = note.strip() if note and note.strip() else None
        values = observation_values(note, observed_at, accuracy_m)
        return self._create(OBSERVATIONS, values, geometry, warnings, tr("new observation"), fresh, keep_originals)

    def add_itinerary(self, track: Track) -> LiveResult:
        """A visit's route (from a GPX file or the GPS), as a line of the current session."""
        wkt = itinerary_wkt(track, Wgs84ToAtelier(self.atelier.metadata.crs))
        geometry, warnings = checked_geometry(QgsGeometry.fromWkt(wkt))
        return self._create(ITINERARIES, itinerary_values(track), geometry, warnings, tr("new itinerary"))

    # -- what changes an existing feature ---------------------------------------------

    def vote(self, table: str, feature_uuid: str, delta: int) -> LiveResult:
        if delta not in (1, -1):
            raise AtelierError(tr("A vote is +1 or -1."))
        values, _wkt = self.writer.read(table, feature_uuid)
        column = "votes_for" if delta > 0 else "votes_against"
        change = {column: (values[column] or 0) + 1}
        return self._update(table, feature_uuid, change, None, "vote", tr("vote"), delta=delta)

    def phone_vote(self, table: str, feature_uuid: str, phone: str, delta: int) -> LiveResult:
        """A vote sent from a phone: counted like a vote in the room, and remembered so each phone votes once."""
        if self.writer.rows(PHONE_VOTES, stake_uuid=feature_uuid, phone=phone):
            raise AtelierError(tr("This phone has already voted on this stake."))
        with self._one_step(tr("vote"), table):
            self.vote(table, feature_uuid, delta)
            self._create(PHONE_VOTES, {"stake_uuid": feature_uuid, "phone": phone, "value": delta}, None, [], "")
        return LiveResult(table, feature_uuid)

    def set_status(self, table: str, feature_uuid: str, status: str) -> LiveResult:
        self._require_code("statuses", status)
        return self._update(table, feature_uuid, {"status": status}, None, "status", tr("status"))

    def set_fields(self, table: str, feature_uuid: str, values: dict) -> LiveResult:
        """The short form after drawing, or any later edit of a feature's fields."""
        protected = {"uuid", "created_at", "updated_at", "session_uuid", "author"} & set(values)
        if protected:
            raise AtelierError(
                tr("These fields are kept by the atelier itself: {fields}").format(fields=", ".join(sorted(protected)))
            )
        for name, value in values.items():
            declared = _declared_field(table, name)
            if declared.not_null and (value is None or (isinstance(value, str) and not value.strip())):
                raise AtelierError(tr("The field {field} cannot be left empty: nothing was saved.").format(field=name))
            if declared.thesaurus and value:
                self._require_code(declared.thesaurus, value)
        return self._update(table, feature_uuid, dict(values), None, "update", tr("edit"))

    def set_geometry(self, table: str, feature_uuid: str, geometry: QgsGeometry) -> LiveResult:
        """Move or reshape (or draw an action's first zone): the new geometry replaces the old one."""
        geometry, warnings = _fitting_geometry(table, geometry)
        flags = self._territory_flags(geometry, warnings)
        result = self._update(table, feature_uuid, {}, geometry, "geometry", tr("move or reshape"), **flags)
        result.warnings = warnings
        return result

    def delete(self, table: str, feature_uuid: str) -> LiveResult:
        """Delete a feature, with the links of a stake or an action: one step to undo.

        An orientation that still has actions is refused: nothing is deleted that the
        user did not see go.
        """
        if table == ORIENTATIONS and self._ordered(ACTIONS, orientation_uuid=feature_uuid):
            raise AtelierError(tr("This orientation still has actions: move or delete them first."))
        values, _wkt = self.writer.read(table, feature_uuid)
        description = tr("delete")
        with self._one_step(description, table):
            for link in self._links(table, feature_uuid):
                self._delete_row(ACTION_STAKES, link["uuid"], description)
            self._delete_row(table, feature_uuid, description)
            if table in (ACTIONS, ORIENTATIONS):  # the others close up: orders stay 0..n-1
                siblings = {"orientation_uuid": values["orientation_uuid"]} if table == ACTIONS else {}
                self._renumber(table, self._ordered(table, **siblings))
        return LiveResult(table, feature_uuid)

    # -- the roadmap: orientations, their actions, the stakes each answers ---------------------

    def add_orientation(self, title: str, description: str | None = None) -> LiveResult:
        """A new orientation, last of the roadmap."""
        values = {"title": _title(title), "description": description, "position": self._next_position(ORIENTATIONS)}
        return self._create(ORIENTATIONS, values, None, [], tr("new orientation"))

    def add_action(self, orientation_uuid: str | None, title: str, geometry: QgsGeometry | None = None) -> LiveResult:
        """A new action, last of its orientation; its zone may be drawn now or later."""
        title = _title(title)
        self._require_orientation(orientation_uuid)
        warnings = []
        if geometry is not None:
            geometry, warnings = _fitting_geometry(ACTIONS, geometry)
        position = self._next_position(ACTIONS, orientation_uuid=orientation_uuid)
        values = {"orientation_uuid": orientation_uuid, "position": position, "title": title}
        return self._create(ACTIONS, values, geometry, warnings, tr("new action"))

    def move_action(self, action_uuid: str, orientation_uuid: str | None, position: int) -> LiveResult:
        """Put an action at ``position`` among the actions of ``orientation_uuid`` (its own or another)."""
        values, _wkt = self.writer.read(ACTIONS, action_uuid)
        self._require_orientation(orientation_uuid)
        with self._one_step(tr("move an action"), ACTIONS):
            source = values["orientation_uuid"]
            if source != orientation_uuid:
                change = {"orientation_uuid": orientation_uuid}
                self._update(ACTIONS, action_uuid, change, None, "order", tr("move an action"))
                self._renumber(ACTIONS, self._ordered(ACTIONS, orientation_uuid=source))
            self._place(ACTIONS, action_uuid, position, orientation_uuid=orientation_uuid)
        return LiveResult(ACTIONS, action_uuid)

    def move_orientation(self, orientation_uuid: str, position: int) -> LiveResult:
        """Put an orientation at ``position`` in the roadmap; its actions go with it."""
        self.writer.read(ORIENTATIONS, orientation_uuid)
        with self._one_step(tr("move an orientation"), ORIENTATIONS):
            self._place(ORIENTATIONS, orientation_uuid, position)
        return LiveResult(ORIENTATIONS, orientation_uuid)

    def link_stake(self, action_uuid: str, stake_table: str, stake_uuid: str) -> LiveResult:
        """Record that the action answers the stake; a link made twice is refused."""
        if stake_table not in STAKE_TABLES:
            raise AtelierError(tr("{table} is not a table of stakes.").format(table=stake_table))
        self.writer.read(ACTIONS, action_uuid)
        self.writer.read(stake_table, stake_uuid)
        if self.writer.rows(ACTION_STAKES, action_uuid=action_uuid, stake_uuid=stake_uuid):
            raise AtelierError(tr("This action already answers this stake."))
        values = {"action_uuid": action_uuid, "stake_uuid": stake_uuid}
        return self._create(ACTION_STAKES, values, None, [], tr("link a stake"))

    def unlink_stake(self, action_uuid: str, stake_uuid: str) -> LiveResult:
        links = self.writer.rows(ACTION_STAKES, action_uuid=action_uuid, stake_uuid=stake_uuid)
        if not links:
            raise AtelierError(tr("This action does not answer this stake: there is no link to remove."))
        with self._one_step(tr("unlink a stake"), ACTION_STAKES):
            for link in links:
                self._delete_row(ACTION_STAKES, link["uuid"], tr("unlink a stake"))
        return LiveResult(ACTION_STAKES, links[0]["uuid"])

    # -- undo and redo ------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str | None:
        return self._undo[-1].description if self._undo else None

    def redo_text(self) -> str | None:
        return self._redo[-1].description if self._redo else None

    def undo(self) -> str | None:
        """Undo the last operation, committed at once; return what it was, or None."""
        if not self._undo:
            return None
        change = self._undo.pop()
        change.undo(self.writer)
        self._redo.append(change)
        self._announce(change)
        return change.description

    def redo(self) -> str | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        change.redo(self.writer)
        self._undo.append(change)
        self._announce(change)
        return change.description

    # -- helpers ------------------------------------------------------------------

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
        flags = self._territory_flags(geometry, warnings) if geometry is not None else {}
        values = {key: value for key, value in values.items() if value is not None}
        if _has_field(table, "group_uuid"):
            values["group_uuid"] = self.group_uuid
        writer = self.writer
        with writer.transaction():
            feature_uuid = writer.insert(table, values, geometry.asWkt() if geometry is not None else None, **flags)
            rows = [(table, feature_uuid)]
            rows += [(ATTACHMENTS, attach_photo(writer, feature_uuid, photo, keep_originals)) for photo in photos]
        created = [(name, *writer.read(name, uuid)) for name, uuid in rows]  # (table, values, wkt)

        def remove(writer: FeatureWriter) -> None:
            with writer.transaction():
                for name, row, _wkt in reversed(created):
                    writer.delete(name, row["uuid"], reason="undo")

        def recreate(writer: FeatureWriter) -> None:
            with writer.transaction():
                for name, row, wkt in created:
                    writer.insert(name, {**row, "updated_at": utc_now()}, wkt, operation="restore", reason="redo")

        self._record(_Change(description, table, undo=remove, redo=recreate))
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
        self._record(
            _Change(
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

        self._record(
            _Change(
                description,
                table,
                undo=lambda writer: restore(writer, "undo"),
                redo=lambda writer: writer.delete(table, feature_uuid, reason="redo"),
            )
        )

    @contextmanager
    def _one_step(self, description: str, table: str) -> Iterator[None]:
        """The changes made inside the block land together and are undone together, as one step."""
        if self._step is not None:  # already inside a step: it takes these changes too
            yield
            return
        changes = self._step = []
        try:
            with self.writer.transaction():
                yield
        finally:
            self._step = None
        if not changes:
            return

        def undo(writer: FeatureWriter) -> None:
            with writer.transaction():
                for change in reversed(changes):
                    change.undo(writer)

        def redo(writer: FeatureWriter) -> None:
            with writer.transaction():
                for change in changes:
                    change.redo(writer)

        also = tuple(change.table for change in changes)
        self._record(_Change(description, table, undo=undo, redo=redo, also=also))

    def _record(self, change: _Change) -> None:
        if self._step is not None:
            self._step.append(change)
            return
        self._undo.append(change)
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self._announce(change)

    def _announce(self, change: _Change) -> None:
        for table in dict.fromkeys((change.table, *change.also)):
            self.changed.emit(table)
        self.history_changed.emit()

    def _ordered(self, table: str, **parent) -> list[str]:
        """The uuids of ``table``'s rows in their order; ``parent`` keeps one orientation's actions."""
        rows = self.writer.rows(table, **parent)
        return [row["uuid"] for row in sorted(rows, key=lambda row: row["position"])]  # stable: ties keep fid order

    def _next_position(self, table: str, **parent) -> int:
        return max((row["position"] for row in self.writer.rows(table, **parent)), default=-1) + 1

    def _place(self, table: str, feature_uuid: str, position: int, **parent) -> None:
        order = [uuid for uuid in self._ordered(table, **parent) if uuid != feature_uuid]
        order.insert(max(0, min(position, len(order))), feature_uuid)
        self._renumber(table, order)

    def _renumber(self, table: str, order: list[str]) -> None:
        """Positions 0..n-1 in ``order``; only the rows whose position changes are written."""
        for position, feature_uuid in enumerate(order):
            if self.writer.read(table, feature_uuid)[0]["position"] != position:
                self._update(table, feature_uuid, {"position": position}, None, "order", tr("order"))

    def _require_orientation(self, orientation_uuid: str | None) -> None:
        if orientation_uuid is not None and not self.writer.rows(ORIENTATIONS, uuid=orientation_uuid):
            raise AtelierError(tr("This orientation is no longer in the atelier."))

    def _links(self, table: str, feature_uuid: str) -> list[dict]:
        """The action_stakes rows that name a stake or an action."""
        if table == ACTIONS:
            return self.writer.rows(ACTION_STAKES, action_uuid=feature_uuid)
        if table in STAKE_TABLES:
            return self.writer.rows(ACTION_STAKES, stake_uuid=feature_uuid)
        return []

    def _require_code(self, thesaurus: str, code: str) -> None:
        if code not in self._codes(thesaurus):
            raise AtelierError(
                tr("{code} is not in the list {list} of this atelier.").format(code=code, list=thesaurus)
            )

    def _codes(self, thesaurus: str) -> set[str]:
        if thesaurus not in self._code_cache:
            self._code_cache[thesaurus] = {term["code"] for term in thesaurus_terms(self.atelier, thesaurus)}
        return self._code_cache[thesaurus]

    def _territory_outline(self):
        """The territory as one prepared geometry, to flag what is drawn outside; None without one."""
        present = set(self.atelier.table_names())
        for table in TERRITORY_TABLES:
            if table in present:
                layer = QgsVectorLayer(self.atelier.layer_uri(table), table, self.atelier.provider)
                outline = QgsGeometry.unaryUnion([feature.geometry() for feature in layer.getFeatures()])
                engine = QgsGeometry.createGeometryEngine(outline.constGet())
                engine.prepareGeometry()
                return engine
        return None

    def _territory_flags(self, geometry: QgsGeometry, warnings: list[str]) -> dict:
        """Journal details for a geometry drawn outside the territory; says so in ``warnings``."""
        if self._territory is None or self._territory.intersects(geometry.constGet()):
            return {}
        warnings.append(tr("This is outside the territory: it was kept, and flagged in the journal."))
        return {"outside_territory": True}


def _title(title: str | None) -> str:
    """A title without its surrounding blanks; an empty one is refused."""
    if not title or not title.strip():
        raise AtelierError(tr("A title is needed: nothing was saved."))
    return title.strip()


def _declared_field(table: str, name: str):
    try:
        return TABLE_BY_NAME[table].field(name)
    except KeyError:
        raise AtelierError(tr("Unknown field {field}.").format(field=name)) from None


def _has_field(table: str, name: str) -> bool:
    return any(declared.name == name for declared in TABLE_BY_NAME[table].all_fields)


def _fitting_geometry(table: str, geometry: QgsGeometry) -> tuple[QgsGeometry, list[str]]:
    """A drawn geometry checked (see :func:`checked_geometry`) and of the kind ``table`` holds."""
    geometry, warnings = checked_geometry(geometry)
    wanted = TABLE_BY_NAME[table].geometry
    if geometry_kind(geometry) != wanted:
        kinds = {POINT: tr("a point"), LINE: tr("a line"), AREA: tr("an area")}
        raise AtelierError(tr("Draw {kind} here: nothing was saved.").format(kind=kinds[wanted]))
    return geometry, warnings
