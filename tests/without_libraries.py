"""Run the command line as in a QGIS that lacks some Python libraries.

    python tests/without_libraries.py segno,PIL serve ATELIER ...

Each named module (and the plugin's shipped copy under ``bassee_atelier_plugin.vendor``)
cannot be imported, exactly as when it is not installed; then ``python -m
bassee_atelier_plugin`` runs with the remaining arguments, from the current folder.
"""

from __future__ import annotations

import os
import runpy
import sys

SHIPPED = "bassee_atelier_plugin.vendor"


def hide(modules: list[str]) -> None:
    """Imports of these modules fail with ImportError from now on (None in sys.modules does that)."""
    for module in [*modules, SHIPPED]:
        sys.modules[module] = None


if __name__ == "__main__":
    sys.path[0] = os.getcwd()  # as `python -m` has it, rather than this script's folder
    hide(sys.argv[1].split(","))
    sys.argv = ["python -m bassee_atelier_plugin", *sys.argv[2:]]
    runpy.run_module("bassee_atelier_plugin", run_name="__main__")
