import pytest

from cchc_desktop.domain.numbering import (
    VIETNAMESE_LETTERS,
    from_roman,
    letter,
    letter_index,
    roman,
    section_number,
)


def test_roman_numerals() -> None:
    assert [roman(n) for n in (1, 2, 3, 4, 5, 9, 10, 14, 40, 90, 1999)] == [
        "I", "II", "III", "IV", "V", "IX", "X", "XIV", "XL", "XC", "MCMXCIX",
    ]  # fmt: skip
    assert all(from_roman(roman(n)) == n for n in range(1, 200))
    assert from_roman("IIII") is None
    assert from_roman("ABC") is None


def test_letters_follow_vietnamese_order() -> None:
    first = [letter(n) for n in range(1, 8)]
    assert first == ["a", "b", "c", "d", "đ", "e", "g"]
    assert len(VIETNAMESE_LETTERS) == 23
    for missing in "fjwz":
        assert missing not in VIETNAMESE_LETTERS
    assert letter(23) == "y"
    assert letter(24) == "aa"
    assert letter_index("đ") == 5
    assert letter_index("f") is None


def test_section_numbers_by_depth() -> None:
    assert section_number(1, 3) == "III."
    assert section_number(2, 10) == "10."
    assert section_number(3, 5) == "đ)"
    assert section_number(3, 6) == "e)"
    with pytest.raises(ValueError):
        section_number(4, 1)
    with pytest.raises(ValueError):
        roman(0)
