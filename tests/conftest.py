"""Shared fixtures. QGIS itself comes from pytest-qgis (qgis_app, qgis_iface, qgis_canvas...)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
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


def instant(stored: str) -> datetime:
    """A GeoPackage DATETIME as the moment it names.

    GDAL 3.6 writes "2017-01-26T09:15:00.000Z"; GDAL 3.10 (QGIS 3.40 and 3.44 on Debian) writes a whole
    second as "2017-01-26T09:15:00Z". Both are the GeoPackage's form, and the plugin reads both.
    """
    return datetime.fromisoformat(stored.replace("Z", "+00:00"))


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
