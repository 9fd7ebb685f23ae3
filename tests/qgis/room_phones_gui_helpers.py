"""What both files of the phones' tests in QGIS share: their settings, the sample atelier open, the server started.

``phone_settings`` is used by every test of a module that names it (autouse): loopback, any
free port, in English, and the user's settings left alone.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDockWidget

from bassee_atelier_plugin.toolbelt.settings import PREFIX, PluginSettings
from tests.conftest import kept_settings
from tests.qgis.desk import show_on_screen, shown_dock
from tests.qgis.phone import sample_copy

WORKSHOP = "Atelier : quelle attractivité pour la Bassée-Montois ?"  # a session of the sample atelier
WAIT_S = 30  # a deadline for what the server's threads announce, never a measure of speed
POLL_MS = 20


@pytest.fixture(autouse=True)
def phone_settings(qgis_app):
    """Loopback, any free port, no rate limit to speak of, in English; the user's settings are left alone."""
    keys = [f"{PREFIX}/{field.name}" for field in fields(PluginSettings)]
    with kept_settings(*keys, "locale/overrideFlag", "locale/userLocale"):
        settings = QgsSettings()
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "en")
        save_settings(phone_host="127.0.0.1", phone_port=0, phone_requests_per_minute=6000)
        yield
    QApplication.processEvents()  # the closed QR screen gave the keys back to QGIS's window: before the next test


def save_settings(**values) -> None:
    settings = PluginSettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()


@pytest.fixture
def atelier(plugin, iface, tmp_path) -> Path:
    """A copy of the sample atelier, open in the project, the canvas framed on Bray."""
    path = sample_copy(tmp_path)
    for dock in iface.mainWindow().findChildren(QDockWidget):  # an earlier test's docks would squeeze the map
        dock.hide()
    plugin.loader.open(path)
    show_on_screen(iface)
    return path


def choose_session(plugin, iface, title: str = WORKSHOP) -> None:
    """As the facilitator does it: in the Live workshop dock's list of sessions."""
    dock = shown_dock(iface, plugin.toggle_live_dock)
    dock.session_combo.setCurrentIndex(dock.session_combo.findText(title))
    plugin.toggle_live_dock()  # hidden again: the phones' features need no dock of their own


@pytest.fixture
def phones(plugin, iface, atelier):
    """Contributions from phones, started from the plugin's action."""
    choose_session(plugin, iface)
    plugin.phones.action.trigger()
    assert plugin.phones.running
    iface.messageBar().clear_messages()
    return plugin.phones


def wait_until(condition, seconds: float = WAIT_S) -> None:
    """Let Qt deliver what the server's threads queued until ``condition()`` holds, or the deadline passes."""
    for _step in range(int(seconds * 1000 / POLL_MS)):
        if condition():
            return
        QTest.qWait(POLL_MS)
    assert condition()


def tick(box) -> None:
    """A click on a check box's box: the widget is wider than its box and text."""
    QTest.mouseClick(
        box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(box.height() // 2, box.height() // 2)
    )
