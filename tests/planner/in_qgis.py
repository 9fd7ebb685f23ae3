"""Run inside a real QGIS by ``qgis --code``: what a planner's QGIS shows once it has started, as JSON.

QGIS runs this file after it has loaded the profile's plugins and before it shows its window; the
report is written once the window is shown and QGIS has said its start is complete, and then QGIS
quits (unloading the plugins, as when a planner closes it). The environment variable
``PLANNER_TASK`` names a JSON file: ``report``, the file to write; ``install_zip``, a plugin ZIP to
install first through QGIS's own installer (the Plugin Manager's "Install from ZIP"); ``settings``,
QGIS settings to write first; ``trigger``, the object name of one of the plugin's menu actions to
click, answering its dialogs as a planner in a hurry would: the first choice and the file name offered.

The report: how long QGIS took to start (on the clock and on the processors), the plugin's state
(loaded, from which folder, which version), its menu and toolbar, the menu bar, the message bar's
messages, the Python errors logged after this file started, and the plugin's settings.
"""

import json
import os
import sys
import time
import traceback

from qgis.core import Qgis, QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QMetaObject, QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QFileDialog, QInputDialog, QMenu, QToolBar
from qgis.utils import active_plugins, iface, plugin_times, pluginMetadata

PLUGIN = "bassee_atelier_plugin"
SETTINGS_PREFIXES = ("bassee_atelier/", f"PythonPlugins/{PLUGIN}")


def cpu_seconds():
    """What the QGIS process has spent on the processors so far: steadier than the clock on a shared machine."""
    times = os.times()
    return times.user + times.system


def seconds_since_process_start():
    """From the QGIS process's start (its launcher script included) to now, by the kernel's clocks."""
    with open("/proc/self/stat") as stat:
        started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    return time.clock_gettime(time.CLOCK_BOOTTIME) - started_ticks / os.sysconf("SC_CLK_TCK")


def menu_tree(menu):
    entries = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        entries.append({action.text(): menu_tree(action.menu())} if action.menu() else action.text())
    return entries


def planner_report(seconds_to_ready, cpu_seconds_to_ready, python_errors):
    window = iface.mainWindow()
    module = sys.modules.get(PLUGIN)
    settings = QgsSettings()
    return {
        "qgis_version": Qgis.version(),
        "seconds_to_ready": seconds_to_ready,
        "cpu_seconds_to_ready": cpu_seconds_to_ready,
        # QGIS's own count for the plugin: processor time of classFactory and initGui (qgis.utils.startPlugin)
        "plugin_start_cpu_seconds": float(plugin_times[PLUGIN].rstrip("s")) if PLUGIN in plugin_times else None,
        "active": PLUGIN in active_plugins,
        "plugin_file": getattr(module, "__file__", None),
        "version": pluginMetadata(PLUGIN, "version"),
        "menu_bar": [action.text() for action in window.menuBar().actions()],
        "menus": [menu_tree(menu) for menu in window.findChildren(QMenu, "BasseeAtelierMenu")],
        "toolbars": [
            [action.text() for action in toolbar.actions()]
            for toolbar in window.findChildren(QToolBar, "BasseeAtelierToolbar")
        ],
        "message_bar": [
            {"level": int(item.level()), "title": item.title(), "text": item.text()}
            for item in iface.messageBar().items()
        ],
        "python_errors": python_errors,
        "unexpected_dialogs": UNEXPECTED_DIALOGS,
        "settings": {key: settings.value(key) for key in settings.allKeys() if key.startswith(SETTINGS_PREFIXES)},
    }


def with_task(step):
    """Runs ``step(task)``; an error goes into the report and QGIS quits: never a dialog that waits for a click."""

    def run():
        with open(os.environ["PLANNER_TASK"], encoding="utf-8") as task_file:
            task = json.load(task_file)
        try:
            step(task)
        except Exception:
            with open(task["report"], "w", encoding="utf-8") as report_file:
                json.dump({"harness_error": traceback.format_exc()}, report_file)
            QTimer.singleShot(0, lambda: QgsApplication.exit(3))

    return run


def click(action_name):
    """Trigger a menu action as a click does; its dialogs are answered from a timer, since they wait for a click."""
    [action] = iface.mainWindow().findChildren(QAction, action_name)

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is not None and not isinstance(dialog, (QFileDialog, QInputDialog)):
            UNEXPECTED_DIALOGS.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
            QMetaObject.invokeMethod(dialog, "reject")  # never a dialog left waiting for a click
            return
        if dialog is not None:
            QMetaObject.invokeMethod(dialog, "accept")  # QFileDialog's accept is protected

    answering = QTimer()
    answering.timeout.connect(answer)
    answering.start(100)
    try:
        action.trigger()
    finally:
        answering.stop()


@with_task
def when_ready(task):
    seconds_to_ready, cpu_seconds_to_ready = seconds_since_process_start(), cpu_seconds()
    settings = QgsSettings()
    for key, value in task.get("settings", {}).items():
        settings.setValue(key, value)
    if task.get("install_zip"):
        import pyplugin_installer

        pyplugin_installer.instance().installFromZipFile(task["install_zip"])
    if task.get("trigger"):
        click(task["trigger"])
    report = planner_report(seconds_to_ready, cpu_seconds_to_ready, PYTHON_ERRORS)
    with open(task["report"], "w", encoding="utf-8") as report_file:
        json.dump(report, report_file, ensure_ascii=False, indent=1)
    QgsProject.instance().clear()  # QGIS 3.44 crashes quitting with an atelier's project still open, plugin or not
    QTimer.singleShot(0, lambda: QgsApplication.exit(0))


PYTHON_ERRORS = []
UNEXPECTED_DIALOGS = []
QgsApplication.messageLog().messageReceived.connect(
    lambda message, tag, _level: PYTHON_ERRORS.append(message) if tag == "Python error" else None
)
# once the window is shown and the start complete: the first turn of QGIS's event loop
iface.initializationCompleted.connect(lambda: QTimer.singleShot(0, when_ready))
