"""A long table laid out a page at a time: its rows split into pages first, then one table per page.

A QGIS table that grows its own pages lays all its rows out again for every page it draws
(each frame refreshes the whole table on export), so 17 pages of 103 rows cost 17 layouts
of 103 rows: 5 s of the roadmap's 7. Here QGIS measures the rows once, by its own rule
(``QgsLayoutTable.rowsVisible``, the one a growing table pages by), and each page gets a
table of its own rows, styled as the stored one and laid out once: the work grows with the
rows only.
"""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsConditionalStyle,
    QgsLayout,
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutItemPage,
    QgsLayoutItemTextTable,
    QgsLayoutMultiFrame,
    QgsLayoutTable,
    QgsLayoutUtils,
    QgsReadWriteContext,
    QgsTableCell,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtXml import QDomDocument

from bassee_atelier_plugin.core.atelier.text import clean_text

CELL_CHARACTERS = 500  # of a text in one table row: a dozen lines in the narrowest column, well within a page


def rows_that_fit(rows: list[list], characters: int = CELL_CHARACTERS) -> list[list[QgsTableCell]]:
    """Rows of cells whose long texts go on over continuation rows.

    QGIS never breaks a table row across pages: a row taller than a page is cut, and
    laying it out costs more the longer it is. A row holds at most ``characters`` of each text.
    """
    fitted = []
    for row in rows:
        # a text typed in QGIS or stored by an older version may still carry codes: the PDF shows it without them
        pieces = [_pieces(clean_text(value, True), characters) if isinstance(value, str) else [value] for value in row]
        for line in range(max(len(cell) for cell in pieces)):
            fitted.append([_cell(cell[line] if line < len(cell) else "") for cell in pieces])
    return fitted


def _cell(value) -> QgsTableCell:
    return value if isinstance(value, QgsTableCell) else QgsTableCell(value)


def _pieces(text: str, characters: int) -> list[str]:
    """``text`` in pieces of at most ``characters``, cut between words."""
    pieces, piece = [], ""
    for word in text.split(" "):
        if piece and len(piece) + 1 + len(word) > characters:
            pieces.append(piece)
            piece = word
        else:
            piece = f"{piece} {word}" if piece else word
    return [*pieces, piece]


def fill_page_by_page(layout: QgsLayout, table: QgsLayoutItemManualTable, rows: list[list[QgsTableCell]]) -> None:
    """Show ``rows`` in ``table`` (its columns set) and in copies of it on the pages after its own.

    The copies sit where the table's first frame sits on its page, headings included, so
    the pages read as one table; no page table ever adds a page of its own.
    """
    frame = table.frame(0)
    for index in reversed(range(1, table.frameCount())):  # the pages an earlier export grew
        table.removeFrame(index, True)
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
    pages = _split_into_pages(layout, table, frame.rect().height(), rows)
    definition = _definition(table)  # taken empty (see fill_table): its copies get their own rows only
    table.setTableContents(pages[0])
    for number, page_rows in enumerate(pages[1:], start=frame.page() + 1):
        _add_page_table(layout, definition, frame, _page(layout, number), page_rows)


def _split_into_pages(
    layout: QgsLayout, table: QgsLayoutItemManualTable, height: float, rows: list[list[QgsTableCell]]
) -> list[list[list[QgsTableCell]]]:
    """The rows each page shows, as QGIS would page them; a row taller than a page is cut shorter first."""
    measure = _MeasuringTable(layout, table)
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    context.setFlag(Qgis.RenderContextFlag.ApplyScalingWorkaroundForTextRendering)  # as QGIS measures tables
    headings = table.headerMode() != QgsLayoutTable.HeaderMode.NoHeaders
    pages, measured, first = [], rows, 0
    measure.set_rows(rows)
    while first < len(measured):
        count = measure.rowsVisible(context, height, first, headings, False)
        if count < 1:
            shorter = _cut_shorter(measured[first])
            if len(shorter) > 1:  # measure again from this row, in its shorter pieces
                measured, first = shorter + measured[first + 1 :], 0
                measure.set_rows(measured)
                continue
            count = 1  # one word taller than a page: shown alone, as QGIS shows it
        pages.append(measured[first : first + count])
        first += count
    return pages or [[]]


def _cut_shorter(row: list[QgsTableCell]) -> list[list[QgsTableCell]]:
    """``row`` over more rows, its longest texts cut in half; the other cells kept as they are."""
    longest = max(len(_text(cell)) for cell in row)
    limit = max(longest // 2, 1)
    return rows_that_fit([[_text(cell) if len(_text(cell)) > limit else cell for cell in row]], limit)


class _MeasuringTable(QgsLayoutItemTextTable):
    """A table that is never drawn: it measures rows as the table it copies would.

    Made in Python so that the measuring methods QGIS keeps to its tables can be called.
    """

    def __init__(self, layout: QgsLayout, model: QgsLayoutItemManualTable):
        super().__init__(layout)
        self.setColumns(model.headers())
        self.setHeaderTextFormat(model.headerTextFormat())
        self.setContentTextFormat(model.contentTextFormat())
        self.setCellMargin(model.cellMargin())
        self.setGridStrokeWidth(model.gridStrokeWidth())
        self.setShowGrid(model.showGrid())
        self.setHorizontalGrid(model.horizontalGrid())
        self.setWrapBehavior(model.wrapBehavior())
        self.setHeaderMode(model.headerMode())
        self._formats: list[list[QgsTextFormat]] = []

    def set_rows(self, rows: list[list[QgsTableCell]]) -> None:
        # each cell's format looked up once: QGIS asks for it as it measures, then as it draws
        plain = self.contentTextFormat()
        self._formats = [[cell.textFormat() if cell.textFormat().isValid() else plain for cell in row] for row in rows]
        self.setContents([[_text(cell) for cell in row] for row in rows])  # QGIS measures every row here

    def textFormatForCell(self, row: int, column: int) -> QgsTextFormat:  # noqa: N802 -- asked of each cell
        return self._formats[row][column]


class _PageTable(_MeasuringTable):
    """One page's table, styled as the stored one, its rows laid out once.

    QGIS lays a table's rows out again as it exports it, in case its source changed; these
    rows are this export's own and cannot change, so that second layout is skipped.
    """

    _laid_out = False

    def __init__(self, layout: QgsLayout, model: QgsLayoutItemManualTable, definition, rows):
        super().__init__(layout, model)
        document, element = definition
        self.readXml(element, document, QgsReadWriteContext(), False)  # colours and cell styles
        self.setColumns(model.headers())
        plain = QgsConditionalStyle()
        self._styles = [[_background(cell) or plain for cell in row] for row in rows]
        self.set_rows(rows)
        self._laid_out = True

    def refreshAttributes(self):  # noqa: N802 -- QGIS calls it before drawing each frame
        if not self._laid_out:
            super().refreshAttributes()

    def conditionalCellStyle(self, row: int, column: int) -> QgsConditionalStyle:  # noqa: N802 -- for each cell drawn
        return self._styles[row][column] if 0 <= row < len(self._styles) else QgsConditionalStyle()


def _background(cell: QgsTableCell) -> QgsConditionalStyle | None:
    """The cell's own background (a band's), as QGIS's manual table gives it."""
    if not cell.backgroundColor().isValid():
        return None
    style = QgsConditionalStyle()
    style.setBackgroundColor(cell.backgroundColor())
    return style


def _text(cell: QgsTableCell) -> str:
    content = cell.content()
    return "" if content is None else str(content)


def _definition(table: QgsLayoutItemManualTable) -> tuple[QDomDocument, object]:
    """The table's settings and look, to give its copies."""
    document = QDomDocument()
    parent = document.createElement("tables")
    table.writeXml(parent, document, QgsReadWriteContext(), False)
    return document, parent.firstChildElement()


def _page(layout: QgsLayout, number: int) -> int:
    """Page ``number`` (from 0), added as the first page is if missing."""
    pages = layout.pageCollection()
    while pages.pageCount() <= number:
        page = QgsLayoutItemPage(layout)
        page.setPageSize(pages.page(0).pageSize())
        pages.addPage(page)
    return number


def _add_page_table(layout: QgsLayout, definition, model: QgsLayoutFrame, page: int, rows) -> None:
    table = _PageTable(layout, model.multiFrame(), definition, rows)
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(model.sizeWithUnits())
    frame.attemptMove(model.pagePositionWithUnits(), True, False, page)
    table.addFrame(frame, False)  # its rows are laid out already: the frame shows them all
    frame.setContentSection(QRectF(0, 0, frame.rect().width(), frame.rect().height()))
