"""The period progress report as an .xlsx workbook (quarter, half year or year).

Four sheets: "Tổng hợp" (totals by state, by lead unit, quarters side by side for a half year
or a year, a bar chart of % done by unit), "Chi tiết" (one row per task), "Chưa báo cáo"
(the tasks due in the period that nobody reported on, by unit) and "Phụ lục" (the annex sent
with the Báo cáo). Every figure comes from ``domain/summary.py`` and every state from
``domain/progress.py``: the sheets hold numbers computed by the application, never formulas.
A pure function from a loaded Plan to a file, written with XlsxWriter (``xlsx_book``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path

from cchc_desktop.atomic import write_atomic
from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.summary import (
    SUMMARY_KEYS,
    PeriodSummary,
    quarter_summaries,
    summarize,
    summary_label,
)
from cchc_desktop.errors import UserError
from cchc_desktop.exports import xlsx_style as st
from cchc_desktop.exports.report_text import annex_report
from cchc_desktop.exports.xlsx_book import ReportBook, ReportSheet, Target
from cchc_desktop.exports.xlsx_chart import chart_height_cm, unit_done_chart
from cchc_desktop.exports.xlsx_report_annex import ANNEX_FITS, ANNEX_SHEET, write_annex_sheet
from cchc_desktop.exports.xlsx_report_sheets import (
    MISSING_FITS,
    cutoff_line,
    detail_fits,
    report_title,
    write_detail_sheet,
    write_missing_sheet,
)
from cchc_desktop.logs import counts

log = logging.getLogger(__name__)

SUMMARY_SHEET = "Tổng hợp"
DETAIL_SHEET = "Chi tiết"
MISSING_SHEET = "Chưa báo cáo"

# "Tổng hợp" columns: A = STT, B = label or unit, C onwards = figures.
_FIGURES_COL = 3
_UNIT_FIGURES = (
    "Số nhiệm vụ chủ trì",
    "Hoàn thành",
    "Đang thực hiện",
    "Quá hạn",
    "Chưa báo cáo",
    "Tỷ lệ hoàn thành",
)
_UNIT_QUARTER_FIGURES = ("Hoàn thành", "Chưa báo cáo", "Tỷ lệ hoàn thành")


def write_report_xlsx(plan: Plan, period: Period, path: Path, as_of: dt.date | None = None) -> None:
    """Write the progress report of ``plan`` for ``period`` to ``path`` (replaced atomically).

    ``as_of`` is the day overdue is judged at (default: the period's last day).
    """
    if period.year != plan.year:
        raise UserError(
            f"Kỳ báo cáo {period.short_label()} không thuộc kế hoạch năm {plan.year}.",
            file=str(path),
            detail=f"period {period} is outside the plan's year {plan.year}",
        )
    write_atomic(Path(path), lambda tmp: write_report_workbook(plan, period, tmp, as_of))
    log.info("exported the %s report of plan %s to %s: %s", period, plan.id, path, counts(plan))


def write_report_workbook(
    plan: Plan, period: Period, target: Target, as_of: dt.date | None = None
) -> None:
    """Write the report's workbook to ``target`` (a file's path or a binary stream)."""
    summary = summarize(plan, period, as_of)
    quarters = (
        quarter_summaries(plan, period, as_of) if period.kind is not PeriodKind.QUARTER else []
    )
    book = ReportBook(target)
    _write_summary_sheet(book.sheet(SUMMARY_SHEET), summary, quarters, as_of)
    write_detail_sheet(book.sheet(DETAIL_SHEET, detail_fits(quarters)), summary, quarters, as_of)
    write_missing_sheet(book.sheet(MISSING_SHEET, MISSING_FITS), summary, as_of)
    write_annex_sheet(book.sheet(ANNEX_SHEET, ANNEX_FITS), annex_report(plan, summary, as_of))
    book.set_properties(
        title=f"{report_title(plan)} {period.label()}",
        creator=plan.organization.name,
        subject=plan.title,
    )
    book.close()


def write_title_block(
    w: st.SheetLayout, summary: PeriodSummary, last_col: int, as_of: dt.date | None
) -> int:
    """Issuing body, report title, plan subject, period and cut-off; returns the next row."""
    plan = summary.plan
    org_last = min(2, last_col)
    w.merge_put(1, 1, org_last, plan.organization.parent.upper(), st.ORG_PARENT)
    w.merge_put(2, 1, org_last, plan.organization.name.upper(), st.ORG_NAME)
    w.merge_put(4, 1, last_col, report_title(plan), st.TITLE)
    w.merge_put(5, 1, last_col, plan.title, st.SUBTITLE)
    w.merge_put(6, 1, last_col, summary.period.label().upper(), st.TITLE)
    w.merge_put(7, 1, last_col, cutoff_line(summary, as_of), st.SUBTITLE)
    return 9


def _write_summary_sheet(
    w: ReportSheet,
    summary: PeriodSummary,
    quarters: list[PeriodSummary],
    as_of: dt.date | None,
) -> None:
    blocks = [summary, *quarters]
    status_last = _FIGURES_COL + 2 * len(blocks) - 1
    unit_last = _FIGURES_COL + len(_UNIT_FIGURES) - 1
    quarter_last = _FIGURES_COL + len(_UNIT_QUARTER_FIGURES) * len(quarters) - 1
    last_col = max(status_last, unit_last, quarter_last)
    row = write_title_block(w, summary, last_col, as_of)
    row = _write_status_table(w, row, blocks)
    page_blocks = [(1, row - 1)]
    w.merge_put(row, 1, last_col, "II. TỔNG HỢP THEO ĐƠN VỊ CHỦ TRÌ", st.HEADING)
    unit_header = row + 1
    row = _write_unit_table(w, unit_header, summary)
    page_blocks.append((unit_header - 1, row - 1))
    unit_rows = (unit_header + 2, row - 1)
    if quarters:
        heading = "III. SỐ LIỆU THEO QUÝ CỦA ĐƠN VỊ CHỦ TRÌ"
        w.merge_put(row + 1, 1, last_col, heading, st.HEADING)
        page_blocks.append((row, row + 1))
        row = _write_unit_quarter_table(w, row + 2, summary, quarters)
        page_blocks[-1] = (page_blocks[-1][0], row - 1)
    fits = {1: st.ColumnFit(5, 6), 2: st.ColumnFit(24, 38)}
    fits.update({c: st.ColumnFit(10.5, 12) for c in range(_FIGURES_COL, last_col + 1)})
    widths = w.fit_columns(fits)
    blocks_pt = [(first, last, 0.0) for first, last in page_blocks]
    if summary.units:
        chart = unit_done_chart(
            w.book,
            SUMMARY_SHEET,
            categories=(2, *unit_rows),
            values=(_FIGURES_COL + len(_UNIT_FIGURES) - 1, unit_header + 1, unit_rows[1]),
            title=f"Tỷ lệ hoàn thành theo đơn vị chủ trì, {summary.period.label()}",
        )
        w.add_chart(chart, row + 1, 2)
        height_cm = chart_height_cm(unit_rows[1] - unit_rows[0] + 1)
        blocks_pt.append((row, row, height_cm / 2.54 * 72))
    # Tables and the chart are not cut across two printed pages.
    w.keep_together(blocks_pt, st.print_scale(widths.values()))
    w.print_layout()


def _two_row_header(
    w: ReportSheet,
    row: int,
    first_label: str,
    groups: Sequence[tuple[str, tuple[str, ...]]],
) -> None:
    """STT and ``first_label`` over two rows, then each group's title over its columns."""
    for col, text in ((1, "STT"), (2, first_label)):
        w.merge_put(row, col, col, text, st.HEADER, last_row=row + 1)
    col = _FIGURES_COL
    for title, columns in groups:
        w.merge_put(row, col, col + len(columns) - 1, title, st.HEADER)
        for offset, text in enumerate(columns):
            w.header(row + 1, col + offset, text)
        col += len(columns)


def _block_title(block: PeriodSummary, main: PeriodSummary) -> str:
    if block is main and main.period.kind is not PeriodKind.QUARTER:
        return f"Cả kỳ ({main.period.short_label()})"
    return block.period.short_label()


def _write_status_table(w: ReportSheet, row: int, blocks: list[PeriodSummary]) -> int:
    main = blocks[0]
    w.put(row, 1, "I. TỔNG HỢP THEO TÌNH TRẠNG", st.HEADING, measure=False)
    groups = [(_block_title(b, main), ("Số nhiệm vụ", "Tỷ lệ")) for b in blocks]
    _two_row_header(w, row + 1, "Tình trạng", groups)
    row += 3
    w.put(row, 1, None, st.TOTAL)
    w.put(row, 2, "Tổng số nhiệm vụ trong kỳ", st.TOTAL)
    for i, b in enumerate(blocks):
        w.put(row, _FIGURES_COL + 2 * i, b.counts.total, st.TOTAL_NUMBER)
        w.put(row, _FIGURES_COL + 2 * i + 1, None, st.TOTAL_PERCENT)
    for n, key in enumerate(SUMMARY_KEYS, start=1):
        row += 1
        w.put(row, 1, n, st.NUMBER)
        w.put(row, 2, summary_label(key), st.state_style(key))
        for i, b in enumerate(blocks):
            w.put(row, _FIGURES_COL + 2 * i, b.counts.by_key[key], st.NUMBER)
            w.put(row, _FIGURES_COL + 2 * i + 1, b.counts.percent(key) / 100, st.PERCENT)
    row += 1
    w.put(row, 1, None, st.TEXT)
    w.put(row, 2, "Đến kỳ báo cáo nhưng chưa báo cáo trong kỳ", st.TEXT)
    for i, b in enumerate(blocks):
        w.put(row, _FIGURES_COL + 2 * i, b.not_reported_count, st.NUMBER)
        w.put(row, _FIGURES_COL + 2 * i + 1, None, st.PERCENT)
    row += 1
    note = (
        "Ghi chú: “Quá hạn” là nhiệm vụ đã đến hạn mà chưa hoàn thành, đã tính trong các dòng "
        "tình trạng ở trên; “Chưa báo cáo” là nhiệm vụ chưa có báo cáo nào đến hết kỳ; dòng "
        f"cuối là danh sách ở sheet “{MISSING_SHEET}”."
    )
    last = max(_FIGURES_COL + 2 * len(blocks) - 1, _FIGURES_COL + len(_UNIT_FIGURES) - 1)
    w.merge_put(row, 1, last, note, st.NOTE)
    return row + 2


def _write_unit_table(w: ReportSheet, row: int, summary: PeriodSummary) -> int:
    _two_row_header(w, row, "Đơn vị chủ trì", [(_block_title(summary, summary), _UNIT_FIGURES)])
    row += 2
    for n, f in enumerate(summary.units, start=1):
        w.put(row, 1, n, st.NUMBER)
        w.put(row, 2, f.unit, st.TEXT)
        figures = (f.led, f.done, f.in_progress, f.overdue, f.not_reported)
        for i, value in enumerate(figures):
            w.put(row, _FIGURES_COL + i, value, st.NUMBER)
        w.put(row, _FIGURES_COL + len(figures), f.percent_done / 100, st.PERCENT)
        row += 1
    if not summary.units:
        last = _FIGURES_COL + len(_UNIT_FIGURES) - 1
        w.merge_put(row, 1, last, "Không có nhiệm vụ nào trong kỳ.", st.TEXT)
        row += 1
    return row


def _write_unit_quarter_table(
    w: ReportSheet, row: int, summary: PeriodSummary, quarters: list[PeriodSummary]
) -> int:
    """Per unit, per quarter: done, not reported, % done (the unit's quarter figures)."""
    groups = [(q.period.short_label(), _UNIT_QUARTER_FIGURES) for q in quarters]
    _two_row_header(w, row, "Đơn vị chủ trì", groups)
    row += 2
    by_quarter = [{f.unit: f for f in q.units} for q in quarters]
    for n, unit in enumerate(summary.units, start=1):
        w.put(row, 1, n, st.NUMBER)
        w.put(row, 2, unit.unit, st.TEXT)
        for i, figures in enumerate(by_quarter):
            col = _FIGURES_COL + len(_UNIT_QUARTER_FIGURES) * i
            f = figures.get(unit.unit)
            w.put(row, col, f.done if f else None, st.NUMBER)
            w.put(row, col + 1, f.not_reported if f else None, st.NUMBER)
            w.put(row, col + 2, f.percent_done / 100 if f else None, st.PERCENT)
        row += 1
    return row
