"""Timeframe texts as the appendix writes them → kind, quarters, months or due date."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.timeframe_text import parse_timeframe_text
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind

R, Y, Q, M, D = (
    TimeframeKind.RECURRING,
    TimeframeKind.YEAR,
    TimeframeKind.QUARTERS,
    TimeframeKind.MONTHS,
    TimeframeKind.DEADLINE,
)

CASES: list[tuple[str, Timeframe]] = [
    ("Thường xuyên", Timeframe(R)),
    ("Thường xuyên trong năm", Timeframe(R)),
    ("Định kỳ hàng quý", Timeframe(R)),
    ("Hằng quý", Timeframe(R)),
    ("Thường xuyên đến cuối năm", Timeframe(R)),
    ("Năm 2022", Timeframe(Y)),
    ("Cả năm", Timeframe(Y)),
    ("Trong năm", Timeframe(Y)),
    ("Quý I/2022", Timeframe(Q, quarters=[1])),
    ("QUÝ IV/2022", Timeframe(Q, quarters=[4])),
    ("Quý II, III", Timeframe(Q, quarters=[2, 3])),
    ("Quý I, II/2022", Timeframe(Q, quarters=[1, 2])),
    ("Quý I và quý II", Timeframe(Q, quarters=[1, 2])),
    ("Quý II - IV", Timeframe(Q, quarters=[2, 3, 4])),
    ("Quy 2", Timeframe(Q, quarters=[2])),
    ("6 tháng đầu năm", Timeframe(Q, quarters=[1, 2])),
    ("6 tháng cuối năm", Timeframe(Q, quarters=[3, 4])),
    ("Tháng 6/2022", Timeframe(M, months=[6])),
    ("Tháng 3, 6, 9, 12", Timeframe(M, months=[3, 6, 9, 12])),
    ("Tháng 6 và tháng 12", Timeframe(M, months=[6, 12])),
    ("Định kỳ 6 tháng và năm", Timeframe(M, months=[6, 12])),
    ("Cuối năm", Timeframe(M, months=[12])),
    ("Trước 27/02/2022", Timeframe(D, due=dt.date(2022, 2, 27))),
    ("Trước ngày 30/6", Timeframe(D, due=dt.date(2022, 6, 30))),
    ("Chậm nhất ngày 15 tháng 3 năm 2022", Timeframe(D, due=dt.date(2022, 3, 15))),
    ("Từ 01/3 đến 30/6/2022", Timeframe(D, due=dt.date(2022, 6, 30))),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_timeframe_text(text: str, expected: Timeframe) -> None:
    parsed = parse_timeframe_text(text, 2022)
    assert parsed is not None
    expected.label = text
    assert parsed == expected
    assert parsed.validate(2022) == []


def test_label_is_the_text_with_spaces_tidied() -> None:
    parsed = parse_timeframe_text("  Quý  II,\n III ", 2022)
    assert parsed is not None and parsed.label == "Quý II, III"


def test_without_accents() -> None:
    parsed = parse_timeframe_text("Thuong xuyen", 2022)
    assert parsed is not None and parsed.kind is TimeframeKind.RECURRING


def test_empty_text_is_the_default_timeframe() -> None:
    assert parse_timeframe_text("", 2022) == Timeframe()


@pytest.mark.parametrize("text", ["Khi có yêu cầu", "Theo quy định", "Trước 31/02/2022"])
def test_not_understood(text: str) -> None:
    assert parse_timeframe_text(text, 2022) is None


def test_a_date_of_another_year_is_read_and_left_for_validation() -> None:
    parsed = parse_timeframe_text("Trước 15/01/2023", 2022)
    assert parsed is not None and parsed.due == dt.date(2023, 1, 15)
    assert parsed.validate(2022) != []


def test_default_labels_read_back_as_their_timeframe() -> None:
    """Every label the application writes parses back to the same timeframe."""
    for tf in (
        Timeframe(R),
        Timeframe(Y),
        Timeframe(Q, quarters=[2, 3]),
        Timeframe(M, months=[6]),
        Timeframe(D, due=dt.date(2022, 5, 15)),
    ):
        label = tf.default_label(2022)
        parsed = parse_timeframe_text(label, 2022)
        tf.label = label
        assert parsed == tf
