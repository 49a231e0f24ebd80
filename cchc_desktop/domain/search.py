"""Diacritic-free, case-free search keys: "tuyen truyen" finds "Tuyên truyền"."""

from __future__ import annotations

import unicodedata

# Unicode decomposition leaves Đ/đ intact (it is a letter of its own, not D + a mark).
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def search_key(text: str) -> str:
    """Fold ``text`` to lower case without diacritics, white space collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def matches(query: str, *fields: str) -> bool:
    """True when each word of ``query`` occurs in ``fields`` (diacritics and case ignored)."""
    words = search_key(query).split()
    if not words:
        return True
    haystack = " \n ".join(search_key(f) for f in fields)
    return all(w in haystack for w in words)
