"""The symbols of the workshop's features: a colour per category, with statuses and votes on top.

A retained stake gets a dark outline and a dropped one turns grey and dashed, so the
room sees the status at a glance; votes show as the size of a stake's bubble. The sizes
come from a :class:`Look`, the desk's or the projector's (see :mod:`symbology`).
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCentroidFillSymbolLayer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerLineSymbolLayer,
    QgsMarkerSymbol,
    QgsProperty,
    QgsSymbol,
    QgsSymbolLayer,
)
from qgis.PyQt.QtGui import QColor

from bassee_atelier_plugin.toolbelt.compat import (
    MARKERS_AT_CENTRAL_POINT,
    GeometryType,
    SymbolProperty,
    set_marker_line_placement,
)

POINT_GEOMETRY, LINE_GEOMETRY, AREA_GEOMETRY = GeometryType.POINT, GeometryType.LINE, GeometryType.POLYGON
DROPPED_COLOUR = "#b0b0b0"
RETAINED_OUTLINE = "#111111"
VOTE_SCALE = (1.0, 1.4, 1.9)  # bubble diameter by vote class: the area roughly follows the score


@dataclass(frozen=True)
class Look:
    """The sizes of one look, in millimetres unless said otherwise."""

    point_size: float
    line_width: float
    outline_width: float
    fill_alpha: int
    label_size: float
    label_unit: object  # a compat.RenderUnit
    context_label_size: float


def rgba(colour: str, alpha: int) -> str:
    value = QColor(colour)
    value.setAlpha(alpha)
    return value.name(QColor.NameFormat.HexArgb)


def _expression(layer: QgsSymbolLayer, key: int, expression: str) -> None:
    layer.setDataDefinedProperty(key, QgsProperty.fromExpression(expression))


def _by_status(layer: QgsSymbolLayer, key: int, retained, dropped, otherwise) -> None:
    """A property of ``layer`` that follows the feature's status: retained, dropped, or anything else."""
    quoted = [f"'{value}'" if isinstance(value, str) else str(value) for value in (retained, dropped, otherwise)]
    _expression(
        layer,
        key,
        f"CASE WHEN \"status\" = 'retenu' THEN {quoted[0]} WHEN \"status\" = 'ecarte' THEN {quoted[1]} "
        f"ELSE {quoted[2]} END",
    )


def line_symbol(colour: str, width: float, style: str = "solid") -> QgsLineSymbol:
    return QgsLineSymbol.createSimple(
        {"color": colour, "width": str(width), "line_style": style, "capstyle": "round", "joinstyle": "round"}
    )


# -- actions and other lists: one colour per category, statuses drawn by expression ----------------


def category_symbol(geometry_type, colour: str, look: Look, with_status: bool) -> QgsSymbol:
    """The symbol of one category (an action kind...), aware of statuses when the table has them.

    Data-defined properties cost an expression per feature, which is fine for the few
    actions of a roadmap; stakes, which a room adds by the hundred, draw from their look.
    """
    if geometry_type == POINT_GEOMETRY:
        symbol = QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": colour,
                "size": str(look.point_size),
                "outline_color": "#ffffff",
                "outline_width": str(look.outline_width * 0.7),
            }
        )
        marker = symbol.symbolLayer(0)
        if with_status:
            thin = look.outline_width * 0.7
            _by_status(marker, SymbolProperty.FILL_COLOR, colour, DROPPED_COLOUR, colour)
            _by_status(marker, SymbolProperty.STROKE_COLOR, RETAINED_OUTLINE, "#ffffff", "#ffffff")
            _by_status(marker, SymbolProperty.STROKE_WIDTH, look.outline_width * 1.6, thin, thin)
        return symbol
    if geometry_type == LINE_GEOMETRY:
        symbol = QgsLineSymbol.createSimple(
            {"color": colour, "width": str(look.line_width), "capstyle": "round", "joinstyle": "round"}
        )
        line = symbol.symbolLayer(0)
        if with_status:
            width = look.line_width
            _by_status(line, SymbolProperty.STROKE_COLOR, colour, DROPPED_COLOUR, colour)
            _by_status(line, SymbolProperty.STROKE_WIDTH, width * 1.7, width * 0.7, width)
            _by_status(line, SymbolProperty.STROKE_STYLE, "solid", "dash", "solid")
    else:
        symbol = QgsFillSymbol.createSimple(
            {
                "color": rgba(colour, look.fill_alpha),
                "outline_color": colour,
                "outline_width": str(look.outline_width),
                "style": "solid",
            }
        )
        fill = symbol.symbolLayer(0)
        if with_status:
            tinted, outline = rgba(colour, look.fill_alpha), look.outline_width
            _by_status(fill, SymbolProperty.FILL_COLOR, tinted, rgba(DROPPED_COLOUR, 60), tinted)
            _by_status(fill, SymbolProperty.STROKE_COLOR, RETAINED_OUTLINE, DROPPED_COLOUR, colour)
            _by_status(fill, SymbolProperty.STROKE_WIDTH, outline * 2, outline, outline)
            _by_status(fill, SymbolProperty.STROKE_STYLE, "solid", "dash", "solid")
    return symbol


# -- stakes: one symbol per stored look, without a single expression per feature -----------------


def look_symbol(geometry_type, colour: str, look: Look, status_class: str, vote_class: int) -> QgsSymbol:
    """One stake look: the theme's colour, the status's outline, the votes' bubble."""
    dropped, retained = status_class == "ecarte", status_class == "retenu"
    paint = DROPPED_COLOUR if dropped else colour
    if geometry_type == POINT_GEOMETRY:
        return QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": paint,
                "size": str(look.point_size * VOTE_SCALE[vote_class]),
                "outline_color": RETAINED_OUTLINE if retained else "#ffffff",
                "outline_width": str(look.outline_width * (1.6 if retained else 0.7)),
            }
        )
    if geometry_type == LINE_GEOMETRY:
        width = look.line_width * (1.7 if retained else 0.7 if dropped else 1.0)
        symbol = line_symbol(paint, width, "dash" if dropped else "solid")
        if vote_class:
            bubble = QgsMarkerLineSymbolLayer()
            set_marker_line_placement(bubble, MARKERS_AT_CENTRAL_POINT)
            bubble.setRotateSymbols(False)  # a round bubble need not turn, and unturned it is drawn from a cache
            bubble.setSubSymbol(_bubble(paint, look, vote_class))
            symbol.appendSymbolLayer(bubble)
        return symbol
    symbol = QgsFillSymbol.createSimple(
        {
            "color": rgba(paint, 60 if dropped else look.fill_alpha),
            "outline_color": RETAINED_OUTLINE if retained else paint,
            "outline_width": str(look.outline_width * (2 if retained else 1)),
            "outline_style": "dash" if dropped else "solid",
        }
    )
    if vote_class:
        bubble = QgsCentroidFillSymbolLayer()
        bubble.setPointOnSurface(True)
        bubble.setSubSymbol(_bubble(paint, look, vote_class))
        symbol.appendSymbolLayer(bubble)
    return symbol


def _bubble(colour: str, look: Look, vote_class: int) -> QgsMarkerSymbol:
    return QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": rgba(colour, 210),
            "outline_color": "#ffffff",
            "outline_width": str(look.outline_width * 0.7),
            "size": str(look.point_size * VOTE_SCALE[vote_class]),
        }
    )
