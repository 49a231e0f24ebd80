"""Native Excel charts for the .xlsx exports, in the exports' Times New Roman look."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import (
    CharacterProperties,
    Font,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.exports.xlsx_style import FONT_NAME

BAR_COLOR = "4472C4"


def _text(size: int = 1000, *, bold: bool = False) -> RichText:
    """Chart text properties: Times New Roman at ``size`` hundredths of a point."""
    props = CharacterProperties(latin=Font(typeface=FONT_NAME), sz=size, b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _title(text: str) -> Title:
    props = CharacterProperties(latin=Font(typeface=FONT_NAME), sz=1200, b=True)
    paragraph = Paragraph(
        pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)]
    )
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def unit_done_chart(
    ws: Worksheet,
    *,
    categories: tuple[int, int, int],
    values: tuple[int, int, int],
    title: str,
) -> BarChart:
    """Horizontal bars of a percentage column (0–100 %), one bar per row.

    ``categories`` is (column, first row, last row) of the labels; ``values`` is (column,
    title row, last row) of the figures, the title row naming the series.
    """
    col, first, last = categories
    chart = BarChart()
    chart.type = "bar"
    chart.style = 2
    chart.title = _title(title)
    chart.legend = None
    data = Reference(ws, min_col=values[0], min_row=values[1], max_row=values[2])
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=col, min_row=first, max_row=last))
    series = chart.series[0]
    series.graphicalProperties.solidFill = BAR_COLOR
    series.graphicalProperties.line.solidFill = BAR_COLOR
    series.dLbls = DataLabelList(
        showVal=True,
        showSerName=False,
        showCatName=False,
        showLegendKey=False,
        showPercent=False,
        numFmt="0.0%",
    )
    series.dLbls.txPr = _text()
    chart.gapWidth = 60
    # The first unit on top, as in the table (bar charts list categories bottom-up).
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.majorUnit = 0.2
    chart.y_axis.number_format = "0%"
    chart.y_axis.majorGridlines = None
    # WORKAROUND for openpyxl 3.1 writing <c:delete val="1"/> by default: axes hidden in Excel.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.txPr = _text()
    chart.y_axis.txPr = _text()
    chart.width = 22.0  # cm
    # One bar of about 0.7 cm per unit, within what an A4 landscape page can hold.
    chart.height = min(16.0, max(6.0, 2.5 + 0.7 * (last - first + 1)))
    return chart
