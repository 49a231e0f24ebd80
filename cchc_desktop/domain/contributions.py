"""Every unit's answer on a task (issue 14): the lead unit's answer and the partners'
contributions for one quarter.

A task has its lead unit (chủ trì) and often partner units (phối hợp); each is sent a form and
each answer is kept. The lead's answer is the task's own (:attr:`CheckIn.unit` ``""``): it
gives the task's state. A partner's contribution carries its unit's name; it is shown and
printed with the unit, and never stands in for a missing lead answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc_desktop.domain.model import CheckIn, Plan, Task, UnitKind
from cchc_desktop.domain.numbering import roman
from cchc_desktop.domain.periods import Period

LEAD_ROLE = "lead"
PARTNER_ROLE = "partner"


def role_of(task: Task, unit: str) -> str | None:
    """``"lead"``, ``"partner"`` or None when ``unit`` is not named on ``task``."""
    if unit in task.lead:
        return LEAD_ROLE
    if unit in task.partners:
        return PARTNER_ROLE
    return None


def stored_unit(task: Task, unit: str) -> str:
    """The ``CheckIn.unit`` an answer of ``unit`` is kept under: ``""`` for a lead unit."""
    return "" if not unit or unit in task.lead else unit


def answering_unit(task: Task, checkin: CheckIn) -> str:
    """The unit that gave ``checkin``: its own unit, or the task's (first) lead unit."""
    return checkin.unit or (task.lead[0] if task.lead else "")


@dataclass(slots=True)
class Answers:
    """What the units of one task answered for one quarter."""

    task: Task
    period: Period
    lead: CheckIn | None = None
    partners: list[CheckIn] = field(default_factory=list)  # in the task's partner order
    missing: list[str] = field(default_factory=list)  # units named on the task, no answer

    @property
    def lead_missing(self) -> bool:
        return self.lead is None


def task_answers(
    plan: Plan, task: Task, period: Period, checkins: Iterable[CheckIn] | None = None
) -> Answers:
    """The lead's answer, the partners' contributions and the units that have not answered
    for ``task`` in the quarter ``period``. Collective units (kind "group") cannot answer a
    form and are not listed as missing; a contribution of a unit no longer on the task is
    still listed (after the task's partners), so nothing stored is hidden."""
    items = [
        c
        for c in (plan.checkins if checkins is None else checkins)
        if c.task == task.key and c.period == period
    ]
    out = Answers(task, period)
    by_unit = {c.unit: c for c in items}
    out.lead = by_unit.pop("", None)
    groups = {u.name for u in plan.units if u.kind is UnitKind.GROUP}
    if out.lead is None:
        out.missing.extend(u for u in task.lead[:1] if u not in groups)
    for name in task.partners:
        found = by_unit.pop(name, None)
        if found is not None:
            out.partners.append(found)
        elif name not in groups:
            out.missing.append(name)
    out.partners.extend(by_unit.values())
    return out


def partner_contributions(plan: Plan, period: Period) -> dict[str, list[CheckIn]]:
    """Task key → the partners' contributions for the quarter ``period``, in the order of
    each task's partners (units no longer on the task after them)."""
    found: dict[str, list[CheckIn]] = {}
    for c in plan.checkins:
        if c.unit and c.period == period:
            found.setdefault(c.task, []).append(c)
    order = {t.key: {name: i for i, name in enumerate(t.partners)} for t in plan.tasks}
    for key, items in found.items():
        rank = order.get(key, {})
        items.sort(key=lambda c: rank.get(c.unit, len(rank)))
    return found


def contribution_lines(plan: Plan, period: Period) -> dict[str, list[str]]:
    """Task key → the partners' contributions inside ``period`` as report lines, one per unit
    in the task's partner order: ``"Phối hợp — Ban biên tập Trang TTĐT: Đăng 4 tin."``. A
    report of several quarters gives each quarter's words ("Quý I: …; Quý II: …"). Units
    without a word of result are left out; the figures never count these lines."""
    quarters = set(period.quarters)
    several = len(quarters) > 1
    by_task: dict[str, dict[str, list[CheckIn]]] = {}
    for c in plan.checkins:
        in_period = c.period.year == period.year and c.period.last_quarter in quarters
        if c.unit and in_period and c.result.strip():
            by_task.setdefault(c.task, {}).setdefault(c.unit, []).append(c)
    out: dict[str, list[str]] = {}
    for task in plan.tasks:
        units = by_task.get(task.key)
        if not units:
            continue
        order = [*task.partners, *(u for u in units if u not in task.partners)]
        lines = []
        for unit in order:
            items = sorted(units.get(unit, []), key=lambda c: c.period.last_quarter)
            if not items:
                continue
            texts = [
                (f"Quý {roman(c.period.last_quarter)}: " if several else "")
                + c.result.strip().rstrip(".;")
                for c in items
            ]
            lines.append(f"Phối hợp — {unit}: {'; '.join(texts)}.")
        out[task.key] = lines
    return out
