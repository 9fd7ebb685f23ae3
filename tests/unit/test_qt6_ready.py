"""Ready for QGIS 4: every Qt name of the project exists in PyQt6 (Qt6) and in the PyQt5 in use (QGIS 3).

PyQt6 comes from the side environment build/qt6-venv that `make test` installs (`make qt6-env`).
"""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO
from tests.qt_names import QT6_PYTHON, check, check_project


@pytest.fixture(scope="module")
def qt6_python():
    if not QT6_PYTHON.exists():
        pytest.fail(f"no PyQt6 to check against: {QT6_PYTHON} is missing; `make qt6-env` makes it")
    return QT6_PYTHON


def checked(tmp_path, name: str, text: str) -> list[str]:
    written = tmp_path / name
    written.write_text(textwrap.dedent(text), encoding="utf-8")
    python = [written] if name.endswith(".py") else []
    forms = [written] if name.endswith(".ui") else []
    return [str(miss) for miss in check(python, forms, root=tmp_path)]


def test_the_metadata_offers_the_plugin_to_qgis_4_and_to_the_qt6_builds_of_qgis_3():
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(REPO / "metadata.txt", encoding="utf-8")
    general = metadata["general"]
    assert (general["qgisMinimumVersion"], general["qgisMaximumVersion"]) == ("3.22", "4.99")
    assert general["supportsQt6"] == "True"


def test_every_qt_name_of_the_project_is_in_pyqt6_and_pyqt5(qt6_python):
    misses = check_project()
    assert not misses, "Qt names that PyQt6 or PyQt5 lacks:\n" + "\n".join(str(miss) for miss in misses)


def test_an_unscoped_enum_is_reported_with_its_file_line_and_scoped_form(qt6_python, tmp_path):
    snippet = """\
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QDialogButtonBox


        def clicked(event):
            return event.button() == Qt.LeftButton


        buttons = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.Cancel
    """
    assert checked(tmp_path, "snippet.py", snippet) == [
        "snippet.py:6: Qt.LeftButton is not in PyQt6: write Qt.MouseButton.LeftButton",
        "snippet.py:9: QDialogButtonBox.Cancel is not in PyQt6: write QDialogButtonBox.StandardButton.Cancel",
    ]


def test_qt5_only_calls_and_imports_are_reported(qt6_python, tmp_path):
    snippet = """\
        from PyQt5.QtCore import QRegExp
        from qgis.PyQt.QtGui import QKeySequence
        from qgis.PyQt.QtWidgets import QApplication, QTreeWidget


        class Tree(QTreeWidget):
            def dropEvent(self, event):
                return event.pos()

            def keyPressEvent(self, event):
                return QKeySequence(int(event.modifiers()) | event.key()), self.fontMetrics().width("a")


        screen = QApplication.desktop()
        QApplication.instance().exec_()
    """
    assert checked(tmp_path, "snippet.py", snippet) == [
        "snippet.py:1: QRegExp is not in PyQt6: write QRegularExpression",
        "snippet.py:1: import from qgis.PyQt, not PyQt5.QtCore",
        "snippet.py:8: QDropEvent.pos (the receiver taken for a QDropEvent) is not in PyQt6:"
        " write drop_position(event) of toolbelt/qt_compat.py",
        "snippet.py:11: QFontMetrics.width (the receiver taken for a QFontMetrics) is not in PyQt6:"
        " write horizontalAdvance()",
        "snippet.py:11: int() of Qt flags fails on PyQt6 (enum.Flag): see key_sequence() in toolbelt/qt_compat.py",
        "snippet.py:14: QApplication.desktop is not in PyQt6: write QGuiApplication.primaryScreen() or widget.screen()",
        "snippet.py:15: exec_() is Qt5-only: write exec()",
    ]


def test_ui_enums_are_read_as_each_pyqt_uic_reads_them(qt6_python, tmp_path):
    form = """\
        <ui version="4.0">
         <widget class="QDialog" name="Dialog">
          <layout class="QFormLayout" name="form">
           <property name="fieldGrowthPolicy">
            <enum>QFormLayout::ExpandingFieldsGrow</enum>
           </property>
           <item row="0" column="0">
            <widget class="QDialogButtonBox" name="buttons">
             <property name="standardButtons">
              <set>QDialogButtonBox::Cancel|QDialogButtonBox::StandardButton::Ok</set>
             </property>
            </widget>
           </item>
           <item row="1" column="0">
            <widget class="QDesktopWidget" name="screen"/>
           </item>
          </layout>
         </widget>
        </ui>
    """
    assert checked(tmp_path, "form.ui", form) == [
        "form.ui:10: enum member QDialogButtonBox::StandardButton::Ok: PyQt5's uic cannot read it",
        "form.ui:15: class QDesktopWidget: PyQt6's uic cannot read it",
    ]


# toolbelt/qt_compat.py run by each PyQt; on PyQt6, qgis.PyQt is PyQt6 itself, as QGIS 4 has it.
COMPAT_RUN = """
import importlib.util, sys, types
if sys.argv[1] == "qt6":
    import PyQt6.QtCore, PyQt6.QtGui
    sys.modules.update({"qgis": types.ModuleType("qgis"), "qgis.PyQt": types.ModuleType("qgis.PyQt"),
                        "qgis.PyQt.QtCore": PyQt6.QtCore, "qgis.PyQt.QtGui": PyQt6.QtGui})
from qgis.PyQt.QtCore import QEvent, QMimeData, QPointF, Qt
from qgis.PyQt.QtGui import QDropEvent, QGuiApplication, QKeyEvent
spec = importlib.util.spec_from_file_location("qt_compat", sys.argv[2])
compat = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compat)
app = QGuiApplication([])
modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
print(compat.key_sequence(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Z, modifiers)).toString())
mime = QMimeData()
drop = QDropEvent(QPointF(12.6, 7.2), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, modifiers)
print(compat.drop_position(drop).x(), compat.drop_position(drop).y())
"""


@pytest.mark.parametrize("flavour", ["qt5", "qt6"])
def test_the_qt_compat_helpers_answer_alike_on_both(flavour, qt6_python):
    python = str(qt6_python) if flavour == "qt6" else sys.executable
    compat = REPO / "bassee_atelier_plugin" / "toolbelt" / "qt_compat.py"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [python, "-c", COMPAT_RUN, flavour, str(compat)], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split("\n")[:2] == ["Ctrl+Shift+Z", "13 7"]
