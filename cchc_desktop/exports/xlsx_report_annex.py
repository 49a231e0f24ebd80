"""The report's annex sheet ("Phụ lục"): what is printed and sent with the Báo cáo.

"PHỤ LỤC", its title, "(Kèm theo Báo cáo số …/BC-… ngày … của …)", the one partition of
the tasks (the same figures as the .docx's "Cụ thể", adding up to 100 %, "quá hạn" apart)
and the task table with the results and evidence of every quarter of the window. Six
columns sized to A4 landscape at full scale, so nothing prints below the body size; the
full detail stays on the working sheets.
"""

from __future__ import annotations

from cchc_desktop.domain.dates import date_phrase
from cchc_desktop.domain.names import agency_name
from cchc_desktop.exports import xlsx_style as st
from cchc_desktop.exports.report_text import Report, evidence_titles, joined
from cchc_desktop.exports.xlsx_book import ReportSheet

ANNEX_SHEET = "Phụ lục"
# STT, Nhiệm vụ, Đơn vị chủ trì, Tình trạng, Kết quả, Tài liệu kiểm chứng: widths in Excel
# characters that add up to an A4 landscape line at 100 % (st.print_scale == 1).
ANNEX_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 5),
    ("Nhiệm vụ", 34),
    ("Đơn vị chủ trì", 18),
    ("Tình trạng", 14),
    ("Kết quả thực hiện", 42),
    ("Tài liệu kiểm chứng", 22),
)
ANNEX_FITS = {i: st.ColumnFit(w, w) for i, (_, w) in enumerate(ANNEX_COLUMNS, start=1)}


def annex_reference(report: Report) -> str:
    """ "(Kèm theo Báo cáo số 125/BC-SKHCN ngày 18 tháng 6 năm 2022 của Sở …)"."""
    doc = report.document
    number = doc.number_symbol if doc.number else f"      /{doc.symbol}"
    issued = date_phrase(doc.issued_on, doc.year)
    return f"(Kèm theo Báo cáo số {number} {issued} của {agency_name(doc.organization.name)})"


def write_annex_sheet(w: ReportSheet, report: Report) -> None:
    last = len(ANNEX_COLUMNS)
    period = report.period
    w.merge_put(1, 1, last, "PHỤ LỤC", st.TITLE)
    w.merge_put(2, 1, last, f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {period.label().upper()}", st.TITLE)
    w.merge_put(3, 1, last, annex_reference(report), st.SUBTITLE)
    row = 5
    w.merge_put(row, 1, last, "I. SỐ LIỆU TỔNG HỢP", st.HEADING)
    row += 1
    for col, text in ((1, "STT"), (2, "Tình trạng")):
        w.header(row, col, text)
    w.merge_put(row, 3, 4, "Số nhiệm vụ", st.HEADER)
    w.merge_put(row, 5, 5, "Tỷ lệ", st.HEADER)
    p = report.summary.partition
    row += 1
    w.put(row, 1, None, st.TOTAL)
    w.put(row, 2, "Tổng số nhiệm vụ trong kỳ", st.TOTAL)
    w.merge_put(row, 3, 4, p.total, st.TOTAL_NUMBER)
    w.put(row, 5, 1.0 if p.total else None, st.TOTAL_PERCENT)
    for n, (share, count, value) in enumerate(p.rows(), start=1):
        row += 1
        w.put(row, 1, n, st.NUMBER)
        w.put(
            row,
            2,
            share.label,
            st.state_style(share.value if share.value != "not_due" else "not_started"),
        )
        w.merge_put(row, 3, 4, count, st.NUMBER)
        w.put(row, 5, value / 100, st.PERCENT)
    row += 1
    w.merge_put(
        row, 1, last,
        f"Ngoài ra: {p.overdue} nhiệm vụ quá hạn chưa hoàn thành (đã tính trong các dòng trên).",
        st.NOTE,
    )  # fmt: skip
    row += 2
    w.merge_put(row, 1, last, "II. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ", st.HEADING)
    row += 1
    header_row = row
    for col, (text, _) in enumerate(ANNEX_COLUMNS, start=1):
        w.header(row, col, text)
    group = ""
    for n, state in enumerate(report.summary.states, start=1):
        task = state.task
        if task.group and task.group != group:
            row += 1
            w.merge_put(row, 1, last, task.group, st.GROUP)
        group = task.group
        window = report.window.get(task.key, [])
        result = joined(window, lambda c: c.result)
        latest = state.checkin
        if not window and latest is not None and latest.result.strip():
            result = f"{latest.result.strip()} (theo báo cáo {latest.period.short_label()})"
        # The partners' contributions after the lead's answer, each with its unit (issue 14).
        result = "\n".join(x for x in (result, *report.contributions.get(task.key, [])) if x)
        row += 1
        w.put_row(
            row,
            [n, task.name, "\n".join(task.lead), state.label, result,
             joined(window, evidence_titles)],
            [st.NUMBER, st.TEXT, st.TEXT, st.state_style(state.state_key), st.TEXT, st.TEXT],
        )  # fmt: skip
    widths = w.fit_columns()
    w.print_layout(title_rows=(header_row, header_row), widths=widths.values())
