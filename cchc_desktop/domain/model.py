"""The Plan aggregate: plain objects that travel between storage, interchange, exports and
imports. No session, no Qt. Ids are None until stored; exports and interchange ignore them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from cchc_desktop.domain.dates import BLANK, IssueDate
from cchc_desktop.domain.numbering import section_number
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.timeframes import Timeframe

if TYPE_CHECKING:
    from cchc_desktop.domain.report_record import ReportRecord


class ParagraphStyle(StrEnum):
    PLAIN = "plain"
    DASH = "dash"  # printed with a leading "- "
    PLUS = "plus"  # printed with a leading "+ ", one level under a dash


PARAGRAPH_MARKS: dict[ParagraphStyle, str] = {
    ParagraphStyle.PLAIN: "",
    ParagraphStyle.DASH: "- ",
    ParagraphStyle.PLUS: "+ ",
}


class SectionKind(StrEnum):
    """Decree 30 Phụ lục I Mục V: a khoản or điểm with a title is a heading (bold, or bold
    italic for điểm); one without a title is a numbered sentence, printed upright like the
    body ("7. Tăng cường kiểm tra ..."). Both keep their number from their position."""

    HEADING = "heading"
    ITEM = "item"  # untitled: the number, then plain body text


# The sentence the body carries where its tasks begin when the appendix is printed
# (Decree 30 Phụ lục I: the body points to its appendix). The clerk can edit it.
DEFAULT_APPENDIX_REFERENCE = "(Chi tiết tại Phụ lục kèm theo Kế hoạch này)"


class UnitKind(StrEnum):
    UNIT = "unit"
    GROUP = "group"  # a collective such as "Các phòng, đơn vị trực thuộc Sở"


@dataclass(slots=True)
class Organization:
    parent: str = ""
    name: str = ""
    abbreviation: str = ""
    place: str = ""
    cutoff_day: int = 15  # data cut-off day of month for reports (configurable per body)
    id: int | None = None


@dataclass(slots=True)
class Unit:
    name: str
    short: str = ""
    kind: UnitKind = UnitKind.UNIT
    active: bool = True
    id: int | None = None

    @property
    def display(self) -> str:
        return self.short or self.name


@dataclass(slots=True)
class Paragraph:
    text: str
    style: ParagraphStyle = ParagraphStyle.PLAIN
    id: int | None = None

    @property
    def printed(self) -> str:
        return PARAGRAPH_MARKS[self.style] + self.text


@dataclass(slots=True)
class Section:
    heading: str
    body: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    id: int | None = None
    kind: SectionKind = SectionKind.HEADING


@dataclass(slots=True)
class NumberedSection:
    """A section with its computed number and depth, as walked in document order."""

    section: Section
    depth: int
    number: str
    path: tuple[int, ...]  # 0-based indexes from the root


@dataclass(slots=True)
class Recipient:
    name: str
    note: str = ""
    id: int | None = None

    @property
    def printed(self) -> str:
        """``"UBND tỉnh (để b/c)"``: the text of a "Nơi nhận" line without dash and ';'."""
        return f"{self.name} ({self.note})" if self.note else self.name


@dataclass(slots=True)
class Signer:
    authority: str = ""  # "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"; "" when the head signs
    title: str = ""  # "PHÓ GIÁM ĐỐC"
    name: str = ""


@dataclass(slots=True)
class Target:
    quantity: float
    unit: str = ""

    def format(self, achieved: float | None = None) -> str:
        """``"12/20 tin, bài"`` or ``"20 tin, bài"`` when nothing is achieved yet."""
        total = format_number(self.quantity)
        suffix = f" {self.unit}" if self.unit else ""
        if achieved is None:
            return f"{total}{suffix}"
        return f"{format_number(achieved)}/{total}{suffix}"


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(slots=True)
class Task:
    key: str
    name: str
    product: str = ""
    lead: list[str] = field(default_factory=list)  # unit names
    partners: list[str] = field(default_factory=list)
    timeframe: Timeframe = field(default_factory=Timeframe)
    target: Target | None = None
    note: str = ""
    group: str = ""
    id: int | None = None
    # Server mode (issue 19): the stored version (0: not stored yet) and the clerk who last
    # edited it. Bookkeeping of the database, not part of the plan: the interchange format
    # leaves them out and two tasks that say the same are equal whatever their versions.
    version: int = field(default=0, compare=False)
    edited_by: str = field(default="", compare=False)
    # The cells of the plan's own extra appendix columns (Plan.extra_columns), by column name.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Evidence:
    title: str
    file: str = ""  # a file name inside the plan's evidence folder, or ""
    id: int | None = None
    # The name the clerk attached (the stored ``file`` is a content-hash name). Not part of
    # the interchange format: a plan file carries the stored name only.
    original_name: str = ""


@dataclass(slots=True)
class CheckIn:
    task: str  # the task's key
    period: Period
    status: Status = Status.NOT_STARTED
    progress: int = 0
    result: str = ""
    achieved: float | None = None
    evidence: list[Evidence] = field(default_factory=list)
    difficulties: str = ""
    proposals: str = ""
    reported_by: str = ""  # a unit name
    reported_on: dt.date | None = None
    id: int | None = None
    # Server mode (issue 19), as on Task: version, who stored it last and when.
    version: int = field(default=0, compare=False)
    edited_by: str = field(default="", compare=False)
    edited_at: dt.datetime | None = field(default=None, compare=False)
    # Who the difficulties and proposals are for: "outward" (gửi cấp trên), "internal"
    # (nội bộ) or "" (decided by domain.report_checks). Only outward ones go into the report.
    difficulties_scope: str = ""
    proposals_scope: str = ""
    # Whose answer this is (issue 14): "" for the task's lead unit (chủ trì), whose answer is
    # the task's state; a partner unit's name for its contribution (phối hợp), which is shown
    # and printed with its unit but never counted as the task's state.
    unit: str = ""

    @property
    def is_lead_answer(self) -> bool:
        return not self.unit


@dataclass(slots=True)
class Plan:
    """One plan document with its appendix and check-ins: the whole aggregate."""

    organization: Organization
    year: int
    symbol: str
    title: str
    units: list[Unit] = field(default_factory=list)
    number: str = ""
    issued_on: IssueDate | None = None
    doc_type: str = "KẾ HOẠCH"
    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    archive: str = "VT"
    signer: Signer = field(default_factory=Signer)
    appendix_title: str = ""
    tasks: list[Task] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    id: int | None = None
    # "In phụ lục nhiệm vụ": whether the task table is printed as the plan's appendix. Files
    # and databases that predate the setting decide by the appendix title (the office wrote
    # an appendix); the tasks are kept and reported on either way.
    print_appendix: bool = True
    appendix_reference: str = DEFAULT_APPENDIX_REFERENCE
    # Columns an office's own appendix table had beyond ours ("Kinh phí", "Nguồn kinh phí"),
    # printed after "Thời gian thực hiện" in this order; the cells are Task.extra.
    extra_columns: list[str] = field(default_factory=list)
    # The period reports' own words (domain.report_record.ReportRecord), one per period.
    reports: list[ReportRecord] = field(default_factory=list)

    @property
    def number_symbol(self) -> str:
        """``"74/KH-SKHCN"``; a blank number keeps room to write it: ``"      /KH-SLĐTBXH"``."""
        return f"{self.number or BLANK}/{self.symbol}"

    def unit(self, name: str) -> Unit | None:
        return next((u for u in self.units if u.name == name), None)

    def task(self, key: str) -> Task | None:
        return next((t for t in self.tasks if t.key == key), None)

    def report(self, period: Period) -> ReportRecord | None:
        """The office's words on the report of ``period``, if any were kept."""
        return next((r for r in self.reports if r.period == period), None)

    def checkins_of(self, key: str) -> list[CheckIn]:
        return [c for c in self.checkins if c.task == key]

    def walk_sections(self) -> list[NumberedSection]:
        """Every section in document order with its number ("I.", "1.", "a)")."""
        out: list[NumberedSection] = []

        def visit(sections: list[Section], depth: int, prefix: tuple[int, ...]) -> None:
            for i, s in enumerate(sections):
                path = (*prefix, i)
                out.append(NumberedSection(s, depth, section_number(depth, i + 1), path))
                visit(s.children, depth + 1, path)

        visit(self.sections, 1, ())
        return out
