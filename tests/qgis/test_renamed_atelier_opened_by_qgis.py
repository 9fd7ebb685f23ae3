"""A renamed atelier's stored project opened with QGIS's own menu (Project > Open From > GeoPackage), the plugin loaded.

QgsProject.instance() reading the project's address is what that menu, a double-click and
``qgis --project geopackage:…`` do. A bare QgsProject stands for a plain QGIS without the plugin.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from osgeo import gdal
from qgis.core import QgsProject, QgsVectorLayer

from bassee_atelier_plugin.core.stores.registry import store_for
from bassee_atelier_plugin.gui.atelier.loader import find_atelier_group
from bassee_atelier_plugin.plugin import AtelierPlugin
from tests.conftest import SAMPLE_DATA
from tests.qgis.test_renamed_atelier import SAMPLE_NAME, copy_of_sample, digest, files_read, plain_qgis_project

FOLDER = "Dossier d'été"
RENAMED = "Atelier Bassée v2 - relu.gpkg"


def address(path: Path) -> str:
    return f"geopackage:{path}?projectName=atelier"


def read_by_qgis(uri: str) -> QgsProject:
    project = QgsProject.instance()
    assert project.read(uri), project.error()
    return project


@pytest.mark.parametrize("encoded", [False, True], ids=["typed address", "address as QGIS's menu encodes it"])
def test_qgis_own_open_finds_every_layer_where_the_file_is_now_and_repairs_it(plugin, tmp_path, encoded):
    renamed = copy_of_sample(tmp_path / FOLDER, RENAMED)
    assert files_read(plain_qgis_project(renamed)) == {None}  # the plugin leaves other projects' reads alone

    project = read_by_qgis(store_for(renamed).project_uri("atelier") if encoded else address(renamed))

    assert files_read(project) == {str(renamed)} and len(project.mapLayers()) > 30
    assert find_atelier_group(project, renamed) is not None  # the plugin's docks and Open find it where it is
    assert not project.isDirty()
    repaired = plain_qgis_project(renamed)  # next time, a QGIS without the plugin opens it whole
    assert files_read(repaired) == {str(renamed)} and len(repaired.mapLayers()) == len(project.mapLayers())


def test_a_read_only_renamed_atelier_is_followed_and_left_as_it_is(plugin, tmp_path):
    renamed = copy_of_sample(tmp_path / FOLDER, RENAMED)
    os.chmod(renamed, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = digest(renamed)

    project = read_by_qgis(address(renamed))

    assert files_read(project) == {str(renamed)} and find_atelier_group(project, renamed) is not None
    assert digest(renamed) == before
    assert files_read(plain_qgis_project(renamed)) == {None}


def test_once_the_plugin_is_unloaded_qgis_reads_a_renamed_atelier_as_it_would_without_it(iface, tmp_path):
    first = copy_of_sample(tmp_path / FOLDER, RENAMED)
    second = copy_of_sample(tmp_path / FOLDER, "Atelier Bassée v3.gpkg")
    plugin = AtelierPlugin(iface)
    plugin.initGui()
    assert files_read(read_by_qgis(address(first))) == {str(first)}

    plugin.unload()

    before = digest(second)
    assert files_read(read_by_qgis(address(second))) == {None}
    assert digest(second) == before


def test_a_project_in_a_geopackage_that_is_no_atelier_is_left_alone(plugin, tmp_path):
    """Its layer names an atelier's table in a file gone: the project's own file has one too, and must not stand in."""
    folder = tmp_path / FOLDER
    folder.mkdir()
    plain, gone = folder / "plan de gestion.gpkg", folder / "ancien.gpkg"
    for path in (plain, gone):  # a planner's export of an atelier's layer
        gdal.VectorTranslate(str(path), str(SAMPLE_DATA / SAMPLE_NAME), layers=["stakes_point"])
    stored = QgsProject()
    layer = QgsVectorLayer(f"{gone}|layername=stakes_point", "enjeux", "ogr")
    assert layer.isValid()
    stored.addMapLayer(layer)
    assert stored.write(address(plain).replace("atelier", "plan"))
    gone.unlink()
    before = digest(plain)

    project = read_by_qgis(address(plain).replace("atelier", "plan"))

    [read] = project.mapLayers().values()
    assert not read.isValid() and read.source().split("|")[0] == str(gone)
    assert digest(plain) == before
