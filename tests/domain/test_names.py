"""Agency names inside a sentence (Decree 30, Phụ lục II capitalisation)."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.names import agency_name


@pytest.mark.parametrize(
    ("caps", "sentence"),
    [
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("ỦY BAN NHÂN DÂN XÃ GIO SƠN", "Ủy ban nhân dân xã Gio Sơn"),
        ("ỦY BAN NHÂN DÂN HUYỆN GIO LINH", "Ủy ban nhân dân huyện Gio Linh"),
        ("UBND TỈNH HẢI DƯƠNG", "UBND tỉnh Hải Dương"),
        ("SỞ NỘI VỤ", "Sở Nội vụ"),
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
        ("SỞ Y TẾ", "Sở Y tế"),
        ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH", "Trung tâm Phục vụ hành chính công tỉnh"),
        ("Sở Tài chính", "Sở Tài chính"),  # already written as in a sentence
        ("", ""),
    ],
)
def test_agency_name(caps: str, sentence: str) -> None:
    assert agency_name(caps) == sentence


def test_decomposed_input_is_normalised() -> None:
    import unicodedata

    assert agency_name(unicodedata.normalize("NFD", "SỞ NỘI VỤ")) == "Sở Nội vụ"
