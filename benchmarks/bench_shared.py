"""A shared atelier in PostGIS: pushing 100,000 features, and how soon another QGIS sees a commit.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_shared.py --features 100000 --edits 100
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.
The push and ``ogr2ogr`` take turns ``--repeats`` times: medians, on a machine whose load varies.

A throwaway PostgreSQL cluster (Debian's, fsync on) runs on a loopback port. The push of a
GeoPackage atelier of 100,000 stakes into a new shared atelier is compared with
``ogr2ogr -append`` of the same rows into the same table, which copies and merges nothing
(no matching by UUID, no journal, no conflicts). Then one process commits edits through the
plugin's edit path, one every 200 ms, printing when each committed, while a QGIS layer of
this process, refreshed on PostgreSQL notifications, notes when it is told to redraw: the
time between the two is the time from a commit on one machine to the other's map redrawing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import bulk_load, new_atelier

from bassee_atelier_plugin.core.handoff.sync import push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.stores.postgis.address import PostgisAddress
from bassee_atelier_plugin.core.stores.postgis.listening import ChangeListener
from tests.postgres import PASSWORD, SUPERUSER, start_cluster, stop_cluster

REPOSITORY = Path(__file__).resolve().parents[1]
WRITER = """
import sys, time
from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis
ensure_qgis()
from bassee_atelier_plugin.core.atelier.writer import writer as feature_writer
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
with feature_writer(open_atelier(sys.argv[1]), author="table 2") as writer:
    print("ready", flush=True)
    time.sleep(1)
    for index in range(int(sys.argv[2])):
        writer.insert("stakes_point", {"theme": "mobilite", "title": f"edit {index}"}, "POINT(712000 6815000)")
        print(time.time(), flush=True)
        time.sleep(0.2)
"""


def timed_push(cluster, atelier, turn: int) -> tuple[float, float]:
    cluster.new_database(f"pushed_{turn}")
    create_atelier(cluster.url(f"pushed_{turn}"), "Bassée-Montois")
    start = time.perf_counter()
    push(atelier.path, cluster.url(f"pushed_{turn}"))
    pushed = time.perf_counter() - start

    cluster.new_database(f"copied_{turn}")
    create_atelier(cluster.url(f"copied_{turn}"), "Bassée-Montois")
    destination = PostgisAddress.parse(cluster.url(f"copied_{turn}")).ogr_name()
    start = time.perf_counter()
    subprocess.run(["ogr2ogr", "-append", destination, str(atelier.path), "stakes_point"], check=True)
    copied = time.perf_counter() - start
    return pushed, copied


def commit_to_redraw(cluster, edits: int, listener: str) -> list[float]:
    from qgis.core import QgsDataSourceUri, QgsVectorLayer
    from qgis.PyQt.QtCore import QCoreApplication

    cluster.new_database("live")
    address = cluster.url("live")
    create_atelier(address, "Bassée-Montois")
    uri = QgsDataSourceUri()
    uri.setConnection("127.0.0.1", str(cluster.port), "live", SUPERUSER, PASSWORD)
    uri.setDataSource("atelier", "stakes_point", "geom", "", "fid")
    layer = QgsVectorLayer(uri.uri(False), "stakes", "postgres")
    if listener == "qgis":
        layer.setRefreshOnNotifyEnabled(True)
        layer.setRefreshOnNofifyMessage("atelier.stakes_point")
    else:  # what layers logging in with an authentication configuration get before QGIS 3.36
        ChangeListener(PostgisAddress.parse(address), {"stakes_point": layer}, parent=layer)
    redraws: list[float] = []
    layer.repaintRequested.connect(lambda *_: redraws.append(time.time()))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, address, str(edits)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )
    os.set_blocking(writer.stdout.fileno(), False)
    commits: list[float] = []
    while writer.poll() is None or len(redraws) < len(commits):
        QCoreApplication.processEvents()
        for line in writer.stdout.readlines():
            if line.strip() != "ready":
                commits.append(float(line))
        if writer.poll() is not None and time.time() - (commits[-1] if commits else 0) > 5:
            break
        time.sleep(0.001)
    print(f"{len(commits)} commits, {len(redraws)} redraws", file=sys.stderr)
    # each commit is seen by the first redraw that follows it
    return [min(redraw for redraw in redraws if redraw >= commit) - commit for commit in commits]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3, help="pushes and ogr2ogr runs, taking turns")
    parser.add_argument(
        "--listener", choices=("qgis", "plugin"), default="qgis", help="who listens for the notifications"
    )
    arguments = parser.parse_args()
    from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis

    ensure_qgis()
    cluster = start_cluster(durable=True)
    os.environ["PGPASSFILE"] = str(cluster.password_file)  # as for a real team: no password in the atelier's layers
    try:
        with tempfile.TemporaryDirectory() as folder:
            atelier = new_atelier(Path(folder))
            bulk_load(atelier, "stakes_point", arguments.features)
            turns = [timed_push(cluster, atelier, turn) for turn in range(arguments.repeats)]
        delays = sorted(commit_to_redraw(cluster, arguments.edits, arguments.listener))
    finally:
        stop_cluster(cluster)
    p95 = statistics.quantiles(delays, n=100, method="inclusive")[94]
    print("| Shared atelier | value |")
    print("|---|---|")
    pushed, copied = (statistics.median(times) for times in zip(*turns))
    ratios = [push_s / copy_s for push_s, copy_s in turns]
    print(f"| push of {arguments.features:,} features into PostGIS, median of {arguments.repeats} | {pushed:.1f} s |")
    print(f"| `ogr2ogr -append` of the same rows | {copied:.1f} s |")
    print(f"| ratio push / `ogr2ogr -append`, median of each turn's | {statistics.median(ratios):.2f} |")
    print(f"| ratios of the turns | {', '.join(f'{ratio:.2f}' for ratio in ratios)} |")
    median = statistics.median(delays) * 1000
    listening = f"{arguments.listener} listening"
    print(
        f"| commit in one process to redraw in another ({listening}), p50 over {len(delays)} edits | {median:.0f} ms |"
    )
    print(f"| same, p95 | {p95 * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
