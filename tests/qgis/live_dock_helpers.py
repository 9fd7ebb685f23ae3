"""What both files of the live workshop dock's tests share: the dock, shown on an open atelier, in fast mode."""

from __future__ import annotations

import pytest

from tests.qgis.desk import shown_dock


@pytest.fixture
def dock(plugin, iface, atelier_path):
    plugin.loader.open(atelier_path)
    dock = shown_dock(iface, plugin.toggle_live_dock)
    dock.fast_mode.setChecked(True)
    return dock
