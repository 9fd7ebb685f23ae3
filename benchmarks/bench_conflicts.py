"""Opening the conflicts review on a merge with many field conflicts: each one's feature read as it now stands.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_conflicts.py --conflicts 1000
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

Two laptops retitle the same ``--conflicts`` stakes differently, the real merge lists one
field conflict for each, then the dialog's reading of them is timed against its anchor,
``sqlite3`` selecting the same unreviewed rows and decoding their JSON columns: the floor of
any listing. Reading each conflict's feature as it now stands (after earlier reviews) is what
the dialog adds to that floor; the dialog itself is timed too (the list, the first detail), and
the list read again as after each click.
Each is run ``--repeats`` times, taking turns: medians, on a machine whose load varies.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from qgis.core import QgsApplication

# with widgets, for the dialog is timed too; before synthetic.py starts a headless QGIS
APPLICATION = QgsApplication([], True)
APPLICATION.initQgis()

from synthetic import bulk_load, new_atelier  # noqa: E402

from bassee_atelier_plugin.core.atelier.writer import writer  # noqa: E402
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers  # noqa: E402
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier  # noqa: E402
from bassee_atelier_plugin.gui.handoff.conflicts import unreviewed_conflicts  # noqa: E402
from bassee_atelier_plugin.gui.handoff.conflicts_dialog import ConflictsDialog  # noqa: E402

JSON_COLUMNS = ("kept_value", "other_value", "kept_version", "other_version")


def merged_with_conflicts(folder: Path, count: int) -> Path:
    """Two laptops' copies of ``count`` stakes, each stake retitled on both: one field conflict each."""
    origin = new_atelier(folder)
    bulk_load(origin, "stakes_point", count)
    with sqlite3.connect(origin.path) as connection:
        stakes = [uuid for (uuid,) in connection.execute("SELECT uuid FROM stakes_point")]
    copies = []
    for name in ("table_1", "table_2"):
        (folder / name).mkdir()
        copy = open_atelier(shutil.copy(origin.path, folder / name / f"{name}.gpkg"))
        with writer(copy, author=name) as edits, edits.transaction():
            for stake in stakes:
                edits.update("stakes_point", stake, {"title": f"Titre de {name}"})
        copies.append(copy.path)
    return merge_ateliers(copies, folder / "fusion.gpkg").path


def sqlite_rows(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        found = [dict(row) for row in connection.execute("SELECT * FROM merge_conflicts WHERE NOT reviewed")]
    for row in found:
        for column in JSON_COLUMNS:
            row[column] = json.loads(row[column] or "null")
    return len(found)


def seconds(job) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conflicts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        merged = merged_with_conflicts(Path(folder), arguments.conflicts)
        atelier = open_atelier(merged)
        assert len(unreviewed_conflicts(atelier)) == sqlite_rows(merged) == arguments.conflicts
        dialog = ConflictsDialog(atelier, None)
        anchors, readings, dialogs, reloads = [], [], [], []
        for _ in range(arguments.repeats):
            anchors.append(seconds(lambda: sqlite_rows(merged)))
            readings.append(seconds(lambda: unreviewed_conflicts(atelier)))
            dialogs.append(seconds(lambda: ConflictsDialog(atelier, None).deleteLater()))
            reloads.append(seconds(lambda: dialog.reload(1)))
    anchor = statistics.median(anchors)
    print(f"| Conflicts review, {arguments.conflicts} field conflicts, medians of {arguments.repeats} | value |")
    print("|---|---|")
    print(f"| anchor: sqlite3 reads the rows and decodes their JSON | {anchor * 1000:.0f} ms |")
    print(f"| unreviewed_conflicts (each feature as it now stands) | {statistics.median(readings) * 1000:.0f} ms |")
    print(f"| ratio to the anchor | {statistics.median(readings) / anchor:.1f} |")
    print(f"| the dialog opened (list and first detail) | {statistics.median(dialogs) * 1000:.0f} ms |")
    print(f"| ratio to the anchor | {statistics.median(dialogs) / anchor:.1f} |")
    print(f"| the list read again, as after each click | {statistics.median(reloads) * 1000:.0f} ms |")
    print(f"| ratio to the anchor | {statistics.median(reloads) / anchor:.1f} |")


if __name__ == "__main__":
    main()
