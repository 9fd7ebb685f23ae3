"""Property tests of the GPX reader: whatever the file, a result within range or the reader's own refusal.

Files are generated in the shape of a GPX (waypoints, tracks and routes whose positions,
names and times are any number or text), as arbitrary bytes, and as a GPS's file with bytes
changed. ``read_gpx`` either returns positions on Earth, times that are dates, and positions
the atelier's projection takes or refuses with a message; or it raises ``AtelierError`` with
a message of one line. Any other exception is a bug. Bounded and derandomized: the same
examples on every run, in a few seconds.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.gpx import read_gpx
from bassee_atelier_plugin.core.visits.observations import Wgs84ToAtelier
from tests.conftest import GPX_FILES
from tests.hostile_gpx import GPX_OPEN
from tests.properties import bounded

SETTINGS = bounded(300)
TO_LAMBERT_93 = Wgs84ToAtelier("EPSG:2154")

# Text as XML may hold it (no control characters, no surrogates), numbers written any way
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
places = st.floats(-90, 90).map(lambda value: f"{value:.5f}")
numbers = st.one_of(
    places,
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(-200, 200).map(lambda value: f"{value:.6f}"),
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["", " 48.4 ", "1e999", "-inf", "NaN", "0x10", "1_0", "200_0e-2", "٣", "48,4", "+.5", "9e-400"]),
    xml_text,
)
offsets = st.sampled_from(["Z", "", "+01:00", "-04:30", "+14:00", "+99:00", "-23:59"])
times = st.one_of(
    st.builds(
        lambda moment, offset: moment.isoformat() + offset,
        st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
        offsets,
    ),
    st.builds(
        lambda numbers, offset: "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}".format(*numbers) + offset,
        st.tuples(*(st.integers(0, 99),) * 6),
        offsets,
    ),
    xml_text,
)


@st.composite
def point(draw, tag: str, coordinates) -> str:
    attributes = "".join(
        f" {name}={quoteattr(draw(coordinates))}" for name in ("lat", "lon") if draw(st.booleans()) or name == "lat"
    )
    children = [f"<name>{escape(draw(xml_text))}</name>"] if draw(st.booleans()) else []
    if draw(st.booleans()):
        children.append(f"<time>{escape(draw(times))}</time>")
    if draw(st.booleans()):
        children.append(f"<ele>{escape(draw(numbers))}</ele>")
    return f"<{tag}{attributes}>{''.join(children)}</{tag}>"


def documents(coordinates):
    """GPX documents whose points' coordinates are drawn from ``coordinates``."""
    return st.builds(
        lambda waypoints, track, route: (
            f'<?xml version="1.0"?>\n{GPX_OPEN}\n{waypoints}\n'
            f"<trk><trkseg>{track}</trkseg></trk><rte>{route}</rte></gpx>"
        ),
        *(st.lists(point(tag, coordinates), max_size=5).map("\n".join) for tag in ("wpt", "trkpt", "rtept")),
    )


gpx_documents = st.one_of(documents(places), documents(numbers))  # files read through, files with anything
GPS_FILES = sorted(GPX_FILES.glob("*.gpx"))


@st.composite
def changed_gps_file(draw) -> bytes:
    """A GPS's file with a few bytes replaced, inserted or cut: digits and signs often, to reach past the parser."""
    data = bytearray(draw(st.sampled_from(GPS_FILES)).read_bytes())
    for _change in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        replaced = draw(st.one_of(st.binary(max_size=4), st.sampled_from([b"9", b"-", b"e9", b"<", b"&", b"0"])))
        data[at : at + draw(st.integers(0, 4))] = replaced
    return bytes(data)


@pytest.fixture(scope="module")
def gpx_file(tmp_path_factory):
    return tmp_path_factory.mktemp("gpx-properties") / "visite.gpx"


def assert_read_or_refused(path) -> None:
    try:
        read = read_gpx(path)
    except AtelierError as error:
        message = str(error)
        assert message.strip() and "\n" not in message.strip() and "Traceback" not in message
        return
    positions = [*(read.track.positions if read.track else ()), *((w.longitude, w.latitude) for w in read.waypoints)]
    for longitude, latitude in positions:
        assert math.isfinite(longitude) and math.isfinite(latitude)
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        try:
            TO_LAMBERT_93(longitude, latitude)
        except AtelierError:
            pass  # refused with its message (the South Pole): import_gpx adds nothing
    stamps = [read.track.started_at, read.track.ended_at] if read.track else []
    for stamp in [*stamps, *(w.observed_at for w in read.waypoints)]:
        if stamp is not None:
            assert datetime.fromisoformat(stamp.replace("Z", "+00:00")).tzinfo == timezone(timedelta(0))


@SETTINGS
@given(document=gpx_documents)
def test_a_generated_gpx_is_read_within_range_or_refused_with_a_message(gpx_file, document):
    gpx_file.write_text(document, encoding="utf-8")
    assert_read_or_refused(gpx_file)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=600), changed_gps_file()))
def test_arbitrary_bytes_are_read_within_range_or_refused_with_a_message(gpx_file, data):
    gpx_file.write_bytes(data)
    assert_read_or_refused(gpx_file)
