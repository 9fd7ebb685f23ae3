"""Ateliers cross QGIS versions: one made by QGIS 3.44 opens and edits here, and the reverse.

Each side runs ``tests/cross_version.py`` in its own QGIS: the host's, and QGIS 3.44 in the
isolated Debian root that ``make test QGIS=3.44`` makes (scripts/qgis_root.sh). Both describe
what a planner gets from an atelier (its stored project's layers, styles, forms, relations and
layouts, and the features after an edit), and the atelier made by the other QGIS must be
described exactly as one made by the QGIS that reads it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import REPO

OTHER_QGIS = "3.44"
QGIS_ROOTS = Path(os.environ.get("QGIS_ROOTS", "/var/cache/bassee-atelier-plugin/qgis-roots"))
ROOT_SCRIPT = REPO / "scripts" / "qgis_root.sh"

pytestmark = pytest.mark.skipif(
    not (QGIS_ROOTS / f"qgis-{OTHER_QGIS}" / ".atelier-root-recipe").exists() or os.geteuid() != 0,
    reason=f"needs the QGIS {OTHER_QGIS} root and root rights: `make test QGIS={OTHER_QGIS}` makes it, "
    "and the suite run inside that root has no other QGIS to compare with",
)


@pytest.fixture
def folder():
    """A folder inside the project: the other QGIS's root sees the project, not this machine's /tmp."""
    (REPO / "build").mkdir(exist_ok=True)
    made = Path(tempfile.mkdtemp(prefix="cross-version-", dir=REPO / "build"))
    yield made
    shutil.rmtree(made, ignore_errors=True)


def in_this_qgis(command: str, atelier: Path) -> str:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return _run([sys.executable, "-m", "tests.cross_version", command, str(atelier)], environment)


def in_other_qgis(command: str, atelier: Path) -> str:
    return _run([str(ROOT_SCRIPT), OTHER_QGIS, "python", "-m", "tests.cross_version", command, str(atelier)])


def _run(command: list[str], environment: dict | None = None) -> str:
    finished = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished.stdout.strip().splitlines()[-1] if finished.stdout.strip() else ""


def assert_whole(description: dict) -> None:
    """What each side must see in any atelier, whichever QGIS made it."""
    layers = description["layers"]
    assert layers and all(layer["valid"] for layer in layers.values())
    stakes = [layers[f"Enjeux ({kind})"] for kind in ("points", "lignes", "zones")]
    assert all(layer["categories"] > 50 and layer["labels"] for layer in stakes)  # a look per theme, status, votes
    assert all(layer["styles"] == ["atelier", "projecteur"] for layer in stakes)  # the desk and projector looks
    assert any("ValueRelation" in layer["widgets"].values() for layer in layers.values())
    assert description["relations"] > 0 and description["layouts"]
    assert description["stakes"] == [["Crue de 1910", 0], ["Gare de Longueville", 1]]


@pytest.mark.parametrize(
    ("maker", "reader"),
    [(in_other_qgis, in_this_qgis), (in_this_qgis, in_other_qgis)],
    ids=["made-by-3.44-read-here", "made-here-read-by-3.44"],
)
def test_an_atelier_made_by_one_qgis_opens_and_edits_in_the_other(folder, maker, reader):
    made_there, made_by_reader = folder / "made-there.gpkg", folder / "made-by-reader.gpkg"
    maker("make", made_there)
    reader("make", made_by_reader)
    read = json.loads(reader("edit", made_there))
    assert_whole(read)
    assert read == json.loads(reader("edit", made_by_reader))  # nothing lost on the way between versions
