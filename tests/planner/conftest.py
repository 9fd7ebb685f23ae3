"""Fixtures of the planner's-install tests (``make test-planner``; left out of ``make test``: minutes, and a root).

The passes: a minimal OSGeo4W QGIS (QGIS alone), then Windows' standalone installer (Pillow,
pandas, geopandas and shapely added). Each starts from a fresh profile with the ZIP unzipped in it.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.planner.planner_qgis import (
    ATELIER_NAME,
    BUILD,
    MINIMAL,
    OUTCOMES,
    SAMPLE,
    STANDALONE,
    PlannerQgis,
    fresh_planner,
    install_standalone_libraries,
)
from tests.postgres import start_cluster, stop_cluster

_folders = itertools.count()


def pytest_terminal_summary(terminalreporter):
    if OUTCOMES:
        terminalreporter.section("the plugin as a planner installs it (QGIS 3.44)")
        for planner_pass, command, outcome in OUTCOMES:
            terminalreporter.write_line(f"{planner_pass:<22} {command:<36} {outcome}")


@pytest.fixture(scope="session")
def plugin_zip() -> Path:
    """The ZIP of ``make package`` (``make test-planner`` builds it and names it in PLANNER_ZIP)."""
    if "PLANNER_ZIP" not in os.environ:
        subprocess.run(["make", "-s", "package"], cwd=REPO, check=True, capture_output=True, timeout=900)
        version = next(line for line in (REPO / "metadata.txt").read_text().splitlines() if line.startswith("version="))
        return REPO / "dist" / f"bassee_atelier_plugin-{version.split('=', 1)[1].strip()}.zip"
    return Path(os.environ["PLANNER_ZIP"])


@pytest.fixture(scope="session")
def standalone_libraries() -> Path:
    folder = BUILD / "standalone-libraries"
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    return install_standalone_libraries(folder)


@pytest.fixture(scope="module", params=[MINIMAL, STANDALONE])
def planner(request, plugin_zip, standalone_libraries) -> PlannerQgis:
    """A fresh profile with the ZIP unzipped in it, on a minimal OSGeo4W QGIS or the standalone installer's."""
    made = fresh_planner(request.param, standalone_libraries if request.param == STANDALONE else None)
    made.unzip(plugin_zip)
    return made


@pytest.fixture(scope="session")
def menu_with_every_library(plugin_zip, standalone_libraries) -> list:
    """The plugin's menu as QGIS shows it when every library is there: what a whole menu is."""
    reference = fresh_planner("every-library", standalone_libraries)
    reference.unzip(plugin_zip)
    started = reference.start_qgis()
    assert started["active"] and len(started["menus"]) == 1, started
    return started["menus"][0]


@pytest.fixture
def folder(planner) -> Path:
    """A folder of its own for one test, beside the profile."""
    made = planner.folder / f"test-{next(_folders)}"
    made.mkdir()
    return made


@pytest.fixture
def atelier(folder) -> Path:
    """A copy of the sample atelier, under a name a planner gives it."""
    copy = folder / ATELIER_NAME
    shutil.copyfile(SAMPLE, copy)
    return copy


@pytest.fixture(scope="session")
def sessions() -> dict[str, str]:
    """The sample's session UUIDs by kind: visite, atelier, restitution."""
    with sqlite3.connect(f"file:{SAMPLE}?mode=ro", uri=True) as connection:
        return dict(connection.execute("SELECT kind, uuid FROM sessions"))


@pytest.fixture(scope="module")
def cluster() -> Iterator:
    """A throwaway PostgreSQL with PostGIS on this machine's loopback, which the root shares."""
    running = start_cluster()
    yield running
    stop_cluster(running)
