"""The action sheets of 100 actions: seconds per page, against a bare QGIS atlas export.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_deliverables.py --actions 100 --rounds 3
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

The sample atelier gets actions up to ``--actions``, each with a zone, one to three linked
stakes and a description; every fourth one has a photo. The plugin's export
(``export_deliverable``: reading the stored project, checking every sheet's text fits,
exporting, renaming into place) is timed against QGIS alone exporting the same stored
layout's atlas with the same PDF settings. The synthesis and the roadmap are timed too.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from synthetic import REPO, random_wkt

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.exports import PDF_DPI, export_deliverable
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES
from bassee_atelier_plugin.core.presentation.layouts import layout_name
from bassee_atelier_plugin.core.presentation.project import project_uri
from bassee_atelier_plugin.core.visits.observations import attach_photo
from bassee_atelier_plugin.core.visits.photos import read_photo
from tests.photos import geotagged_jpeg

SAMPLE = REPO / "sample_data" / "bassee_montois_atelier.gpkg"


def atelier_with_actions(folder: Path, count: int) -> Atelier:
    atelier = open_atelier(shutil.copy(SAMPLE, folder / SAMPLE.name))
    rng = random.Random(5)
    photo = read_photo(geotagged_jpeg(folder / "berge.jpg", 48.42, 3.24, size=(2000, 1500), seed=1))
    editor = LiveEditor(atelier, author="bench")
    writer = editor.writer
    stakes = [(table, uuid) for table in STAKE_TABLES for uuid in _uuids(writer, table)]
    orientations = _uuids(writer, "orientations")
    existing = writer.layer("actions").GetFeatureCount()
    with writer.transaction():
        for index in range(existing, count):
            action = writer.insert(
                "actions",
                {
                    "title": f"Action {index + 1} : requalifier les abords du bourg",
                    "orientation_uuid": rng.choice(orientations),
                    "position": index,
                    "kind": "requalifier",
                    "horizon": rng.choice(("court", "moyen", "long")),
                    "lead": "CC Bassée-Montois",
                    "partners": "Département de Seine-et-Marne, communes",
                    "description": "Un projet partagé par les acteurs de l'atelier. " * 4,
                },
                random_wkt("area", rng),
            )
            for _table, stake in rng.sample(stakes, rng.randint(1, 3)):
                writer.insert("action_stakes", {"action_uuid": action, "stake_uuid": stake})
            if index % 4 == 0:
                attach_photo(writer, action, photo)
    editor.close()
    return atelier


def _uuids(writer, table: str) -> list[str]:
    layer = writer.layer(table)
    layer.ResetReading()
    return [feature.GetField("uuid") for feature in layer]


def bare_atlas_export(atelier: Atelier, output: Path) -> float:
    """QGIS alone: read the stored project, export the stored layout's atlas with the same settings."""
    from qgis.core import QgsLayoutExporter, QgsProject, QgsRenderContext

    start = time.perf_counter()
    project = QgsProject()
    project.read(project_uri(atelier))
    layout = project.layoutManager().layoutByName(layout_name("fiches", atelier.metadata.language))
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = PDF_DPI
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(output), settings)
    assert result == QgsLayoutExporter.Success, error
    return time.perf_counter() - start


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        atelier = atelier_with_actions(folder, arguments.actions)
        plugin, bare, others = [], [], {"synthese": [], "feuille-de-route": []}
        for _round in range(arguments.rounds):
            plugin.append(timed(lambda: export_deliverable(atelier, "fiches", folder / "fiches.pdf")))
            bare.append(bare_atlas_export(atelier, folder / "bare.pdf"))
            for kind, times in others.items():
                times.append(timed(lambda kind=kind: export_deliverable(atelier, kind, folder / f"{kind}.pdf")))
        pages = len(PdfReader(folder / "fiches.pdf").pages)
        assert pages == len(PdfReader(folder / "bare.pdf").pages) == arguments.actions
        plugin_s, bare_s = statistics.median(plugin), statistics.median(bare)
        print(f"| Action sheets, {pages} pages | plugin | bare QGIS atlas | ratio |")
        print("|---|---|---|---|")
        ratio = plugin_s / bare_s
        print(f"| whole export (median of {arguments.rounds}) | {plugin_s:.1f} s | {bare_s:.1f} s | {ratio:.2f} |")
        print(f"| per page | {plugin_s / pages:.3f} s | {bare_s / pages:.3f} s | |")
        for kind, times in others.items():
            print(f"| {kind} (median) | {statistics.median(times):.1f} s | | |")


if __name__ == "__main__":
    main()
    import os
    import sys

    sys.stdout.flush()  # os._exit flushes nothing: the figures would be lost in a file or a pipe
    os._exit(0)  # QGIS's teardown after a run this size can crash; the figures are printed
