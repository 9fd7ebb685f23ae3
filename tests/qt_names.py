"""The Qt names the project writes, checked against PyQt6 (QGIS 4) and the PyQt5 in use (QGIS 3).

`python -m tests.qt_names` prints what is wrong; tests/unit/test_qt6_ready.py fails on it.

What is checked, found with `ast` from the names imported from qgis.PyQt (or PyQt5, PyQt6):
- every `Class.member...` chain (`Qt.MouseButton.LeftButton`, `QDialog.DialogCode.Accepted`,
  `QApplication.desktop`) and every imported name;
- the attributes of an object made on the spot (`QFontMetricsF(font).boundingRect`) or returned by a
  known getter (`widget.fontMetrics().width`);
- the attributes of the event of a Qt event handler (`def dropEvent(self, event): event.pos()`),
  taken to be of the handler's event class: reported only when one PyQt has them and the other not,
  since the event may be of a subclass (QGIS's map tools get a QgsMapMouseEvent);
- `exec_()` and `print_()` on anything: Qt5-only spellings whatever the receiver;
- `int()` of what a flags getter returns (`int(event.modifiers())`): PyQt6's flags are Python
  enum.Flag, which int() refuses;
- the enum members and classes of the .ui files, read as each PyQt's own uic reads them.

Each interpreter looks the names up in a subprocess (tests/qt_resolve.py), since PyQt5 and PyQt6
cannot share one process. Methods of other objects are not checked: their type is not known here.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESOLVER = Path(__file__).resolve().parent / "qt_resolve.py"
# Made by `make qt6-env`, which `make test` runs first and names here.
QT6_PYTHON = Path(os.environ.get("QT6_PYTHON", REPO / ".venv-qt6" / "bin" / "python"))
SOURCES = ("bassee_atelier_plugin", "tests", "benchmarks", "scripts", "sample_data")
UI_FORMS = REPO / "resources" / "ui"

QT_PACKAGES = ("qgis.PyQt", "PyQt5", "PyQt6")
# QVariant's type constants are QGIS API business (QGIS's qgis.PyQt patches them back in on Qt6).
LEFT_TO_QGIS = {"QVariant"}
RENAMED_METHODS = {"exec_": "exec", "print_": "print"}
HANDLER_EVENTS = {
    "dropEvent": "QDropEvent",
    "dragEnterEvent": "QDragEnterEvent",
    "dragMoveEvent": "QDragMoveEvent",
    "dragLeaveEvent": "QDragLeaveEvent",
    "mousePressEvent": "QMouseEvent",
    "mouseReleaseEvent": "QMouseEvent",
    "mouseMoveEvent": "QMouseEvent",
    "mouseDoubleClickEvent": "QMouseEvent",
    "canvasPressEvent": "QMouseEvent",
    "canvasReleaseEvent": "QMouseEvent",
    "canvasMoveEvent": "QMouseEvent",
    "canvasDoubleClickEvent": "QMouseEvent",
    "wheelEvent": "QWheelEvent",
    "keyPressEvent": "QKeyEvent",
    "keyReleaseEvent": "QKeyEvent",
    "contextMenuEvent": "QContextMenuEvent",
    "resizeEvent": "QResizeEvent",
}
GETTERS = {"fontMetrics": "QFontMetrics"}
FLAG_GETTERS = {"modifiers", "keyboardModifiers", "buttons", "mouseButtons", "windowState", "flags", "alignment"}
# What to write instead of what Qt6 removed, where no scoped enum replaces it.
QT6_INSTEAD = {
    "QDropEvent.pos": "drop_position(event) of toolbelt/qt_compat.py",
    "QDragMoveEvent.pos": "drop_position(event) of toolbelt/qt_compat.py",
    "QMouseEvent.globalPos": "QCursor.pos(), or globalPosition().toPoint() on Qt6 only",
    "QMouseEvent.x": "pos().x()",
    "QMouseEvent.y": "pos().y()",
    "QWheelEvent.delta": "angleDelta().y()",
    "QFontMetrics.width": "horizontalAdvance()",
    "QApplication.desktop": "QGuiApplication.primaryScreen() or widget.screen()",
    "QDesktopWidget": "QScreen",
    "QRegExp": "QRegularExpression",
}


@dataclass(frozen=True)
class Use:
    """One Qt name as a file writes it: chain starts with the qgis.PyQt module (QtCore, QtGui...)."""

    path: str
    line: int
    chain: tuple[str, ...]
    guessed: bool = False  # the class is guessed (event handlers): a miss in both PyQt is not a miss


@dataclass(frozen=True)
class Miss:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def qt_module(imported_from: str) -> str | None:
    """'qgis.PyQt.QtCore' -> 'QtCore'; None for what is not Qt."""
    for package in QT_PACKAGES:
        if imported_from == package:
            return ""
        if imported_from.startswith(package + "."):
            return imported_from[len(package) + 1 :]
    return None


def attribute_chain(node: ast.Attribute) -> tuple[ast.expr, list[str]]:
    """`a.b.c` -> (Name a, ['b', 'c'])."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    return node, names[::-1]


def is_int_of_flags(node: ast.AST) -> bool:
    """`int(event.modifiers())` and the like."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "int" and node.args):
        return False
    argument = node.args[0]
    return (
        isinstance(argument, ast.Call)
        and isinstance(argument.func, ast.Attribute)
        and argument.func.attr in FLAG_GETTERS
    )


def scan_python(path: Path, shown: str) -> tuple[list[Use], list[Miss]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    uses, misses = [], []
    imported: dict[str, tuple[str, ...]] = {}  # local name -> chain it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            module = qt_module(node.module)
            if module is None:
                continue
            if not node.module.startswith("qgis.PyQt"):
                misses.append(Miss(shown, node.lineno, f"import from qgis.PyQt, not {node.module}"))
            for alias in node.names:
                chain = (module, alias.name) if module else (alias.name,)
                imported[alias.asname or alias.name] = chain
                uses.append(Use(shown, node.lineno, chain))

    inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    handlers = {}  # id of an attribute node -> event class
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.name in HANDLER_EVENTS and len(function.args.args) > 1:
            event = function.args.args[1].arg
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == event:
                    handlers[id(node)] = HANDLER_EVENTS[function.name]

    for node in ast.walk(tree):
        if is_int_of_flags(node):
            text = "int() of Qt flags fails on PyQt6 (enum.Flag): see key_sequence() in toolbelt/qt_compat.py"
            misses.append(Miss(shown, node.lineno, text))
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr in RENAMED_METHODS:
            misses.append(Miss(shown, node.lineno, f"{node.attr}() is Qt5-only: write {RENAMED_METHODS[node.attr]}()"))
            continue
        if id(node) in handlers:
            uses.append(Use(shown, node.lineno, ("QtGui", handlers[id(node)], node.attr), guessed=True))
            continue
        if id(node) in inner:
            continue
        root, names = attribute_chain(node)
        if isinstance(root, ast.Call):  # QFontMetricsF(font).boundingRect, widget.fontMetrics().width
            made = root.func
            if isinstance(made, ast.Attribute) and made.attr in GETTERS:
                uses.append(Use(shown, node.lineno, ("QtGui", GETTERS[made.attr], names[0]), guessed=True))
                continue
            root, names = made, names[:1]
        if isinstance(root, ast.Name) and root.id in imported and root.id not in LEFT_TO_QGIS:
            uses.append(Use(shown, node.lineno, imported[root.id] + tuple(names)))
    return uses, misses


UI_VALUE = re.compile(r"<(enum|set)>([^<]*)</\1>")
UI_CLASS = re.compile(r'<(?:widget|layout) class="(\w+)"')
UI_CUSTOM = re.compile(r"<customwidget>\s*<class>(\w+)</class>", re.S)


def scan_ui(path: Path, shown: str) -> list[tuple[str, int, str, str]]:
    """(file, line, 'ui_enum' or 'ui_class', name) for the enum members and Qt classes of a .ui file."""
    text = path.read_text(encoding="utf-8")
    custom = set(UI_CUSTOM.findall(text))
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for _kind, value in UI_VALUE.findall(line):
            found += [(shown, number, "ui_enum", member.strip()) for member in value.split("|")]
        found += [(shown, number, "ui_class", name) for name in UI_CLASS.findall(line) if name not in custom]
    return found


def resolve(python: Path | str, flavour: str, queries: list[dict]) -> list[dict]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [str(python), str(RESOLVER), flavour],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def python_files(root: Path) -> list[Path]:
    found = []
    for source in SOURCES:
        found += sorted((root / source).rglob("*.py")) if (root / source).is_dir() else []
    return found


def described(use: Use, missing: str) -> str:
    written = ".".join(use.chain[1:]) or use.chain[0]
    if use.guessed:
        return f"{written} (the receiver taken for a {use.chain[1]})"
    return written if written == missing else f"{written} (no {missing})"


def check(
    py_files: list[Path], ui_files: list[Path], root: Path = REPO, qt5: str = sys.executable, qt6: Path = QT6_PYTHON
) -> list[Miss]:
    """Everything in these files that PyQt6 or PyQt5 lacks, with the scoped form where one exists."""
    uses, misses = [], []
    for path in py_files:
        found, missed = scan_python(path, str(path.relative_to(root)))
        uses += found
        misses += missed
    ui_names = [name for path in ui_files for name in scan_ui(path, str(path.relative_to(root)))]

    queries = sorted({json.dumps({"chain": use.chain}) for use in uses})
    queries += sorted({json.dumps({kind: name}) for _path, _line, kind, name in ui_names})
    queries = [json.loads(query) for query in queries]
    answers = {}
    for flavour, python in (("qt5", qt5), ("qt6", qt6)):
        for query, answer in zip(queries, resolve(python, flavour, queries)):
            answers[flavour, json.dumps(query)] = answer

    for use in uses:
        key = json.dumps({"chain": use.chain})
        qt5_answer, qt6_answer = answers["qt5", key], answers["qt6", key]
        if use.guessed and not qt5_answer["ok"] and not qt6_answer["ok"]:
            continue
        if not qt6_answer["ok"]:
            missing = qt6_answer["missing"]
            instead = qt6_answer["scoped"]
            if not instead and missing in QT6_INSTEAD:
                instead = [QT6_INSTEAD[missing]]
            advice = f": write {' or '.join(instead)}" if instead else ""
            misses.append(Miss(use.path, use.line, f"{described(use, missing)} is not in PyQt6{advice}"))
        if not qt5_answer["ok"]:
            misses.append(Miss(use.path, use.line, f"{described(use, qt5_answer['missing'])} is not in PyQt5"))
    for path, line, kind, name in ui_names:
        key = json.dumps({kind: name})
        lacking = [label for flavour, label in (("qt5", "PyQt5"), ("qt6", "PyQt6")) if not answers[flavour, key]["ok"]]
        if lacking:
            what = "enum member" if kind == "ui_enum" else "class"
            misses.append(Miss(path, line, f"{what} {name}: {' and '.join(lacking)}'s uic cannot read it"))
    return sorted(misses, key=lambda miss: (miss.path, miss.line, miss.text))


def check_project() -> list[Miss]:
    return check(python_files(REPO), sorted(UI_FORMS.glob("*.ui")))


if __name__ == "__main__":
    found = check_project()
    print("\n".join(str(miss) for miss in found) or "Every Qt name resolves in PyQt5 and PyQt6.")
    sys.exit(1 if found else 0)
