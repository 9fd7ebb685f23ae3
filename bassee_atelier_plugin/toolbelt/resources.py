"""Where the plugin's resources (icons, .ui forms, translations) are.

In the source tree they live in the top-level ``resources/`` folder; ``make package``
and ``make run`` copy that folder into the plugin as ``bassee_atelier_plugin/resources``.
"""

from __future__ import annotations

import errno
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    for candidate in (PACKAGE_DIR / "resources", PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no resources folder beside {PACKAGE_DIR}")


def installed(path: Path) -> Path:
    """``path``, which the plugin cannot do without: FileNotFoundError when its installation lacks it."""
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, "missing from the plugin", str(path))
    return path


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / name


def ui_path(name: str) -> Path:
    return resources_dir() / "ui" / name


def translations_dir() -> Path:
    return resources_dir() / "i18n"
