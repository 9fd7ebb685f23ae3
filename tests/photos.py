"""Photos made on the spot for tests and benchmarks: real JPEGs, with the EXIF a phone writes."""

from __future__ import annotations

import io
import random
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational


def _degrees_minutes_seconds(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(round(seconds * 10_000), 10_000)


def geotagged_jpeg(
    path: Path,
    latitude: float | None = None,
    longitude: float | None = None,
    gps_time: datetime | None = None,
    camera_time: str | None = None,
    size: tuple[int, int] = (800, 600),
    seed: int = 0,
    accuracy_m: float | None = None,
    grain: float = 0.0,
) -> Path:
    """Write a JPEG whose pixels differ with ``seed``, with the EXIF position and times given.

    ``gps_time`` is UTC (the GPS clock); ``camera_time`` is the camera's "YYYY:MM:DD HH:MM:SS".
    ``grain`` adds sensor-like noise, so that the file weighs what a camera's does.
    """
    rng = random.Random(seed)
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):  # shapes, so that JPEG has something to compress, as in a real photo
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.ellipse((x, y, x + size[0] // 5, y + size[1] // 5), fill=tuple(rng.randrange(256) for _ in range(3)))
    if grain:
        noise = Image.effect_noise(size, grain).convert("RGB")
        image = Image.blend(image, noise, 0.25)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Atelier test camera"
    if camera_time:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = camera_time
    if latitude is not None and longitude is not None:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSLatitudeRef] = "N" if latitude >= 0 else "S"
        gps[ExifTags.GPS.GPSLatitude] = _degrees_minutes_seconds(latitude)
        gps[ExifTags.GPS.GPSLongitudeRef] = "E" if longitude >= 0 else "W"
        gps[ExifTags.GPS.GPSLongitude] = _degrees_minutes_seconds(longitude)
        if accuracy_m is not None:
            gps[ExifTags.GPS.GPSHPositioningError] = IFDRational(round(accuracy_m * 10), 10)
    if gps_time is not None:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSDateStamp] = gps_time.strftime("%Y:%m:%d")
        gps[ExifTags.GPS.GPSTimeStamp] = tuple(
            IFDRational(part, 1) for part in (gps_time.hour, gps_time.minute, gps_time.second)
        )
    output = io.BytesIO()
    image.save(output, "JPEG", quality=90, exif=exif)
    Path(path).write_bytes(output.getvalue())
    return Path(path)
