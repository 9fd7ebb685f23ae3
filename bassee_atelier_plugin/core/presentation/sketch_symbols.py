"""The sketches' symbols: the planner's graphic language of flows, corridors, fronts, centralities, breaks.

They are the signs of a French planning diagram, which the room reads without a legend;
sketch kinds the language does not know are drawn as plain lines and areas.
"""

from __future__ import annotations

from qgis.core import (
    QgsArrowSymbolLayer,
    QgsCentroidFillSymbolLayer,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsLineSymbol,
    QgsMarkerLineSymbolLayer,
    QgsMarkerSymbol,
    QgsSymbol,
)
from qgis.PyQt.QtGui import QColor

from bassee_atelier_plugin.core.presentation.symbols import LINE_GEOMETRY, Look, line_symbol, rgba


def sketch_symbol(kind: str, geometry_type, colour: str, look: Look) -> QgsSymbol:
    """A flow is an arrow in the drawing direction, a corridor a wide green band, a front a
    toothed line, a centrality a star-marked spot, a break a dashed line crossed out."""
    width = look.line_width
    if geometry_type == LINE_GEOMETRY:
        if kind == "flux":
            return _arrow(colour, width)
        if kind == "corridor_ecologique":
            band = line_symbol(rgba(colour, 90), width * 4.5)
            band.appendSymbolLayer(line_symbol(colour, width * 0.6, "dash").takeSymbolLayer(0))
            return band
        if kind == "front_urbain":
            front = line_symbol(colour, width * 1.2)
            front.appendSymbolLayer(_ticks("line", colour, width * 2.6, width * 2.2, offset=width * 1.3))
            return front
        if kind == "centralite":
            line = line_symbol(colour, width)
            line.appendSymbolLayer(_ticks("star", colour, width * 6, width * 3.2))
            return line
        if kind == "rupture":
            line = line_symbol(colour, width, "dot")  # a break, not a link
            line.appendSymbolLayer(_ticks("cross2", colour, width * 5, width * 3))
            return line
        return line_symbol(colour, width)
    outline = {"outline_color": colour, "outline_width": str(look.outline_width * 1.4)}
    if kind == "corridor_ecologique":
        hatch = QgsLinePatternFillSymbolLayer()
        hatch.setLineAngle(45)
        hatch.setDistance(width * 2)
        hatch.setColor(QColor(colour))
        symbol = QgsFillSymbol.createSimple({"color": rgba(colour, 50), **outline})
        symbol.appendSymbolLayer(hatch)
        return symbol
    if kind == "centralite":
        symbol = QgsFillSymbol.createSimple({"color": rgba(colour, 110), **outline})
        star = QgsCentroidFillSymbolLayer()
        star.setSubSymbol(
            QgsMarkerSymbol.createSimple(
                {"name": "star", "color": colour, "size": str(look.point_size * 1.6), "outline_color": "#ffffff"}
            )
        )
        symbol.appendSymbolLayer(star)
        return symbol
    style = "dash" if kind in ("flux", "rupture") else "solid"
    fill_alpha = 0 if kind in ("front_urbain", "flux") else 60
    return QgsFillSymbol.createSimple({"color": rgba(colour, fill_alpha), "outline_style": style, **outline})


def _arrow(colour: str, width: float) -> QgsLineSymbol:
    arrow = QgsArrowSymbolLayer()
    arrow.setArrowWidth(width)
    arrow.setArrowStartWidth(width)
    arrow.setHeadLength(width * 3.2)
    arrow.setHeadThickness(width * 2.2)
    arrow.setIsCurved(False)
    arrow.setIsRepeated(False)
    arrow.setArrowType(QgsArrowSymbolLayer.ArrowType.ArrowPlain)
    arrow.setHeadType(QgsArrowSymbolLayer.HeadType.HeadSingle)
    arrow.subSymbol().setColor(QColor(colour))
    arrow.subSymbol().symbolLayer(0).setStrokeColor(QColor("#ffffff"))
    symbol = QgsLineSymbol.createSimple({})
    symbol.changeSymbolLayer(0, arrow)
    return symbol


def _ticks(shape: str, colour: str, interval: float, size: float, offset: float = 0.0) -> QgsMarkerLineSymbolLayer:
    """Markers repeated along a line, turned with it: the teeth of a front, the crosses of a break."""
    marker = QgsMarkerSymbol.createSimple(
        {"name": shape, "color": colour, "outline_color": colour, "size": str(size), "outline_width": str(size / 5)}
    )
    if shape == "line":
        marker.setAngle(90)
    ticks = QgsMarkerLineSymbolLayer(True, interval)
    ticks.setSubSymbol(marker)
    ticks.setOffset(offset)
    return ticks
