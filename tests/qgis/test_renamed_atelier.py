"""A renamed, moved or copied atelier: the plugin, the command line, every deliverable and a plain QGIS find its layers.

The stored project names its layers' file by a path relative to it (``./name.gpkg|layername=…``),
and QGIS follows no rename: a bare QgsProject stands for a plain QGIS without the plugin.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from qgis.core import QgsApplication, QgsProject, QgsSingleSymbolRenderer
from qgis.PyQt.QtGui import QImage

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.deliverables.exports import KINDS, export_deliverable
from bassee_atelier_plugin.core.deliverables.replay import export_replay
from bassee_atelier_plugin.core.handoff.package import package_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY, read_stored_project
from bassee_atelier_plugin.core.presentation.snapshot import render_snapshot
from bassee_atelier_plugin.core.stores.geopackage.stored_projects import _project_xml
from tests.conftest import REPO, SAMPLE_DATA
from tests.unit.test_cli import run

SAMPLE_NAME = "bassee_montois_atelier.gpkg"
# a planner's name for a second version: spaces, accents, an apostrophe and an ampersand (escaped in XML)
RENAMED = "Atelier Bassée v2 - relu l'été & co.gpkg"
WORKSHOP = "Atelier : quelle attractivité pour la Bassée-Montois ?"


def copy_of_sample(folder: Path, name: str = SAMPLE_NAME) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SAMPLE_DATA / SAMPLE_NAME, folder / name))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plain_qgis_project(path: Path) -> QgsProject:
    """The stored project as QGIS reads it without the plugin (Project > Open From > GeoPackage)."""
    project = QgsProject()
    assert project.read(f"geopackage:{path}?projectName=atelier")
    return project


def files_read(project: QgsProject) -> set[str]:
    """The files the project's valid layers read; an invalid layer counts as ``None``."""
    return {layer.source().split("|")[0] if layer.isValid() else None for layer in project.mapLayers().values()}


def stored_xml(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        [(content,)] = connection.execute("SELECT content FROM qgis_projects WHERE name = 'atelier'")
    return _project_xml(content)[1]


def pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def test_before_any_repair_the_plugin_reads_the_stored_project_where_the_file_is_now(qgis_app, tmp_path):
    renamed = copy_of_sample(tmp_path / "Dossier d'été", RENAMED)
    before = digest(renamed)
    atelier = open_atelier(renamed, upgrade=False)  # reads only, as snapshot and validate do

    project = QgsProject()
    assert read_stored_project(atelier, project)

    assert files_read(project) == {str(renamed)}
    assert files_read(plain_qgis_project(renamed)) == {None}  # QGIS alone finds none: the plugin's read did
    assert digest(renamed) == before


def test_a_copy_beside_the_original_shows_its_own_features_not_the_originals(qgis_app, tmp_path):
    copy_of_sample(tmp_path)
    copy = copy_of_sample(tmp_path, "copie.gpkg")
    with writer(open_atelier(copy, upgrade=False), author="test") as edits:
        edits.insert(
            "stakes_point", {"theme": "eau_risques", "title": "Seulement dans la copie"}, "POINT (716000 6813000)"
        )
    # QGIS alone silently shows the original's features, whose file is still there
    assert files_read(plain_qgis_project(copy)) == {str(tmp_path / SAMPLE_NAME)}

    project = QgsProject()
    assert read_stored_project(open_atelier(copy, upgrade=False), project)
    assert files_read(project) == {str(copy)}

    open_atelier(copy)
    repaired = plain_qgis_project(copy)
    [stakes] = repaired.mapLayersByName("Enjeux (points)")
    assert stakes.source().split("|")[0] == str(copy)
    assert "Seulement dans la copie" in {feature["title"] for feature in stakes.getFeatures()}


def test_opening_repairs_the_stored_project_so_that_a_plain_qgis_opens_it_styled(qgis_app, tmp_path):
    renamed = copy_of_sample(tmp_path / "Dossier d'été", RENAMED)

    open_atelier(renamed)

    project = plain_qgis_project(renamed)
    assert files_read(project) == {str(renamed)} and len(project.mapLayers()) > 30
    [stakes] = project.mapLayersByName("Enjeux (points)")
    assert not isinstance(stakes.renderer(), QgsSingleSymbolRenderer)  # its stored style, not QGIS's default
    atlases = [layout.atlas() for layout in project.layoutManager().printLayouts() if layout.atlas().enabled()]
    assert atlases and {atlas.coverageLayer().source().split("|")[0] for atlas in atlases} == {str(renamed)}
    groups = [
        group for group in project.layerTreeRoot().findGroups(True) if group.customProperty(ATELIER_LOCATION_PROPERTY)
    ]
    assert [group.customProperty(ATELIER_LOCATION_PROPERTY) for group in groups] == [str(renamed)]
    assert SAMPLE_NAME not in stored_xml(renamed)  # no layout, atlas nor group names the former file
    repaired = digest(renamed)
    open_atelier(renamed)
    assert digest(renamed) == repaired  # once repaired, opening writes nothing


def test_a_file_moved_under_its_own_name_needs_no_repair(qgis_app, tmp_path):
    moved = copy_of_sample(tmp_path / "ailleurs")
    before = digest(moved)

    assert files_read(plain_qgis_project(moved)) == {str(moved)}  # QGIS resolves ./name against the file
    open_atelier(moved)
    assert digest(moved) == before


def test_a_package_of_an_atelier_renamed_and_never_repaired_names_itself(qgis_app, tmp_path):
    renamed = copy_of_sample(tmp_path / "source", RENAMED)

    package = package_atelier(open_atelier(renamed, upgrade=False), tmp_path / "remise.gpkg", packager="DDT 77")

    assert files_read(plain_qgis_project(package.path)) == {str(tmp_path / "remise.gpkg")}


def test_a_renamed_atelier_another_program_holds_opens_all_the_same_and_says_why_it_was_not_repaired(
    qgis_app, tmp_path
):
    renamed = copy_of_sample(tmp_path, RENAMED)
    logged = []

    def keep(message, _tag, _level):
        logged.append(message)

    QgsApplication.messageLog().messageReceived.connect(keep)
    holder = sqlite3.connect(renamed)
    holder.execute("BEGIN IMMEDIATE")  # another program writing: others may read, not write
    try:
        atelier = open_atelier(renamed)
    finally:
        holder.close()
        QgsApplication.messageLog().messageReceived.disconnect(keep)

    assert any("still names the file's former name" in message and "locked" in message for message in logged)
    assert files_read(plain_qgis_project(renamed)) == {None}  # nothing half written
    project = QgsProject()
    assert read_stored_project(atelier, project) and files_read(project) == {str(renamed)}


def test_the_command_line_makes_as_many_commune_sheets_under_any_name(qgis_app, tmp_path):
    original = copy_of_sample(tmp_path / "original")
    renamed = copy_of_sample(tmp_path / "Dossier d'été", RENAMED)

    sheets = {}
    for path in (original, renamed):
        output = path.with_suffix(".pdf")
        result = run("export", "fiches-communes", str(path), "-o", str(output))
        assert result.returncode == 0, result.stderr
        sheets[path] = pages(output)

    assert sheets[renamed] == sheets[original] > 1


def test_every_deliverable_of_a_renamed_atelier_exports(qgis_app, tmp_path):
    renamed = copy_of_sample(tmp_path / "Dossier d'été", RENAMED)
    atelier = open_atelier(renamed, upgrade=False)  # not repaired: the plugin's own reads follow the file

    for kind in KINDS:
        written = export_deliverable(atelier, kind, tmp_path / f"{kind}.pdf").path
        assert pages(written) >= 1, kind
    assert export_replay(atelier, WORKSHOP, tmp_path / "replay.gif").frames > 1
    assert files_read(plain_qgis_project(renamed)) == {None}  # still unrepaired: the exports read it as it is


def test_the_snapshot_of_a_renamed_atelier_draws_what_the_original_draws(qgis_app, tmp_path):
    original = copy_of_sample(tmp_path / "original")
    renamed = copy_of_sample(tmp_path / "Dossier d'été", RENAMED)

    drawn = [
        drawn_pixels(
            QImage(str(render_snapshot(open_atelier(path, upgrade=False), tmp_path / f"{index}.png", 480, 270)))
        )
        for index, path in enumerate((original, renamed))
    ]

    # QGIS's renders of one map differ by a few pixels; layers not found would leave the background alone
    assert drawn[0] > 480 * 270 / 10 and abs(drawn[1] - drawn[0]) < drawn[0] / 20


def drawn_pixels(image: QImage) -> int:
    background = image.pixel(0, 0)
    return sum(image.pixel(x, y) != background for x in range(image.width()) for y in range(image.height()))


def private_mounts() -> bool:
    """True when this process may mount in a namespace of its own: root, and not in a chroot (CI's QGIS roots)."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not private_mounts(), reason="a folder read-only for root needs a bind mount of its own")
def test_a_renamed_atelier_in_a_read_only_folder_exports_without_a_warning_and_is_left_untouched(qgis_app, tmp_path):
    folder = tmp_path / "Dossier d'été"
    renamed = copy_of_sample(folder, RENAMED)
    before = digest(renamed)
    output = tmp_path / "fiches.pdf"
    # chmod does not stop root: the folder is mounted read-only over itself, in a mount namespace of its own
    script = 'mount --bind -o ro "$1" "$1" && ! touch "$1/essai" 2>/dev/null && shift && exec "$@"'
    command = [
        sys.executable,
        "-m",
        "bassee_atelier_plugin",
        "export",
        "fiches-communes",
        str(renamed),
        "-o",
        str(output),
    ]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}

    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, "sh", str(folder), *command],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    # only GDAL's own line, as QGIS opens a layer for writing first: no warning of the plugin's
    assert [line for line in result.stderr.splitlines() if "Read-only file system" not in line] == []
    assert pages(output) > 1
    assert digest(renamed) == before
    assert files_read(plain_qgis_project(renamed)) == {None}  # left as it was: nothing was written
