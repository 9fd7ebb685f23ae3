"""How the "Shared atelier (PostgreSQL)" dialog's connection logs in, on a throwaway PostgreSQL cluster.

With an authentication configuration (a real one in QGIS's store: nothing is mocked), with
wrong credentials, with a password kept in clear: whatever the way in, the password of the
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
)

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY
from tests.postgres import PASSWORD, SUPERUSER
from tests.qgis import shared_atelier_dialog_helpers as shared
from tests.qgis.conftest import needs_postgres
from tests.qgis.shared_atelier_dialog_helpers import (
    TERRITORY_NAME,
    assert_no_password_anywhere,
    atelier_groups,
    click_ok,
    connection_uri,
    database_name,
    messages,
    ok_button,
)
from tests.qgis.test_postgis import wait_for

pytestmark = needs_postgres

MASTER_PASSWORD = "maitre-des-tests-partages"

# the helpers' fixtures, shared with test_shared_atelier_dialog.py: pytest finds them by their names here
saved_connections, logged, open_dialog = shared.saved_connections, shared.logged, shared.open_dialog


# -- how the connection logs in ---------------------------------------------------------------


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
