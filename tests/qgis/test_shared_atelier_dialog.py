"""The "Shared atelier (PostgreSQL)" dialog, driven with keys and clicks, on a throwaway PostgreSQL cluster.

The connections are real saved QGIS connections and the authentication configuration a
real one in QGIS's store: nothing is mocked. Whatever the way in, the password of the
cluster must never reach a layer, the project, the message bar or the log.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsAuthMethodConfig,
    QgsProviderRegistry,
    QgsSettings,
)
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import TABLES
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY
from bassee_atelier_plugin.core.stores.ogr_tables import METADATA_TABLE
from bassee_atelier_plugin.gui.atelier.shared_atelier_dialog import SharedAtelierDialog
from tests.postgres import PASSWORD, SUPERUSER
from tests.qgis.conftest import needs_postgres
from tests.qgis.test_postgis import wait_for

pytestmark = needs_postgres

CONNECTIONS_GROUP = "PostgreSQL/connections"
MASTER_PASSWORD = "maitre-des-tests-partages"
TERRITORY_NAME = "CC Bassée-Montois"


# -- fixtures: saved connections, an authentication configuration, the log -------------------


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
def basic_authentication(qgis_app):
    """Make "Basic" configurations (user name, password) in QGIS's store; the store is left as found.

    pytest-qgis gives QGIS a profile of its own (``QGIS_CUSTOM_CONFIG_PATH``, the repository's
    ``.qgis-settings``), so the store is not the user's; anywhere else the test is skipped.
    """
    manager = QgsApplication.authManager()
    store = Path(manager.authenticationDatabasePath()).resolve()
    test_profile = os.environ.get("QGIS_CUSTOM_CONFIG_PATH")
    if not test_profile or Path(test_profile).resolve() not in store.parents:
        pytest.skip(f"QGIS's authentication store {store} is not in pytest-qgis's test profile: left alone")
    had_master_password = manager.masterPasswordHashInDatabase()
    if not manager.setMasterPassword(MASTER_PASSWORD, True):
        pytest.skip(f"the authentication store {store} has another master password than the tests'")
    made = []

    def make(username: str, password: str) -> str:
        config = QgsAuthMethodConfig("Basic")
        config.setName(f"Atelier partagé (tests) {len(made)}")
        config.setConfig("username", username)
        config.setConfig("password", password)
        stored, config = manager.storeAuthenticationConfig(config)
        assert stored and config.id()
        made.append(config.id())
        return config.id()

    yield make
    for config_id in made:
        manager.removeAuthenticationConfig(config_id)
    if not had_master_password:  # QGIS 3.22 cannot unset a master password: its hash is forgotten by hand
        manager.clearMasterPassword()
        with closing(sqlite3.connect(store)) as connection, connection:
            connection.execute("DELETE FROM auth_pass")


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


def type_text(widget, text: str, replace: bool = True) -> None:
    """Type into a line edit, replacing what it holds; one key event per character (QTest.keyClicks stops at é)."""
    if replace:
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
    for character in text:
        for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                widget, QKeyEvent(event_type, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            )


def choose_connection(dialog: SharedAtelierDialog, name: str) -> None:
    """Move through the combo box with the arrow keys, as a user with the keyboard would."""
    combo = dialog.connectionCombo
    target = combo.findText(name)
    assert target >= 0, f"{name} is not offered"
    while combo.currentIndex() != target:
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def click(button) -> None:
    """A left click on a button's indicator (a radio button's label may be narrower than the widget)."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, button.height() // 2))


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


def schemas(cluster, database: str) -> set[str]:
    return set(cluster.sql("SELECT schema_name FROM information_schema.schemata", database_name(database)).split())


# -- opening and creating ----------------------------------------------------------------------


def test_the_dialog_opens_a_shared_atelier_without_its_password(
    cluster, database, saved_connections, open_dialog, iface, qgis_new_project, logged, tmp_path
):
    create_atelier(database, TERRITORY_NAME)
    saved_connections("Bassée partagée", connection_uri(cluster.port, database), saveUsername=True)
    saved_connections("Autre serveur", "host=autre.example.org port=5432 dbname='sig' user='moi'", saveUsername=True)

    dialog = open_dialog()
    assert dialog.windowTitle() == "Shared atelier (PostgreSQL)"
    assert [dialog.connectionCombo.itemText(index) for index in range(dialog.connectionCombo.count())] == [
        "Autre serveur",
        "Bassée partagée",
    ]
    choose_connection(dialog, "Bassée partagée")
    assert (
        dialog.connectionDetails.text()
        == f"Database {database_name(database)} on 127.0.0.1:{cluster.port}, user {SUPERUSER}"
    )
    assert dialog.schemaEdit.text() == "atelier" and dialog.openRadio.isChecked()
    assert dialog.territoryEdit.isHidden(), "opening asks for no territory"
    assert ok_button(dialog).isEnabled() and ok_button(dialog).text() == "Open"
    click_ok(dialog)

    [group] = atelier_groups(qgis_new_project)
    assert group.name() == f"Atelier des territoires — {TERRITORY_NAME}"
    assert group.customProperty(ATELIER_LOCATION_PROPERTY).startswith(f"postgresql://{SUPERUSER}@127.0.0.1:")
    layers = list(qgis_new_project.mapLayers().values())
    assert len(layers) >= len(TABLES) and all(
        layer.providerType() == "postgres" and layer.isValid() for layer in layers
    )
    assert any(layer.featureCount() > 0 for layer in layers), "the thesaurus is read from the server"
    assert messages(iface, Qgis.MessageLevel.Success) == [f"Atelier opened: Atelier des territoires — {TERRITORY_NAME}"]
    assert not messages(iface, Qgis.MessageLevel.Critical)
    assert_no_password_anywhere(qgis_new_project, iface, logged, tmp_path)

    again = open_dialog()
    choose_connection(again, "Bassée partagée")
    click_ok(again)
    assert len(atelier_groups(qgis_new_project)) == 1, "the atelier already in the project is shown, not added twice"
    assert messages(iface, Qgis.MessageLevel.Info) == ["This atelier is already in the project: it is now selected."]


def test_the_dialog_creates_a_shared_atelier_in_a_new_schema(
    cluster, database, saved_connections, open_dialog, iface, qgis_new_project, logged, tmp_path
):
    saved_connections("Bassée partagée", connection_uri(cluster.port, database), saveUsername=True)
    dialog = open_dialog()
    type_text(dialog.schemaEdit, "bassee_2025")
    click(dialog.createRadio)
    assert dialog.createRadio.isChecked() and dialog.territoryEdit.isVisible()
    assert not ok_button(dialog).isEnabled(), "a new atelier needs its territory"
    assert dialog.problemLabel.isVisible() and "territory" in dialog.problemLabel.text()

    type_text(dialog.territoryEdit, TERRITORY_NAME)
    assert ok_button(dialog).isEnabled() and ok_button(dialog).text() == "Create"
    assert dialog.problemLabel.isHidden()
    click_ok(dialog)

    assert "bassee_2025" in schemas(cluster, database)
    address = database + "?schema=bassee_2025"
    assert open_atelier(address).metadata.territory == TERRITORY_NAME
    [group] = atelier_groups(qgis_new_project)
    assert "schema=bassee_2025" in group.customProperty(ATELIER_LOCATION_PROPERTY)
    assert all(layer.isValid() for layer in qgis_new_project.mapLayers().values())
    assert not messages(iface, Qgis.MessageLevel.Critical)
    assert_no_password_anywhere(qgis_new_project, iface, logged, tmp_path)


def test_creating_in_a_schema_that_exists_is_refused_and_leaves_it_untouched(
    cluster, database, saved_connections, open_dialog, iface, qgis_new_project
):
    create_atelier(database, "Donnemarie-Dontilly")
    saved_connections("Bassée partagée", connection_uri(cluster.port, database), saveUsername=True)
    dialog = open_dialog()
    click(dialog.createRadio)
    type_text(dialog.territoryEdit, TERRITORY_NAME)
    click_ok(dialog)

    [message] = messages(iface, Qgis.MessageLevel.Critical)
    assert message == "The schema atelier already exists in this database: it was left untouched."
    assert open_atelier(database + "?schema=atelier").metadata.territory == "Donnemarie-Dontilly"
    assert not qgis_new_project.mapLayers()


def test_creating_in_a_database_without_postgis_is_refused(cluster, saved_connections, open_dialog, iface, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(cluster.password_file))
    database = cluster.url(cluster.new_database("sans_postgis", postgis=False), password=None)
    saved_connections("Sans PostGIS", connection_uri(cluster.port, database), saveUsername=True)
    dialog = open_dialog()
    click(dialog.createRadio)
    type_text(dialog.territoryEdit, TERRITORY_NAME)
    click_ok(dialog)

    [message] = messages(iface, Qgis.MessageLevel.Critical)
    assert "has no PostGIS" in message
    assert "atelier" not in schemas(cluster, database)


# -- how the connection logs in ---------------------------------------------------------------


@pytest.fixture
def authenticated_connection(cluster, database, saved_connections, basic_authentication, tmp_path, monkeypatch):
    """An atelier, and a saved connection to it whose password is in QGIS's store alone (given, or the right one)."""
    create_atelier(database, TERRITORY_NAME)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))  # libpq's file no longer has it

    def save(password: str = PASSWORD) -> str:
        config_id = basic_authentication(SUPERUSER, password)
        uri = connection_uri(cluster.port, database, user=None, authcfg=config_id)
        saved_connections("Bassée (authentification)", uri)
        return config_id

    return save


def test_a_connection_with_an_authentication_configuration_gives_layers_that_name_it_only(
    cluster, database, authenticated_connection, open_dialog, iface, qgis_new_project, logged, tmp_path
):
    config_id = authenticated_connection()

    dialog = open_dialog()
    assert dialog.connectionDetails.text().endswith(", with a QGIS authentication configuration")
    click_ok(dialog)

    [group] = atelier_groups(qgis_new_project)
    assert f"authcfg={config_id}" in group.customProperty(ATELIER_LOCATION_PROPERTY)
    layers = list(qgis_new_project.mapLayers().values())
    assert layers and all(layer.isValid() and f"authcfg={config_id}" in layer.source() for layer in layers)
    assert all(SUPERUSER not in layer.source() for layer in layers), "the user name stays in the store too"
    assert not messages(iface, Qgis.MessageLevel.Critical)
    assert_no_password_anywhere(qgis_new_project, iface, logged, tmp_path)

    # QGIS 3.22 cannot listen with an authentication configuration: the plugin's listener redraws the layer
    [stakes] = [layer for layer in layers if layer_table(layer) == "stakes_point"]
    repaints = []
    stakes.repaintRequested.connect(lambda *_: repaints.append(True))
    with writer(open_atelier(cluster.url(database_name(database))), author="table 2") as other_table:
        uuid = other_table.insert("stakes_point", {"theme": "eau_risques", "title": "Crue"}, "POINT (728000 6815000)")
    assert wait_for(lambda: bool(repaints), seconds=10), "the layer was not told of the other table's commit"
    assert [feature["title"] for feature in stakes.getFeatures(f"uuid = '{uuid}'")] == ["Crue"]


def test_wrong_credentials_are_reported_without_the_password(
    authenticated_connection, open_dialog, iface, qgis_new_project, logged, tmp_path
):
    wrong = "pas-le-bon-mot-de-passe"
    authenticated_connection(wrong)
    dialog = open_dialog()
    click_ok(dialog)

    [message] = messages(iface, Qgis.MessageLevel.Critical)
    assert message.startswith("PostgreSQL refused the user name or password")
    assert not qgis_new_project.mapLayers()
    assert_no_password_anywhere(qgis_new_project, iface, logged, tmp_path, password=wrong)


def test_a_connection_keeping_its_password_in_clear_is_refused(
    plugin, cluster, database, saved_connections, open_dialog, iface, qgis_new_project, logged, tmp_path
):
    create_atelier(database, TERRITORY_NAME)
    saved_connections(
        "En clair", connection_uri(cluster.port, database, password=PASSWORD), saveUsername=True, savePassword=True
    )
    dialog = open_dialog()
    assert not ok_button(dialog).isEnabled()
    assert dialog.problemLabel.isVisible()
    assert dialog.problemLabel.text().startswith(
        "The connection En clair keeps its password in QGIS's settings in clear"
    )
    assert PASSWORD not in dialog.problemLabel.text() and PASSWORD not in dialog.connectionDetails.text()

    assert plugin.loader.open_shared("En clair", "atelier") is None  # the same refusal, should OK be reached
    [message] = messages(iface, Qgis.MessageLevel.Critical)
    assert message == dialog.problemLabel.text()
    assert not qgis_new_project.mapLayers()
    assert_no_password_anywhere(qgis_new_project, iface, logged, tmp_path)


# -- what the dialog refuses before OK ---------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        ("", "Give the name of the schema."),
        ("Atelier", "lower-case letters, digits and _ only"),
        ("2025_atelier", "starts with a letter"),
        ("atelier-bassee", "lower-case letters, digits and _ only"),
        ("atelier bassée", "lower-case letters, digits and _ only"),
        ("pg_atelier", "reserved by PostgreSQL"),
    ],
)
def test_a_schema_name_postgresql_would_not_take_disables_ok_and_says_why(
    saved_connections, open_dialog, schema, reason
):
    saved_connections("Quelque part", "host=127.0.0.1 port=5432 dbname='sig' user='moi'", saveUsername=True)
    dialog = open_dialog()
    type_text(dialog.schemaEdit, schema)
    assert not ok_button(dialog).isEnabled()
    assert dialog.problemLabel.isVisible() and reason in dialog.problemLabel.text()

    type_text(dialog.schemaEdit, "atelier_2025")
    assert ok_button(dialog).isEnabled() and dialog.problemLabel.isHidden()


@pytest.mark.parametrize("schema", ["autre", "absent"])
def test_a_schema_that_is_not_an_atelier_is_named_so_and_nothing_is_created(
    cluster, database, saved_connections, open_dialog, iface, qgis_new_project, schema
):
    cluster.sql("CREATE SCHEMA autre; CREATE TABLE autre.parcelles (id int)", database_name(database))
    before = schemas(cluster, database)
    saved_connections("Bassée partagée", connection_uri(cluster.port, database), saveUsername=True)
    dialog = open_dialog()
    type_text(dialog.schemaEdit, schema)
    click_ok(dialog)

    [message] = messages(iface, Qgis.MessageLevel.Critical)
    assert message.startswith(f"The schema {schema} of postgresql://{SUPERUSER}@127.0.0.1:")
    assert message.endswith("is not an atelier (it has no atelier metadata).")
    assert not qgis_new_project.mapLayers() and not atelier_groups(qgis_new_project)
    assert schemas(cluster, database) == before
    tables = cluster.sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'autre'", database_name(database)
    )
    assert tables.split() == ["parcelles"] and METADATA_TABLE not in tables


def test_without_a_saved_connection_the_dialog_says_where_to_add_one(open_dialog):
    dialog = open_dialog()
    assert dialog.connectionCombo.count() == 0 and not dialog.connectionCombo.isEnabled()
    assert not ok_button(dialog).isEnabled()
    assert dialog.problemLabel.isVisible()
    assert "Add a PostgreSQL connection in QGIS's Data Source Manager first" in dialog.problemLabel.text()
    click(dialog.createRadio)
    type_text(dialog.territoryEdit, TERRITORY_NAME)
    assert not ok_button(dialog).isEnabled(), "nothing but a connection makes OK possible"
