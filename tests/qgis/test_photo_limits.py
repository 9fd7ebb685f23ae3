"""Photos that would take too much memory to decode are refused from their header, by file and by phone.

Real files, made here: small on disk (a few hundred KB), huge once decoded. Qt shrinks while it
decodes only a JPEG and an 8-bit PNG that is not interlaced; any other image would sit whole in
memory, and a progressive JPEG keeps every coefficient of the image until its last scan.
"""

from __future__ import annotations

import base64
import io
import math
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from bassee_atelier_plugin.core.visits.decode_memory import decode_bytes
from bassee_atelier_plugin.core.visits.photos import (
    DECODE_BUDGET_BYTES,
    PhotoError,
    _display_size,
    _reader,
    photo_from_bytes,
    read_photo,
)
from tests.photos import geotagged_jpeg
from tests.qgis import phone_server_helpers
from tests.qgis.phone import call
from tests.qgis.phone_server_helpers import contribution, count

room = phone_server_helpers.room  # the module's running phones' server, found by pytest by its name

TOO_LARGE = r"{name}: too large an image to read here \({width} × {height}\); export a smaller copy\."
ADAM7_PASSES = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def plain_png(width: int, height: int, bit_depth: int, colour_type: int, interlaced: bool = False) -> bytes:
    """A valid PNG of one flat colour, written chunk by chunk: Pillow writes neither 16-bit colour nor Adam7."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    passes = ADAM7_PASSES if interlaced else ((0, 0, 1, 1),)
    compressor = zlib.compressobj(9)
    data = []
    for x0, y0, x_step, y_step in passes:
        pass_width, pass_height = math.ceil((width - x0) / x_step), math.ceil((height - y0) / y_step)
        row = bytes(1 + math.ceil(pass_width * channels * bit_depth / 8)) if pass_width else b""
        data.extend(compressor.compress(row) for _ in range(pass_height if pass_width else 0))
    data.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, int(interlaced))
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"".join(data)) + _chunk(b"IEND", b"")


def pillow_file(mode: str, size: tuple[int, int], kind: str, **options) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, 90).save(output, kind, **options)
    return output.getvalue()


HUGE_FILES = {  # name: (how it is made, width, height)
    "grey.png": (lambda: pillow_file("L", (13_000, 13_000), "PNG"), 13_000, 13_000),
    "deep.png": (lambda: plain_png(6_000, 6_000, 16, 2), 6_000, 6_000),  # 16-bit: 8 bytes a pixel
    "interlaced.png": (lambda: plain_png(8_000, 8_000, 8, 6, interlaced=True), 8_000, 8_000),
    "scan.tif": (lambda: pillow_file("RGB", (13_000, 13_000), "TIFF", compression="tiff_deflate"), 13_000, 13_000),
    "progressive.jpg": (
        lambda: pillow_file("RGB", (8_000, 6_000), "JPEG", progressive=True, quality=90, subsampling=0),
        8_000,
        6_000,
    ),
}


@pytest.fixture(scope="module")
def huge_files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("huge")
    for name, (make, _width, _height) in HUGE_FILES.items():
        (folder / name).write_bytes(make())
    return folder


def estimate(content: bytes) -> int:
    reader, _buffer = _reader(content)
    return decode_bytes(reader, content, _display_size(reader.size(), 1600))


@pytest.mark.parametrize("name", HUGE_FILES)
def test_an_image_too_large_to_decode_here_is_refused_with_its_size(qgis_app, huge_files, name):
    _make, width, height = HUGE_FILES[name]
    path = huge_files / name
    assert path.stat().st_size < 1_000_000  # small on disk: only its decode is large

    with pytest.raises(PhotoError, match=TOO_LARGE.format(name=name.replace(".", r"\."), width=width, height=height)):
        read_photo(path)
    with pytest.raises(PhotoError, match="too large an image"):
        photo_from_bytes(path.read_bytes(), Path("telephone"))


def test_the_refusal_comes_from_the_header_alone(qgis_app, huge_files):
    """The same PNG cut a few bytes into its pixels is refused alike: nothing was decoded to decide."""
    content = (huge_files / "grey.png").read_bytes()
    header = content[: 8 + 25 + 8 + 16]  # the signature, the IHDR chunk, and the start of the first IDAT

    with pytest.raises(PhotoError, match=TOO_LARGE.format(name="header.png", width=13_000, height=13_000)):
        photo_from_bytes(header, Path("header.png"))


def test_a_progressive_jpeg_counts_two_bytes_for_every_coefficient_of_the_image(qgis_app):
    """6000 x 4000 with colour at half size both ways (4:2:0): 750 x 500 blocks of Y, 375 x 250 of each colour."""
    baseline = pillow_file("RGB", (6_000, 4_000), "JPEG", quality=90)
    progressive = pillow_file("RGB", (6_000, 4_000), "JPEG", quality=90, progressive=True)

    coefficients = (750 * 500 + 2 * 375 * 250) * 64 * 2
    assert estimate(progressive) - estimate(baseline) == coefficients


def test_real_photos_are_still_read(qgis_app, tmp_path):
    """A 24-megapixel phone JPEG, the same saved progressive, and the 13,000 x 13,000 PNG that Qt shrinks row by row."""
    phone = geotagged_jpeg(tmp_path / "phone.jpg", 48.4, 3.2, size=(6_000, 4_000))
    progressive = tmp_path / "progressive.jpg"
    progressive.write_bytes(pillow_file("RGB", (6_000, 4_000), "JPEG", quality=90, progressive=True))
    flat = tmp_path / "flat.png"  # the file of the issue: 500 KB, read within 30 MB, not 700
    flat.write_bytes(pillow_file("RGB", (13_000, 13_000), "PNG"))

    for path in (phone, progressive, flat):
        assert estimate(path.read_bytes()) < DECODE_BUDGET_BYTES
        photo = read_photo(path)
        with Image.open(io.BytesIO(photo.preview)) as preview:
            assert max(preview.size) == 1600
    assert read_photo(phone).has_position


def test_a_phone_sending_an_image_too_large_to_decode_is_refused_and_nothing_is_written(room, huge_files):
    before = count(room.atelier.path, "stakes_point")
    photo = base64.b64encode((huge_files / "grey.png").read_bytes()).decode()
    phone = call(room.url + "api/phone", {})[2]["phone"]  # as the page asks for its identity when it loads

    status, _headers, answer = call(room.url + "api/contributions", contribution(room, photo=photo), phone)

    assert (status, answer["error"], answer["field"]) == (400, "invalid_field", "photo")
    assert answer["message"]
    assert count(room.atelier.path, "stakes_point") == before
