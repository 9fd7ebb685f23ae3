"""QGIS's start imports only what builds the plugin's menu, toolbar and Processing provider.

A fresh Python starts QGIS (offscreen), then the plugin as QGIS starts it
(tests/qgis/plugin_start_modules.py): the modules imported by the plugin's start are those
new since QGIS's own start. What an action does (creating, opening and merging ateliers, the
stores, the dialogs built from .ui files) is imported when the action is first used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

PLUGIN = "bassee_atelier_plugin"
# imported by an action, never by QGIS's start: each costs the planner time at every start
FIRST_USE_ONLY = (
    "numpy",  # the merge's rows
    "PyQt5.uic",  # the dialogs built from .ui files
    "urllib.request",  # the GeoPackage store's project paths
    "xml.sax.saxutils",
    "http.server",  # the phones' server
    f"{PLUGIN}.gui.atelier.loader",
    f"{PLUGIN}.gui.atelier.new_atelier_dialog",
    f"{PLUGIN}.core.lifecycle.creating",
    f"{PLUGIN}.core.lifecycle.opening",
    f"{PLUGIN}.core.stores.registry",
    f"{PLUGIN}.core.stores.geopackage.store",
    f"{PLUGIN}.core.handoff.merge",
    f"{PLUGIN}.core.handoff.sync",
    f"{PLUGIN}.core.handoff.package",
    f"{PLUGIN}.core.phones.server",
    f"{PLUGIN}.core.deliverables.exports",
    f"{PLUGIN}.gui.handoff.conflicts_dialog",
)


def plugin_start_modules() -> dict[str, list[str]]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    finished = subprocess.run(
        [sys.executable, str(REPO / "tests" / "qgis" / "plugin_start_modules.py")],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.splitlines()[-1])


def test_the_plugins_start_leaves_what_its_actions_do_for_their_first_use():
    modules = plugin_start_modules()
    started = set(modules["plugin_start"])
    assert {f"{PLUGIN}.plugin", f"{PLUGIN}.processing.provider", f"{PLUGIN}.gui.handoff.handoff_menu"} <= started
    imported_by_the_plugin = sorted(set(FIRST_USE_ONLY) & started)
    assert imported_by_the_plugin == []
    assert not [name for name in modules["qgis"] if name.startswith(PLUGIN)]  # QGIS's own, counted before
