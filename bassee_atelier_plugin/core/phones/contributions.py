"""Contributions from the phones in the room: stakes and votes, checked, then written like the room's own.

A :class:`ContributionDesk` takes what the phone server received, already parsed but not
trusted: every field is checked against the atelier (its thesaurus, its extent, sensible
lengths) before the live editor writes it, in one transaction, stamped "participant
(téléphone)" and with the session of the workshop. Phones send from several server
threads at once; the desk writes one at a time, on its own connection to the atelier.

A contribution may wait for the facilitator (``moderation`` = ``pending``) and may be
put aside (``hidden``); the maps, lists and deliverables show neither (see
:data:`~bassee_atelier_plugin.core.model.schema.SHOWN_STAKES`).
"""

from __future__ import annotations

import base64
import binascii
import math
import mimetypes
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from osgeo import ogr
from qgis.core import QgsGeometry, QgsPointXY

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.atelier.text import clean_text
from bassee_atelier_plugin.core.atelier.writer import iso_datetime
from bassee_atelier_plugin.core.editing.live import PHONE_VOTES, LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import SHOWN_STAKES, STAKE_TABLES
from bassee_atelier_plugin.core.stores.ogr_tables import sql_text
from bassee_atelier_plugin.core.visits.observations import require_session
from bassee_atelier_plugin.core.visits.photos import PhotoError, photo_from_bytes
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log

PHONE_AUTHOR = "participant (téléphone)"
PENDING, HIDDEN = "pending", "hidden"
MODERATION_STATES = (PENDING, HIDDEN)
TITLE_LIMIT = 120
COMMENT_LIMIT = 1000
PHOTO_LIMIT_BYTES = 5_000_000  # a phone photo shrunk by the page weighs a few hundred KB
STAKES_CACHE_SECONDS = 1.0  # what the room edits in QGIS reaches the phones within this, plus their poll
PHONE_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
_FIELDS = {"x", "y", "theme", "reading", "title", "comment", "photo"}


class ContributionError(AtelierError):
    """What a phone sent cannot be taken: ``code`` (see docs/phone-contributions.md) and the field at fault."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.field = field


@dataclass(frozen=True)
class Received:
    """What the desk wrote, for the facilitator's notice and the phone's answer."""

    kind: str  # "contribution" or "vote"
    table: str
    uuid: str
    title: str | None = None
    pending: bool = False
    votes_for: int = 0
    votes_against: int = 0


class ContributionDesk:
    """The phones' way into one atelier, for one session of the workshop."""

    def __init__(self, atelier: Atelier, session_uuid: str, require_approval: bool = False):
        if atelier.read_only:
            raise AtelierError(tr("{path} is read-only: phones cannot add to it.").format(path=atelier.name))
        require_session(atelier, session_uuid)
        self.atelier = atelier
        self.session_uuid = session_uuid
        self.require_approval = require_approval
        self.extent = atelier.extent()
        self.themes = thesaurus_terms(atelier, "themes")
        self.readings = thesaurus_terms(atelier, "readings")
        self.received: list[Callable[[Received], None]] = []  # called on the server's thread, after the commit
        self._editor = LiveEditor(atelier, PHONE_AUTHOR)
        self._editor.session_uuid = session_uuid
        self._lock = threading.Lock()  # one connection, one writer: the server's threads take turns
        self._closed = False
        self.session_title = self._editor.writer.rows("sessions", uuid=session_uuid)[0]["title"]
        self._cache_lock = threading.Lock()
        self._stakes_cache: tuple[float, tuple | None, list[dict]] = (0.0, None, [])
        self._votes_by_phone = self._phone_votes()  # phone -> {stake: +1 or -1}, kept as votes arrive

    # -- what phones send ------------------------------------------------------------

    def contribute(self, phone: str, sent: dict) -> Received:
        """A new stake at a point tapped on a phone, with its photo if one came."""
        _require_phone(phone)
        if not isinstance(sent, dict):
            raise ContributionError("bad_request", "The contribution must be a JSON object.")
        unknown = set(sent) - _FIELDS
        if unknown:
            raise ContributionError("invalid_field", "Unknown field.", sorted(unknown)[0])
        x, y = _number(sent, "x"), _number(sent, "y")
        if self.extent is None or not _inside((x, y), self.extent):
            raise ContributionError("outside_extent", "The point is outside the atelier.")
        theme = _code(sent, "theme", self.themes, required=True)
        reading = _code(sent, "reading", self.readings, required=False)
        title = _text(sent, "title", TITLE_LIMIT, required=True)
        comment = _text(sent, "comment", COMMENT_LIMIT, required=False)
        photos = [_photo(sent["photo"])] if sent.get("photo") is not None else []
        moderation = PENDING if self.require_approval else None
        point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
        with self._lock:
            self._require_open()
            result = self._editor.add_stake(point, theme, reading, title, comment, photos=photos, moderation=moderation)
        received = Received("contribution", result.table, result.uuid, title, pending=moderation is not None)
        self._tell(received, (x, y), theme)
        return received

    def vote(self, phone: str, sent: dict) -> Received:
        """One phone's vote, +1 or -1, on a stake shown; a second vote of the same phone is refused."""
        _require_phone(phone)
        if not isinstance(sent, dict) or set(sent) != {"stake", "value"}:
            raise ContributionError("bad_request", "A vote is {stake, value}.")
        stake, value = sent["stake"], sent["value"]
        if not isinstance(stake, str) or not 0 < len(stake) <= 64:
            raise ContributionError("invalid_field", "Unknown stake.", "stake")
        if type(value) is not int or value not in (1, -1):
            raise ContributionError("invalid_field", "A vote is 1 or -1.", "value")
        with self._lock:
            self._require_open()
            table = self._shown_stake_table(stake)
            if stake in self._votes_by_phone.get(phone, {}):
                raise ContributionError("already_voted", "This phone has already voted on this stake.")
            self._editor.phone_vote(table, stake, phone, value)
            self._votes_by_phone.setdefault(phone, {})[stake] = value
            row, _wkt = self._editor.writer.read(table, stake)
        received = Received("vote", table, stake, row["title"], False, row["votes_for"], row["votes_against"])
        self._tell(received)
        return received

    # -- what phones see ---------------------------------------------------------------

    def shown_stakes(self, phone: str | None, extent: tuple[float, float, float, float]) -> list[dict]:
        """The stakes shown within ``extent``, each at a point, with their votes and this phone's own.

        Every phone polls this: the stakes are read at most once a second (the room's own edits
        show after that), and what the phones write is added to what was read.
        """
        stakes = self._cached_stakes(extent)
        mine = self._votes_by_phone.get(phone, {})
        return [{**stake, "my_vote": mine.get(stake["uuid"], 0)} for stake in stakes]

    def _cached_stakes(self, extent: tuple[float, float, float, float]) -> list[dict]:
        with self._cache_lock:
            read_at, read_extent, stakes = self._stakes_cache
            if read_extent == extent and time.monotonic() - read_at < STAKES_CACHE_SECONDS:
                return stakes
            stakes = self._read_stakes(extent)
            self._stakes_cache = (time.monotonic(), extent, stakes)
            return stakes

    def _read_stakes(self, extent: tuple[float, float, float, float]) -> list[dict]:
        xmin, ymin, xmax, ymax = extent
        stakes = []
        with self.atelier.dataset() as dataset:  # its own connection: reading never waits for a write
            for table in STAKE_TABLES:
                layer = dataset.GetLayerByName(table)
                layer.SetSpatialFilterRect(xmin, ymin, xmax, ymax)
                layer.SetAttributeFilter(SHOWN_STAKES)
                names = [layer.GetLayerDefn().GetFieldIndex(name) for name in _SHOWN_FIELDS]
                for feature in layer:
                    geometry = feature.GetGeometryRef()
                    if geometry is None:
                        continue
                    point = geometry if geometry.GetGeometryType() == ogr.wkbPoint else geometry.PointOnSurface()
                    if not _inside((point.GetX(), point.GetY()), extent):  # an area crossing the map's edge
                        continue
                    values = dict(zip(_SHOWN_FIELDS, (feature.GetField(index) for index in names)))
                    values["title"] = clean_text(values["title"] or "")  # as typed in QGIS, or by an older version
                    stakes.append({**values, "x": point.GetX(), "y": point.GetY()})
        return stakes

    def close(self) -> None:
        """No more writes: a request still under way when the server stops is refused, not written."""
        with self._lock:
            self._closed = True
            self._editor.close()

    def _require_open(self) -> None:
        if self._closed:
            raise AtelierError(tr("The phones' contributions are closed for this session."))

    def _shown_stake_table(self, stake_uuid: str) -> str:
        for table in STAKE_TABLES:
            rows = self._editor.writer.rows(table, uuid=stake_uuid)
            if rows and rows[0]["moderation"] is None:
                return table
        raise ContributionError("not_found", "No such stake on the map.")

    def _keep_cache_current(self, received: Received, point: tuple[float, float] | None, theme: str | None) -> None:
        """What a phone just wrote shows at the next poll, without reading every stake again."""
        with self._cache_lock:
            read_at, extent, stakes = self._stakes_cache
            if received.kind == "vote":
                counts = {"votes_for": received.votes_for, "votes_against": received.votes_against}
                stakes = [{**stake, **counts} if stake["uuid"] == received.uuid else stake for stake in stakes]
            elif not received.pending and extent is not None and _inside(point, extent):
                shown = {"uuid": received.uuid, "theme": theme, "title": received.title, "votes_for": 0}
                stakes = [*stakes, {**shown, "votes_against": 0, "x": point[0], "y": point[1]}]
            self._stakes_cache = (read_at, extent, stakes)

    def _phone_votes(self) -> dict[str, dict[str, int]]:
        votes: dict[str, dict[str, int]] = {}
        for row in self._editor.writer.rows(PHONE_VOTES):
            votes.setdefault(row["phone"], {})[row["stake_uuid"]] = row["value"]
        return votes

    def _tell(self, received: Received, point: tuple[float, float] | None = None, theme: str | None = None) -> None:
        self._keep_cache_current(received, point, theme)
        for listener in self.received:
            try:
                listener(received)
            except Exception as error:  # noqa: BLE001 - what is saved is saved: the phone must not send it again
                log(tr("A contribution was saved, but telling QGIS failed: {error!r}").format(error=error))


_SHOWN_FIELDS = ("uuid", "theme", "title", "votes_for", "votes_against")


def _inside(point: tuple[float, float], extent: tuple[float, float, float, float]) -> bool:
    return extent[0] <= point[0] <= extent[2] and extent[1] <= point[1] <= extent[3]


def _require_phone(phone: str | None) -> None:
    if not isinstance(phone, str) or not PHONE_ID.fullmatch(phone):
        raise ContributionError("bad_request", "The X-Phone header is missing or malformed.")


def _number(sent: dict, name: str) -> float:
    value = sent.get(name)
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ContributionError("invalid_field", f"{name} must be a number.", name)
    return float(value)


def _code(sent: dict, name: str, terms: list[dict], required: bool) -> str | None:
    value = sent.get(name)
    if value in (None, "") and not required:
        return None
    if not isinstance(value, str) or value not in {term["code"] for term in terms}:
        raise ContributionError("invalid_field", f"{name} is not in the atelier's list.", name)
    return value


def _text(sent: dict, name: str, limit: int, required: bool) -> str | None:
    value = sent.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ContributionError("invalid_field", f"{name} must be text.", name)
    if len(value) <= 4 * limit:  # far longer is refused as it is: cleaning megabytes would hold the thread for seconds
        value = clean_text(value, keep_lines=name == "comment")  # codes and overrides out, never refused for them
    if (required and not value) or len(value) > limit:
        raise ContributionError("invalid_field", f"{name} must have 1 to {limit} characters.", name)
    return value or None


def _photo(encoded):
    """A photo sent as base64: decoded, and read like any other photo (within its decode budget) before it is stored."""
    if not isinstance(encoded, str) or len(encoded) > PHOTO_LIMIT_BYTES * 4 // 3 + 4:
        raise ContributionError("invalid_field", "The photo is too large or not base64.", "photo")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ContributionError("invalid_field", "The photo is not base64.", "photo") from None
    try:
        photo = photo_from_bytes(content, Path("telephone"))
    except PhotoError as refusal:  # unreadable, or too large an image to decode: the reason goes to the phone
        raise ContributionError("invalid_field", str(refusal), "photo") from None
    return replace(photo, path=Path(f"telephone{mimetypes.guess_extension(photo.mime_type) or ''}"))


def phone_contributions(atelier: Atelier, session_uuid: str | None = None) -> list[dict]:
    """The stakes phones sent (of one session, or all), newest first, for the facilitator to moderate.

    Each: table, uuid, title, theme, comment, created_at, moderation (None, pending or hidden).
    """
    rows = []
    with atelier.dataset() as dataset:
        for table in STAKE_TABLES:
            layer = dataset.GetLayerByName(table)
            condition = f"author = '{PHONE_AUTHOR}'"
            if session_uuid is not None:
                condition += f" AND session_uuid = {sql_text(session_uuid)}"
            layer.SetAttributeFilter(condition)
            created_at = layer.GetLayerDefn().GetFieldIndex("created_at")
            for feature in layer:
                values = {name: feature.GetField(name) for name in _MODERATED_FIELDS}
                rows.append({"table": table, **values, "created_at": iso_datetime(feature, created_at)})
    return sorted(rows, key=lambda row: row["created_at"] or "", reverse=True)


_MODERATED_FIELDS = ("uuid", "title", "theme", "comment", "moderation")
