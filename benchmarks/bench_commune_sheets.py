"""The commune sheets of the sample atelier (42 communes) against a bare QGIS atlas over the same stored layout.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_commune_sheets.py --rounds 5
     scripts/qgis_root.sh 3.44 python benchmarks/bench_commune_sheets.py --rounds 5
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

The sample's stored project is rewritten first (``write_presentation``, as the sample's
build does), so that it carries the commune sheets' layout. The plugin's export
(``export_deliverable(..., "fiches-communes", ...)``: reading the stored project, choosing
the communes, exporting, renaming into place) is timed against QGIS alone doing what a
plain QGIS does when a planner opens the stored project and exports the layout's atlas:
reading the project as the current one, exporting with the same PDF settings. Both run one
after the other in each round, so that they share the machine's load.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench_deliverables import SAMPLE, _export, timed

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.layouts import layout_name
from bassee_atelier_plugin.core.presentation.project import project_uri, write_presentation


def bare_atlas_export(atelier: Atelier, output: Path) -> float:
    """Plain QGIS: open the stored project as the current one, export the stored sheets' atlas."""
    from qgis.core import QgsProject

    start = time.perf_counter()
    project = QgsProject.instance()
    project.read(project_uri(atelier))
    layout = project.layoutManager().layoutByName(layout_name("fiches-communes", atelier.metadata.language))
    _export(layout.atlas(), output)
    project.clear()
    return time.perf_counter() - start


def main() -> None:
    from pypdf import PdfReader
    from qgis.core import Qgis

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        atelier = open_atelier(shutil.copy(SAMPLE, folder / SAMPLE.name))
        write_presentation(atelier)
        plugin, bare = [], []
        for _round in range(arguments.rounds):
            plugin.append(timed(lambda: export_deliverable(atelier, "fiches-communes", folder / "fiches.pdf")))
            bare.append(bare_atlas_export(atelier, folder / "bare.pdf"))
        pages = len(PdfReader(folder / "fiches.pdf").pages)
        assert pages == len(PdfReader(folder / "bare.pdf").pages)
        plugin_s, bare_s = statistics.median(plugin), statistics.median(bare)
        rounds = arguments.rounds
        print(f"QGIS {Qgis.QGIS_VERSION}; rounds, plugin: {', '.join(f'{s:.2f}' for s in plugin)}")
        print(f"rounds, bare: {', '.join(f'{s:.2f}' for s in bare)}")
        print(f"| Commune sheets, {pages} pages (median of {rounds}) | plugin | bare QGIS atlas | ratio |")
        print("|---|---|---|---|")
        print(f"| whole export | {plugin_s:.2f} s | {bare_s:.2f} s | {plugin_s / bare_s:.2f} |")
        print(f"| per page | {plugin_s / pages:.3f} s | {bare_s / pages:.3f} s | |")
        paired = statistics.median(p / b for p, b in zip(plugin, bare))
        print(f"| median of the rounds' own ratios (each pair run back to back) | | | {paired:.2f} |")


if __name__ == "__main__":
    main()
    import os
    import sys

    sys.stdout.flush()  # os._exit flushes nothing: the figures would be lost in a file or a pipe
    os._exit(0)  # QGIS's teardown can crash; the figures are printed
