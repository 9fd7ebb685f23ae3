"""Packaging, merging and reviewing merge conflicts from the plugin's menu, with the atelier open in QGIS.

The file pickers and the yes/no question are the only things patched; the dialogs of the
plugin are driven with clicks, and what they wrote is read back from the files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from osgeo import gdal
from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QToolButton

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from bassee_atelier_plugin.core.stores.ogr_tables import read_metadata_items
from bassee_atelier_plugin.gui.editing.live_session import project_atelier_location
from bassee_atelier_plugin.toolbelt.settings import PluginSettings
from tests.conftest import SAMPLE_DATA, kept_settings
from tests.qgis.desk import messages, press, rows, show_on_screen

GOUAIX = (721_900.0, 6_816_700.0)
RESIDENT = "Sophie Marchand"  # an actor of the sample atelier, named in the workshop's files


@pytest.fixture(autouse=True)
def own_settings(qgis_app):
    """The packager's name and the last folder, as this test sets them; the user's are left alone."""
    with kept_settings("bassee_atelier/last_folder", "bassee_atelier/author"):
        PluginSettings(author="DDT 77").save()
        yield


@pytest.fixture
def sample(tmp_path) -> Path:
    (tmp_path / "atelier").mkdir()
    return Path(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "atelier"))


@pytest.fixture
def laptops(new_atelier, tmp_path) -> tuple[str, Path, Path]:
    """The shared stake, then the two laptops' copies where it was commented differently, the south one later."""
    with writer(new_atelier, author="Équipe") as edits:
        shared = edits.insert(
            "stakes_point", {"theme": "mobilite", "title": "Gare de Flamboin"}, "POINT ({} {})".format(*GOUAIX)
        )
    copies = []
    for name, comment in (("groupe_nord", "Parking saturé"), ("groupe_sud", "Abri vélos demandé")):
        (tmp_path / name).mkdir()
        copy = open_atelier(shutil.copy(new_atelier.path, tmp_path / name / "atelier.gpkg"))
        with writer(copy, author=name) as edits:
            edits.update("stakes_point", shared, {"comment": comment})
        copies.append(copy.path)
    return shared, *copies


def menu_action(plugin, key: str):
    return next(action for action in plugin.menu.actions() if action.objectName() == f"BasseeAtelier{key}Action")


def never_asked(*_args):
    raise AssertionError("a file dialog was opened")


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def ok_button(dialog):
    return dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)


# -- package ----------------------------------------------------------------------------------


def test_the_package_of_the_open_atelier_is_written_beside_it_stamped_with_the_packager(plugin, iface, sample):
    plugin.loader.open(sample)

    menu_action(plugin, "Package").trigger()
    dialog = plugin.handoff.package_dialog
    assert dialog.isVisible() and dialog.packager_edit.text() == "DDT 77"
    QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    package = sample.parent / "bassee_montois_atelier_remise.gpkg"
    assert validate(package) == []
    metadata = read_metadata_items(gdal.OpenEx(str(package), gdal.OF_VECTOR))
    assert metadata["PACKAGED_BY"] == "DDT 77"
    assert metadata["ANONYMISED"] == "no"
    assert RESIDENT in [row["name"] for row in rows(package, "actors")]
    assert any(package.name in message for message in messages(iface, Qgis.MessageLevel.Success))


def test_an_anonymised_package_goes_where_the_file_dialog_says_and_names_no_one(
    plugin, iface, sample, tmp_path, monkeypatch
):
    (tmp_path / "equipe").mkdir()
    chosen = tmp_path / "equipe" / "pour_l_equipe.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(chosen), ""))
    plugin.loader.open(sample)

    menu_action(plugin, "Package").trigger()
    dialog = plugin.handoff.package_dialog
    press(dialog.findChild(QToolButton))
    box = dialog.anonymise_check  # clicked on its box: the widget is wider than box and text
    QTest.mouseClick(
        box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(box.height() // 2, box.height() // 2)
    )
    QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    assert files_in(tmp_path / "equipe") == ["pour_l_equipe.gpkg"]
    assert validate(chosen) == []
    assert read_metadata_items(gdal.OpenEx(str(chosen), gdal.OF_VECTOR))["ANONYMISED"] == "yes"
    assert RESIDENT not in [row["name"] for row in rows(chosen, "actors")]
    assert any("anonymised" in message for message in messages(iface, Qgis.MessageLevel.Success))


def test_without_an_atelier_packaging_says_what_to_do_and_asks_nothing(plugin, iface, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", never_asked)

    menu_action(plugin, "Package").trigger()

    assert plugin.handoff.package_dialog is None
    assert any("Open an atelier first" in message for message in messages(iface, Qgis.MessageLevel.Warning))


# -- merge and review ---------------------------------------------------------------------------


def test_a_merge_with_a_conflict_opens_the_review_where_the_other_version_is_taken(
    plugin, iface, laptops, tmp_path, monkeypatch
):
    shared, north, south = laptops
    merged = tmp_path / "fusion.gpkg"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([str(north), str(south)], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(merged), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    show_on_screen(iface)

    menu_action(plugin, "Merge").trigger()

    assert any("1 conflicts" in message for message in messages(iface, Qgis.MessageLevel.Success))
    assert project_atelier_location(QgsProject.instance()) == str(merged)  # opened for the review
    dialog = plugin.handoff.conflicts_dialog
    assert dialog.isVisible() and dialog.conflict_list.topLevelItemCount() == 1
    assert dialog.conflict_list.topLevelItem(0).text(1) == "Gare de Flamboin"
    assert dialog.conflict_list.topLevelItem(0).text(2) == "Commentaire"  # the one field set on both laptops
    table = dialog.comparison
    assert [table.item(0, column).text() for column in range(3)] == [
        "Commentaire",
        "Abri vélos demandé",
        "Parking saturé",
    ]
    assert table.item(0, 0).font().bold()  # the atelier is French; its field labels too
    context = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(2, table.rowCount())}
    assert context["Thème"] == "Mobilité" and not table.item(2, 0).font().bold()
    assert context["Géométrie"] == "Point at x = 721900, y = 6816700"

    QTest.mouseClick(dialog.zoom_button, Qt.MouseButton.LeftButton)
    canvas = iface.mapCanvas()
    to_canvas = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2154"), canvas.mapSettings().destinationCrs(), QgsProject.instance()
    )
    assert canvas.extent().contains(to_canvas.transform(QgsPointXY(*GOUAIX)))
    assert canvas.scale() == pytest.approx(5000, rel=0.01)

    QTest.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    [stake] = rows(merged, "stakes_point")
    assert (stake["uuid"], stake["comment"]) == (shared, "Parking saturé")
    assert [row["reviewed"] for row in rows(merged, "merge_conflicts")] == [1]
    assert dialog.conflict_list.topLevelItemCount() == 0 and not dialog.take_button.isEnabled()
    assert any("Every merge conflict" in message for message in messages(iface, Qgis.MessageLevel.Success))
    assert not messages(iface, Qgis.MessageLevel.Critical)


def test_the_review_from_the_menu_can_keep_the_merged_version(plugin, iface, laptops, tmp_path, monkeypatch):
    _shared, north, south = laptops
    merged = tmp_path / "fusion.gpkg"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([str(north), str(south)], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(merged), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    menu_action(plugin, "Merge").trigger()
    assert plugin.handoff.conflicts_dialog is None and project_atelier_location(QgsProject.instance()) is None
    plugin.loader.open(merged)

    menu_action(plugin, "ReviewConflicts").trigger()
    QTest.mouseClick(plugin.handoff.conflicts_dialog.keep_button, Qt.MouseButton.LeftButton)

    assert [row["comment"] for row in rows(merged, "stakes_point")] == ["Abri vélos demandé"]
    assert [row["reviewed"] for row in rows(merged, "merge_conflicts")] == [1]
    menu_action(plugin, "ReviewConflicts").trigger()  # nothing left: said, no dialog
    assert any("no merge conflict" in message for message in messages(iface, Qgis.MessageLevel.Info))


def test_a_cancelled_file_dialog_merges_nothing(plugin, iface, laptops, tmp_path, monkeypatch):
    _shared, north, south = laptops
    before = files_in(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", never_asked)
    menu_action(plugin, "Merge").trigger()

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([str(north), str(south)], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    menu_action(plugin, "Merge").trigger()

    assert files_in(tmp_path) == before
    assert all(
        not messages(iface, level)
        for level in (Qgis.MessageLevel.Success, Qgis.MessageLevel.Warning, Qgis.MessageLevel.Critical)
    )


def test_a_merge_the_core_refuses_is_reported_and_leaves_no_file(plugin, iface, laptops, tmp_path, monkeypatch):
    _shared, north, _south = laptops
    before = files_in(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([str(north), str(north)], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "fusion.gpkg"), ""))

    menu_action(plugin, "Merge").trigger()

    assert any("given twice" in message for message in messages(iface, Qgis.MessageLevel.Critical))
    assert files_in(tmp_path) == before
