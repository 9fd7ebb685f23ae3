"""Writing a deliverable so that a file under its name is always a complete one.

The export writes beside the target under a hidden name and renames on success: a
failure midway leaves the previous file (if any) untouched and no half-written one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.replacing import put_in_place
from bassee_atelier_plugin.toolbelt.i18n import tr


@contextmanager
def written_atomically(output: Path) -> Iterator[Path]:
    """Yield the path to write; on success it becomes ``output``, on failure it is removed."""
    output = Path(output)
    if not output.parent.is_dir():
        raise AtelierError(
            tr("The folder {folder} does not exist: choose an existing folder for {file}.").format(
                folder=output.parent, file=output.name
            )
        )
    if output.is_dir():
        raise AtelierError(tr("{path} is a folder: give the name of the file to write.").format(path=output))
    partial = output.with_name(f".{output.stem}.partial{output.suffix}")
    try:
        yield partial
        put_in_place(partial, output)
    except OSError as error:
        raise AtelierError(tr("Cannot write {path}: {error}").format(path=output, error=error.strerror)) from error
    finally:
        partial.unlink(missing_ok=True)
