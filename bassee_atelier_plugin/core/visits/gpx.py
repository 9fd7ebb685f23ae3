"""GPX files from a site visit: the itinerary walked, and the waypoints marked on the way.

OGR's GPX driver reads the file (tracks, routes, waypoints, GPX 1.0 and 1.1, vendor
extensions). Python's expat reads it once before (gpx_check): it refuses XML entities, names
the line where a truncated or broken file stops, refuses a track point off Earth, and finds
the waypoints OGR drops without a word (no latitude or longitude) or reads as 0 (a
coordinate that is not a number).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from osgeo import gdal, ogr

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import FeatureWriter, writer
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.gpx_check import CheckedWaypoints, checked_waypoints
from bassee_atelier_plugin.core.visits.observations import (
    DEFAULT_JOIN_DISTANCE_M,
    ITINERARIES,
    OBSERVATIONS,
    Wgs84ToAtelier,
    nearest_observation,
    observation_values,
)
from bassee_atelier_plugin.toolbelt.i18n import tr

NOTE_FIELDS = ("name", "desc", "cmt")  # a waypoint's note, in this order, each said once
# OGR's time zone flags: 1 local time or unknown, 100 UTC, 100 + n UTC + n quarters of an hour
GDAL_ZONE_UNKNOWN_OR_LOCAL, GDAL_ZONE_UTC = 1, 100


@dataclass(frozen=True)
class Track:
    """A route walked or driven: its positions (longitude, latitude) in order, and when."""

    name: str
    positions: tuple[tuple[float, float], ...]
    started_at: str | None = None
    ended_at: str | None = None
    source: str = "gps"


@dataclass(frozen=True)
class Waypoint:
    """A place marked on a GPS: where, when, and what its name, description and comment say."""

    longitude: float
    latitude: float
    note: str | None = None
    observed_at: str | None = None


@dataclass
class Gpx:
    """What a GPX file holds: its itinerary (if it goes anywhere), its waypoints, what was skipped."""

    track: Track | None
    waypoints: list[Waypoint]
    skipped: list[str] = field(default_factory=list)  # waypoints without a usable position, each with why


@dataclass
class GpxImportReport:
    """What a GPX import added to the atelier."""

    itinerary: str | None = None  # the name of the itinerary added
    observations_added: int = 0
    joined: int = 0  # waypoints added to an observation of the session nearby
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        itinerary = tr("itinerary “{name}” added").format(name=self.itinerary) if self.itinerary else tr("no itinerary")
        return tr(
            "{itinerary}; {observations} observation(s) added from waypoints, {joined} joined to one nearby; "
            "{skipped} waypoint(s) skipped."
        ).format(
            itinerary=itinerary, observations=self.observations_added, joined=self.joined, skipped=len(self.skipped)
        )


def read_gpx(path: Path) -> Gpx:
    """The itinerary and the waypoints of a GPX file; refused, naming why, when it holds neither.

    The itinerary is the file's track (its routes when it has no track), all segments end to
    end; a track of a single point, or of one place repeated, is a waypoint.
    """
    path = Path(path)
    checked = checked_waypoints(path)
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # vendor extensions OGR cannot type: left out, unsaid
    try:
        dataset = _open(path)
        positions, times, name = _itinerary_points(dataset, path)
        waypoints, skipped = _waypoints(dataset.GetLayerByName("waypoints"), checked, path)
    finally:
        gdal.PopErrorHandler()
    track = None
    if len(set(positions)) >= 2:  # a GPS standing still marked one place, as a waypoint does
        times.sort()
        track = Track(name, tuple(positions), times[0] if times else None, times[-1] if times else None, "gpx")
    elif positions:
        waypoints.append(Waypoint(*positions[0], name, times[0] if times else None))
    if track is None and not waypoints:
        raise AtelierError(
            tr("{file}: the GPX has no track, route or waypoint with a position; nothing was added.").format(
                file=path.name
            )
        )
    return Gpx(track, waypoints, skipped)


def _open(path: Path):
    try:
        dataset = ogr.Open(str(path))
    except RuntimeError as error:
        raise AtelierError(
            tr("{file}: not a readable GPX file ({error}).").format(file=path.name, error=error)
        ) from error
    if dataset is None or dataset.GetDriver().GetName() != "GPX":
        raise AtelierError(tr("{file}: not a GPX file.").format(file=path.name))
    return dataset


def _itinerary_points(dataset, path: Path) -> tuple[list, list, str]:
    """The positions and times of the tracks (or else the routes), with the first name given."""
    for layer_name, point_layer in (("tracks", "track_points"), ("routes", "route_points")):
        positions, times = [], []
        for feature in dataset.GetLayerByName(point_layer) or ():
            geometry = feature.GetGeometryRef()
            positions.append((geometry.GetX(), geometry.GetY()))
            time = _time(feature, path)
            if time is not None:
                times.append(time)
        if positions:
            return positions, times, _first_name(dataset.GetLayerByName(layer_name)) or path.stem
    return [], [], path.stem


def _waypoints(layer, checked: CheckedWaypoints, path: Path) -> tuple[list[Waypoint], list[str]]:
    waypoints, skipped = [], list(checked.left_out)
    for feature, problem in zip(layer or (), checked.problems):
        if problem is not None:
            skipped.append(problem)
            continue
        geometry = feature.GetGeometryRef()
        waypoints.append(Waypoint(geometry.GetX(), geometry.GetY(), _note(feature), _time(feature, path)))
    return waypoints, skipped


def _note(feature) -> str | None:
    parts = []
    for name in NOTE_FIELDS:
        index = feature.GetFieldIndex(name)
        if index >= 0 and feature.IsFieldSetAndNotNull(index):
            text = feature.GetField(index).strip()
            if text and text not in parts:  # devices often repeat the description as the comment
                parts.append(text)
    return " — ".join(parts) or None  # one line: a label on the map stays short


def _time(feature, path: Path) -> str | None:
    """The time in UTC, as the atelier stores it: some apps write the local time with its offset.

    A time that is no date was refused by gpx_check; one its offset takes out of the calendar
    (the first of January of year 1, an hour east of Greenwich) is refused here, naming the file.
    """
    index = feature.GetFieldIndex("time")
    if index < 0 or not feature.IsFieldSetAndNotNull(index):
        return None
    *fields, seconds, zone = feature.GetFieldAsDateTime(index)
    # No offset is UTC, by the GPX standard; a leap second's 60 becomes the next minute's 0
    offset = timedelta(minutes=15 * (zone - GDAL_ZONE_UTC)) if zone > GDAL_ZONE_UNKNOWN_OR_LOCAL else timedelta(0)
    try:
        moment = datetime(*fields, tzinfo=timezone.utc) + timedelta(seconds=seconds) - offset
    except (ValueError, OverflowError) as error:
        raise AtelierError(
            tr("{file}: the time {time} is not a date and time; nothing was added.").format(
                file=path.name, time="{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:".format(*fields) + f"{seconds:06.3f}"
            )
        ) from error
    return f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"  # %Y writes 999


def _first_name(layer) -> str | None:
    for feature in layer or ():
        if feature.GetFieldIndex("name") >= 0 and feature.IsFieldSetAndNotNull("name"):
            return feature.GetField("name")
    return None


def itinerary_wkt(track: Track, to_atelier: Wgs84ToAtelier) -> str:
    """The line of ``track`` in the atelier's CRS; refused when it does not go anywhere."""
    points = []
    for longitude, latitude in track.positions:
        point = to_atelier(longitude, latitude)
        if not points or point != points[-1]:  # a GPS standing still repeats itself
            points.append(point)
    if len(points) < 2:
        raise AtelierError(tr("An itinerary needs at least two distinct positions; nothing was added."))
    return "LINESTRING (" + ", ".join(f"{x} {y}" for x, y in points) + ")"


def itinerary_values(track: Track) -> dict:
    values = {"name": track.name, "source": track.source, "started_at": track.started_at, "ended_at": track.ended_at}
    return {key: value for key, value in values.items() if value is not None}


def import_gpx(
    atelier: Atelier,
    path: Path,
    session_uuid: str | None,
    author: str | None = None,
    join_distance_m: float = DEFAULT_JOIN_DISTANCE_M,
    group_uuid: str | None = None,
) -> GpxImportReport:
    """Add a GPX file to the session: its itinerary, and an observation for each waypoint.

    A waypoint within ``join_distance_m`` of an observation of the session (one of the file's
    included) joins it, its note added to that observation's. Everything lands in one
    transaction: a refused file adds nothing.
    """
    gpx = read_gpx(path)
    to_atelier = Wgs84ToAtelier(atelier.metadata.crs)
    itinerary = itinerary_wkt(gpx.track, to_atelier) if gpx.track is not None else None
    report = GpxImportReport(skipped=gpx.skipped)
    with writer(atelier, author, session_uuid) as feature_writer, feature_writer.transaction():
        if itinerary is not None:
            feature_writer.insert(ITINERARIES, itinerary_values(gpx.track), itinerary, source="gpx")
            report.itinerary = gpx.track.name
        for waypoint in gpx.waypoints:
            x, y = to_atelier(waypoint.longitude, waypoint.latitude)
            if _join(feature_writer, waypoint, nearest_observation(feature_writer, x, y, join_distance_m)):
                report.joined += 1
            else:
                values = observation_values(waypoint.note, waypoint.observed_at, None, group_uuid)
                feature_writer.insert(OBSERVATIONS, values, f"POINT ({x} {y})", source="gpx")
                report.observations_added += 1
    return report


def _join(feature_writer: FeatureWriter, waypoint: Waypoint, observation: str | None) -> bool:
    if observation is None:
        return False
    values, _wkt = feature_writer.read(OBSERVATIONS, observation)
    note = values.get("note")
    if waypoint.note and waypoint.note not in (note or ""):  # imported twice, a note is said once
        feature_writer.update(
            OBSERVATIONS, observation, {"note": f"{note}\n{waypoint.note}" if note else waypoint.note}
        )
    return True
