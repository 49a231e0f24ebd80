"""The look shared by every .xlsx export: Times New Roman named styles, status fills from the
one palette (``domain/status.STATUS_COLORS``, shared with the window), safe text cells, column
widths that fit the content and the A4 print set-up.

Each style is a named style registered once per workbook. A cell gets a copy of the style's
prepared array, so a sheet of thousands of rows creates no Font, Fill or Border per cell.

Text is never a formula: a value such as ``=HYPERLINK(...)`` typed by a user is stored as a
string and flagged "quote prefix", so Excel keeps it as text even after the cell is edited.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.domain.status import STATUS_COLORS, color_of

FONT_NAME = "Times New Roman"
FONT_SIZE = 11
TITLE_SIZE = 13

# Style names (prefixed so they never clash with Excel's built-in "Normal", "Title" …).
ORG_PARENT = "cchc Cơ quan chủ quản"
ORG_NAME = "cchc Cơ quan ban hành"
TITLE = "cchc Tiêu đề"
SUBTITLE = "cchc Tiêu đề phụ"
HEADING = "cchc Đề mục"
NOTE = "cchc Ghi chú"
HEADER = "cchc Tiêu đề cột"
TEXT = "cchc Văn bản"
CENTER = "cchc Văn bản giữa"
NUMBER = "cchc Số"
PERCENT = "cchc Tỷ lệ"
PROGRESS = "cchc Tiến độ"
DATE = "cchc Ngày"
GROUP = "cchc Nhóm"
TOTAL = "cchc Tổng"
TOTAL_NUMBER = "cchc Tổng số"
TOTAL_PERCENT = "cchc Tổng tỷ lệ"
STATE_PREFIX = "cchc Tình trạng "

PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = "D9E1F2"
GROUP_FILL = "EDEDED"

# Excel's own limit on the text of one cell.
MAX_CELL_TEXT = 32767
# Control characters that are illegal in XML (openpyxl refuses them); text pasted from Word
# or another program may carry them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ILLEGAL_SEARCH = _ILLEGAL.search
# A leading character that makes Excel (or a CSV reader) treat typed text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _font(*, bold: bool = False, italic: bool = False, size: float = FONT_SIZE) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def _align(horizontal: str = "left", *, wrap: bool = True) -> Alignment:
    return Alignment(horizontal=horizontal, vertical="top" if wrap else "center", wrap_text=wrap)


def style_definitions(size: float = FONT_SIZE) -> list[NamedStyle]:
    """Every style of the exports; the state styles follow the shared palette."""
    body = _font(size=size)
    bold = _font(size=size, bold=True)
    middle = Alignment(horizontal="center", vertical="center", wrap_text=True)
    styles = [
        NamedStyle(ORG_PARENT, font=body, alignment=middle),
        NamedStyle(ORG_NAME, font=bold, alignment=middle),
        NamedStyle(TITLE, font=_font(size=TITLE_SIZE, bold=True), alignment=middle),
        NamedStyle(SUBTITLE, font=_font(size=size, italic=True), alignment=middle),
        NamedStyle(HEADING, font=bold, alignment=_align(wrap=False)),
        NamedStyle(NOTE, font=_font(size=size, italic=True), alignment=_align()),
        NamedStyle(HEADER, font=bold, fill=_fill(HEADER_FILL), border=_BOX, alignment=middle),
        NamedStyle(TEXT, font=body, border=_BOX, alignment=_align()),
        NamedStyle(CENTER, font=body, border=_BOX, alignment=_align("center")),
        NamedStyle(NUMBER, font=body, border=_BOX, alignment=_align("center"), number_format="0"),
        NamedStyle(
            PERCENT,
            font=body,
            border=_BOX,
            alignment=_align("center"),
            number_format=PERCENT_FORMAT,
        ),
        NamedStyle(
            PROGRESS, font=body, border=_BOX, alignment=_align("center"), number_format="0%"
        ),
        NamedStyle(
            DATE, font=body, border=_BOX, alignment=_align("center"), number_format=DATE_FORMAT
        ),
        NamedStyle(GROUP, font=bold, fill=_fill(GROUP_FILL), border=_BOX, alignment=_align()),
        NamedStyle(TOTAL, font=bold, border=_BOX, alignment=_align()),
        NamedStyle(
            TOTAL_NUMBER, font=bold, border=_BOX, alignment=_align("center"), number_format="0"
        ),
        NamedStyle(
            TOTAL_PERCENT,
            font=bold,
            border=_BOX,
            alignment=_align("center"),
            number_format=PERCENT_FORMAT,
        ),
    ]
    for key in STATUS_COLORS:
        styles.append(
            NamedStyle(
                state_style(key),
                font=body,
                fill=_fill(color_of(key)),
                border=_BOX,
                alignment=_align("center"),
            )
        )
    return styles


def state_style(key: str) -> str:
    """The style of a status cell: a ``TaskState.state_key`` ("done", "overdue" …)."""
    return _STATE_STYLES.get(key) or _STATE_STYLES["not_reported"]


_STATE_STYLES = {str(key): STATE_PREFIX + str(key) for key in STATUS_COLORS}


class StyleBook:
    """The named styles of one workbook, registered once, and each style's record as a cell
    holds it (``NamedStyle.as_tuple()``, plain and with "quote prefix"): a cell built with
    it is what ``cell.style = name`` makes, without looking the name up for every cell."""

    def __init__(self, wb: Workbook, *, size: float = FONT_SIZE):
        self.names: list[str] = []
        self.arrays: dict[str, StyleArray] = {}
        self.quoted: dict[str, StyleArray] = {}
        self._wb = wb
        for style in style_definitions(size):
            self.add(style)

    def add(self, style: NamedStyle) -> None:
        """Register ``style`` in the workbook and keep its records (e.g. the forms' answer
        cells' variants, added as they are first asked for)."""
        self._wb.add_named_style(style)
        self.names.append(style.name)
        array = StyleArray(style.as_tuple())
        self.arrays[style.name] = array
        quoted = StyleArray(array)
        # "Quote prefix": Excel keeps the cell as text even after the user edits it.
        quoted.quotePrefix = 1
        self.quoted[style.name] = quoted


def clean_text(text: str) -> str:
    """Text as a cell can hold it: no XML-illegal control characters, at most Excel's limit."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


@dataclass(slots=True)
class ColumnFit:
    """How wide a column may grow to fit its content, in Excel character units."""

    minimum: float = 6
    maximum: float = 40


class SheetLayout:
    """What every .xlsx sheet writer shares: text made safe for a cell (never a formula, no
    XML-illegal characters, at most Excel's limit) and measured so that columns fit their
    content and rows are tall enough for their wrapped text. Subclasses place the cells:
    :class:`SheetWriter` into an openpyxl worksheet (the forms, read back by openpyxl), and
    ``xlsx_book.ReportSheet`` through XlsxWriter (the period report).

    Row heights are set here because neither LibreOffice nor Excel (for merged cells) fits
    them when opening a generated file: wrapped text would be cut to one line.
    """

    def __init__(self, fits: dict[int, ColumnFit] | None = None):
        """``fits`` bounds each column's width (see :meth:`fit_columns`); known up front, it
        spares measuring text that fits on one line even in the narrowest column."""
        self.fits = fits or {}
        self._longest: dict[int, int] = {}
        # Text that may wrap, per row: (how long for its narrowest column, first column,
        # last column, text, style).
        self._wrapped: dict[int, list[tuple[float, int, int, str, str]]] = {}
        self._one_line = {c: _chars(f.minimum) for c, f in self.fits.items()}
        self._outline: dict[int, int] = {}

    def put(self, row: int, col: int, value: Any, style: str, *, measure: bool = True) -> Any:
        """Write ``value`` with ``style``; text always stays text, never a formula.
        ``measure`` lets the text widen its column (headings and merged cells do not)."""
        return self._put((value,), (style,), row, col, measure, True)[0]

    def put_row(self, row: int, values: Iterable[Any], styles: Iterable[str], col: int = 1) -> None:
        """Write ``values`` from column ``col`` on, each with its style (as :meth:`put`)."""
        self._put(values, styles, row, col, True, True)

    def header(self, row: int, col: int, text: str, style: str = HEADER) -> Any:
        """A column heading: it wraps inside the column and does not widen it."""
        return self.put(row, col, text, style, measure=False)

    def merge_put(
        self,
        row: int,
        first: int,
        last: int,
        value: Any,
        style: str,
        *,
        height: float | None = None,
        last_row: int | None = None,
    ) -> Any:
        """Write a cell that spans columns ``first``..``last`` (and rows ``row``..``last_row``),
        with the style's borders on every part."""
        cell = self._put((value,), (style,), row, first, False, False)[0]
        bottom = row if last_row is None else last_row
        if last > first or bottom > row:
            self._merge(row, first, bottom, last, style, cell)
        if height is not None:
            self._fix_height(row, height)
        elif isinstance(value, str) and value and bottom == row:
            text = clean_text(value)
            self._wrapped.setdefault(row, []).append((_ALWAYS, first, last, text, style))
        return cell

    def outline(self, row: int, level: int = 1) -> None:
        """Put ``row`` in an outline group (Excel's +/- to fold rows); applied with the row
        heights by :meth:`fit_columns`."""
        self._outline[row] = level

    def fit_columns(self, fits: dict[int, ColumnFit] | None = None) -> dict[int, float]:
        """Set each column's width to its longest line, within the column's bounds (long text
        wraps inside the widest allowed column), then each row's height to its wrapped text.
        Returns the widths set."""
        self.flush()
        fits = self.fits if fits is None else fits
        widths: dict[int, float] = {}
        for col, fit in fits.items():
            wanted = self._longest.get(col, 0) * CHAR_WIDTH + PADDING
            widths[col] = round(min(max(wanted, fit.minimum), fit.maximum), 1)
        self._set_widths(widths)
        self._fit_heights(widths)
        return widths

    def flush(self) -> None:
        """Put what is written so far into the sheet (a writer that waits to do so)."""

    # What a subclass provides.
    def _place(self, row: int, col: int, value: Any, style: str, quoted: bool, text: bool) -> Any:
        raise NotImplementedError

    def _merge(self, top: int, left: int, bottom: int, right: int, style: str, cell: Any) -> None:
        raise NotImplementedError

    def _fix_height(self, row: int, height: float) -> None:
        raise NotImplementedError

    def _set_widths(self, widths: dict[int, float]) -> None:
        raise NotImplementedError

    def _fit_heights(self, widths: dict[int, float]) -> None:
        raise NotImplementedError

    def _put(
        self,
        values: Iterable[Any],
        styles: Iterable[str],
        row: int,
        col: int,
        measure: bool,
        wrap: bool,
    ) -> list[Any]:
        # The hot path of every export, one loop for a whole row: each value made safe and
        # placed with its style, its text measured for the column width and the row height.
        longest, place = self._longest, self._place
        out = []
        for value, style in zip(values, styles, strict=True):
            if isinstance(value, str):
                text = value
                if len(text) > MAX_CELL_TEXT or _ILLEGAL_SEARCH(text):
                    text = clean_text(text)
                # Text stays text: "quote prefix" keeps Excel from reading a leading "=" as
                # a formula even after the user edits the cell.
                out.append(place(row, col, text, style, text.startswith(FORMULA_STARTS), True))
                if text:
                    lines = "\n" in text
                    size = max(map(len, text.split("\n"))) if lines else len(text)
                    narrow = self._one_line.get(col, 1)
                    if wrap and (lines or size > narrow) and style != HEADING:
                        breaks = text.count("\n") if lines else 0
                        ratio = _ALWAYS if style == TITLE else len(text) / narrow + breaks
                        self._wrapped.setdefault(row, []).append((ratio, col, col, text, style))
                    if measure and size > longest.get(col, 0):
                        longest[col] = size
            else:
                out.append(place(row, col, value, style, False, False))
                if value is not None and measure:
                    size = _shown_length(value)
                    if size > longest.get(col, 0):
                        longest[col] = size
            col += 1
        return out

    def _row_height(
        self, items: list[tuple[float, int, int, str, str]], widths: dict[int, float]
    ) -> float:
        """The height (pt) a row needs for its wrapped text. Only the two cells likeliest to be
        the tallest (longest for their column) are wrapped word by word; the others are judged
        by their length alone."""
        best = second = None
        for item in items:
            if best is None or item[0] > best[0]:
                best, second = item, best
            elif second is None or item[0] > second[0]:
                second = item
        height = DEFAULT_ROW_PT
        for _, first, last, text, style in (i for i in (best, second) if i is not None):
            size = TITLE_SIZE if style == TITLE else FONT_SIZE
            room = sum(widths.get(c, DEFAULT_WIDTH) for c in range(first, last + 1))
            # A bigger font fits fewer characters in the same room.
            lines = wrapped_lines(text, room * FONT_SIZE / size, bold=style in _BOLD)
            height = max(height, lines * size * LINE_SPACING + 3)
        return height


class SheetWriter(SheetLayout):
    """Writes styled cells into one openpyxl worksheet (the units' forms, which openpyxl reads
    back; the report is written by ``xlsx_book.ReportSheet``).

    Each cell is built once with its style's record (``Cell(ws, …, style_array=…)``,
    openpyxl's public constructor) instead of ``ws.cell()`` plus ``cell.style = name``, which
    looks the name up in a list for every cell (three times the cost). Built cells wait here
    and go into the sheet, in row order, through ``ws.append`` when :meth:`fit_columns` (or
    :meth:`flush`) is called; merges go into ``ws.merged_cells`` then. The writer owns the
    sheet's cells until then.
    """

    def __init__(self, ws: Worksheet, book: StyleBook, fits: dict[int, ColumnFit] | None = None):
        super().__init__(fits)
        self.ws = ws
        self.book = book
        # Cells built but not yet in the sheet, row → column → cell; merged ranges likewise.
        self._rows: dict[int, dict[int, tuple[Cell, str, bool]]] = {}
        self._merges: list[CellRange] = []
        self._flushed = False

    def _cell(self, row: int, col: int, style: str, quoted: bool = False) -> Cell:
        """A new cell of ``style``, kept for :meth:`flush` (or put in the sheet at once after
        it: a late write takes openpyxl's usual path)."""
        ws = self.ws
        if self._flushed:
            cell = ws.cell(row=row, column=col)
            cell.style = style
            if quoted:
                cell.quotePrefix = True
            return cell
        array = (self.book.quoted if quoted else self.book.arrays).get(style)
        if array is None:
            # A style the book does not hold (e.g. the forms' answer-cell variants,
            # registered as they are asked for): the public setter, once per cell.
            cell = Cell(ws, row, col)
            cell.style = style
            if quoted:
                cell.quotePrefix = True
        else:
            cell = Cell(ws, row, col, style_array=array)
        line = self._rows.get(row)
        if line is None:
            line = self._rows[row] = {}
        line[col] = (cell, style, quoted)
        return cell

    def _place(self, row: int, col: int, value: Any, style: str, quoted: bool, text: bool) -> Cell:
        array = (
            None if self._flushed else (self.book.quoted if quoted else self.book.arrays).get(style)
        )
        if array is None:
            cell = self._cell(row, col, style, quoted)
            if text or value is not None:
                cell.value = value
        else:
            cell = Cell(self.ws, row, col, value, array)  # a date keeps the style's format
            line = self._rows.get(row)
            if line is None:
                line = self._rows[row] = {}
            line[col] = (cell, style, quoted)
        if text:
            # openpyxl reads a leading "=" as a formula and "#N/A" as an error code.
            cell.data_type = "s"
        return cell

    def _merge(self, top: int, left: int, bottom: int, right: int, style: str, cell: Any) -> None:
        """Merge a range whose top-left cell is written; every covered cell gets the style
        too, so the range's borders and fill are whole wherever it is cut."""
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    self._cell(r, c, style)
        merged = CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom)
        if self._flushed:
            self.ws.merged_cells.add(merged)
        else:
            self._merges.append(merged)

    def _fix_height(self, row: int, height: float) -> None:
        self.ws.row_dimensions[row].height = height

    def flush(self) -> None:
        """Put the cells written so far into the sheet, and the merged ranges; later writes go
        straight into the sheet. Into an empty sheet the cells go row by row through
        ``ws.append`` (rows without a cell appended empty); a sheet that has cells already
        (another writer's, or written beside this one) gets them one by one through
        ``ws.cell`` and the style's name, as openpyxl's usual path does."""
        if self._flushed:
            return
        self._flushed = True
        ws = self.ws
        if next(ws.iter_rows(), None) is None:  # nothing in the sheet yet (public, no side effect)
            self._append_rows()
        else:
            for row, line in sorted(self._rows.items()):
                for col, (cell, style, quoted) in sorted(line.items()):
                    placed = ws.cell(row=row, column=col)
                    placed.style = style
                    if quoted:
                        placed.quotePrefix = True
                    placed.value = cell.value
                    placed.data_type = cell.data_type
        for merged in self._merges:
            ws.merged_cells.add(merged)
        self._rows.clear()
        self._merges.clear()

    def _append_rows(self) -> None:
        ws = self.ws
        for row in range(1, max(self._rows, default=0) + 1):
            line = self._rows.get(row)
            if not line:
                ws.append(())
                continue
            cells: list[Cell | None] = [None] * max(line)
            for col, (cell, _, _) in line.items():
                cells[col - 1] = cell
            ws.append(cells)

    def _set_widths(self, widths: dict[int, float]) -> None:
        for col, width in widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width

    def _fit_heights(self, widths: dict[int, float]) -> None:
        dims = self.ws.row_dimensions
        for row, items in self._wrapped.items():
            if row in dims and dims[row].height is not None:
                continue  # set on purpose by the caller
            height = self._row_height(items, widths)
            if height > DEFAULT_ROW_PT:
                if row in dims:
                    dims[row].height = round(height, 1)
                else:  # one constructor call instead of a default row, then its height
                    ht, level = round(height, 1), self._outline.get(row, 0)
                    dims[row] = RowDimension(self.ws, index=row, ht=ht, outlineLevel=level)
        for row, level in self._outline.items():
            dims[row].outline_level = level


_ALWAYS = float("inf")  # merged or big text: always measured
_BOLD = frozenset({TITLE, HEADER, HEADING, ORG_NAME, GROUP, TOTAL})

# Times New Roman is narrower than Calibri, whose digit width is Excel's column unit.
CHAR_WIDTH = 0.86
BOLD_CHAR_WIDTH = 0.93
PADDING = 1.5
DEFAULT_WIDTH = 8.43
DEFAULT_ROW_PT = 15.0
LINE_SPACING = 1.17  # one line of Times New Roman, as a multiple of the font size


def _chars(width: float) -> int:
    """Characters that surely fit on one line of a column ``width`` units wide."""
    return max(1, int((width - PADDING) / BOLD_CHAR_WIDTH))


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped at word boundaries in a column ``width``
    units wide (an estimate: Excel sets no row height for merged or heading cells)."""
    per_char = BOLD_CHAR_WIDTH if bold else CHAR_WIDTH
    room = max(1, int((width - PADDING) / per_char))
    if len(text) <= room and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        # Greedy, a line at a time: the last space that leaves at most ``room`` characters
        # ends the line; a word longer than a line is cut.
        line = " ".join(paragraph.split())
        start, end = 0, len(line)
        lines += 1
        while end - start > room:
            cut = line.rfind(" ", start, start + room + 1)
            start = cut + 1 if cut > start else start + room
            lines += 1
    return lines


def _shown_length(value: Any) -> int:
    if isinstance(value, float):
        return 6  # "100,0%"
    if isinstance(value, dt.date):
        return 10
    return len(str(value))


# A4 landscape with the margins below: the printable room in points.
PAGE_WIDTH_PT = (297 / 25.4 - 0.8) * 72
PAGE_HEIGHT_PT = (210 / 25.4 - 1.1) * 72


def print_scale(widths: Iterable[float]) -> float:
    """The zoom "one page wide" gives: a column of width w takes about 7w + 5 pixels."""
    total_pt = sum((7 * w + 5) * 0.75 for w in widths)
    return min(1.0, PAGE_WIDTH_PT / total_pt) if total_pt else 1.0


def page_breaks(
    height_of: Callable[[int], float], blocks: Sequence[tuple[int, int, float]], scale: float
) -> list[int]:
    """The rows after which a printed page must end so that no block is cut in two when it
    fits on one page.

    ``blocks`` are (first row, last row, extra points below them, e.g. a chart anchored
    after the last row), top to bottom; ``height_of`` gives a row's height (pt); ``scale``
    is the print zoom."""
    page = PAGE_HEIGHT_PT / scale
    used = 0.0
    breaks = []
    for first, last, extra in blocks:
        height = extra + sum(height_of(r) for r in range(first, last + 1))
        if used and used + height > page and height <= page:
            breaks.append(first - 1)
            used = 0.0
        used = (used + height) % page
    return breaks


# No printed text below this size (pt): a sheet too wide for one page at that size prints
# over several pages wide instead of shrinking.
MIN_PRINTED_PT = 9.0


def readable_zoom(widths: Iterable[float]) -> int | None:
    """The print zoom (%) to use instead of "one page wide" when that would shrink the body
    below :data:`MIN_PRINTED_PT`; None when one page wide is readable."""
    if print_scale(widths) * FONT_SIZE < MIN_PRINTED_PT:
        return math.ceil(100 * MIN_PRINTED_PT / FONT_SIZE)
    return None


# "Trang x/y" centred in the footer, in the body's font.
FOOTER = f'&C&"{FONT_NAME},Regular"&10Trang &P/&N'


def set_print_layout(ws: Worksheet, *, title_rows: str | None = None) -> None:
    """A4 landscape, one page wide, "Trang x/y" in the footer, ``title_rows`` ("4:4")
    repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = f"{FONT_NAME},Regular"
    ws.oddFooter.center.size = 10
    if title_rows:
        ws.print_title_rows = title_rows


def set_properties(wb: Workbook, *, title: str, creator: str, subject: str = "") -> None:
    """Document properties shown by Excel (File > Info) and file managers."""
    wb.properties.title = title
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    wb.properties.subject = subject
