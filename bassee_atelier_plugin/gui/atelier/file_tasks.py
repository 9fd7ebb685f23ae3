"""What the menu's file tasks share: asking where to write, a wait cursor while the core works, the outcome said.

The deliverables, the package and the merge each ask for a file, run the core (which may
take a while, and refuses an impossible request with an AtelierError whose message is
for the user) and say in the message bar what came of it, with a link to the file.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

NEWS_SECONDS = 10  # for news; errors and warnings stay until the user closes them

Result = TypeVar("Result")


def report(iface, message: str, level: Qgis.MessageLevel) -> None:
    duration = 0 if level in (Qgis.MessageLevel.Critical, Qgis.MessageLevel.Warning) else NEWS_SECONDS
    iface.messageBar().pushMessage(tr("Atelier des Territoires"), message, level, duration)


def file_link(path: Path) -> str:
    """A link that opens ``path`` from the message bar."""
    return f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(path.name)}</a>'


def start_folder(fallback: Path) -> Path:
    """Where a file dialog starts: the folder used last, else ``fallback``."""
    return Path(PluginSettings.load().last_folder or fallback)


def suggested_file(location: str, suffix: str) -> Path:
    """Where to write something made of the atelier at ``location``: named after it, beside its file.

    A shared atelier has no file: what is made of it goes to the folder used last (else home),
    named after its schema.
    """
    from bassee_atelier_plugin.core.stores.registry import (
        store_for,  # the stores: imported when used, not at QGIS's start
    )

    store = store_for(location)
    beside = store.file.parent if store.file is not None else Path.home()
    return start_folder(beside) / f"{store.short_name}{suffix}"


def remember_folder(folder: Path) -> None:
    settings = PluginSettings.load()
    settings.last_folder = str(folder)
    settings.save()


def ask_save_path(parent, caption: str, start: Path, file_filter: str) -> Path | None:
    """The file chosen to write to, ``start`` offered first; its folder is remembered. None if cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(start), file_filter)
    if not chosen:
        return None
    remember_folder(Path(chosen).parent)
    return Path(chosen)


def run_reporting_errors(iface, work: Callable[[], Result]) -> Result | None:
    """``work()`` under a wait cursor; a refusal of the core becomes a Critical message, and None."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    except AtelierError as error:
        report(iface, str(error), Qgis.MessageLevel.Critical)
        return None
    finally:
        QApplication.restoreOverrideCursor()
