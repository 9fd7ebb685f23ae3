"""An atelier in a folder this computer cannot write to: read and exported, or refused in one line, never changed.

The folder is made read-only for real: the command line runs in its own mount namespace
(``unshare --mount``) where the atelier's folder is bound read-only, as a read-only network
share or a locked USB key is. Root could write through mere permissions; not through this.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_DATA

MOUNT_READ_ONLY = 'mount --bind "$0" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
NAME = "Atelier Bassée v2 - relu l'été.gpkg"


def contents(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


@pytest.fixture
def share(tmp_path) -> tuple[Path, Path]:
    """(the folder holding the atelier, the same folder seen read-only)."""
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no mount namespace here (unshare --mount needs root or user namespaces)")
    folder, read_only = tmp_path / "partage", tmp_path / "partage en lecture seule"
    folder.mkdir()
    read_only.mkdir()
    return folder, read_only


def on_read_only_share(share: tuple[Path, Path], *arguments: str) -> subprocess.CompletedProcess:
    folder, read_only = share
    command = [sys.executable, "-m", "bassee_atelier_plugin", *arguments]
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", MOUNT_READ_ONLY, str(folder), str(read_only), *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_atelier_in_a_read_only_folder_is_read_and_exported_and_left_as_it_was(share, tmp_path):
    folder, read_only = share
    shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", folder / NAME)
    before = contents(folder)
    atelier, out = str(read_only / NAME), tmp_path

    runs = {
        "info": on_read_only_share(share, "info", atelier),
        "validate": on_read_only_share(share, "validate", atelier),
        "synthesis": on_read_only_share(share, "export", "synthese", atelier, "-o", str(out / "synthèse.pdf")),
        "roadmap": on_read_only_share(share, "export", "feuille-de-route", atelier, "-o", str(out / "fdr.csv")),
        "package": on_read_only_share(share, "package", atelier, "-o", str(out / "paquet.gpkg")),
    }

    assert {name: run.returncode for name, run in runs.items()} == dict.fromkeys(runs, 0), {
        name: run.stderr[-2000:] for name, run in runs.items() if run.returncode
    }
    assert all((out / name).stat().st_size > 0 for name in ("synthèse.pdf", "fdr.csv", "paquet.gpkg"))
    assert contents(folder) == before, "nothing written beside it: no journal, no -wal, no upgrade"


def test_an_atelier_last_edited_in_qgis_in_a_read_only_folder_is_refused_in_one_line_and_left_as_it_was(
    share, tmp_path
):
    folder, read_only = share
    path = Path(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", folder / NAME))
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")  # as the plugin leaves a file it edited
    before = contents(folder)
    atelier = str(read_only / NAME)

    runs = [
        on_read_only_share(share, "info", atelier),
        on_read_only_share(share, "export", "synthese", atelier, "-o", str(tmp_path / "synthese.pdf")),
        on_read_only_share(share, "package", atelier, "-o", str(tmp_path / "paquet.gpkg")),
    ]
    checked = on_read_only_share(share, "validate", atelier)

    for run in runs:
        assert run.returncode == 2 and run.stderr.startswith(f"error: {atelier} was last edited"), run.stderr
        assert run.stderr.count("\n") == 1 and "cannot write to" in run.stderr
    assert checked.returncode == 1 and "cannot write to" in checked.stdout, checked.stdout + checked.stderr
    assert contents(folder) == before
    assert sorted(tmp_path.iterdir()) == sorted([folder, read_only])
