"""The .xlsx report of tests/fixtures/plans/all-timeframes.plan.json: a task of every
timeframe kind, groups, a countable target, a task with two lead units, every check-in
status, a missing report and overdue deadlines. Expected figures worked out by hand:

    STT group lead      timeframe              check-ins
    1   A     VP        deadline 31/01         Q1 done
    2   A     VP        recurring, 20 tin, bài Q1 in_progress 30 (6)  Q2 60 (12)  Q3 85 (17)
    3   B     CCHC      quarters II, III       Q2 in_progress 50      Q3 done
    4   B     TTr       months 6 (due 30/06)   Q2 not_done 40
    5   C     TCBC      deadline 15/05         Q1 in_progress 20 (no report in Q2)
    6   C     TCBC+CCHC year                   Q1 cancelled
    7   D     TCBC      year                   none
    8   E     CCHC      quarters IV            none
    9   E     VP        months 3, 500 hồ sơ    Q1 done_late (500)

In scope: Q1 = 1, 2, 5, 6, 7, 9 (tasks 3, 4, 8 start later); H1 adds 3 and 4; the year adds 8.
Overdue: at 30/06 tasks 4 and 5; at 31/12 also 7 and 8 (year and Q4 tasks, unfinished).
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl.workbook.workbook import Workbook

from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import read_plan_file
from tests.conftest import PLANS
from tests.exports import xlsx_read as R
from tests.exports.test_xlsx_report_hai_duong import (
    LABELS,
    QUARTERS_HEADING,
    UNITS_HEADING,
    column,
)

ALL_TIMEFRAMES = PLANS / "all-timeframes.plan.json"
VP, CCHC, TCBC, TTR = (
    "Văn phòng Sở",
    "Phòng Cải cách hành chính",
    "Phòng Tổ chức, biên chế",
    "Thanh tra Sở",
)
GROUPS = {
    "A": "Công tác chỉ đạo, điều hành",
    "B": "Cải cách thủ tục hành chính",
    "C": "Cải cách tổ chức bộ máy",
    "D": "Cải cách chế độ công vụ",
    "E": "Hiện đại hóa hành chính",
}
T7 = "Cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức"
T8 = "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2022"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Workbook]:
    plan = read_plan_file(ALL_TIMEFRAMES)
    folder = tmp_path_factory.mktemp("xlsx-all-timeframes")
    out = {}
    for text in ("2022-Q1", "2022-H1", "2022"):
        path = folder / f"{text}.xlsx"
        write_report_xlsx(plan, Period.parse(text), path)
        out[text] = R.open_report(path)
    return out


def by_stt(tasks: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {t["STT"]: t for t in tasks}


# ---------------------------------------------------------------- Q1


def test_q1_totals(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-Q1"], "Tổng hợp")
    assert ws["A4"].value == "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ 15/KH-SNV"
    assert ws["A6"].value == "QUÝ I NĂM 2022"
    # total, not started, in progress, done, done late, not done, cancelled, overdue,
    # no report yet, due but not reported in the period
    assert column(R.counts(ws, 1), 0) == [6, 0, 2, 1, 1, 0, 1, 0, 1, 1]
    shares = R.shares(ws, 1)
    assert shares["Đang thực hiện"] == [pytest.approx(0.333)]
    for label in ("Hoàn thành", "Hoàn thành chậm", "Dừng thực hiện", "Chưa báo cáo"):
        assert shares[label] == [pytest.approx(0.167)]
    assert shares["Tổng số nhiệm vụ trong kỳ"] == [None]


def test_q1_units(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-Q1"], "Tổng hợp")
    # Thanh tra Sở leads only task 4, which begins in Q2: not in the Q1 table.
    assert R.unit_table(ws, UNITS_HEADING, 6) == {
        VP: (3, 2, 1, 0, 0, pytest.approx(0.667)),
        CCHC: (1, 0, 0, 0, 0, 0.0),  # task 6, shared with TCBC, cancelled
        TCBC: (3, 0, 1, 0, 1, 0.0),
    }


def test_q1_detail(reports: dict[str, Workbook]) -> None:
    _, tasks, groups = R.detail(R.sheet(reports["2022-Q1"], "Chi tiết"))
    assert groups == [GROUPS["A"], GROUPS["C"], GROUPS["D"], GROUPS["E"]]
    rows = by_stt(tasks)
    assert list(rows) == [1, 2, 5, 6, 7, 9]  # STT is the place in the plan's appendix
    assert [rows[n]["Tình trạng"] for n in rows] == [
        "Hoàn thành", "Đang thực hiện", "Đang thực hiện", "Dừng thực hiện", "Chưa báo cáo",
        "Hoàn thành chậm",
    ]  # fmt: skip
    assert [rows[n]["Tiến độ (%)"] for n in rows] == [1.0, 0.3, 0.2, 0.0, None, 1.0]
    assert rows[2]["Đạt / chỉ tiêu"] == "6/20 tin, bài"
    assert rows[9]["Đạt / chỉ tiêu"] == "500/500 hồ sơ"
    assert rows[1]["Thời gian thực hiện"] == "Trước 31/01/2022"
    assert rows[5]["Thời gian thực hiện"] == "Trước 15/05/2022"  # written from the kind
    assert rows[5]["Tài liệu kiểm chứng"] == (
        "Quyết định số 30/QĐ-SNV ngày 01/3/2022\nCông văn số 45/SNV-TCBC ngày 05/3/2022"
    )
    assert rows[6]["Đơn vị chủ trì"] == f"{TCBC}\n{CCHC}"
    assert rows[6]["Khó khăn, vướng mắc"] == "Lồng ghép vào hội nghị tổng kết năm của UBND tỉnh."
    assert rows[6]["Đề xuất, kiến nghị"] == "Đề nghị đưa nhiệm vụ ra khỏi Kế hoạch."
    assert rows[7]["Kết quả thực hiện"] is None and rows[7]["Ngày báo cáo"] is None
    assert rows[9]["Ngày báo cáo"] == dt.datetime(2022, 3, 31)


def test_q1_not_reported_list(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-Q1"], "Chưa báo cáo")
    assert R.body_rows(ws) == [(1, TCBC, 7, T7, "Năm 2022", "Chưa có báo cáo", None)]


# ---------------------------------------------------------------- H1


def test_h1_totals_and_quarters(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-H1"], "Tổng hợp")
    table = R.counts(ws, 3)
    assert column(table, 0) == [8, 0, 3, 1, 1, 1, 1, 2, 1, 1]  # H1: tasks 4, 5 overdue
    assert column(table, 1) == [6, 0, 2, 1, 1, 0, 1, 0, 1, 1]  # Q1
    # Q2: 5 and 7 unreported (6, cancelled in Q1, owes no more reports)
    assert column(table, 2) == [8, 0, 3, 1, 1, 1, 1, 2, 1, 2]
    shares = R.shares(ws, 3)
    assert shares["Đang thực hiện"][0] == pytest.approx(0.375)
    assert shares["Quá hạn"] == [pytest.approx(0.25), 0.0, pytest.approx(0.25)]


def test_h1_units(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022-H1"], "Tổng hợp")
    assert R.unit_table(ws, UNITS_HEADING, 6) == {
        VP: (3, 2, 1, 0, 0, pytest.approx(0.667)),
        CCHC: (2, 0, 1, 0, 0, 0.0),
        TCBC: (3, 0, 1, 1, 1, 0.0),
        TTR: (1, 0, 0, 1, 0, 0.0),
    }
    # Q1 | Q2: done, not reported, % done; TTr led nothing in Q1 (empty cells).
    assert R.unit_table(ws, QUARTERS_HEADING, 6) == {
        VP: (2, 0, pytest.approx(0.667), 2, 0, pytest.approx(0.667)),
        CCHC: (0, 0, 0.0, 0, 0, 0.0),
        TCBC: (0, 1, 0.0, 0, 2, 0.0),
        TTR: (None, None, None, 0, 0, 0.0),
    }


def test_h1_detail(reports: dict[str, Workbook]) -> None:
    _headings, tasks, groups = R.detail(R.sheet(reports["2022-H1"], "Chi tiết"))
    assert groups == [GROUPS[k] for k in "ABCDE"]
    rows = by_stt(tasks)
    assert list(rows) == [1, 2, 3, 4, 5, 6, 7, 9]
    assert rows[3]["Thời gian thực hiện"] == "Quý II, III/2022"
    assert rows[3]["Tình trạng"] == "Đang thực hiện"
    assert rows[4]["Tình trạng"] == "Không hoàn thành (quá hạn)"
    assert rows[5]["Tình trạng"] == "Đang thực hiện (quá hạn)"
    assert rows[5]["Ngày báo cáo"] == dt.datetime(2022, 3, 11)  # its latest report
    assert rows[2]["Đạt / chỉ tiêu"] == "12/20 tin, bài"
    quarters = [(rows[n]["Quý I/2022"], rows[n]["Quý II/2022"]) for n in rows]
    assert quarters == [
        ("Hoàn thành", "Hoàn thành"),
        ("Đang thực hiện", "Đang thực hiện"),
        (None, "Đang thực hiện"),  # begins in Q2
        (None, "Không hoàn thành (quá hạn)"),
        ("Đang thực hiện", "Đang thực hiện (quá hạn)"),
        ("Dừng thực hiện", "Dừng thực hiện"),
        ("Chưa báo cáo", "Chưa báo cáo"),
        ("Hoàn thành chậm", "Hoàn thành chậm"),
    ]


def test_h1_not_reported_list(reports: dict[str, Workbook]) -> None:
    # Task 5 reported in Q1, which is inside the half year: only task 7 is missing.
    ws = R.sheet(reports["2022-H1"], "Chưa báo cáo")
    assert R.body_rows(ws) == [(1, TCBC, 7, T7, "Năm 2022", "Chưa có báo cáo", None)]


# ---------------------------------------------------------------- year


def test_year_totals_and_quarters(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022"], "Tổng hợp")
    table = R.counts(ws, 5)
    assert [label for label in table] == list(LABELS)
    assert column(table, 0) == [9, 0, 2, 2, 1, 1, 1, 4, 2, 2]
    assert column(table, 3) == [8, 0, 2, 2, 1, 1, 1, 2, 1, 1]  # Q3: 7 unreported
    assert column(table, 4) == [9, 0, 2, 2, 1, 1, 1, 4, 2, 3]  # Q4: 2, 7, 8 unreported
    shares = R.shares(ws, 5)
    assert shares["Quá hạn"][0] == pytest.approx(0.444)
    assert shares["Hoàn thành"][0] == pytest.approx(0.222)
    assert shares["Hoàn thành chậm"][0] == pytest.approx(0.111)


def test_year_units(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022"], "Tổng hợp")
    assert R.unit_table(ws, UNITS_HEADING, 6) == {
        VP: (3, 2, 1, 0, 0, pytest.approx(0.667)),
        CCHC: (3, 1, 0, 1, 1, pytest.approx(0.333)),
        TCBC: (3, 0, 1, 2, 1, 0.0),
        TTR: (1, 0, 0, 1, 0, 0.0),
    }
    quarters = R.unit_table(ws, QUARTERS_HEADING, 12)
    # Q3 | Q4: done, not reported, % done
    assert quarters[VP][6:] == (2, 0, pytest.approx(0.667), 2, 1, pytest.approx(0.667))
    assert quarters[CCHC][6:] == (1, 0, 0.5, 1, 1, pytest.approx(0.333))  # Q4: 8
    assert quarters[TCBC][6:] == (0, 1, 0.0, 0, 1, 0.0)  # 7 in Q3 and Q4
    assert quarters[TTR][6:] == (0, 0, 0.0, 0, 0, 0.0)


def test_year_detail(reports: dict[str, Workbook]) -> None:
    _, tasks, _ = R.detail(R.sheet(reports["2022"], "Chi tiết"))
    rows = by_stt(tasks)
    assert list(rows) == list(range(1, 10))
    names = ("Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022")
    assert [rows[8][q] for q in names] == [None, None, None, "Chưa báo cáo (quá hạn)"]
    assert [rows[3][q] for q in names] == [None, "Đang thực hiện", "Hoàn thành", "Hoàn thành"]
    assert [rows[7][q] for q in names] == [
        "Chưa báo cáo", "Chưa báo cáo", "Chưa báo cáo", "Chưa báo cáo (quá hạn)",
    ]  # fmt: skip
    assert rows[2]["Tiến độ (%)"] == 0.85
    assert rows[2]["Đạt / chỉ tiêu"] == "17/20 tin, bài"
    assert rows[2]["Ngày báo cáo"] == dt.datetime(2022, 9, 12)
    assert rows[3]["Tài liệu kiểm chứng"] == "Báo cáo số 88/BC-SNV ngày 08/9/2022"
    assert rows[8]["Đạt / chỉ tiêu"] is None


def test_year_not_reported_list_by_unit(reports: dict[str, Workbook]) -> None:
    ws = R.sheet(reports["2022"], "Chưa báo cáo")
    assert R.body_rows(ws) == [
        (1, CCHC, 8, T8, "Quý IV/2022", "Chưa có báo cáo", None),
        (2, TCBC, 7, T7, "Năm 2022", "Chưa có báo cáo", None),
    ]


def test_latest_report_column_names_the_quarter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = read_plan_file(ALL_TIMEFRAMES)
    path = tmp_path / "q2.xlsx"
    write_report_xlsx(plan, Period.parse("2022-Q2"), path)
    rows = R.body_rows(R.sheet(R.open_report(path), "Chưa báo cáo"))
    # Q2: 5 and 7 (TCBC) due without a Q2 report; 6, cancelled in Q1, is not listed.
    assert [(r[1], r[2], r[5]) for r in rows] == [
        (TCBC, 5, "Quý I/2022: Đang thực hiện (20%)"),
        (TCBC, 7, "Chưa có báo cáo"),
    ]
