"""A whole table read column by column, through GDAL's Arrow stream, into rows of Python values.

The merge reads every feature of every atelier. Feature by feature, GDAL's Python bindings
cost several calls per field and were half of a merge's time; a column comes out of the
Arrow stream as one array, whatever the store (GeoPackage, PostGIS). Values come out as
the merge compares and writes them: text as ``str``, date-times as ISO 8601 text in UTC
(``2026-12-05T09:30:00.000Z``), dates as ``YYYY-MM-DD``, blobs as ``bytes``, geometries
as ISO WKB, ``None`` for null.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy
from osgeo import gdal, ogr

# Before GDAL 3.8 the Arrow stream as NumPy arrays drops a date-time's UTC offset, and reads a
# column of booleans wrong after its first row: those fields are read feature by feature
ARROW_EXACT_SINCE = 3080000
UTC_FLAG = 100  # GDAL's time zone flag of UTC; each step of 1 from it is 15 minutes
GPKG_READ_THREADS = "OGR_GPKG_NUM_THREADS"


def read_rows(layer, fields: list[str] | None = None, geometry: bool = True) -> list[tuple[int, dict, bytes | None]]:
    """Each feature of ``layer`` as (FID, {field: value}, WKB or None): all its fields, or only ``fields``."""
    definition = layer.GetLayerDefn()
    types, misread = {}, set()
    for index in range(definition.GetFieldCount()):
        field = definition.GetFieldDefn(index)
        types[field.GetName()] = field.GetType()
        if field.GetType() == ogr.OFTDateTime or field.GetSubType() == ogr.OFSTBoolean:
            misread.add(field.GetName())
    wanted = [name for name in types if fields is None or name in fields]
    geometry = geometry and layer.GetGeomType() != ogr.wkbNone
    one_by_one = [name for name in wanted if name in misread] if int(gdal.VersionInfo()) < ARROW_EXACT_SINCE else []
    layer.SetIgnoredFields([name for name in types if name not in wanted] + ([] if geometry else ["OGR_GEOMETRY"]))
    try:
        fids, columns, shapes = _columns(layer, wanted, types, geometry)
        if one_by_one:
            columns.update(_one_by_one(layer, one_by_one, fids))
    finally:
        layer.SetIgnoredFields([])
    rows = zip(*(columns[name] for name in wanted)) if wanted else ((),) * len(fids)
    return [(fid, dict(zip(wanted, row)), shape) for fid, row, shape in zip(fids, rows, shapes)]


def _columns(layer, wanted: list[str], types: dict[str, int], geometry: bool) -> tuple[list, dict, list]:
    fids: list[int] = []
    columns: dict[str, list] = {name: [] for name in wanted}
    shapes: list = []
    layer.ResetReading()
    fid_name = layer.GetFIDColumn() or "OGC_FID"
    geometry_name = layer.GetGeometryColumn() or "wkb_geometry"
    # From GDAL 3.8.3 a GeoPackage's batches are prefetched by worker threads; one reader keeps the
    # merge clear of their races (a QGIS 3.44 test worker crashed once in _RecordBatchAsNumpy)
    threads = gdal.GetThreadLocalConfigOption(GPKG_READ_THREADS, None)
    gdal.SetThreadLocalConfigOption(GPKG_READ_THREADS, "1")
    try:
        stream = layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"])
        for batch in stream:
            fids += batch[fid_name].tolist()
            for name in wanted:
                columns[name] += _values(batch[name], types[name])
            shapes += _values(batch[geometry_name], ogr.OFTBinary) if geometry else [None] * len(batch[fid_name])
        del stream  # the layer reads again only once its stream is released
    finally:
        gdal.SetThreadLocalConfigOption(GPKG_READ_THREADS, threads)
    return fids, columns, shapes


def _values(array, field_type: int) -> list:
    """One column of a batch as Python values, ``None`` where the field is null."""
    data, mask = numpy.ma.getdata(array), numpy.ma.getmaskarray(array)
    if data.dtype.kind == "S":
        values = numpy.char.decode(data, "utf-8").tolist()
    elif data.dtype.kind == "M":
        values = numpy.datetime_as_string(data, unit="D" if field_type == ogr.OFTDate else "ms").tolist()
        if field_type == ogr.OFTDateTime:
            values = [value + "Z" for value in values]
    else:
        values = data.tolist()
    if mask.any():
        values = [None if masked else value for value, masked in zip(values, mask.tolist())]
    return values


def _one_by_one(layer, names: list[str], fids: list[int]) -> dict[str, list]:
    """The fields ``names`` (date-times in UTC, booleans) read by OGR feature by feature, in the order of ``fids``."""
    definition = layer.GetLayerDefn()
    indexes = [definition.GetFieldIndex(name) for name in names]
    readers = [
        _iso_utc if definition.GetFieldDefn(index).GetType() == ogr.OFTDateTime else _boolean for index in indexes
    ]
    every = [definition.GetFieldDefn(index).GetName() for index in range(definition.GetFieldCount())]
    layer.SetIgnoredFields([name for name in every if name not in names] + ["OGR_GEOMETRY"])
    layer.ResetReading()
    by_fid = {
        feature.GetFID(): [
            read(feature, index) if feature.IsFieldSetAndNotNull(index) else None
            for read, index in zip(readers, indexes)
        ]
        for feature in layer
    }
    rows = [by_fid[fid] for fid in fids]
    return {name: [row[position] for row in rows] for position, name in enumerate(names)}


def _boolean(feature, index: int) -> bool:
    return bool(feature.GetFieldAsInteger(index))


def _iso_utc(feature, index: int) -> str:
    year, month, day, hour, minute, second, zone = feature.GetFieldAsDateTime(index)
    if zone > 1 and zone != UTC_FLAG:  # 0 unknown, 1 local time: kept as written, as the Arrow stream keeps them
        moment = datetime(year, month, day, hour, minute) + timedelta(minutes=15 * (UTC_FLAG - zone))
        year, month, day, hour, minute = moment.year, moment.month, moment.day, moment.hour, moment.minute
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{min(second, 59.999):06.3f}Z"
