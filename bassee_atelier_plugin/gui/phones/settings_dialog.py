"""The settings of the phones' server: where phones connect, whether their contributions wait, their rate."""

from __future__ import annotations

import ipaddress
from dataclasses import replace

from qgis.PyQt.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

LOWEST_PORT, HIGHEST_PORT = 1024, 65535  # below 1024 the system keeps the ports for itself
FEWEST_REQUESTS, MOST_REQUESTS = 10, 6000  # a minute, per phone: a page polls every few seconds


def host_problem(host: str) -> str | None:
    """Why ``host`` cannot be where phones connect, or None (empty: this computer on the room's network)."""
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return tr(
            "“{host}” is not an IP address: type one of this computer's, such as 192.168.1.20, or leave it empty."
        ).format(host=host)
    return None


def port_problem(text: str) -> str | None:
    if not text.isdigit() or not LOWEST_PORT <= int(text) <= HIGHEST_PORT:
        return tr("The port is a whole number from {lowest} to {highest}.").format(
            lowest=LOWEST_PORT, highest=HIGHEST_PORT
        )
    return None


class PhoneSettingsDialog(QDialog):
    """Where phones connect (address and port), whether their contributions wait for approval, their rate."""

    def __init__(self, settings: PluginSettings, running: bool, parent: QWidget | None = None):
        from bassee_atelier_plugin.core.phones.server import lan_address  # the server (http.server): when used

        super().__init__(parent)
        self.setObjectName("BasseeAtelierPhoneSettingsDialog")
        self.setWindowTitle(tr("Contributions from phones: settings"))
        self.settings = settings
        self.host_edit = QLineEdit(settings.phone_host)
        self.host_edit.setPlaceholderText(
            tr("{address} (this computer on the room's network)").format(address=lan_address())
        )
        self.host_edit.setToolTip(
            tr("Leave empty in the room: phones reach this computer on its Wi-Fi. 0.0.0.0 opens every network.")
        )
        self.port_edit = QLineEdit(str(settings.phone_port))
        self.approval_check = QCheckBox(tr("Approve contributions before they show"))
        self.approval_check.setChecked(settings.phone_require_approval)
        self.rate_spin = QSpinBox()
        self.rate_spin.setRange(FEWEST_REQUESTS, MOST_REQUESTS)
        self.rate_spin.setValue(settings.phone_requests_per_minute)
        self.rate_spin.setSuffix(tr(" a minute"))
        self.rate_spin.setToolTip(tr("Requests a phone may make; a page asks every few seconds"))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Address"), self.host_edit)
        form.addRow(tr("Port"), self.port_edit)
        form.addRow("", self.approval_check)
        form.addRow(tr("Limit per phone"), self.rate_spin)
        if running:
            later = QLabel(tr("The address, the port and the limit apply the next time contributions start."))
            later.setWordWrap(True)
            form.addRow(later)
        form.addRow(self.problem_label)
        form.addRow(self.button_box)
        for edit in (self.host_edit, self.port_edit):
            edit.textChanged.connect(self._check)
        self.setMinimumWidth(560)
        self._check()

    def problem(self) -> str | None:
        return host_problem(self.host_edit.text().strip()) or port_problem(self.port_edit.text().strip())

    def _check(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def chosen(self) -> PluginSettings:
        """The settings as the dialog leaves them (only once :meth:`problem` is None)."""
        return replace(
            self.settings,
            phone_host=self.host_edit.text().strip(),
            phone_port=int(self.port_edit.text().strip()),
            phone_require_approval=self.approval_check.isChecked(),
            phone_requests_per_minute=self.rate_spin.value(),
        )
