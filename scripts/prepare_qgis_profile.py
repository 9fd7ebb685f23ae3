"""Set up the QGIS profile of ``make run``: the plugin enabled, nothing popping up at start-up.

Usage: ``prepare_qgis_profile.py PROFILE/QGIS/QGIS3.ini``. Only these keys are written:
QGIS keeps the rest of the profile (window layout, recent projects) from run to run.
QSettings writes the file, so its escaping is QGIS's own.
"""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.PyQt.QtCore import QSettings

SETTINGS = {
    "PythonPlugins/bassee_atelier_plugin": True,
    # The welcome page's version check and news feed call the internet at start-up.
    "qgis/checkVersion": False,
    "core/NewsFeed/httpsfeedqgisorg/disabled": True,
    "app/plugin_installer/checkOnStart": False,
}


def prepare(ini_path: Path) -> None:
    ini_path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(ini_path), QSettings.Format.IniFormat)
    for key, value in SETTINGS.items():
        settings.setValue(key, value)
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise SystemExit(f"Could not write the QGIS settings {ini_path}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    prepare(Path(sys.argv[1]))
