"""A GPX file checked with expat before OGR reads it: no XML entities, every position a place on Earth.

OGR's GPX driver takes every element named ``wpt``, ``rtept`` or ``trkpt``, wherever it
stands, when its ``lat`` and ``lon`` attributes are not empty; it reads a coordinate with C's
``atof`` (``abc`` is 0, ``1000`` is 1000) and checks no range. This pass reads the same
elements the same way, line by line (nothing is kept but one entry per waypoint), so that:

- a file declaring XML entities (an expansion bomb, a ``SYSTEM`` entity reading another file)
  or an outside document type is refused before any entity is expanded: a GPS never writes one;
- a track or route point whose position is not a place on Earth refuses the file, naming the
  point and its line: the itinerary would run through it;
- a waypoint that cannot be placed is listed as skipped, the others imported;
- a point's time written as a date and time but naming none (month 13) refuses the file.

Only coordinates written as plain decimal numbers (an exponent allowed) are read: Python and
C read those alike, so the checked value is the one OGR takes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.parsers import expat  # entity declarations are refused by the handlers below

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.toolbelt.i18n import tr

COORDINATE = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")
# A time written as a date and time, whatever its numbers: those that are no date are refused
TIME = re.compile(r"\s*(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:Z|[+-](\d\d):?(\d\d))?\s*")
LEAP_SECOND = 60
LONGEST_OFFSET_H = 14  # Kiribati; XML Schema allows no more
ITINERARY_POINTS = ("trkpt", "rtept")


@dataclass
class CheckedWaypoints:
    """Why each waypoint OGR reads cannot be placed (None when it can), in order, and those OGR leaves out."""

    problems: list[str | None] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def checked_waypoints(path: Path) -> CheckedWaypoints:
    """The waypoints' problems; refused, naming why: unsafe, broken, a track point off Earth, a time that is no date."""
    check = _Check(path)
    try:
        with open(path, "rb") as file:
            check.parser.ParseFile(file)
    except expat.ExpatError as error:
        raise AtelierError(
            tr("{file}: not a readable GPX file, broken or cut short at line {line}, column {column}.").format(
                file=path.name, line=error.lineno, column=error.offset
            )
        ) from error
    except (ValueError, LookupError) as error:  # an encoding Python cannot hand to expat
        raise AtelierError(
            tr("{file}: not a readable GPX file ({error}).").format(file=path.name, error=error)
        ) from error
    except OSError as error:
        raise AtelierError(tr("Cannot read {file}: {error}").format(file=path.name, error=error)) from error
    if not check.has_root:
        raise AtelierError(tr("{file}: not a GPX file.").format(file=path.name))
    return check.waypoints


def is_impossible_time(text: str) -> bool:
    """True when ``text`` is written as a date and time but names none (month 13, second 99, year 0).

    GDAL 3.6 reads such a time as written, newer ones drop it without a word: refused alike.
    Any other text is left to OGR, which reads the forms devices write.
    """
    written = TIME.fullmatch(text)
    if written is None:
        return False
    year, month, day, hour, minute = (int(number) for number in written.groups()[:5])
    offset_hours, offset_minutes = (int(number or 0) for number in written.groups()[6:])
    try:
        datetime(year, month, day, hour, minute)
    except ValueError:
        return True
    return float(written[6]) > LEAP_SECOND or offset_hours > LONGEST_OFFSET_H or offset_minutes >= 60


def position_problem(latitude: str, longitude: str, label: str) -> str | None:
    """Why the position written ``latitude``, ``longitude`` is not a place on Earth, or None."""
    why = _why_off_earth(latitude, longitude)
    return None if why is None else why.format(waypoint=label, latitude=latitude, longitude=longitude)


def _why_off_earth(latitude: str, longitude: str) -> str | None:
    """The message's pattern, or None: a track has thousands of points, its labels are made for the one refused."""
    if not (COORDINATE.fullmatch(latitude) and COORDINATE.fullmatch(longitude)):
        return tr("{waypoint}: the position {latitude}, {longitude} is not a number")
    latitude_value, longitude_value = float(latitude), float(longitude)
    if not (math.isfinite(latitude_value) and -90 <= latitude_value <= 90):
        return tr("{waypoint}: latitude {latitude} out of range")
    if not (math.isfinite(longitude_value) and -180 <= longitude_value <= 180):
        return tr("{waypoint}: longitude {longitude} out of range")
    return None


class _Check:
    """The expat handlers of one pass over one file."""

    def __init__(self, path: Path):
        self.path = path
        self.waypoints = CheckedWaypoints()
        self.has_root = False
        self.itinerary_points = {name: 0 for name in ITINERARY_POINTS}
        self.waypoint: dict | None = None  # the waypoint being read: its number, position, depth and name
        self.in_name = False  # inside the waypoint's first <name>
        self.point: tuple | None = None  # the waypoint, track or route point being read: tag, number, line, depth
        self.time: list[str] | None = None  # the text of its <time>, while inside it
        self.depth = 0
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._refuse_entities
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text

    def _unsafe(self) -> AtelierError:
        return AtelierError(
            tr(
                "{file}: the GPX declares XML entities or refers to another file, which a GPS never writes; "
                "it is refused as unsafe."
            ).format(file=self.path.name)
        )

    def _doctype(self, _name, system_id, public_id, _has_internal_subset) -> None:
        if system_id is not None or public_id is not None:
            raise self._unsafe()

    def _refuse_entities(self, *_declaration) -> None:
        raise self._unsafe()

    def _start(self, name: str, attributes: dict) -> None:
        if self.depth == 0:
            if name.rsplit(":", 1)[-1] != "gpx":  # GPX 1.0 and 1.1 differ by their namespace only
                raise AtelierError(tr("{file}: not a GPX file.").format(file=self.path.name))
            self.has_root = True
        self.depth += 1
        if name == "wpt":
            number = len(self.waypoints.problems) + len(self.waypoints.left_out) + 1
            position = {"latitude": attributes.get("lat"), "longitude": attributes.get("lon")}
            self.waypoint = {"number": number, "depth": self.depth, "name": None, **position}
            self.point = (name, number, self.parser.CurrentLineNumber, self.depth)
        elif name == "time" and self.point is not None and self.depth == self.point[3] + 1:
            self.time = []
        elif name == "name" and self.waypoint is not None and self.waypoint["name"] is None:
            self.in_name = self.depth == self.waypoint["depth"] + 1
            self.waypoint["name"] = [] if self.in_name else None
        elif name in ITINERARY_POINTS:
            self._check_itinerary_point(name, attributes)

    def _check_itinerary_point(self, name: str, attributes: dict) -> None:
        self.itinerary_points[name] += 1
        self.point = (name, self.itinerary_points[name], self.parser.CurrentLineNumber, self.depth)
        latitude, longitude = attributes.get("lat"), attributes.get("lon")
        if not (latitude and longitude):
            return  # OGR leaves it out of the line, as a GPS that lost its fix for a second
        why = _why_off_earth(latitude, longitude)
        if why is not None:
            problem = why.format(waypoint=self._point_label(), latitude=latitude, longitude=longitude)
            raise AtelierError(
                tr("{file}: {problem}; the itinerary would run through it, nothing was added.").format(
                    file=self.path.name, problem=problem
                )
            )

    def _point_label(self) -> str:
        tag, number, line, _depth = self.point
        labels = {
            "wpt": tr("waypoint {number} at line {line}"),
            "trkpt": tr("track point {number} at line {line}"),
            "rtept": tr("route point {number} at line {line}"),
        }
        return labels[tag].format(number=number, line=line)

    def _text(self, text: str) -> None:
        if self.in_name:
            self.waypoint["name"].append(text)
        if self.time is not None:
            self.time.append(text)

    def _end(self, name: str) -> None:
        self.depth -= 1
        self.in_name = False  # a waypoint's name is its text before any element inside it
        if name == "time" and self.time is not None:
            self._check_time("".join(self.time))
            self.time = None
        if name in ("wpt", *ITINERARY_POINTS):
            self.point = None
        if name == "wpt" and self.waypoint is not None:
            self._close_waypoint(self.waypoint)
            self.waypoint = None

    def _check_time(self, text: str) -> None:
        if is_impossible_time(text):
            raise AtelierError(
                tr("{file}: {point}: the time {time} is not a date and time; nothing was added.").format(
                    file=self.path.name, point=self._point_label(), time=text.strip()
                )
            )

    def _close_waypoint(self, waypoint: dict) -> None:
        name = "".join(waypoint["name"] or ()).strip()
        label = tr("waypoint {number} “{name}”") if name else tr("waypoint {number}")
        label = label.format(number=waypoint["number"], name=name)
        if waypoint["latitude"] and waypoint["longitude"]:
            self.waypoints.problems.append(position_problem(waypoint["latitude"], waypoint["longitude"], label))
        else:
            self.waypoints.left_out.append(tr("{waypoint}: no latitude or longitude").format(waypoint=label))
