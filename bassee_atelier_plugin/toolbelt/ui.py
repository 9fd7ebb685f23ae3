"""Qt Designer forms, loaded at run time: the .ui file is the only source of a form."""

from __future__ import annotations

from qgis.PyQt import uic

from bassee_atelier_plugin.toolbelt.resources import ui_path


def load_ui(name: str) -> type:
    """The form class of ``resources/ui/<name>``, to mix into a widget and set up with ``setupUi``."""
    form_class, _base_class = uic.loadUiType(str(ui_path(name)))
    return form_class
