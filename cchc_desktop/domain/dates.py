"""Issue dates that may be full, month-only or blank, and the Decree 30 date line.

Decree 30/2020 (Phụ lục I, mục II.4): days below 10 and the months January and February
take a leading zero ("ngày 05 tháng 02"), other months do not ("ngày 27 tháng 7").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Room left for the clerk to write a number or a day by hand on the printed draft.
BLANK = "      "

_ISO_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class IssueDate:
    """A date on a document: ``day`` and ``month`` may be left blank for signing."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1-12")
        if self.day is not None and self.month is not None:
            dt.date(self.year, self.month, self.day)  # raises ValueError when impossible

    @classmethod
    def parse(cls, value: str | None, year: int) -> IssueDate | None:
        """``"2022-01-28"`` → full, ``"2022-02"`` → month-only, ``None``/``""`` → None."""
        if value is None or value == "":
            return None
        m = _ISO_FULL.match(value)
        if m:
            return cls(int(m[1]), int(m[2]), int(m[3]))
        m = _ISO_MONTH.match(value)
        if m:
            return cls(int(m[1]), int(m[2]))
        raise ValueError(f'"{value}" is not YYYY-MM-DD or YYYY-MM')

    def iso(self) -> str:
        """The interchange form: ``"2022-01-28"`` or ``"2022-02"``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def date_phrase(date: IssueDate | None, year: int) -> str:
    """``"ngày 05 tháng 02 năm 2022"``; blanks stand where the day or month is not known."""
    if date is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year}"
    day = f" {day_text(date.day)} " if date.day is not None else BLANK
    month = f" {month_text(date.month)} " if date.month is not None else BLANK
    return f"ngày{day}tháng{month}năm {date.year}"


def date_line(place: str, date: IssueDate | None, year: int) -> str:
    """The place-and-date line: ``"Hải Dương, ngày 28 tháng 01 năm 2022"``."""
    phrase = date_phrase(date, year)
    return f"{place}, {phrase}" if place else phrase


def short_date(value: dt.date) -> str:
    """``27/02/2022``: the form used in tables and labels."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
