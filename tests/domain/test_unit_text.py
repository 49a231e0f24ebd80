"""Unit cells of the task table: one name or several, split without breaking names."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.model import UnitKind
from cchc_desktop.domain.unit_text import clean_unit, split_units, unit_kind

CASES = [
    (
        "Các phòng, đơn vị trực thuộc Sở, Ban biên tập Trang TTĐT, Bản tin KH&CN",
        ["Các phòng, đơn vị trực thuộc Sở", "Ban biên tập Trang TTĐT", "Bản tin KH&CN"],
    ),
    ("Trung tâm Đo lường, Thử nghiệm và TTKH", ["Trung tâm Đo lường, Thử nghiệm và TTKH"]),
    ("Phòng Tổ chức, biên chế", ["Phòng Tổ chức, biên chế"]),
    ("Văn phòng Sở, Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("Tư pháp xã, Văn hóa xã", ["Tư pháp xã", "Văn hóa xã"]),
    ("Văn phòng Sở\nThanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("- Văn phòng Sở;\n- Thanh tra Sở.", ["Văn phòng Sở", "Thanh tra Sở"]),
    (
        "Phòng Tổ chức, biên chế;\nPhòng Cải cách hành chính",
        ["Phòng Tổ chức, biên chế", "Phòng Cải cách hành chính"],
    ),
    (
        "Sở Lao động, Thương binh và Xã hội; UBND các huyện",
        ["Sở Lao động, Thương binh và Xã hội", "UBND các huyện"],
    ),
    ("VP, TTr, CCHC", ["VP", "TTr", "CCHC"]),
    ("Văn phòng Sở, Văn phòng Sở", ["Văn phòng Sở"]),
    ("", []),
]


@pytest.mark.parametrize(("cell", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_split_units(cell: str, expected: list[str]) -> None:
    assert split_units(cell) == expected


def test_known_names_win_and_keep_their_spelling() -> None:
    known = ["Văn phòng HĐND, UBND xã", "Thanh tra Sở"]
    assert split_units("Văn phòng HĐND, UBND xã, thanh tra sở", known) == known
    # Without knowing it, "UBND xã" would start a unit of its own.
    assert split_units("Văn phòng HĐND, UBND xã") == ["Văn phòng HĐND", "UBND xã"]


def test_the_applications_own_layout_is_taken_line_by_line() -> None:
    """One unit per line, ";" after all but the last: commas never split."""
    cell = "Văn phòng, Thư viện;\nThanh tra Sở"
    assert split_units(cell) == ["Văn phòng, Thư viện", "Thanh tra Sở"]


def test_unit_kind_and_clean() -> None:
    assert unit_kind("Các phòng, đơn vị trực thuộc Sở") is UnitKind.GROUP
    assert unit_kind("Toàn thể công chức") is UnitKind.GROUP
    assert unit_kind("Văn phòng Sở") is UnitKind.UNIT
    assert unit_kind("Cục Thống kê") is UnitKind.UNIT
    assert clean_unit("  - Văn phòng  Sở; ") == "Văn phòng Sở"


def test_without_comma_splitting() -> None:
    """A document that lists one unit per line everywhere: commas belong to the names."""
    assert split_units("Văn phòng HĐND, UBND xã", commas=False) == ["Văn phòng HĐND, UBND xã"]
    assert split_units("Văn phòng HĐND, UBND xã; Tư pháp", commas=False) == [
        "Văn phòng HĐND, UBND xã",
        "Tư pháp",
    ]
    assert split_units("Văn phòng Sở; Thanh tra Sở", commas=False) == [
        "Văn phòng Sở",
        "Thanh tra Sở",
    ]
