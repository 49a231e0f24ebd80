"""The .xlsx progress report of Kế hoạch 74/KH-SKHCN (Hải Dương, Q1 and Q2 check-ins) for
Q1, H1 and the year. Every expected figure is worked out by hand from the fixture:

    T1 VP recurring   Q1 in_progress 25   Q2 in_progress 50
    T2 TT year        Q1 in_progress 50   Q2 done
    T3 VP recurring   Q1 in_progress 30   Q2 in_progress 55
    T4 VP recurring   Q1 in_progress 25   Q2 in_progress 45
    T5 TT recurring   Q1 in_progress 30   Q2 in_progress 60
    T6 CC year        Q1 not_started      Q2 in_progress 45
    (VP = Văn phòng Sở, TT = Trung tâm Đo lường…, CC = Chi cục Tiêu chuẩn…)

Recurring tasks are never overdue; a "year" task is due 31/12, so at the year's end T6 is
overdue; nobody reported in Q3 or Q4, so those quarters list all six tasks as not reported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import read_plan_file
from tests.conftest import HAI_DUONG
from tests.exports import xlsx_read as R

VP = "Văn phòng Sở"
TT = "Trung tâm Đo lường, Thử nghiệm và TTKH"
CC = "Chi cục Tiêu chuẩn - Đo lường - Chất lượng"
LABELS = (
    "Tổng số nhiệm vụ trong kỳ",
    "Chưa triển khai",
    "Đang thực hiện",
    "Hoàn thành",
    "Hoàn thành chậm",
    "Không hoàn thành",
    "Dừng thực hiện",
    "Quá hạn",
    "Chưa báo cáo",
    "Đến kỳ báo cáo nhưng chưa báo cáo trong kỳ",
)
UNITS_HEADING = "II. TỔNG HỢP THEO ĐƠN VỊ CHỦ TRÌ"
QUARTERS_HEADING = "III. SỐ LIỆU THEO QUÝ CỦA ĐƠN VỊ CHỦ TRÌ"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Workbook]:
    plan = read_plan_file(HAI_DUONG)
    out = {}
    folder = tmp_path_factory.mktemp("xlsx-hai-duong")
    for text in ("2022-Q1", "2022-H1", "2022"):
        path = folder / f"bao-cao-{text}.xlsx"
        write_report_xlsx(plan, Period.parse(text), path)
        out[text] = R.open_report(path)
    return out


def column(table: dict[str, list[int]], i: int) -> list[int]:
    """The counts of column block ``i`` in LABELS order."""
    return [table[label][i] for label in LABELS]


def test_sheets_and_title_rows(reports: dict[str, Workbook]) -> None:
    wb = reports["2022-Q1"]
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết", "Chưa báo cáo", "Phụ lục"]
    ws = R.sheet(wb, "Tổng hợp")
    assert [ws.cell(r, 1).value for r in range(1, 8)] == [
        "UBND TỈNH HẢI DƯƠNG",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        None,
        "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ 74/KH-SKHCN",
        "Tuyên truyền cải cách hành chính Nhà nước năm 2022",
        "QUÝ I NĂM 2022",
        "(Số liệu từ ngày 15/12/2021 đến ngày 14/03/2022; "
        "tình trạng quá hạn xét đến ngày 31/03/2022)",
    ]


@pytest.mark.parametrize(
    ("period", "label", "cutoff"),
    [
        ("2022-H1", "6 THÁNG ĐẦU NĂM 2022", "từ ngày 15/12/2021 đến ngày 14/06/2022"),
        ("2022", "NĂM 2022", "từ ngày 15/12/2021 đến ngày 14/12/2022"),
    ],
)
def test_period_label_and_cutoff(
    reports: dict[str, Workbook], period: str, label: str, cutoff: str
) -> None:
    ws = R.sheet(reports[period], "Tổng hợp")
    assert ws["A6"].value == label
    assert cutoff in ws["A7"].value
    for name, title in (("Chi tiết", "CHI TIẾT TIẾN ĐỘ"), ("Chưa báo cáo", "DANH SÁCH")):
        other = R.sheet(reports[period], name)
        assert other["A1"].value.startswith(title) and other["A1"].value.endswith(label)
        assert cutoff in other["A2"].value


def test_q1_totals_by_status(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-Q1"], "Tổng hợp")
    table = R.counts(ws, 1)
    assert column(table, 0) == [6, 1, 5, 0, 0, 0, 0, 0, 0, 0]
    shares = R.shares(ws, 1)
    assert shares["Chưa triển khai"] == [pytest.approx(0.167)]
    assert shares["Đang thực hiện"] == [pytest.approx(0.833)]
    assert shares["Hoàn thành"] == [0.0]
    # Only the period's own block: no quarters side by side in a quarter report.
    assert R.row_values(ws, R.find_row(ws, "I. TỔNG HỢP THEO TÌNH TRẠNG") + 1)[2] == "Quý I/2022"
    assert ws.cell(R.find_row(ws, "STT") + 1, 5).value is None


def test_q1_units(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-Q1"], "Tổng hợp")
    units = R.unit_table(ws, UNITS_HEADING, 6)
    # led, done, in progress, overdue, not reported, % done
    assert units == {VP: (3, 0, 3, 0, 0, 0.0), TT: (2, 0, 2, 0, 0, 0.0), CC: (1, 0, 0, 0, 0, 0.0)}
    with pytest.raises(AssertionError):
        R.find_row(ws, QUARTERS_HEADING)


def test_q1_detail_rows(reports: dict[str, Workbook]) -> None:
    headings, tasks, groups = R.detail(R.sheet(reports["2022-Q1"], "Chi tiết"))
    assert headings == [
        "STT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp",
        "Thời gian thực hiện", "Tình trạng", "Tiến độ (%)", "Kết quả thực hiện",
        "Đạt / chỉ tiêu", "Tài liệu kiểm chứng", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị",
        "Đơn vị báo cáo", "Ngày báo cáo", "Người nhập",
    ]  # fmt: skip
    assert groups == []  # the plan has no groups
    assert [t["STT"] for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert [t["Tình trạng"] for t in tasks] == ["Đang thực hiện"] * 5 + ["Chưa triển khai"]
    assert [t["Tiến độ (%)"] for t in tasks] == [0.25, 0.5, 0.3, 0.25, 0.3, 0.0]
    assert [t["Thời gian thực hiện"] for t in tasks] == [
        "Thường xuyên trong năm", "Năm 2022", "Thường xuyên trong năm",
        "Thường xuyên trong năm", "Thường xuyên trong năm", "Năm 2022",
    ]  # fmt: skip
    first = tasks[0]
    assert first["Nhiệm vụ"].startswith("Tăng cường tuyên truyền cải cách hành chính")
    assert first["Sản phẩm"] == "Các hình thức thích hợp"
    assert first["Đơn vị chủ trì"] == VP
    assert first["Đơn vị phối hợp"] == (
        "Các phòng, đơn vị trực thuộc Sở\nBan biên tập Trang TTĐT\nBản tin KH&CN"
    )
    assert first["Tài liệu kiểm chứng"] == "Công văn số 45/SKHCN-VP ngày 10/3/2022"
    assert first["Đơn vị báo cáo"] == VP
    assert first["Ngày báo cáo"] == dt.datetime(2022, 3, 28)
    assert first["Đạt / chỉ tiêu"] is None  # no countable target
    second = tasks[1]
    assert second["Khó khăn, vướng mắc"].startswith("Kết quả Chỉ số CCHC (PAR INDEX)")
    assert second["Đề xuất, kiến nghị"].startswith("Đề nghị Văn phòng Sở cung cấp kết quả")
    assert second["Ngày báo cáo"] == dt.datetime(2022, 3, 29)


def test_q1_everyone_reported(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-Q1"], "Chưa báo cáo")
    assert R.row_values(ws, 3) == (
        "STT", "Đơn vị chủ trì", "STT nhiệm vụ", "Nhiệm vụ", "Thời gian thực hiện",
        "Báo cáo gần nhất", "Ghi chú (liên hệ, nhắc)",
    )  # fmt: skip
    assert R.body_rows(ws) == [("Tất cả nhiệm vụ đến kỳ báo cáo đã được báo cáo.", *[None] * 6)]


def test_h1_totals_with_quarters_side_by_side(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-H1"], "Tổng hợp")
    heading = R.find_row(ws, "I. TỔNG HỢP THEO TÌNH TRẠNG")
    assert R.row_values(ws, heading + 1)[2:8] == (
        "Cả kỳ (6 tháng đầu năm 2022)",
        None,
        "Quý I/2022",
        None,
        "Quý II/2022",
        None,
    )
    table = R.counts(ws, 3)
    assert column(table, 0) == [6, 0, 5, 1, 0, 0, 0, 0, 0, 0]  # H1: T2 done in Q2
    assert column(table, 1) == [6, 1, 5, 0, 0, 0, 0, 0, 0, 0]  # Q1 as in the Q1 report
    assert column(table, 2) == [6, 0, 5, 1, 0, 0, 0, 0, 0, 0]  # Q2: everyone reported
    assert R.shares(ws, 3)["Hoàn thành"] == [pytest.approx(0.167), 0.0, pytest.approx(0.167)]


def test_h1_units_and_their_quarters(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-H1"], "Tổng hợp")
    assert R.unit_table(ws, UNITS_HEADING, 6) == {
        VP: (3, 0, 3, 0, 0, 0.0),
        TT: (2, 1, 1, 0, 0, 0.5),
        CC: (1, 0, 1, 0, 0, 0.0),
    }
    # Per quarter: done, not reported, % done.
    assert R.unit_table(ws, QUARTERS_HEADING, 6) == {
        VP: (0, 0, 0.0, 0, 0, 0.0),
        TT: (0, 0, 0.0, 1, 0, 0.5),
        CC: (0, 0, 0.0, 0, 0, 0.0),
    }


def test_h1_detail_has_the_state_of_each_quarter(reports: dict[str, Workbook]) -> None:
    headings, tasks, _ = R.detail(R.sheet(reports["2022-H1"], "Chi tiết"))
    assert headings[-4:] == ["Ngày báo cáo", "Người nhập", "Quý I/2022", "Quý II/2022"]
    assert [t["Tình trạng"] for t in tasks] == [
        "Đang thực hiện", "Hoàn thành", "Đang thực hiện", "Đang thực hiện",
        "Đang thực hiện", "Đang thực hiện",
    ]  # fmt: skip
    assert [t["Tiến độ (%)"] for t in tasks] == [0.5, 1.0, 0.55, 0.45, 0.6, 0.45]
    assert [(t["Quý I/2022"], t["Quý II/2022"]) for t in tasks] == [
        ("Đang thực hiện", "Đang thực hiện"),
        ("Đang thực hiện", "Hoàn thành"),
        ("Đang thực hiện", "Đang thực hiện"),
        ("Đang thực hiện", "Đang thực hiện"),
        ("Đang thực hiện", "Đang thực hiện"),
        ("Chưa triển khai", "Đang thực hiện"),
    ]
    assert tasks[4]["Kết quả thực hiện"].startswith("Lũy kế 6 tháng đã đăng 17 tin, bài")
    assert tasks[4]["Ngày báo cáo"] == dt.datetime(2022, 6, 28)


def test_year_totals_and_quarters(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022"], "Tổng hợp")
    table = R.counts(ws, 5)
    assert column(table, 0) == [6, 0, 5, 1, 0, 0, 0, 1, 0, 0]  # T6 overdue on 31/12
    # Q3: nobody reported; T2, done in Q2, owes no more reports: 5 unreported
    assert column(table, 3) == [6, 0, 5, 1, 0, 0, 0, 0, 0, 5]
    assert column(table, 4) == [6, 0, 5, 1, 0, 0, 0, 1, 0, 5]  # Q4: and T6 is late
    assert R.shares(ws, 5)["Quá hạn"][0] == pytest.approx(0.167)
    assert R.unit_table(ws, UNITS_HEADING, 6)[CC] == (1, 0, 1, 1, 0, 0.0)
    quarters = R.unit_table(ws, QUARTERS_HEADING, 12)
    assert quarters[VP][6:] == (0, 3, 0.0, 0, 3, 0.0)  # Q3, Q4: three tasks unreported
    assert quarters[TT][6:] == (1, 1, 0.5, 1, 1, 0.5)  # T5 unreported; T2 done in Q2
    assert quarters[CC][6:] == (0, 1, 0.0, 0, 1, 0.0)


def test_year_detail_marks_overdue(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022"], "Chi tiết")
    headings, tasks, _ = R.detail(ws)
    assert headings[-4:] == ["Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022"]
    t6 = tasks[5]
    assert t6["Tình trạng"] == "Đang thực hiện (quá hạn)"
    assert [t6[h] for h in headings[-4:]] == [
        "Chưa triển khai", "Đang thực hiện", "Đang thực hiện", "Đang thực hiện (quá hạn)",
    ]  # fmt: skip
    status = ws.cell(R.HEADER_ROW + 6, headings.index("Tình trạng") + 1)
    assert status.fill.fgColor.rgb[-6:] == "FFC7CE"  # the overdue colour of the palette
    # Nobody left unreported over the year (each task has a check-in in Q1 or Q2).
    assert R.body_rows(R.sheet(reports["2022"], "Chưa báo cáo"))[0][0].startswith("Tất cả")


def test_as_of_judges_overdue_and_hides_quarters_not_begun(tmp_path: Path) -> None:
    plan = read_plan_file(HAI_DUONG)
    path = tmp_path / "bao-cao.xlsx"
    write_report_xlsx(plan, Period.parse("2022"), path, as_of=dt.date(2022, 7, 20))
    ws = R.sheet(R.open_report(path), "Tổng hợp")
    assert ws["A7"].value.endswith("tình trạng quá hạn xét đến ngày 20/07/2022)")
    heading = R.find_row(ws, "I. TỔNG HỢP THEO TÌNH TRẠNG")
    titles = [v for v in R.row_values(ws, heading + 1)[2:] if v]
    assert titles == ["Cả kỳ (Năm 2022)", "Quý I/2022", "Quý II/2022", "Quý III/2022"]
    assert R.counts(ws, 4)["Quá hạn"] == [0, 0, 0, 0]  # T6 is due 31/12, not yet late
