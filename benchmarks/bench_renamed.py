"""What following a renamed atelier costs: opening the sample, repairing a renamed copy once, reading its project.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_renamed.py --rounds 7
     scripts/qgis_root.sh 3.44 python benchmarks/bench_renamed.py --rounds 7
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

Opening the sample under its own name (nothing to repair) is timed with the check of the
stored project's file name and without it (the store's check replaced by "nothing moved", as
before), in blocks run one after the other in each round, so that they share the machine's
load. A renamed copy's first opening rewrites its stored project once; reading the stored
project of a renamed copy that was never repaired (a read-only one) is timed against
reading the original's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from synthetic import REPO

from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import read_stored_project
from bassee_atelier_plugin.core.stores.geopackage.store import GeoPackageStore

SAMPLE = REPO / "sample_data" / "bassee_montois_atelier.gpkg"
OPENINGS = 50  # per block: one opening is some milliseconds


def per_opening_ms(path: Path) -> float:
    start = time.perf_counter()
    for _ in range(OPENINGS):
        open_atelier(path)
    return (time.perf_counter() - start) / OPENINGS * 1000


def without_the_check(path: Path) -> float:
    checking = GeoPackageStore.moved_sources
    GeoPackageStore.moved_sources = lambda _store, _project: {}
    try:
        return per_opening_ms(path)
    finally:
        GeoPackageStore.moved_sources = checking


def timed_ms(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def read_ms(path: Path) -> float:
    from qgis.core import QgsProject

    atelier = open_atelier(path, upgrade=False)
    return timed_ms(lambda: read_stored_project(atelier, QgsProject()))


def main() -> None:
    from qgis.core import Qgis

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    arguments = parser.parse_args()
    figures = {name: [] for name in ("before", "after", "check", "repair", "read", "read renamed")}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "original").mkdir()
        original = Path(shutil.copy(SAMPLE, folder / "original" / SAMPLE.name))
        renamed = Path(shutil.copy(SAMPLE, folder / "Atelier Bassée v2 - relu l'été.gpkg"))
        store = GeoPackageStore(renamed)
        open_atelier(original)  # the caches of the first opening are in no figure
        for round_number in range(arguments.rounds):
            figures["before"].append(without_the_check(original))
            figures["after"].append(per_opening_ms(original))
            figures["check"].append(timed_ms(lambda: store.moved_sources("atelier")))
            figures["read"].append(read_ms(original))
            figures["read renamed"].append(read_ms(renamed))
            copy = Path(shutil.copy(SAMPLE, folder / f"copie {round_number}.gpkg"))
            figures["repair"].append(timed_ms(lambda copy=copy: open_atelier(copy)) - figures["after"][-1])
    median = {name: statistics.median(values) for name, values in figures.items()}
    print(f"QGIS {Qgis.QGIS_VERSION}; {arguments.rounds} rounds, medians")
    print("| opening the sample atelier, and a renamed copy | time |")
    print("|---|---|")
    print(f"| open_atelier, no check of the stored project's file name (before) | {median['before']:.1f} ms |")
    print(f"| open_atelier, with the check, nothing to repair (after) | {median['after']:.1f} ms |")
    print(f"| the check alone, on a renamed copy (the start of the stored archive) | {median['check']:.1f} ms |")
    print(f"| first opening of a renamed copy: the repair, over an opening | {median['repair']:.0f} ms |")
    print(f"| read the stored project, original | {median['read']:.0f} ms |")
    print(f"| read the stored project, renamed and never repaired (followed) | {median['read renamed']:.0f} ms |")


if __name__ == "__main__":
    main()
    import os
    import sys

    sys.stdout.flush()  # os._exit flushes nothing: the figures would be lost in a file or a pipe
    os._exit(0)  # QGIS's teardown can crash; the figures are printed
