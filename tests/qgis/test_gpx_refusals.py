"""GPX files no GPS writes, refused with their own message by the core and by ``import-gpx``, adding nothing.

The files are in tests/hostile_gpx.py; the property tests over generated files are in
tests/qgis/test_gpx_properties.py.
"""

from __future__ import annotations

import re

import pytest

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.gpx import import_gpx, read_gpx
from tests.hostile_gpx import FINE, HARMLESS_DOCTYPES, REFUSED, gpx, track, waypoint
from tests.qgis.desk import journal, rows
from tests.unit.test_cli import run


def written(folder, text: str, name: str = "visite.gpx"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def nothing_added(atelier, before) -> bool:
    return (
        rows(atelier.path, "observations") == []
        and rows(atelier.path, "itineraries") == []
        and journal(atelier.path) == before
        and len(rows(atelier.path, "stakes_point")) == 1
    )


@pytest.mark.parametrize("case", REFUSED)
def test_a_hostile_gpx_is_refused_by_the_core_with_its_own_message_and_adds_nothing(visit, tmp_path, case):
    atelier, session = visit
    text, message = REFUSED[case]
    before = journal(atelier.path)

    with pytest.raises(AtelierError, match=message):
        import_gpx(atelier, written(tmp_path, text), session)

    assert nothing_added(atelier, before)


@pytest.mark.parametrize("case", REFUSED)
def test_import_gpx_refuses_a_hostile_gpx_in_one_line_without_a_traceback(visit, tmp_path, case):
    atelier, session = visit
    text, message = REFUSED[case]
    before = journal(atelier.path)

    result = run("import-gpx", str(atelier.path), str(written(tmp_path, text)), "--session", session)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: ") and re.search(message, result.stderr), result.stderr
    assert nothing_added(atelier, before)


@pytest.mark.parametrize("doctype", HARMLESS_DOCTYPES)
def test_a_document_type_without_entities_is_read(tmp_path, doctype):
    path = written(tmp_path, gpx(track(*FINE) + waypoint("48.41", "3.22"), HARMLESS_DOCTYPES[doctype]))

    read = read_gpx(path)

    assert read.track.positions == ((3.2378, 48.4148), (3.1475, 48.3985))
    assert [(point.latitude, point.note) for point in read.waypoints] == [(48.41, "Halte")]


def test_a_waypoint_off_earth_is_skipped_and_listed_while_the_others_are_imported(visit, tmp_path):
    atelier, session = visit
    waypoints = waypoint("48.41", "500", "Loin") + waypoint("NaN", "3.2", "Nulle part") + waypoint("48.41", "3.22")

    report = import_gpx(atelier, written(tmp_path, gpx(waypoints)), session)

    assert report.observations_added == 1
    assert report.skipped == [
        "waypoint 1 “Loin”: longitude 500 out of range",
        "waypoint 2 “Nulle part”: the position NaN, 3.2 is not a number",
    ]


def test_an_undeclared_entity_is_a_broken_file_named_by_its_line(tmp_path):
    path = written(tmp_path, gpx(waypoint("48.4", "3.2", "&nowhere;")))

    with pytest.raises(AtelierError, match=r"visite.gpx: not a readable GPX file, broken or cut short at line 3"):
        read_gpx(path)


def test_a_track_point_without_a_position_is_left_out_of_the_line_as_ogr_does(tmp_path):
    path = written(tmp_path, gpx(track(FINE[0], ("", "3.2"), FINE[1])))

    assert read_gpx(path).track.positions == ((3.2378, 48.4148), (3.1475, 48.3985))


def test_a_time_of_the_first_millennium_with_an_offset_keeps_four_digits_of_year(tmp_path):
    path = written(tmp_path, gpx(waypoint("48.4", "3.2", time="1000-01-01T00:30:00+01:00")))

    assert [point.observed_at for point in read_gpx(path).waypoints] == ["0999-12-31T23:30:00.000Z"]


@pytest.mark.parametrize(
    "text, stored",
    [
        ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00.000Z"),  # a leap second, as a GPS may write it
        ("2017-01-26T23:30:00+14:00", "2017-01-26T09:30:00.000Z"),  # the largest offset there is
        ("le 26 janvier", None),  # not written as a date and time: left to OGR, which reads none
    ],
)
def test_a_time_that_is_a_date_is_kept_in_utc_and_one_not_written_as_one_is_left_out(tmp_path, text, stored):
    path = written(tmp_path, gpx(waypoint("48.4", "3.2", time=text)))

    assert [point.observed_at for point in read_gpx(path).waypoints] == [stored]


@pytest.mark.parametrize(
    "encoding, why", [("shift_jis", "multi-byte encodings are not supported"), ("nonsense", "unknown encoding")]
)
def test_a_gpx_in_an_encoding_expat_cannot_read_is_refused_by_name(tmp_path, encoding, why):
    path = tmp_path / "visite.gpx"
    path.write_bytes(gpx(waypoint("48.4", "3.2")).replace("UTF-8", encoding).encode("ascii"))

    with pytest.raises(AtelierError, match=rf"visite.gpx: not a readable GPX file \({why}"):
        read_gpx(path)
