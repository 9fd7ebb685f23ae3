"""The field-by-field merge against the whole-feature merge it replaced, on ten ateliers of 10,000 new stakes each.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_merge_fields.py --old-code /work/wt-old
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

Two scenarios, each merging ten files into one:
- *all new*: bench_handoff's, ten copies of one atelier each drawing 10,000 stakes of its own;
  no stake is edited on two machines, so the field-level path is never taken;
- *edited*: one atelier of 10,000 stakes written as the plugin writes them (a journal line
  each), copied to ten laptops. Each laptop edits the same 2,000 of them (20 %) through
  journalled writes: laptops 0 to 3 vote for each (operation "vote", as ``LiveEditor.vote``
  journals it), laptop 4 moves each, 5 retitles, 6 changes the theme, 7 the status, 8 writes a
  comment, and 9 votes against each and retitles 200 of them: 100 as laptop 5 did (no
  conflict) and 100 otherwise (a conflict each). Each laptop then draws 10,000 stakes of its own.
The merge of today (this tree) and the one before the field-level merge (``--old-code``, a
tree at commit e4e4496) merge the same files, in processes of their own (timed_merge.py),
taking turns with ``ogr2ogr -append`` of the same rows: medians of ``--repeats`` turns. The
older code reads schema 8, so it merges copies of the files marked schema 8 (its only change,
four more columns in ``merge_conflicts``, which it leaves empty). The merged atelier of the
edited scenario is then checked against what was planted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_handoff import make_ateliers, ogr2ogr_append
from synthetic import bulk_load, new_atelier

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.thesauri import THESAURUS_BY_NAME

HERE = Path(__file__).resolve().parent
TABLE = "stakes_point"
VOTERS = range(4)  # laptops that vote for every edited stake
MOVER, RETITLER, THEMER, STATUS_SETTER, COMMENTER, CONTRARIAN = 4, 5, 6, 7, 8, 9
AGREED, CONFLICTING = range(100, 200), range(100)  # stakes the contrarian retitles as laptop 5 did, or not
STATUS = "retenu"


def _title(index: int) -> str:
    return f"Enjeu {index}, retitré à la table 5"


def make_edited_ateliers(folder: Path, count: int, features: int, edited: int) -> tuple[list[Path], list[str]]:
    """The edited scenario's ``count`` laptops' files, and the UUIDs of the stakes they all edited."""
    origin = new_atelier(folder)
    themes = [term.code for term in THESAURUS_BY_NAME["themes"].terms]
    with writer(origin, author="préparation") as edits, edits.transaction():
        uuids = [
            edits.insert(
                TABLE,
                {"theme": themes[index % len(themes)], "title": f"Enjeu {index}", "votes_for": index % 3},
                f"POINT ({700_000 + index % 100 * 300} {6_810_000 + index // 100 * 150})",
            )
            for index in range(features)
        ]
    paths = []
    for laptop in range(count):
        path = folder / f"laptop_{laptop:02d}" / "bench.gpkg"
        path.parent.mkdir()
        shutil.copy(origin.path, path)
        atelier = open_atelier(path)
        with writer(atelier, author=f"table {laptop}") as edits, edits.transaction():
            for index, feature_uuid in enumerate(uuids[:edited]):
                _edit(edits, laptop, index, feature_uuid, themes)
        bulk_load(atelier, TABLE, features, seed=laptop)
        paths.append(path)
    return paths, uuids[:edited]


def _edit(edits, laptop: int, index: int, feature_uuid: str, themes: list[str]) -> None:
    """What ``laptop`` does to the ``index``-th edited stake, journalled as the plugin journals it."""
    if laptop in VOTERS or laptop == CONTRARIAN:
        column = "votes_against" if laptop == CONTRARIAN else "votes_for"
        values, _wkt = edits.read(TABLE, feature_uuid)
        edits.update(TABLE, feature_uuid, {column: (values[column] or 0) + 1}, None, operation="vote", delta=1)
    if laptop == MOVER:
        moved = f"POINT ({700_050 + index % 100 * 300} {6_810_050 + index // 100 * 150})"
        edits.update(TABLE, feature_uuid, {}, moved, operation="geometry")
    elif laptop == RETITLER or (laptop == CONTRARIAN and index in AGREED):
        edits.update(TABLE, feature_uuid, {"title": _title(index)})
    elif laptop == CONTRARIAN and index in CONFLICTING:
        edits.update(TABLE, feature_uuid, {"title": f"Enjeu {index}, vu par la table 9"})
    elif laptop == THEMER:
        edits.update(TABLE, feature_uuid, {"theme": themes[(index + 1) % len(themes)]}, operation="update")
    elif laptop == STATUS_SETTER:
        edits.update(TABLE, feature_uuid, {"status": STATUS}, operation="status")
    elif laptop == COMMENTER:
        edits.update(TABLE, feature_uuid, {"comment": f"Vu sur place, enjeu {index}"})


def check_edited(merged: Path, laptops: list[Path], edited: list[str], features: int) -> dict[str, str]:
    """What landed in the merged atelier of the edited scenario, beside what was planted."""
    query = f"SELECT uuid, votes_for, votes_against, title, theme, status, comment, geom FROM {TABLE}"
    origin = {row[0]: row for row in sqlite3.connect(laptops[MOVER]).execute(query)}  # its geometries moved
    rows = {row[0]: row for row in sqlite3.connect(merged).execute(query)}
    themer = {row[0]: row[4] for row in sqlite3.connect(laptops[THEMER]).execute(query)}
    before = {row[0]: row for row in sqlite3.connect(laptops[COMMENTER]).execute(query)}  # votes as they were
    conflicts = dict(
        sqlite3.connect(merged).execute(
            "SELECT coalesce(field_name, '(whole)'), count(*) FROM merge_conflicts GROUP BY 1"
        )
    )
    landed = {
        "votes for summed (+4 each)": sum(rows[uuid][1] == before[uuid][1] + len(VOTERS) for uuid in edited),
        "votes against (+1 each)": sum(rows[uuid][2] == before[uuid][2] + 1 for uuid in edited),
        "moves": sum(rows[uuid][7] == origin[uuid][7] for uuid in edited),
        "themes": sum(rows[uuid][4] == themer[uuid] for uuid in edited),
        "statuses": sum(rows[uuid][5] == STATUS for uuid in edited),
        "comments": sum(rows[uuid][6] == f"Vu sur place, enjeu {index}" for index, uuid in enumerate(edited)),
        "titles retitled (either table's where in conflict)": sum(
            rows[uuid][3] == _title(index) or (index in CONFLICTING and "table 9" in rows[uuid][3])
            for index, uuid in enumerate(edited)
        ),
    }
    lines = {name: f"{count} of {len(edited)}" for name, count in landed.items()}
    lines["stakes in the merged atelier"] = f"{len(rows)} of {features * (len(laptops) + 1)}"
    lines["conflicts, by field"] = ", ".join(f"{name}: {count}" for name, count in sorted(conflicts.items()))
    lines["conflicts planted"] = f"title: {len(CONFLICTING)}"
    return lines


def as_schema_8(paths: list[Path], folder: Path) -> list[Path]:
    """Copies the older merge opens: it refuses a schema newer than its own 8."""
    copies = []
    for path in paths:
        copy = folder / path.parent.name / path.name
        copy.parent.mkdir(parents=True)
        shutil.copy(path, copy)
        with sqlite3.connect(copy) as database:
            database.execute("UPDATE atelier_metadata SET value = '8' WHERE key = 'SCHEMA_VERSION'")
        copies.append(copy)
    return copies


def timed_merge(code: Path, inputs: list[Path], output: Path) -> dict:
    output.unlink(missing_ok=True)
    command = [sys.executable, str(HERE / "timed_merge.py"), "--code", str(code), str(output), *map(str, inputs)]
    finished = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-code", type=Path, required=True, help="a tree holding the merge before issue 18")
    parser.add_argument("--new-code", type=Path, default=HERE.parent, help="the tree of the merge measured")
    parser.add_argument("--ateliers", type=int, default=10)
    parser.add_argument("--features", type=int, default=10_000)
    parser.add_argument("--edited", type=int, default=2_000, help="stakes every laptop edits")
    parser.add_argument("--repeats", type=int, default=3, help="turns of the two merges and ogr2ogr")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "new").mkdir()
        (folder / "edited").mkdir()
        edited_paths, edited = make_edited_ateliers(
            folder / "edited", arguments.ateliers, arguments.features, arguments.edited
        )
        scenarios = {
            "all new": make_ateliers(folder / "new", arguments.ateliers, arguments.features),
            "edited": edited_paths,
        }
        old_inputs = {
            name: as_schema_8(paths, folder / "schema8" / name.replace(" ", "_")) for name, paths in scenarios.items()
        }
        runs = {name: {"new": [], "old": [], "ogr2ogr": []} for name in scenarios}
        reports = {}
        for turn in range(arguments.repeats):
            for name, paths in scenarios.items():
                codes = {"new": (arguments.new_code, paths), "old": (arguments.old_code, old_inputs[name])}
                for who in sorted(codes, reverse=turn % 2 == 1):  # each merge first in every other turn
                    code, inputs = codes[who]
                    reports[name, who] = timed_merge(code, inputs, folder / f"fusion_{who}.gpkg")
                    runs[name][who].append(reports[name, who]["seconds"])
                if name == "edited":
                    landed = check_edited(folder / "fusion_new.gpkg", paths, edited, arguments.features)
                own = "author IS NULL" if name == "edited" else None  # bulk_load's rows: no author
                runs[name]["ogr2ogr"].append(ogr2ogr_append(paths, folder / "append.gpkg", own))
    print_table(arguments, runs, reports, landed)


def print_table(arguments, runs: dict, reports: dict, landed: dict[str, str]) -> None:
    size = f"{arguments.ateliers} ateliers x {arguments.features} stakes"
    print(f"| {size}, median of {arguments.repeats} | all new | edited |")
    print("|---|---|---|")
    for who in ("new", "old", "ogr2ogr"):
        print(f"| {who} | " + " | ".join(f"{statistics.median(run[who]):.1f} s" for run in runs.values()) + " |")
    for top, bottom in (("new", "old"), ("new", "ogr2ogr"), ("old", "ogr2ogr")):
        cells = []
        for run in runs.values():
            turns = [a / b for a, b in zip(run[top], run[bottom])]
            cells.append(f"**{statistics.median(turns):.2f}** (turns {', '.join(f'{turn:.2f}' for turn in turns)})")
        print(f"| ratio {top} / {bottom} | " + " | ".join(cells) + " |")
    for who in ("new", "old"):
        for what in ("peak_mb", "updated", "conflicts", "merged_whole"):
            cells = [reports[name, who][what] for name in runs]
            print(
                f"| {who}: {what} | "
                + " | ".join(f"{cell:.0f}" if what == "peak_mb" else str(cell) for cell in cells)
                + " |"
            )
    print()
    print("| edited scenario, the new merge's result | value |")
    print("|---|---|")
    for name, value in landed.items():
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
    import os

    sys.stdout.flush()  # os._exit flushes nothing, and the table would be lost in a file or a pipe
    os._exit(0)
