"""Agency names in running text: "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ".

The header block prints an agency's name in capitals; a sentence that names it ("Kèm theo Kế
hoạch số ... của Sở Khoa học và Công nghệ", "Ủy ban nhân dân xã Gio Sơn báo cáo ...") needs
the Decree 30 capitalisation (Phụ lục II, IV.1 and III.1): the first syllable of the name,
of the field after the type of agency, and of each field after "và", a comma or a dash;
administrative nouns (tỉnh, huyện, xã ...) stay lower case and the place name after them is
capitalised; abbreviations such as UBND stay as they are. A heuristic, right for the usual
names of Sở, UBND and their units; a name that is already in mixed case is returned as is.
"""

from __future__ import annotations

import re
import unicodedata

from cchc_desktop.domain.text import nfc

_VOWELS = "aăâeêioôơuưy"
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    rf"[{_VOWELS}]{{1,3}}(ng|nh|ch|[cmnpt])?$"
)
# Agency types after which the field is capitalised ("Sở Tài chính", "Văn phòng Sở").
_HEADS = (
    ("sở",), ("bộ",), ("ban",), ("cục",), ("chi", "cục"), ("tổng", "cục"), ("văn", "phòng"),
    ("trung", "tâm"), ("phòng",), ("viện",), ("trường",), ("đài",), ("báo",),
)  # fmt: skip
# Collective bodies whose name goes on in lower case ("Ủy ban nhân dân", "Hội đồng nhân dân").
_COLLECTIVES = (("ủy", "ban", "nhân", "dân"), ("hội", "đồng", "nhân", "dân"))
# Administrative units: the noun stays lower case, the place name after it is capitalised.
_UNITS = (
    ("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("tỉnh",), ("huyện",), ("xã",),
    ("quận",), ("phường",), ("thôn",), ("xóm",), ("ấp",), ("bản",),
)  # fmt: skip


def _plain(token: str) -> str:
    """The letters of ``token`` without marks, lower case ("HỌC," → "hoc", "ĐƯỜNG" → "đuong")."""
    base = "".join(
        ch for ch in unicodedata.normalize("NFD", token.lower()) if not unicodedata.combining(ch)
    )
    return re.sub(r"[^a-zđ]", "", base)


def _is_abbreviation(token: str) -> bool:
    letters = re.sub(r"[^\w]", "", token)
    if len(letters) < 2 or not letters.isupper():
        return False
    return _SYLLABLE.match(_plain(letters)) is None


def _starts_with(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(w.lower().strip(",;") for w in words[i : i + len(phrase)]) == phrase


def _match(words: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the phrase of ``phrases`` that starts at ``words[i]``, or 0."""
    return max((len(p) for p in phrases if _starts_with(words, i, p)), default=0)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def agency_name(name: str) -> str:
    """The name of an agency as written inside a sentence (see the module docstring)."""
    name = " ".join(nfc(name).split())
    if not name or any(ch.islower() for ch in name):
        return name
    words = name.split(" ")
    out: list[str] = []
    capital_next = True  # the first syllable of the name
    place = False  # inside a place name: every syllable capitalised
    i = 0
    while i < len(words):
        word = words[i]
        if _is_abbreviation(word):
            out.append(word)
            capital_next = False
            i += 1
            continue
        lower = word.lower()
        if place:
            out.append(_capitalise(lower))
            i += 1
            continue
        if not capital_next and (n := _match(words, i, _UNITS)):
            out.extend(w.lower() for w in words[i : i + n])
            place = True
            i += n
            continue
        if n := _match(words, i, _COLLECTIVES):
            phrase = [w.lower() for w in words[i : i + n]]
            out.append(_capitalise(phrase[0]) if capital_next else phrase[0])
            out.extend(phrase[1:])
            capital_next = False
            i += n
            continue
        head = _match(words, i, _HEADS)
        if head:
            phrase = [w.lower() for w in words[i : i + head]]
            out.append(_capitalise(phrase[0]) if capital_next or not out else phrase[0])
            out.extend(phrase[1:])
            capital_next = True
            i += head
            continue
        out.append(_capitalise(lower) if capital_next else lower)
        capital_next = lower in ("và", "-") or lower.endswith(",")
        i += 1
    return " ".join(out)
