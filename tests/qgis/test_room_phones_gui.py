"""Contributions from phones, from QGIS: the plugin's action, a real server on loopback, real HTTP requests.

Starting and stopping the server, its QR code, and its settings dialog; what phones send and
its moderation are in test_room_phones_gui_contributions.py. The phones are urllib, as in the
server's own tests; the facilitator's side is the real plugin in pytest-qgis's main window,
driven by its actions, clicks and keys.
"""

from __future__ import annotations

import socket

import segno
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from bassee_atelier_plugin.core.phones.server import DEFAULT_PORT, DEFAULT_REQUESTS_PER_MINUTE
from bassee_atelier_plugin.toolbelt.settings import PluginSettings
from tests.qgis import room_phones_gui_helpers
from tests.qgis.desk import messages
from tests.qgis.phone import call
from tests.qgis.room_phones_gui_helpers import WORKSHOP, choose_session, save_settings, tick, wait_until

# the fixtures of room_phones_gui_helpers, shared with test_room_phones_gui_contributions.py:
# pytest finds them by their names here
phone_settings = room_phones_gui_helpers.phone_settings
atelier, phones = room_phones_gui_helpers.atelier, room_phones_gui_helpers.phones


def port_of(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


def modules_of(pixmap, size: int) -> list[list[bool]]:
    """The dark modules of a QR code drawn with a 4-module quiet zone, read at each module's centre."""
    image = pixmap.toImage()
    step = image.width() / (size + 8)
    return [
        [
            image.pixelColor(int((4 + column + 0.5) * step), int((4 + row + 0.5) * step)).lightness() < 128
            for column in range(size)
        ]
        for row in range(size)
    ]


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


# -- starting and stopping ------------------------------------------------------------------


def test_the_settings_default_to_the_servers_own(qgis_app):
    defaults = PluginSettings()
    assert (defaults.phone_host, defaults.phone_port) == ("", DEFAULT_PORT)
    assert defaults.phone_requests_per_minute == DEFAULT_REQUESTS_PER_MINUTE
    assert defaults.phone_require_approval is False


def test_the_action_starts_the_server_and_projects_its_qr_code_full_screen(plugin, iface, atelier):
    choose_session(plugin, iface)
    phones = plugin.phones
    assert phones.action in plugin.toolbar.actions() and phones.action in plugin.menu.actions()
    assert phones.action.text() == "Contributions from phones"

    phones.action.trigger()

    assert phones.running and phones.action.isChecked()
    url = phones.server.url
    assert url.startswith("http://127.0.0.1:")
    status, _headers, view = call(url + "api/view")
    assert (status, view["session"], view["moderated"]) == (200, WORKSHOP, False)
    screen = phones.qr_screen
    assert screen.isVisible() and screen.isFullScreen()
    assert screen.address.text() == url
    assert screen.subheading.text() == WORKSHOP
    code = segno.make(url, error="m")
    expected = [[bool(module) for module in row] for row in code.matrix]
    assert modules_of(screen.code.pixmap(), len(expected)) == expected, "the QR code on the screen is the address"
    assert screen.code.pixmap().height() >= 0.5 * screen.height()
    assert phones.moderation_dock().isVisible()
    canvas = iface.mapCanvas()  # narrower now that the dock is shown: the corner's QR code follows its edge
    wait_until(lambda: canvas.viewport().geometry().contains(phones.corner_qr.geometry()))

    QTest.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.isVisible()
    assert phones.corner_qr.isVisible() and phones.corner_qr.parent() is canvas
    QTest.mouseClick(phones.corner_qr, Qt.MouseButton.LeftButton)
    assert screen.isVisible()
    QTest.mouseClick(screen, Qt.MouseButton.LeftButton)
    assert not screen.isVisible()
    phones.qr_action.trigger()
    assert screen.isVisible()
    assert not messages(iface, Qgis.MessageLevel.Warning) and not messages(iface, Qgis.MessageLevel.Critical)


def test_unchecking_closes_the_port_and_forgets_the_address(phones, iface):
    url = phones.server.url
    screen, corner = phones.qr_screen, phones.corner_qr

    phones.action.trigger()

    assert not phones.running and not phones.action.isChecked() and not phones.qr_action.isEnabled()
    assert refused(port_of(url))
    assert not screen.isVisible() and not corner.isVisible()
    phones.action.trigger()  # again: a new token, the old address is no good even on the new port
    new_url = phones.server.url
    assert phones.running and new_url != url
    old_token = url.split("/t/")[1]
    assert call(new_url.split("/t/")[0] + "/t/" + old_token + "api/view")[0] == 403


def test_closing_the_project_or_unloading_the_plugin_stops_the_server(plugin, phones):
    port = port_of(phones.server.url)
    QgsProject.instance().clear()
    assert not phones.running and not phones.action.isChecked()
    assert refused(port)

    phones.action.trigger()  # no atelier any more: said, and nothing opens
    assert not phones.running

    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert plugin.phones is None
    plugin.initGui()  # for the fixture's own unload


def test_unloading_stops_a_running_server(plugin, phones):
    port = port_of(phones.server.url)
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert refused(port)
    plugin.initGui()


def test_without_an_atelier_the_action_says_what_to_do_and_stays_off(plugin, iface):
    plugin.phones.action.trigger()

    assert not plugin.phones.running and not plugin.phones.action.isChecked()
    assert any("Open an atelier first" in message for message in messages(iface, Qgis.MessageLevel.Warning))
    assert plugin.phones.qr_screen is None


def test_without_a_session_chosen_the_action_says_where_to_choose_it(plugin, iface, atelier):
    plugin.phones.action.trigger()

    assert not plugin.phones.running and not plugin.phones.action.isChecked()
    assert any(
        "Choose the workshop's session first" in message for message in messages(iface, Qgis.MessageLevel.Warning)
    )


def test_a_port_in_use_is_said_and_the_action_stays_off(plugin, iface, atelier):
    choose_session(plugin, iface)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        save_settings(phone_port=taken.getsockname()[1])

        plugin.phones.action.trigger()

    assert not plugin.phones.running and not plugin.phones.action.isChecked()
    assert any("already in use" in message for message in messages(iface, Qgis.MessageLevel.Warning))


# -- settings -----------------------------------------------------------------------------------


def test_the_settings_dialog_refuses_a_bad_port_or_host_and_saves_good_ones(plugin):
    save_settings(phone_port=DEFAULT_PORT)
    plugin.phones.settings_action.trigger()
    dialog = plugin.phones.settings_dialog
    ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible() and ok.isEnabled()

    for port in ("80", "70000", "huit", ""):
        dialog.port_edit.setText(port)
        assert not ok.isEnabled(), port
        assert "from 1024 to 65535" in dialog.problem_label.text()
    dialog.port_edit.setText("8766")
    dialog.host_edit.setText("salle-des-fetes")
    assert not ok.isEnabled() and "not an IP address" in dialog.problem_label.text()
    dialog.host_edit.setText("0.0.0.0")
    assert ok.isEnabled() and not dialog.problem_label.isVisible()
    tick(dialog.approval_check)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    saved = PluginSettings.load()
    assert (saved.phone_host, saved.phone_port, saved.phone_require_approval) == ("0.0.0.0", 8766, True)
