"""A merge of read-only files says nothing and writes nothing to them; a merge killed mid-way leaves all or nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from bassee_atelier_plugin.core.handoff.sync import merge_ateliers, merge_into
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from tests.qgis.handoff_helpers import add_stakes, handoff_process, killed_once_writing
from tests.qgis.test_merge import contents

# Over GDAL's OGR_GPKG_DEFERRED_SPI_UPDATE_THRESHOLD (100 new rows in one transaction), past which
# it defers the spatial index; the feature-count triggers go with the first new row already.
MANY = 300
LARGE = 20_000  # long enough a merge for a kill to land in the middle of it


def laptops(origin, folder: Path, stakes: list[int]) -> list[Path]:
    """Copies of ``origin``, each with its own number of new stakes."""
    paths = []
    for index, count in enumerate(stakes):
        path = folder / f"laptop_{index}" / "atelier.gpkg"
        path.parent.mkdir()
        shutil.copy(origin.path, path)
        if count:
            add_stakes(open_atelier(path), count, seed=index)
        paths.append(path)
    return paths


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stake_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM stakes_point").fetchone()[0]


def test_read_only_sources_are_merged_without_a_word_and_left_unchanged(new_atelier, tmp_path):
    sources = laptops(new_atelier, tmp_path, [MANY, MANY, MANY])
    for source in sources:
        source.chmod(0o444)
    before = [digest(source) for source in sources]
    output = tmp_path / "fusion.gpkg"

    # in a process of its own, as a planner runs it: what it prints is what GDAL and Python print
    # (pytest would catch Python's "Exception ignored" instead)
    stdout, stderr = handoff_process("merge", str(output), *map(str, sources)).communicate(timeout=300)

    assert (stdout, stderr) == ("done\n", "")
    assert [digest(source) for source in sources] == before
    assert stake_count(output) == 3 * MANY
    with sqlite3.connect(output) as connection:  # the merged file was closed before it moved: its triggers are whole
        triggers = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"rtree_stakes_point_geom_insert", "stakes_point_updated_at"} <= triggers


def test_a_merge_killed_while_writing_leaves_no_merged_file(new_atelier, tmp_path):
    sources = laptops(new_atelier, tmp_path, [0, LARGE, LARGE])
    output = tmp_path / "fusion.gpkg"
    merging = handoff_process("merge", str(output), *map(str, sources))

    copied = sources[0].stat().st_size
    killed = killed_once_writing(merging, lambda: _staged_past(tmp_path, copied))

    assert killed and not output.exists()
    [abandoned] = tmp_path.glob(".merge-*")  # the killed merge could not clean up
    hours_ago = time.time() - 7 * 3600
    os.utime(abandoned, (hours_ago, hours_ago))
    running = Path(tempfile.mkdtemp(prefix=".merge-", dir=tmp_path))  # as another merge's, running now
    merge_ateliers(sources, output)  # and once more, to its end
    assert stake_count(output) == 2 * LARGE
    assert list(tmp_path.glob(".merge-*")) == [running]  # the abandoned one is gone, the running one kept


def test_a_merge_into_an_atelier_killed_while_writing_leaves_it_as_it_was(new_atelier, tmp_path):
    source, target = laptops(new_atelier, tmp_path, [LARGE, 0])
    before = contents(target)
    merging = handoff_process("into", str(source), str(target))

    killed = killed_once_writing(merging, Path(f"{target}-journal").exists)

    assert killed and contents(target) == before  # SQLite rolls back what the killed merge began
    merge_into(open_atelier(source), open_atelier(target))
    assert stake_count(target) == LARGE


def _staged_past(folder: Path, size: int) -> bool:
    """True once a file a merge stages in ``folder`` outgrows ``size``, the copy of its first atelier: it committed."""
    for path in folder.glob(".merge-*/*.gpkg"):
        try:
            if path.stat().st_size > size:
                return True
        except FileNotFoundError:  # the merge is moving it into place
            pass
    return False
