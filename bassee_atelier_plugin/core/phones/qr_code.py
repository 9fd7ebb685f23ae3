"""The phones' QR code, made with segno: the copy shipped in the plugin's ZIP, else an installed one.

No QGIS ships segno, so `make stage` puts its pure-Python package, with its licence, under
``bassee_atelier_plugin/vendor``: namespaced there, it never shadows another plugin's copy.
Run from the source tree, an installed segno serves; without either, the one line of
:func:`~bassee_atelier_plugin.core.errors.require` says how to get it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from bassee_atelier_plugin.core.errors import require
from bassee_atelier_plugin.toolbelt.i18n import tr

SHIPPED_SEGNO = "bassee_atelier_plugin.vendor.segno"


def segno() -> ModuleType:
    """The segno module; MissingLibraryError when there is none."""
    try:
        return importlib.import_module(SHIPPED_SEGNO)
    except ImportError:
        return require("segno", tr("The phones' QR code"))
