"""Default export names and the one-line target text the task table edits."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.filenames import ascii_slug, plan_file_name, report_file_name
from cchc_desktop.domain.model import Organization, Plan, Target
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.targets import parse_target, target_text


def _plan(number: str) -> Plan:
    return Plan(Organization(name="SỞ KHOA HỌC VÀ CÔNG NGHỆ"), 2022, "KH-SKHCN", "T", number=number)


def test_plan_file_name_is_ascii_with_number_symbol_and_year() -> None:
    assert plan_file_name(_plan("74")) == "Ke-hoach-74-KH-SKHCN-2022.docx"
    assert plan_file_name(_plan("")) == "Ke-hoach-KH-SKHCN-2022.docx"
    assert plan_file_name(_plan("74"), ".plan.json") == "Ke-hoach-74-KH-SKHCN-2022.plan.json"


def test_report_file_name_names_the_period() -> None:
    name = report_file_name(_plan("74"), Period.parse("2022-Q1"))
    assert name == "Bao-cao-Quy-I-2022-74-KH-SKHCN.xlsx"
    half = report_file_name(_plan("74"), Period.parse("2022-H1"), ".docx")
    assert half == "Bao-cao-6-thang-dau-nam-2022-74-KH-SKHCN.docx"


def test_ascii_slug_folds_vietnamese() -> None:
    assert ascii_slug("Đường Tuyên truyền / Sở") == "Duong-Tuyen-truyen-So"


def test_parse_target_round_trip() -> None:
    assert parse_target("20 tin, bài") == Target(20, "tin, bài")
    assert parse_target(" 2,5 km ") == Target(2.5, "km")
    assert parse_target("") is None
    assert target_text(Target(20, "tin, bài")) == "20 tin, bài"
    assert target_text(None) == ""
    with pytest.raises(ValueError):
        parse_target("hai mươi bài")
