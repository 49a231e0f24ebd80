"""The one diacritic folding: search keys and ASCII file names are built on it."""

from __future__ import annotations

import random
import unicodedata

from cchc_desktop.domain.filenames import ascii_slug as file_slug
from cchc_desktop.domain.forms import unit_slug
from cchc_desktop.domain.search import search_key
from cchc_desktop.domain.text import ascii_slug, fold


def test_fold_drops_marks_and_bars_and_keeps_case() -> None:
    assert fold("Đường Tuyên truyền, ĐOÀN Thanh niên") == "Duong Tuyen truyen, DOAN Thanh nien"
    assert fold("Quý I/2022 – ổn định") == "Quy I/2022 – on dinh"


def test_search_keys_and_slugs_are_built_on_fold() -> None:
    text = "  Ủy ban   Nhân dân ĐÔNG Hưng "
    assert (
        search_key(text) == " ".join(fold(text).casefold().split()) == "uy ban nhan dan dong hung"
    )
    assert file_slug is ascii_slug
    assert ascii_slug(text) == "Uy-ban-Nhan-dan-DONG-Hung"
    assert unit_slug(text, limit=9) == "Uy-ban-Nh" and unit_slug("Ủy ban ", limit=7) == "Uy-ban"
    assert unit_slug("—") == "don-vi"


def _fold_by_definition(text: str) -> str:
    """What fold means: Đ/đ to D/d, then every combining mark of the decomposition goes."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_fold_is_its_definition_for_every_character_and_mixed_texts() -> None:
    # fold takes C-only shortcuts for ASCII and the marks of U+0300-U+036F: each character of
    # the planes that hold marks, alone and in one text, and texts mixing marks of other
    # blocks, the grapheme joiner (U+034F, no mark), quotes and Đ fold as defined.
    plane0 = "".join(chr(c) for c in range(0xD800))  # up to the surrogates
    assert fold(plane0) == _fold_by_definition(plane0)
    alone = [chr(c) for c in (*range(0xD800), *range(0xE000, 0x30000), *range(0xE0000, 0xE1000))]
    assert [fold(ch) for ch in alone] == [_fold_by_definition(ch) for ch in alone]
    pool = "aăâeêôơưyđĐ ÀẾ\u0300\u0301\u0323\u034f\u0331\u0483\u05b0\u20d0ǅẖ“”–…😀"
    pick = random.Random(18)
    for _ in range(5000):
        text = "".join(pick.choice(pool) for _ in range(pick.randint(0, 12)))
        assert fold(text) == _fold_by_definition(text), repr(text)
    assert fold("Tuyên\u034f “truyền”") == "Tuyen\u034f “truyen”"
