"""A headless QGIS for the command line: started once, only when no QGIS is running."""

from __future__ import annotations

import atexit
import getpass
import os
import shutil
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
    if "XDG_RUNTIME_DIR" not in os.environ:  # Qt wants one, private to the user
        os.environ["XDG_RUNTIME_DIR"] = str(_runtime_folder())
    _application = QgsApplication([], False)
    _application.initQgis()
    atexit.register(_application.exitQgis)
    return _application


def _runtime_folder() -> Path:
    """A folder of the user's own, named after the user (Windows has no user ids), else a new one."""
    try:
        runtime = Path(tempfile.gettempdir()) / f"runtime-{getpass.getuser()}"
    except (KeyError, OSError):  # a user id without a name (a container's), and no LOGNAME or USER
        runtime = Path(tempfile.mkdtemp(prefix="runtime-"))
        atexit.register(shutil.rmtree, runtime, True)  # after QGIS has exited: registered before it
        return runtime
    runtime.mkdir(mode=0o700, exist_ok=True)
    return runtime
