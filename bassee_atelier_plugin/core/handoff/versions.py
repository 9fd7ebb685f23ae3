"""One feature as one atelier holds it, as the merge compares, writes and lists it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from osgeo import ogr

GEOMETRY = "geometry"  # the geometry's name where the merge treats it as one more field
IGNORED = ("fid", "updated_at")  # not what makes two versions of a feature differ


@dataclass
class Version:
    """One feature as one file holds it: its values as ``rows.read_rows`` gives them, its geometry as WKB."""

    fid: int
    updated_at: str | None
    values: dict
    wkb: bytes | None

    def content(self) -> tuple:
        return (tuple(sorted((k, v) for k, v in self.values.items() if k not in IGNORED)), self.wkb)

    def value(self, name: str):
        """A field's value, or the geometry's WKB for :data:`GEOMETRY`."""
        return self.wkb if name == GEOMETRY else self.values.get(name)


def fill(feature, version: Version, indexes: dict[str, int]) -> None:
    """``version``'s values into ``feature``, each through the setter of its type (SetField's dispatch costs)."""
    for name, value in version.values.items():
        index = indexes.get(name, -1)
        if index < 0:
            continue
        kind = type(value)
        if value is None:
            feature.SetFieldNull(index)
        elif kind is str:
            feature.SetFieldString(index, value)
        elif kind is bytes:
            feature.SetFieldBinaryFromHexString(index, value.hex())
        elif kind is float:
            feature.SetField(index, value)
        else:  # int, or bool for a boolean field
            feature.SetFieldInteger64(index, int(value))
    if version.wkb is not None:
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(version.wkb))


def version_json(version: Version | None) -> str:
    """A version as planners read it in the conflicts table: its fields, its geometry as WKT; none if deleted."""
    if version is None:
        return json.dumps(None)
    values = {name: value for name, value in version.values.items() if name != "fid" and not isinstance(value, bytes)}
    if version.wkb is not None:
        values[GEOMETRY] = _wkt(version.wkb)
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def value_json(version: Version, name: str) -> str:
    """One field's value of ``version`` as JSON text; the geometry as WKT."""
    value = version.value(name)
    if name == GEOMETRY:
        value = _wkt(value) if value is not None else None
    elif isinstance(value, bytes):
        value = value.hex()
    return json.dumps(value, ensure_ascii=False)


def _wkt(wkb: bytes) -> str:
    return ogr.CreateGeometryFromWkb(wkb).ExportToIsoWkt()
