"""What the room sees of the phones' server: the QR code full screen, its small copy on the map, the notices.

The full-screen QR code is what the facilitator projects when phones should join; the
small one stays in a corner of the map for latecomers. A notice says on the map that a
contribution came in: one at a time, the latest replacing the one before, gone after a
few seconds, so that a busy room never buries the map under them.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QFont, QPixmap
from qgis.PyQt.QtWidgets import QFrame, QGridLayout, QLabel, QLayout, QVBoxLayout, QWidget

from bassee_atelier_plugin.gui.editing.overlay_look import (
    DARK_PANEL,
    LIGHT_PANEL,
    MARGIN,
    SMALL_TEXT_PIXELS,
    TEXT_PIXELS,
    overlay_font,
    overlay_label,
    panel_style,
)
from bassee_atelier_plugin.toolbelt.i18n import tr

NOTICE_SECONDS = 6  # long enough to read from the back of the room, short enough not to hide the map
NOTICE_MAX_WIDTH = 900  # a long title wraps rather than running under the projector's palette
NOTICE_MIN_WIDTH = 240  # on a small canvas, over the corner's QR code rather than a column of single words
CORNER_QR_PIXELS = 170  # at most: scanned from the first rows, small enough to leave the map alone
CORNER_PADDING = 10
SCREEN_QR_SHARE = 0.7  # of the screen's height: scanned from the back of the room
TITLE_PIXELS = 46
STEP_PIXELS = 40
ADDRESS_PIXELS = 30
REFERENCE_SCREEN = QSize(1920, 1080)  # the full-screen QR code's sizes are for it
SCREEN_MARGINS = (80, 50, 80, 40)  # left, top, right, bottom
SCREEN_SPACING = 70  # between the code and the steps
SCREEN_BACKGROUND = "#15202b"  # dark around the light code: less glare in a dim room, the code stands out
HINT_COLOUR = "#b0bec5"
ADDRESS_COLOUR = "#ffd54f"


def qr_pixmap(png: bytes, side: int) -> QPixmap:
    """The QR code at the largest whole number of pixels a module that fits ``side``: every module stays sharp."""
    pixmap = QPixmap()
    pixmap.loadFromData(png, "PNG")
    factor = max(1, side // pixmap.width())
    return pixmap.scaled(
        pixmap.width() * factor,
        pixmap.height() * factor,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


def monospace_font(pixels: int) -> QFont:
    """An address is read character by character: no "l" taken for a "1"."""
    font = overlay_font(pixels, bold=True)
    font.setFamily("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


class CanvasOverlay(QFrame):
    """A panel over the map canvas, placed again whenever the canvas changes size."""

    def __init__(self, canvas: QWidget, object_name: str, panel: tuple[str, str]):
        super().__init__(canvas)
        self.canvas = canvas
        self.setObjectName(object_name)
        self.setStyleSheet(panel_style(object_name, panel))
        canvas.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._place_again)  # once the canvas has laid out its viewport anew
        return False

    def _place_again(self) -> None:
        if self.isVisible():
            self.place(self.canvas.viewport().geometry())

    def show_placed(self) -> None:
        self.adjustSize()
        self.place(self.canvas.viewport().geometry())
        self.show()
        self.raise_()  # over the projector's overlays, which are made later

    def place(self, area: QRect) -> None:
        raise NotImplementedError(f"{type(self).__name__} does not say where it goes")


class CornerQr(CanvasOverlay):
    """The phones' QR code, small, in the top-right corner of the map: a click shows it full screen."""

    clicked = pyqtSignal()

    def __init__(self, canvas: QWidget, png: bytes):
        super().__init__(canvas, "BasseeAtelierCornerQr", LIGHT_PANEL)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(CORNER_PADDING, CORNER_PADDING, CORNER_PADDING, CORNER_PADDING - 2)
        layout.setSpacing(4)
        self.code = QLabel()
        self.code.setPixmap(qr_pixmap(png, CORNER_QR_PIXELS))
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code)
        caption = overlay_label(tr("Scan to join"), SMALL_TEXT_PIXELS - 4, bold=True)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setWordWrap(True)
        caption.setFixedWidth(self.code.pixmap().width())  # the panel is the code's width, whatever the language
        layout.addWidget(caption)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tr("Show the QR code full screen"))

    def place(self, area: QRect) -> None:
        self.move(area.topRight() + QPoint(-self.width() - MARGIN + 1, MARGIN))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class MapNotice(CanvasOverlay):
    """A short notice at the top of the map; a new one takes the place of the one shown."""

    def __init__(self, canvas: QWidget):
        super().__init__(canvas, "BasseeAtelierMapNotice", DARK_PANEL)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 16)
        self.label = overlay_label("", TEXT_PIXELS, bold=True)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a phone's title is shown as typed, never read as markup
        layout.addWidget(self.label)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the map under it stays usable
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_SECONDS * 1000)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show_placed()
        self._timer.start()

    def place(self, area: QRect) -> None:
        """On one line if it fits between the corners, else wrapped to that width; centred at the top."""
        clear_of_the_corners = area.width() - 2 * (CORNER_QR_PIXELS + 2 * CORNER_PADDING + 2 * MARGIN)
        margins = self.layout().contentsMargins()
        room = max(NOTICE_MIN_WIDTH, min(NOTICE_MAX_WIDTH, clear_of_the_corners)) - margins.left() - margins.right()
        self.label.setFixedWidth(min(room, self.label.fontMetrics().horizontalAdvance(self.label.text()) + 1))
        self.adjustSize()
        self.move(area.center().x() - self.width() // 2, area.top() + MARGIN)


class QrScreen(QWidget):
    """The phones' address full screen: a very large QR code, the address to type, and what to do first.

    Sizes are those of a 1920x1080 projector, scaled down on a smaller screen. Escape or a
    click gives the map back.
    """

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("BasseeAtelierQrScreen")
        self.setWindowTitle(tr("Contributions from phones"))
        self.setStyleSheet(
            f"#BasseeAtelierQrScreen {{ background-color: {SCREEN_BACKGROUND}; }}"
            " QLabel { color: #ffffff; background: transparent; }"
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._fonts: list[tuple[QLabel, QFont]] = []  # each text's font on the reference screen
        self._png = b""
        self.heading = self._label(overlay_font(TITLE_PIXELS, bold=True))
        self.subheading = self._label(overlay_font(SMALL_TEXT_PIXELS + 4), HINT_COLOUR)
        self.code = QLabel()
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.steps = [
            self._label(overlay_font(STEP_PIXELS, bold=True), text=text)
            for text in (
                tr("1. Connect to the room's Wi-Fi first"),
                tr("2. Scan with your phone's camera"),
                tr("3. Tap the map to add a stake, and vote on the others"),
            )
        ]
        self.address_caption = self._label(
            overlay_font(SMALL_TEXT_PIXELS), HINT_COLOUR, tr("Or type this address in the browser:")
        )
        self.address = self._label(monospace_font(ADDRESS_PIXELS), ADDRESS_COLOUR)
        self.hint = self._label(overlay_font(SMALL_TEXT_PIXELS), HINT_COLOUR, tr("Esc or a click: back to the map"))

        grid = QGridLayout(self)
        # the screen's size, never what the texts would like
        grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        grid.addWidget(self.subheading, 1, 0, 1, 2)
        after_steps = len(self.steps) + 3
        grid.addWidget(self.code, 2, 0, len(self.steps) + 2, 1, Qt.AlignmentFlag.AlignCenter)
        grid.setRowStretch(2, 1)
        for row, step in enumerate(self.steps, start=3):
            step.setWordWrap(True)  # the other texts are single lines, sized for the screen
            grid.addWidget(step, row, 1)
        grid.setRowStretch(after_steps, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.address_caption, after_steps + 1, 0, 1, 2, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.address, after_steps + 2, 0, 1, 2, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.hint, after_steps + 3, 0, 1, 2, Qt.AlignmentFlag.AlignRight)

    def _label(self, font: QFont, colour: str | None = None, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if colour:
            label.setStyleSheet(f"color: {colour};")
        self._fonts.append((label, font))
        return label

    def show_address(self, url: str, png: bytes, heading: str, subheading: str) -> None:
        self.heading.setText(heading)
        self.subheading.setText(subheading)
        self.address.setText(url)
        self._png = png

    def show_on(self, screen) -> None:
        """Full screen on ``screen`` (the projector's, where QGIS's window is), the code as large as it fits."""
        geometry = screen.geometry()
        factor = min(geometry.width() / REFERENCE_SCREEN.width(), geometry.height() / REFERENCE_SCREEN.height())
        for label, font in self._fonts:
            scaled = QFont(font)
            scaled.setPixelSize(round(font.pixelSize() * factor))
            label.setFont(scaled)
        grid = self.layout()
        grid.setContentsMargins(*(round(margin * factor) for margin in SCREEN_MARGINS))
        grid.setHorizontalSpacing(round(SCREEN_SPACING * factor))
        self.code.setPixmap(qr_pixmap(self._png, int(geometry.height() * SCREEN_QR_SHARE)))
        self.setGeometry(geometry)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.close()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.parentWidget().activateWindow()  # the keys go back to the map
