"""The live workshop: every gesture committed at once, journalled, and undoable.

The facilitator never starts or stops an edit session: each operation is one
transaction on the GeoPackage, with its journal line, before the call returns (see
:mod:`~bassee_atelier_plugin.core.editing.journalled`). :class:`LiveEditor` is what the
docks, the phones and the command line call: the room's gestures are here, the
roadmap's in :mod:`~bassee_atelier_plugin.core.editing.roadmap_edits`.
"""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QObject

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.editing.geometry_checks import checked_geometry, fitting_geometry, geometry_kind
from bassee_atelier_plugin.core.editing.journalled import LiveResult
from bassee_atelier_plugin.core.editing.roadmap_edits import RoadmapEdits
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.metadata import utc_now
from bassee_atelier_plugin.core.model.schema import ACTION_STAKES, ACTIONS, LINE, ORIENTATIONS, POINT, TABLE_BY_NAME
from bassee_atelier_plugin.core.visits.gpx import Track, itinerary_values, itinerary_wkt
from bassee_atelier_plugin.core.visits.observations import (
    ITINERARIES,
    OBSERVATIONS,
    Wgs84ToAtelier,
    observation_values,
    stored_photo,
)
from bassee_atelier_plugin.core.visits.photos import Photo
from bassee_atelier_plugin.toolbelt.i18n import tr

# Tables a gesture may create features in, by what is drawn.
STAKE_TABLE_BY_GEOMETRY = {POINT: "stakes_point", LINE: "stakes_line", "Polygon": "stakes_area"}
SKETCH_TABLE_BY_GEOMETRY = {LINE: "sketches_line", "Polygon": "sketches_area"}
NOTES_TABLE = "notes"
PHONE_VOTES = "phone_votes"


class LiveEditor(RoadmapEdits):
    """Edits of one atelier during a workshop: create, vote, change, move, delete, undo, redo.

    The connection, the undo history and the signals ``changed`` and ``history_changed``
    come from :class:`JournalledEditor`, the roadmap's edits from :class:`RoadmapEdits`.
    """

    def __init__(self, atelier: Atelier, author: str | None = None, parent: QObject | None = None):
        super().__init__(atelier, author, parent)
        self._code_cache: dict[str, set[str]] = {}

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
        with self._history.one_step(tr("vote"), table):
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
        geometry, warnings = fitting_geometry(table, geometry)
        flags = self._territory.flags(geometry, warnings)
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
        with self._history.one_step(description, table):
            for link in self._links(table, feature_uuid):
                self._delete_row(ACTION_STAKES, link["uuid"], description)
            self._delete_row(table, feature_uuid, description)
            if table in (ACTIONS, ORIENTATIONS):  # the others close up: orders stay 0..n-1
                siblings = {"orientation_uuid": values["orientation_uuid"]} if table == ACTIONS else {}
                self._renumber(table, self._ordered(table, **siblings))
        return LiveResult(table, feature_uuid)

    # -- helpers ------------------------------------------------------------------

    def _require_code(self, thesaurus: str, code: str) -> None:
        if code not in self._codes(thesaurus):
            raise AtelierError(
                tr("{code} is not in the list {list} of this atelier.").format(code=code, list=thesaurus)
            )

    def _codes(self, thesaurus: str) -> set[str]:
        if thesaurus not in self._code_cache:
            self._code_cache[thesaurus] = {term["code"] for term in thesaurus_terms(self.atelier, thesaurus)}
        return self._code_cache[thesaurus]


def _declared_field(table: str, name: str):
    try:
        return TABLE_BY_NAME[table].field(name)
    except KeyError:
        raise AtelierError(tr("Unknown field {field}.").format(field=name)) from None
