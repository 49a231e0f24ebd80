"""Native Excel charts for the report workbook (XlsxWriter), in the exports' Times New Roman
look."""

from __future__ import annotations

from xlsxwriter.chart import Chart
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

from cchc_desktop.exports.xlsx_book import ReportBook
from cchc_desktop.exports.xlsx_style import FONT_NAME

BAR_COLOR = "4472C4"
WIDTH_CM = 22.0
_PX_PER_CM = 96 / 2.54


def chart_height_cm(units: int) -> float:
    """One bar of about 0.7 cm per unit, within what an A4 landscape page can hold."""
    return min(16.0, max(6.0, 2.5 + 0.7 * units))


def _range(sheet: str, col: int, first: int, last: int) -> str:
    top = xl_rowcol_to_cell(first - 1, col - 1, row_abs=True, col_abs=True)
    bottom = xl_rowcol_to_cell(last - 1, col - 1, row_abs=True, col_abs=True)
    return f"={quote_sheetname(sheet)}!{top}:{bottom}"


def unit_done_chart(
    book: ReportBook,
    sheet: str,
    *,
    categories: tuple[int, int, int],
    values: tuple[int, int, int],
    title: str,
) -> Chart:
    """Horizontal bars of a percentage column (0–100 %), one bar per row.

    ``categories`` is (column, first row, last row) of the labels; ``values`` is (column,
    title row, last row) of the figures, the title row naming the series.
    """
    col, first, last = categories
    font = {"name": FONT_NAME, "size": 10}
    chart = book.wb.add_chart({"type": "bar"})
    assert chart is not None
    chart.set_style(2)
    chart.set_title({"name": title, "name_font": {"name": FONT_NAME, "size": 12, "bold": True}})
    chart.set_legend({"none": True})
    name = f"={quote_sheetname(sheet)}!{xl_rowcol_to_cell(values[1] - 1, values[0] - 1)}"
    chart.add_series(
        {
            "name": name,
            "categories": _range(sheet, col, first, last),
            "values": _range(sheet, values[0], values[1] + 1, values[2]),
            "fill": {"color": "#" + BAR_COLOR},
            "border": {"color": "#" + BAR_COLOR},
            "data_labels": {"value": True, "num_format": "0.0%", "font": font},
            "gap": 60,
        }
    )
    # The first unit on top, as in the table (bar charts list categories bottom-up).
    chart.set_y_axis({"reverse": True, "num_font": font})
    chart.set_x_axis(
        {
            "min": 0,
            "max": 1,
            "major_unit": 0.2,
            "num_format": "0%",
            "major_gridlines": {"visible": False},
            "num_font": font,
        }
    )
    height = chart_height_cm(last - first + 1)
    chart.set_size({"width": round(WIDTH_CM * _PX_PER_CM), "height": round(height * _PX_PER_CM)})
    return chart
