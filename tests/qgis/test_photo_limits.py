"""Photos that would take too much memory to decode are refused from their header, by file and by phone.

Real files, made here: small on disk (a few hundred KB), huge once decoded. Qt shrinks while it
decodes only a JPEG and an 8-bit PNG that is not interlaced; any other image would sit whole in
memory, and a progressive JPEG keeps every coefficient of the image until its last scan.
"""

from __future__ import annotations

import base64
import io
import threading
from pathlib import Path

import pytest
from PIL import Image

from bassee_atelier_plugin.core.visits.decode_memory import decode_bytes
from bassee_atelier_plugin.core.visits.photos import (
    DECODE_BUDGET_BYTES,
    DECODES_AT_ONCE,
    PhotoError,
    _display_size,
    _reader,
    photo_from_bytes,
    read_photo,
)
from tests.crafted_images import HUGE_FILES, flat_png, pillow_file
from tests.photos import geotagged_jpeg
from tests.qgis import phone_server_helpers
from tests.qgis.phone import call
from tests.qgis.phone_server_helpers import contribution, count

room = phone_server_helpers.room  # the module's running phones' server, found by pytest by its name

TOO_LARGE = r"{name}: too large an image to read here \({width} × {height}\); export a smaller copy\."


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
    flat.write_bytes(flat_png())

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


def test_photos_read_from_several_threads_at_once_are_decoded_in_one_thread_in_turn(qgis_app, tmp_path):
    """Phones sending at once: their decodes never add up, and leave nothing behind in each server thread."""
    contents = [
        geotagged_jpeg(tmp_path / f"{index}.jpg", size=(2000, 1500), seed=index).read_bytes() for index in range(4)
    ]
    read: list[tuple[int, int]] = []
    start = threading.Barrier(len(contents))

    def phone(content: bytes) -> None:
        start.wait()
        photo = photo_from_bytes(content, Path("telephone"))
        read.append((photo.width, photo.height))

    phones = [threading.Thread(target=phone, args=(content,)) for content in contents]
    for thread in phones:
        thread.start()
    for thread in phones:
        thread.join()

    assert read == [(2000, 1500)] * 4
    decoders = [thread for thread in threading.enumerate() if thread.name.startswith("atelier-photo-decode")]
    assert len(decoders) == DECODES_AT_ONCE == 1
