"""Merging ten ateliers of 10,000 features each, and packaging an atelier of 100,000 features and 200 photos.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_handoff.py --ateliers 10 --features 10000
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.
The merge and ``ogr2ogr`` take turns ``--repeats`` times: medians, on a machine whose load varies.

The merge runs in a process of its own, so that its peak memory is its own. It is compared
with ``ogr2ogr -append`` of the same rows into one file, which copies them and merges nothing
(no matching by UUID, no journal, no conflicts). The package is timed on an atelier of
100,000 stakes with 200 photos of about 1 MB stored in it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from synthetic import bulk_load, new_atelier

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.handoff.package import package_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from tests.photos import geotagged_jpeg


def _timed_merge(job: tuple[list[str], str]) -> tuple[float, float]:
    """In a child process: seconds, and the child's peak resident memory in MB."""
    from bassee_atelier_plugin.core.handoff.sync import merge_ateliers

    inputs, output = job
    start = time.perf_counter()
    merge_ateliers(inputs, output)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_ateliers(folder: Path, count: int, features: int) -> list[Path]:
    """One atelier handed to ``count`` machines, each of which drew ``features`` stakes of its own."""
    origin = new_atelier(folder)
    paths = []
    for index in range(count):
        path = folder / f"machine_{index:02d}" / "bench.gpkg"
        path.parent.mkdir()
        shutil.copy(origin.path, path)

        bulk_load(open_atelier(path), "stakes_point", features, seed=index)
        paths.append(path)
    return paths


def ogr2ogr_append(paths: list[Path], output: Path, where: str | None = None) -> float:
    """``where``: an OGR filter of the rows appended (the stakes each file drew, not those all files share)."""
    output.unlink(missing_ok=True)
    shutil.copy(paths[0], output)
    start = time.perf_counter()
    for path in paths[1:]:
        filtered = ["-where", where] if where else []
        subprocess.run(["ogr2ogr", "-append", *filtered, str(output), str(path), "stakes_point"], check=True)
    return time.perf_counter() - start


def timed_package(folder: Path, features: int, photos: int) -> tuple[float, float]:
    atelier = new_atelier(folder / "package")
    bulk_load(atelier, "stakes_point", features)
    content = geotagged_jpeg(folder / "photo.jpg", 48.42, 3.24, size=(2000, 1500), grain=40).read_bytes()
    with writer(atelier, author="bench") as edits:
        for index in range(photos):
            edits.insert(
                "attachments",
                {
                    "feature_uuid": f"photo-{index}",
                    "file_name": f"IMG_{index:04d}.jpg",
                    "mime_type": "image/jpeg",
                    "size_bytes": len(content),
                    "sha256": f"{index:064x}",
                    "content": content,
                },
            )
    start = time.perf_counter()
    package = package_atelier(atelier, folder / "remise.gpkg", packager="bench")
    return time.perf_counter() - start, package.path.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ateliers", type=int, default=10)
    parser.add_argument("--features", type=int, default=10_000)
    parser.add_argument("--package-features", type=int, default=100_000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3, help="merges and ogr2ogr runs, taking turns")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "merge").mkdir()
        (folder / "package").mkdir()
        paths = make_ateliers(folder / "merge", arguments.ateliers, arguments.features)
        merges, appends, ratios = [], [], []
        for _ in range(arguments.repeats):
            (folder / "fusion.gpkg").unlink(missing_ok=True)
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                job = ([str(path) for path in paths], str(folder / "fusion.gpkg"))
                seconds, peak_mb = pool.apply(_timed_merge, (job,))
            merges.append(seconds)
            appends.append(ogr2ogr_append(paths, folder / "append.gpkg"))
            ratios.append(merges[-1] / appends[-1])
        merge_s, append_s = statistics.median(merges), statistics.median(appends)
        package_s, package_mb = timed_package(folder, arguments.package_features, arguments.photos)
    total = arguments.ateliers * arguments.features
    print(
        f"| Handoff ({arguments.ateliers} ateliers x {arguments.features} features; package: "
        f"{arguments.package_features} features, {arguments.photos} photos) | value |"
    )
    print("|---|---|")
    print(f"| merge of {total} features, median of {arguments.repeats} | {merge_s:.1f} s |")
    print(f"| merge: peak memory of its process | {peak_mb:.0f} MB |")
    print(f"| ogr2ogr -append of the same rows | {append_s:.1f} s |")
    print(f"| ratio merge / ogr2ogr -append, median of each turn's | {statistics.median(ratios):.2f} |")
    print(f"| ratios of the turns | {', '.join(f'{ratio:.2f}' for ratio in ratios)} |")
    print(f"| package ({package_mb:.0f} MB written) | {package_s:.1f} s |")


if __name__ == "__main__":
    main()
    import os
    import sys

    sys.stdout.flush()  # os._exit flushes nothing, and the table would be lost in a file or a pipe
    os._exit(0)
