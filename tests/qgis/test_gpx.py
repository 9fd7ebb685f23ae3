"""GPX files from site visits, through the core: the shapes GPS units and phone apps write.

The files under tests/gpx/ are written by hand in the shapes of a Garmin eTrex (GPX 1.1,
Garmin extensions, times with fractions), GPSBabel (GPX 1.0, a track in two segments), OsmAnd
(a route only), Locus Map (a UTF-8 BOM, a track of one point) and GPSLogger (GPX 1.0, local
times with their UTC offset). The command line and the visit dock are tested in
tests/unit/test_cli.py and tests/qgis/test_visit_dock.py.
"""

from __future__ import annotations

import pytest
from pyproj import Transformer

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.gpx import Track, import_gpx, read_gpx
from tests.conftest import GPX_FILES, instant
from tests.qgis.desk import journal, rows

TO_LAMBERT_93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)


def lambert_93(longitude: float, latitude: float) -> tuple[float, float]:
    return TO_LAMBERT_93.transform(longitude, latitude)


def test_a_track_in_two_segments_and_its_waypoints_give_the_itinerary_and_the_observations(visit):
    atelier, session = visit

    report = import_gpx(atelier, GPX_FILES / "track_segments_1_0.gpx", session, author="Camille")

    assert (report.itinerary, report.observations_added, report.joined, report.skipped) == (
        "Boucle de la Bassée",
        1,
        1,  # "Halte bis", 6 m from "Halte", joins it
        [],
    )
    [itinerary] = rows(atelier.path, "itineraries")
    assert (itinerary["source"], itinerary["session_uuid"]) == ("gpx", session)
    assert itinerary["geom"].GetPointCount() == 4  # both segments, end to end
    assert instant(itinerary["started_at"]) == instant("2017-01-26T09:00:00Z")
    assert instant(itinerary["ended_at"]) == instant("2017-01-26T10:30:00Z")
    [observation] = rows(atelier.path, "observations")
    assert observation["note"] == "Halte — Pont sur la Seine\nHalte bis — Berge érodée"
    assert instant(observation["observed_at"]) == instant("2017-01-26T09:05:00Z")
    assert (observation["session_uuid"], observation["author"]) == (session, "Camille")
    point = observation["geom"]
    assert (point.GetX(), point.GetY()) == pytest.approx(lambert_93(3.2378, 48.4148), abs=0.01)
    assert len(rows(atelier.path, "stakes_point")) == 1


def test_waypoints_only_become_observations_and_those_without_a_position_are_listed(visit):
    atelier, session = visit

    report = import_gpx(atelier, GPX_FILES / "garmin_waypoints.gpx", session)

    assert report.itinerary is None and report.observations_added == 2
    assert report.skipped == [
        "waypoint 3 “003 Sans latitude”: no latitude or longitude",
        "waypoint 4 “004 Hors limite”: latitude 91.5 out of range",
    ]
    friche, graviere = rows(atelier.path, "observations")
    assert friche["note"] == "001 Friche — Friche industrielle"  # the comment repeats the description: said once
    assert graviere["note"] == "002 Gravière — Gravière en eau"
    assert instant(friche["observed_at"]) == instant("2017-01-26T09:05:12.250Z")  # fractions kept
    assert instant(graviere["observed_at"]) == instant("2017-01-26T10:31:40.500Z")
    assert (graviere["geom"].GetX(), graviere["geom"].GetY()) == pytest.approx(lambert_93(3.1475, 48.3985), abs=0.01)
    assert rows(atelier.path, "itineraries") == []


def test_a_route_only_is_the_itinerary(visit):
    atelier, session = visit

    report = import_gpx(atelier, GPX_FILES / "route_only.gpx", session)

    assert (report.itinerary, report.observations_added) == ("Bray - Balloy", 0)
    [itinerary] = rows(atelier.path, "itineraries")
    assert itinerary["name"] == "Bray - Balloy" and itinerary["geom"].GetPointCount() == 3
    assert rows(atelier.path, "observations") == []


def test_a_track_of_one_point_behind_a_byte_order_mark_is_an_observation(visit):
    atelier, session = visit

    report = import_gpx(atelier, GPX_FILES / "single_point_track_bom.gpx", session)

    assert (report.itinerary, report.observations_added) == (None, 1)
    [observation] = rows(atelier.path, "observations")
    assert observation["note"] == "Lavoir de Balloy"
    assert instant(observation["observed_at"]) == instant("2017-01-26T10:45:03.817Z")


def test_a_track_of_a_gps_standing_still_is_an_observation(visit, tmp_path):
    atelier, session = visit
    standing = tmp_path / "immobile.gpx"
    point = '<trkpt lat="48.4148" lon="3.2378"><time>2017-01-26T09:0{minute}:00Z</time></trkpt>'
    standing.write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
        "<trk><name>Pause</name><trkseg>"
        + "".join(point.format(minute=minute) for minute in range(3))
        + "</trkseg></trk></gpx>"
    )

    report = import_gpx(atelier, standing, session)

    assert (report.itinerary, report.observations_added) == (None, 1)
    [observation] = rows(atelier.path, "observations")
    assert observation["note"] == "Pause" and instant(observation["observed_at"]) == instant("2017-01-26T09:00:00Z")


def test_times_written_with_a_local_offset_are_stored_in_utc(visit):
    atelier, session = visit

    report = import_gpx(atelier, GPX_FILES / "phone_app_offsets.gpx", session)

    assert (report.itinerary, report.observations_added) == ("20170126", 2)
    [itinerary] = rows(atelier.path, "itineraries")
    assert instant(itinerary["started_at"]) == instant("2017-01-26T09:00:00Z")
    assert instant(itinerary["ended_at"]) == instant("2017-01-26T10:30:00Z")
    ecluse, saulaie = rows(atelier.path, "observations")
    assert ecluse["note"] == "Écluse — Niveau haut" and saulaie["note"] == "Saulaie"
    assert instant(ecluse["observed_at"]) == instant("2017-01-26T09:20:30.750Z")
    assert instant(saulaie["observed_at"]) == instant("2017-01-26T09:15:00Z")


def test_a_waypoint_joins_an_observation_of_its_session_nearby_and_a_second_import_adds_nothing(visit):
    atelier, session = visit
    x, y = lambert_93(3.2378, 48.4148)
    with writer(atelier, session_uuid=session) as edits:
        mine = edits.insert("observations", {"note": "Vu en voiture"}, f"POINT ({x + 10} {y})")
    with writer(atelier, session_uuid=None) as edits:  # another session's observation, at the very place
        edits.insert("observations", {"note": "Hors visite"}, f"POINT ({x} {y})")

    first = import_gpx(atelier, GPX_FILES / "garmin_waypoints.gpx", session)
    again = import_gpx(atelier, GPX_FILES / "garmin_waypoints.gpx", session)

    assert (first.observations_added, first.joined) == (1, 1)
    assert (again.observations_added, again.joined) == (0, 2)
    notes = {row["uuid"]: row["note"] for row in rows(atelier.path, "observations")}
    assert notes[mine] == "Vu en voiture\n001 Friche — Friche industrielle"
    assert sorted(notes.values()) == ["002 Gravière — Gravière en eau", "Hors visite", notes[mine]]


def test_a_join_distance_of_zero_never_joins(visit):
    atelier, session = visit

    report = import_gpx(atelier, GPX_FILES / "track_segments_1_0.gpx", session, join_distance_m=0)

    assert (report.observations_added, report.joined) == (2, 0)
    assert [row["note"].split(" — ")[0] for row in rows(atelier.path, "observations")] == ["Halte", "Halte bis"]


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_a_truncated_gpx_is_refused_with_its_line_and_adds_nothing(visit, tmp_path, cut):
    atelier, session = visit
    whole = (GPX_FILES / "track_segments_1_0.gpx").read_bytes()
    truncated = tmp_path / "coupe.gpx"
    truncated.write_bytes(whole[: int(len(whole) * cut)])
    before = journal(atelier.path)

    with pytest.raises(AtelierError, match=r"coupe.gpx: not a readable GPX file, broken or cut short at line \d+"):
        import_gpx(atelier, truncated, session)

    assert rows(atelier.path, "observations") == [] and rows(atelier.path, "itineraries") == []
    assert journal(atelier.path) == before and len(rows(atelier.path, "stakes_point")) == 1


def test_a_file_that_is_not_gpx_or_holds_nothing_is_refused_by_name(tmp_path):
    not_xml = tmp_path / "photo.gpx"
    not_xml.write_bytes(b"\xff\xd8 not xml at all")
    kml = tmp_path / "carte.gpx"
    kml.write_text('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>')
    empty = tmp_path / "vide.gpx"
    empty.write_text('<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"/>')

    with pytest.raises(AtelierError, match="photo.gpx: not a readable GPX file"):
        read_gpx(not_xml)
    with pytest.raises(AtelierError, match="carte.gpx: not a GPX file"):
        read_gpx(kml)
    with pytest.raises(AtelierError, match="vide.gpx: the GPX has no track, route or waypoint"):
        read_gpx(empty)


def test_a_gpx_track_through_the_live_editor_is_undone_in_one_step(visit, tmp_path):
    atelier, session = visit
    track = read_gpx(GPX_FILES / "track_segments_1_0.gpx").track
    editor = LiveEditor(atelier)
    editor.session_uuid = session
    editor.add_itinerary(track)

    [itinerary] = rows(atelier.path, "itineraries")
    assert (itinerary["name"], itinerary["session_uuid"]) == ("Boucle de la Bassée", session)
    editor.undo()
    assert rows(atelier.path, "itineraries") == []
    with pytest.raises(AtelierError, match="two distinct positions"):
        editor.add_itinerary(Track("immobile", ((3.2378, 48.4148), (3.2378, 48.4148))))
    assert rows(atelier.path, "itineraries") == []
    editor.close()
