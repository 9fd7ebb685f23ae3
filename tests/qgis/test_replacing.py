"""A file that cannot be replaced (Windows: QGIS or LibreOffice holds it open) is said, and nothing is lost.

Linux lets a program replace a file another one has open, so the refusal is made real
another way: the target is made immutable (as ``chattr +i`` does: renaming over it fails with a
PermissionError, as Windows' refusal does), or is a folder. Each place the core moves a
finished file into place is tried: a deliverable, a package, a merge, an atelier created
over another.
"""

from __future__ import annotations

import array
import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.package import package_atelier
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.replacing import put_in_place
from tests.qgis.phone import sample_copy

FS_IOC_GETFLAGS, FS_IOC_SETFLAGS, FS_IMMUTABLE_FL = 0x80086601, 0x40086602, 0x10  # linux/fs.h, 64-bit
HELD_OPEN = "is open in another program (QGIS, LibreOffice?): close it and try again; nothing was replaced."


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def held_open(path: Path) -> Iterator[Path]:
    """``path`` cannot be replaced while inside, as a file another program holds open on Windows."""
    try:
        _set_immutable(path, True)
    except OSError as error:
        pytest.skip(f"this file system or user cannot make a file immutable: {error}")
    try:
        yield path
    finally:
        _set_immutable(path, False)


def _set_immutable(path: Path, immutable: bool) -> None:
    """``chattr +i`` or ``-i``, through the same ioctl (no e2fsprogs needed)."""
    with open(path, "rb") as file:
        flags = array.array("l", [0])
        fcntl.ioctl(file.fileno(), FS_IOC_GETFLAGS, flags, True)
        flags[0] = flags[0] | FS_IMMUTABLE_FL if immutable else flags[0] & ~FS_IMMUTABLE_FL
        fcntl.ioctl(file.fileno(), FS_IOC_SETFLAGS, flags)


def left_beside(path: Path) -> list[str]:
    """What else the folder of ``path`` holds: a partial file or a staging folder left behind."""
    return sorted(entry.name for entry in path.parent.iterdir() if entry != path)


def test_a_file_held_open_is_not_replaced_and_the_finished_copy_goes(tmp_path):
    target, finished = tmp_path / "feuille de route.csv", tmp_path / ".feuille de route.partial.csv"
    target.write_text("as the planner left it")
    finished.write_text("the new one")

    with held_open(target), pytest.raises(AtelierError) as refusal:
        put_in_place(finished, target)

    assert str(refusal.value) == f"{target} {HELD_OPEN}"
    assert target.read_text() == "as the planner left it"
    assert not finished.exists()


def test_a_target_that_is_a_folder_is_said_and_kept(tmp_path):
    target, finished = tmp_path / "synthese.pdf", tmp_path / "partial.pdf"
    (target / "inside").mkdir(parents=True)
    finished.write_text("the new one")

    with pytest.raises(AtelierError, match="nothing was replaced"):
        put_in_place(finished, target)

    assert (target / "inside").is_dir() and not finished.exists()


def write_roadmap(atelier_path: Path, output: Path) -> None:
    export_deliverable(open_atelier(atelier_path), "feuille-de-route", output)


def write_package(atelier_path: Path, output: Path) -> None:
    package_atelier(open_atelier(atelier_path), output)


def write_merge(atelier_path: Path, output: Path) -> None:
    other = atelier_path.with_name("other laptop.gpkg")
    other.write_bytes(atelier_path.read_bytes())
    merge_ateliers([atelier_path, other], output)


def write_atelier(_atelier_path: Path, output: Path) -> None:
    create_atelier(output, "CC Bassée-Montois", force=True)


@pytest.mark.parametrize(
    ("write", "name"),
    [
        (write_roadmap, "feuille de route.csv"),
        (write_package, "paquet.gpkg"),
        (write_merge, "fusion.gpkg"),
        (write_atelier, "nouvel atelier.gpkg"),
    ],
)
def test_each_finished_file_of_the_core_meets_a_target_held_open_with_the_message(qgis_app, tmp_path, write, name):
    atelier_path = sample_copy(tmp_path)
    output = tmp_path / "out" / name
    output.parent.mkdir()
    output.write_bytes(b"the planner's previous file")
    before = sha256(output)

    with held_open(output), pytest.raises(AtelierError) as refusal:
        write(atelier_path, output)

    assert str(refusal.value) == f"{output} {HELD_OPEN}"
    assert sha256(output) == before
    assert left_beside(output) == []
