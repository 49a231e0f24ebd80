"""Read the units named in one cell of a task table ("Đơn vị chủ trì", "Đơn vị phối hợp").

A cell names one unit or several: one per line, or separated by ";" or by commas. Commas
are the hard part, since names hold commas too: "Các phòng, đơn vị trực thuộc Sở" is one
group and "Trung tâm Đo lường, Thử nghiệm và TTKH" one unit, while "Văn phòng Sở, Thanh tra
Sở" is two. :func:`split_units` decides with these rules, in order:

1. the names already known (the plan's or the database's units, and the names a document
   writes alone in a cell) are matched first, case and accents ignored;
2. a piece that starts in lower case continues the name before it ("..., đơn vị ...");
3. a piece that starts with the word for a kind of unit ("Phòng", "Trung tâm", "Ban" ...)
   or an abbreviation ("UBND", "VP") starts a new name;
4. any other piece continues the name before it when it holds "và" (a name listing its
   fields: "..., Thử nghiệm và TTKH") and starts a new name otherwise.

The window's task editor may reuse it for a pasted list of units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from cchc_desktop.domain.model import UnitKind
from cchc_desktop.domain.search import search_key as _search_key
from cchc_desktop.domain.text import nfc

# First words of unit names (search keys): a piece starting with one starts a new unit.
UNIT_WORDS: tuple[str, ...] = (
    "phong", "van phong", "trung tam", "chi cuc", "cuc", "tong cuc", "ban", "ban tin", "so",
    "bo", "bo phan", "uy ban", "hoi dong", "to", "doi", "hoi", "dai", "bao", "tap chi", "trang",
    "cong thong tin", "cong an", "quan su", "ban chi huy", "truong", "vien", "benh vien", "doan",
    "cong doan", "chi bo", "dang uy", "dang bo", "mat tran", "thanh tra", "kho bac", "tu phap",
    "van hoa", "dia chinh", "tai chinh", "cong chuc", "can bo", "lanh dao", "giam doc",
    "pho giam doc", "chu tich", "pho chu tich", "thu truong", "cac", "toan the", "tat ca",
    "thon", "xa", "huyen", "tinh", "thanh pho", "chi nhanh", "cong ty", "nha", "hop tac xa",
    "ky thuat", "chi doan", "hoi lien hiep", "nguoi", "thuong truc",
)  # fmt: skip
_UNIT_WORDS = tuple(sorted(UNIT_WORDS, key=len, reverse=True))
# A leading list mark inside a cell: "- Văn phòng Sở", "+ Thanh tra", "• Phòng A".
_MARK = re.compile(r"^\s*(?:[-–—+•·*]|\d{1,2}[.)])\s*")
_ABBREVIATION = re.compile(r"^[A-ZĐ][A-ZĐ0-9&\-]+\b")
_GROUP_WORDS = ("cac ", "toan the ", "tat ca ", "nhung ")


@lru_cache(maxsize=8192)
def search_key(text: str) -> str:
    """:func:`cchc_desktop.domain.search.search_key`, remembered: a table of a thousand
    rows names the same few units again and again."""
    return _search_key(text)


def unit_kind(name: str) -> UnitKind:
    """A collective ("Các phòng, đơn vị trực thuộc Sở", "Toàn thể ...") is a group."""
    key = search_key(name) + " "
    return UnitKind.GROUP if key.startswith(_GROUP_WORDS) else UnitKind.UNIT


def clean_unit(text: str) -> str:
    """A unit name without list mark, surrounding spaces or closing ";", "," or "."."""
    text = _MARK.sub("", " ".join(nfc(text).split()), count=1)
    return text.strip().rstrip(";,.").strip()


def _starts_unit(piece: str) -> bool:
    if _ABBREVIATION.match(piece):
        return True
    key = search_key(piece) + " "
    return any(key.startswith(word + " ") for word in _UNIT_WORDS)


def _continues(piece: str) -> bool:
    """Does this comma-separated ``piece`` belong to the name before it?"""
    first = piece[:1]
    if first.isalpha() and first.islower():
        return True
    if _starts_unit(piece):
        return False
    return " và " in f" {piece} "


def split_units(text: str, known: Iterable[str] = (), *, commas: bool = True) -> list[str]:
    """The unit names written in ``text`` (one cell), in order, each once.

    Names from ``known`` are returned in their known spelling. A cell written as one name
    per line, every line but the last ending in ";" (as the application prints it), is
    taken line by line with no comma splitting; so is every cell when ``commas`` is False
    (a document that lists units that way everywhere).
    """
    known_by_key: dict[str, str] = {}
    for name in known:
        known_by_key.setdefault(search_key(name), name)
    lines = [line for line in nfc(text).replace("\r", "\n").split("\n") if line.strip()]
    one_per_line = len(lines) > 1 and all(line.rstrip().endswith(";") for line in lines[:-1])
    segments = lines if one_per_line else [s for line in lines for s in line.split(";")]
    if one_per_line or not commas:
        names = [clean_unit(s) for s in segments]
        names = [known_by_key.get(search_key(n), n) for n in names]
    else:
        names = [n for s in segments for n in _split_segment(clean_unit(s), known_by_key)]
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out


def _split_segment(segment: str, known: dict[str, str]) -> list[str]:
    if not segment:
        return []
    whole = known.get(search_key(segment))
    if whole is not None or "," not in segment:
        return [whole or segment]
    pieces = [p.strip() for p in segment.split(",")]
    names: list[str] = []
    i = 0
    while i < len(pieces):
        # Rule 1: the longest run of pieces that spells a known name.
        for j in range(len(pieces), i, -1):
            name = known.get(search_key(", ".join(pieces[i:j])))
            if name is not None:
                names.append(name)
                i = j
                break
        else:
            current = pieces[i]
            i += 1
            while i < len(pieces) and pieces[i] and _continues(pieces[i]):
                if known.get(search_key(pieces[i])) is not None:
                    break
                current = f"{current}, {pieces[i]}"
                i += 1
            names.append(current)
    return [clean_unit(n) for n in names if clean_unit(n)]


__all__ = ["UNIT_WORDS", "clean_unit", "split_units", "unit_kind"]
