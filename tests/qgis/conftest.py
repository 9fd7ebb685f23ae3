"""Fixtures of the GUI tests: QGIS's interface with a real main window, the plugin, a fresh atelier."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from qgis.core import QgsLayerTreeModel
from qgis.gui import QgsLayerTreeView
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QMenu

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.plugin import AtelierPlugin
from tests.postgres import postgres_binaries, start_cluster, stop_cluster

needs_postgres = pytest.mark.skipif(
    postgres_binaries() is None, reason="PostgreSQL is not installed (make test installs it)"
)
_database_numbers = itertools.count()


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
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def atelier_path(created_atelier, tmp_path) -> Path:
    """A new atelier with the territory's communes (a copy of one made by ``Atelier.create``)."""
    return created_atelier(tmp_path / "a.gpkg", communes=True).path


@pytest.fixture
def visit(new_atelier) -> tuple:
    """An atelier with a site visit session and a stake already drawn (which nothing may lose)."""
    with writer(new_atelier, author="test") as edits:
        session = edits.insert("sessions", {"kind": "arpentage", "title": "Arpentage de janvier"})
        edits.insert("stakes_point", {"theme": "eau_risques", "title": "Crue de 2016"}, "POINT (716000 6813000)")
    return new_atelier, session


@pytest.fixture(scope="session")
def cluster():
    """One throwaway PostgreSQL cluster for every test of shared ateliers, stopped (and removed) at the end."""
    running = start_cluster()
    yield running
    stop_cluster(running)


@pytest.fixture
def database(cluster, qgis_app, monkeypatch) -> str:
    """A new database with PostGIS, and its address: the password is in libpq's password file, not in it."""
    monkeypatch.setenv("PGPASSFILE", str(cluster.password_file))
    name = cluster.new_database(f"atelier_{next(_database_numbers)}")
    return cluster.url(name, password=None)
