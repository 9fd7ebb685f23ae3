"""What the Makefile builds for distribution, built into a test's own folder rather than the developer's."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import REPO


def make(target: str, folder: Path, *variables: str) -> Path:
    """``make target`` with its build/ and dist/ under ``folder``; the dist folder."""
    # the variables of a make that runs pytest would leak into this one
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("MAKE", "MFLAGS"))}
    subprocess.run(
        ["make", "--no-print-directory", target, f"BUILD={folder / 'build'}", f"DIST={folder / 'dist'}", *variables],
        cwd=REPO,
        env=environment,
        check=True,
        capture_output=True,
    )
    return folder / "dist"
