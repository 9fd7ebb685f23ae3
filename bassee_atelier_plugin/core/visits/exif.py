"""When and where a photo was taken, from its EXIF, read by QGIS itself (``QgsExifTools``, on exiv2).

QgsExifTools reads a file by its path, and on Windows exiv2 opens only paths in the system's
code page: a folder named "Visite à Bray" would read as no EXIF at all (QGIS issue #61141). The
photo's bytes, already in memory, are therefore read from a temporary copy with a plain name.
"""

from __future__ import annotations

import math
import os
import tempfile
from datetime import datetime, timezone

from qgis.core import QgsExifTools
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QTimeZone

# EXIF times without an offset are the camera's clock: in France, French time. Qt's time zones,
# not Python's zoneinfo: on Windows, zoneinfo needs the tzdata package, which OSGeo4W lacks.
CAMERA_TIME_ZONE = b"Europe/Paris"


def exif_tags(content: bytes) -> dict:
    """Every EXIF tag of an image held in memory, by exiv2's key ("Exif.GPSInfo.GPSLatitude"); {} if none."""
    handle, name = tempfile.mkstemp(prefix="atelier-photo-")
    try:
        with os.fdopen(handle, "wb") as copy:
            copy.write(content)
        return QgsExifTools.readTags(name) or {}
    finally:
        os.unlink(name)


def taken_at(tags: dict) -> str | None:
    """When the photo was taken, in UTC: the GPS clock if there is one, else the camera's.

    exiv2 gives the GPS clock to the whole second (a fraction of a second is dropped).
    """
    day, clock = tags.get("Exif.GPSInfo.GPSDateStamp"), tags.get("Exif.GPSInfo.GPSTimeStamp")
    if _valid(day, QDate) and _valid(clock, QTime):
        return _iso_utc(_moment(day, clock, timezone.utc))
    camera = tags.get("Exif.Photo.DateTimeOriginal") or tags.get("Exif.Image.DateTime")
    if not _valid(camera, QDateTime):
        return None
    offset = tags.get("Exif.Photo.OffsetTimeOriginal")
    try:
        if offset:
            return _iso_utc(_moment(camera.date(), camera.time(), datetime.strptime(str(offset).strip(), "%z").tzinfo))
    except ValueError:
        pass  # a damaged offset: the camera's clock is French time
    utc = QDateTime(camera.date(), camera.time(), QTimeZone(CAMERA_TIME_ZONE)).toUTC()
    return _iso_utc(_moment(utc.date(), utc.time(), timezone.utc))


def position(tags: dict) -> tuple[float | None, float | None, float | None]:
    """Latitude, longitude (WGS 84) and the horizontal error in metres, from the EXIF GPS tags."""
    try:
        latitude = _signed(tags["Exif.GPSInfo.GPSLatitude"], tags.get("Exif.GPSInfo.GPSLatitudeRef", "N"), "S")
        longitude = _signed(tags["Exif.GPSInfo.GPSLongitude"], tags.get("Exif.GPSInfo.GPSLongitudeRef", "E"), "W")
    except (KeyError, TypeError, ValueError):
        return None, None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0, 0):
        return None, None, None  # (0, 0) is what some phones write when they had no fix; NaN fails the ranges
    error = tags.get("Exif.GPSInfo.GPSHPositioningError")
    accuracy = float(error) if isinstance(error, (int, float)) and math.isfinite(error) else None
    return latitude, longitude, accuracy


def _signed(degrees, reference, negative: str) -> float:
    """exiv2 reads the degrees, minutes and seconds as one unsigned number; the reference gives the sign."""
    sign = -1 if str(reference).strip().upper() == negative else 1
    return sign * float(degrees)


def _valid(value, kind: type) -> bool:
    """A QDate, QTime or QDateTime that exiv2 could read (a damaged tag reads as an invalid one, or a null QVariant)."""
    return isinstance(value, kind) and value.isValid()


def _moment(day, clock, zone) -> datetime:
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second(), tzinfo=zone)


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
