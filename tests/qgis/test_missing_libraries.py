"""A library missing from QGIS is one line, and nothing is left half started.

The libraries are made absent for real: ``None`` in ``sys.modules`` makes Python's import
fail as it does when a library is not installed (in a subprocess for the command line,
monkeypatched in this process for the plugin).
"""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from qgis.core import Qgis
from qgis.PyQt.QtWidgets import QFileDialog, QInputDialog

from bassee_atelier_plugin.core.errors import MissingLibraryError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.phones.contributions import ContributionDesk
from bassee_atelier_plugin.core.phones.map_view import atelier_map_view
from bassee_atelier_plugin.core.phones.server import PhoneServer
from tests.conftest import REPO
from tests.qgis import room_phones_gui_helpers
from tests.qgis.desk import messages
from tests.qgis.phone import first_session, sample_copy
from tests.qgis.room_phones_gui_helpers import choose_session, save_settings
from tests.without_libraries import SHIPPED

# the phones' GUI tests' fixtures: loopback, English (autouse), and the sample open in the plugin
phone_settings, atelier = room_phones_gui_helpers.phone_settings, room_phones_gui_helpers.atelier
SEGNO_LINE = "The phones' QR code needs the Python library segno, which this QGIS does not have."
PILLOW_LINE = "The replay as a GIF needs the Python library Pillow, which this QGIS does not have."


@pytest.fixture
def without_segno(monkeypatch):
    for module in ("segno", SHIPPED):
        monkeypatch.setitem(sys.modules, module, None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return False
    return True


def without_libraries(libraries: str, *arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(REPO / "tests" / "without_libraries.py"), libraries, *arguments]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_serve_without_segno_says_so_in_one_line_and_opens_no_port(qgis_app, tmp_path):
    path = sample_copy(tmp_path)
    port = free_port()
    session = first_session(open_atelier(path))

    finished = without_libraries(
        "segno", "serve", str(path), "--session", session, "--host", "127.0.0.1", "--port", str(port)
    )

    assert finished.returncode == 2, finished.stderr
    assert finished.stderr.startswith(f"error: {SEGNO_LINE}") and finished.stderr.count("\n") == 1, finished.stderr
    assert "python -m pip install segno" in finished.stderr and "python3-segno" in finished.stderr
    assert finished.stdout == ""  # no address was ever given out
    assert not listening(port)


def test_a_server_without_segno_never_opens_its_port(qgis_app, tmp_path, without_segno):
    atelier = open_atelier(sample_copy(tmp_path))
    desk = ContributionDesk(atelier, first_session(atelier))
    port = free_port()
    server = PhoneServer(desk, "127.0.0.1", port, atelier_map_view(atelier))
    try:
        with pytest.raises(MissingLibraryError, match="segno"):
            server.start()
        assert not server.running and server.url is None and server.token is None
        assert not listening(port)
    finally:
        server.stop()
        desk.close()


def test_the_phones_action_without_segno_says_so_and_nothing_listens(plugin, iface, atelier, without_segno):
    port = free_port()
    save_settings(phone_host="127.0.0.1", phone_port=port)
    choose_session(plugin, iface)

    plugin.phones.action.trigger()

    assert not plugin.phones.running and not plugin.phones.action.isChecked()
    assert not plugin.phones.qr_action.isEnabled() and plugin.phones.qr_screen is None
    warnings = messages(iface, Qgis.MessageLevel.Warning)
    assert len(warnings) == 1 and SEGNO_LINE in warnings[0], warnings
    assert not listening(port)


def test_the_replay_gif_without_pillow_says_so_in_one_line_and_writes_nothing(qgis_app, tmp_path):
    path = sample_copy(tmp_path)
    gif = tmp_path / "rejeu.gif"

    session = first_session(open_atelier(path))

    finished = without_libraries("PIL", "export", "replay", str(path), "--session", session, "-o", str(gif))

    assert finished.returncode == 2, finished.stderr
    assert finished.stderr.startswith(f"error: {PILLOW_LINE}"), finished.stderr
    assert finished.stderr.count("\n") == 1 and "python -m pip install pillow" in finished.stderr
    assert not gif.exists()


def test_the_replay_menu_without_pillow_says_so_in_the_message_bar(plugin, iface, atelier, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    monkeypatch.setitem(sys.modules, "PIL.Image", None)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: (room_phones_gui_helpers.WORKSHOP, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "rejeu.gif"), "GIF (*.gif)"))

    next(action for action in plugin.deliverables_menu.actions() if action.objectName().endswith("replay")).trigger()

    lines = messages(iface, Qgis.MessageLevel.Critical)
    assert len(lines) == 1 and PILLOW_LINE in lines[0], lines
    assert not (tmp_path / "rejeu.gif").exists()
