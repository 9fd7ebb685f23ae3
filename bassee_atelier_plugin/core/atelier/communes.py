"""Which communes a feature touches, from the atelier's own commune layer.

The index is built once per writer or workshop: the communes' bounding boxes in a spatial
index, each commune's outline prepared by GEOS, so that naming the communes of a click
costs a few tests, not a pass over every outline. A commune whose outline is invalid (a
bow tie, a ring crossing itself) is repaired for the computation and listed.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import nullcontext

from qgis.core import QgsGeometry, QgsSpatialIndex

from bassee_atelier_plugin.core.model.schema import (
    COMMUNE_CODE_FIELDS,
    COMMUNE_NAME_FIELDS,
    COMMUNE_TABLES,
    COMMUNES_FIELD,
    COMMUNES_TABLE,
    OUTSIDE_COMMUNES,
)
from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier, sql_text
from bassee_atelier_plugin.toolbelt.i18n import tr

CHUNK = 500  # UUIDs or FIDs named in one SQL statement


class CommuneIndex:
    """The atelier's communes, ready to say which of them a geometry touches."""

    def __init__(self, communes: list[tuple[str, QgsGeometry]]):
        self.repaired: list[str] = []  # the codes of the communes whose outline had to be repaired
        self._codes: list[str] = []
        self._engines = []
        self._index = QgsSpatialIndex()
        for code, outline in communes:
            if not outline.isGeosValid():
                outline = outline.makeValid()
                self.repaired.append(code)
            engine = QgsGeometry.createGeometryEngine(outline.constGet())
            engine.prepareGeometry()
            self._index.addFeature(len(self._codes), outline.boundingBox())
            self._codes.append(code)
            self._engines.append(engine)

    @classmethod
    def of_dataset(cls, dataset) -> CommuneIndex | None:
        """The communes of the atelier open as the OGR ``dataset``; None when it has no commune layer."""
        layer = dataset.GetLayerByName(COMMUNES_TABLE)
        code = first_field(layer, COMMUNE_CODE_FIELDS) if layer is not None else None
        if code is None:
            return None
        communes = []
        layer.ResetReading()
        for feature in layer:
            geometry = feature.GetGeometryRef()
            if geometry is not None and not geometry.IsEmpty() and feature.IsFieldSetAndNotNull(code):
                communes.append((str(feature.GetField(code)), _qgis_geometry(geometry)))
        layer.ResetReading()
        return cls(communes)

    def codes(self, geometry: QgsGeometry) -> str:
        """The codes of the communes ``geometry`` touches, sorted and joined by commas, or "hors territoire"."""
        candidates = self._index.intersects(geometry.boundingBox())
        touched = sorted({self._codes[i] for i in candidates if self._engines[i].intersects(geometry.constGet())})
        return ",".join(touched) if touched else OUTSIDE_COMMUNES

    def codes_of_wkt(self, wkt: str | None) -> str | None:
        """As :meth:`codes`, for a geometry in WKT; None for no geometry."""
        return self.codes(QgsGeometry.fromWkt(wkt)) if wkt else None

    def repaired_text(self) -> str | None:
        """What to tell the user of the repaired communes, once; None when none needed it."""
        if not self.repaired:
            return None
        return tr(
            "The commune layer has invalid outlines ({codes}): they were repaired to find the communes of features."
        ).format(codes=", ".join(self.repaired))


def _qgis_geometry(geometry) -> QgsGeometry:
    """An OGR geometry as QGIS's, through its WKB."""
    converted = QgsGeometry()
    converted.fromWkb(bytes(geometry.ExportToIsoWkb()))
    return converted


def commune_fields(dataset) -> tuple[str, str] | None:
    """The code and name fields of the commune layer of the OGR ``dataset``; None without such a layer."""
    layer = dataset.GetLayerByName(COMMUNES_TABLE)
    if layer is None:
        return None
    code, name = first_field(layer, COMMUNE_CODE_FIELDS), first_field(layer, COMMUNE_NAME_FIELDS)
    return (code, name or code) if code else None


def commune_names(atelier) -> list[tuple[str, str]]:
    """The atelier's communes as (code, name), by name; none without a commune layer."""
    with atelier.dataset() as dataset:
        fields = commune_fields(dataset)
        if fields is None:
            return []
        layer = dataset.GetLayerByName(COMMUNES_TABLE)
        communes = {str(feature.GetField(fields[0])): str(feature.GetField(fields[1])) for feature in layer}
    return sorted(communes.items(), key=lambda item: (item[1].casefold(), item[0]))


def first_field(layer, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that the OGR ``layer`` has, as the layer spells it; None if it has none."""
    definition = layer.GetLayerDefn()
    for name in names:
        index = definition.GetFieldIndex(name)
        if index >= 0:
            return definition.GetFieldDefn(index).GetName()
    return None


def refresh_communes(dataset, index: CommuneIndex | None, uuids: dict[str, set[str]] | None = None) -> int:
    """Write again the communes of the features of ``uuids`` (table: UUIDs; every feature if None) where they changed.

    Only ``communes`` is written, so the GeoPackage's triggers leave ``updated_at`` as it was;
    return how many features were written.
    """
    written = 0
    for table in COMMUNE_TABLES:
        layer = dataset.GetLayerByName(table)
        if layer is None or layer.GetLayerDefn().GetFieldIndex(COMMUNES_FIELD) < 0:
            continue
        changed: dict[str | None, list[int]] = defaultdict(list)
        for feature in _features(layer, None if uuids is None else sorted(uuids.get(table, ()))):
            geometry = feature.GetGeometryRef()
            codes = None
            if index is not None and geometry is not None and not geometry.IsEmpty():
                codes = index.codes(_qgis_geometry(geometry))
            if codes != feature.GetField(COMMUNES_FIELD):
                changed[codes].append(feature.GetFID())
        for codes, fids in changed.items():
            value = sql_text(codes)
            for start in range(0, len(fids), CHUNK):
                listed = ", ".join(str(fid) for fid in fids[start : start + CHUNK])
                dataset.ExecuteSQL(
                    f"UPDATE {quoted_identifier(table)} SET {quoted_identifier(COMMUNES_FIELD)} = {value} "  # nosec B608
                    f"WHERE fid IN ({listed})"  # the features' own fids, integers
                )
            written += len(fids)
    return written


def _features(layer, uuids: list[str] | None):
    """Every feature of the OGR ``layer``, or those of ``uuids``, read a chunk of UUIDs at a time."""
    chunks = [None] if uuids is None else [uuids[start : start + CHUNK] for start in range(0, len(uuids), CHUNK)]
    for chunk in chunks:
        quoted = ", ".join(sql_text(uuid) for uuid in chunk or ())
        layer.SetAttributeFilter(None if chunk is None else f'"uuid" IN ({quoted})')
        layer.ResetReading()
        features = list(layer)
        layer.SetAttributeFilter(None)
        yield from features


def fill_communes(atelier) -> list[str]:
    """Compute the communes of every feature of ``atelier`` (after an upgrade); return what to tell the user."""
    with atelier.dataset(update=True) as dataset:
        return update_communes(dataset, atelier.store)


def update_communes(dataset, store, uuids: dict[str, set[str]] | None = None) -> list[str]:
    """:func:`refresh_communes` in one transaction of ``store``'s ``dataset``, with the commune layer it holds now.

    Filling every feature (an upgrade, made by the atelier's owner) leaves ``updated_at`` alone
    in every store; after a merge, a shared atelier stamps the few features whose communes
    changed, since only its owner may turn its triggers off. Return what to tell the user of the
    commune layer (its repaired outlines).
    """
    index = CommuneIndex.of_dataset(dataset)
    dataset.StartTransaction()
    try:
        with store.derived_writes(dataset) if uuids is None else nullcontext():
            refresh_communes(dataset, index, uuids)
    except BaseException:
        dataset.RollbackTransaction()
        raise
    dataset.CommitTransaction()
    repaired = index.repaired_text() if index is not None else None
    return [repaired] if repaired else []
