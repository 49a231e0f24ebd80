"""The .xlsx report is safe to open: typed text never becomes a formula, XML-illegal
characters are dropped, and the file is replaced atomically (a locked target is reported and
left as it was)."""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from cchc_desktop.domain.model import Evidence, Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import AccessDeniedError, DiskFullError, FileLockedError, UserError
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import read_plan_file
from tests.conftest import PLANS
from tests.exports import xlsx_read as R

HYPERLINK = '=HYPERLINK("http://x","y")'
UNIT = "=Thanh tra Sở"
FORMULA_LIKE = {
    HYPERLINK,
    "+1+1",
    "-2",
    "@SUM(A1:A2)",
    "#N/A",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "-10 bài",
    UNIT,
    "=ORG()",
    "=TITLE()",
    "=GROUP()",
    "=T7()",
}


def hostile_plan() -> Plan:
    """The all-timeframes plan with formula-like text in every kind of field."""
    plan = read_plan_file(PLANS / "all-timeframes.plan.json")
    plan.organization.name = "=ORG()"
    plan.title = "=TITLE()"
    old = "Thanh tra Sở"
    for unit in plan.units:
        if unit.name == old:
            unit.name = UNIT
    for task in plan.tasks:
        task.lead = [UNIT if n == old else n for n in task.lead]
        task.partners = [UNIT if n == old else n for n in task.partners]
    t = {task.key: task for task in plan.tasks}
    t["T1"].name = HYPERLINK
    t["T2"].product = "+1+1"
    t["T3"].name = "@SUM(A1:A2)"
    t["T4"].name = "#N/A"
    t["T5"].group = "=GROUP()"
    t["T6"].name = "-2"
    t["T7"].name = "=T7()"
    t["T9"].name = "Số hóa\x07 hồ sơ\x00 điện tử"  # control characters pasted from Word
    checkins = {(c.task, str(c.period)): c for c in plan.checkins}
    first = checkins[("T1", "2022-Q1")]
    first.result = "=1+1"
    first.evidence = [Evidence("=cmd|' /C calc'!A0")]
    first.difficulties = "-10 bài"
    checkins[("T4", "2022-Q2")].reported_by = UNIT
    return plan


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Workbook]:
    path = tmp_path_factory.mktemp("xlsx-safety") / "bao-cao.xlsx"
    write_report_xlsx(hostile_plan(), Period.parse("2022"), path)
    return path, R.open_report(path)


def test_no_cell_holds_a_formula(exported: tuple[Path, Workbook]) -> None:
    path, _ = exported
    sheets = [n for n in R.part_names(path) if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 4
    for name in sheets:
        xml = R.part_xml(path, name)
        # The application writes no formula anywhere: no <f> element, no error cell.
        assert re.search(r"<f[ >/]", xml) is None, name
        assert 't="e"' not in xml, name
        assert "<sheetData>" in xml or "<sheetData" in xml


def test_formula_like_text_is_kept_as_text(exported: tuple[Path, Workbook]) -> None:
    _, wb = exported
    seen: set[str] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value[:1] in "=+-@#":
                    seen.add(value)
                    assert cell.data_type == "s", (ws.title, cell.coordinate, value)
                    if value[0] != "#":
                        # Excel keeps it as text even when the clerk edits the cell.
                        assert cell.quotePrefix, (ws.title, cell.coordinate, value)
    missing = FORMULA_LIKE - seen
    assert missing == set()


def test_where_the_hostile_texts_land(exported: tuple[Path, Workbook]) -> None:
    _, wb = exported
    summary = R.sheet(wb, "Tổng hợp")
    assert summary["A2"].value == "=ORG()"
    assert summary["A5"].value == "=TITLE()"
    assert UNIT in R.unit_table(summary, "II. TỔNG HỢP THEO ĐƠN VỊ CHỦ TRÌ", 6)
    _, tasks, groups = R.detail(R.sheet(wb, "Chi tiết"))
    rows = {t["STT"]: t for t in tasks}
    assert rows[1]["Nhiệm vụ"] == HYPERLINK
    assert rows[1]["Kết quả thực hiện"] == "=1+1"
    assert rows[1]["Tài liệu kiểm chứng"] == "=cmd|' /C calc'!A0"
    assert rows[4]["Nhiệm vụ"] == "#N/A"
    assert rows[4]["Đơn vị chủ trì"] == UNIT
    assert rows[9]["Nhiệm vụ"] == "Số hóa hồ sơ điện tử"  # control characters dropped
    assert "=GROUP()" in groups
    missing = R.body_rows(R.sheet(wb, "Chưa báo cáo"))
    assert "=T7()" in [r[3] for r in missing]


def test_document_properties(exported: tuple[Path, Workbook]) -> None:
    _, wb = exported
    assert wb.properties.creator == "=ORG()"
    assert wb.properties.title == "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ 15/KH-SNV năm 2022"


@pytest.fixture
def plan() -> Plan:
    return read_plan_file(PLANS / "all-timeframes.plan.json")


def test_locked_target_is_reported_and_left_alone(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bao-cao.xlsx"
    target.write_bytes(b"the copy open in Excel")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileLockedError) as info:
        write_report_xlsx(plan, Period.parse("2022-Q1"), target)
    assert info.value.file == str(target)
    assert info.value.message == (
        "Không ghi được tệp bao-cao.xlsx: tệp đang được mở trong chương trình khác "
        "(Word, Excel) hoặc không có quyền ghi. Hãy đóng tệp rồi thử lại."
    )
    assert target.read_bytes() == b"the copy open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.xlsx"]  # no temp file


def test_unwritable_folder(plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(AccessDeniedError):  # issue 16, item 7: classified by faults
        write_report_xlsx(plan, Period.parse("2022-Q1"), tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_no_file(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    def broken(self: xlsxwriter.Workbook) -> None:
        # What XlsxWriter does when the disk fills while it writes: part of the file is
        # there, and the OSError comes wrapped in its own exception.
        Path(str(self.filename)).write_bytes(b"half a file")
        raise FileCreateError(OSError(28, "No space left on device"))

    target = tmp_path / "bao-cao.xlsx"
    target.write_bytes(b"last week's report")
    monkeypatch.setattr(xlsxwriter.Workbook, "close", broken)
    with pytest.raises(DiskFullError) as info:  # issue 16, item 7: one line, not an OSError
        write_report_xlsx(plan, Period.parse("2022-Q1"), target)
    assert info.value.file == str(target)
    assert target.read_bytes() == b"last week's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.xlsx"]


def test_overwrites_an_existing_report(plan: Plan, tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.xlsx"
    target.write_bytes(b"old")
    write_report_xlsx(plan, Period.parse("2022-Q1"), target)
    assert target.read_bytes()[:2] == b"PK"
    assert R.open_report(target).sheetnames == ["Tổng hợp", "Chi tiết", "Chưa báo cáo", "Phụ lục"]


def test_a_period_of_another_year_is_refused(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        write_report_xlsx(plan, Period.parse("2023-Q1"), tmp_path / "x.xlsx")
    assert info.value.message == "Kỳ báo cáo Quý I/2023 không thuộc kế hoạch năm 2022."
    assert list(tmp_path.iterdir()) == []


def test_an_empty_plan_still_makes_a_report(plan: Plan, tmp_path: Path) -> None:
    empty = dataclasses.replace(plan, tasks=[], checkins=[])
    path = tmp_path / "empty.xlsx"
    write_report_xlsx(empty, Period.parse("2022"), path)
    wb = R.open_report(path)
    summary = R.sheet(wb, "Tổng hợp")
    assert R.counts(summary, 5)["Tổng số nhiệm vụ trong kỳ"] == [0, 0, 0, 0, 0]
    assert R.body_rows(R.sheet(wb, "Chi tiết"))[0][0] == "Không có nhiệm vụ nào trong kỳ."
    assert "xl/charts/chart1.xml" not in R.part_names(path)  # no unit, no chart
