"""A headless QGIS for the command line: started once, only when no QGIS is running."""

from __future__ import annotations

import atexit
import getpass
import os
import tempfile
from pathlib import Path

_application = None


def ensure_qgis():
    """Return the running QgsApplication, starting a headless one if there is none."""
    global _application
    from qgis.core import QgsApplication

    if QgsApplication.instance() is not None:
        return QgsApplication.instance()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "XDG_RUNTIME_DIR" not in os.environ:  # Qt wants one, private to the user (Windows has no user ids)
        runtime = Path(tempfile.gettempdir()) / f"runtime-{getpass.getuser()}"
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    _application = QgsApplication([], False)
    _application.initQgis()
    atexit.register(_application.exitQgis)
    return _application
