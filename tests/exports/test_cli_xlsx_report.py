"""`cchc export-report PLAN --period P -o FILE.xlsx`: the plan stored in the database gives
the same workbook as the plan read from its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from tests.exports import xlsx_read as R
from tests.helpers import run_cli


def all_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = R.open_report(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


@pytest.mark.parametrize("period", ["2022-Q1", "2022-H1", "2022"])
def test_export_report_xlsx(  # type: ignore[no-untyped-def]
    capsys, db, db_path, hai_duong_id, hai_duong_plan, tmp_path, period
) -> None:
    out = tmp_path / f"bao-cao-{period}.xlsx"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id),
        "--period", period, "-o", str(out),
    )  # fmt: skip
    assert code == 0 and all(line.startswith("cchc: cảnh báo: ") for line in err.splitlines())
    direct = tmp_path / "direct.xlsx"
    write_report_xlsx(hai_duong_plan, Period.parse(period), direct)
    assert all_values(out) == all_values(direct)
    summary = R.sheet(R.open_report(out), "Tổng hợp")
    assert summary["A4"].value == "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ 74/KH-SKHCN"


def test_export_report_of_another_year_fails(  # type: ignore[no-untyped-def]
    capsys, db, db_path, hai_duong_id, tmp_path
) -> None:
    out = tmp_path / "bao-cao.xlsx"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id),
        "--period", "2023-Q1", "-o", str(out),
    )  # fmt: skip
    assert code == 1
    assert "2023" in err and str(out) in err
    assert not out.exists()
