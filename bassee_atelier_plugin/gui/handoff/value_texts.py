"""A conflicting field's value as a planner reads it, in the atelier's language."""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsDistanceArea, QgsGeometry, QgsProject
from qgis.PyQt.QtCore import QLocale

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME, Field, pick, referenced_tables
from bassee_atelier_plugin.core.presentation.names import FIELD_LABELS
from bassee_atelier_plugin.core.stores.ogr_tables import sql_text
from bassee_atelier_plugin.gui.handoff.conflicts import GEOMETRY, Conflict, local_time
from bassee_atelier_plugin.toolbelt.compat import DistanceUnit, GeometryType
from bassee_atelier_plugin.toolbelt.i18n import tr

GEOMETRY_LABEL = ("Geometry", "Géométrie")  # in the atelier's language, like the other fields' labels
WHOLE_FEATURE_LABEL = ("Whole feature", "Toute l'entité")  # what a deletion against an edit puts in conflict


class ValueTexts:
    """A field's value as a planner reads it: a list's label, the name of what it refers to, a local date."""

    def __init__(self, atelier: Atelier):
        self.atelier = atelier
        self.language = atelier.metadata.language
        self.crs = QgsCoordinateReferenceSystem(atelier.metadata.crs)
        self._terms: dict[str, dict[str, str]] = {}  # list name: code -> label
        self._names: dict[str, str] = {}  # uuid -> label of the row it identifies

    def field_label(self, name: str) -> str:
        labels = {**FIELD_LABELS, GEOMETRY: GEOMETRY_LABEL}
        return pick(labels[name], self.language) if name in labels else name

    def conflict_label(self, conflict: Conflict) -> str:
        """What is in conflict: the field's label, or the whole feature."""
        return self.field_label(conflict.field) if conflict.field else pick(WHOLE_FEATURE_LABEL, self.language)

    def field_text(self, table: str, name: str, value) -> str:
        """A value of ``table``'s field ``name``, as :meth:`text` shows it."""
        return self.text(name, declared_field(table, name), value)

    def text(self, name: str, field: Field | None, value) -> str:
        if value is None or value == "":
            return ""
        if name == GEOMETRY:
            return self.geometry_text(value)
        if field is None:
            return str(value)
        if field.thesaurus:
            return self._term(field.thesaurus, value)
        if field.refers_to:
            return self._name(field.refers_to, value)
        if field.kind == "datetime":
            return local_time(value)
        if field.kind == "boolean":
            return tr("yes") if value else tr("no")
        return str(value)

    def geometry_text(self, wkt: str) -> str:
        """A point's coordinates, a line's length, an area's surface: what tells two versions apart at a glance."""
        geometry = QgsGeometry.fromWkt(wkt)
        kind = geometry.type()
        if kind == GeometryType.POINT:
            point = geometry.centroid().asPoint()
            decimals = 6 if self.crs.mapUnits() == DistanceUnit.DEGREES else 0
            locale = QLocale()
            locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # coordinates as QGIS shows them
            return tr("Point at x = {x}, y = {y}").format(
                x=locale.toString(point.x(), "f", decimals), y=locale.toString(point.y(), "f", decimals)
            )
        measure = QgsDistanceArea()
        measure.setSourceCrs(self.crs, QgsProject.instance().transformContext())
        measure.setEllipsoid(self.crs.ellipsoidAcronym())
        if kind == GeometryType.LINE:
            length = QgsDistanceArea.formatDistance(measure.measureLength(geometry), 2, measure.lengthUnits(), False)
            return tr("Line of {length}").format(length=length)
        area = QgsDistanceArea.formatArea(measure.measureArea(geometry), 2, measure.areaUnits(), False)
        return tr("Area of {area}").format(area=area)

    def feature_title(self, conflict: Conflict) -> str:
        label_field = TABLE_BY_NAME[conflict.table].label_field if conflict.table in TABLE_BY_NAME else None
        return str((conflict.kept or conflict.other or {}).get(label_field) or "") if label_field else ""

    def _term(self, thesaurus: str, code: str) -> str:
        if thesaurus not in self._terms:
            label = "label_fr" if self.language == "fr" else "label_en"
            self._terms[thesaurus] = {term["code"]: term[label] for term in thesaurus_terms(self.atelier, thesaurus)}
        return self._terms[thesaurus].get(code, code)

    def _name(self, target: str, uuid: str) -> str:
        if uuid not in self._names:
            self._names[uuid] = self._find_name(target, uuid) or uuid
        return self._names[uuid]

    def _find_name(self, target: str, uuid: str) -> str | None:
        with self.atelier.dataset() as dataset:
            for table in referenced_tables(target):
                layer = dataset.GetLayerByName(table)
                label_field = TABLE_BY_NAME[table].label_field
                if layer is None or label_field is None:
                    continue
                layer.SetAttributeFilter(f"uuid = {sql_text(uuid)}")
                feature = layer.GetNextFeature()
                if feature is not None:
                    return feature.GetField(label_field)
        return None


def declared_field(table: str, name: str) -> Field | None:
    """The schema's declaration of a field, if the schema knows the table and the field."""
    declared = TABLE_BY_NAME[table].all_fields if table in TABLE_BY_NAME else ()
    return next((field for field in declared if field.name == name), None)
