"""The "Shared atelier (PostgreSQL)" dialog: which saved connection, which schema, open or create.

The dialog lists QGIS's saved PostgreSQL connections by name, and says where each leads:
it never shows or keeps a password. What it cannot accept (no connection, a schema name PostgreSQL
would not take, a connection keeping its password in clear) it says in the dialog itself,
with OK disabled; what only the server can tell (credentials, PostGIS, not an atelier)
the loader reports in the message bar once OK is pressed.
"""

from __future__ import annotations

import re

from qgis.core import QgsDataSourceUri, QgsProviderRegistry, QgsSettings
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.stores.postgis.address import DEFAULT_SCHEMA, saved_connection_address
from bassee_atelier_plugin.toolbelt.i18n import tr

SCHEMA_NAME = re.compile(r"[a-z][a-z0-9_]*")
LONGEST_SCHEMA_NAME = 63  # PostgreSQL's NAMEDATALEN - 1
SELECTED_CONNECTION_KEY = "PostgreSQL/connections/selected"  # the connection QGIS's own dialogs chose last
FIELD_WIDTH = 440  # pixels: room for a connection's name and the details under it
PROBLEM_STYLE = "color: #b42318;"  # a dark red: what stops OK stands out from the form


def saved_connections() -> list[str]:
    """The names of QGIS's saved PostgreSQL connections, read afresh from its settings."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(metadata.connections(False), key=str.casefold) if metadata is not None else []


def schema_problem(schema: str) -> str | None:
    """Why PostgreSQL (or the atelier) would not take ``schema`` as a schema name; None when it would."""
    if not schema:
        return tr("Give the name of the schema.")
    if not SCHEMA_NAME.fullmatch(schema) or len(schema) > LONGEST_SCHEMA_NAME:
        return tr("A schema name holds lower-case letters, digits and _ only, and starts with a letter.")
    if schema.startswith("pg_"):
        return tr("Schema names starting with pg_ are reserved by PostgreSQL.")
    return None


class SharedAtelierDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Shared atelier (PostgreSQL)"))

        intro = QLabel(
            tr(
                "A shared atelier lives in a schema of a PostgreSQL/PostGIS database: everyone "
                "who opens it works on the same atelier at the same time."
            )
        )
        intro.setWordWrap(True)

        self.connectionCombo = QComboBox()
        self.connectionCombo.addItems(saved_connections())
        selected = self.connectionCombo.findText(QgsSettings().value(SELECTED_CONNECTION_KEY, "", type=str))
        self.connectionCombo.setCurrentIndex(max(selected, 0))
        self.connectionCombo.setMinimumWidth(FIELD_WIDTH)
        self.connectionDetails = QLabel()
        self.connectionDetails.setWordWrap(True)  # a long server name wraps rather than being cut
        font = self.connectionDetails.font()
        font.setItalic(True)
        self.connectionDetails.setFont(font)
        self.schemaEdit = QLineEdit(DEFAULT_SCHEMA)
        self.schemaEdit.setMaxLength(LONGEST_SCHEMA_NAME)

        self.openRadio = QRadioButton(tr("Open the atelier in this schema"))
        self.createRadio = QRadioButton(tr("Create a new atelier in this schema"))
        self.openRadio.setChecked(True)
        self.modeGroup = QButtonGroup(self)
        self.modeGroup.addButton(self.openRadio)
        self.modeGroup.addButton(self.createRadio)
        self.territoryLabel = QLabel(tr("Territory *"))
        self.territoryEdit = QLineEdit()
        self.territoryEdit.setPlaceholderText(tr("e.g. CC Bassée-Montois"))

        self.problemLabel = QLabel()
        self.problemLabel.setWordWrap(True)
        self.problemLabel.setStyleSheet(PROBLEM_STYLE)
        self.buttonBox = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

        form = QFormLayout()
        form.addRow(tr("Connection"), self.connectionCombo)
        form.addRow("", self.connectionDetails)
        form.addRow(tr("Schema"), self.schemaEdit)
        form.addRow("", self.openRadio)
        form.addRow("", self.createRadio)
        form.addRow(self.territoryLabel, self.territoryEdit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.problemLabel)
        layout.addStretch()
        layout.addWidget(self.buttonBox)

        self.connectionCombo.currentIndexChanged.connect(self._show_connection_details)
        self.connectionCombo.currentIndexChanged.connect(self._update)
        self.schemaEdit.textChanged.connect(self._update)
        self.territoryEdit.textChanged.connect(self._update)
        self.modeGroup.buttonToggled.connect(self._update)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self._show_connection_details()
        self._update()

    # -- what the plugin reads once OK is pressed --------------------------------

    def connection_name(self) -> str:
        return self.connectionCombo.currentText()

    def schema(self) -> str:
        return self.schemaEdit.text().strip()

    def creating(self) -> bool:
        return self.createRadio.isChecked()

    def opening_arguments(self) -> dict:
        """The keyword arguments of AtelierLoader.open_shared for what the user chose."""
        return {
            "connection_name": self.connection_name(),
            "schema": self.schema(),
            "territory": self.territoryEdit.text().strip() if self.creating() else None,
        }

    # -- keeping OK, the territory and the explanation in step -------------------

    def _update(self, *_args) -> None:
        creating = self.creating()
        self.territoryLabel.setVisible(creating)
        self.territoryEdit.setVisible(creating)
        self.ok_button.setText(tr("Create") if creating else tr("Open"))
        self.connectionCombo.setEnabled(self.connectionCombo.count() > 0)
        problem = self._problem()
        self.problemLabel.setText(problem or "")
        self.problemLabel.setVisible(problem is not None)
        self.ok_button.setEnabled(problem is None)

    def _problem(self) -> str | None:
        """Why OK is disabled, in words for the user; None when it is not."""
        if self.connectionCombo.count() == 0:
            return tr(
                "QGIS has no saved PostgreSQL connection. Add a PostgreSQL connection in QGIS's Data Source Manager "
                "first (Layer ▸ Data Source Manager ▸ PostgreSQL ▸ New)."
            )
        problem = schema_problem(self.schema())
        if problem is not None:
            return problem
        try:  # refuses, among others, a connection that keeps its password in clear in QGIS's settings
            saved_connection_address(self.connection_name(), self.schema())
        except AtelierError as error:
            return str(error)
        if self.creating() and not self.territoryEdit.text().strip():
            return tr("Give the name of the territory of the new atelier.")
        return None

    def _show_connection_details(self) -> None:
        self.connectionDetails.setText(self._connection_details())
        self.connectionDetails.setVisible(bool(self.connectionDetails.text()))

    def _connection_details(self) -> str:
        """Where the chosen connection leads (server, database, who logs in), never its password."""
        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        connection = metadata.connections(False).get(self.connection_name()) if metadata is not None else None
        if connection is None:
            return ""
        uri = QgsDataSourceUri(connection.uri())
        if uri.service():
            server = tr("service {service}").format(service=uri.service())
        elif uri.host():
            server = f"{uri.host()}:{uri.port()}" if uri.port() else uri.host()
        else:
            server = tr("this computer")  # no host: libpq's local socket
        if uri.authConfigId():
            return tr("Database {database} on {server}, with a QGIS authentication configuration").format(
                database=uri.database(), server=server
            )
        if uri.username():
            return tr("Database {database} on {server}, user {user}").format(
                database=uri.database(), server=server, user=uri.username()
            )
        return tr("Database {database} on {server}").format(database=uri.database(), server=server)
