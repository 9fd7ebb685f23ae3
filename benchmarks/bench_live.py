"""The live workshop's two figures: click-to-committed latency, and the projector's redraw.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_live.py
Prints Markdown tables; docs/benchmarks.md keeps the figures measured on the project machine.

1. One stake, from the gesture's geometry to committed in the GeoPackage with its journal line
   and its undo record (LiveEditor.add_stake), on ateliers of 10,000 and 100,000 features,
   against QGIS's own single-feature commits on the same file in the same run: the data
   provider's addFeatures (the leanest QGIS write) and an edit session's commitChanges (what a
   user gets from QGIS's digitizing and Save).
2. A full redraw at 1920x1080 of 5,000 workshop annotations (stakes, sketches, notes) in the
   projector look, against the same layers in a plain single-symbol style without labels.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsMapRendererCache,
    QgsMapRendererParallelJob,
    QgsPointXY,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)
from synthetic import XMAX, XMIN, YMAX, YMIN, bulk_load, map_settings, median_ms, new_atelier, render_ms

from bassee_atelier_plugin.core.atelier.communes import CommuneIndex
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.presentation.project import PROJECTOR_STYLE_NAME, add_to_project
from bassee_atelier_plugin.core.presentation.symbology import labels_show_at

# What 5,000 annotations of a long series of workshops could look like, by layer.
ANNOTATIONS = {
    "stakes_point": 3000,
    "stakes_line": 800,
    "stakes_area": 600,
    "sketches_line": 300,
    "sketches_area": 100,
    "notes": 200,
}


def random_point(rng: random.Random) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(rng.uniform(XMIN, XMAX), rng.uniform(YMIN, YMAX)))


def time_live_path(atelier, repeats: int, rng: random.Random) -> list[float]:
    editor = LiveEditor(atelier, author="bench")
    durations = []
    for _ in range(repeats):
        geometry = random_point(rng)
        start = time.perf_counter()
        editor.add_stake(geometry, "mobilite", "atout", title="Nouvel enjeu")
        durations.append(time.perf_counter() - start)
    editor.close()
    return durations


def time_communes(atelier, repeats: int, rng: random.Random) -> list[float]:
    """The part of the live path that names a stake's communes (schema 10), on the same kind of points."""
    with atelier.dataset() as dataset:
        index = CommuneIndex.of_dataset(dataset)
    durations = []
    for _ in range(repeats):
        wkt = random_point(rng).asWkt()
        start = time.perf_counter()
        index.codes_of_wkt(wkt)
        durations.append(time.perf_counter() - start)
    return durations


def qgis_feature(layer: QgsVectorLayer, rng: random.Random) -> QgsFeature:
    """A stake as QGIS's digitizing makes it: database defaults filled in by QGIS itself."""
    fields = layer.fields()
    attributes = {fields.indexOf("theme"): "mobilite", fields.indexOf("title"): "Nouvel enjeu"}
    return QgsVectorLayerUtils.createFeature(layer, random_point(rng), attributes)


def time_provider_commits(layer: QgsVectorLayer, repeats: int, rng: random.Random) -> list[float]:
    durations = []
    for _ in range(repeats):
        feature = qgis_feature(layer, rng)
        start = time.perf_counter()
        ok, _ = layer.dataProvider().addFeatures([feature])
        durations.append(time.perf_counter() - start)
        assert ok, layer.dataProvider().lastError()
    return durations


def time_edit_session_commits(layer: QgsVectorLayer, repeats: int, rng: random.Random) -> list[float]:
    durations = []
    for _ in range(repeats):
        feature = qgis_feature(layer, rng)
        start = time.perf_counter()
        layer.startEditing()
        layer.addFeature(feature)
        committed = layer.commitChanges()
        durations.append(time.perf_counter() - start)
        assert committed, layer.commitErrors()
    return durations


def latency_table(sizes: list[int], repeats: int) -> None:
    print(
        "| features in the atelier | live path p50 | QGIS provider addFeatures p50 | ratio | "
        "QGIS edit session commit p50 | ratio | of the live path, naming the communes p50 |"
    )
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            atelier = new_atelier(Path(folder))
            bulk_load(atelier, "stakes_point", size)
            rng = random.Random(7)
            layer = QgsVectorLayer(atelier.layer_uri("stakes_point"), "stakes", "ogr")
            # interleaved rounds, so that a noisy neighbour slows all three alike
            live, provider, session, communes = [], [], [], []
            for _ in range(5):
                communes += time_communes(atelier, repeats // 5, rng)
                live += time_live_path(atelier, repeats // 5, rng)
                provider += time_provider_commits(layer, repeats // 5, rng)
                session += time_edit_session_commits(layer, repeats // 5, rng)
            live_ms, provider_ms, session_ms = median_ms(live), median_ms(provider), median_ms(session)
            print(
                f"| {size:,} | {live_ms:.2f} ms | {provider_ms:.2f} ms | {live_ms / provider_ms:.2f} | "
                f"{session_ms:.2f} ms | {live_ms / session_ms:.2f} | {median_ms(communes):.3f} ms |"
            )


def redraw_after_edit_ms(layers: list, changed: QgsVectorLayer, repeats: int = 7) -> float:
    """A redraw as the map canvas makes it after one layer changed: the others from its per-layer cache.

    ``invalidateCacheForLayer`` is what the canvas does when a layer asks to be repainted; it also
    drops the cached labels if the layer took part in them, and then every labelled layer is drawn again.
    """
    settings = map_settings(layers)
    cache = QgsMapRendererCache()
    durations = []
    for _ in range(repeats + 1):  # the first fills the cache
        cache.invalidateCacheForLayer(changed)
        job = QgsMapRendererParallelJob(settings)
        job.setCache(cache)
        start = time.perf_counter()
        job.start()
        job.waitForFinished()
        durations.append(time.perf_counter() - start)
    return median_ms(durations[1:])


def redraw_table(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        atelier = new_atelier(Path(folder))
        for table, count in ANNOTATIONS.items():
            bulk_load(atelier, table, count)
        project = QgsProject()
        add_to_project(atelier, project)
        projector_layers = [
            layer for layer in project.mapLayers().values() if layer.source().split("layername=")[-1] in ANNOTATIONS
        ]
        scale = map_settings(projector_layers).scale()
        for layer in projector_layers:
            layer.styleManager().setCurrentStyle(PROJECTOR_STYLE_NAME)
            layer.setLabelsEnabled(labels_show_at(layer, scale))  # as projector mode does at each scale
        unlabelled_layers = [layer.clone() for layer in projector_layers]
        for layer in unlabelled_layers:
            layer.setLabelsEnabled(False)
        plain_layers = []
        for layer in projector_layers:
            plain = QgsVectorLayer(layer.source(), layer.name(), "ogr")
            plain.setRenderer(QgsSingleSymbolRenderer(QgsSymbol.defaultSymbol(plain.geometryType())))
            plain.setLabelsEnabled(False)
            plain_layers.append(plain)
        looks = {"projector": projector_layers, "unlabelled": unlabelled_layers, "plain": plain_layers}
        # interleaved rounds, so that a noisy neighbour slows every look alike
        samples = {(look, way): [] for look in looks for way in ("parallel", "sequential", "after edit")}
        for _ in range(rounds):
            for (look, way), durations in samples.items():
                if way == "after edit":  # a stake added: the stake points change
                    [points] = [layer for layer in looks[look] if layer.source().endswith("layername=stakes_point")]
                    durations.append(redraw_after_edit_ms(looks[look], points))
                else:
                    durations.append(render_ms(looks[look], parallel=way == "parallel"))
        figures = {key: statistics.median(durations) for key, durations in samples.items()}
    total = sum(ANNOTATIONS.values())
    print(
        f"| redraw 1920x1080, {total:,} annotations | as the map canvas draws (layers in parallel) "
        "| one layer after the other | the canvas after a stake is added (its cache for the rest) |"
    )
    print("|---|---|---|---|")
    rows = (
        ("projector look (categories, votes, statuses, sketch symbols, labels)", "projector"),
        ("projector look without its labels", "unlabelled"),
        ("plain single symbol, no labels", "plain"),
    )
    ways = ("parallel", "sequential", "after edit")
    for title, look in rows:
        print(f"| {title} | " + " | ".join(f"{figures[look, way]:.0f} ms" for way in ways) + " |")
    ratios = [figures["projector", way] / figures["plain", way] for way in ways]
    print("| ratio projector / plain | " + " | ".join(f"{ratio:.2f}" for ratio in ratios) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="none: redraw only")
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of the redraw figures")
    arguments = parser.parse_args()
    if arguments.sizes:
        latency_table(arguments.sizes, arguments.repeats)
        print()
    redraw_table(arguments.rounds)


if __name__ == "__main__":
    main()
