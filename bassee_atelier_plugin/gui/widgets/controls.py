"""Plain Qt controls in the docks' look: big coloured buttons, segmented choices, headings.

They know nothing of ateliers, so every dock, whatever it edits, builds with them.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

BIG_BUTTON_HEIGHT = 44


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    colour = QColor(background)
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return "#000000" if luminance > 150 else "#ffffff"


def coloured_button(text: str, colour: str) -> QPushButton:
    """A large checkable button in a thesaurus colour; the armed one gets a thick dark frame."""
    button = QPushButton(text)
    button.setCheckable(True)
    button.setMinimumHeight(BIG_BUTTON_HEIGHT)
    button.setStyleSheet(
        f"QPushButton {{ background-color: {colour}; color: {text_colour_on(colour)}; font-weight: bold;"
        f" font-size: 10pt; border: 2px solid {colour}; border-radius: 6px; padding: 4px 8px; }}"
        "QPushButton:checked { border: 4px solid #111111; }"
        "QPushButton:disabled { background-color: #d0d0d0; color: #808080; border-color: #d0d0d0; }"
    )
    return button


def segmented(labels: list[str], checked: int = 0) -> tuple[QWidget, QButtonGroup]:
    """A row of exclusive buttons, one of them always chosen; ids are the positions."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    group = QButtonGroup(row)
    for index, label in enumerate(labels):
        button = QToolButton()
        button.setText(label)
        button.setCheckable(True)
        button.setChecked(index == checked)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(button.sizePolicy().Expanding, button.sizePolicy().Fixed)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        group.addButton(button, index)
        layout.addWidget(button)
    return row, group


def in_grid(buttons, columns: int = 2) -> QGridLayout:
    grid = QGridLayout()
    for index, button in enumerate(buttons):
        grid.addWidget(button, index // columns, index % columns)
    return grid


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 12pt; margin-top: 8px;")
    return label
