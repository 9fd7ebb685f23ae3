"""The plugin in a QGIS whose Python has none of the libraries a minimal OSGeo4W install lacks.

The quick guard of docs/dependencies.md: a real QGIS process started with the system's
Python alone (tests/minimal_qgis_worker.py) imports every module of the plugin and starts
it, with Pillow, pandas, geopandas, shapely, pyogrio, segno and odfpy made unimportable.
The planner's own QGIS root (scripts/qgis_root.sh) tests the installed ZIP at length.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from bassee_atelier_plugin.core.deliverables.synthesis import stakes_by_theme_and_commune, stakes_with_communes
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from tests.conftest import REPO, SAMPLE_DATA
from tests.photos import geotagged_jpeg

SYSTEM_PYTHON = Path(sys.base_prefix) / "bin" / "python3"  # QGIS's own Python, without the virtual environment


@pytest.fixture(scope="module")
def minimal_qgis(tmp_path_factory) -> dict:
    """What the worker saw: its path, the modules that failed, who asked for which library, the features."""
    work = tmp_path_factory.mktemp("minimal qgis")
    geotagged_jpeg(work / "photo.jpg", 48.4148, 3.2378, gps_time=datetime(2017, 6, 15, 14, 32, 5))
    stub = Path(importlib.util.find_spec("pytest_qgis").origin).parent
    worker = REPO / "tests" / "minimal_qgis_worker.py"
    environment = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV")}
    finished = subprocess.run(
        [str(SYSTEM_PYTHON), "-I", str(worker), str(REPO), str(stub), str(work)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_it_runs_on_the_systems_python_alone(minimal_qgis):
    assert not [entry for entry in minimal_qgis["path"] if "venv" in entry], minimal_qgis["path"]
    assert Path(minimal_qgis["python"]).resolve() == SYSTEM_PYTHON.resolve()


def test_every_module_imports_and_none_asks_for_an_optional_library(minimal_qgis):
    assert minimal_qgis["import_errors"] == {}
    assert minimal_qgis["imported_at_start"] == []


def test_the_plugin_starts_whole(minimal_qgis):
    assert minimal_qgis["messages"]["Critical"] == []
    assert len(minimal_qgis["started"]) >= 13, minimal_qgis["started"]  # every entry of its menu


def test_photos_the_ods_and_the_synthesis_work_and_the_replay_says_what_it_needs(minimal_qgis, qgis_app, tmp_path):
    features = minimal_qgis["features"]
    latitude, longitude, taken_at, preview_bytes = features["photo"]
    assert (latitude, longitude, taken_at) == (
        pytest.approx(48.4148, abs=1e-6),
        pytest.approx(3.2378, abs=1e-6),
        "2017-06-15T14:32:05.000Z",
    )
    assert preview_bytes > 1000 and features["roadmap_ods"] > 1000
    sample = open_atelier(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "a.gpkg"))
    assert features["communes_in_synthesis"] == len(
        stakes_by_theme_and_commune(sample, stakes_with_communes(sample))[1]
    )
    assert features["replay"].startswith("The replay as a GIF needs the Python library Pillow")
    assert "python -m pip install pillow" in features["replay"] and not features["replay_written"]
    # Only the replay asked, through require(): nothing else reached for a missing library.
    assert {attempt.split(" from ")[1].split(":")[0] for attempt in minimal_qgis["attempts"]} == {"core/errors.py"}
    assert minimal_qgis["loaded"] == []
