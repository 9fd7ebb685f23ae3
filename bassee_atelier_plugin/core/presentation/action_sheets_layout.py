"""The action sheets' layout: an atlas over the actions, one page each.

The sheets need no plugin code at export: their texts, photos and map extent are QGIS
expressions over the view ``action_sheets``, so plain QGIS exports them too.
"""

from __future__ import annotations

from qgis.core import QgsLayoutItemMap, QgsLayoutObject, QgsPrintLayout, QgsProject, QgsProperty, QgsRectangle

from bassee_atelier_plugin.core.model.action_sheets import BOX_COLUMNS, PHOTOS
from bassee_atelier_plugin.core.model.action_sheets import VIEW as SHEETS_VIEW
from bassee_atelier_plugin.core.model.schema import pick
from bassee_atelier_plugin.core.presentation.layout_parts import (
    ACCENT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXTS,
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

# Two lines of 16 pt bold across the page hold some 160 characters: past this, the title takes 12 pt (three lines).
TITLE_FULL_SIZE_CHARACTERS = 140


def action_sheets_layout(
    project: QgsProject, title: str, language: str, layer_names: dict[str, str], extent: QgsRectangle
) -> QgsPrintLayout:
    """One page per action: its map, its fields, the stakes it answers, its photos.

    The atlas runs over the view ``action_sheets``, which gathers all of that in plain
    fields: the sheets are right in plain QGIS too, and a page costs no plugin code.
    """
    layout = a4_landscape(QgsPrintLayout(project))
    no_orientation = quoted(pick(TEXTS["no_orientation"], language))
    add_label(
        layout,
        f'[% coalesce("orientation", {no_orientation}) %]',
        Box(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, 6),
        10,
        colour=ACCENT,
    )
    _add_title(layout, Box(MARGIN, MARGIN + 6, PAGE_WIDTH - 2 * MARGIN, 16))
    map_box = Box(MARGIN, 36, 150, PAGE_HEIGHT - 36 - MARGIN - 6)
    sheet_map = add_map(layout, map_box, "sheet_map", language, extent)
    _zoom_on_action_and_stakes(sheet_map)
    add_map_furniture(layout, sheet_map, map_box)

    column = Box(map_box.x + map_box.width + 8, 36, PAGE_WIDTH - MARGIN - (map_box.x + map_box.width + 8), 0)
    fields = " || '\\n' || ".join(
        f"'{label} : ' || coalesce(\"{field}\", '—')" for field, label in _sheet_fields(language)
    )
    add_label(layout, f"[% {fields} %]", Box(column.x, column.y, column.width, 30), 9).setId("sheet_fields")
    add_label(layout, pick(TEXTS["stakes_answered"], language), Box(column.x, 68, column.width, 6), 10, bold=True)
    no_stake = quoted(pick(TEXTS["no_stake"], language))
    add_label(layout, f'[% coalesce("stakes", {no_stake}) %]', Box(column.x, 74, column.width, 36), 9).setId(
        "sheet_stakes"
    )
    add_label(layout, pick(TEXTS["description"], language), Box(column.x, 111, column.width, 6), 10, bold=True)
    add_label(layout, "[% coalesce(\"description\", '') %]", Box(column.x, 117, column.width, 40), 9).setId(
        "sheet_description"
    )
    photo_width = (column.width - 4) / PHOTOS
    for index in range(PHOTOS):
        field = f'"photo_{index + 1}"'
        add_photo(
            layout,
            f"sheet_photo_{index + 1}",
            Box(column.x + index * (photo_width + 4), 160, photo_width, PAGE_HEIGHT - MARGIN - 6 - 160),
            f"if({field} IS NULL, '', 'base64:' || to_base64({field}))",
        )
    add_atlas_footer(layout, title, pick(TEXTS["sheet"], language))

    atlas = layout.atlas()
    atlas.setCoverageLayer(project_layer(project, layer_names, SHEETS_VIEW))
    atlas.setPageNameExpression('"title"')
    atlas.setSortFeatures(True)
    # the roadmap's order: orientations by position (actions without one last), then their actions
    atlas.setSortExpression('coalesce("orientation_position", 1e6) * 1e6 + "position"')
    atlas.setEnabled(True)
    return layout


def _add_title(layout: QgsPrintLayout, box: Box) -> None:
    """The action's title, wrapped on two lines; a title too long for them, in a smaller font, never cut.

    A layout label has no font size of its own to compute per page in QGIS 3.22, so the
    sheet has both sizes and each page exports the one that fits the title's length.
    """
    for item_id, size, shown in (
        ("sheet_title", 16, f'length("title") <= {TITLE_FULL_SIZE_CHARACTERS}'),
        ("sheet_title_long", 12, f'length("title") > {TITLE_FULL_SIZE_CHARACTERS}'),
    ):
        title = add_label(layout, '[% "title" %]', box, size, bold=True)
        title.setId(item_id)
        title.dataDefinedProperties().setProperty(
            QgsLayoutObject.DataDefinedProperty.ExcludeFromExports, QgsProperty.fromExpression(f"NOT ({shown})")
        )


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
