"""The plugin inside QGIS: its menu and toolbar, opening and creating ateliers, translations.

QGIS is pytest-qgis's stubbed interface; the GeoPackages are real files, and Qt dialogs
that would wait for a click (file pickers, confirmations) are the only things patched.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsLayerTreeModel,
    QgsSettings,
)
from qgis.gui import QgsLayerTreeView
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QAction, QDialogButtonBox, QMenu, QMessageBox, QToolBar

from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import DELETED_COPIES, DELETED_TABLES, STAKE_TABLES, TABLES
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY
from bassee_atelier_plugin.gui.visits.photo_widget import PHOTO_WIDGET
from bassee_atelier_plugin.plugin import AtelierPlugin
from bassee_atelier_plugin.toolbelt.i18n import CONTEXT
from bassee_atelier_plugin.toolbelt.resources import translations_dir
from tests.conftest import TERRITORY, kept_settings

TOUCHED_SETTINGS = ("locale/overrideFlag", "locale/userLocale", "bassee_atelier/last_folder")


@pytest.fixture(scope="session", autouse=True)
def french_translation():
    """Build the French .qm from the committed .ts when it is missing or stale, as make does."""
    source = translations_dir() / "bassee_atelier_plugin_fr.ts"
    compiled = source.with_suffix(".qm")
    if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(["lrelease", "-silent", str(source), "-qm", str(compiled)], check=True)
    return compiled


@pytest.fixture(autouse=True)
def restored_settings(qgis_app):
    with kept_settings(*TOUCHED_SETTINGS):
        yield


def use_language(language: str) -> None:
    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", language)


@pytest.fixture
def iface(qgis_iface, qgis_new_project, monkeypatch):
    """The stub interface, with the QgisInterface methods the plugin uses that it lacks."""
    menu_bar = qgis_iface.mainWindow().menuBar()
    help_menu = menu_bar.findChild(QMenu, "mHelpMenu")
    if help_menu is None:
        help_menu = menu_bar.addMenu("Help")
        help_menu.setObjectName("mHelpMenu")
    layer_tree_view = QgsLayerTreeView(qgis_iface.mainWindow())
    layer_tree_view.setModel(QgsLayerTreeModel(qgis_new_project.layerTreeRoot(), layer_tree_view))
    monkeypatch.setattr(qgis_iface, "firstRightStandardMenu", lambda: help_menu, raising=False)
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: layer_tree_view, raising=False)
    qgis_iface.messageBar().clear_messages()
    yield qgis_iface
    layer_tree_view.deleteLater()
    flush_deletions()


@pytest.fixture
def plugin(iface):
    use_language("en")
    plugin = AtelierPlugin(iface)
    plugin.initGui()
    yield plugin
    plugin.unload()


@pytest.fixture
def atelier_path(created_atelier, tmp_path) -> Path:
    return created_atelier(tmp_path / "a.gpkg", communes=True).path


def flush_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def messages(iface, level: Qgis.MessageLevel) -> list[str]:
    return iface.messageBar().get_messages(level)


def atelier_groups(project) -> list:
    return [
        group for group in project.layerTreeRoot().findGroups(True) if group.customProperty(ATELIER_LOCATION_PROPERTY)
    ]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- initGui / unload ----------------------------------------------------------------


def qgis_state(iface) -> dict:
    """What a plugin could leave behind in the main window and the application."""
    flush_deletions()
    window = iface.mainWindow()
    return {
        "menu bar": [action.text() for action in window.menuBar().actions()],
        "menus": len(window.findChildren(QMenu)),
        "toolbars": len(window.findChildren(QToolBar)),
        "actions": len(window.findChildren(QAction)),
        "translation": QCoreApplication.translate(CONTEXT, "New atelier…"),
        "processing providers": sorted(provider.id() for provider in QgsApplication.processingRegistry().providers()),
    }


def test_unload_leaves_qgis_as_it_was(iface):
    use_language("fr")  # so that an installed translator shows
    before = qgis_state(iface)
    plugin = AtelierPlugin(iface)
    assert qgis_state(iface) == before, "the plugin's constructor must not touch the GUI"

    plugin.initGui()
    during = qgis_state(iface)
    assert during["menu bar"] == [*before["menu bar"][:-1], "Atelier des Territoires", before["menu bar"][-1]]
    assert during["toolbars"] == before["toolbars"] + 1
    assert during["actions"] > before["actions"]
    assert during["translation"] == "Nouvel atelier…"
    assert during["processing providers"] == sorted([*before["processing providers"], "bassee_atelier"])

    plugin.unload()
    assert qgis_state(iface) == before


# -- opening --------------------------------------------------------------------------


def test_open_adds_one_styled_group_with_forms_and_relations(plugin, iface, qgis_new_project, atelier_path):
    group = plugin.loader.open(atelier_path)

    assert atelier_groups(qgis_new_project) == [group]
    layers = {layer_table(node.layer()): node.layer() for node in group.findLayers()}
    assert set(layers) == set(open_atelier(atelier_path).table_names()) - {"layer_styles"}
    assert set(qgis_new_project.mapLayers().values()) == set(layers.values())
    categorised = {
        name: layer.renderer().classAttribute()
        for name, layer in layers.items()
        if isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
    }
    declared = {
        table.name: "look" if table.name in STAKE_TABLES else table.category_field  # stakes draw from their look
        for table in TABLES
        if table.geometry and table.category_field and table.name not in DELETED_TABLES
    }
    assert categorised == declared
    for table, copy in DELETED_COPIES.items():  # drawn as their table, only on a time line
        [on_a_time_line] = layers[copy.name].renderer().rootRule().children()
        assert on_a_time_line.filterExpression() == "@map_start_time IS NOT NULL" and on_a_time_line.children()
        assert layers[copy.name].labelsEnabled() == layers[table].labelsEnabled()
        assert not group.findLayer(layers[copy.name]).isVisible()  # unticked: ticked to replay deletions
    stakes = layers["stakes_point"]
    theme_widget = stakes.editorWidgetSetup(stakes.fields().indexOf("theme"))
    assert theme_widget.type() == "ValueRelation"
    assert theme_widget.config()["Layer"] == layers["thesaurus_themes"].id()
    relation_children = {
        layer_table(relation.referencingLayer()) for relation in qgis_new_project.relationManager().relations().values()
    }
    assert {"attachments", "action_stakes"} <= relation_children
    attachments = layers["attachments"]
    assert attachments.editorWidgetSetup(attachments.fields().indexOf("preview")).type() == PHOTO_WIDGET
    assert qgis_new_project.crs().authid() == "EPSG:2154"
    assert iface.mapCanvas().extent().contains(layers["communes"].extent().buffered(-1))
    assert iface.layerTreeView().currentNode() == group
    assert len(messages(iface, Qgis.MessageLevel.Success)) == 1
    assert not messages(iface, Qgis.MessageLevel.Critical)


def test_opening_twice_adds_no_second_copy(plugin, iface, qgis_new_project, atelier_path):
    first = plugin.loader.open(atelier_path)
    layer_count = len(qgis_new_project.mapLayers())

    again = plugin.loader.open(atelier_path)

    assert again is first
    assert atelier_groups(qgis_new_project) == [first]
    assert len(qgis_new_project.mapLayers()) == layer_count
    assert len(messages(iface, Qgis.MessageLevel.Info)) == 1


def not_a_geopackage(folder: Path) -> Path:
    path = folder / "notes.gpkg"
    path.write_text("Compte rendu de l'atelier du 12 juin 2017\n", encoding="utf-8")
    return path


def plain_geopackage(folder: Path) -> Path:
    path = folder / "plain.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lambert = osr.SpatialReference()
    lambert.ImportFromEPSG(2154)
    layer = dataset.CreateLayer("points", lambert, ogr.wkbPoint)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (700000 6800000)"))
    layer.CreateFeature(feature)
    dataset = None
    return path


@pytest.mark.parametrize("make_file", [not_a_geopackage, plain_geopackage])
def test_a_file_that_is_no_atelier_gives_one_clear_message(plugin, iface, qgis_new_project, tmp_path, make_file):
    path = make_file(tmp_path)
    fingerprint = sha256(path)

    assert plugin.loader.open(path) is None

    [message] = messages(iface, Qgis.MessageLevel.Critical)
    assert path.name in message and "Traceback" not in message
    assert not qgis_new_project.mapLayers()
    assert not qgis_new_project.layerTreeRoot().children()
    assert sha256(path) == fingerprint


def test_a_read_only_atelier_opens_read_only_and_says_so(plugin, iface, qgis_new_project, atelier_path):
    fingerprint = sha256(atelier_path)
    atelier_path.chmod(0o444)
    try:
        group = plugin.loader.open(atelier_path)
        layers = [node.layer() for node in group.findLayers()]
        assert layers and all(layer.readOnly() for layer in layers)
        assert not any(layer.startEditing() for layer in layers)
        [warning] = messages(iface, Qgis.MessageLevel.Warning)
        assert "read-only" in warning
        assert not messages(iface, Qgis.MessageLevel.Critical)
    finally:
        qgis_new_project.removeAllMapLayers()
        atelier_path.chmod(0o644)
    assert sha256(atelier_path) == fingerprint


def test_choosing_a_file_opens_it_and_remembers_its_folder(plugin, iface, qgis_new_project, atelier_path, monkeypatch):
    monkeypatch.setattr(
        "bassee_atelier_plugin.gui.atelier.loader.QFileDialog.getOpenFileName",
        lambda *args: (str(atelier_path), "GeoPackage (*.gpkg)"),
    )

    plugin.actions["open"].trigger()

    assert len(atelier_groups(qgis_new_project)) == 1
    assert QgsSettings().value("bassee_atelier/last_folder") == str(atelier_path.parent)


# -- translations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "new_text", "open_text"),
    [("fr", "Nouvel atelier…", "Ouvrir un atelier…"), ("en", "New atelier…", "Open atelier…")],
)
def test_actions_speak_the_language_of_qgis(iface, language, new_text, open_text):
    use_language(language)
    plugin = AtelierPlugin(iface)
    plugin.initGui()
    try:
        assert plugin.actions["new"].text() == new_text
        assert plugin.actions["open"].text() == open_text
        assert plugin.menu.title() == "Atelier des Territoires"
    finally:
        plugin.unload()


# -- the New atelier dialog ------------------------------------------------------------


def type_text(widget, text: str) -> None:
    """A key press and release per character: QTest.keyClicks aborts on non-ASCII ones like é."""
    for character in text:
        for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                widget, QKeyEvent(event_type, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            )


def fill_in(dialog, territory: str, path: Path) -> None:
    type_text(dialog.territoryEdit, territory)
    dialog.fileWidget.setFilePath(str(path))


def click_ok(dialog) -> None:
    QTest.mouseClick(dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_new_atelier_dialog_creates_and_opens_the_atelier(plugin, iface, qgis_new_project, tmp_path):
    dialog = plugin.new_atelier()
    ok_button = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok_button.isEnabled()
    assert dialog.crsWidget.crs().authid() == "EPSG:2154"

    type_text(dialog.territoryEdit, "CC Bassée-Montois")
    assert not ok_button.isEnabled(), "a file is needed too"
    dialog.fileWidget.setFilePath(str(tmp_path / "bassee"))  # the extension is added
    dialog.communesWidget.setFilePath(str(TERRITORY / "bassee_montois_communes.geojson"))
    click_ok(dialog)

    created = tmp_path / "bassee.gpkg"
    atelier = open_atelier(created)
    assert atelier.metadata.territory == "CC Bassée-Montois"
    assert atelier.counts()["communes"] > 0
    [group] = atelier_groups(qgis_new_project)
    assert Path(group.customProperty(ATELIER_LOCATION_PROPERTY)) == created
    assert QgsSettings().value("bassee_atelier/last_folder") == str(tmp_path)


def test_new_atelier_replaces_a_file_only_once_confirmed(plugin, iface, qgis_new_project, atelier_path, monkeypatch):
    fingerprint = sha256(atelier_path)
    dialog = plugin.new_atelier()
    fill_in(dialog, "Donnemarie-Dontilly", atelier_path)

    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    click_ok(dialog)
    assert dialog.isVisible(), "refusing leaves the dialog open to choose another file"
    assert sha256(atelier_path) == fingerprint
    assert not qgis_new_project.mapLayers()

    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    click_ok(dialog)
    assert open_atelier(atelier_path).metadata.territory == "Donnemarie-Dontilly"
    assert len(atelier_groups(qgis_new_project)) == 1
