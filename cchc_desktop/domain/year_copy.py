"""A plan copied to a new year, its text brought to that year (pure).

"Sao chép sang năm mới" must not leave the old year behind: wherever the plan's own year
stands for the plan's year (the trích yếu, the section texts, the task names, products,
notes and timeframes: "năm 2022", "Quý I/2022", "NĂM 2022"), it becomes the new year.

What is left alone is every date and dated document reference ("Kế hoạch số 276/KH-UBND
ngày 27 tháng 01 năm 2022", "Công văn số 45/SKHCN-VP", "ngày 15/12/2022",
"Nghị định số 61/2018/NĐ-CP"): those name something that happened, and only the clerk knows
whether the new plan cites the same text or next year's. They are listed, with every
replacement made, for the clerk to review before anything is stored.

Task timeframes are the plan's own dates: labels are rewritten whole ("Trước 27/02/2022" →
"Trước 27/02/2023") and deadlines move by the same number of years.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from cchc_desktop.domain.model import Paragraph, Plan
from cchc_desktop.domain.timeframes import TimeframeKind

_KINDS = (
    "Kế hoạch|Quyết định|Công văn|Văn bản|Chỉ thị|Nghị quyết|Nghị định|Thông tư|Thông báo|"
    "Báo cáo|Hướng dẫn|Chương trình|Đề án|Luật|Pháp lệnh|Kết luận|Tờ trình|Giấy mời"
)
_WORDS = r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"  # "27 tháng 01 năm 2022"
_SLASH = r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?!\d)"  # "27/01/2022"
# "Kế hoạch số 276/KH-UBND ngày 27 tháng 01 năm 2022", "Nghị định số 61/2018/NĐ-CP".
_REFERENCE = re.compile(
    rf"(?:\b(?:{_KINDS})\s+)?số\s+[\w.]+(?:\s*/\s*[\w.-]+)+(?:\s+ngày\s+(?:{_WORDS}|{_SLASH}))?",
    re.IGNORECASE,
)
_DATE = re.compile(rf"(?:ngày\s+)?(?:{_WORDS}|{_SLASH})", re.IGNORECASE)
_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(slots=True)
class Replacement:
    where: str  # "Trích yếu", "Mục II.1, đoạn 2", "Nhiệm vụ 3: thời gian"
    before: str
    after: str


@dataclass(slots=True)
class KeptReference:
    where: str
    text: str  # the date or dated reference as written, left as it is


@dataclass(slots=True)
class YearCopy:
    """The plan for the new year and what was changed or left alone on the way."""

    plan: Plan
    replacements: list[Replacement] = field(default_factory=list)
    kept: list[KeptReference] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The review list, one line each (the command line and the window show it)."""
        out = [f"Thay: {r.where}: “{r.before}” → “{r.after}”" for r in self.replacements]
        out += [f"Giữ nguyên (cần xem lại): {k.where}: “{k.text}”" for k in self.kept]
        return out


def _protected(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _REFERENCE.finditer(text)]
    spans += [m.span() for m in _DATE.finditer(text)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class _Rewriter:
    def __init__(self, old: int, new: int) -> None:
        self.old, self.new = str(old), str(new)
        self._year = re.compile(rf"(?<!\d){old}(?!\d)")
        self.result: YearCopy | None = None
        self.replacements: list[Replacement] = []
        self.kept: list[KeptReference] = []

    def text(self, value: str, where: str) -> str:
        """``value`` with the plan's year moved, outside dates and dated references."""
        spans = _protected(value)
        for start, end in spans:
            piece = value[start:end]
            if _YEARISH.search(piece):
                self.kept.append(KeptReference(where, " ".join(piece.split())))
        out, last = [], 0
        for start, end in [*spans, (len(value), len(value))]:
            out.append(self._year.sub(self.new, value[last:start]))
            out.append(value[start:end])
            last = end
        result = "".join(out)
        self._note(where, value, result)
        return result

    def whole(self, value: str, where: str) -> str:
        """A timeframe label: every mention of the year is the plan's year."""
        result = self._year.sub(self.new, value)
        self._note(where, value, result)
        return result

    def _note(self, where: str, before: str, after: str) -> None:
        if after != before:
            # Show the words around the first change, not the paragraph's start.
            at = next(i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
            start = max(0, at - 50)
            self.replacements.append(
                Replacement(where, _excerpt(before, start), _excerpt(after, start))
            )

    def paragraphs(self, paragraphs: list[Paragraph], where: str) -> None:
        for i, p in enumerate(paragraphs, start=1):
            p.text = self.text(p.text, f"{where}, đoạn {i}")


def _excerpt(text: str, start: int = 0, limit: int = 110) -> str:
    head = "…" if start else ""
    piece = " ".join(text[start:].split())
    return head + (piece if len(piece) <= limit else piece[: limit - 1] + "…")


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def copy_to_year(plan: Plan, year: int) -> YearCopy:
    """A deep copy of ``plan`` for ``year`` with its text rewritten; no check-ins, no number
    and no date (the new plan is not issued yet). Ids are kept: the caller clears them."""
    new = copy.deepcopy(plan)
    rw = _Rewriter(plan.year, year)
    new.year = year
    new.number = ""
    new.issued_on = None
    new.checkins = []
    new.reports = []  # the new year writes its own reports
    new.title = rw.text(new.title, "Trích yếu")
    rw.paragraphs(new.preamble, "Mở đầu")
    printed: dict[tuple[int, ...], str] = {}
    for numbered in new.walk_sections():
        printed[numbered.path] = numbered.number.rstrip(".)")
        where = "Mục " + ".".join(printed[numbered.path[:d]] for d in range(1, numbered.depth + 1))
        numbered.section.heading = rw.text(numbered.section.heading, f"{where}, tên mục")
        rw.paragraphs(numbered.section.body, where)
    rw.paragraphs(new.closing, "Đoạn kết")
    new.appendix_title = rw.text(new.appendix_title, "Tiêu đề phụ lục")
    new.appendix_reference = rw.text(new.appendix_reference, "Câu dẫn chiếu phụ lục")
    shift = year - plan.year
    for n, task in enumerate(new.tasks, start=1):
        where = f"Nhiệm vụ {n}"
        task.name = rw.text(task.name, f"{where}: tên")
        task.product = rw.text(task.product, f"{where}: sản phẩm")
        task.note = rw.text(task.note, f"{where}: ghi chú")
        task.group = rw.text(task.group, f"{where}: nhóm")
        task.extra = {k: rw.text(v, f"{where}: {k}") for k, v in task.extra.items()}
        tf = task.timeframe
        tf.label = rw.whole(tf.label, f"{where}: thời gian")
        if tf.kind is TimeframeKind.DEADLINE and tf.due is not None:
            tf.due = _shift_year(tf.due, shift)
    return YearCopy(new, rw.replacements, rw.kept)
