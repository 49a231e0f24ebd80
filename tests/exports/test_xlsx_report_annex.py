"""The .xlsx as the report's annex: "Phụ lục … (Kèm theo Báo cáo số …)", the partition (same
figures as the .docx), every quarter's results and evidence, printed at 9 pt or more, and no
"SỐ /KH" when the plan has no number."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from openpyxl import load_workbook

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_record import ReportRecord
from cchc_desktop.domain.summary import summarize
from cchc_desktop.exports import xlsx_style as st
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import read_plan_file
from tests.exports.conftest import PLANS

HAI_DUONG = read_plan_file(PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json")
NINH_THUAN = read_plan_file(PLANS / "ke-hoach-sldtbxh-ninh-thuan-2022.plan.json")
H1 = Period.parse("2022-H1")


def _annex(plan, period: Period, tmp_path: Path):  # type: ignore[no-untyped-def]
    target = tmp_path / "bc.xlsx"
    write_report_xlsx(plan, period, target)
    return load_workbook(target)


def test_annex_heading_figures_and_tasks(tmp_path: Path) -> None:
    record = ReportRecord(H1, number="125", issued_on=IssueDate(2022, 6, 18))
    plan = dataclasses.replace(HAI_DUONG, reports=[record])
    wb = _annex(plan, H1, tmp_path)
    ws = wb["Phụ lục"]
    assert ws["A1"].value == "PHỤ LỤC"
    assert ws["A2"].value == "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2022"
    assert ws["A3"].value == (
        "(Kèm theo Báo cáo số 125/BC-SKHCN ngày 18 tháng 6 năm 2022 của Sở Khoa học và Công nghệ)"
    )
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[1] == "Tổng số nhiệm vụ trong kỳ")
    partition = summarize(plan, H1).partition
    shares = []
    for r in rows[start + 1 :]:
        if not isinstance(r[0], int):
            break
        shares.append((r[1], r[2], r[4]))
    assert [(a, b, round(c, 4)) for a, b, c in shares] == [
        (s.label, n, round(p / 100, 4)) for s, n, p in partition.rows()
    ]
    assert sum(n for _, n, _ in shares) == rows[start][2] == 6
    assert abs(sum(p for _, _, p in shares) - 1) < 1e-9
    assert any(str(r[0]).startswith("Ngoài ra: 0 nhiệm vụ quá hạn") for r in rows if r[0])
    header = next(i for i, r in enumerate(rows) if r[0] == "STT" and r[4] == "Kết quả thực hiện")
    tasks = rows[header + 1 :]
    assert [r[1] for r in tasks] == [t.name for t in plan.tasks]
    for c in plan.checkins:  # every quarter's result, nothing dropped
        assert any(c.result.strip().rstrip(".") in (r[4] or "") for r in tasks)
    assert tasks[0][4].startswith("Quý I: Đã ban hành văn bản")
    assert tasks[0][5] == "Quý I: Công văn số 45/SKHCN-VP ngày 10/3/2022"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    widths = [ws.column_dimensions[c].width for c in "ABCDEF"]
    assert st.print_scale(widths) == 1.0  # A4 landscape at full size: 11 pt printed


def test_no_number_means_no_so_kh(tmp_path: Path) -> None:
    wb = _annex(NINH_THUAN, H1, tmp_path)
    assert wb["Tổng hợp"]["A4"].value == (
        "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2022"
    )
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                assert "SỐ /" not in str(value) and "Số /" not in str(value)
    assert wb["Phụ lục"]["A3"].value.startswith("(Kèm theo Báo cáo số       /BC-SLĐTBXH")


def test_no_sheet_prints_below_9_pt(tmp_path: Path) -> None:
    wb = _annex(HAI_DUONG, Period.parse("2022"), tmp_path)
    for ws in wb.worksheets:
        widths = [d.width or 8.43 for d in ws.column_dimensions.values()]
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            printed = st.print_scale(widths) * st.FONT_SIZE
        else:
            printed = int(ws.page_setup.scale) * st.FONT_SIZE / 100
        assert printed >= 9, ws.title
