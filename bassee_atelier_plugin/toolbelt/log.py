"""The plugin's log: the QGIS "Log Messages" panel, under the plugin's own tab."""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog

TAG = "Atelier des Territoires"


def log(message: str, level: Qgis.MessageLevel = Qgis.MessageLevel.Info) -> None:
    """Keep a message where the user can find it after the message bar has moved on."""
    QgsMessageLog.logMessage(message, TAG, level)
