"""QGIS reading an atelier's stored project where the atelier is now: renamed, moved or copied.

The stored project names its layers' file as it was named when the project was written, until
opening the atelier repairs it (see AtelierStore.repoint_projects), which a read-only file does
not allow. So every read of the stored project goes through :func:`sources_followed`: for that
read alone, QGIS takes the former name for the current file. QGIS passes every path it reads in
a project through its path preprocessors before resolving it (the whole source in 3.22, the
file's path in 3.44): the layers, the layer tree and the layouts' references alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from qgis.core import QgsPathResolver

from bassee_atelier_plugin.core.atelier.atelier import Atelier


@contextmanager
def sources_followed(atelier: Atelier, project_name: str) -> Iterator[None]:
    """Inside the block, QGIS reads the stored project ``project_name`` as naming the atelier where it is."""
    moved = atelier.store.moved_sources(project_name)
    if not moved:  # the usual case: nothing to follow, nothing added to QGIS
        yield
        return

    preprocessor = QgsPathResolver.setPathPreprocessor(lambda path: followed(moved, path))
    try:
        yield
    finally:
        QgsPathResolver.removePathPreprocessor(preprocessor)


def followed(moved: dict[str, str], path: str) -> str:
    """``path`` as QGIS passes it to a path preprocessor (a whole source, or a file's path), naming where the
    atelier is now if it named a former source of ``moved`` (see AtelierStore.moved_sources); else as it is."""
    for former, current in moved.items():
        if path == former or path.startswith(f"{former}|"):
            return current + path[len(former) :]
    return path
