"""What changed between two sessions, on a journal of 100,000 lines: the comparison against reading its lines.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_evolution.py --journal 100000 --window 1000
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

An atelier of ``--journal`` stakes has one journal line each (their creation, over two
earlier sessions), then ``--window`` edits in the last session: a third new stakes, a third
status changes, a third other fields. ``compare`` of the last two sessions (what the live
dock's panel and the synthesis run) is timed against its anchor, ``sqlite3`` selecting the
same window of journal lines and decoding their JSON: the floor of any reading of the journal.
The sample atelier's comparison is timed too. Each is run ``--repeats`` times, taking turns:
medians, on a machine whose load varies.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from synthetic import REPO, bulk_load, median_ms, new_atelier

from bassee_atelier_plugin.core.deliverables.evolution import compare, sessions
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

SESSION_DAYS = ("2026-03-10", "2026-05-12", "2026-09-15")


def journalled_atelier(folder: Path, stakes: int, window: int):
    """``stakes`` stakes created over the first two sessions, then ``window`` edits in the third."""
    atelier = new_atelier(folder)
    bulk_load(atelier, "stakes_point", stakes)
    with sqlite3.connect(atelier.path) as connection:
        for day in SESSION_DAYS:
            connection.execute(
                "INSERT INTO sessions (created_at, updated_at, kind, title, held_on) VALUES (?, ?, 'atelier', ?, ?)",
                (f"{day}T07:00:00.000Z", f"{day}T07:00:00.000Z", f"Séance du {day}", day),
            )
        uuids = [uuid for (uuid,) in connection.execute("SELECT uuid FROM stakes_point ORDER BY fid")]
        drawn_last = (window + 2) // 3  # every third edit of the window is a new stake
        lines = []
        for index, uuid in enumerate(uuids[: stakes - drawn_last]):
            day = SESSION_DAYS[index % 2]
            lines.append((f"{day}T10:00:00.000Z", "create", uuid, json.dumps({"title": f"Enjeu {index}"})))
        for index in range(window):
            when = f"{SESSION_DAYS[2]}T{9 + index * 8 // window:02d}:{index % 60:02d}:00.000Z"
            kind = index % 3
            if kind == 0:
                uuid = uuids[stakes - drawn_last + index // 3]
                lines.append((when, "create", uuid, json.dumps({"title": f"Enjeu {index}", "theme": "agriculture"})))
            else:
                change = {"status": "retenu"} if kind == 1 else {"comment": "revu", "votes_for": 3}
                lines.append((when, "update", uuids[index], json.dumps(change)))
        connection.executemany(
            "INSERT INTO journal (created_at, updated_at, operation, table_name, feature_uuid, details) "
            "VALUES (?1, ?1, ?2, 'stakes_point', ?3, ?4)",
            lines,
        )
    return open_atelier(atelier.path)


def anchor(path: Path, start: str, end: str) -> int:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT created_at, operation, table_name, feature_uuid, details FROM journal "
            "WHERE created_at > ? AND created_at <= ? ORDER BY created_at, fid",
            (start, end),
        ).fetchall()
    return len([json.loads(row[4]) for row in rows])


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=int, default=100_000)
    parser.add_argument("--window", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        atelier = journalled_atelier(Path(folder), arguments.journal, arguments.window)
        sample = open_atelier(
            shutil.copy(REPO / "sample_data" / "bassee_montois_atelier.gpkg", Path(folder) / "s.gpkg")
        )
        first, second = sessions(atelier)[-2:]
        sample_first, sample_second = sessions(sample)[-2:]
        found = compare(atelier)
        assert len(found.changes) == arguments.window, len(found.changes)
        samples = {name: [] for name in ("anchor", "compare", "sample anchor", "sample compare")}
        for _ in range(arguments.repeats):
            samples["anchor"].append(timed(lambda: anchor(atelier.path, first.end, second.end)))
            samples["compare"].append(timed(lambda: compare(atelier)))
            samples["sample anchor"].append(timed(lambda: anchor(sample.path, sample_first.end, sample_second.end)))
            samples["sample compare"].append(timed(lambda: compare(sample)))
    medians = {name: median_ms(values) for name, values in samples.items()}
    print(f"| what changed, journal of {arguments.journal:,} lines, {arguments.window:,} in the window | median |")
    print("|---|---|")
    print(f"| anchor: `sqlite3` reads the window's lines, decodes their JSON | {medians['anchor']:.0f} ms |")
    ratio = medians["compare"] / medians["anchor"]
    print(f"| `compare`: folded per feature, with titles and geometries | {medians['compare']:.0f} ms ({ratio:.1f}) |")
    print(f"| sample atelier (78 lines), anchor | {medians['sample anchor']:.1f} ms |")
    sample_ratio = medians["sample compare"] / medians["sample anchor"]
    print(f"| sample atelier, `compare` | {medians['sample compare']:.1f} ms ({sample_ratio:.1f}) |")


if __name__ == "__main__":
    main()
