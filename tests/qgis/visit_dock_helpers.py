"""What both files of the site visit dock's tests share: the dock in a new session, the photo settings, places."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pyproj import Transformer
from qgis.core import QgsSettings
from qgis.PyQt.QtWidgets import QInputDialog

from tests.conftest import kept_settings
from tests.qgis.desk import (
    press,
    rows,
    show_on_screen,
)

BRAY_GPS = (48.4148, 3.2378)  # latitude, longitude
TO_LAMBERT_93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
JANUARY_VISIT = datetime(2017, 1, 26, 9, 15, 0)
PHOTO_SETTINGS = [
    f"bassee_atelier/{name}"
    for name in ("photo_preview_pixels", "keep_photo_originals", "photo_join_distance_m", "max_photo_megabytes")
]


@pytest.fixture
def photo_settings(qgis_app):
    """The photo settings at their defaults, and as the user had them after the test."""
    with kept_settings(*PHOTO_SETTINGS):
        for key in PHOTO_SETTINGS:
            QgsSettings().remove(key)
        yield


@pytest.fixture
def dock(plugin, iface, atelier_path, photo_settings, monkeypatch):
    """The visit dock on the atelier, in a session "Arpentage" made with the dock's "+"."""
    plugin.loader.open(atelier_path)
    show_on_screen(iface)
    dock = plugin.toggle_visit_dock()
    show_on_screen(iface)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Arpentage de janvier", True))
    press(dock.chooser.add_session_button)
    iface.messageBar().clear_messages()
    return dock


def session_uuid(path: Path) -> str:
    [session] = rows(path, "sessions")
    return session["uuid"]
