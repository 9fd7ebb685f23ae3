"""The one exception the core raises for anything a user did or gave wrong, and the optional libraries."""

from __future__ import annotations

import importlib
from types import ModuleType

from bassee_atelier_plugin.toolbelt.i18n import tr


class AtelierError(Exception):
    """A problem with an atelier file or an argument, worded for the user.

    The message is complete on its own (which file, what is wrong, what to do), so the
    command line prints it as is and the plugin shows it in the message bar.
    """


class MissingLibraryError(AtelierError):
    """A feature needs a Python library that this QGIS does not ship (see docs/dependencies.md)."""


# Import name -> (the name users know, pip's name, Debian's package). Only the libraries that some
# QGIS lacks: PyQt, GDAL/OGR, numpy, pyproj and psycopg2 come with every QGIS.
OPTIONAL_LIBRARIES = {
    "PIL": ("Pillow", "pillow", "python3-pil"),
    "pandas": ("pandas", "pandas", "python3-pandas"),
    "geopandas": ("geopandas", "geopandas", "python3-geopandas"),
    "shapely": ("shapely", "shapely", "python3-shapely"),
    "segno": ("segno", "segno", "python3-segno"),
}


def require(module: str, feature: str) -> ModuleType:
    """Import ``module`` for ``feature`` (a translated name), or say in one line how to get it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        library, pip_name, debian_package = OPTIONAL_LIBRARIES[module.split(".")[0]]
        raise MissingLibraryError(
            tr(
                "{feature} needs the Python library {library}, which this QGIS does not have. "
                "On Windows, in the OSGeo4W Shell: python -m pip install {pip_name}; "
                "on Linux: sudo apt install {debian_package}."
            ).format(feature=feature, library=library, pip_name=pip_name, debian_package=debian_package)
        ) from error
