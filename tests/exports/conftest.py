"""Fixtures of the .docx export tests: every fixture plan exported once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.interchange import read_plan_file

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
PLAN_FILES = sorted(PLANS.glob("*.plan.json"))
REPORT_PERIODS = ("2022-Q1", "2022-H1", "2022")


def plan_id(path: Path) -> str:
    return path.name.removesuffix(".plan.json")


@pytest.fixture(scope="session")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="session")
def exported_plans(export_dir: Path) -> dict[str, tuple[Plan, Path]]:
    """Every fixture plan and its exported .docx, keyed by the fixture's name, with "in phụ
    lục nhiệm vụ" on (these tests read every plan's appendix; the setting's own tests are in
    test_docx_appendix_setting.py)."""
    from cchc_desktop.exports.docx_plan import write_plan_docx

    out: dict[str, tuple[Plan, Path]] = {}
    for path in PLAN_FILES:
        plan = read_plan_file(path)
        plan.print_appendix = True
        target = export_dir / f"{plan_id(path)}.docx"
        write_plan_docx(plan, target)
        out[plan_id(path)] = (plan, target)
    return out


@pytest.fixture(scope="session")
def exported_reports(export_dir: Path) -> dict[tuple[str, str], tuple[Plan, Path]]:
    """Every fixture plan's report for each period of REPORT_PERIODS."""
    from cchc_desktop.exports.docx_report import write_report_docx

    out: dict[tuple[str, str], tuple[Plan, Path]] = {}
    for path in PLAN_FILES:
        plan = read_plan_file(path)
        for period in REPORT_PERIODS:
            target = export_dir / f"{plan_id(path)}-bc-{period}.docx"
            write_report_docx(plan, Period.parse(period), target)
            out[(plan_id(path), period)] = (plan, target)
    return out
