"""Warnings before a report goes out, and the outward/internal rule, on the example plans."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_checks import (
    WarningKind,
    data_until,
    proposal_is_outward,
    report_warnings,
)
from cchc_desktop.domain.summary import summarize
from cchc_desktop.interchange import read_plan_file

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
HAI_DUONG = read_plan_file(PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json")
GIO_SON = read_plan_file(PLANS / "ke-hoach-32-ubnd-gio-son-2022.plan.json")


def kinds(plan, period: str) -> list[WarningKind]:  # type: ignore[no-untyped-def]
    return [w.kind for w in report_warnings(summarize(plan, Period.parse(period)))]


def test_checkins_dated_after_the_cutoff_are_warned() -> None:
    warnings = report_warnings(summarize(HAI_DUONG, Period.parse("2022-Q1")))
    late = [w for w in warnings if w.kind is WarningKind.AFTER_CUTOFF]
    assert [w.task for w in late] == ["T1", "T2", "T3", "T4", "T5", "T6"]
    assert late[0].message == (
        "Nhiệm vụ “Tăng cường tuyên truyền cải cách hành chính trong nội bộ từng phòng, đơn "
        "vị”: báo cáo Quý I/2022 ghi ngày 28/03/2022, sau ngày chốt số liệu 14/03/2022; theo "
        "chế độ báo cáo, số liệu này thuộc kỳ sau (vẫn được tính vào Quý I/2022 như đơn vị đã "
        "chọn)."
    )
    on_time = dataclasses.replace(
        HAI_DUONG,
        checkins=[dataclasses.replace(c, reported_on=c.period.end.replace(day=10))
                  for c in HAI_DUONG.checkins],
    )  # fmt: skip
    assert WarningKind.AFTER_CUTOFF not in kinds(on_time, "2022-Q1")


def test_year_report_with_june_data_is_flagged() -> None:
    assert WarningKind.OLD_DATA in kinds(HAI_DUONG, "2022")
    assert data_until(HAI_DUONG, Period.parse("2022")) == (
        "Số liệu của báo cáo được tổng hợp đến hết quý II năm 2022 (chưa có báo cáo quý III, "
        "quý IV)."
    )
    assert data_until(HAI_DUONG, Period.parse("2022-H1")) == ""
    assert WarningKind.OLD_DATA not in kinds(HAI_DUONG, "2022-H1")


def test_a_period_before_the_plan_was_issued_is_warned() -> None:
    late_plan = dataclasses.replace(HAI_DUONG, issued_on=IssueDate(2022, 7, 27))
    warnings = report_warnings(summarize(late_plan, Period.parse("2022-Q1")))
    assert warnings[0].kind is WarningKind.BEFORE_PLAN
    assert warnings[0].message == (
        "Kỳ báo cáo quý I năm 2022 kết thúc ngày 14/03/2022, trước khi Kế hoạch được ban hành "
        "(27/07/2022)."
    )
    assert WarningKind.BEFORE_PLAN in kinds(late_plan, "2022-H1")
    assert WarningKind.BEFORE_PLAN not in kinds(late_plan, "2022-Q3")
    month_only = dataclasses.replace(HAI_DUONG, issued_on=IssueDate(2022, 7))
    assert WarningKind.BEFORE_PLAN in kinds(month_only, "2022-Q1")
    assert WarningKind.BEFORE_PLAN not in kinds(HAI_DUONG, "2022-Q1")


def test_tasks_with_no_checkin_are_warned_one_by_one() -> None:
    warnings = report_warnings(summarize(GIO_SON, Period.parse("2022-Q1")))
    missing = [w for w in warnings if w.kind is WarningKind.NO_CHECKIN]
    states = summarize(GIO_SON, Period.parse("2022-Q1")).states
    assert [w.task for w in missing] == [s.task.key for s in states]
    assert WarningKind.NO_CHECKIN not in kinds(HAI_DUONG, "2022-H1")


def test_proposals_to_ones_own_units_are_internal() -> None:
    c = next(c for c in HAI_DUONG.checkins if c.proposals)
    assert not proposal_is_outward(c, HAI_DUONG)  # "Đề nghị Văn phòng Sở cung cấp …"
    up = dataclasses.replace(c, proposals="Đề nghị UBND tỉnh chỉ đạo Văn phòng UBND tỉnh …")
    assert proposal_is_outward(up, HAI_DUONG)
    assert proposal_is_outward(dataclasses.replace(c, proposals_scope="outward"), HAI_DUONG)
    assert not proposal_is_outward(dataclasses.replace(up, proposals_scope="internal"), HAI_DUONG)
