"""Looks Qt names up in the PyQt of the interpreter that runs it: `python qt_resolve.py qt5|qt6`.

Run by tests/qt_names.py twice, once by the project's Python (PyQt5, through QGIS's `qgis.PyQt`) and
once by the side environment's (PyQt6 from PyPI, no QGIS). Standard library only, and nothing from
the project, so that the side environment needs PyQt6 alone. Reads a JSON list of queries on stdin:

- {"chain": ["QtCore", "Qt", "LeftButton"]}: a module of qgis.PyQt, then attributes;
- {"ui_enum": "QFormLayout::ExpandingFieldsGrow"}: an <enum> or <set> member of a .ui file, read as
  that PyQt's own uic reads it;
- {"ui_class": "QLabel"}: a widget or layout class of a .ui file;

and writes one answer per query: {"ok": true} or {"ok": false, "missing": "Qt.LeftButton", "scoped":
["Qt.MouseButton.LeftButton"]}, where "scoped" lists the enums of the owning class that hold the member.
"""

from __future__ import annotations

import enum
import importlib
import json
import sys

# What QGIS's qgis.PyQt adds to PyQt6 (python/PyQt/PyQt/QtWidgets.py.in in QGIS's sources): the
# classes Qt6 moved from QtWidgets to QtGui stay importable from QtWidgets, as in Qt5.
QGIS_QT6_SHIM = {("QtWidgets", "QAction"), ("QtWidgets", "QActionGroup"), ("QtWidgets", "QShortcut")}


def module(flavour: str, name: str):
    if flavour == "qt5":
        return importlib.import_module(f"qgis.PyQt.{name}")
    return importlib.import_module(f"PyQt6.{name}")


def attribute(flavour: str, owner, owner_name: str, name: str):
    if flavour == "qt6" and (owner_name, name) in QGIS_QT6_SHIM:
        return getattr(module(flavour, "QtGui"), name)
    return getattr(owner, name)


def enums_holding(owner, member: str) -> list[str]:
    """Names of the enums of a class that have member (PyQt6's enums are Python enums)."""
    found = []
    for name in sorted(dir(owner)):
        if name.startswith("_"):
            continue
        try:
            value = getattr(owner, name)
        except Exception:
            continue
        if isinstance(value, type) and issubclass(value, enum.Enum) and member in value.__members__:
            found.append(name)
    return found


def chain(flavour: str, parts: list[str]) -> dict:
    try:
        value = module(flavour, parts[0])
    except ImportError:
        return {"ok": False, "missing": parts[0], "scoped": []}
    for index, name in enumerate(parts[1:], start=1):
        try:
            value = attribute(flavour, value, parts[index - 1], name)
        except AttributeError:
            owner = ".".join(parts[1:index])
            scoped = [f"{owner}.{found}.{name}" for found in enums_holding(value, name)] if owner else []
            return {"ok": False, "missing": ".".join(parts[1 : index + 1]), "scoped": scoped}
    return {"ok": True}


class ClassFinder:
    """The one thing uic's Properties asks of its object factory when it reads an enum."""

    def __init__(self, flavour: str):
        self.modules = [module(flavour, name) for name in ("QtWidgets", "QtGui", "QtCore")]

    def findQObjectType(self, name: str):
        for found in self.modules:
            if hasattr(found, name):
                return getattr(found, name)
        return None


def ui_reader(flavour: str):
    """The enum reader of this PyQt's uic: PyQt5's takes `Class::Member` only; PyQt6's also takes
    `Class::Enum::Member`, and maps the `Class::Member` forms it knows through its EnumMap. QGIS's
    qgis.PyQt.uic is PyQt's own uic, with a warning filter."""
    properties = importlib.import_module("PyQt5.uic.properties" if flavour == "qt5" else "PyQt6.uic.properties")
    qt = [module(flavour, name) for name in ("QtCore", "QtGui", "QtWidgets")]
    return properties.Properties(ClassFinder(flavour), *qt)


def main(flavour: str) -> None:
    queries = json.load(sys.stdin)
    reader = ui_reader(flavour)
    answers = []
    for query in queries:
        if "chain" in query:
            answers.append(chain(flavour, query["chain"]))
        elif "ui_class" in query:
            answers.append({"ok": reader.factory.findQObjectType(query["ui_class"]) is not None})
        else:
            try:
                reader._pyEnumMember(query["ui_enum"])
                answers.append({"ok": True})
            except Exception:
                answers.append({"ok": False})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
