"""The replay from the plugin's deliverables menu, with the sample atelier open in QGIS."""

from __future__ import annotations

import shutil

from PIL import Image
from qgis.core import Qgis
from qgis.PyQt.QtWidgets import QFileDialog, QInputDialog

from tests.conftest import SAMPLE_DATA
from tests.qgis.desk import messages

WORKSHOP = "Atelier : quelle attractivité pour la Bassée-Montois ?"


def test_the_menu_asks_the_session_and_writes_its_replay(plugin, iface, tmp_path, monkeypatch):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    plugin.loader.open(sample)
    offered = []

    def choose_session(parent, title, label, items, current, editable):
        offered.extend(items)
        return WORKSHOP, True

    monkeypatch.setattr(QInputDialog, "getItem", choose_session)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "replay.gif"), "GIF (*.gif)"))

    next(action for action in plugin.deliverables_menu.actions() if action.objectName().endswith("replay")).trigger()

    assert WORKSHOP in offered and len(offered) == 3
    with Image.open(tmp_path / "replay.gif") as gif:
        assert gif.n_frames > 1
    assert any("replay.gif" in message for message in messages(iface, Qgis.MessageLevel.Success))


def test_a_session_choice_cancelled_writes_nothing(plugin, iface, tmp_path, monkeypatch):
    plugin.loader.open(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "atelier.gpkg"))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("", False))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (_ for _ in ()).throw(AssertionError("asked")))

    assert plugin.deliverables_menu.export_replay() is None
    assert not list(tmp_path.glob("*.gif"))
