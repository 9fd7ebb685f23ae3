"""A planner's file names and folders: spaces, accents, an apostrophe, a drive letter's shape.

Windows paths are tried in their Linux shape: a folder named ``C:``, then ``Mes documents``,
and "Atelier Bassée v2 - relu l'été.gpkg". Each goes through SQLite's URIs, GDAL's
connection strings, QGIS's layer sources and its ``geopackage:`` project URIs; every step a
planner takes with such a file is tried: create, describe, check, every deliverable, package,
merge, and the stored project opened by a plain QGIS.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsProject

from bassee_atelier_plugin.core.deliverables.exports import SUFFIXES, export_deliverable
from bassee_atelier_plugin.core.deliverables.replay import export_replay
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.package import package_atelier
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from bassee_atelier_plugin.core.presentation.project import PROJECT_NAME
from bassee_atelier_plugin.core.stores.registry import store_for
from tests.conftest import COMMUNES, REPO, SAMPLE_DATA
from tests.qgis.phone import first_session

NAME = "Atelier Bassée v2 - relu l'été.gpkg"
TERRITORY_NAME = "CC Bassée-Montois"


@pytest.fixture
def folder(qgis_app, tmp_path) -> Path:
    """Shaped like a Windows user's documents: C:/Mes documents."""
    shaped = tmp_path / "C:" / "Mes documents"
    shaped.mkdir(parents=True)
    return shaped


def command_line(*arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "bassee_atelier_plugin", *arguments]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def opened_in_a_plain_qgis(path: Path) -> dict[str, bool]:
    """Each layer of the project stored in ``path``, read by a bare QgsProject: valid or not."""
    project = QgsProject()
    assert project.read(store_for(str(path)).project_uri(PROJECT_NAME)), f"QGIS could not read the project of {path}"
    return {layer.name(): layer.isValid() for layer in project.mapLayers().values()}


def test_the_command_line_creates_describes_and_checks_it(folder):
    path = folder / NAME

    created = command_line("init", str(path), "--territory", TERRITORY_NAME, "--communes", str(COMMUNES))
    described = command_line("info", str(path))
    checked = command_line("validate", str(path))

    assert created.returncode == 0, created.stderr
    assert described.returncode == 0, described.stderr
    assert json.loads(described.stdout)["counts"]["communes"] > 0
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert sorted(entry.name for entry in folder.iterdir()) == [NAME]


def test_its_stored_project_opens_in_a_plain_qgis_with_every_layer(folder):
    path = create_atelier(folder / NAME, TERRITORY_NAME, communes=COMMUNES).path

    layers = opened_in_a_plain_qgis(path)

    assert layers and all(layers.values()), [name for name, valid in layers.items() if not valid]


def test_every_deliverable_package_and_merge_is_written_under_such_names(folder):
    path = Path(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", folder / NAME))
    atelier = open_atelier(path)
    outputs = [folder / f"{kind} relu l'été{suffix}" for kind, suffixes in SUFFIXES.items() for suffix in suffixes]

    for output in outputs:
        kind = output.name.split(" ")[0]
        assert export_deliverable(atelier, kind, output).path == output
    export_replay(atelier, first_session(atelier), folder / "rejeu de l'été.gif")
    package = package_atelier(atelier, folder / "paquet d'été.gpkg").path
    other = Path(shutil.copy(path, folder / "l'autre portable.gpkg"))
    merged = merge_ateliers([path, other], folder / "fusion à l'été.gpkg").path

    assert all(output.stat().st_size > 0 for output in [*outputs, folder / "rejeu de l'été.gif"])
    assert validate(package) == [] and validate(merged) == []
    for written in (package, merged):
        layers = opened_in_a_plain_qgis(written)
        assert layers and all(layers.values()), (written.name, [name for name, valid in layers.items() if not valid])


def test_a_hash_in_the_name_is_refused_before_anything_is_written(folder):
    """QGIS cuts a path at '#' when it stores a project: said at once, rather than a file without its project."""
    with pytest.raises(AtelierError, match="'#'"):
        create_atelier(folder / "atelier n°2 #relu.gpkg", TERRITORY_NAME)
    assert list(folder.iterdir()) == []


def test_a_file_renamed_with_a_hash_or_a_percent_still_opens(folder):
    """QGIS cannot store a project under such a name, but a planner's renaming one must not lose it."""
    made = create_atelier(folder / NAME, TERRITORY_NAME, communes=COMMUNES).path
    for renamed_as in ("relu #2.gpkg", "relu à 100%.gpkg"):
        renamed = Path(shutil.copy(made, folder / renamed_as))

        atelier = open_atelier(renamed)
        layers = opened_in_a_plain_qgis(renamed)

        assert atelier.metadata.territory == TERRITORY_NAME
        assert layers and all(layers.values()), (renamed_as, [name for name, valid in layers.items() if not valid])
