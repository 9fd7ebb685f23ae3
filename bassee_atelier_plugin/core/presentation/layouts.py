"""The print layouts of the deliverables, as they are first stored in the atelier's project.

Each deliverable is a layout of the stored QGIS project, so a planner can restyle it in
QGIS's layout designer and every later export uses the restyled one:

- the synthesis, a QGIS report: the map of stakes by theme, then one section per table;
- the roadmap, a layout whose table grows pages as the roadmap grows;
- the action sheets, an atlas over the actions, one page each;
- the commune sheets, an atlas over the communes, one page each (an atelier with communes).

The synthesis and roadmap tables are filled at export time (see :mod:`deliverables`),
found by the ids of their frames. The action sheets need no plugin code at all: their
texts, photos and map extent are QGIS expressions, so plain QGIS exports them too (see
:mod:`~bassee_atelier_plugin.core.presentation.action_sheets_layout`). The pages, texts
and maps all three are made of are in :mod:`~bassee_atelier_plugin.core.presentation.layout_parts`,
their tables in :mod:`~bassee_atelier_plugin.core.presentation.layout_tables`.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayout,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutPoint,
    QgsLegendRenderer,
    QgsMapThemeCollection,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsReport,
    QgsReportSectionLayout,
)

from bassee_atelier_plugin.core.model.schema import pick
from bassee_atelier_plugin.core.presentation.action_sheets_layout import action_sheets_layout
from bassee_atelier_plugin.core.presentation.commune_sheets_layout import commune_sheets_layout
from bassee_atelier_plugin.core.presentation.layout_parts import (
    ACCENT,
    MAP_THEMES,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXTS,
    Box,
    a4_landscape,
    add_label,
    add_map,
    add_map_furniture,
    crs_area,
    font,
    project_layer,
    zoom_map,
)
from bassee_atelier_plugin.core.presentation.layout_tables import add_table
from bassee_atelier_plugin.core.presentation.symbology import legend_shows_themes_only
from bassee_atelier_plugin.toolbelt.compat import LayoutUnit, LegendComponent, set_text_style

# Names of the layouts, in the atelier's language: the exports find their layout by it.
LAYOUT_NAMES = {
    "synthese": ("Synthesis", "Synthèse"),
    "feuille-de-route": ("Roadmap", "Feuille de route"),
    "fiches": ("Action sheets", "Fiches actions"),
    "fiches-communes": ("Commune sheets", "Fiches communes"),
}
# Ids of the frames whose tables the exports fill.
STAKES_BY_COMMUNE = "stakes_by_commune"
RETAINED_STAKES = "retained_stakes"
SESSIONS_HELD = "sessions_held"
EVOLUTION = "evolution"  # what changed since the previous session
EVOLUTION_BETWEEN = "evolution_between"  # the label naming the two sessions compared
ROADMAP_TABLE = "roadmap_table"


def layout_name(kind: str, language: str) -> str:
    return pick(LAYOUT_NAMES[kind], language)


def add_default_layouts(
    project: QgsProject, title: str, language: str, layer_names: dict[str, str], extent: QgsRectangle | None
) -> None:
    """Add to ``project`` the map themes of the deliverables and each layout it does not have yet.

    Restyled layouts are kept. ``layer_names`` gives the project's layer name of each
    table; ``extent``, the atelier's, is where the maps look first (without it, the area
    of the project's CRS: never a map without extent).
    """
    _add_map_themes(project, language, layer_names)
    if extent is None or extent.isEmpty():
        extent = crs_area(project.crs())
    builders = {
        "synthese": _synthesis,
        "feuille-de-route": _roadmap,
        "fiches": action_sheets_layout,
        "fiches-communes": commune_sheets_layout,
    }
    manager = project.layoutManager()
    for kind, build in builders.items():
        layout = manager.layoutByName(layout_name(kind, language))
        if layout is None:
            layout = build(project, title, language, layer_names, extent)
            if layout is None:  # the commune sheets of an atelier without communes
                continue
            layout.setName(layout_name(kind, language))
            manager.addLayout(layout)
        else:  # a map stored before the atelier had any feature: QGIS 3.22 crashes exporting it (label margin)
            frame_maps(layout_bodies(layout), extent, only_empty=True)


def layout_bodies(layout) -> list[QgsLayout]:
    """The layouts of a print layout (itself) or of a report (its sections')."""
    return [layout] if isinstance(layout, QgsPrintLayout) else report_bodies(layout)


def _add_map_themes(project: QgsProject, language: str, layer_names: dict[str, str]) -> None:
    """The layers each deliverable map shows, as map themes: a context layer added later shows there too."""
    themes = project.mapThemeCollection()
    for names, on_top in MAP_THEMES.values():
        tables = (*on_top, "rivers", "communes", "territory")
        layers = [project_layer(project, layer_names, table) for table in tables]
        theme = QgsMapThemeCollection.MapThemeRecord()
        theme.setLayerRecords([QgsMapThemeCollection.MapThemeLayerRecord(layer) for layer in layers if layer])
        themes.removeMapTheme(pick(names, language))
        themes.insert(pick(names, language), theme)


def report_bodies(report: QgsReport) -> list[QgsLayout]:
    """The layouts of a report's sections, in order."""
    sections = [report.childSection(index) for index in range(report.childCount())]
    return [section.body() for section in sections if section.body() is not None]


def frame_maps(bodies: list[QgsLayout], extent: QgsRectangle | None, only_empty: bool = False) -> None:
    """Zoom the deliverables' maps on ``extent`` (the atelier's), in their own shape.

    The stakes map always shows the whole atelier, unless ``only_empty``: then only maps
    without an extent get one. A sheet's map frames its action from the view's box, and its
    own extent only serves sheets with neither zone nor stake: it is set when missing, not at
    every export (zooming it costs the export seconds).
    """
    if extent is None or extent.isEmpty():
        return
    for body in bodies:
        for item_id in MAP_THEMES:
            item = body.itemById(item_id)
            keeps_extent = only_empty or item_id in ("sheet_map", "commune_map")
            if not isinstance(item, QgsLayoutItemMap) or (keeps_extent and not item.extent().isEmpty()):
                continue
            zoom_map(item, extent)


# -- the synthesis ---------------------------------------------------------------------


def _synthesis(
    project: QgsProject, title: str, language: str, layer_names: dict[str, str], extent: QgsRectangle
) -> QgsReport:
    """A report: the map page, then a section per table, each growing its own pages."""
    report = QgsReport(project)
    map_page = a4_landscape(QgsLayout(project))
    add_label(map_page, title, Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 11), 18, bold=True)
    subtitle = f"{pick(TEXTS['synthesis_subtitle'], language)} — [% format_date(now(), 'dd/MM/yyyy') %]"
    add_label(map_page, subtitle, Box(MARGIN, MARGIN + 11, PAGE_WIDTH - 2 * MARGIN, 7), 11, colour=ACCENT)
    map_box = Box(MARGIN, 34, 200, PAGE_HEIGHT - 34 - MARGIN)
    stakes_map = add_map(map_page, map_box, "stakes_map", language, extent)
    add_map_furniture(map_page, stakes_map, map_box)
    _legend(map_page, stakes_map, project, layer_names, pick(TEXTS["stakes_map"], language))
    _add_section(report, map_page)
    for frame_id in (STAKES_BY_COMMUNE, RETAINED_STAKES, SESSIONS_HELD):
        section = a4_landscape(QgsLayout(project))
        add_label(
            section, pick(TEXTS[frame_id], language), Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 10), 16, bold=True
        )
        add_table(section, frame_id, Box(MARGIN, MARGIN + 14, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 14))
        _add_section(report, section)
    add_evolution_section(report, project, language)
    return report


def add_evolution_section(report: QgsReport, project: QgsProject, language: str) -> None:
    """The page of what changed since the previous session; an export adds it to a synthesis made before it."""
    _add_section(report, evolution_page(QgsLayout(project), language))


def evolution_page(layout: QgsLayout, language: str) -> QgsLayout:
    """A page titled "what changed", a line naming the two sessions, and the table of the changes."""
    a4_landscape(layout)
    add_label(layout, pick(TEXTS[EVOLUTION], language), Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 10), 16, bold=True)
    between = add_label(layout, "", Box(MARGIN, MARGIN + 11, PAGE_WIDTH - 2 * MARGIN, 7), 11, colour=ACCENT)
    between.setId(EVOLUTION_BETWEEN)
    add_table(layout, EVOLUTION, Box(MARGIN, MARGIN + 20, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 20))
    return layout


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
    points = project_layer(project, layer_names, "stakes_point")
    if points is not None:
        node = root.addLayer(points)
        legend_shows_themes_only(node)
        QgsLegendRenderer.setNodeLegendStyle(node, LegendComponent.HIDDEN)  # the legend's title names it
    for style, size in ((LegendComponent.TITLE, 12), (LegendComponent.SYMBOL_LABEL, 9)):
        set_text_style(legend.rstyle(style), font(size, bold=style == LegendComponent.TITLE))
    legend.attemptMove(QgsLayoutPoint(222, 34, LayoutUnit.MILLIMETERS))
    legend.setResizeToContents(True)
    legend.refresh()
    linked_map.addLabelBlockingItem(legend)  # beside the map; should a planner move it over it, labels make way


# -- the roadmap -----------------------------------------------------------------------


def _roadmap(
    project: QgsProject, title: str, language: str, layer_names: dict[str, str], _extent: QgsRectangle
) -> QgsPrintLayout:
    """The roadmap's table, growing pages as the roadmap grows; it draws no map (``_extent``)."""
    layout = a4_landscape(QgsPrintLayout(project))
    add_label(
        layout,
        f"{pick(TEXTS['roadmap'], language)} — {title}",
        Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 10),
        16,
        bold=True,
    )
    add_table(layout, ROADMAP_TABLE, Box(MARGIN, MARGIN + 14, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 14))
    return layout
