"""The deliverables from the plugin's menu, with the atelier open in QGIS."""

from __future__ import annotations

import shutil

from pypdf import PdfReader
from qgis.core import Qgis
from qgis.PyQt.QtWidgets import QFileDialog

from tests.conftest import SAMPLE_DATA
from tests.qgis.desk import messages


def menu_action(plugin, kind: str):
    return next(action for action in plugin.deliverables_menu.actions() if action.objectName().endswith(kind))


def test_the_menu_writes_the_sheets_of_the_open_atelier_where_asked(plugin, iface, tmp_path, monkeypatch):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    plugin.loader.open(sample)
    asked = []

    def choose(parent, caption, start, filters):
        asked.append((start, filters))
        return str(tmp_path / "fiches.pdf"), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)

    menu_action(plugin, "fiches").trigger()

    assert asked and asked[0][0].endswith("bassee_montois_atelier_fiches_actions.pdf")
    assert len(PdfReader(tmp_path / "fiches.pdf").pages) == 5
    assert any("fiches.pdf" in message for message in messages(iface, Qgis.MessageLevel.Success))


def test_without_an_atelier_the_menu_says_what_to_do_and_asks_nothing(plugin, iface, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (_ for _ in ()).throw(AssertionError("asked")))

    menu_action(plugin, "synthese").trigger()

    assert any("Open an atelier first" in message for message in messages(iface, Qgis.MessageLevel.Warning))


def test_an_export_that_fails_is_reported_and_leaves_no_file(plugin, iface, tmp_path, monkeypatch, new_atelier):
    plugin.loader.open(new_atelier.path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "fiches.pdf"), ""))

    menu_action(plugin, "fiches").trigger()

    assert any("no action yet" in message for message in messages(iface, Qgis.MessageLevel.Critical))
    assert not (tmp_path / "fiches.pdf").exists()


def test_the_menu_writes_what_changed_between_the_last_two_sessions(plugin, iface, tmp_path, monkeypatch):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    plugin.loader.open(sample)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "evolution.csv"), ""))

    menu_action(plugin, "evolution").trigger()

    text = (tmp_path / "evolution.csv").read_text(encoding="utf-8-sig")
    assert "Restitution : feuille de route partenariale" in text and "Mise à grand gabarit de la Seine" in text
