"""The tables of the deliverables: laid out when a layout is made, filled at each export.

A table adds pages until all its rows are shown. The export gives it its columns and
rows; the look (the header's colour, the frame's width) stays the stored layout's, so
a table a planner restyled keeps its style.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayout,
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutMultiFrame,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutTableStyle,
    QgsTableCell,
    QgsTextFormat,
)
from qgis.PyQt.QtGui import QColor

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.presentation.layout_parts import ACCENT, INK, Box, font, place
from bassee_atelier_plugin.core.presentation.table_pages import fill_page_by_page, rows_that_fit
from bassee_atelier_plugin.toolbelt.i18n import tr

BAND_COLOUR = QColor("#dde6f0")  # the rows that head a group of rows (an orientation's actions)


def add_table(layout: QgsLayout, frame_id: str, box: Box) -> QgsLayoutItemManualTable:
    """An empty table whose frame carries ``frame_id``; it adds pages until all its rows are shown."""
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(frame_id)
    place(frame, box)
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
    place(frame, box)  # QGIS sized the frame to the table while it had no columns
    return table


def _text_format(size: float, bold: bool = False, colour: QColor = INK) -> QgsTextFormat:
    text_format = QgsTextFormat.fromQFont(font(size, bold))
    text_format.setColor(colour)
    return text_format


def fill_table(
    layout_name: str,
    bodies: list[QgsLayout],
    frame_id: str,
    headings,
    rows: list[list],
    empty: str,
    page_by_page: bool = False,
) -> None:
    """Put ``rows`` in the table framed ``frame_id``, in whichever of ``bodies`` has it; refuse if none has.

    ``headings`` are (title, share of the width). The header's colour and the width come
    from the stored layout, so a restyled table keeps its look: only the columns and the
    rows are the export's. A table of many pages is better laid out ``page_by_page``
    (see :mod:`table_pages`), in a layout that will not be saved: it gets a table per page.
    """
    for body in bodies:
        frame = body.itemById(frame_id)
        if frame is not None:
            _fill_frame(body, frame, headings, rows_that_fit(rows), empty, page_by_page)
            return
    raise AtelierError(
        tr("The layout {layout} lacks its table {frame}: restore it, or delete the layout to get it back.").format(
            layout=layout_name, frame=frame_id
        )
    )


def _fill_frame(layout: QgsLayout, frame: QgsLayoutFrame, headings, rows: list[list], empty: str, paged: bool) -> None:
    table = frame.multiFrame()
    table.setTableContents([])  # the rows it was stored with are not laid out again under the new columns
    # QGIS sizes a table's frame to its columns: the width to share is the page's inside the frame's margin
    page_width = layout.pageCollection().page(frame.page()).rect().width()
    width = page_width - 2 * frame.pos().x()
    _set_columns(table, [(heading, share * width) for heading, share in headings])
    table.setEmptyTableMessage(empty)
    if paged:
        fill_page_by_page(layout, table, rows)
    else:
        table.setTableContents(rows)


def bold_cell(value, background: bool = False) -> QgsTableCell:
    """A cell that stands out: a total, or the head of a group of rows (on the band's colour)."""
    cell = QgsTableCell(value)
    cell.setTextFormat(_text_format(8.5, bold=True))
    if background:
        cell.setBackgroundColor(BAND_COLOUR)
    return cell


def banded_cell(value) -> QgsTableCell:
    cell = QgsTableCell(value)
    cell.setBackgroundColor(BAND_COLOUR)
    return cell


def _set_columns(table: QgsLayoutItemManualTable, headings: list[tuple[str, float]]) -> None:
    """Columns of the given titles and outer widths (millimetres, cell margins included)."""
    columns = []
    for heading, width in headings:
        column = QgsLayoutTableColumn(heading)
        column.setWidth(max(width - 2 * table.cellMargin() - table.gridStrokeWidth(), 1))
        columns.append(column)
    table.setHeaders(columns)
    table.setColumnWidths([column.width() for column in columns])
