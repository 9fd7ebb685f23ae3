"""The architecture holds by itself: import-linter's contracts (pyproject.toml) and short modules.

ARCHITECTURE.md draws the map these tests keep true.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest
from importlinter import configuration
from importlinter.application.use_cases import lint_imports

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400
# Python files that are data tables rather than code, allowed to be longer: name and why.
DATA_TABLES: dict[str, str] = {}
CHECKED_FOLDERS = ("bassee_atelier_plugin", "sample_data", "benchmarks", "scripts", "tests")


def python_files() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for folder in CHECKED_FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def length_problem(path: Path, name: str) -> str | None:
    """Why the module at ``path`` is too long, or None."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if lines > MAX_LINES and name not in DATA_TABLES:
        return f"{name} has {lines} lines (at most {MAX_LINES}): split it by what its parts do (see ARCHITECTURE.md)"
    return None


def test_the_import_contracts_of_pyproject_hold(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    configuration.configure()  # what import-linter's own command does before it reads the contracts
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_logo=True, cache_dir=None)


@pytest.mark.parametrize("name", python_files())
def test_no_module_is_longer_than_400_lines(name):
    assert length_problem(ROOT / name, name) is None, length_problem(ROOT / name, name)


def test_a_module_over_the_limit_is_named_with_its_length(tmp_path):
    long_module = tmp_path / "long.py"
    long_module.write_text("x = 1\n" * (MAX_LINES + 1))
    assert length_problem(long_module, "long.py").startswith("long.py has 401 lines")
    long_module.write_text("x = 1\n" * MAX_LINES)
    assert length_problem(long_module, "long.py") is None


def plugin_imports_outside_the_package() -> list[tuple[str, str, str]]:
    """(file, module, name) of every ``from bassee_atelier_plugin… import name`` in the benchmarks,
    the sample builder and the scripts: code the plugin's own imports do not check."""
    found = []
    for folder in ("benchmarks", "sample_data", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bassee_atelier_plugin"):
                    found += [(str(path.relative_to(ROOT)), node.module, alias.name) for alias in node.names]
    return found


def test_the_benchmarks_and_the_sample_builder_import_what_exists(qgis_app):
    missing = [
        f"{file}: {module}.{name}"
        for file, module, name in plugin_imports_outside_the_package()
        if not hasattr(importlib.import_module(module), name) and importlib.util.find_spec(f"{module}.{name}") is None
    ]
    assert plugin_imports_outside_the_package(), "no import of the plugin found: the scan itself is broken"
    assert not missing, missing
