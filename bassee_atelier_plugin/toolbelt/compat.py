"""Where QGIS's API differs between the versions the plugin supports (3.22 to 4.x), and only here.

QGIS moved many enums into the ``Qgis`` namespace (3.26 to 3.40) and QGIS 4 keeps only those,
scoped, as Qt6 does. Each name below is looked up once, at import, newest form first: a newer
QGIS gets its own API, with no deprecation warning, and 3.22 the form it has. The rest of the
plugin imports from here and never asks which QGIS it runs in.
"""

from __future__ import annotations

import contextlib

from qgis import core
from qgis.PyQt import QtCore, QtGui


def _first_of(*paths: str):
    """The first of these dotted names (``"Qgis.GeometryType.Point"``) that this QGIS and its Qt have."""
    for path in paths:
        first, *rest = path.split(".")
        found = getattr(core, first, None) or getattr(QtCore, first, None)
        for part in rest:
            found = getattr(found, part, None)
        if found is not None:
            return found
    raise AttributeError(f"none of {', '.join(paths)} exists in QGIS {core.Qgis.version()}")


class GeometryType:
    """``Qgis.GeometryType`` from 3.30, ``QgsWkbTypes.GeometryType`` before."""

    POINT = _first_of("Qgis.GeometryType.Point", "QgsWkbTypes.GeometryType.PointGeometry")
    LINE = _first_of("Qgis.GeometryType.Line", "QgsWkbTypes.GeometryType.LineGeometry")
    POLYGON = _first_of("Qgis.GeometryType.Polygon", "QgsWkbTypes.GeometryType.PolygonGeometry")


class LabelPlacement:
    """``Qgis.LabelPlacement`` from 3.26, ``QgsPalLayerSettings.Placement`` before."""

    OVER_POINT = _first_of("Qgis.LabelPlacement.OverPoint", "QgsPalLayerSettings.Placement.OverPoint")
    AROUND_POINT = _first_of(
        "Qgis.LabelPlacement.OrderedPositionsAroundPoint", "QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint"
    )
    LINE = _first_of("Qgis.LabelPlacement.Line", "QgsPalLayerSettings.Placement.Line")
    HORIZONTAL = _first_of("Qgis.LabelPlacement.Horizontal", "QgsPalLayerSettings.Placement.Horizontal")


class RenderUnit:
    """``Qgis.RenderUnit`` from 3.30, ``QgsUnitTypes.RenderUnit`` before."""

    MILLIMETERS = _first_of("Qgis.RenderUnit.Millimeters", "QgsUnitTypes.RenderUnit.RenderMillimeters")
    POINTS = _first_of("Qgis.RenderUnit.Points", "QgsUnitTypes.RenderUnit.RenderPoints")
    PIXELS = _first_of("Qgis.RenderUnit.Pixels", "QgsUnitTypes.RenderUnit.RenderPixels")


class LayoutUnit:
    """``Qgis.LayoutUnit`` from 3.30, ``QgsUnitTypes.LayoutUnit`` before."""

    MILLIMETERS = _first_of("Qgis.LayoutUnit.Millimeters", "QgsUnitTypes.LayoutUnit.LayoutMillimeters")


class DistanceUnit:
    """``Qgis.DistanceUnit`` from 3.30, ``QgsUnitTypes.DistanceUnit`` before."""

    KILOMETERS = _first_of("Qgis.DistanceUnit.Kilometers", "QgsUnitTypes.DistanceUnit.DistanceKilometers")
    DEGREES = _first_of("Qgis.DistanceUnit.Degrees", "QgsUnitTypes.DistanceUnit.DistanceDegrees")


class SymbolProperty:
    """Data-defined properties of a symbol layer: ``QgsSymbolLayer.Property`` scoped from 3.30."""

    FILL_COLOR = _first_of("QgsSymbolLayer.Property.FillColor", "QgsSymbolLayer.Property.PropertyFillColor")
    STROKE_COLOR = _first_of("QgsSymbolLayer.Property.StrokeColor", "QgsSymbolLayer.Property.PropertyStrokeColor")
    STROKE_WIDTH = _first_of("QgsSymbolLayer.Property.StrokeWidth", "QgsSymbolLayer.Property.PropertyStrokeWidth")
    STROKE_STYLE = _first_of("QgsSymbolLayer.Property.StrokeStyle", "QgsSymbolLayer.Property.PropertyStrokeStyle")
    SIZE = _first_of("QgsSymbolLayer.Property.Size", "QgsSymbolLayer.Property.PropertySize")


class LegendComponent:
    """Parts of a layout legend: ``Qgis.LegendComponent`` from 3.34, ``QgsLegendStyle.Style`` before."""

    TITLE = _first_of("Qgis.LegendComponent.Title", "QgsLegendStyle.Style.Title")
    SYMBOL_LABEL = _first_of("Qgis.LegendComponent.SymbolLabel", "QgsLegendStyle.Style.SymbolLabel")
    HIDDEN = _first_of("Qgis.LegendComponent.Hidden", "QgsLegendStyle.Style.Hidden")


class RelationshipStrength:
    """``Qgis.RelationshipStrength`` from 3.28, ``QgsRelation.RelationStrength`` before."""

    COMPOSITION = _first_of("Qgis.RelationshipStrength.Composition", "QgsRelation.RelationStrength.Composition")
    ASSOCIATION = _first_of("Qgis.RelationshipStrength.Association", "QgsRelation.RelationStrength.Association")


class TemporalMode:
    """How a vector layer takes its time: ``Qgis.VectorTemporalMode`` from 3.28, scoped in the properties before."""

    START_AND_END_FROM_FIELDS = _first_of(
        "Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields",
        "QgsVectorLayerTemporalProperties.TemporalMode.ModeFeatureDateTimeStartAndEndFromFields",
    )
    START_AND_END_FROM_EXPRESSIONS = _first_of(
        "Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions",
        "QgsVectorLayerTemporalProperties.TemporalMode.ModeFeatureDateTimeStartAndEndFromExpressions",
    )


MINUTES = _first_of("Qgis.TemporalUnit.Minutes", "QgsUnitTypes.TemporalUnit.TemporalMinutes")


SVG_PICTURE = _first_of("Qgis.PictureFormat.SVG", "QgsLayoutItemPicture.Format.FormatSVG")
"""A layout picture drawn from an SVG file: ``Qgis.PictureFormat`` from 3.40."""

SCALE_BAR_FITS_WIDTH = _first_of(
    "Qgis.ScaleBarSegmentSizeMode.FitWidth", "QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth"
)
"""Scale bar segments sized to fit a width: ``Qgis.ScaleBarSegmentSizeMode`` from 3.40."""

MARKERS_AT_CENTRAL_POINT = _first_of(
    "Qgis.MarkerLinePlacement.CentralPoint", "QgsMarkerLineSymbolLayer.Placement.CentralPoint"
)
"""One marker in the middle of a line: ``Qgis.MarkerLinePlacement`` from 3.24."""


PARTIAL_LABELS = _first_of(
    "Qgis.LabelingFlag.UsePartialCandidates", "QgsLabelingEngineSettings.Flag.UsePartialCandidates"
)
"""QGIS's "allow truncated labels on edges of map", on by default: ``Qgis.LabelingFlag`` from 3.30."""

NO_GEOMETRY = _first_of("Qgis.FeatureRequestFlag.NoGeometry", "QgsFeatureRequest.Flag.NoGeometry")
"""Fetch attributes only: ``Qgis.FeatureRequestFlag`` from 3.36."""

FILE_SOURCE = _first_of("Qgis.ProcessingSourceType.File", "QgsProcessing.SourceType.TypeFile")
"""A Processing input that is a file, not a layer: ``Qgis.ProcessingSourceType`` from 3.36."""


def _fields_take_meta_type() -> bool:
    try:
        core.QgsField("probe", QtCore.QMetaType.Type.QString)
    except TypeError:
        return False
    return True


# QGIS 3.38 types fields with QMetaType, QGIS 4 only so; older ones with QVariant, on Qt5 alone.
_TEXT_TYPE = QtCore.QMetaType.Type.QString if _fields_take_meta_type() else _first_of("QVariant.String")


def string_field(name: str) -> core.QgsField:
    """A text field, typed as this QGIS types fields."""
    return core.QgsField(name, _TEXT_TYPE)


def save_style_to_database(layer: core.QgsMapLayer, name: str, description: str, as_default: bool) -> str:
    """Store ``layer``'s current style in its data source; the error, empty once stored.

    ``saveStyleToDatabaseV2`` from 3.42 (the older call is deprecated there).
    """
    if hasattr(layer, "saveStyleToDatabaseV2"):
        _results, error = layer.saveStyleToDatabaseV2(name, description, as_default, "")
        return error
    return layer.saveStyleToDatabase(name, description, as_default, "")


def set_marker_line_placement(layer: core.QgsMarkerLineSymbolLayer, placement) -> None:
    """Where a marker line puts its markers: ``setPlacements`` from 3.24, ``setPlacement`` before."""
    if hasattr(layer, "setPlacements"):
        layer.setPlacements(placement)
    else:
        layer.setPlacement(placement)


def text_font(item) -> QtGui.QFont:
    """The font of a layout label: from its ``QgsTextFormat`` from 3.40, its font before."""
    return item.textFormat().toQFont() if hasattr(item, "textFormat") else QtGui.QFont(item.font())


def set_text_style(item, font: QtGui.QFont, colour: QtGui.QColor | None = None) -> None:
    """The text style of a layout label or legend part: a ``QgsTextFormat`` from 3.40, fonts before."""
    if hasattr(item, "setTextFormat"):
        text_format = core.QgsTextFormat.fromQFont(font)
        if colour is not None:
            text_format.setColor(colour)
        item.setTextFormat(text_format)
    else:
        item.setFont(font)
        if colour is not None:
            item.setFontColor(colour)


@contextlib.contextmanager
def expressions_reading(project: core.QgsProject):
    """Let expressions find ``project``'s layers by id (``aggregate(layer:='…')``) while the block runs.

    QGIS 3.22 looks a layer up in ``QgsProject.instance()`` only, and 3.44 still does for some
    functions (``overlay_intersects``): a stored project read apart (the command line's, an
    export's) is made the instance meanwhile, as it is in a plain QGIS that opened it.
    """
    current = core.QgsProject.instance()
    if project is current:
        yield
        return
    core.QgsProject.setInstance(project)
    try:
        yield
    finally:
        core.QgsProject.setInstance(current)
