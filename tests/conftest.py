"""Shared fixtures. QGIS itself comes from pytest-qgis (qgis_app, qgis_iface, qgis_canvas...)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

if TYPE_CHECKING:
    from bassee_atelier_plugin.core.atelier.atelier import Atelier

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "sample_data"
TERRITORY = REPO.parent / "shared" / "territory"
GPX_FILES = REPO / "tests" / "gpx"  # GPX files in the shapes GPS units and phone apps write
COMMUNES = TERRITORY / "bassee_montois_communes.geojson"


def pytest_report_header(config):
    from osgeo import gdal
    from qgis.core import Qgis
    from qgis.PyQt.QtCore import QT_VERSION_STR

    return f"QGIS {Qgis.version()}, GDAL {gdal.__version__}, Qt {QT_VERSION_STR}"


def instant(stored: str) -> datetime:
    """A GeoPackage DATETIME as the moment it names.

    GDAL 3.6 writes "2017-01-26T09:15:00.000Z"; GDAL 3.10 (QGIS 3.40 and 3.44 on Debian) writes a whole
    second as "2017-01-26T09:15:00Z". Both are the GeoPackage's form, and the plugin reads both.
    """
    return datetime.fromisoformat(stored.replace("Z", "+00:00"))


@pytest.fixture(scope="session")
def created_atelier(qgis_app, tmp_path_factory) -> Callable[..., Atelier]:
    """``created_atelier(path, communes=False)``: what ``Atelier.create`` makes at ``path``, as a copy.

    Creating an atelier stores some forty styles and a QGIS project, seconds of work; copying
    the file takes milliseconds. So each kind of atelier is created once per session (per
    pytest-xdist worker), by ``Atelier.create`` itself, and every test gets its own copy of it.
    The copy keeps the file name it was created under: the stored project finds its layers by
    a path relative to the file (``./a.gpkg``).
    """

    created = {}

    def copy(path: Path, communes: bool = False) -> Atelier:
        key = (path.name, communes)
        if key not in created:
            folder = tmp_path_factory.mktemp("created-atelier")
            template = create_atelier(
                folder / path.name, territory="CC Bassée-Montois", communes=COMMUNES if communes else None
            ).path
            assert sorted(folder.iterdir()) == [template], "no journal nor write-ahead log beside it: a copy is whole"
            template.chmod(0o444)  # copied, never opened for writing
            created[key] = template
        shutil.copyfile(created[key], path)  # the bytes only: the copy is writable
        return open_atelier(path)

    return copy


@pytest.fixture
def new_atelier(created_atelier, tmp_path):
    """A freshly created, empty atelier in a temporary folder."""
    return created_atelier(tmp_path / "atelier.gpkg")


@contextmanager
def kept_settings(*keys: str) -> Iterator[None]:
    """Leave these QGIS settings of the user as the test found them."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    saved = {key: settings.value(key) for key in keys if settings.contains(key)}
    try:
        yield
    finally:
        for key in keys:
            if key in saved:
                settings.setValue(key, saved[key])
            else:
                settings.remove(key)


def assert_read_only_opens_leave_no_side_file(path) -> None:
    """Open the atelier read-only as QGIS does all the time, through GDAL and through a layer: nothing appears.

    GDAL 3.10 writes the dataset metadata of a GeoPackage opened read-only to NAME.gpkg.aux.xml
    on closing, unless it was read: an atelier keeps its metadata in a table of its own instead.
    """
    from osgeo import gdal
    from qgis.core import QgsVectorLayer

    def folder() -> list[str]:
        return sorted(child.name for child in path.parent.iterdir())

    before = folder()
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    dataset.GetLayerByName("stakes_point").GetFeatureCount()
    dataset = None
    assert folder() == before, "a GDAL read-only open"
    layer = QgsVectorLayer(f"{path}|layername=stakes_point", "stakes", "ogr")
    assert layer.isValid()
    list(layer.getFeatures())
    del layer  # the last layer on the file closes QGIS's dataset
    assert folder() == before, "a QGIS layer"
    open_atelier(path).counts()
    assert folder() == before, "the plugin's own open"
