"""The deliverables' maps have an extent from the moment they are made.

A map made without one has a NaN extent from QGIS 3.36 on; with its label margin, QGIS
buffers that NaN frame whenever an item asks the layout for a render context, and GEOS
3.11 (QGIS 3.40 on Debian 12) crashes there: creating the scale bar killed ``init``.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsLayout,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsProject,
    QgsRectangle,
)

from bassee_atelier_plugin.core.presentation.layout_parts import (
    Box,
    a4_landscape,
    add_map,
    add_map_furniture,
    crs_area,
)
from bassee_atelier_plugin.core.presentation.layouts import add_default_layouts, layout_bodies
from bassee_atelier_plugin.core.presentation.names import table_title
from bassee_atelier_plugin.core.presentation.project import project_uri

BASSEE = QgsRectangle(700000, 6800000, 740000, 6830000)  # Lambert-93, wider than high


def finite(extent: QgsRectangle) -> bool:
    corners = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    return all(math.isfinite(value) for value in corners) and not extent.isEmpty()


def test_a_map_shows_its_extent_whole_in_its_box_and_its_scale_bar_measures_it(qgis_app):
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    layout = a4_landscape(QgsLayout(project))
    box = Box(12, 34, 200, 164)

    stakes_map = add_map(layout, box, "stakes_map", "fr", BASSEE)
    add_map_furniture(layout, stakes_map, box)

    assert finite(stakes_map.extent())
    assert stakes_map.extent().contains(BASSEE), "the whole extent is shown"
    size = stakes_map.sizeWithUnits()
    assert (size.width(), size.height()) == (box.width, box.height), "the map keeps its box on the page"
    [scale_bar] = [item for item in layout.items() if isinstance(item, QgsLayoutItemScaleBar)]
    assert scale_bar.linkedMap() is stakes_map
    segment = scale_bar.unitsPerSegment()  # kilometres, a round length fitting 15 to 30 mm
    assert math.isfinite(segment) and segment > 0
    bar_millimetres = 2 * segment * 1000 / stakes_map.scale() * 1000
    assert 15 - 0.01 <= bar_millimetres <= 30 + 0.01


def test_an_atelier_without_features_gets_maps_over_its_crs_area(new_atelier):
    """An export of an atelier stored without layouts and with nothing in it yet: no extent to frame."""
    project = QgsProject()
    assert project.read(project_uri(new_atelier))
    project.layoutManager().clear()
    language = new_atelier.metadata.language
    layer_names = {table: table_title(table, language) for table in new_atelier.table_names()}

    add_default_layouts(project, new_atelier.metadata.title, language, layer_names, None)

    maps = [
        item
        for layout in project.layoutManager().layouts()
        for body in layout_bodies(layout)
        for item in body.items()
        if isinstance(item, QgsLayoutItemMap)
    ]
    assert len(maps) >= 2, "the synthesis map and the action sheets' map at least"
    area = crs_area(project.crs())
    for item in maps:
        assert finite(item.extent()), f"{item.id()} has no extent: {item.extent().toString()}"
        assert item.extent().intersects(area), f"{item.id()} looks at the area of the atelier's CRS"
