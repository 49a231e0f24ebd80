"""The table sheets of the .xlsx progress report: "Chi tiết" (one row per task, grouped when
the plan groups its tasks) and "Chưa báo cáo" (who to phone). Titles shared with "Tổng hợp".
"""

from __future__ import annotations

import datetime as dt

from cchc_desktop.domain.contributions import contribution_lines
from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.progress import TaskState, judged_at
from cchc_desktop.domain.report_phrases import topic
from cchc_desktop.domain.summary import PeriodSummary
from cchc_desktop.exports import xlsx_style as st
from cchc_desktop.exports.xlsx_book import ReportSheet
from cchc_desktop.exports.xlsx_style import ColumnFit

HEADER_ROW = 3  # row 1: title, row 2: period and cut-off, row 3: column headings

# Widths in Excel character units. A4 landscape holds about 148 units at 100 %; the detail
# table is about 190 (plus 9 per quarter), printed one page wide at 60-75 %.
DETAIL_COLUMNS: tuple[tuple[str, ColumnFit], ...] = (
    ("STT", ColumnFit(4.5, 5.5)),
    ("Nhiệm vụ", ColumnFit(20, 25)),
    ("Sản phẩm", ColumnFit(10, 12)),
    ("Đơn vị chủ trì", ColumnFit(10, 12)),
    ("Đơn vị phối hợp", ColumnFit(10, 12)),
    ("Thời gian thực hiện", ColumnFit(10, 10)),
    ("Tình trạng", ColumnFit(10.5, 10.5)),
    ("Tiến độ (%)", ColumnFit(7, 7)),
    ("Kết quả thực hiện", ColumnFit(20, 25)),
    ("Đạt / chỉ tiêu", ColumnFit(9, 10)),
    ("Tài liệu kiểm chứng", ColumnFit(10, 14)),
    ("Khó khăn, vướng mắc", ColumnFit(10, 13)),
    ("Đề xuất, kiến nghị", ColumnFit(10, 13)),
    ("Đơn vị báo cáo", ColumnFit(10, 12)),
    ("Ngày báo cáo", ColumnFit(10.5, 10.5)),
    # Who stored the answer last (issue 19: several clerks on one server).
    ("Người nhập", ColumnFit(10, 12)),
)
QUARTER_FIT = ColumnFit(9.5, 9.5)


def detail_fits(quarters: list[PeriodSummary]) -> dict[int, ColumnFit]:
    """The detail sheet's column bounds: its columns, then one per quarter."""
    fits = {i: fit for i, (_, fit) in enumerate(DETAIL_COLUMNS, start=1)}
    fits.update({len(DETAIL_COLUMNS) + 1 + i: QUARTER_FIT for i in range(len(quarters))})
    return fits


MISSING_COLUMNS: tuple[tuple[str, ColumnFit], ...] = (
    ("STT", ColumnFit(5, 6)),
    ("Đơn vị chủ trì", ColumnFit(16, 30)),
    ("STT nhiệm vụ", ColumnFit(9, 9)),
    ("Nhiệm vụ", ColumnFit(30, 60)),
    ("Thời gian thực hiện", ColumnFit(11, 16)),
    ("Báo cáo gần nhất", ColumnFit(16, 30)),
    ("Ghi chú (liên hệ, nhắc)", ColumnFit(24, 24)),
)
MISSING_FITS = {i: fit for i, (_, fit) in enumerate(MISSING_COLUMNS, start=1)}


def report_title(plan: Plan) -> str:
    """``"BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ 74/KH-SKHCN"``."""
    if plan.number.strip():
        return f"BÁO CÁO TIẾN ĐỘ THỰC HIỆN {plan.doc_type} SỐ {plan.number_symbol.strip()}"
    # No number: the plan is named by its subject, never "SỐ /KH-…".
    return f"BÁO CÁO TIẾN ĐỘ THỰC HIỆN {plan.doc_type} {topic(plan.title).upper()}"


def cutoff_line(summary: PeriodSummary, as_of: dt.date | None) -> str:
    """``"(Số liệu từ ngày 15/12/2021 đến ngày 14/03/2022; …)"``: the data cut-off."""
    start, end = summary.cutoff
    return (
        f"(Số liệu từ ngày {short_date(start)} đến ngày {short_date(end)}; "
        f"tình trạng quá hạn xét đến ngày {short_date(judged_at(summary.period, as_of))})"
    )


def _sheet_title(
    w: ReportSheet, title: str, summary: PeriodSummary, last_col: int, as_of: dt.date | None
) -> None:
    heading = f"{title} {summary.period.label().upper()}"
    w.merge_put(1, 1, last_col, heading, st.TITLE)
    w.merge_put(2, 1, last_col, cutoff_line(summary, as_of), st.SUBTITLE)


def _finish_table(w: ReportSheet, last_col: int, last_row: int) -> None:
    w.freeze(HEADER_ROW + 1, 3)  # header row, STT and task columns stay in view
    w.autofilter(HEADER_ROW, max(last_row, HEADER_ROW), last_col)
    widths = w.fit_columns()
    w.print_layout(title_rows=(HEADER_ROW, HEADER_ROW), widths=widths.values())


def write_detail_sheet(
    w: ReportSheet,
    summary: PeriodSummary,
    quarters: list[PeriodSummary],
    as_of: dt.date | None = None,
) -> None:
    """One row per task in the period; for a half year or a year, its state per quarter."""
    plan = summary.plan
    headers = [h for h, _ in DETAIL_COLUMNS] + [q.period.short_label() for q in quarters]
    last_col = len(headers)
    _sheet_title(w, "CHI TIẾT TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", summary, last_col, as_of)
    for col, text in enumerate(headers, start=1):
        w.header(HEADER_ROW, col, text)

    position = {t.key: i for i, t in enumerate(plan.tasks, start=1)}
    contributions = contribution_lines(plan, summary.period)
    per_quarter = [{s.task.key: s for s in q.states} for q in quarters]
    grouped = any(s.task.group for s in summary.states)
    # The group heading sits above its tasks, so the outline's summary row is above too.
    w.summary_above()
    row = HEADER_ROW
    group: str | None = None
    for state in summary.states:
        task = state.task
        if grouped and task.group != group:
            group = task.group
            if group:
                row += 1
                w.merge_put(row, 1, last_col, group, st.GROUP)
        row += 1
        values, styles = _task_cells(state, position[task.key], plan.year)
        # The partners' contributions after the lead's result, each with its unit (issue 14).
        partners = contributions.get(task.key, [])
        if partners:
            values[RESULT_INDEX] = "\n".join(x for x in (str(values[RESULT_INDEX]), *partners) if x)
        for states in per_quarter:
            q_state = states.get(task.key)
            if q_state is None:  # the task had not begun in that quarter
                values.append(None)
                styles.append(st.CENTER)
            else:
                values.append(q_state.label)
                styles.append(st.state_style(q_state.state_key))
        w.put_row(row, values, styles)
        if grouped and group:
            w.outline(row)
    if not summary.states:
        row += 1
        w.merge_put(row, 1, last_col, "Không có nhiệm vụ nào trong kỳ.", st.TEXT)
    _finish_table(w, last_col, row)


RESULT_INDEX = 8  # "Kết quả thực hiện" in DETAIL_COLUMNS order

_TASK_STYLES = (
    st.NUMBER, st.TEXT, st.TEXT, st.TEXT, st.TEXT, st.CENTER, None, st.PROGRESS, st.TEXT,
    st.CENTER, st.TEXT, st.TEXT, st.TEXT, st.TEXT, st.DATE, st.TEXT,
)  # fmt: skip


def _task_cells(state: TaskState, stt: int, year: int) -> tuple[list[object], list[str]]:
    """The values and styles of a task's row, in DETAIL_COLUMNS order."""
    task, c = state.task, state.checkin
    target = task.target.format(c.achieved if c else None) if task.target is not None else ""
    values: list[object] = [
        stt,
        task.name,
        task.product,
        "\n".join(task.lead),
        "\n".join(task.partners),
        task.timeframe.display_label(year),
        state.label,
        # Nothing reported is not the same as "0 %": the cell stays empty.
        state.progress / 100 if c else None,
        c.result if c else "",
        target,
        "\n".join(e.title for e in c.evidence) if c else "",
        c.difficulties if c else "",
        c.proposals if c else "",
        c.reported_by if c else "",
        c.reported_on if c else None,
        c.edited_by if c else "",
    ]
    styles = [s or st.state_style(state.state_key) for s in _TASK_STYLES]
    return values, styles


def write_missing_sheet(
    w: ReportSheet, summary: PeriodSummary, as_of: dt.date | None = None
) -> None:
    """The tasks due in the period with no check-in in it, by lead unit (plan's unit order);
    a task led by two units is listed under each."""
    plan = summary.plan
    last_col = len(MISSING_COLUMNS)
    _sheet_title(w, "DANH SÁCH NHIỆM VỤ CHƯA BÁO CÁO", summary, last_col, as_of)
    for col, (text, _) in enumerate(MISSING_COLUMNS, start=1):
        w.header(HEADER_ROW, col, text)
    order = {u.name: i for i, u in enumerate(plan.units)}
    position = {t.key: i for i, t in enumerate(plan.tasks, start=1)}
    units = sorted(summary.missing, key=lambda name: order.get(name, len(order)))
    row = HEADER_ROW
    n = 0
    for unit in units:
        for state in summary.missing[unit]:
            row += 1
            n += 1
            values = (
                n,
                unit,
                position[state.task.key],
                state.task.name,
                state.task.timeframe.display_label(plan.year),
                _latest_report(state),
                "",
            )
            styles = (st.NUMBER, st.TEXT, st.NUMBER, st.TEXT, st.CENTER, st.TEXT, st.TEXT)
            w.put_row(row, values, styles)
    if n == 0:
        row += 1
        text = "Tất cả nhiệm vụ đến kỳ báo cáo đã được báo cáo."
        w.merge_put(row, 1, last_col, text, st.TEXT)
    _finish_table(w, last_col, row)


def _latest_report(state: TaskState) -> str:
    """``"Quý I/2022: Đang thực hiện (20%)"`` or ``"Chưa có báo cáo"``."""
    c = state.checkin
    if c is None:
        return "Chưa có báo cáo"
    return f"{c.period.short_label()}: {c.status.label} ({state.progress}%)"
