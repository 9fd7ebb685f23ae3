"""Contributions from phones, from QGIS: the plugin's action, a real server on loopback, real HTTP requests.

The phones are urllib, as in the server's own tests; the facilitator's side is the real
plugin in pytest-qgis's main window, driven by its actions, clicks and keys. What the
phones wrote is read back from the GeoPackage with sqlite3, and from the project's layers.
"""

from __future__ import annotations

import socket
from dataclasses import fields
from pathlib import Path

import pytest
import segno
from qgis.core import Qgis, QgsFeatureRequest, QgsPointXY, QgsProject, QgsRectangle, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QDockWidget

from bassee_atelier_plugin.core.phones.contributions import HIDDEN, PENDING
from bassee_atelier_plugin.core.phones.server import DEFAULT_PORT, DEFAULT_REQUESTS_PER_MINUTE
from bassee_atelier_plugin.toolbelt.settings import PREFIX, PluginSettings
from tests.conftest import kept_settings
from tests.qgis.desk import BRAY, VIEW, messages, press_keys, rows, show_on_screen, shown_dock
from tests.qgis.phone import call, new_phone, sample_copy

WORKSHOP = "Atelier : quelle attractivité pour la Bassée-Montois ?"  # a session of the sample atelier
MONTEREAU_WAY = (700_500.0, 6_810_500.0)  # in the atelier, west of the canvas framed on Bray
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


def port_of(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


def stake_layer(plugin, table: str = "stakes_point"):
    return plugin.live_session.layers()[table]


def contribute(phones, title: str, at=BRAY) -> dict:
    """A stake sent from a new phone, as its page sends it."""
    body = {"x": at[0], "y": at[1], "theme": "eau_risques", "reading": "menace", "title": title}
    status, _headers, answer = call(phones.server.url + "api/contributions", body, phone=new_phone())
    assert status == 201, answer
    return answer


def drawn(layer) -> set[str]:
    """The stakes the layer draws: its renderer has no category for the look of those waiting or hidden."""
    looks = {category.value() for category in layer.renderer().categories() if category.renderState()}
    return {feature["uuid"] for feature in layer.getFeatures() if feature["look"] in looks}


def repaints(layer) -> list:
    """Each time the layer is asked to draw itself again."""
    asked = []
    layer.repaintRequested.connect(lambda *_deferred: asked.append(True))
    return asked


def stakes_seen_by_phones(phones) -> list[str]:
    return [stake["uuid"] for stake in call(phones.server.url + "api/stakes")[2]["stakes"]]


def arrivals(phones) -> list:
    """What the plugin has been told on its main thread, in order."""
    told = []
    phones.received.connect(told.append)
    return told


def stored(path: Path, uuid: str) -> dict:
    return next(row for row in rows(path, "stakes_point") if row["uuid"] == uuid)


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


# -- what phones send -------------------------------------------------------------------------


def test_a_phones_stake_appears_on_the_map_with_a_notice_and_its_votes_only_redraw(plugin, phones, atelier):
    layer = stake_layer(plugin)
    redrawn = repaints(layer)
    told = arrivals(phones)

    answer = contribute(phones, "Crue de la Voulzie")

    wait_until(lambda: len(told) == 1 and redrawn)
    assert answer["pending"] is False
    assert answer["uuid"] in drawn(layer)
    assert stored(atelier, answer["uuid"])["author"] == "participant (téléphone)"
    assert phones.notice.isVisible() and phones.notice.label.text() == "New contribution: Crue de la Voulzie"
    assert phones.canvas.viewport().geometry().contains(phones.notice.geometry())
    entry = phones.dock.entries[answer["uuid"]]
    assert set(entry.buttons) == {"hide"}

    contribute(phones, "Parking de la gare")
    wait_until(lambda: len(told) == 2)
    assert phones.notice.label.text() == "New contribution: Parking de la gare", "the latest replaces the one before"
    notices = phones.canvas.findChildren(type(phones.notice))
    assert notices == [phones.notice], "notices do not pile up"

    redrawn.clear()
    status, _headers, _votes = call(
        phones.server.url + "api/votes", {"stake": answer["uuid"], "value": 1}, phone=new_phone()
    )
    wait_until(lambda: len(told) == 3 and redrawn)
    assert status == 200 and told[2].kind == "vote"
    assert phones.notice.label.text() == "New contribution: Parking de la gare", "a vote is no news"
    [feature] = layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"uuid = '{answer['uuid']}'"))
    assert feature["votes_for"] == 1


def test_in_projector_mode_a_phones_stake_shows_with_its_notice_and_the_legend_stays_whole(plugin, phones):
    told = arrivals(phones)
    assert plugin.projector.enter()
    legend = plugin.projector.legend
    wait_until(lambda: legend.height() > 100)
    before, listed = legend.size(), legend.labels

    contribute(phones, "Toitures pour le solaire")

    wait_until(lambda: told and legend.labels is not listed)  # the legend was listed again after the redraw
    assert phones.notice.isVisible() and phones.notice.label.text() == "New contribution: Toitures pour le solaire"
    assert not phones.dock.isVisible(), "projector mode keeps the docks out of the room's sight"
    assert legend.size() == before
    plugin.projector.leave()


def test_moving_the_map_sends_the_phones_the_new_view(phones, iface):
    version = call(phones.server.url + "api/view")[2]["map"]["version"]

    iface.mapCanvas().setExtent(QgsRectangle(710_000, 6_811_000, 716_000, 6_815_000))
    iface.mapCanvas().refresh()

    wait_until(lambda: call(phones.server.url + "api/view")[2]["map"]["version"] > version)
    extent = call(phones.server.url + "api/view")[2]["map"]["extent"]
    assert extent[0] == pytest.approx(710_000, abs=3000) and extent[2] == pytest.approx(716_000, abs=3000)


# -- moderation -------------------------------------------------------------------------------


def test_with_approval_a_stake_waits_until_approved_and_hiding_it_is_undone_by_ctrl_z(plugin, phones, atelier):
    dock = phones.dock
    layer = stake_layer(plugin)
    told = arrivals(phones)
    tick(dock.approval_check)
    assert phones.server.desk.require_approval and PluginSettings.load().phone_require_approval

    answer = contribute(phones, "Friche de Marolles")

    wait_until(lambda: len(told) == 1)
    assert answer["pending"] is True and stored(atelier, answer["uuid"])["moderation"] == PENDING
    assert answer["uuid"] not in drawn(layer)
    assert phones.notice.label.text() == "Contribution waiting for approval: Friche de Marolles"
    assert set(dock.entries[answer["uuid"]].buttons) == {"approve", "hide"}
    assert answer["uuid"] not in stakes_seen_by_phones(phones)

    QTest.mouseClick(dock.entries[answer["uuid"]].buttons["approve"], Qt.MouseButton.LeftButton)

    assert stored(atelier, answer["uuid"])["moderation"] is None
    assert answer["uuid"] in drawn(layer)
    wait_until(lambda: answer["uuid"] in stakes_seen_by_phones(phones))  # phones read the stakes once a second
    assert set(dock.entries[answer["uuid"]].buttons) == {"hide"}

    QTest.mouseClick(dock.entries[answer["uuid"]].buttons["hide"], Qt.MouseButton.LeftButton)

    assert stored(atelier, answer["uuid"])["moderation"] == HIDDEN
    assert answer["uuid"] not in drawn(layer)
    assert set(dock.entries[answer["uuid"]].buttons) == {"show"}

    dock.approval_check.setFocus()
    press_keys(dock.approval_check, "Ctrl+Z")

    assert stored(atelier, answer["uuid"])["moderation"] is None
    assert answer["uuid"] in drawn(layer)
    assert set(dock.entries[answer["uuid"]].buttons) == {"hide"}
    plugin.live_session.undo()  # the approval too
    assert stored(atelier, answer["uuid"])["moderation"] == PENDING
    operations = [row["operation"] for row in rows(atelier, "journal") if row["feature_uuid"] == answer["uuid"]]
    assert operations[-4:] == ["update"] * 4


def test_a_click_on_a_contribution_brings_it_into_view(phones, iface):
    answer = contribute(phones, "Écluse", at=MONTEREAU_WAY)
    wait_until(lambda: answer["uuid"] in phones.dock.entries)
    canvas = iface.mapCanvas()
    assert not canvas.extent().contains(QgsPointXY(*MONTEREAU_WAY))
    scale = canvas.scale()

    QTest.mouseClick(phones.dock.entries[answer["uuid"]], Qt.MouseButton.LeftButton)

    assert canvas.extent().contains(QgsPointXY(*MONTEREAU_WAY))
    assert canvas.scale() == pytest.approx(scale), "the phones' map keeps its scale"
    assert not VIEW.contains(canvas.extent())


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
