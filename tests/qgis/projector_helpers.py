"""What both files of projector mode's tests share: QGIS's main window furnished and shown, an atelier, the mode.

The main window is pytest-qgis's; the fixture gives it what QGIS's has and the stub
lacks (docks, some tabbed, toolbars, a status bar, a layer tree view) and shows it,
so that hiding and restoring them is tested for real.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from qgis.core import QgsLayerTreeModel, QgsProject, QgsSettings
from qgis.gui import QgsLayerTreeView
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QMainWindow, QStatusBar, QToolBar

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.gui.atelier.loader import AtelierLoader
from bassee_atelier_plugin.gui.editing.projector import ProjectorMode
from tests.conftest import kept_settings

LANGUAGE_SETTINGS = ("locale/overrideFlag", "locale/userLocale")
STAKES = [  # Lambert-93, inside the territory
    ("stakes_point", "eau_risques", "Crue de 2016", "POINT (715000 6815000)"),
    ("stakes_point", "mobilite", "Gare de Longueville", "POINT (712000 6817000)"),
    (
        "stakes_area",
        "eau_risques",
        "Zone humide",
        "POLYGON ((716000 6814000, 717000 6814000, 716500 6815000, 716000 6814000))",
    ),
]
THEMES_IN_USE = {"eau_risques", "mobilite"}


@pytest.fixture
def english(qgis_app):
    with kept_settings(*LANGUAGE_SETTINGS):
        settings = QgsSettings()
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "en")
        yield


@pytest.fixture
def window(qgis_iface, monkeypatch) -> QMainWindow:
    """A main window furnished like QGIS's: docks (two of them tabbed), toolbars, bars.

    A new one for each test, standing in for the stub's: a window that earlier tests added
    docks to keeps their dock areas' sizes, and Qt would settle them only when leaving full
    screen, as if the projector had changed the window.
    """
    stub_window = qgis_iface.mainWindow()
    window = QMainWindow()
    monkeypatch.setattr(qgis_iface, "mainWindow", lambda: window)
    docks = {}
    for name in ("Layers", "Browser", "Log", "Styling"):
        dock = docks[name] = QDockWidget(name, window)
        dock.setObjectName(name)
        dock.setWidget(QLabel(name))
        window.addDockWidget(
            Qt.DockWidgetArea.LeftDockWidgetArea if name != "Styling" else Qt.DockWidgetArea.RightDockWidgetArea, dock
        )
    window.tabifyDockWidget(docks["Layers"], docks["Browser"])
    docks["Log"].hide()
    for name in ("File", "Digitizing", "Plugins"):
        toolbar = QToolBar(name, window)
        toolbar.setObjectName(name)
        toolbar.addAction(name)
        window.addToolBar(toolbar)
        toolbar.setVisible(name != "Digitizing")
    window.menuBar().addMenu("Help")
    window.setStatusBar(QStatusBar(window))
    canvas = qgis_iface.mapCanvas()
    canvas_size = canvas.size()
    window.setCentralWidget(canvas)  # where QGIS has it: it grows with the full-screen window
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    docks["Browser"].raise_()  # the second tab is the current one
    yield window
    window.hide()
    window.takeCentralWidget().setParent(stub_window)
    canvas.resize(canvas_size)
    canvas.show()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def iface(qgis_iface, qgis_new_project, window, english, monkeypatch):
    layer_tree_view = QgsLayerTreeView(window)
    layer_tree_view.setModel(QgsLayerTreeModel(qgis_new_project.layerTreeRoot(), layer_tree_view))
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: layer_tree_view, raising=False)
    qgis_iface.messageBar().clear_messages()
    yield qgis_iface
    qgis_new_project.removeAllMapLayers()
    qgis_new_project.layerTreeRoot().removeAllChildren()
    layer_tree_view.deleteLater()


@pytest.fixture(scope="module")
def atelier_file(created_atelier, tmp_path_factory) -> Path:
    """An atelier with a few stakes of two themes, made once: each test opens its own copy."""
    path = tmp_path_factory.mktemp("projector") / "a.gpkg"
    atelier = created_atelier(path, communes=True)
    with writer(atelier) as stakes:
        for table, theme, title, wkt in STAKES:
            stakes.insert(table, {"theme": theme, "title": title}, wkt)
    return path


@pytest.fixture
def atelier(iface, atelier_file, tmp_path) -> Atelier:
    """A copy of the atelier, open in the project."""
    path = Path(shutil.copy(atelier_file, tmp_path / "a.gpkg"))
    assert AtelierLoader(iface).open(path) is not None
    iface.mapCanvas().setDestinationCrs(QgsProject.instance().crs())  # QGIS does it, the stub does not
    return open_atelier(path)


@pytest.fixture
def armed() -> list[str]:
    return []


@pytest.fixture
def projector(iface, atelier, armed):
    mode = ProjectorMode(iface, arm_theme=armed.append)
    yield mode
    mode.unload()


def layers_by_table(projector) -> dict:
    return projector.atelier.layers


def press(canvas, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(canvas, key, modifier)
    QCoreApplication.processEvents()
