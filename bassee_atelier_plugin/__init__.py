"""Atelier des Territoires: a QGIS plugin for mapping a territorial strategy live.

QGIS imports this file first (and so does every import of the core, hence QGIS only inside
functions). It needs nothing but QGIS itself, so that a plugin folder
with a file missing, or a QGIS without a library, still gets one line in the message bar
(what is missing, what to do) instead of a traceback and a half-built menu.
"""

from __future__ import annotations

import traceback
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
TITLE = "Atelier des Territoires"


def classFactory(iface):  # noqa: N802 - the name QGIS looks for
    try:
        from bassee_atelier_plugin.plugin import AtelierPlugin
    except Exception as error:  # noqa: BLE001 - any failure to import is told in one line, not a traceback
        return NotStarted(iface, error)
    return AtelierPlugin(iface)


def tr(message: str) -> str:
    """toolbelt.i18n's tr, which this file may not import: that file too may be the missing one."""
    from qgis.PyQt.QtCore import QCoreApplication

    return QCoreApplication.translate("@default", message)


def start_failure(error: BaseException) -> str:
    """The one line a planner reads when the plugin cannot start because of ``error``."""
    missing = missing_file(error)
    if missing is not None:
        return tr("The plugin's installation is incomplete: {file} is missing; reinstall it from its ZIP.").format(
            file=missing
        )
    if isinstance(error, ModuleNotFoundError) and error.name:
        return missing_library(error.name.split(".")[0])
    if type(error).__module__ == "bassee_atelier_plugin.core.errors":  # an AtelierError: worded for the user
        return str(error)
    return tr("The plugin could not start: {error}").format(error=error)


def missing_library(library: str) -> str:
    """The line of core.errors.require for a library the plugin knows how to get; else a shorter one."""
    try:
        from bassee_atelier_plugin.core.errors import AtelierError, require

        require(library, tr("The plugin"))
    except AtelierError as missing:
        return str(missing)
    except Exception:  # noqa: BLE001, S110 - a library require() does not know, or errors.py missing too
        pass  # nosec B110 # the shorter line then
    return tr("The plugin cannot start: this QGIS lacks the Python library {library}.").format(library=library)


def missing_file(error: BaseException) -> str | None:
    """The plugin's own file whose absence ``error`` reports, relative to the plugin's folder; else None."""
    if isinstance(error, ModuleNotFoundError) and (error.name or "").startswith(f"{__name__}."):
        return str(Path(*error.name.split(".")[1:]).with_suffix(".py"))
    if isinstance(error, FileNotFoundError) and error.filename:
        path = Path(error.filename).resolve()
        for folder in (PLUGIN_DIR, PLUGIN_DIR.parent / "resources"):  # resources/ is beside it in the source tree
            if path.is_relative_to(folder):
                return str(path.relative_to(folder.parent if folder.name == "resources" else folder))
    return None


def show_start_failure(iface, message: str, error: BaseException) -> None:
    """``message`` in the message bar until closed; the traceback in the log, for whoever fixes it."""
    from qgis.core import Qgis, QgsMessageLog

    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    QgsMessageLog.logMessage(details, TITLE, Qgis.MessageLevel.Critical)
    iface.messageBar().pushMessage(tr(TITLE), message, Qgis.MessageLevel.Critical, 0)


class NotStarted:
    """Stands in for the plugin when its code cannot be imported: it says why, adds nothing, takes nothing away."""

    def __init__(self, iface, error: BaseException):
        self.iface = iface
        self.error = error

    def initGui(self) -> None:  # noqa: N802 - QGIS's name
        from qgis.PyQt.QtCore import QCoreApplication

        translator = None
        try:  # the line in QGIS's language, if the translations are there
            from bassee_atelier_plugin.toolbelt.i18n import install_translator
            from bassee_atelier_plugin.toolbelt.resources import translations_dir

            translator = install_translator(translations_dir())
        except Exception:  # noqa: BLE001, S110 - in English then
            pass  # nosec B110 # in English then
        show_start_failure(self.iface, start_failure(self.error), self.error)
        if translator is not None:
            QCoreApplication.removeTranslator(translator)

    def unload(self) -> None:
        """Nothing was added."""
