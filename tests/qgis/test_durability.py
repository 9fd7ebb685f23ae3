"""Nothing acknowledged is ever lost: QGIS processes killed mid-edit, two at once, a full disk.

The edits go through the plugin's own edit path (LiveEditor), in separate QGIS processes
(tests/edit_worker.py), which print each edit once it is committed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import SAMPLE_DATA

REPO = Path(__file__).resolve().parents[2]


def worker(atelier: Path, *arguments: str) -> subprocess.Popen:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.edit_worker", str(atelier), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=REPO,
    )


def acknowledged(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith("committed ")]


def stake_uuids(atelier: Path) -> set[str]:
    with sqlite3.connect(atelier) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {uuid for (uuid,) in connection.execute("SELECT uuid FROM stakes_point")}


def fresh_copy(tmp_path: Path, name: str = "atelier.gpkg") -> Path:
    target = tmp_path / name
    target.write_bytes((SAMPLE_DATA / "bassee_montois_atelier.gpkg").read_bytes())
    return target


def test_every_acknowledged_edit_survives_a_hard_kill(qgis_app, tmp_path):
    rng = random.Random(20)
    for trial in range(20):
        atelier = fresh_copy(tmp_path, f"trial_{trial}.gpkg")
        process = worker(atelier, "--label", f"trial{trial}")
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        time.sleep(rng.uniform(0.0, 0.6))  # somewhere in the middle of an edit, or between two
        process.send_signal(signal.SIGKILL)
        output, _errors = process.communicate()
        assert process.returncode == -signal.SIGKILL
        kept = stake_uuids(atelier)
        assert set(acknowledged(output)) <= kept, f"trial {trial}"


def test_two_qgis_processes_editing_at_once_lose_nothing_and_never_see_a_lock(qgis_app, tmp_path):
    atelier = fresh_copy(tmp_path)
    before = stake_uuids(atelier)

    processes = [worker(atelier, "--count", "150", "--label", label) for label in ("nord", "sud")]
    outputs = [process.communicate(timeout=300) for process in processes]

    for process, (output, errors) in zip(processes, outputs):
        assert process.returncode == 0, errors
        assert "locked" not in output + errors and output.strip().endswith("done")
    committed = [uuid for output, _errors in outputs for uuid in acknowledged(output)]
    assert len(committed) == 300
    assert stake_uuids(atelier) == before | set(committed)


def test_a_full_disk_refuses_the_edit_clearly_and_keeps_what_was_saved(qgis_app, tmp_path):
    atelier = fresh_copy(tmp_path)
    limit = atelier.stat().st_size + 200_000  # room for a few dozen edits, then the disk is full

    process = worker(atelier, "--file-limit", str(limit))
    output, errors = process.communicate(timeout=300)

    assert process.returncode == 3, errors
    refusal = output.strip().splitlines()[-1]
    assert refusal.startswith("refused The atelier could not be written")
    assert "everything saved before is intact" in refusal
    assert set(acknowledged(output)) <= stake_uuids(atelier)
    assert len(acknowledged(output)) > 0
