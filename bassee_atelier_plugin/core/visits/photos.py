"""Photos of site visits: what a file holds, when and where it was taken, and its display copy.

Pillow reads the images and their EXIF; nothing here parses an image format by hand.
A photo that cannot be read raises :class:`PhotoError` with a message for that file alone,
so that an import can say it and go on with the others.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.toolbelt.i18n import tr

DEFAULT_PREVIEW_PIXELS = 1600  # the long side of the display copy
DEFAULT_MAX_MEGABYTES = 40  # past this, a file is refused: no phone or camera JPEG comes near it
PREVIEW_QUALITY = 82
# EXIF times without an offset are the camera's clock: in France, French time.
CAMERA_TIME_ZONE = ZoneInfo("Europe/Paris")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif")


class PhotoError(AtelierError):
    """One file could not be taken in; the message says which and why."""


@dataclass(frozen=True)
class Photo:
    path: Path
    content: bytes  # the file's bytes, untouched
    sha256: str
    mime_type: str
    width: int  # as taken, in pixels
    height: int
    preview: bytes  # a JPEG no larger than the preview size, turned upright
    taken_at: str | None = None  # ISO UTC
    latitude: float | None = None  # WGS 84, from the EXIF GPS tags
    longitude: float | None = None
    accuracy_m: float | None = None  # the GPS's own horizontal error, when it gives one

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def read_photo(
    path: Path, preview_pixels: int = DEFAULT_PREVIEW_PIXELS, max_megabytes: float = DEFAULT_MAX_MEGABYTES
) -> Photo:
    """Read one photo file: its bytes, its EXIF time and position, and a display copy."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise PhotoError(tr("{file}: cannot be read ({error}).").format(file=path.name, error=error)) from error
    if size > max_megabytes * 1_000_000:
        raise PhotoError(
            tr("{file}: too large ({size:.0f} MB; the limit, set in the plugin's settings, is {limit:.0f} MB).").format(
                file=path.name, size=size / 1_000_000, limit=max_megabytes
            )
        )
    return photo_from_bytes(path.read_bytes(), path, preview_pixels)


def photo_from_bytes(content: bytes, path: Path, preview_pixels: int = DEFAULT_PREVIEW_PIXELS) -> Photo:
    """A photo held in memory (sent by a phone, say); ``path`` names it in messages and in the atelier."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            exif = image.getexif()
            mime_type = Image.MIME.get(image.format, "application/octet-stream")
            width, height = image.size
            preview = _preview(image, preview_pixels)
    except UnidentifiedImageError as error:
        raise PhotoError(_unsupported(path)) from error
    except Image.DecompressionBombError as error:
        raise PhotoError(
            tr("{file}: too many pixels to be a photo ({error}).").format(file=path.name, error=error)
        ) from error
    except (OSError, SyntaxError, ValueError) as error:  # what Pillow raises on a truncated or damaged file
        raise PhotoError(
            tr("{file}: the image is truncated or damaged ({error}).").format(file=path.name, error=error)
        ) from error
    latitude, longitude, accuracy = _position(exif)
    return Photo(
        path=path,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        mime_type=mime_type,
        width=width,
        height=height,
        preview=preview,
        taken_at=_taken_at(exif),
        latitude=latitude,
        longitude=longitude,
        accuracy_m=accuracy,
    )


def photo_files(folder: Path) -> list[Path]:
    """The files of ``folder`` that look like photos, by name, in name order (subfolders left out)."""
    return sorted(path for path in Path(folder).iterdir() if path.is_file() and path.suffix.lower() in PHOTO_SUFFIXES)


def _unsupported(path: Path) -> str:
    if path.suffix.lower() in (".heic", ".heif"):
        return tr("{file}: HEIC photos cannot be read here (no decoder installed); export them as JPEG.").format(
            file=path.name
        )
    return tr("{file}: not an image format this plugin can read.").format(file=path.name)


def display_copy(content: bytes, preview_pixels: int = DEFAULT_PREVIEW_PIXELS) -> bytes:
    """The display-size JPEG of an image held in memory (one already known to be readable)."""
    with Image.open(io.BytesIO(content)) as image:
        return _preview(image, preview_pixels)


def _preview(image: Image.Image, preview_pixels: int) -> bytes:
    """A display-size JPEG of ``image``, upright as the EXIF orientation says."""
    # A JPEG decodes straight at a half, quarter or eighth of its size, as long as that stays
    # larger than the copy: much faster, and the full 12-megapixel image never sits in memory.
    ratio = min(1.0, preview_pixels / max(image.size))
    image.draft("RGB", (math.ceil(image.width * ratio), math.ceil(image.height * ratio)))
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((preview_pixels, preview_pixels), Image.Resampling.LANCZOS)
    if upright.mode != "RGB":
        upright = upright.convert("RGB")
    output = io.BytesIO()
    upright.save(output, "JPEG", quality=PREVIEW_QUALITY, optimize=True)
    return output.getvalue()


def _taken_at(exif: Image.Exif) -> str | None:
    """When the photo was taken, in UTC: the GPS clock if there is one, else the camera's."""
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    date_stamp, time_stamp = gps.get(ExifTags.GPS.GPSDateStamp), gps.get(ExifTags.GPS.GPSTimeStamp)
    if date_stamp and time_stamp:
        try:
            day = datetime.strptime(str(date_stamp).strip(), "%Y:%m:%d").replace(tzinfo=timezone.utc)
            hours, minutes, seconds = (float(value) for value in time_stamp)
            return _iso_utc(day + timedelta(hours=hours, minutes=minutes, seconds=seconds))
        except (TypeError, ValueError, ZeroDivisionError):
            pass  # a damaged GPS clock: the camera's clock below
    details = exif.get_ifd(ExifTags.IFD.Exif)
    text = details.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    if not text:
        return None
    try:
        local = datetime.strptime(str(text).strip(), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = details.get(ExifTags.Base.OffsetTimeOriginal)
    try:
        zone = datetime.strptime(str(offset).strip(), "%z").tzinfo if offset else CAMERA_TIME_ZONE
    except ValueError:
        zone = CAMERA_TIME_ZONE
    return _iso_utc(local.replace(tzinfo=zone))


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _position(exif: Image.Exif) -> tuple[float | None, float | None, float | None]:
    """Latitude, longitude (WGS 84) and the horizontal error in metres, from the EXIF GPS tags."""
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    try:
        latitude = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef, "N"), "S")
        longitude = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef, "E"), "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None, None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0, 0):
        return None, None, None  # (0, 0) is what some phones write when they had no fix
    error = gps.get(ExifTags.GPS.GPSHPositioningError)
    try:
        accuracy = float(error) if error is not None else None
    except (TypeError, ValueError, ZeroDivisionError):
        accuracy = None
    return latitude, longitude, accuracy


def _degrees(value, reference, negative: str) -> float:
    degrees, minutes, seconds = (float(part) for part in value)
    sign = -1 if str(reference).strip().upper() == negative else 1
    return sign * (degrees + minutes / 60 + seconds / 3600)
