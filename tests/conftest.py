"""Shared fixtures. QGIS itself comes from pytest-qgis (qgis_app, qgis_iface, qgis_canvas...)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "sample_data"
TERRITORY = REPO.parent / "shared" / "territory"


def pytest_report_header(config):
    from osgeo import gdal
    from qgis.core import Qgis
    from qgis.PyQt.QtCore import QT_VERSION_STR

    return f"QGIS {Qgis.version()}, GDAL {gdal.__version__}, Qt {QT_VERSION_STR}"


@pytest.fixture
def new_atelier(qgis_app, tmp_path):
    """A freshly created, empty atelier in a temporary folder."""
    from bassee_atelier_plugin.core.storage import Atelier

    return Atelier.create(tmp_path / "atelier.gpkg", territory="CC Bassée-Montois")


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

    from bassee_atelier_plugin.core.storage import Atelier

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
    Atelier.open(path).counts()
    assert folder() == before, "the plugin's own open"
