"""Every sentence that names the plan and the period reads right, for every combination of
plan number present/blank, issue date full/month-only/blank, quarter/6-month/year, and the
year in the plan's title vs the report's year."""

from __future__ import annotations

import itertools
import re

import pytest

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import Organization, Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_phrases import (
    PlanFacts,
    closing,
    doubled_groups,
    issued_sentence,
    opening,
    plan_reference,
    subject,
)

NUMBERS = ("74", "")
DATES = (IssueDate(2022, 1, 28), IssueDate(2022, 7), None)
PERIODS = tuple(Period.parse(p) for p in ("2022-Q1", "2022-H1", "2022-Q3", "2022"))
TITLES = (
    "Tuyên truyền cải cách hành chính năm 2022",
    "Về việc tuyên truyền cải cách hành chính năm 2021",
    "Cải cách hành chính",
)
ORG = Organization("UBND TỈNH HẢI DƯƠNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN", "Hải Dương")
COMBINATIONS = list(itertools.product(NUMBERS, DATES, PERIODS, TITLES))


def _plan(number: str, issued: IssueDate | None, title: str) -> Plan:
    return Plan(ORG, 2022, "KH-SKHCN", title, number=number, issued_on=issued)


def _sentences(facts: PlanFacts, period: Period) -> list[str]:
    reporter = "Sở Khoa học và Công nghệ"
    return [
        subject(facts, period),
        opening(facts, period, reporter),
        issued_sentence(facts),
        closing(facts, period, reporter),
        plan_reference(facts),
    ]


@pytest.mark.parametrize(("number", "issued", "period", "title"), COMBINATIONS)
def test_every_combination_reads_right(number, issued, period, title) -> None:  # type: ignore[no-untyped-def]
    facts = PlanFacts.of(_plan(number, issued, title))
    for text in _sentences(facts, period):
        assert doubled_groups(text) == [], text
        assert "Kế hoạch ngày" not in text
        assert "Kế hoạch số /" not in text and "số  " not in text
        assert "  " not in text and " ," not in text and not text.endswith(" ")
        # A date follows the plan's subject or number, never a period label.
        assert not re.search(r"\d{2}/\d{4} (quý|6 tháng|năm)", text), text
        if number:
            assert "Kế hoạch số 74/KH-SKHCN" in text
        else:
            assert " số " not in text
        if issued is None:
            assert " ngày " not in text and "tháng" not in text.replace("6 tháng", "")
    dated = (opening(facts, period, "Sở A"), issued_sentence(facts), plan_reference(facts))
    for text in dated:  # the sentences that date the plan, where a date exists
        if issued is not None and issued.day is not None:
            assert "ngày 28/01/2022" in text
        elif issued is not None:
            assert "ban hành tháng 07/2022" in text and "ngày" not in text
    # the trích yếu never says the report's year twice
    assert subject(facts, period).count(f"năm {period.year}") == 1


def test_hand_worked_examples() -> None:
    q1, h1 = Period.parse("2022-Q1"), Period.parse("2022-H1")
    hd = PlanFacts.of(_plan("74", IssueDate(2022, 1, 28), "Tuyên truyền CCHC năm 2022"))
    assert subject(hd, q1) == "Kết quả thực hiện Kế hoạch số 74/KH-SKHCN quý I năm 2022"
    assert opening(hd, q1, "Sở A") == (
        "Thực hiện Kế hoạch số 74/KH-SKHCN ngày 28/01/2022 của Sở Khoa học và Công nghệ về "
        "tuyên truyền CCHC năm 2022, Sở A báo cáo kết quả thực hiện quý I năm 2022 như sau:"
    )
    nt = PlanFacts.of(_plan("", IssueDate(2022, 2), "Về việc tuyên truyền CCHC năm 2022"))
    assert subject(nt, h1) == "Kết quả thực hiện Kế hoạch tuyên truyền CCHC 6 tháng đầu năm 2022"
    assert opening(nt, h1, "Sở A") == (
        "Thực hiện Kế hoạch tuyên truyền CCHC năm 2022 ban hành tháng 02/2022 của Sở Khoa học "
        "và Công nghệ, Sở A báo cáo kết quả thực hiện 6 tháng đầu năm 2022 như sau:"
    )
    bare = PlanFacts.of(_plan("", IssueDate(2022, 7, 27), "Cải cách hành chính"))
    assert plan_reference(bare) == "Kế hoạch cải cách hành chính ngày 27/07/2022"
    assert closing(bare, h1, "Sở A") == (
        "Trên đây là báo cáo kết quả 6 tháng đầu năm 2022 thực hiện Kế hoạch cải cách hành "
        "chính của Sở A./."
    )


def test_doubled_groups_are_found() -> None:
    assert doubled_groups("tổ chức năm 2022 năm 2022") == ["năm 2022"]
    assert doubled_groups("Kế hoạch số 74/KH-SKHCN quý I năm 2022") == []
