"""Fixtures of the GUI tests: QGIS's interface with a real main window, the plugin, a fresh atelier."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsLayerTreeModel
from qgis.gui import QgsLayerTreeView
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QMenu

from bassee_atelier_plugin.core.storage import Atelier
from bassee_atelier_plugin.plugin import AtelierPlugin
from tests.conftest import TERRITORY


@pytest.fixture
def iface(qgis_iface, qgis_new_project, monkeypatch):
    """The stub interface, with a real main window around the canvas and the dock."""
    window = qgis_iface.mainWindow()
    help_menu = window.menuBar().findChild(QMenu, "mHelpMenu") or window.menuBar().addMenu("Help")
    help_menu.setObjectName("mHelpMenu")
    tree_view = QgsLayerTreeView(window)
    tree_view.setModel(QgsLayerTreeModel(qgis_new_project.layerTreeRoot(), tree_view))
    monkeypatch.setattr(qgis_iface, "firstRightStandardMenu", lambda: help_menu, raising=False)
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: tree_view, raising=False)
    monkeypatch.setattr(qgis_iface, "addDockWidget", window.addDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", window.removeDockWidget, raising=False)
    canvas = qgis_iface.mapCanvas()
    window.setCentralWidget(canvas)
    qgis_iface.messageBar().clear_messages()
    yield qgis_iface
    window.takeCentralWidget()
    tree_view.deleteLater()


@pytest.fixture
def plugin(iface):
    plugin = AtelierPlugin(iface)
    plugin.initGui()
    yield plugin
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.fixture
def atelier_path(qgis_app, tmp_path) -> Path:
    communes = TERRITORY / "bassee_montois_communes.geojson"
    return Atelier.create(tmp_path / "a.gpkg", territory="CC Bassée-Montois", communes=communes).path
