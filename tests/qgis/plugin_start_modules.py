"""Run in a fresh Python by test_plugin_start_imports.py: which modules the plugin's start imports, as JSON.

QGIS starts (offscreen, with Processing's own plugin as a planner's QGIS has it) and its interface
is built first; the modules then in ``sys.modules`` are QGIS's own. Then the plugin is imported
and started as QGIS starts it (``classFactory``, ``initGui``); the modules new since are the
plugin's start. Printed: ``{"qgis": [...], "plugin_start": [...]}``.
"""

import json
import sys

from pytest_qgis.mock_qgis_classes import MockMessageBar
from pytest_qgis.qgis_interface import QgisInterface
from qgis.core import QgsApplication
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtWidgets import QMainWindow

application = QgsApplication([], True)
application.initQgis()
window = QMainWindow()
help_menu = window.menuBar().addMenu("Help")
iface = QgisInterface(QgsMapCanvas(window), MockMessageBar(), window)
iface.firstRightStandardMenu = lambda: help_menu
iface.addDockWidget = window.addDockWidget
iface.removeDockWidget = window.removeDockWidget
qgis_modules = set(sys.modules)

from bassee_atelier_plugin import classFactory  # noqa: E402 - after QGIS's own modules are counted

plugin = classFactory(iface)
plugin.initGui()
started = sorted(set(sys.modules) - qgis_modules)
plugin.unload()
print(json.dumps({"qgis": sorted(qgis_modules), "plugin_start": started}))
