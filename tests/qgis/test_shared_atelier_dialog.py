"""The "Shared atelier (PostgreSQL)" dialog, driven with keys and clicks, on a throwaway PostgreSQL cluster.

Opening and creating a shared atelier, and what the dialog refuses before OK; how a connection
logs in (an authentication configuration, a password in clear) is in
test_shared_atelier_dialog_login.py. The connections are real saved QGIS connections: nothing
is mocked. Whatever the way in, the password of the cluster must never reach a layer, the
project, the message bar or the log.
"""

from __future__ import annotations

import pytest
from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtTest import QTest

from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import TABLES
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY
from bassee_atelier_plugin.core.stores.ogr_tables import METADATA_TABLE
from bassee_atelier_plugin.gui.atelier.shared_atelier_dialog import SharedAtelierDialog
from tests.postgres import SUPERUSER
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

pytestmark = needs_postgres

# the helpers' fixtures, shared with test_shared_atelier_dialog_login.py: pytest finds them by their names here
saved_connections, logged, open_dialog = shared.saved_connections, shared.logged, shared.open_dialog


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
