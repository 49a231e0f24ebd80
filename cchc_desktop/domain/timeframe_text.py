"""Read a "Thời gian thực hiện" text as a :class:`Timeframe`: the inverse of the labels.

Plans write the timeframe of a task in free text: "Thường xuyên trong năm", "Quý II, III",
"6 tháng đầu năm", "Tháng 6/2022", "Trước ngày 30/6". :func:`parse_timeframe_text` turns
such a text into its kind (and quarters, months or due date) and keeps the text itself as
the label, so the appendix prints exactly what the clerk wrote. The .docx importer and the
window's timeframe editor both use it.

Matching works on the diacritic-free search key ("Quý II" → "quy ii"), so "Qúy", "QUÝ" and
text typed without accents all read the same.
"""

from __future__ import annotations

import datetime as dt
import re

from cchc_desktop.domain.numbering import from_roman
from cchc_desktop.domain.search import search_key
from cchc_desktop.domain.text import nfc
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind

# A day/month date, with or without the year: "27/02/2022", "30/6", "30-6-2022", "30.6".
_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])")
# "ngày 30 tháng 6 năm 2022" written out.
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_QUARTER = re.compile(r"\bquy\b")
_MONTH = re.compile(r"\bthang\s+(?=\d)")
# A numeral in a list of quarters or months: "ii", "3"; separators between them.
_TOKEN = re.compile(r"\s*(?:(,|;|&|\+|va|den|toi|-|–|quy|thang)\s*|([ivx]+|\d{1,2})\b\s*)")
_HALF_FIRST = re.compile(r"\b6 thang dau nam\b|\bnua dau nam\b")
_HALF_SECOND = re.compile(r"\b6 thang cuoi nam\b|\bnua cuoi nam\b")
# "Định kỳ 6 tháng và năm", "báo cáo 6 tháng, năm": the half-year and year-end reports.
_HALF_AND_YEAR = re.compile(r"\b6 thang\b.*\bnam\b")
_HALF_YEARLY = re.compile(r"\b(dinh ky|hang|moi) 6 thang\b|\b6 thang (mot|1) lan\b")
_YEAR_END = re.compile(r"\bcuoi nam\b")
# Work done all year round, or at every quarter or month: a check-in every quarter.
# ("hàng" and "hằng" share the key "hang".)
_RECURRING = re.compile(
    r"\bthuong xuyen\b|\blien tuc\b|\bdinh ky\b|\b(hang|moi) (quy|thang|tuan)\b"
)
_YEAR = re.compile(r"^(ca |trong |suot )?nam( \d{4})?$|\b(ca|trong|hang) nam\b|\bnam \d{4}\b")


def parse_timeframe_text(text: str, year: int) -> Timeframe | None:
    """The timeframe ``text`` describes, labelled with ``text``; None when not understood.

    An empty text is the default timeframe (the whole year, no label). A date without its
    year ("Trước ngày 30/6") falls in ``year``, the plan's year. The result is not checked
    against ``year``: call :meth:`Timeframe.validate` for that.
    """
    label = " ".join(nfc(text).split())
    if not label:
        return Timeframe()
    key = search_key(label)
    for rule in (_deadline, _halves, _quarters, _months, _recurring, _year_end, _year):
        found = rule(key, year)
        if found is not None:
            found.label = label
            return found
    return None


def _deadline(key: str, year: int) -> Timeframe | None:
    # The last date: "Từ 01/3 đến 30/6" is due on 30/6. ("6/2022" is no date: see _DATE.)
    matches = list(_DATE_WORDS.finditer(key)) or list(_DATE.finditer(key))
    if not matches:
        return None
    match = matches[-1]
    day, month = int(match[1]), int(match[2])
    try:
        due = dt.date(int(match[3]) if match[3] else year, month, day)
    except ValueError:
        return None
    return Timeframe(kind=TimeframeKind.DEADLINE, due=due)


def _halves(key: str, year: int) -> Timeframe | None:
    if _HALF_FIRST.search(key):
        return Timeframe(kind=TimeframeKind.QUARTERS, quarters=[1, 2])
    if _HALF_SECOND.search(key):
        return Timeframe(kind=TimeframeKind.QUARTERS, quarters=[3, 4])
    if _HALF_AND_YEAR.search(key) or _HALF_YEARLY.search(key):
        return Timeframe(kind=TimeframeKind.MONTHS, months=[6, 12])
    return None


def _year_end(key: str, year: int) -> Timeframe | None:
    """Due in December for "Cuối năm" (read after "Thường xuyên", which wins over it)."""
    if _YEAR_END.search(key):
        return Timeframe(kind=TimeframeKind.MONTHS, months=[12])
    return None


def _numerals(key: str, start: int, *, roman: bool, limit: int) -> list[int]:
    """The list of numbers written from ``start``: "ii, iii", "i va ii", "ii - iv", "3, 6"."""
    values: list[int] = []
    pending_range = False
    pos = start
    while pos < len(key):
        m = _TOKEN.match(key, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m[1] is not None:
            if m[1] in ("-", "–", "den", "toi") and values:
                pending_range = True
            continue
        word = m[2]
        value = from_roman(word.upper()) if roman and not word.isdigit() else None
        if value is None and word.isdigit():
            value = int(word)
        if value is None or not 1 <= value <= limit:
            break
        if pending_range and values and value > values[-1]:
            values.extend(range(values[-1] + 1, value + 1))
        elif value not in values:
            values.append(value)
        pending_range = False
    return values


def _quarters(key: str, year: int) -> Timeframe | None:
    match = _QUARTER.search(key)
    if match is None:
        return None
    quarters = _numerals(key, match.end(), roman=True, limit=4)
    if not quarters:
        return None
    return Timeframe(kind=TimeframeKind.QUARTERS, quarters=sorted(set(quarters)))


def _months(key: str, year: int) -> Timeframe | None:
    match = _MONTH.search(key)
    if match is None:
        return None
    months = _numerals(key, match.end(), roman=False, limit=12)
    if not months:
        return None
    return Timeframe(kind=TimeframeKind.MONTHS, months=sorted(set(months)))


def _recurring(key: str, year: int) -> Timeframe | None:
    if _RECURRING.search(key):
        return Timeframe(kind=TimeframeKind.RECURRING)
    return None


def _year(key: str, year: int) -> Timeframe | None:
    if _YEAR.search(key):
        return Timeframe(kind=TimeframeKind.YEAR)
    return None


__all__ = ["parse_timeframe_text"]
