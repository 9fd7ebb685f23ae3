"""The roadmap dock's choice of a commune: what a mayor asks first is what concerns their commune."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QComboBox

from bassee_atelier_plugin.core.atelier.communes import commune_names
from bassee_atelier_plugin.toolbelt.i18n import tr


class CommuneFilter(QComboBox):
    """Every commune of the atelier by name, "All communes" first; hidden in an atelier without communes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setToolTip(tr("Show only what concerns one commune: its stakes and the actions there"))

    def fill(self, atelier) -> None:
        """The communes of ``atelier`` (None: none), keeping the chosen one if it is still there."""
        chosen = self.code()
        self.blockSignals(True)
        self.clear()
        self.addItem(tr("All communes"), None)
        for code, name in commune_names(atelier) if atelier is not None else []:
            self.addItem(name, code)
        self.setCurrentIndex(max(self.findData(chosen), 0) if chosen else 0)
        self.blockSignals(False)
        self.setVisible(self.count() > 1)

    def code(self) -> str | None:
        """The INSEE code of the chosen commune; None for all."""
        return self.currentData()
