"""The action sheets and the roadmap of 100 actions, each against a bare QGIS export of its layout.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_deliverables.py --actions 100 --rounds 3
Prints Markdown tables; docs/benchmarks.md keeps the figures measured on the project machine.

The sample atelier gets actions up to ``--actions``, each with a zone, one to three linked
stakes and a description; every fourth one has a photo. The plugin's export
(``export_deliverable``: reading the stored project, checking every sheet's text fits,
exporting, renaming into place) is timed against QGIS alone exporting the same stored
layout's atlas with the same PDF settings.

The roadmap's PDF (103 rows with the orientations' bands, 17 pages) is timed against, in the
same rounds: the synthesis; bare QGIS reading the stored project and exporting the stored
roadmap layout as it is (one page, its table empty); and QGIS paging the same rows itself,
in the stored table growing its pages (what the plugin did before it split the pages).
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
from bassee_atelier_plugin.core.deliverables.roadmap import roadmap_table
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES
from bassee_atelier_plugin.core.presentation.layout_tables import fill_table
from bassee_atelier_plugin.core.presentation.layouts import ROADMAP_TABLE, layout_name
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
    start = time.perf_counter()
    _project, layout = _stored_layout(atelier, "fiches")
    _export(layout.atlas(), output)
    return time.perf_counter() - start


def bare_roadmap_export(atelier: Atelier, output: Path) -> float:
    """QGIS alone: read the stored project, export the stored roadmap layout as it is, one page."""
    start = time.perf_counter()
    _project, layout = _stored_layout(atelier, "feuille-de-route")
    _export(layout, output)
    return time.perf_counter() - start


def growing_table_export(atelier: Atelier, output: Path) -> float:
    """The roadmap's rows in the stored table alone, which grows its pages: QGIS paging them itself."""
    start = time.perf_counter()
    _project, stored = _stored_layout(atelier, "feuille-de-route")
    layout = stored.clone()
    headings, rows = roadmap_table(atelier)
    fill_table(layout.name(), [layout], ROADMAP_TABLE, headings, rows, "")
    _export(layout, output)
    return time.perf_counter() - start


def _stored_layout(atelier: Atelier, kind: str) -> tuple:
    """The stored project, which the layout lives no longer than, and its layout ``kind``."""
    from qgis.core import QgsProject

    project = QgsProject()
    project.read(project_uri(atelier))
    return project, project.layoutManager().layoutByName(layout_name(kind, atelier.metadata.language))


def _export(layout_or_atlas, output: Path) -> None:
    from qgis.core import QgsLayoutAtlas, QgsLayoutExporter, QgsRenderContext

    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = PDF_DPI
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    if isinstance(layout_or_atlas, QgsLayoutAtlas):
        result, error = QgsLayoutExporter.exportToPdf(layout_or_atlas, str(output), settings)
    else:
        result, error = QgsLayoutExporter(layout_or_atlas).exportToPdf(str(output), settings), ""
    assert result == QgsLayoutExporter.Success, error


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        atelier = atelier_with_actions(folder, arguments.actions)
        _action_sheets(atelier, folder, arguments.rounds, arguments.actions)
        _roadmap(atelier, folder, arguments.rounds)


def _action_sheets(atelier: Atelier, folder: Path, rounds: int, actions: int) -> None:
    from pypdf import PdfReader

    plugin, bare = [], []
    for _round in range(rounds):
        plugin.append(timed(lambda: export_deliverable(atelier, "fiches", folder / "fiches.pdf")))
        bare.append(bare_atlas_export(atelier, folder / "bare.pdf"))
    pages = len(PdfReader(folder / "fiches.pdf").pages)
    assert pages == len(PdfReader(folder / "bare.pdf").pages) == actions
    plugin_s, bare_s = statistics.median(plugin), statistics.median(bare)
    print(f"| Action sheets, {pages} pages | plugin | bare QGIS atlas | ratio |")
    print("|---|---|---|---|")
    print(f"| whole export (median of {rounds}) | {plugin_s:.1f} s | {bare_s:.1f} s | {plugin_s / bare_s:.2f} |")
    print(f"| per page | {plugin_s / pages:.3f} s | {bare_s / pages:.3f} s | |")


def _roadmap(atelier: Atelier, folder: Path, rounds: int) -> None:
    """The roadmap's PDF and its anchors, one after the other in each round, so that they share the load."""
    from pypdf import PdfReader

    roadmap = folder / "feuille-de-route.pdf"
    times = {"plugin": [], "synthesis": [], "bare": [], "growing": []}
    for _round in range(rounds):
        times["plugin"].append(timed(lambda: export_deliverable(atelier, "feuille-de-route", roadmap)))
        times["synthesis"].append(timed(lambda: export_deliverable(atelier, "synthese", folder / "synthese.pdf")))
        times["bare"].append(bare_roadmap_export(atelier, folder / "bare-roadmap.pdf"))
        times["growing"].append(growing_table_export(atelier, folder / "growing.pdf"))
    pages = len(PdfReader(roadmap).pages)
    assert pages == len(PdfReader(folder / "growing.pdf").pages)
    rows = len(roadmap_table(atelier)[1])
    plugin_s = statistics.median(times["plugin"])
    print()
    print(f"| Roadmap PDF, {rows} rows, {pages} pages (median of {rounds}) | seconds | plugin's ratio to it |")
    print("|---|---|---|")
    print(f"| plugin (`export_deliverable`, a table per page) | {plugin_s:.2f} s | |")
    for key, what in (
        ("synthesis", "anchor: the synthesis (map page and three tables)"),
        ("bare", "anchor: bare QGIS, the stored roadmap layout as it is (1 page)"),
        ("growing", f"QGIS paging the same rows itself (one table growing {pages} pages)"),
    ):
        seconds = statistics.median(times[key])
        print(f"| {what} | {seconds:.2f} s | {plugin_s / seconds:.2f} |")


if __name__ == "__main__":
    main()
    import os
    import sys

    sys.stdout.flush()  # os._exit flushes nothing: the figures would be lost in a file or a pipe
    os._exit(0)  # QGIS's teardown after a run this size can crash; the figures are printed
