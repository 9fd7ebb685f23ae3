"""What both files of the shared atelier dialog's tests share: saved connections, the log, the dialog, checks.

The connections are real saved QGIS connections: nothing is mocked. ``saved_connections`` is
used by every test of a module that names it (autouse). ``assert_no_password_anywhere`` checks
that the password of the cluster reaches no layer, the project, the message bar or the log.
"""

from __future__ import annotations

import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProviderRegistry,
    QgsSettings,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY
from bassee_atelier_plugin.gui.atelier.shared_atelier_dialog import SharedAtelierDialog
from tests.postgres import PASSWORD, SUPERUSER

CONNECTIONS_GROUP = "PostgreSQL/connections"
TERRITORY_NAME = "CC Bassée-Montois"


@pytest.fixture(autouse=True)
def saved_connections(qgis_app):
    """Save QGIS PostgreSQL connections for one test; those the profile had before are put back after."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    settings = QgsSettings()
    settings.beginGroup(CONNECTIONS_GROUP)
    kept = {key: settings.value(key) for key in settings.allKeys()}
    settings.endGroup()
    for name in list(metadata.connections(False)):
        metadata.deleteConnection(name)

    def save(name: str, uri: str, **configuration) -> str:
        metadata.saveConnection(metadata.createConnection(uri, configuration), name)
        return name

    yield save
    for name in list(metadata.connections(False)):
        metadata.deleteConnection(name)
    for key, value in kept.items():
        settings.setValue(f"{CONNECTIONS_GROUP}/{key}", value)


@pytest.fixture
def logged(qgis_app):
    """Every message of QGIS's log (all tabs) during the test."""
    messages = []

    def keep(message, _tag, _level):
        messages.append(message)

    log = QgsApplication.messageLog()
    log.messageReceived.connect(keep)
    yield messages
    log.messageReceived.disconnect(keep)


@pytest.fixture
def open_dialog(plugin):
    """The plugin's dialog as its action shows it; closed after the test if the test left it open."""
    shown = []

    def open_() -> SharedAtelierDialog:
        plugin.actions["open_shared"].trigger()
        [dialog] = [
            dialog for dialog in plugin.iface.mainWindow().findChildren(SharedAtelierDialog) if dialog.isVisible()
        ]
        shown.append(dialog)
        return dialog

    yield open_
    for dialog in shown:
        try:
            dialog.reject()
        except RuntimeError:  # already accepted, and deleted on close
            pass


# -- helpers ---------------------------------------------------------------------------------


def database_name(database: str) -> str:
    return database.rsplit("/", 1)[1]


def connection_uri(port: int, database: str, user: str | None = SUPERUSER, **more: str) -> str:
    """A libpq conninfo as QGIS keeps a connection's: the database of ``database`` (an address), on the cluster."""
    parts = [f"host=127.0.0.1 port={port} dbname='{database_name(database)}'"]
    if user:
        parts.append(f"user='{user}'")
    parts += [f"{key}='{value}'" for key, value in more.items()]
    return " ".join(parts)


def ok_button(dialog: SharedAtelierDialog):
    return dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def click_ok(dialog: SharedAtelierDialog) -> None:
    QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)


def atelier_groups(project) -> list:
    return [
        group for group in project.layerTreeRoot().findGroups(True) if group.customProperty(ATELIER_LOCATION_PROPERTY)
    ]


def messages(iface, level: Qgis.MessageLevel) -> list[str]:
    """The message bar's messages of ``level``, without the title the stub puts before each."""
    return [message.split(":", 1)[1] for message in iface.messageBar().get_messages(level)]


def all_messages(iface) -> list[str]:
    levels = (Qgis.MessageLevel.Info, Qgis.MessageLevel.Success, Qgis.MessageLevel.Warning, Qgis.MessageLevel.Critical)
    return [message for level in levels for message in iface.messageBar().get_messages(level)]


def assert_no_password_anywhere(project, iface, logged, tmp_path, password: str = PASSWORD) -> None:
    """Neither the layers, the project (as written to a file), the message bar nor the log hold ``password``."""
    for layer in project.mapLayers().values():
        assert password not in layer.source() and "password" not in layer.source()
    for group in atelier_groups(project):
        assert all(password not in str(group.customProperty(key)) for key in group.customProperties())
    written = tmp_path / "with-the-shared-atelier.qgs"
    assert project.write(str(written))
    assert password not in written.read_text(encoding="utf-8")
    assert all(password not in message for message in all_messages(iface))
    assert all(password not in message for message in logged)
