"""The commune sheets' layout: an atlas over the communes, one page each, and a last page for what lies outside.

Every text is a QGIS expression over the atelier's own layers (a feature is in a commune
when its geometry intersects it), so plain QGIS prints the stored sheets as the plugin
does. The page after the communes lists what lies outside every commune; it is printed
only after the last commune, and only when there is something to list.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayoutItemPage,
    QgsLayoutObject,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsRectangle,
)

from bassee_atelier_plugin.core.model.schema import STAKE_TABLES, pick
from bassee_atelier_plugin.core.presentation.layout_parts import (
    ACCENT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Box,
    a4_landscape,
    add_atlas_footer,
    add_label,
    add_map,
    add_map_furniture,
    add_photo,
    project_layer,
    quoted,
)

COVERAGE = "communes"
PHOTOS = 3  # thumbnails a sheet shows
MAP_MARGIN = 0.25  # around the commune, as a share of its size: its neighbours show around it
OUTSIDE_PAGE = 1  # the page listing what lies outside every commune, after the atlas's pages
SECTION_LINES = {"stakes": 8, "actions": 3, "observations": 2}  # lines a section holds before "… and n more"
IN_COMMUNE = "intersects($geometry, @atlas_geometry)"
OUTSIDE = "$geometry IS NOT NULL AND NOT overlay_intersects({communes})"  # no geometry: in no commune, nor outside

WORDS = {
    "sheet": ("Commune sheet", "Fiche commune"),
    "stakes": ("Stakes", "Enjeux"),
    "actions": ("Actions", "Actions"),
    "observations": ("Observations and photos", "Observations et photos"),
    "none": ("None", "Aucun"),
    "more": ("… and {n} more", "… et {n} autres"),
    "votes": ("{for} for, {against} against", "{for} pour, {against} contre"),
    "no_lead": ("lead to be found", "porteur à trouver"),
    "outside": ("Outside the territory", "Hors territoire"),
    "outside_intro": (
        "What the atelier holds outside every commune",
        "Ce que l'atelier contient en dehors de toutes les communes",
    ),
}


def commune_sheets_layout(
    project: QgsProject, title: str, language: str, layer_names: dict[str, str], extent: QgsRectangle
) -> QgsPrintLayout | None:
    """The sheets' layout, or None for an atelier without a commune layer."""
    communes = project_layer(project, layer_names, COVERAGE)
    if communes is None:
        return None
    layers = {table: project_layer(project, layer_names, table) for table in layer_names}
    sections = _Sections(layers, language)
    layout = a4_landscape(QgsPrintLayout(project))
    word = lambda key: pick(WORDS[key], language)  # noqa: E731
    add_label(layout, '[% "name" %] ([% "insee" %])', Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 10), 18, bold=True)
    add_label(
        layout, f"{title} — {word('sheet')}", Box(MARGIN, MARGIN + 10, PAGE_WIDTH - 2 * MARGIN, 6), 10, colour=ACCENT
    )
    map_box = Box(MARGIN, 32, 135, PAGE_HEIGHT - 32 - MARGIN - 6)
    sheet_map = add_map(layout, map_box, "commune_map", language, extent)
    sheet_map.setAtlasDriven(True)
    sheet_map.setAtlasScalingMode(sheet_map.AtlasScalingMode.Auto)
    sheet_map.setAtlasMargin(MAP_MARGIN)
    add_map_furniture(layout, sheet_map, map_box)

    x = map_box.x + map_box.width + 8
    width = PAGE_WIDTH - MARGIN - x
    top = 32
    for key, height in (("stakes", 58), ("actions", 22), ("observations", 14)):
        add_label(layout, word(key), Box(x, top, width, 6), 11, bold=True, colour=ACCENT)
        text = sections.text(key, IN_COMMUNE)
        add_label(layout, f"[% {text} %]", Box(x, top + 6, width, height), 8).setId(f"commune_{key}")
        top += 6 + height + 2
    _add_thumbnails(
        layout, layers["attachments"], layers["observations"], Box(x, top, width, PAGE_HEIGHT - MARGIN - 6 - top)
    )
    add_atlas_footer(layout, title, word("sheet"))
    _add_outside_page(layout, sections, communes.id(), language)

    atlas = layout.atlas()
    atlas.setCoverageLayer(communes)
    atlas.setPageNameExpression('"name"')
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"insee"')  # INSEE numbers a département's communes in alphabetical order, accents and all
    atlas.setEnabled(True)
    return layout


class _Sections:
    """The expressions listing a section's features (stakes, actions, observations), one line each."""

    def __init__(self, layers: dict, language: str) -> None:
        self.layers = layers
        self.language = language
        self.label = "label_fr" if language == "fr" else "label_en"

    def text(self, key: str, filter_: str) -> str:
        """The lines of ``key``'s features passing ``filter_``, sorted; past SECTION_LINES[key], '… and n more'."""
        tables = {"stakes": STAKE_TABLES, "actions": ("actions",), "observations": ("observations",)}[key]
        line = {"stakes": self._stake_line, "actions": self._action_line, "observations": self._observation_line}[key]()
        lists = [
            _array_of(self.layers[table], line, filter_, self._order(key))
            for table in tables
            if self.layers.get(table) is not None
        ]
        lines = f"array_cat({', '.join(lists)})" if len(lists) > 1 else lists[0]
        limit = SECTION_LINES[key]
        more = _with_values(pick(WORDS["more"], self.language), n=f"array_length(@lines) - {limit - 1}")
        none = quoted(pick(WORDS["none"], self.language))
        return (
            f"with_variable('lines', coalesce({lines}, array()), "
            f"CASE WHEN array_length(@lines) = 0 THEN {none} "
            f"WHEN array_length(@lines) <= {limit} THEN array_to_string(@lines, '\\n') "
            f"ELSE array_to_string(array_slice(@lines, 0, {limit - 2}), '\\n') || '\\n' || {more} END)"
        )

    def _order(self, key: str) -> str:
        return '"observed_at"' if key == "observations" else '"title"'

    def _term(self, thesaurus: str, field: str) -> str:
        """The label of a coded field, read in its thesaurus layer."""
        layer = self.layers.get(f"thesaurus_{thesaurus}")
        if layer is None:
            return f'"{field}"'
        return (
            f"coalesce(attribute(get_feature({quoted(layer.id())}, 'code', \"{field}\"), '{self.label}'), \"{field}\")"
        )

    def _stake_line(self) -> str:
        votes = _with_values(pick(WORDS["votes"], self.language), against='"votes_against"', **{"for": '"votes_for"'})
        return (
            f"'• ' || coalesce(\"title\", '—') || ' — ' || {self._term('themes', 'theme')}"
            f" || coalesce(', ' || {self._term('readings', 'reading')}, '')"
            f" || ' · ' || {votes}"
            f" || ' · ' || {self._term('statuses', 'status')}"
        )

    def _action_line(self) -> str:
        no_lead = quoted(pick(WORDS["no_lead"], self.language))
        return (
            f"'• ' || \"title\" || ' — ' || coalesce(\"lead\", {no_lead})"
            f" || coalesce(' · ' || {self._term('horizons', 'horizon')}, '')"
        )

    def _observation_line(self) -> str:
        return "'• ' || coalesce(format_date(\"observed_at\", 'dd/MM/yyyy') || ' — ', '') || coalesce(\"note\", '—')"


def _array_of(layer, expression: str, filter_: str, order_by: str | None = None) -> str:
    """The expression of the array of ``expression`` over ``layer``'s features passing ``filter_``."""
    order = f", order_by:={order_by}" if order_by else ""
    return (
        f"aggregate(layer:={quoted(layer.id())}, aggregate:='array_agg', expression:={expression}, "
        f"filter:={filter_}{order})"
    )


def _with_values(text: str, **values: str) -> str:
    """``text`` as an expression, each ``{name}`` in it replaced by the value of the expression ``values[name]``."""
    literal = quoted(text)
    for name, expression in values.items():
        literal = literal.replace("{" + name + "}", f"' || ({expression}) || '")
    return literal


def _add_thumbnails(layout: QgsPrintLayout, attachments, observations, box: Box) -> None:
    """The first photos of the observations in the commune, side by side, from their display copies."""
    if attachments is None or observations is None:
        return
    attachment_layer = quoted(attachments.id())
    observation_uuids = _array_of(observations, '"uuid"', IN_COMMUNE)
    photos = _array_of(
        attachments,
        '"fid"',
        'array_contains(@observation_uuids, "feature_uuid") AND "preview" IS NOT NULL',
        '"taken_at"',
    )
    width = (box.width - (PHOTOS - 1) * 3) / PHOTOS
    for index in range(PHOTOS):
        source = (
            f"with_variable('observation_uuids', {observation_uuids}, with_variable('photos', {photos}, "
            f"if(coalesce(array_length(@photos), 0) > {index}, "
            f"'base64:' || to_base64(attribute(get_feature_by_id({attachment_layer}, @photos[{index}]), 'preview')), "
            "'')))"
        )
        add_photo(
            layout, f"commune_photo_{index + 1}", Box(box.x + index * (width + 3), box.y, width, box.height), source
        )


def _add_outside_page(layout: QgsPrintLayout, sections: _Sections, communes_id: str, language: str) -> None:
    """A second page listing the stakes, actions and observations outside every commune.

    QGIS prints it after the last commune only, and only when something lies outside.
    """
    page = QgsLayoutItemPage(layout)
    page.setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
    layout.pageCollection().addPage(page)
    outside = OUTSIDE.format(communes=quoted(communes_id))
    texts = {key: sections.text(key, outside) for key in SECTION_LINES}
    anything = " OR ".join(f"({text}) <> {quoted(pick(WORDS['none'], language))}" for text in texts.values())
    page.dataDefinedProperties().setProperty(
        QgsLayoutObject.DataDefinedProperty.ExcludeFromExports,
        QgsProperty.fromExpression(f"@atlas_featurenumber < @atlas_totalfeatures OR NOT ({anything})"),
    )
    top = PAGE_HEIGHT + layout.pageCollection().spaceBetweenPages()
    add_label(
        layout, pick(WORDS["outside"], language), Box(MARGIN, top + MARGIN, PAGE_WIDTH - 2 * MARGIN, 10), 18, bold=True
    )
    add_label(
        layout,
        pick(WORDS["outside_intro"], language),
        Box(MARGIN, top + MARGIN + 10, PAGE_WIDTH - 2 * MARGIN, 6),
        10,
        colour=ACCENT,
    )
    y = top + 32
    for key, height in (("stakes", 70), ("actions", 40), ("observations", 30)):
        add_label(
            layout, pick(WORDS[key], language), Box(MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 6), 11, bold=True, colour=ACCENT
        )
        add_label(layout, f"[% {texts[key]} %]", Box(MARGIN, y + 6, PAGE_WIDTH - 2 * MARGIN, height), 8).setId(
            f"outside_{key}"
        )
        y += 6 + height + 2
