"""What a drawn geometry must be before it is stored: one shape, sound, of the kind its table holds.

A double click, a hand that paused or an area drawn as a bow tie are ordinary gestures in
a workshop: they are repaired where they can be, with a word for the user, and refused
with a sentence the facilitator can read out where they cannot. What is drawn outside
the territory is kept, and flagged.
"""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsVectorLayer

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import AREA, LINE, POINT, TABLE_BY_NAME
from bassee_atelier_plugin.toolbelt.compat import GeometryType
from bassee_atelier_plugin.toolbelt.i18n import tr

TERRITORY_TABLES = ("territory", "communes")  # the first one present outlines the territory
_KIND_OF_GEOMETRY = {
    GeometryType.POINT: POINT,
    GeometryType.LINE: LINE,
    GeometryType.POLYGON: "Polygon",
}


def checked_geometry(geometry: QgsGeometry) -> tuple[QgsGeometry, list[str]]:
    """A drawn geometry made fit to store, with what was repaired; refused when it cannot be.

    Duplicate vertices (a double click, a hand that paused) are dropped; a line needs two
    distinct points, an area three that are not in line; a self-crossing area is repaired
    and, if it falls apart, its largest piece is kept.
    """
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        raise AtelierError(tr("Nothing was drawn."))
    if geometry.isMultipart():
        parts = geometry.asGeometryCollection()
        if len(parts) != 1:
            raise AtelierError(tr("Draw one shape at a time."))
        geometry = parts[0]
    geometry = QgsGeometry(geometry)
    geometry.removeDuplicateNodes(1e-6)
    kind = _KIND_OF_GEOMETRY.get(geometry.type())
    warnings = []
    if kind == LINE and (geometry.constGet().nCoordinates() < 2 or geometry.length() == 0):
        raise AtelierError(tr("A line needs two distinct points: nothing was saved."))
    if kind == "Polygon":
        flat = tr("An area needs at least three points that are not in line: nothing was saved.")
        if geometry.constGet().nCoordinates() < 4:
            raise AtelierError(flat)
        if not geometry.isGeosValid():  # before measuring: the two halves of a bow tie cancel out
            geometry = _largest_polygon(geometry.makeValid(), flat)
            warnings.append(tr("The area crossed itself: it was repaired."))
        if geometry.area() == 0:
            raise AtelierError(flat)
    if kind is None:
        raise AtelierError(tr("This kind of geometry cannot be stored here."))
    return geometry, warnings


def _largest_polygon(geometry: QgsGeometry, refusal: str) -> QgsGeometry:
    polygons = [part for part in geometry.asGeometryCollection() if part.type() == GeometryType.POLYGON]
    if not polygons:  # nothing but lines and points: the "area" had no inside
        raise AtelierError(refusal)
    largest = max(polygons, key=lambda part: part.area())
    return QgsGeometry.fromPolygonXY(largest.asPolygon()) if largest.isMultipart() else largest


def geometry_kind(geometry: QgsGeometry) -> str:
    return _KIND_OF_GEOMETRY[geometry.type()]


def fitting_geometry(table: str, geometry: QgsGeometry) -> tuple[QgsGeometry, list[str]]:
    """A drawn geometry checked (see :func:`checked_geometry`) and of the kind ``table`` holds."""
    geometry, warnings = checked_geometry(geometry)
    wanted = TABLE_BY_NAME[table].geometry
    if geometry_kind(geometry) != wanted:
        kinds = {POINT: tr("a point"), LINE: tr("a line"), AREA: tr("an area")}
        raise AtelierError(tr("Draw {kind} here: nothing was saved.").format(kind=kinds[wanted]))
    return geometry, warnings


class Territory:
    """The atelier's territory, to flag what is drawn outside it; an atelier without one flags nothing."""

    def __init__(self, atelier: Atelier):
        self._outline = _prepared_outline(atelier)

    def flags(self, geometry: QgsGeometry, warnings: list[str]) -> dict:
        """Journal details for a geometry drawn outside the territory; says so in ``warnings``."""
        if self._outline is None or self._outline.intersects(geometry.constGet()):
            return {}
        warnings.append(tr("This is outside the territory: it was kept, and flagged in the journal."))
        return {"outside_territory": True}


def _prepared_outline(atelier: Atelier):
    """The territory as one prepared geometry, quick to test again and again; None without one."""
    present = set(atelier.table_names())
    for table in TERRITORY_TABLES:
        if table in present:
            layer = QgsVectorLayer(atelier.layer_uri(table), table, atelier.provider)
            outline = QgsGeometry.unaryUnion([feature.geometry() for feature in layer.getFeatures()])
            engine = QgsGeometry.createGeometryEngine(outline.constGet())
            engine.prepareGeometry()
            return engine
    return None
