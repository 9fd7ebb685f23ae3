"""Large ateliers made fast, and a merge or push run in a process of its own, for the tests of the handoff."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from osgeo import ogr

from bassee_atelier_plugin.core.atelier.atelier import Atelier

REPOSITORY = Path(__file__).resolve().parents[2]


def add_stakes(atelier: Atelier, count: int, seed: int) -> None:
    """``count`` stakes in one transaction: a laptop's day of work, made in a moment (no journal lines)."""
    rng = random.Random(seed)
    with atelier.dataset(update=True) as dataset:
        layer = dataset.GetLayerByName("stakes_point")
        dataset.StartTransaction()
        for index in range(count):
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("uuid", str(uuid.UUID(int=rng.getrandbits(128), version=4)))
            feature.SetField("theme", "mobilite")
            feature.SetField("title", f"Enjeu {seed}-{index}")
            x, y = rng.uniform(700000, 730000), rng.uniform(6808000, 6826000)
            feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
            layer.CreateFeature(feature)
        dataset.CommitTransaction()
        layer = None


def handoff_process(*arguments: str) -> subprocess.Popen:
    """``python -m tests.handoff_worker ARGUMENTS``: a merge or a push another process can kill."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.handoff_worker", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPOSITORY)},
        cwd=REPOSITORY,
    )


def killed_once_writing(process: subprocess.Popen, writing: Callable[[], bool], seconds: float = 120) -> bool:
    """SIGKILL ``process`` as soon as ``writing()`` says it has started writing; False if it ended first."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        if writing():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    process.communicate(timeout=seconds)
    return False
