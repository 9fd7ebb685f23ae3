"""Translation of user-facing strings, for the plugin and the core alike.

pylupdate5 files every plain ``tr("...")`` call under the ``@default`` context, so the
translator is asked in that context. Without an installed translator (the command
line, tests) the English source text comes back unchanged.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "@default"


def tr(message: str) -> str:
    return QCoreApplication.translate(CONTEXT, message)


def user_language() -> str:
    """The two-letter language QGIS runs in: its override setting, else ``--lang``, else the system's."""
    settings = QSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "", type=str)
    else:
        application = QgsApplication.instance()
        locale = (application.translation() if application is not None else "") or QLocale.system().name()
    return (locale or "en")[:2]


def install_translator(translations_dir: Path, language: str | None = None) -> QTranslator | None:
    """Install the plugin's translator for the user's language; return it, or None when none fits."""
    language = language or user_language()
    candidate = translations_dir / f"bassee_atelier_plugin_{language}.qm"
    if not candidate.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(candidate)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
