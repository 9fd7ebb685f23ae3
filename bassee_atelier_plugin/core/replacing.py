"""Putting a finished file in place in one move, or not at all.

Every file the core writes (an atelier, a deliverable, a package, a merge) is written whole
under another name, then moved over its target here. Windows refuses to replace a file
another program holds open (QGIS showing the atelier, LibreOffice the roadmap): the move
fails, the target stays as it was, the finished copy goes, and the planner reads why.
"""

from __future__ import annotations

import os
from pathlib import Path

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.toolbelt.i18n import tr


def put_in_place(finished: str | os.PathLike, target: str | os.PathLike) -> None:
    """Move ``finished`` over ``target``; on failure ``target`` is untouched, ``finished`` removed, and AtelierError."""
    try:
        os.replace(finished, target)
    except OSError as error:
        Path(finished).unlink(missing_ok=True)
        raise AtelierError(_why_not_replaced(Path(target), error)) from error


def _why_not_replaced(target: Path, error: OSError) -> str:
    if isinstance(error, PermissionError) and target.is_file():
        return tr(
            "{file} is open in another program (QGIS, LibreOffice?): close it and try again; nothing was replaced."
        ).format(file=target)
    return tr("Cannot write {file}: {error}; nothing was replaced.").format(file=target, error=error.strerror or error)
