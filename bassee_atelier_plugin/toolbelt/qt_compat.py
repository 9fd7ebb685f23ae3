"""What Qt5 and Qt6 spell differently, and no scoped enum bridges: one call for both."""

from __future__ import annotations

import enum

from qgis.PyQt.QtCore import QPoint
from qgis.PyQt.QtGui import QKeySequence


def drop_position(event) -> QPoint:
    """Where a drag is over the receiving widget: Qt6's QDropEvent has position() only, Qt5's pos()."""
    if hasattr(event, "position"):
        return event.position().toPoint()
    return event.pos()


def key_sequence(event) -> QKeySequence:
    """The key of a key event with its modifiers, as a shortcut is written (Ctrl+Shift+Z).

    Qt5's modifiers are a QFlags that int() takes; Qt6's are a Python enum.Flag, which it does not.
    """
    modifiers = event.modifiers()
    bits = modifiers.value if isinstance(modifiers, enum.Flag) else int(modifiers)
    return QKeySequence(bits | event.key())
