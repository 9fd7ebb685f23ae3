"""Whatever bytes a phone or a folder hands over, the photo reader gives a Photo or a PhotoError, nothing else.

Hypothesis, bounded and deterministic (derandomized, no example database), so that CI never
flakes: any bytes, and real JPEG and PNG files with bytes changed, cut or inserted, the header
above all (sizes, sampling factors, segment lengths, chunk types).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from bassee_atelier_plugin.core.visits.photos import Photo, PhotoError, photo_from_bytes
from tests.photos import geotagged_jpeg

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _saved(mode: str, kind: str, **options) -> bytes:
    output = io.BytesIO()
    Image.new(mode, (40, 30), 90).save(output, kind, **options)
    return output.getvalue()


def _geotagged_jpeg() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = geotagged_jpeg(Path(folder) / "photo.jpg", 48.4, 3.2, size=(40, 30), camera_time="2017:06:26 11:40:00")
        return path.read_bytes()


# Each with where its header ends: what comes before the pixels (up to the first scan, or the first IDAT).
ORIGINALS = [
    (content, content.index(marker) + 24)
    for content, marker in (
        (_geotagged_jpeg(), b"\xff\xda"),
        (_saved("RGB", "JPEG", progressive=True), b"\xff\xda"),
        (_saved("RGBA", "PNG"), b"IDAT"),
        (_saved("P", "PNG"), b"IDAT"),
    )
]
SIGNATURES = [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"RIFF\x00\x00\x00\x00WEBPVP8 "]


def read(content: bytes):
    """The reader's answer: a Photo, or the PhotoError's message; any other exception fails the test."""
    try:
        photo = photo_from_bytes(content, Path("telephone"))
    except PhotoError as error:
        return str(error)
    assert photo.width > 0 and photo.height > 0 and photo.preview[:2] == b"\xff\xd8"
    return photo


@st.composite
def mutated(draw) -> bytes:
    """A real photo with a few bytes replaced (half of them in its header), then maybe cut or grown."""
    original, header = draw(st.sampled_from(ORIGINALS))
    content = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        end = header if draw(st.booleans()) else len(content)
        content[draw(st.integers(0, end - 1))] = draw(st.integers(0, 255))
    change = draw(st.sampled_from(["none", "cut", "insert"]))
    if change == "cut":
        content = content[: draw(st.integers(0, len(content)))]
    elif change == "insert":
        at = draw(st.integers(0, len(content)))
        content[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(content)


@FUZZ
@given(signature=st.sampled_from(SIGNATURES), rest=st.binary(max_size=2048))
def test_any_bytes_give_a_photo_or_a_photo_error(qgis_app, signature, rest):
    assert isinstance(read(signature + rest), (Photo, str))


@FUZZ
@given(content=mutated())
def test_a_damaged_photo_gives_a_photo_or_a_photo_error(qgis_app, content):
    assert isinstance(read(content), (Photo, str))


def test_the_originals_are_read_whole(qgis_app):
    """The property tests start from photos the reader takes: their failures are the damage's."""
    for content, _header in ORIGINALS:
        assert isinstance(read(content), Photo)
