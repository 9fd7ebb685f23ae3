"""The deliverables' pages on paper: a long title wrapped whole, map labels kept in the frame and off its furniture.

Real ateliers, QGIS's own exporter; the PDF read back with pypdf, and where QGIS
placed each label taken from the exporter's labelling results.
"""

from __future__ import annotations

import re

from pypdf import PdfReader
from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QPointF, QRectF

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.deliverables.action_sheets import check_sheets
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.presentation.action_sheets_layout import TITLE_FULL_SIZE_CHARACTERS
from bassee_atelier_plugin.core.presentation.layout_parts import LABEL_MARGIN
from bassee_atelier_plugin.core.presentation.layouts import add_default_layouts, frame_maps, layout_bodies, layout_name
from bassee_atelier_plugin.core.presentation.names import table_title
from bassee_atelier_plugin.core.presentation.project import atelier_frame, project_uri, write_presentation
from bassee_atelier_plugin.toolbelt.compat import LayoutUnit

LONG_TITLE = (
    "Renaturer les berges de la Seine entre Bray-sur-Seine et Montereau en associant les communes riveraines "
    "et les carriers."
)
STAKE = "Crue de 2016"
STAKE_PLACE = QgsPointXY(717800, 6812650)
ZONE = "POLYGON((717300 6812300, 718300 6812300, 718300 6813000, 717300 6813000, 717300 6812300))"


def add_action(atelier, title: str, geometry: str) -> None:
    editor = LiveEditor(atelier, author="test")
    try:
        editor.writer.insert("actions", {"title": title}, geometry)
    finally:
        editor.close()


def sheets_layout(atelier):
    """The action sheets' layout as the export reads it, its atlas on the first action."""
    project = QgsProject()
    assert project.read(project_uri(atelier))
    language = atelier.metadata.language
    layer_names = {table: table_title(table, language) for table in atelier.table_names()}
    add_default_layouts(project, atelier.metadata.title, language, layer_names, atelier_frame(atelier))
    layout = project.layoutManager().layoutByName(layout_name("fiches", language))
    frame_maps([layout], atelier_frame(atelier))
    return project, layout


def test_a_long_action_title_is_wrapped_whole_on_its_sheet_above_the_map(new_atelier, tmp_path):
    assert len(LONG_TITLE) == 120
    add_action(new_atelier, LONG_TITLE, ZONE)

    written = export_deliverable(new_atelier, "fiches", tmp_path / "fiches.pdf")

    [page] = PdfReader(written.path).pages
    text = page.extract_text()
    assert "…" not in text, "no title, on the page or on its map, is cut"
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    title_lines = [line for line in lines if line and line in LONG_TITLE]
    assert " ".join(title_lines[:2]) == LONG_TITLE, "the title, whole, on two lines"
    assert written.warnings == []
    _project, layout = sheets_layout(new_atelier)
    title, sheet_map = layout.itemById("sheet_title"), layout.itemById("sheet_map")
    assert title.sceneBoundingRect().bottom() <= sheet_map.sceneBoundingRect().top(), "nothing under the title"


def test_a_title_too_long_for_two_lines_takes_a_smaller_font_and_stays_whole(new_atelier, tmp_path):
    longest = f"{LONG_TITLE[:-1]}, les associations de pêche, les agriculteurs et le syndicat de rivière du bassin."
    assert len(longest) > TITLE_FULL_SIZE_CHARACTERS
    add_action(new_atelier, longest, ZONE)

    written = export_deliverable(new_atelier, "fiches", tmp_path / "fiches.pdf")

    [page] = PdfReader(written.path).pages
    text = re.sub(r"\s+", " ", page.extract_text())
    assert longest in text and text.count("syndicat de rivière") == 1, "the title whole, once: in the smaller font"
    assert written.warnings == [], "it fits its box"


def test_map_labels_stay_in_the_frame_and_off_the_scale_bar(new_atelier, tmp_path):
    """The scale bar moved just right of a stake, where its label goes first: the label goes to the left instead."""
    add_action(new_atelier, "Renaturer les berges", ZONE)
    with writer(new_atelier) as stakes:
        stakes.insert("stakes_point", {"theme": "eau_risques", "title": STAKE}, STAKE_PLACE.asWkt())
    project, layout = sheets_layout(new_atelier)
    check_sheets(new_atelier, layout)  # the atlas reads its features
    sheet_map = layout.itemById("sheet_map")
    [scale_bar] = [item for item in layout.items() if isinstance(item, QgsLayoutItemScaleBar)]
    frame = sheet_map.sceneBoundingRect()
    stake = on_page(sheet_map, QgsRectangle(STAKE_PLACE, STAKE_PLACE)).center()
    beside = QgsLayoutPoint(stake.x() + 2, stake.y() - scale_bar.rect().height() / 2, LayoutUnit.MILLIMETERS)
    scale_bar.attemptMove(beside)

    atlas = layout.atlas()
    atlas.beginRender()
    atlas.first()
    exporter = QgsLayoutExporter(layout)
    assert exporter.exportToImage(str(tmp_path / "sheet.png"), QgsLayoutExporter.ImageExportSettings()) == 0
    atlas.endRender()

    labels = [label for label in exporter.labelingResults()[sheet_map.uuid()].allLabels() if not label.isUnplaced]
    assert any(label.labelText == STAKE for label in labels)
    inside = frame.adjusted(LABEL_MARGIN, LABEL_MARGIN, -LABEL_MARGIN, -LABEL_MARGIN)
    for label in labels:
        box = on_page(sheet_map, label.labelRect)
        assert inside.adjusted(-0.1, -0.1, 0.1, 0.1).contains(box), f"{label.labelText!r} leaves the frame"
        assert not box.intersects(scale_bar.sceneBoundingRect()), f"{label.labelText!r} is under the scale bar"


def on_page(sheet_map: QgsLayoutItemMap, box: QgsRectangle) -> QRectF:
    """A rectangle of the map's coordinates, in millimetres on the page."""
    corners = [
        sheet_map.mapToItemCoords(QPointF(x, y))
        for x, y in ((box.xMinimum(), box.yMaximum()), (box.xMaximum(), box.yMinimum()))
    ]
    return QRectF(sheet_map.mapToScene(corners[0]), sheet_map.mapToScene(corners[1])).normalized()


def test_maps_stored_before_the_atelier_had_features_get_its_extent_and_plain_qgis_exports_them(new_atelier, tmp_path):
    # QGIS 3.22 crashed exporting a map of no extent that keeps its labels off its frame
    def stored_maps() -> dict[str, QgsRectangle]:
        project = QgsProject()
        assert project.read(project_uri(new_atelier))
        return {
            f"{layout.name()}: {item.id()}": item.extent()
            for layout in project.layoutManager().layouts()
            for body in layout_bodies(layout)
            for item in body.items()
            if isinstance(item, QgsLayoutItemMap)
        }

    empty = [name for name, extent in stored_maps().items() if extent.isEmpty()]
    assert empty == [], "an atelier created with nothing in it: its maps show the area its CRS is for"
    add_action(new_atelier, "Halte fluviale de Bray", ZONE)
    write_presentation(new_atelier)

    project = QgsProject()
    assert project.read(project_uri(new_atelier))
    sheets = project.layoutManager().layoutByName(layout_name("fiches", new_atelier.metadata.language))
    result, error = QgsLayoutExporter.exportToPdf(
        sheets.atlas(), str(tmp_path / "plain.pdf"), QgsLayoutExporter.PdfExportSettings()
    )
    assert result == QgsLayoutExporter.Success, error
    assert len(PdfReader(tmp_path / "plain.pdf").pages) == 1
