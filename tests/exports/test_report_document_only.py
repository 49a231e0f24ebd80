"""The .docx writer asks for the report's document only (issue 18, its export time): the
same document as the full report, without the warnings and data texts nobody is shown."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.report_text import build_report
from cchc_desktop.interchange import read_plan_file
from tests.exports.conftest import PLAN_FILES, plan_id


@pytest.mark.parametrize("file", PLAN_FILES, ids=plan_id)
@pytest.mark.parametrize("text", ["2022-Q1", "2022-H1", "2022"])
def test_document_only_is_the_same_document(file, text) -> None:  # type: ignore[no-untyped-def]
    plan = read_plan_file(file)
    period = Period.parse(text.replace("2022", str(plan.year)))
    full = build_report(plan, period)
    lean = build_report(plan, period, document_only=True)
    assert lean.document == full.document
    assert (lean.addressees, lean.window, lean.contributions) == (
        full.addressees,
        full.window,
        full.contributions,
    )
    assert lean.summary.states == full.summary.states
    assert full.data_texts and sorted(full.data_texts) == [
        "chi_dao",
        "de_xuat",
        "han_che",
        "nguyen_nhan",
        "phuong_huong",
        "uu_diem",
    ]
    assert lean.warnings == [] and lean.data_texts == {}


def test_some_example_report_has_warnings_the_writer_skips() -> None:
    # Not an empty comparison: at least one example's year report warns the clerk.
    plans = [read_plan_file(f) for f in PLAN_FILES]
    reports = [build_report(p, Period.parse(str(p.year))) for p in plans]
    assert any(r.warnings for r in reports)
