"""Projector mode's overlays on the canvas: the theme palette, the legend of the themes in use, the keys' help."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from bassee_atelier_plugin.gui.editing.overlay_look import (
    DARK_PANEL,
    LIGHT_PANEL,
    SMALL_TEXT_PIXELS,
    TEXT_PIXELS,
    overlay_font,
    overlay_label,
    panel_style,
    term_label,
)
from bassee_atelier_plugin.gui.widgets.controls import text_colour_on
from bassee_atelier_plugin.toolbelt.i18n import tr

BUTTON_HEIGHT = 52
ARMED_BORDER_PIXELS = 6  # the armed button's white frame: seen from the back of the room
ENTRY_GAP_PIXELS = 24  # between a legend's theme and the next one on its row


class TermPalette(QFrame):
    """Large buttons in the thesaurus colours: one click arms the tool of a theme (or sketch kind).

    The buttons run down the left edge, in as many columns as the screen's height needs.
    """

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("ProjectorPalette")
        self.setStyleSheet(panel_style("ProjectorPalette", DARK_PANEL))
        self.buttons: dict[str, QPushButton] = {}
        self._items: list[QWidget] = []  # headings, buttons and the hint, top to bottom
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(14, 10, 14, 14)
        self._grid.setSpacing(6)

    def add_section(self, title: str, terms: list[dict], arm: Callable[[str], object] | None) -> None:
        self._add(overlay_label(title, bold=True))
        for term in terms:
            self._add(self._button(term, arm))

    def add_hint(self, text: str) -> None:
        hint = overlay_label(text, SMALL_TEXT_PIXELS)
        hint.setStyleSheet("color: #d0d0d0; padding-top: 6px;")
        self._add(hint)

    def fit(self, height: int) -> None:
        """Spread the items over as many columns as it takes for none to go below ``height``."""
        margins = self._grid.contentsMargins()
        room = height - margins.top() - margins.bottom()
        while self._grid.count():
            self._grid.takeAt(0)
        row = column = used = 0
        for item in self._items:
            needed = item.sizeHint().expandedTo(item.minimumSize()).height() + self._grid.spacing()
            if row and used + needed > room:
                row, column, used = 0, column + 1, 0
            self._grid.addWidget(item, row, column)
            row, used = row + 1, used + needed
        self.adjustSize()

    def show_armed(self, code: str | None) -> None:
        """Frame the button of the theme or sketch kind the map tool now draws, and only it."""
        for button_code, button in self.buttons.items():
            button.setChecked(button_code == code)

    def _add(self, item: QWidget) -> None:
        self._items.append(item)
        self._grid.addWidget(item, len(self._items) - 1, 0)

    def _button(self, term: dict, arm: Callable[[str], object] | None) -> QPushButton:
        colour = term["colour"]
        button = QPushButton(term_label(term))
        button.setObjectName(f"term_{term['code']}")
        button.setFont(overlay_font(bold=True))
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the canvas keeps the keys
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setCheckable(True)  # checked: the armed one, as the map tool says (show_armed)
        button.setStyleSheet(
            f"QPushButton {{ background-color: {colour}; color: {text_colour_on(colour)}; text-align: left;"
            " border: 2px solid rgba(255, 255, 255, 110); border-radius: 10px; padding: 4px 16px; }"
            "QPushButton:pressed { border-color: #ffffff; }"
            f"QPushButton:checked {{ border: {ARMED_BORDER_PIXELS}px solid #ffffff; }}"
            "QPushButton:disabled { color: rgba(0, 0, 0, 110); }"
        )
        if arm is None:
            button.setEnabled(False)
        else:
            code = term["code"]
            button.clicked.connect(lambda _checked=False: arm(code))
        self.buttons[term["code"]] = button
        return button


class ThemeLegend(QFrame):
    """The themes on the map right now, so the room reads the colours without asking.

    It runs along the bottom of the map, in as many columns as its width holds: the map
    keeps the screen's shape rather than losing a corner to it.
    """

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("ProjectorLegend")
        self.setStyleSheet(panel_style("ProjectorLegend", LIGHT_PANEL))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(16, 10, 20, 14)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(6)
        self._title = overlay_label(tr("Themes on the map"), bold=True)
        self.labels: dict[str, QLabel] = {}
        self._entries: list[tuple[QLabel, QLabel]] = []  # (swatch, label) of each theme, in order

    def show_themes(self, terms: list[dict]) -> None:
        """List ``terms``, in the order given; an empty legend is not shown at all."""
        for widgets in self._entries:
            for widget in widgets:
                widget.hide()
                widget.deleteLater()
        self.labels = {}
        self._entries = []
        for term in terms:
            swatch = QLabel()
            swatch.setFixedSize(TEXT_PIXELS, TEXT_PIXELS)
            swatch.setStyleSheet(f"background-color: {term['colour']}; border: 2px solid #202020; border-radius: 4px;")
            label = overlay_label(term_label(term))
            label.setContentsMargins(0, 0, ENTRY_GAP_PIXELS, 0)
            self.labels[term["code"]] = label
            self._entries.append((swatch, label))
        self._lay_out(len(self._entries))
        self.setVisible(bool(terms))

    def fit(self, width: int) -> None:
        """As many columns as ``width`` holds (one at least), so that the legend is as low as it can be."""
        columns = max(1, len(self._entries))
        self._lay_out(columns)
        while columns > 1 and self.width() > width:
            columns -= 1
            self._lay_out(columns)

    def _lay_out(self, columns: int) -> None:
        while self._grid.count():
            self._grid.takeAt(0)
        self._grid.addWidget(self._title, 0, 0, 1, 2 * max(1, columns))
        for index, (swatch, label) in enumerate(self._entries):
            row, column = divmod(index, columns)
            self._grid.addWidget(swatch, row + 1, 2 * column)
            self._grid.addWidget(label, row + 1, 2 * column + 1)
        for index in range(self._grid.count()):  # Qt would show them later: too late for adjustSize to count them
            self._grid.itemAt(index).widget().show()
        self._grid.invalidate()
        self.adjustSize()


class ShortcutHelp(QFrame):
    """The keys of projector mode, big enough for the facilitator to read them from the room."""

    def __init__(self, parent: QWidget, shortcuts: list[tuple[str, str]]):
        super().__init__(parent)
        self.setObjectName("ProjectorHelp")
        self.setStyleSheet(panel_style("ProjectorHelp", DARK_PANEL))
        grid = QGridLayout(self)
        grid.setContentsMargins(40, 28, 40, 32)
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(12)
        grid.addWidget(overlay_label(tr("Projector mode: keyboard shortcuts"), TEXT_PIXELS + 6, bold=True), 0, 0, 1, 2)
        self.rows: list[tuple[str, str]] = shortcuts
        for row, (keys, meaning) in enumerate(shortcuts, start=1):
            key_label = overlay_label(keys, bold=True)
            key_label.setStyleSheet("color: #ffd54f;")
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(overlay_label(meaning), row, 1)
        self.adjustSize()
        self.hide()
