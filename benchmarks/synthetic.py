"""Synthetic workshop content for the benchmarks: many features, spread over the Bassée-Montois."""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis  # noqa: E402

ensure_qgis()

from osgeo import ogr  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsMapRendererParallelJob,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402

from bassee_atelier_plugin.core.atelier.atelier import Atelier  # noqa: E402
from bassee_atelier_plugin.core.atelier.writer import new_uuid  # noqa: E402
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier  # noqa: E402
from bassee_atelier_plugin.core.model.metadata import utc_now  # noqa: E402
from bassee_atelier_plugin.core.model.thesauri import THESAURUS_BY_NAME  # noqa: E402

TERRITORY = REPO.parent / "shared" / "territory"
# The Bassée-Montois bounding box in Lambert-93
XMIN, YMIN, XMAX, YMAX = 698_000, 6_807_000, 731_000, 6_827_000
STATUSES = ("propose",) * 6 + ("debattu", "debattu", "retenu", "ecarte")  # most of what is said stays proposed


def new_atelier(folder: Path) -> Atelier:
    return create_atelier(
        folder / "bench.gpkg", territory="Bench", communes=TERRITORY / "bassee_montois_communes.geojson"
    )


def random_wkt(kind: str, rng: random.Random) -> str:
    x, y = rng.uniform(XMIN, XMAX), rng.uniform(YMIN, YMAX)
    if kind == "point":
        return f"POINT ({x} {y})"
    if kind == "line":
        return f"LINESTRING ({x} {y}, {x + rng.uniform(-900, 900)} {y + rng.uniform(-900, 900)}, {x + 600} {y - 300})"
    size = rng.uniform(150, 600)
    return f"POLYGON (({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y}))"


def bulk_load(atelier: Atelier, table: str, count: int, seed: int = 42) -> None:
    """Fill one table fast, in one transaction: the set-up of a benchmark, not what it measures."""
    rng = random.Random(seed)
    kind = {"stakes_point": "point", "notes": "point", "stakes_line": "line", "sketches_line": "line"}.get(
        table, "area"
    )
    themes = [term.code for term in THESAURUS_BY_NAME["themes"].terms]
    sketch_kinds = [term.code for term in THESAURUS_BY_NAME["sketch_kinds"].terms]
    now = utc_now()
    with atelier.dataset(update=True) as dataset:
        layer = dataset.GetLayerByName(table)
        definition = layer.GetLayerDefn()
        dataset.StartTransaction()
        for index in range(count):
            feature = ogr.Feature(definition)
            feature.SetField("uuid", new_uuid())
            feature.SetField("created_at", now)
            feature.SetField("updated_at", now)
            if table.startswith("stakes_"):
                feature.SetField("theme", themes[index % len(themes)])
                feature.SetField("title", f"Enjeu {index}")
                feature.SetField("status", rng.choice(STATUSES))
                feature.SetField("votes_for", rng.choice((0, 0, 0, 1, 2, 5)))
            elif table.startswith("sketches_"):
                feature.SetField("kind", sketch_kinds[index % len(sketch_kinds)])
                feature.SetField("label", f"Croquis {index}")
            elif table == "notes":
                feature.SetField("text", f"Note {index}")
            feature.SetGeometry(ogr.CreateGeometryFromWkt(random_wkt(kind, rng)))
            layer.CreateFeature(feature)
        dataset.CommitTransaction()


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def map_settings(layers: list, extent: QgsRectangle | None = None) -> QgsMapSettings:
    """A 1920x1080 map of ``layers`` over ``extent``, the whole territory by default."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setOutputSize(QSize(1920, 1080))
    settings.setExtent(extent or QgsRectangle(XMIN, YMIN, XMAX, YMAX))
    return settings


def render_ms(layers: list, extent: QgsRectangle | None = None, repeats: int = 7, parallel: bool = False) -> float:
    """Median time of a full 1920x1080 render of ``layers``, the first (cache-warming) one left out.

    ``parallel`` renders as QGIS's map canvas does, each layer in its own thread and the labels
    after them; otherwise the layers are drawn one after the other, as in an export.
    """
    settings = map_settings(layers, extent)
    job_class = QgsMapRendererParallelJob if parallel else QgsMapRendererSequentialJob
    durations = []
    for _ in range(repeats + 1):
        job = job_class(settings)
        start = time.perf_counter()
        job.start()
        job.waitForFinished()
        durations.append(time.perf_counter() - start)
    return median_ms(durations[1:])
