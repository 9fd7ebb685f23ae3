"""Foundation figures at workshop scale: one edit at 100,000 stakes, and what a redraw costs.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_foundation.py [--features 100000]
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from qgis.core import QgsRectangle, QgsVectorLayer
from synthetic import XMAX, XMIN, YMAX, YMIN, bulk_load, new_atelier, render_ms

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def time_edits(atelier: Atelier, repeats: int) -> dict[str, tuple[float, float]]:
    inserts, updates, deletes = [], [], []
    with writer(atelier, author="bench") as edits:
        for _ in range(repeats):
            x, y = random.uniform(XMIN, XMAX), random.uniform(YMIN, YMAX)
            start = time.perf_counter()
            stake = edits.insert("stakes_point", {"theme": "mobilite", "title": "Nouvel enjeu"}, f"POINT ({x} {y})")
            inserts.append(time.perf_counter() - start)
            start = time.perf_counter()
            edits.update("stakes_point", stake, {"status": "retenu"})
            updates.append(time.perf_counter() - start)
            start = time.perf_counter()
            edits.delete("stakes_point", stake)
            deletes.append(time.perf_counter() - start)
    return {"insert": percentiles(inserts), "update": percentiles(updates), "delete": percentiles(deletes)}


def time_renders(atelier: Atelier, rounds: int) -> dict[tuple[str, bool], float]:
    """Median redraw of the stakes in their stored style, labels off and on, in interleaved rounds."""
    whole = QgsRectangle(XMIN, YMIN, XMAX, YMAX)
    commune = QgsRectangle(714_000, 6_812_000, 718_000, 6_815_000)  # about Bray-sur-Seine
    layers = {}
    for labels in (False, True):
        layers[labels] = QgsVectorLayer(atelier.layer_uri("stakes_point"), "stakes", "ogr")
        layers[labels].setLabelsEnabled(labels)
    samples = {(name, labels): [] for name in ("whole territory", "one commune") for labels in (False, True)}
    for _ in range(rounds):  # a noisy neighbour slows labels off and on alike
        for (name, labels), durations in samples.items():
            durations.append(render_ms([layers[labels]], whole if name == "whole territory" else commune, repeats=3))
    return {key: statistics.median(durations) for key, durations in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of the redraw figures")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        atelier = new_atelier(Path(folder))
        created = time.perf_counter() - start
        bulk_load(atelier, "stakes_point", arguments.features)
        edits = time_edits(atelier, arguments.edits)
        start = time.perf_counter()
        open_atelier(atelier.path).summary()
        summary = time.perf_counter() - start
        start = time.perf_counter()
        problems = validate(atelier.path)
        validated = time.perf_counter() - start
        renders = time_renders(atelier, arguments.rounds)
    print(f"| figure ({arguments.features:,} stake points) | value |")
    print("|---|---|")
    print(f"| create an empty atelier with 42 communes (styles and project included) | {created:.2f} s |")
    for operation, (p50, p95) in edits.items():
        print(f"| {operation} one stake, committed with its journal line: p50 / p95 | {p50:.1f} / {p95:.1f} ms |")
    print(f"| open + info summary | {summary * 1000:.0f} ms |")
    print(f"| validate ({len(problems)} problems) | {validated:.2f} s |")
    for (name, labels), duration in renders.items():
        print(f"| redraw 1920x1080, {name}, labels {'on' if labels else 'off'} | {duration:.0f} ms |")
    for name in ("whole territory", "one commune"):
        print(f"| ratio labels on / off, {name} | {renders[name, True] / renders[name, False]:.2f} |")


if __name__ == "__main__":
    main()
