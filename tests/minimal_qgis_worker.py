"""The plugin in a QGIS whose Python has only what a minimal OSGeo4W install ships.

Run by tests/qgis/test_optional_libraries.py with the system's Python in isolated mode (no
virtual environment, no PYTHONPATH), so that only QGIS's Python and the system's packages
are there. Debian's QGIS still brings Pillow (and the machine may hold pandas and others),
so a finder on ``sys.meta_path`` makes the libraries of ABSENT unimportable first, and notes
which module of the plugin tried. Then it imports every module of the plugin, starts the
plugin on pytest-qgis's stub interface, and uses what must work without them: a photo, the
roadmap's .ods, the synthesis's tables; the replay must answer with its one line.

``python3 -I tests/minimal_qgis_worker.py REPO STUB_DIR WORK_DIR`` prints one JSON object.
"""

from __future__ import annotations

import importlib
import importlib.abc
import json
import os
import pkgutil
import sys
import traceback
import types
from pathlib import Path

# Windows' standalone installer has the first four and pyogrio; no QGIS has segno or odfpy.
ABSENT = ("PIL", "pandas", "geopandas", "shapely", "pyogrio", "segno", "odf")
PLUGIN = "bassee_atelier_plugin"
NEEDS_A_CONSOLE = {f"{PLUGIN}.__main__"}  # runs the command line when imported


class Absent(importlib.abc.MetaPathFinder):
    """Refuses the libraries of ABSENT as if they were not installed, and notes who asked."""

    def __init__(self) -> None:
        self.attempts: list[str] = []  # by the plugin
        self.by_qgis: list[str] = []  # QGIS 3.44's qgis.core tries shapely, and goes on without it

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] not in ABSENT:
            return None
        asking = [frame for frame in traceback.extract_stack() if f"{os.sep}{PLUGIN}{os.sep}" in frame.filename]
        if asking:
            where = asking[-1].filename.split(os.sep + PLUGIN + os.sep)[-1]
            self.attempts.append(f"{name} from {where}:{asking[-1].lineno}")
        else:
            self.by_qgis.append(name)
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def main(repo: Path, stub_folder: Path, work: Path) -> dict:
    absent = Absent()
    sys.meta_path.insert(0, absent)
    sys.path.insert(0, str(repo))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    stub = types.ModuleType("pytest_qgis")  # its two modules alone: its __init__ needs pytest
    stub.__path__ = [str(stub_folder)]
    sys.modules["pytest_qgis"] = stub
    import pytest_qgis.qgis_interface  # noqa: F401 - before QgsApplication, or its slots' signatures do not resolve
    from qgis.core import Qgis, QgsApplication

    application = QgsApplication([], True)
    application.initQgis()
    result = {"qgis": Qgis.version(), "import_errors": {}, "python": sys.executable, "path": sys.path}

    package = importlib.import_module(PLUGIN)
    for module in pkgutil.walk_packages(package.__path__, f"{PLUGIN}."):
        if module.name not in NEEDS_A_CONSOLE:
            try:
                importlib.import_module(module.name)
            except Exception as error:  # noqa: BLE001 - every failing module is listed, not the first
                result["import_errors"][module.name] = f"{type(error).__name__}: {error}"
    result["imported_at_start"] = list(absent.attempts)

    result["started"], result["messages"] = start_plugin()
    result["features"] = use_features(repo, work)
    result["attempts"], result["attempts_by_qgis"] = absent.attempts, absent.by_qgis
    result["loaded"] = sorted(name for name in sys.modules if name.split(".")[0] in ABSENT)
    application.exitQgis()
    return result


def start_plugin() -> tuple[list[str], dict]:
    """Start the plugin as QGIS does; the titles of its menu's entries, and the message bar's lines."""
    from pytest_qgis.mock_qgis_classes import MockMessageBar
    from pytest_qgis.qgis_interface import QgisInterface
    from qgis.core import Qgis
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt.QtWidgets import QMainWindow

    window = QMainWindow()
    iface = QgisInterface(QgsMapCanvas(window), MockMessageBar(), window)
    help_menu = window.menuBar().addMenu("Help")
    iface.firstRightStandardMenu = lambda: help_menu  # what conftest's iface adds to the stub too
    iface.addDockWidget = window.addDockWidget
    iface.removeDockWidget = window.removeDockWidget
    import qgis.utils

    qgis.utils.iface = iface
    from bassee_atelier_plugin import classFactory

    plugin = classFactory(iface)
    plugin.initGui()
    menu = getattr(plugin, "menu", None)
    entries = [action.text() for action in menu.actions()] if menu is not None else []
    bar = iface.messageBar()
    messages = {name: bar.get_messages(getattr(Qgis.MessageLevel, name)) for name in ("Critical", "Warning")}
    plugin.unload()
    return entries, messages


def use_features(repo: Path, work: Path) -> dict:
    """What must work without the absent libraries, and the one line the replay must give."""
    import shutil

    from bassee_atelier_plugin.core.deliverables.replay import export_replay
    from bassee_atelier_plugin.core.deliverables.roadmap import export_roadmap
    from bassee_atelier_plugin.core.deliverables.synthesis import stakes_by_theme_and_commune, stakes_with_communes
    from bassee_atelier_plugin.core.errors import MissingLibraryError
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
    from bassee_atelier_plugin.core.visits.photos import read_photo

    photo = read_photo(work / "photo.jpg")
    atelier = open_atelier(shutil.copy(repo / "sample_data" / "bassee_montois_atelier.gpkg", work / "a.gpkg"))
    _themes, by_commune = stakes_by_theme_and_commune(atelier, stakes_with_communes(atelier))
    try:
        export_replay(atelier, "no such session", work / "replay.gif")
        replay = "written"
    except MissingLibraryError as error:
        replay = str(error)
    return {
        "photo": [photo.latitude, photo.longitude, photo.taken_at, len(photo.preview)],
        "roadmap_ods": export_roadmap(atelier, work / "feuille.ods").stat().st_size,
        "communes_in_synthesis": len(by_commune),
        "replay": replay,
        "replay_written": (work / "replay.gif").exists(),
    }


if __name__ == "__main__":
    print(json.dumps(main(*(Path(argument) for argument in sys.argv[1:4]))))
