"""Importing a day's GPX: a long track and many waypoints, against OGR reading the same file alone.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gpx.py --points 36000 --waypoints 1000
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

The file is generated: a track of one point a second in three segments, with Garmin
track-point extensions, and waypoints spread over the Bassée-Montois with name, description,
time and Garmin extensions. ``read_gpx`` parses the XML once with Python's parser before OGR
reads it (to name the line of a truncated file and list waypoints OGR drops); its anchor is
OGR reading the same layers alone. ``import_gpx`` looks for an observation nearby for each
waypoint; its anchor is inserting the same observations in one transaction without looking.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from osgeo import gdal, ogr
from synthetic import new_atelier

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.visits.gpx import import_gpx, read_gpx
from bassee_atelier_plugin.core.visits.observations import OBSERVATIONS, Wgs84ToAtelier, observation_values

START = datetime(2017, 1, 26, 8, 0, 0)
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
    'xmlns="http://www.topografix.com/GPX/1/1" '
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">\n'
)


def write_gpx(path: Path, points: int, waypoints: int) -> None:
    rng = random.Random(18)
    lines = [HEADER]
    for index in range(waypoints):
        when = (START + timedelta(seconds=30 * index)).isoformat() + ".250Z"
        lines.append(
            f'<wpt lat="{rng.uniform(48.36, 48.52):.6f}" lon="{rng.uniform(3.05, 3.45):.6f}"><time>{when}</time>'
            f"<name>WPT{index:04d}</name><desc>Point {index}</desc>"
            "<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>90</gpxtpx:hr></gpxtpx:TrackPointExtension>"
            "</extensions></wpt>\n"
        )
    lines.append("<trk><name>Journée</name><trkseg>\n")
    latitude, longitude = 48.4148, 3.2378
    for index in range(points):
        if index and index % (points // 3) == 0:
            lines.append("</trkseg><trkseg>\n")
        latitude, longitude = latitude + rng.uniform(-2e-5, 2e-5), longitude + rng.uniform(-2e-5, 3e-5)
        when = (START + timedelta(seconds=index)).isoformat() + "Z"
        lines.append(f'<trkpt lat="{latitude:.6f}" lon="{longitude:.6f}"><ele>55.0</ele><time>{when}</time></trkpt>\n')
    lines.append("</trkseg></trk>\n</gpx>\n")
    path.write_text("".join(lines), encoding="utf-8")


def ogr_alone(path: Path) -> float:
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # as read_gpx: the extensions' warnings unsaid
    start = time.perf_counter()
    dataset = ogr.Open(str(path))
    for name in ("waypoints", "track_points"):
        for feature in dataset.GetLayerByName(name):
            feature.GetGeometryRef().GetX()
            feature.GetField("time")
    seconds = time.perf_counter() - start
    gdal.PopErrorHandler()
    return seconds


def best_of(rounds: int, measure) -> float:
    return min(measure() for _ in range(rounds))


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def insert_without_join(atelier, session: str, path: Path) -> float:
    waypoints = read_gpx(path).waypoints
    to_atelier = Wgs84ToAtelier(atelier.metadata.crs)
    start = time.perf_counter()
    with writer(atelier, None, session) as edits, edits.transaction():
        for waypoint in waypoints:
            x, y = to_atelier(waypoint.longitude, waypoint.latitude)
            edits.insert(
                OBSERVATIONS, observation_values(waypoint.note, waypoint.observed_at, None), f"POINT ({x} {y})"
            )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=36_000)
    parser.add_argument("--waypoints", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        path = work / "journee.gpx"
        write_gpx(path, arguments.points, arguments.waypoints)
        size_mb = path.stat().st_size / 1e6
        ogr_seconds = best_of(arguments.rounds, lambda: ogr_alone(path))
        read_seconds = best_of(arguments.rounds, lambda: timed(lambda: read_gpx(path)))
        atelier = new_atelier(work)
        with writer(atelier) as edits:
            first, second = (edits.insert("sessions", {"kind": "visite", "title": title}) for title in ("A", "B"))
        import_seconds = timed(lambda: import_gpx(atelier, path, first))
        plain_seconds = insert_without_join(atelier, second, path)
        again_seconds = timed(lambda: import_gpx(atelier, path, first))  # every waypoint joins its observation
    print(f"| {arguments.points} track points, {arguments.waypoints} waypoints (best of {arguments.rounds}) | value |")
    print("|---|---|")
    print(f"| read_gpx (XML check, then OGR) | {read_seconds:.3f} s |")
    print(f"| anchor: OGR reading the same layers alone | {ogr_seconds:.3f} s |")
    print(f"| ratio read_gpx / OGR alone | {read_seconds / ogr_seconds:.2f} |")
    print(f"| import_gpx, itinerary and observations | {import_seconds:.3f} s |")
    print(
        "| anchor: read_gpx, then the same observations inserted without looking for one nearby "
        f"| {read_seconds + plain_seconds:.3f} s |"
    )
    print(f"| import_gpx again, every waypoint joining its observation | {again_seconds:.3f} s |")
    print(f"| file size | {size_mb:.1f} MB |")


if __name__ == "__main__":
    main()
