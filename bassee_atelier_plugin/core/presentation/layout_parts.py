"""The building blocks of the deliverables' layouts: A4 pages, texts, framed maps, in one look.

The three deliverables are built from these, so they read as one set; a planner
restyles them afterwards in QGIS's layout designer, and the exports keep what was
restyled.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayout,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsTextFormat,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from bassee_atelier_plugin.core.model.schema import pick
from bassee_atelier_plugin.toolbelt.compat import (
    SCALE_BAR_FITS_WIDTH,
    SVG_PICTURE,
    DistanceUnit,
    LayoutUnit,
    set_text_style,
)

# The maps of the deliverables, by item id: the name of their map theme, and the layers over the context.
MAP_THEMES = {
    "stakes_map": (("Stakes map", "Carte des enjeux"), ("stakes_area", "stakes_line", "stakes_point")),
    "sheet_map": (
        ("Action sheets map", "Carte des fiches actions"),
        ("actions", "stakes_area", "stakes_line", "stakes_point"),
    ),
    "commune_map": (
        ("Commune sheets map", "Carte des fiches communes"),
        ("observations", "actions", "stakes_area", "stakes_line", "stakes_point"),
    ),
}

FONT_FAMILY = "DejaVu Sans"  # installed with the plugin's dependencies: the PDF looks the same everywhere
INK = QColor("#1a1a1a")
ACCENT = QColor("#1f4e79")
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 297.0, 210.0, 12.0  # A4 landscape, millimetres
LABEL_MARGIN = 2.0  # between a map's frame and its labels, millimetres: no label touches it or runs off it

TEXTS = {
    "synthesis_subtitle": ("Synthesis of the workshops", "Synthèse des ateliers"),
    "stakes_map": ("Stakes by theme", "Carte des enjeux par thème"),
    "stakes_by_commune": ("Stakes by theme and by commune", "Enjeux par thème et par commune"),
    "retained_stakes": ("Retained stakes", "Enjeux retenus"),
    "sessions_held": ("Sessions held", "Séances tenues"),
    "evolution": ("What changed since the previous session", "Ce qui a changé depuis la séance précédente"),
    "roadmap": ("Roadmap", "Feuille de route"),
    "stakes": ("Stakes", "Enjeux"),
    "stakes_answered": ("Stakes answered", "Enjeux traités"),
    "no_stake": ("No stake linked yet", "Aucun enjeu lié pour l'instant"),
    "no_orientation": ("No orientation", "Sans orientation"),
    "description": ("Description", "Description"),
    "sheet": ("Action sheet", "Fiche action"),
}


@dataclass(frozen=True)
class Box:
    """Where an item sits on its page, in millimetres from the page's top left corner."""

    x: float
    y: float
    width: float
    height: float


def a4_landscape(layout: QgsLayout) -> QgsLayout:
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
    return layout


def font(size: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def add_label(layout: QgsLayout, text: str, box: Box, size: float, bold: bool = False, colour: QColor = INK):
    """A text that wraps within its box; ``[% … %]`` in it are QGIS expressions."""
    label = QgsLayoutItemLabel(layout)
    layout.addLayoutItem(label)
    label.setText(text)
    set_text_style(label, font(size, bold), colour)
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    label.setHAlign(Qt.AlignmentFlag.AlignLeft)  # justified, QGIS 3.44 spreads short lines letter by letter
    label.setMarginX(0)
    label.setMarginY(0)
    place(label, box)
    return label


def place(item, box: Box) -> None:
    item.attemptMove(QgsLayoutPoint(box.x, box.y, LayoutUnit.MILLIMETERS))
    item.attemptResize(QgsLayoutSize(box.width, box.height, LayoutUnit.MILLIMETERS))


def add_map(layout: QgsLayout, box: Box, item_id: str, language: str, extent: QgsRectangle) -> QgsLayoutItemMap:
    """A framed map showing the map theme of ``item_id`` (see MAP_THEMES) over ``extent``, its labels whole and
    clear of the frame.

    The map has its extent before anything asks it for its settings: a map made without one has
    a NaN extent from QGIS 3.36 on, and every later item whose size depends on the layout (a
    scale bar) makes QGIS buffer that NaN frame by the label margin, which crashes GEOS 3.11
    (QGIS 3.40 on Debian 12).
    """
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    item.setId(item_id)
    place(item, box)
    zoom_map(item, extent)
    item.setFollowVisibilityPreset(True)
    item.setFollowVisibilityPresetName(pick(MAP_THEMES[item_id][0], language))
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, LayoutUnit.MILLIMETERS))
    item.setLabelMargin(QgsLayoutMeasurement(LABEL_MARGIN, LayoutUnit.MILLIMETERS))
    return item


def zoom_map(item: QgsLayoutItemMap, extent: QgsRectangle) -> None:
    """Show ``extent`` whole in the map, which keeps its shape on the page."""
    if item.extent().isEmpty():
        shape = QgsLayoutSize(item.sizeWithUnits())
        item.setExtent(extent)  # zoomToExtent needs an extent to start from...
        item.attemptResize(shape)  # ...and setExtent reshapes the item to the extent's
    item.zoomToExtent(extent)


def crs_area(crs: QgsCoordinateReferenceSystem) -> QgsRectangle:
    """The area ``crs`` is made for, in its own coordinates: where an atelier with nothing yet looks."""
    geographic = QgsCoordinateReferenceSystem("EPSG:4326")
    return QgsCoordinateTransform(geographic, crs, QgsProject.instance()).transformBoundingBox(crs.bounds())


def add_map_furniture(layout: QgsLayout, linked_map: QgsLayoutItemMap, map_box: Box) -> None:
    """A scale bar and a north arrow in the map's bottom corners, where the map places no label."""
    scale_bar = QgsLayoutItemScaleBar(layout)
    layout.addLayoutItem(scale_bar)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(linked_map)
    scale_bar.setUnits(DistanceUnit.KILOMETERS)
    scale_bar.setUnitLabel("km")
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setNumberOfSegments(2)
    # segments of a round length fitting 15 to 30 mm, whatever the map's scale on each page
    scale_bar.setSegmentSizeMode(SCALE_BAR_FITS_WIDTH)
    scale_bar.setMinimumBarWidth(15)
    scale_bar.setMaximumBarWidth(30)
    scale_bar.setBackgroundEnabled(True)
    scale_bar.setBackgroundColor(QColor(255, 255, 255, 220))
    text_format = QgsTextFormat.fromQFont(font(8))
    scale_bar.setTextFormat(text_format)
    scale_bar.attemptMove(QgsLayoutPoint(map_box.x + 4, map_box.y + map_box.height - 16, LayoutUnit.MILLIMETERS))
    north = QgsLayoutItemPicture(layout)
    layout.addLayoutItem(north)
    north.setPicturePath("arrows/NorthArrow_02.svg", SVG_PICTURE)
    north.setLinkedMap(linked_map)  # turns with the map, should a planner rotate it
    north.attemptResize(QgsLayoutSize(10, 14, LayoutUnit.MILLIMETERS))
    north.attemptMove(
        QgsLayoutPoint(map_box.x + map_box.width - 14, map_box.y + map_box.height - 18, LayoutUnit.MILLIMETERS)
    )
    for item in (scale_bar, north):
        linked_map.addLabelBlockingItem(item)


def add_atlas_footer(layout: QgsLayout, title: str, sheet: str) -> None:
    """The atelier's title and the sheet's number at the foot of every page of an atlas."""
    footer = f"{title} — {sheet} [% @atlas_featurenumber %] / [% @atlas_totalfeatures %]"
    add_label(layout, footer, Box(MARGIN, PAGE_HEIGHT - MARGIN - 4, PAGE_WIDTH - 2 * MARGIN, 5), 8, colour=ACCENT)


def add_photo(layout: QgsLayout, item_id: str, box: Box, source: str) -> QgsLayoutItemPicture:
    """A picture zoomed into ``box``, from the expression ``source`` ('base64:…', or '' for none)."""
    photo = QgsLayoutItemPicture(layout)
    layout.addLayoutItem(photo)
    photo.setId(item_id)
    photo.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    place(photo, box)
    photo.dataDefinedProperties().setProperty(
        QgsLayoutObject.DataDefinedProperty.PictureSource, QgsProperty.fromExpression(source)
    )
    return photo


def quoted(text: str) -> str:
    """``text`` as a QGIS expression string literal."""
    return "'" + text.replace("'", "''") + "'"


def project_layer(project: QgsProject, layer_names: dict[str, str], table: str) -> QgsVectorLayer | None:
    """The layer of ``table`` in ``project``, by its name there (``layer_names``); None when it has none."""
    if table not in layer_names:
        return None
    layers = project.mapLayersByName(layer_names[table])
    return layers[0] if layers else None
