"""The period report's workbook, written with XlsxWriter (issue 18: a library made for
writing, through its public API, at about twice openpyxl's speed for the same cells).

The cells look exactly as the openpyxl-written exports do: the formats are made from the
same style definitions (``xlsx_style.style_definitions``), and the text is made safe and
measured by the same :class:`~cchc_desktop.exports.xlsx_style.SheetLayout`. XlsxWriter does
not write named cell styles, so Excel's "Cell Styles" gallery does not list the "cchc …"
styles in a report; every cell carries the look itself. The units' forms, which openpyxl
reads back, are still written with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from openpyxl.styles import NamedStyle
from xlsxwriter.chart import Chart
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from cchc_desktop.exports import xlsx_style as st

# Excel's column pixels for a width w (in characters of the default font's digit, 7 px):
# trunc(((256 w + trunc(128 / 7)) / 256) × 7). XlsxWriter takes pixels, so a report's columns
# are as wide on screen as openpyxl's same width made them.
_DIGIT_PX = 7


def _pixels(width: float) -> int:
    return int((256 * width + 128 // _DIGIT_PX) / 256 * _DIGIT_PX)


# Where a workbook goes: a file's path, or a binary stream (a test reads it back in memory).
Target = Path | str | IO[bytes]

_VERTICAL = {"top": "top", "center": "vcenter", "bottom": "bottom"}


def format_spec(style: NamedStyle) -> dict[str, Any]:
    """An openpyxl named style's look as XlsxWriter format properties."""
    font, fill, border, align = style.font, style.fill, style.border, style.alignment
    spec: dict[str, Any] = {
        "font_name": font.name,
        "font_size": font.sz,
        "bold": bool(font.b),
        "italic": bool(font.i),
    }
    if fill.fill_type == "solid":
        spec.update(pattern=1, bg_color="#" + str(fill.fgColor.rgb)[-6:])
    if border.left is not None and border.left.style == "thin":
        spec.update(border=1, border_color="#" + str(border.left.color.rgb)[-6:])
    if align.horizontal:
        spec["align"] = align.horizontal
    if align.vertical:
        spec["valign"] = _VERTICAL[align.vertical]
    if align.wrap_text:
        spec["text_wrap"] = True
    if style.number_format != "General":
        spec["num_format"] = style.number_format
    return spec


class ReportBook:
    """One report workbook: its formats (one per named style, plain and "quote prefix") and
    its sheets, written to ``path`` by :meth:`close`."""

    def __init__(self, target: Target, *, size: float = st.FONT_SIZE):
        # Text is never a formula, a number or a link, whatever it looks like; parts are
        # built in memory, so a failed export leaves no temporary files behind.
        self.wb = xlsxwriter.Workbook(
            str(target) if isinstance(target, Path) else target,
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "in_memory": True,
            },
        )
        self.formats: dict[str, Format] = {}
        self.quoted: dict[str, Format] = {}
        for style in st.style_definitions(size):
            spec = format_spec(style)
            self.formats[style.name] = self.wb.add_format(spec)
            self.quoted[style.name] = self.wb.add_format({**spec, "quote_prefix": True})

    def sheet(self, name: str, fits: dict[int, st.ColumnFit] | None = None) -> ReportSheet:
        return ReportSheet(self, self.wb.add_worksheet(name), fits)

    def set_properties(self, *, title: str, creator: str, subject: str = "") -> None:
        """Document properties shown by Excel (File > Info) and file managers."""
        self.wb.set_properties({"title": title, "author": creator, "subject": subject})

    def close(self) -> None:
        """Write the file. A file that cannot be written raises the ``OSError`` itself (as
        any other export does), not XlsxWriter's wrapper of it."""
        try:
            self.wb.close()
        except FileCreateError as err:
            cause = err.args[0] if err.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise


class ReportSheet(st.SheetLayout):
    """A report sheet: the shared cell writing of :class:`~cchc_desktop.exports.xlsx_style.
    SheetLayout` placed through XlsxWriter (rows and columns from 1, as in openpyxl), and the
    sheet's set-up: frozen panes, filter, outline, A4 print layout, page breaks, charts."""

    def __init__(self, book: ReportBook, ws: Worksheet, fits: dict[int, st.ColumnFit] | None):
        super().__init__(fits)
        self.book = book
        self.ws = ws
        self._formats = book.formats
        self._quoted = book.quoted
        self._heights: dict[int, float] = {}
        self._fixed: set[int] = set()

    def _place(
        self, row: int, col: int, value: Any, style: str, quoted: bool, text: bool
    ) -> tuple[Any, Format]:
        fmt = (self._quoted if quoted else self._formats)[style]
        r, c, ws = row - 1, col - 1, self.ws
        if text and value:
            ws.write_string(r, c, value, fmt)
        elif value is None or text:  # no text: a blank cell with the format
            ws.write_blank(r, c, None, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, fmt)
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, value, fmt)  # shown with the style's date format
        else:
            ws.write_string(r, c, str(value), fmt)
        return value, fmt

    def _merge(self, top: int, left: int, bottom: int, right: int, style: str, cell: Any) -> None:
        # XlsxWriter writes the top-left value again and every covered cell with the format,
        # so the range's borders and fill are whole wherever it is cut.
        value, fmt = cell
        self.ws.merge_range(top - 1, left - 1, bottom - 1, right - 1, value, fmt)

    def _fix_height(self, row: int, height: float) -> None:
        self._heights[row] = height
        self._fixed.add(row)

    def _set_widths(self, widths: dict[int, float]) -> None:
        for col, width in widths.items():
            self.ws.set_column_pixels(col - 1, col - 1, _pixels(width))

    def _fit_heights(self, widths: dict[int, float]) -> None:
        heights = self._heights
        for row, items in self._wrapped.items():
            if row not in self._fixed:
                height = self._row_height(items, widths)
                if height > st.DEFAULT_ROW_PT:
                    # XlsxWriter keeps whole pixels (0.75 pt): up, so no line is cut.
                    heights[row] = math.ceil(round(height, 1) / 0.75) * 0.75
        for row in sorted(heights.keys() | self._outline.keys()):
            level = self._outline.get(row, 0)
            options = {"level": level} if level else None
            self.ws.set_row(row - 1, heights.get(row), None, options)

    def row_height(self, row: int) -> float:
        """The height of ``row`` as set by :meth:`fit_columns` (pt)."""
        return self._heights.get(row, st.DEFAULT_ROW_PT)

    def freeze(self, row: int, col: int) -> None:
        """Keep the rows above ``row`` and the columns left of ``col`` in view."""
        self.ws.freeze_panes(row - 1, col - 1)

    def autofilter(self, first_row: int, last_row: int, last_col: int) -> None:
        self.ws.autofilter(first_row - 1, 0, last_row - 1, last_col - 1)

    def summary_above(self) -> None:
        """Outline groups' summary rows sit above their rows (a group heading)."""
        self.ws.outline_settings(True, False, True, False)

    def keep_together(self, blocks: Sequence[tuple[int, int, float]], scale: float) -> None:
        """Start a block on a new printed page when it would be cut in two and fits on one
        (see :func:`~cchc_desktop.exports.xlsx_style.page_breaks`)."""
        breaks = st.page_breaks(self.row_height, blocks, scale)
        if breaks:
            self.ws.set_h_pagebreaks(breaks)

    def print_layout(
        self, *, title_rows: tuple[int, int] | None = None, widths: Iterable[float] | None = None
    ) -> None:
        """A4 landscape, one page wide (or, given the column ``widths``, the smallest
        readable zoom when one page wide would print below ``MIN_PRINTED_PT``), "Trang x/y"
        in the footer, ``title_rows`` (first, last) repeated on every printed page."""
        ws = self.ws
        ws.set_paper(9)  # A4
        ws.set_landscape()
        zoom = st.readable_zoom(widths) if widths is not None else None
        if zoom is None:
            ws.fit_to_pages(1, 0)  # as many pages tall as needed
        else:
            ws.set_print_scale(zoom)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.set_header("", {"margin": 0.3})
        ws.set_footer(st.FOOTER, {"margin": 0.3})
        ws.center_horizontally()
        if title_rows:
            ws.repeat_rows(title_rows[0] - 1, title_rows[1] - 1)

    def add_chart(self, chart: Chart, row: int, col: int) -> None:
        self.ws.insert_chart(row - 1, col - 1, chart)
