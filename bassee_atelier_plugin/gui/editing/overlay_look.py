"""The look of what is drawn over the projected map: text read at 4 m, dark and light panels.

Projector mode's palette, legend and help use it, and so do the phones' QR code and notices.
"""

from __future__ import annotations

from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import QLabel

from bassee_atelier_plugin.toolbelt.i18n import user_language

TEXT_PIXELS = 28  # legible at 4 m: at least 24 px on a 1920x1080 projector
SMALL_TEXT_PIXELS = 24
MARGIN = 20  # between the overlays and the canvas edges

# (background, text colour) of the overlays
DARK_PANEL = ("background-color: rgba(20, 20, 20, 235); border-radius: 14px;", "#ffffff")
LIGHT_PANEL = ("background-color: rgba(255, 255, 255, 235); border: 2px solid #404040; border-radius: 12px;", "#111111")


def overlay_font(pixels: int = TEXT_PIXELS, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def overlay_label(text: str = "", pixels: int = TEXT_PIXELS, bold: bool = False) -> QLabel:
    """A label in projector size: set on the label itself, as a stylesheet stops fonts passing down."""
    label = QLabel(text)
    label.setFont(overlay_font(pixels, bold))
    return label


def panel_style(object_name: str, panel: tuple[str, str]) -> str:
    """A stylesheet for an overlay: its background, and the colour of its texts."""
    background, text_colour = panel
    return (
        f"#{object_name} {{ {background} }} QLabel {{ color: {text_colour}; background: transparent; border: none; }}"
    )


def term_label(term: dict) -> str:
    """A thesaurus term in the language QGIS speaks."""
    return term["label_fr"] if user_language() == "fr" else term["label_en"]
