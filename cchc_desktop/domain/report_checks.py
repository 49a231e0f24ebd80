"""What the clerk must be told before a period report goes out, and what stays inside.

Warnings (never silence, never a refusal unless ``--strict``):

- the period's data window ends before the plan was issued;
- a check-in dated after its quarter's data cut-off (581/BNV-CCHC: its data belong to the
  next window). It is still counted in the quarter the unit chose: the clerk moves it if the
  unit meant the next one;
- a task of the report with no check-in inside the window;
- a 6-month or year report whose latest data are from an earlier quarter ("số liệu đến hết
  quý II"): the report says it in words too (:func:`data_until`).

Outward or internal: a check-in's difficulties and proposals go into the report only when
they are meant for the level above. The unit may say so (``CheckIn.proposals_scope``);
otherwise a proposal addressed to the organization's own units ("Đề nghị Văn phòng Sở …",
"… các phòng, đơn vị …") is internal, and a difficulty is outward.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.model import CheckIn, Plan
from cchc_desktop.domain.numbering import roman
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.summary import PeriodSummary
from cchc_desktop.domain.text import fold

OUTWARD = "outward"  # "gửi cấp trên"
INTERNAL = "internal"  # "nội bộ"
SCOPE_LABELS = {"": "Tự động", OUTWARD: "Gửi cấp trên", INTERNAL: "Nội bộ"}

# Folded words that address the organization's own units.
_INTERNAL_WORDS = (
    "van phong so",
    "lanh dao so",
    "cac phong, don vi",
    "cac phong chuyen mon",
    "cac phong, ban",
    "don vi truc thuoc",
    "noi bo",
    "ban bien tap",
)
# Folded words that address a body above: these win over the internal ones.
_OUTWARD_WORDS = (
    "ubnd tinh",
    "uy ban nhan dan tinh",
    "ubnd huyen",
    "uy ban nhan dan huyen",
    "so noi vu",
    "bo noi vu",
    "chinh phu",
    "trung uong",
    "cap tren",
)


def own_unit_names(plan: Plan) -> frozenset[str]:
    """The plan's unit names and short names, folded (what :func:`proposal_is_outward` looks
    for); a report asks it once, not once per proposal."""
    names = {fold(u.name) for u in plan.units} | {fold(u.short) for u in plan.units if u.short}
    return frozenset(names)


def _addresses_own_units(text: str, own: frozenset[str]) -> bool:
    folded = fold(text)
    if any(word in folded for word in _OUTWARD_WORDS):
        return False
    if any(word in folded for word in _INTERNAL_WORDS):
        return True
    return any(name and name in folded for name in own)


def proposal_is_outward(checkin: CheckIn, plan: Plan, own: frozenset[str] | None = None) -> bool:
    """``own``: :func:`own_unit_names` of ``plan``, when the caller asks for many check-ins."""
    if checkin.proposals_scope:
        return checkin.proposals_scope == OUTWARD
    return not _addresses_own_units(checkin.proposals, own_unit_names(plan) if own is None else own)


def difficulty_is_outward(checkin: CheckIn) -> bool:
    return checkin.difficulties_scope != INTERNAL


class WarningKind(StrEnum):
    BEFORE_PLAN = "before_plan"
    AFTER_CUTOFF = "after_cutoff"
    NO_CHECKIN = "no_checkin"
    OLD_DATA = "old_data"


@dataclass(frozen=True, slots=True)
class ReportWarning:
    kind: WarningKind
    message: str  # Vietnamese, one sentence
    task: str = ""  # the task's key when the warning is about one task (the window jumps there)


def plan_issued_day(plan: Plan) -> dt.date | None:
    """The first day the plan existed: its date, or the first of its month when the day is
    blank; None when only the year is known."""
    issued = plan.issued_on
    if issued is None or issued.month is None:
        return None
    return issued.as_date() or dt.date(issued.year, issued.month, 1)


def latest_quarter(plan: Plan, period: Period) -> int:
    """The latest quarter of ``period`` with any check-in, 0 when none."""
    quarters = set(period.quarters)
    return max(
        (
            c.period.last_quarter
            for c in plan.checkins
            # The lead unit's answers: a partner's contribution is not the task's data.
            if not c.unit and c.period.year == period.year and c.period.last_quarter in quarters
        ),
        default=0,
    )


def data_until(plan: Plan, period: Period) -> str:
    """For a report over several quarters whose latest data are older than its last quarter:
    "Số liệu của báo cáo được tổng hợp đến hết quý II năm 2022 (chưa có báo cáo quý III,
    quý IV)."; "" otherwise."""
    if len(period.quarters) == 1:
        return ""
    latest = latest_quarter(plan, period)
    if latest == 0 or latest >= period.last_quarter:
        return ""
    missing = ", ".join(f"quý {roman(q)}" for q in period.quarters if q > latest)
    return (
        f"Số liệu của báo cáo được tổng hợp đến hết quý {roman(latest)} năm {period.year} "
        f"(chưa có báo cáo {missing})."
    )


def report_warnings(summary: PeriodSummary) -> list[ReportWarning]:
    """Every warning for the report of ``summary`` (see the module docstring)."""
    plan, period = summary.plan, summary.period
    out: list[ReportWarning] = []
    start, end = summary.cutoff
    issued = plan_issued_day(plan)
    if issued is not None and end < issued:
        out.append(
            ReportWarning(
                WarningKind.BEFORE_PLAN,
                f"Kỳ báo cáo {period.label()} kết thúc ngày {short_date(end)}, trước khi "
                f"Kế hoạch được ban hành ({short_date(issued)}).",
            )
        )
    old = data_until(plan, period)
    if old:
        out.append(ReportWarning(WarningKind.OLD_DATA, old))
    cutoff_day = plan.organization.cutoff_day
    quarters = set(period.quarters)
    names = {t.key: t.name for t in plan.tasks}
    reported: set[str] = set()
    # Per period (a handful for thousands of check-ins): its cut-off day, that day and the
    # period as printed.
    cutoffs: dict[Period, tuple[dt.date, str, str]] = {}
    for c in plan.checkins:
        if c.unit or c.period.year != period.year or c.period.last_quarter not in quarters:
            continue  # the lead unit's answers only (issue 14)
        reported.add(c.task)
        known = cutoffs.get(c.period)
        if known is None:
            last = c.period.cutoff(cutoff_day)[1]
            known = cutoffs[c.period] = (last, short_date(last), c.period.short_label())
        last_day, last_text, label = known
        if c.reported_on is not None and c.reported_on > last_day:
            out.append(
                ReportWarning(
                    WarningKind.AFTER_CUTOFF,
                    f"Nhiệm vụ “{names.get(c.task, c.task)}”: báo cáo {label} "
                    f"ghi ngày {short_date(c.reported_on)}, sau ngày chốt số liệu "
                    f"{last_text}; theo chế độ báo cáo, số liệu này thuộc kỳ sau "
                    f"(vẫn được tính vào {label} như đơn vị đã chọn).",
                    c.task,
                )
            )
    # The same window for every task without a check-in (hundreds in a year report).
    window = f"(từ {short_date(start)} đến {short_date(end)})"
    for state in summary.states:
        if state.task.key not in reported and not state.finished_before:
            out.append(
                ReportWarning(
                    WarningKind.NO_CHECKIN,
                    f"Nhiệm vụ “{state.task.name}” chưa có báo cáo nào trong kỳ {window}.",
                    state.task.key,
                )
            )
    return out
