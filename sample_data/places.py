"""Where the sample story happens: real places of the territory, and the shapes drawn from them.

The content file describes each drawing by how it was made ("the floodplain along the Seine
between two eastings", "an ellipse around the centre of Bray-sur-Seine") rather than by its
hundreds of vertices; :meth:`Places.shape` draws it on the communes and the Seine of the
shared territory. The vocabulary is in sample_data/README.md.
"""

from __future__ import annotations

from functools import reduce

COORDINATE_DECIMALS = 2  # centimetres: far below the sources' precision, stable across PROJ versions


def rounded(geometry):
    import numpy as np
    import shapely

    return shapely.transform(geometry, lambda coords: np.round(coords, COORDINATE_DECIMALS))


def oriented(geometry):
    """Polygons with counter-clockwise outer rings (the sources are clockwise)."""
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    if isinstance(geometry, Polygon):
        return orient(geometry, 1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(part, 1.0) for part in geometry.geoms])
    return geometry


def wkt(geometry) -> str:
    """WKT of a single-part geometry, rounded to the centimetre."""
    if geometry.geom_type.startswith("Multi"):
        geometry = max(geometry.geoms, key=lambda part: part.area or part.length)
    return rounded(oriented(geometry)).wkt


def ellipse(centre, rx: float, ry: float, angle: float = 0.0):
    from shapely import affinity
    from shapely.geometry import Point

    circle = Point(centre.x, centre.y).buffer(1.0, 32)
    return affinity.rotate(affinity.scale(circle, rx, ry), angle)


class Places:
    """Real places of the territory, from the commune polygons and the Seine line."""

    def __init__(self, territory: dict):
        self.communes = {row.name: row.geometry for row in territory["communes"].itertuples()}
        self.seine = territory["rivers"].geometry.iloc[0]
        self.outline = territory["territory"].geometry.iloc[0]

    def centre(self, name: str):
        """A point inside the commune (its representative point, close to the village)."""
        return self.communes[name].representative_point()

    def union_of(self, names: list[str]):
        """Communes as one area, joined in the order given."""
        return reduce(lambda union, area: union.union(area), (self.communes[name] for name in names))

    def on_seine(self, x: float):
        """The point of the Seine at easting ``x``."""
        from shapely.geometry import LineString

        cut = self.seine.intersection(LineString([(x, 6_790_000), (x, 6_840_000)]))
        return cut if cut.geom_type == "Point" else list(cut.geoms)[0]

    def seine_between(self, x_west: float, x_east: float):
        """The stretch of the Seine between two eastings, west to east."""
        from shapely.geometry import LineString
        from shapely.ops import substring

        start = self.seine.project(self.on_seine(x_west))
        end = self.seine.project(self.on_seine(x_east))
        part = substring(self.seine, min(start, end), max(start, end))
        coords = list(part.coords)
        if coords[0][0] > coords[-1][0]:
            coords.reverse()
        return LineString(coords)

    def inside(self, geometry):
        """The part of a drawing that lies in the territory."""
        return geometry.intersection(self.outline.buffer(-150))

    def valley(self, x_west: float, x_east: float, width: float):
        """The floodplain band along the Seine, clipped to the territory."""
        band = self.seine_between(x_west, x_east).buffer(width, cap_style="flat", join_style="round")
        return band.intersection(self.outline)

    def place(self, spec):
        """A point: ``[x, y]``, ``{"centre": commune}`` or ``{"on_seine": x}``, moved by ``"shift": [dx, dy]``."""
        from shapely.geometry import Point

        if isinstance(spec, list):
            return Point(*spec)
        found = self.centre(spec["centre"]) if "centre" in spec else self.on_seine(spec["on_seine"])
        if "shift" not in spec:
            return found
        dx, dy = spec["shift"]
        return Point(found.x + dx, found.y + dy)

    def shape(self, spec: dict):
        """The geometry a content file describes: one kind of shape, then its optional finishing steps."""
        from shapely.geometry import LineString

        kinds = {
            "point": lambda: self.place(spec["point"]),
            "line": lambda: LineString([(point.x, point.y) for point in map(self.place, spec["line"])]),
            "seine": lambda: self.seine_between(*spec["seine"]),
            "valley": lambda: self.valley(*spec["valley"], spec["width"]),
            "ellipse": lambda: ellipse(self.place(spec["ellipse"]), *spec["radii"], spec.get("angle", 0.0)),
            "communes": lambda: self.union_of(spec["communes"]),
        }
        (kind,) = kinds.keys() & spec.keys()
        geometry = kinds[kind]()
        if "offset" in spec:  # a line drawn alongside another, to its left (positive) or right
            geometry = geometry.offset_curve(spec["offset"], join_style="round")
        if "buffer" in spec:
            geometry = geometry.buffer(spec["buffer"])
        if "simplify" in spec:  # a hand-drawn look, and fewer vertices to store
            geometry = geometry.simplify(spec["simplify"])
        if spec.get("inside"):
            geometry = self.inside(geometry)
        return geometry
