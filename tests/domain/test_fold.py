"""The one diacritic folding: search keys and ASCII file names are built on it."""

from __future__ import annotations

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
