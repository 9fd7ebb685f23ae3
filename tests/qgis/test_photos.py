"""One photo read by QGIS and Qt alone: EXIF as Pillow reads it, turned upright, never decoded whole."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from bassee_atelier_plugin.core.visits.photos import PhotoError, photo_from_bytes, read_photo
from tests.photos import geotagged_jpeg

RED, BLUE = (220, 20, 20), (20, 20, 220)


def with_exif(path: Path, **tags) -> Path:
    """Rewrite ``path`` with more EXIF: ``gps`` and ``details`` (the Exif IFD) tags by Pillow's names, and the rest."""
    with Image.open(path) as image:
        exif = image.getexif()
        for name, value in tags.pop("gps", {}).items():
            exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS[name]] = value
        for name, value in tags.pop("details", {}).items():
            exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base[name]] = value
        for name, value in tags.items():
            exif[ExifTags.Base[name]] = value
        image.load()
        image.save(path, "JPEG", quality=90, exif=exif)
    return path


def pillow_degrees(path: Path) -> tuple[float, float]:
    """Latitude and longitude as the plugin read them with Pillow, before QGIS did."""
    with Image.open(path) as image:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    def signed(value, reference, negative):
        degrees, minutes, seconds = (float(part) for part in value)
        return (-1 if reference == negative else 1) * (degrees + minutes / 60 + seconds / 3600)

    return (
        signed(gps[ExifTags.GPS.GPSLatitude], gps[ExifTags.GPS.GPSLatitudeRef], "S"),
        signed(gps[ExifTags.GPS.GPSLongitude], gps[ExifTags.GPS.GPSLongitudeRef], "W"),
    )


def test_south_and_west_are_negative_as_pillow_read_them(tmp_path):
    path = geotagged_jpeg(tmp_path / "santiago.jpg", -33.4489, -70.6693, accuracy_m=12.5)

    photo = read_photo(path)

    assert (photo.latitude, photo.longitude) == pytest.approx(pillow_degrees(path), abs=1e-9)
    assert photo.latitude < 0 and photo.longitude < 0
    assert photo.accuracy_m == pytest.approx(12.5)


def test_a_camera_time_with_its_offset_is_taken_at_that_offset(tmp_path):
    path = geotagged_jpeg(tmp_path / "reunion.jpg", camera_time="2017:01:26 14:40:00")
    with_exif(path, details={"OffsetTimeOriginal": "+04:00"})

    assert read_photo(path).taken_at == "2017-01-26T10:40:00.000Z"


def test_the_gps_clock_wins_over_the_camera_and_is_read_to_the_second(tmp_path):
    path = geotagged_jpeg(
        tmp_path / "a.jpg", 48.4, 3.2, gps_time=datetime(2017, 1, 26, 9, 15, 0), camera_time="2017:01:26 11:40:00"
    )
    with_exif(path, gps={"GPSTimeStamp": (IFDRational(9, 1), IFDRational(15, 1), IFDRational(1234, 100))})

    assert read_photo(path).taken_at == "2017-01-26T09:15:12.000Z"  # Pillow read 12.34 s: exiv2 drops the 0.34


def test_a_damaged_gps_clock_falls_back_to_the_camera(tmp_path):
    path = geotagged_jpeg(tmp_path / "a.jpg", 48.4, 3.2, camera_time="2017:06:26 11:40:00")
    with_exif(path, gps={"GPSDateStamp": "not a date", "GPSTimeStamp": (IFDRational(9, 1),) * 3})

    assert read_photo(path).taken_at == "2017-06-26T09:40:00.000Z"


def test_a_photo_taken_sideways_has_an_upright_display_copy(tmp_path):
    """Orientation 6: the camera stored it lying; turned a quarter clockwise, its top-left corner goes top-right."""
    stored = Image.new("RGB", (800, 600), BLUE)
    stored.paste(RED, (0, 0, 200, 150))
    path = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    stored.save(path, "JPEG", quality=95, exif=exif)

    photo = read_photo(path, preview_pixels=400)

    assert (photo.width, photo.height) == (800, 600)  # as taken
    with Image.open(io.BytesIO(photo.preview)) as preview:
        assert preview.size == (300, 400) and preview.getexif().get(ExifTags.Base.Orientation) is None
        assert _near(preview.getpixel((280, 20)), RED) and _near(preview.getpixel((20, 20)), BLUE)


def _near(colour, expected) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, expected))


def test_an_image_too_large_to_be_a_photo_is_refused_from_its_header(tmp_path):
    """A small file whose header claims 40 000 x 40 000 pixels: refused unread, not decoded into 6 GB."""
    content = bytearray(geotagged_jpeg(tmp_path / "small.jpg", 48.4, 3.2, size=(64, 48)).read_bytes())
    frame = content.index(b"\xff\xc0")  # the frame header: precision, then height and width
    content[frame + 5 : frame + 9] = (40_000).to_bytes(2, "big") * 2
    (tmp_path / "huge.jpg").write_bytes(content)

    with pytest.raises(PhotoError, match=r"huge\.jpg: too many pixels to be a photo \(40000 × 40000\)"):
        read_photo(tmp_path / "huge.jpg")


def test_a_phone_photo_in_memory_and_a_file_under_an_accented_folder_read_alike(tmp_path):
    folder = tmp_path / "Visite à Bray l'été"
    folder.mkdir()
    path = geotagged_jpeg(folder / "Église.jpg", 48.4148, 3.2378, gps_time=datetime(2017, 6, 15, 14, 32, 5))

    from_file, from_phone = read_photo(path), photo_from_bytes(path.read_bytes(), Path("telephone"))

    for photo in (from_file, from_phone):
        assert (photo.latitude, photo.longitude, photo.taken_at) == (
            pytest.approx(48.4148, abs=1e-6),
            pytest.approx(3.2378, abs=1e-6),
            "2017-06-15T14:32:05.000Z",
        )
    assert from_file.preview == from_phone.preview and from_file.sha256 == from_phone.sha256


def test_a_png_keeps_its_type_and_gets_a_jpeg_display_copy(tmp_path):
    path = tmp_path / "plan.png"
    Image.new("RGBA", (300, 200), (*RED, 128)).save(path)

    photo = read_photo(path, preview_pixels=150)

    assert (photo.mime_type, photo.width, photo.height, photo.has_position) == ("image/png", 300, 200, False)
    with Image.open(io.BytesIO(photo.preview)) as preview:
        assert (preview.format, preview.size) == ("JPEG", (150, 100))


def test_a_camera_time_without_offset_is_french_time_on_either_side_of_the_clock_change(tmp_path):
    """Qt's time zones (Python's zoneinfo needs a tzdata package that a Windows QGIS lacks)."""
    before = read_photo(geotagged_jpeg(tmp_path / "b.jpg", camera_time="2017:03:26 01:30:00"))
    after = read_photo(geotagged_jpeg(tmp_path / "a.jpg", camera_time="2017:03:26 03:30:00"))

    assert (before.taken_at, after.taken_at) == ("2017-03-26T00:30:00.000Z", "2017-03-26T01:30:00.000Z")
