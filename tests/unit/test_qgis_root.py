"""scripts/qgis_root.sh on bad ground: no Debian archive, an unknown QGIS, a half-made root."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "qgis_root.sh"
UNREACHABLE_MIRROR = "http://127.0.0.1:9/debian"  # the discard port: nothing answers there

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="making a Debian root needs root rights")


def run(*arguments: str, roots, mirror: str = UNREACHABLE_MIRROR) -> subprocess.CompletedProcess:
    environment = {**os.environ, "QGIS_ROOTS": str(roots), "DEBIAN_MIRROR": mirror}
    return subprocess.run([str(SCRIPT), *arguments], env=environment, capture_output=True, text=True, timeout=120)


def test_without_debian_archive_it_says_what_is_missing_and_makes_nothing(tmp_path):
    finished = run("3.44", roots=tmp_path)
    assert finished.returncode != 0
    assert "cannot reach Debian's archive for 'trixie'" in finished.stderr
    assert "QGIS 3.44 needs Debian trixie with trixie-backports" in finished.stderr
    assert list(tmp_path.iterdir()) == []  # not even a half-made root


def test_a_half_made_root_is_never_used(tmp_path):
    (tmp_path / "qgis-3.40.partial" / "usr").mkdir(parents=True)  # a making that was interrupted
    (tmp_path / "qgis-3.40" / "usr").mkdir(parents=True)  # a root without the mark of a finished one
    finished = run("3.40", "run", "true", roots=tmp_path)
    assert finished.returncode != 0 and "cannot reach Debian's archive for 'bookworm'" in finished.stderr


def test_an_unknown_qgis_is_named_with_the_ones_known(tmp_path):
    finished = run("3.28", roots=tmp_path)
    assert finished.returncode != 0
    assert "QGIS 3.28 is not one this script knows; known: 3.40 (bookworm-backports), 3.44" in finished.stderr
