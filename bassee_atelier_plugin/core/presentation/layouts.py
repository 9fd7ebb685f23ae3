"""The print layouts of the deliverables, as they are first stored in the atelier's project.

Each deliverable is a layout of the stored QGIS project, so a planner can restyle it in
QGIS's layout designer and every later export uses the restyled one:

- the synthesis, a QGIS report: the map of stakes by theme, then one section per table;
- the roadmap, a layout whose table grows pages as the roadmap grows;
- the action sheets, an atlas over the actions, one page each.

The synthesis and roadmap tables are filled at export time (see :mod:`deliverables`),
found by the ids of their frames. The action sheets need no plugin code at all: their
texts, photos and map extent are QGIS expressions, so plain QGIS exports them too.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsLayout,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutTableStyle,
    QgsLegendRenderer,
    QgsMapThemeCollection,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsReport,
    QgsReportSectionLayout,
    QgsTableCell,
    QgsTextFormat,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from bassee_atelier_plugin.core.model.action_sheets import BOX_COLUMNS, PHOTOS
from bassee_atelier_plugin.core.model.action_sheets import VIEW as SHEETS_VIEW
from bassee_atelier_plugin.core.model.schema import pick
from bassee_atelier_plugin.core.presentation.symbology import legend_shows_themes_only
from bassee_atelier_plugin.toolbelt.compat import (
    SCALE_BAR_FITS_WIDTH,
    SVG_PICTURE,
    DistanceUnit,
    LayoutUnit,
    LegendComponent,
    set_text_style,
)

# Names of the layouts, in the atelier's language: the exports find their layout by it.
LAYOUT_NAMES = {
    "synthese": ("Synthesis", "Synthèse"),
    "feuille-de-route": ("Roadmap", "Feuille de route"),
    "fiches": ("Action sheets", "Fiches actions"),
}
# The maps of the deliverables, by item id: the name of their map theme, and the layers over the context.
MAP_THEMES = {
    "stakes_map": (("Stakes map", "Carte des enjeux"), ("stakes_area", "stakes_line", "stakes_point")),
    "sheet_map": (
        ("Action sheets map", "Carte des fiches actions"),
        ("actions", "stakes_area", "stakes_line", "stakes_point"),
    ),
}
# Ids of the frames whose tables the exports fill.
STAKES_BY_COMMUNE = "stakes_by_commune"
RETAINED_STAKES = "retained_stakes"
SESSIONS_HELD = "sessions_held"
ROADMAP_TABLE = "roadmap_table"

CELL_CHARACTERS = 500  # of a text in one table row: a dozen lines in the narrowest column, well within a page
FONT_FAMILY = "DejaVu Sans"  # installed with the plugin's dependencies: the PDF looks the same everywhere
INK = QColor("#1a1a1a")
ACCENT = QColor("#1f4e79")
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 297.0, 210.0, 12.0  # A4 landscape, millimetres

TEXTS = {
    "synthesis_subtitle": ("Synthesis of the workshops", "Synthèse des ateliers"),
    "stakes_map": ("Stakes by theme", "Carte des enjeux par thème"),
    "stakes_by_commune": ("Stakes by theme and by commune", "Enjeux par thème et par commune"),
    "retained_stakes": ("Retained stakes", "Enjeux retenus"),
    "sessions_held": ("Sessions held", "Séances tenues"),
    "roadmap": ("Roadmap", "Feuille de route"),
    "stakes": ("Stakes", "Enjeux"),
    "stakes_answered": ("Stakes answered", "Enjeux traités"),
    "no_stake": ("No stake linked yet", "Aucun enjeu lié pour l'instant"),
    "no_orientation": ("No orientation", "Sans orientation"),
    "description": ("Description", "Description"),
    "sheet": ("Action sheet", "Fiche action"),
}


def layout_name(kind: str, language: str) -> str:
    return pick(LAYOUT_NAMES[kind], language)


@dataclass(frozen=True)
class Box:
    """Where an item sits on its page, in millimetres from the page's top left corner."""

    x: float
    y: float
    width: float
    height: float


def add_default_layouts(
    project: QgsProject, title: str, language: str, layer_names: dict[str, str], extent: QgsRectangle | None
) -> None:
    """Add to ``project`` the map themes of the deliverables and each layout it does not have yet.

    Restyled layouts are kept. ``layer_names`` gives the project's layer name of each
    table; ``extent``, the atelier's, is where the maps look first.
    """
    _add_map_themes(project, language, layer_names)
    builders = {"synthese": _synthesis, "feuille-de-route": _roadmap, "fiches": _action_sheets}
    manager = project.layoutManager()
    for kind, build in builders.items():
        if manager.layoutByName(layout_name(kind, language)) is None:
            layout = build(project, title, language, layer_names)
            layout.setName(layout_name(kind, language))
            frame_maps([layout] if isinstance(layout, QgsPrintLayout) else report_bodies(layout), extent)
            manager.addLayout(layout)


def _add_map_themes(project: QgsProject, language: str, layer_names: dict[str, str]) -> None:
    """The layers each deliverable map shows, as map themes: a context layer added later shows there too."""
    themes = project.mapThemeCollection()
    for names, on_top in MAP_THEMES.values():
        tables = (*on_top, "rivers", "communes", "territory")
        layers = [_layer(project, layer_names, table) for table in tables]
        theme = QgsMapThemeCollection.MapThemeRecord()
        theme.setLayerRecords([QgsMapThemeCollection.MapThemeLayerRecord(layer) for layer in layers if layer])
        themes.removeMapTheme(pick(names, language))
        themes.insert(pick(names, language), theme)


def report_bodies(report: QgsReport) -> list[QgsLayout]:
    """The layouts of a report's sections, in order."""
    sections = [report.childSection(index) for index in range(report.childCount())]
    return [section.body() for section in sections if section.body() is not None]


def frame_maps(bodies: list[QgsLayout], extent: QgsRectangle | None) -> None:
    """Zoom the deliverables' maps on ``extent`` (the atelier's), in their own shape.

    The stakes map always shows the whole atelier. A sheet's map frames its action from
    the view's box, and its own extent only serves sheets with neither zone nor stake: it
    is set when missing, not at every export (zooming it costs the export seconds).
    """
    if extent is None or extent.isEmpty():
        return
    for body in bodies:
        for item_id in MAP_THEMES:
            item = body.itemById(item_id)
            if not isinstance(item, QgsLayoutItemMap) or (item_id == "sheet_map" and not item.extent().isEmpty()):
                continue
            if item.extent().isEmpty():
                shape = QgsLayoutSize(item.sizeWithUnits())
                item.setExtent(extent)  # zoomToExtent needs an extent to start from...
                item.attemptResize(shape)  # ...and setExtent reshapes the item to the extent's
            item.zoomToExtent(extent)


# -- the synthesis ---------------------------------------------------------------------


def _synthesis(project: QgsProject, title: str, language: str, layer_names: dict[str, str]) -> QgsReport:
    """A report: the map page, then a section per table, each growing its own pages."""
    report = QgsReport(project)
    map_page = _page(QgsLayout(project))
    _label(map_page, title, Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 11), 18, bold=True)
    subtitle = f"{pick(TEXTS['synthesis_subtitle'], language)} — [% format_date(now(), 'dd/MM/yyyy') %]"
    _label(map_page, subtitle, Box(MARGIN, MARGIN + 11, PAGE_WIDTH - 2 * MARGIN, 7), 11, colour=ACCENT)
    map_box = Box(MARGIN, 34, 200, PAGE_HEIGHT - 34 - MARGIN)
    stakes_map = _map(map_page, map_box, "stakes_map", language)
    _map_furniture(map_page, stakes_map, map_box)
    _legend(map_page, stakes_map, project, layer_names, pick(TEXTS["stakes_map"], language))
    _add_section(report, map_page)
    for frame_id in (STAKES_BY_COMMUNE, RETAINED_STAKES, SESSIONS_HELD):
        section = _page(QgsLayout(project))
        _label(
            section, pick(TEXTS[frame_id], language), Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 10), 16, bold=True
        )
        _table(section, frame_id, Box(MARGIN, MARGIN + 14, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 14))
        _add_section(report, section)
    return report


def _add_section(report: QgsReport, body: QgsLayout) -> None:
    section = QgsReportSectionLayout(report)
    section.setBody(body)
    section.setBodyEnabled(True)
    report.appendChild(section)


def _legend(layout: QgsLayout, linked_map: QgsLayoutItemMap, project: QgsProject, layer_names, title: str) -> None:
    """The themes of the stakes drawn on the map, once each: the point layer stands for all three."""
    legend = QgsLayoutItemLegend(layout)
    layout.addLayoutItem(legend)
    legend.setLinkedMap(linked_map)
    legend.setTitle(title)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    points = _layer(project, layer_names, "stakes_point")
    if points is not None:
        node = root.addLayer(points)
        legend_shows_themes_only(node)
        QgsLegendRenderer.setNodeLegendStyle(node, LegendComponent.HIDDEN)  # the legend's title names it
    for style, size in ((LegendComponent.TITLE, 12), (LegendComponent.SYMBOL_LABEL, 9)):
        set_text_style(legend.rstyle(style), font(size, bold=style == LegendComponent.TITLE))
    legend.attemptMove(QgsLayoutPoint(222, 34, LayoutUnit.MILLIMETERS))
    legend.setResizeToContents(True)
    legend.refresh()


def _map_furniture(layout: QgsLayout, linked_map: QgsLayoutItemMap, map_box: Box) -> None:
    """A scale bar and a north arrow in the map's bottom corners."""
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


# -- the roadmap -----------------------------------------------------------------------


def _roadmap(project: QgsProject, title: str, language: str, layer_names: dict[str, str]) -> QgsPrintLayout:
    layout = _page(QgsPrintLayout(project))
    _label(
        layout,
        f"{pick(TEXTS['roadmap'], language)} — {title}",
        Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 10),
        16,
        bold=True,
    )
    _table(layout, ROADMAP_TABLE, Box(MARGIN, MARGIN + 14, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 14))
    return layout


# -- the action sheets -----------------------------------------------------------------


def _action_sheets(project: QgsProject, title: str, language: str, layer_names: dict[str, str]) -> QgsPrintLayout:
    """One page per action: its map, its fields, the stakes it answers, its photos.

    The atlas runs over the view ``action_sheets``, which gathers all of that in plain
    fields: the sheets are right in plain QGIS too, and a page costs no plugin code.
    """
    layout = _page(QgsPrintLayout(project))
    no_orientation = _quoted(pick(TEXTS["no_orientation"], language))
    _label(
        layout,
        f'[% coalesce("orientation", {no_orientation}) %]',
        Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 6),
        10,
        colour=ACCENT,
    )
    _label(layout, '[% "title" %]', Box(MARGIN, MARGIN + 6, PAGE_WIDTH - 2 * MARGIN, 16), 16, bold=True).setId(
        "sheet_title"
    )
    map_box = Box(MARGIN, 36, 150, PAGE_HEIGHT - 36 - MARGIN - 6)
    sheet_map = _map(layout, map_box, "sheet_map", language)
    _zoom_on_action_and_stakes(sheet_map)
    _map_furniture(layout, sheet_map, map_box)

    column = Box(map_box.x + map_box.width + 8, 36, PAGE_WIDTH - MARGIN - (map_box.x + map_box.width + 8), 0)
    fields = " || '\\n' || ".join(
        f"'{label} : ' || coalesce(\"{field}\", '—')" for field, label in _sheet_fields(language)
    )
    _label(layout, f"[% {fields} %]", Box(column.x, column.y, column.width, 30), 9).setId("sheet_fields")
    _label(layout, pick(TEXTS["stakes_answered"], language), Box(column.x, 68, column.width, 6), 10, bold=True)
    no_stake = _quoted(pick(TEXTS["no_stake"], language))
    _label(layout, f'[% coalesce("stakes", {no_stake}) %]', Box(column.x, 74, column.width, 36), 9).setId(
        "sheet_stakes"
    )
    _label(layout, pick(TEXTS["description"], language), Box(column.x, 111, column.width, 6), 10, bold=True)
    _label(layout, "[% coalesce(\"description\", '') %]", Box(column.x, 117, column.width, 40), 9).setId(
        "sheet_description"
    )
    photo_width = (column.width - 4) / PHOTOS
    for index in range(PHOTOS):
        photo = QgsLayoutItemPicture(layout)
        layout.addLayoutItem(photo)
        photo.setId(f"sheet_photo_{index + 1}")
        photo.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
        _place(photo, Box(column.x + index * (photo_width + 4), 160, photo_width, PAGE_HEIGHT - MARGIN - 6 - 160))
        field = f'"photo_{index + 1}"'
        photo.dataDefinedProperties().setProperty(
            QgsLayoutObject.DataDefinedProperty.PictureSource,
            QgsProperty.fromExpression(f"if({field} IS NULL, '', 'base64:' || to_base64({field}))"),
        )
    footer = f"{title} — {pick(TEXTS['sheet'], language)} [% @atlas_featurenumber %] / [% @atlas_totalfeatures %]"
    _label(layout, footer, Box(MARGIN, PAGE_HEIGHT - MARGIN - 4, PAGE_WIDTH - 2 * MARGIN, 5), 8, colour=ACCENT)

    atlas = layout.atlas()
    atlas.setCoverageLayer(_layer(project, layer_names, SHEETS_VIEW))
    atlas.setPageNameExpression('"title"')
    atlas.setSortFeatures(True)
    # the roadmap's order: orientations by position (actions without one last), then their actions
    atlas.setSortExpression('coalesce("orientation_position", 1e6) * 1e6 + "position"')
    atlas.setEnabled(True)
    return layout


def _sheet_fields(language: str) -> tuple[tuple[str, str], ...]:
    labels = {
        "kind": ("Kind", "Type"),
        "horizon": ("Horizon", "Horizon"),
        "status": ("Status", "Statut"),
        "lead": ("Lead", "Porteur"),
        "partners": ("Partners", "Partenaires"),
    }
    return tuple((field, pick(pair, language)) for field, pair in labels.items())


def _zoom_on_action_and_stakes(sheet_map: QgsLayoutItemMap) -> None:
    """The map frames the action's zone and its stakes, from the view's box; with neither, it keeps the territory.

    The margin is a fifth of the larger side, and at least 400 m so that a lone point shows
    its surroundings; the extent takes the map's shape, else QGIS would resize the map.
    """
    x_min, y_min, x_max, y_max = (f'"{column}"' for column in BOX_COLUMNS)
    shape = sheet_map.rect().width() / sheet_map.rect().height()
    margin = f"max(400, 0.2 * max({x_max} - {x_min}, {y_max} - {y_min}))"
    half_width = f"max(({x_max} - {x_min}) / 2 + {margin}, (({y_max} - {y_min}) / 2 + {margin}) * {shape:.6f})"
    half_height = f"({half_width}) / {shape:.6f}"
    properties = sheet_map.dataDefinedProperties()
    for key, low, high, half, sign in (
        (QgsLayoutObject.DataDefinedProperty.MapXMin, x_min, x_max, half_width, "-"),
        (QgsLayoutObject.DataDefinedProperty.MapXMax, x_min, x_max, half_width, "+"),
        (QgsLayoutObject.DataDefinedProperty.MapYMin, y_min, y_max, half_height, "-"),
        (QgsLayoutObject.DataDefinedProperty.MapYMax, y_min, y_max, half_height, "+"),
    ):
        properties.setProperty(key, QgsProperty.fromExpression(f"({low} + {high}) / 2 {sign} {half}"))


# -- building blocks -------------------------------------------------------------------


def _page(layout: QgsLayout) -> QgsLayout:
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
    return layout


def font(size: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _label(layout: QgsLayout, text: str, box: Box, size: float, bold: bool = False, colour: QColor = INK):
    """A text that wraps within its box; ``[% … %]`` in it are QGIS expressions."""
    label = QgsLayoutItemLabel(layout)
    layout.addLayoutItem(label)
    label.setText(text)
    set_text_style(label, font(size, bold), colour)
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    label.setMarginX(0)
    label.setMarginY(0)
    _place(label, box)
    return label


def _place(item, box: Box) -> None:
    item.attemptMove(QgsLayoutPoint(box.x, box.y, LayoutUnit.MILLIMETERS))
    item.attemptResize(QgsLayoutSize(box.width, box.height, LayoutUnit.MILLIMETERS))


def _map(layout: QgsLayout, box: Box, item_id: str, language: str) -> QgsLayoutItemMap:
    """A framed map showing the map theme of ``item_id`` (see MAP_THEMES)."""
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    item.setId(item_id)
    _place(item, box)
    item.setFollowVisibilityPreset(True)
    item.setFollowVisibilityPresetName(pick(MAP_THEMES[item_id][0], language))
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, LayoutUnit.MILLIMETERS))
    return item


def _table(layout: QgsLayout, frame_id: str, box: Box) -> QgsLayoutItemManualTable:
    """An empty table whose frame carries ``frame_id``; it adds pages until all its rows are shown."""
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(frame_id)
    _place(frame, box)
    table.addFrame(frame)
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished)
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)  # long texts wrap: no cell is cut
    table.setIncludeTableHeader(True)
    table.setHeaderTextFormat(_text_format(9, bold=True, colour=QColor("white")))
    table.setContentTextFormat(_text_format(8.5))
    table.setCellMargin(1.2)
    table.setGridStrokeWidth(0.2)
    table.setGridColor(QColor("#9e9e9e"))
    table.setHeaderHAlignment(QgsLayoutTable.HeaderHAlignment.HeaderLeft)
    table.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.ShowMessage)
    header = QgsLayoutTableStyle()
    header.enabled = True
    header.cellBackgroundColor = ACCENT
    table.setCellStyle(QgsLayoutTable.CellStyleGroup.HeaderRow, header)
    # one column across the frame until the export fills it: the frame keeps its width, which the export shares out
    _set_columns(table, [("", box.width)])
    table.setTableContents([[QgsTableCell("")]])  # the designer shows a table where the rows will go
    _place(frame, box)  # QGIS sized the frame to the table while it had no columns
    return table


def _text_format(size: float, bold: bool = False, colour: QColor = INK) -> QgsTextFormat:
    text_format = QgsTextFormat.fromQFont(font(size, bold))
    text_format.setColor(colour)
    return text_format


def fill_table(layout: QgsLayout, frame_id: str, headings: list[tuple[str, float]], rows: list[list], empty: str):
    """Put ``rows`` in the table of the frame ``frame_id``; ``headings`` are (title, share of the width).

    The header's colour and the width come from the stored layout, so a restyled table
    keeps its look: only the columns and the rows are the export's.
    """
    frame = layout.itemById(frame_id)
    if frame is None:
        return None
    table = frame.multiFrame()
    # QGIS sizes a table's frame to its columns: the width to share is the page's inside the frame's margin
    page_width = layout.pageCollection().page(frame.page()).rect().width()
    width = page_width - 2 * frame.pos().x()
    _set_columns(table, [(heading, share * width) for heading, share in headings])
    table.setEmptyTableMessage(empty)
    table.setTableContents(
        [
            [value if isinstance(value, QgsTableCell) else QgsTableCell(value) for value in row]
            for row in _rows_that_fit(rows)
        ]
    )
    return table


def _rows_that_fit(rows: list[list]) -> list[list]:
    """Rows whose long texts go on over continuation rows.

    QGIS never breaks a table row across pages: a row taller than a page is cut, and
    laying it out costs more the longer it is. A row holds at most CELL_CHARACTERS of each text.
    """
    fitted = []
    for row in rows:
        pieces = [_pieces(value) if isinstance(value, str) else [value] for value in row]
        for line in range(max(len(cell) for cell in pieces)):
            fitted.append([cell[line] if line < len(cell) else "" for cell in pieces])
    return fitted


def _pieces(text: str) -> list[str]:
    """``text`` in pieces of at most CELL_CHARACTERS, cut between words."""
    pieces, piece = [], ""
    for word in text.split(" "):
        if piece and len(piece) + 1 + len(word) > CELL_CHARACTERS:
            pieces.append(piece)
            piece = word
        else:
            piece = f"{piece} {word}" if piece else word
    return [*pieces, piece]


def _set_columns(table: QgsLayoutItemManualTable, headings: list[tuple[str, float]]) -> None:
    """Columns of the given titles and outer widths (millimetres, cell margins included)."""
    columns = []
    for heading, width in headings:
        column = QgsLayoutTableColumn(heading)
        column.setWidth(max(width - 2 * table.cellMargin() - table.gridStrokeWidth(), 1))
        columns.append(column)
    table.setHeaders(columns)
    table.setColumnWidths([column.width() for column in columns])


def _quoted(text: str) -> str:
    """``text`` as a QGIS expression string literal."""
    return "'" + text.replace("'", "''") + "'"


def _layer(project: QgsProject, layer_names: dict[str, str], table: str) -> QgsVectorLayer | None:
    if table not in layer_names:
        return None
    layers = project.mapLayersByName(layer_names[table])
    return layers[0] if layers else None
