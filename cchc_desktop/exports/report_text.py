"""The words of a period report ("Báo cáo kết quả thực hiện Kế hoạch ... quý I năm 2022").

Built from the plan's check-ins through :func:`cchc_desktop.domain.summary.summarize` and the
task states of :mod:`cchc_desktop.domain.progress`; no state rule is decided here. The text is
a draft for the clerk to edit in Word, so it states facts plainly: the period and its data
cut-off, I. results task by task, II. difficulties, III. next period's tasks, IV. proposals.

The report is returned as a :class:`Plan`-shaped document (header, title, preamble, numbered
sections, closing, recipients, signer), so that the one Decree 30 writer lays out both the
plan and the report and numbers the report's sections the same way.

Pure: imports no python-docx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cchc_desktop.domain.dates import IssueDate, short_date
from cchc_desktop.domain.model import CheckIn, Paragraph, ParagraphStyle, Plan, Recipient, Section
from cchc_desktop.domain.names import agency_name
from cchc_desktop.domain.numbering import roman
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import TaskState, is_due_in, plan_states
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.summary import PeriodSummary, summarize

REPORT_DOC_TYPE = "BÁO CÁO"
# Where a plan names no superior "để b/c", a report goes to these.
DEFAULT_REPORT_RECIPIENTS = ("UBND tỉnh", "Sở Nội vụ")
OTHER_GROUP = "Nhiệm vụ khác"


@dataclass(slots=True)
class Report:
    document: Plan  # the report's own text, in the shape of a plan document
    summary: PeriodSummary
    period: Period


def _dash(text: str) -> Paragraph:
    return Paragraph(text, ParagraphStyle.DASH)


def _plain(text: str) -> Paragraph:
    return Paragraph(text, ParagraphStyle.PLAIN)


def percent(value: float) -> str:
    """``33,3%``: Vietnamese decimal comma."""
    return f"{value:g}".replace(".", ",") + "%"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".;:!?" else text + "."


def kind_name(plan: Plan) -> str:
    """``"Kế hoạch"`` from ``"KẾ HOẠCH"``."""
    return plan.doc_type.strip().capitalize()


def plan_reference(plan: Plan) -> str:
    """``"Kế hoạch số 74/KH-SKHCN ngày 28/01/2022"``; number and date only when known."""
    text = kind_name(plan)
    if plan.number:
        text += f" số {plan.number}/{plan.symbol}"
    issued = plan.issued_on.as_date() if plan.issued_on else None
    if issued is not None:
        text += f" ngày {short_date(issued)}"
    return text


def topic(plan: Plan) -> str:
    """The plan's subject inside a sentence: "tuyên truyền cải cách hành chính năm 2022"."""
    title = " ".join(plan.title.split())
    for lead in ("Về việc ", "về việc ", "Về ", "về "):
        if title.startswith(lead):
            title = title[len(lead) :]
            break
    if len(title) > 1 and title[1].islower():
        title = title[0].lower() + title[1:]
    return title


def subject(plan: Plan, period: Period) -> str:
    """The trích yếu: "Kết quả thực hiện Kế hoạch số 74/KH-SKHCN quý I năm 2022"."""
    if plan.number:
        return f"Kết quả thực hiện {kind_name(plan)} số {plan.number_symbol} {period.label()}"
    return f"Kết quả thực hiện {kind_name(plan)} {topic(plan)} {period.label()}"


def report_recipients(plan: Plan) -> list[Recipient]:
    """Those the plan reports to ("để b/c"), else its first recipient, else the defaults."""
    upward = [Recipient(r.name) for r in plan.recipients if "b/c" in r.note.casefold()]
    if upward:
        return upward
    if plan.recipients:
        return [Recipient(plan.recipients[0].name)]
    return [Recipient(name) for name in DEFAULT_REPORT_RECIPIENTS]


def _units(names: list[str]) -> str:
    return "; ".join(names)


def _state_text(state: TaskState) -> str:
    text = state.label
    checkin = state.checkin
    if checkin is not None and checkin.status is Status.IN_PROGRESS:
        text += f", đạt {state.progress}%"
    return text


def _quarter_name(checkin: CheckIn) -> str:
    return f"Quý {roman(checkin.period.last_quarter)}"


def _joined(window: list[CheckIn], text: Callable[[CheckIn], str]) -> str:
    """One quarter's text as is; several as "Quý I: …; Quý II: …", in quarter order."""
    parts = [(c, text(c).strip().rstrip(".;")) for c in window]
    parts = [(c, t) for c, t in parts if t]
    if len(window) == 1:
        return parts[0][1] if parts else ""
    return "; ".join(f"{_quarter_name(c)}: {t}" for c, t in parts)


def task_result_lines(
    state: TaskState, plan: Plan, period: Period, window: list[CheckIn] | None = None
) -> list[Paragraph]:
    """The dash lines under one task in part II. ``window``: the task's check-ins inside the
    period, in quarter order (a 6-month or year report shows every quarter's results and
    evidence, nothing dropped); by default the latest check-in alone."""
    task = state.task
    lines = [
        _dash(f"Tình trạng: {_state_text(state)}."),
        _dash(
            f"Đơn vị chủ trì: {_units(task.lead)}; thời gian thực hiện: "
            f"{task.timeframe.display_label(plan.year)}."
        ),
    ]
    checkin = state.checkin
    if checkin is None:
        lines.append(_dash("Đơn vị chủ trì chưa báo cáo kết quả thực hiện."))
        return lines
    if window is None:
        window = [checkin] if state.reported_in_period else []
    if window:
        result = _joined(window, lambda c: c.result)
        if result:
            lines.append(_dash(f"Kết quả: {_sentence(result)}"))
    elif checkin.result.strip():
        note = f" (theo báo cáo {checkin.period.short_label()})"
        lines.append(_dash(f"Kết quả: {_sentence(checkin.result)}{note}"))
    if task.target is not None:
        lines.append(_dash(f"Chỉ tiêu: {task.target.format(checkin.achieved)}."))
    titles = _joined(window or [checkin], lambda c: "; ".join(e.title for e in c.evidence))
    if titles:
        lines.append(_dash(f"Tài liệu kiểm chứng: {_sentence(titles)}"))
    return lines


def window_checkins(plan: Plan, period: Period) -> dict[str, list[CheckIn]]:
    """Task key → its check-ins in ``period``'s quarters, in quarter order (read once for
    the whole report: a year report of a 1,000-task plan holds 4,000 of them)."""
    quarters = set(period.quarters)
    by_task: dict[str, list[CheckIn]] = {}
    for c in plan.checkins:
        if c.period.year == period.year and c.period.last_quarter in quarters:
            by_task.setdefault(c.task, []).append(c)
    for items in by_task.values():
        items.sort(key=lambda c: c.period.last_quarter)
    return by_task


def partition_lines(summary: PeriodSummary) -> list[Paragraph]:
    """ "Cụ thể:" and one dash per class of the one partition (adds up to 100 %), then the
    overdue tasks in a sentence apart: they overlap the classes."""
    p = summary.partition
    body = [
        _plain(
            f"Trong kỳ có {p.total} nhiệm vụ đến kỳ thực hiện; đã hoàn thành "
            f"{p.done} nhiệm vụ ({percent(p.percent_done())}). Cụ thể:"
        )
    ]
    rows = p.rows()
    for i, (share, n, value) in enumerate(rows):
        end = "." if i == len(rows) - 1 else ";"
        body.append(_dash(f"{share.label}: {n} nhiệm vụ ({percent(value)}){end}"))
    if p.overdue:
        body.append(
            _plain(
                f"Ngoài ra, có {p.overdue} nhiệm vụ quá hạn chưa hoàn thành "
                f"({percent(p.percent_overdue())} tổng số nhiệm vụ trong kỳ)."
            )
        )
    return body


def _results_section(summary: PeriodSummary, plan: Plan, period: Period) -> Section:
    body = partition_lines(summary)
    window = window_checkins(plan, period)

    def lines(state: TaskState) -> list[Paragraph]:
        return task_result_lines(state, plan, period, window.get(state.task.key, []))

    grouped = any(s.task.group for s in summary.states)
    children: list[Section] = []
    if grouped:
        groups: dict[str, Section] = {}
        for state in summary.states:
            name = state.task.group or OTHER_GROUP
            group = groups.get(name)
            if group is None:
                group = groups[name] = Section(name)
                children.append(group)
            group.children.append(Section(state.task.name, lines(state)))
    else:
        children = [Section(state.task.name, lines(state)) for state in summary.states]
    return Section("Kết quả thực hiện", body, children)


def _difficulties_section(summary: PeriodSummary) -> Section:
    body: list[Paragraph] = []
    for state in summary.states:
        checkin = state.checkin
        if state.reported_in_period and checkin is not None and checkin.difficulties.strip():
            body.append(_dash(f"{state.task.name}: {_sentence(checkin.difficulties)}"))
    overdue = [s.task.name for s in summary.states if s.overdue]
    if overdue:
        body.append(_dash(f"Nhiệm vụ quá hạn chưa hoàn thành: {'; '.join(overdue)}."))
    for unit, states in summary.missing.items():
        body.append(_dash(f"{unit} chưa báo cáo kết quả {len(states)} nhiệm vụ đến kỳ."))
    if not body:
        body.append(_plain("Trong kỳ, các đơn vị không phản ánh khó khăn, vướng mắc."))
    return Section("Khó khăn, vướng mắc", body)


def _finished(state: TaskState) -> bool:
    return state.checkin is not None and state.checkin.status.is_finished


def _next_section(
    summary: PeriodSummary, plan: Plan, period: Period, as_of: dt.date | None
) -> Section:
    following = period.next_quarter()
    in_scope = {id(s.task) for s in summary.states}
    body: list[Paragraph] = []
    if following is not None:
        body.append(_plain(f"Trong {following.label()}, tập trung thực hiện các nhiệm vụ sau:"))
    else:
        body.append(_plain("Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành sau:"))
    for state in plan_states(plan, period, as_of):
        task = state.task
        due_next = following is not None and is_due_in(task, following)
        if _finished(state) or not (due_next or id(task) in in_scope):
            continue
        late = " - quá hạn" if state.overdue else ""
        body.append(
            _dash(
                f"{task.name} ({task.timeframe.display_label(plan.year)}{late}; "
                f"chủ trì: {_units(task.lead)});"
            )
        )
    if len(body) == 1:
        body = [_plain("Các nhiệm vụ của Kế hoạch đã hoàn thành; tiếp tục duy trì kết quả.")]
    else:
        body[-1].text = body[-1].text[:-1] + "."
    return Section("Nhiệm vụ trọng tâm kỳ tới", body)


def _proposals_section(summary: PeriodSummary) -> Section:
    body = [
        _dash(_sentence(state.checkin.proposals))
        for state in summary.states
        if state.reported_in_period
        and state.checkin is not None
        and state.checkin.proposals.strip()
    ]
    if not body:
        body = [_plain("Không có.")]
    return Section("Đề xuất, kiến nghị", body)


def report_issue_date(period: Period, as_of: dt.date | None) -> IssueDate:
    """Month known, day left blank for signing: the month of ``as_of`` or the period's last."""
    if as_of is not None:
        return IssueDate(as_of.year, as_of.month)
    return IssueDate(period.year, period.last_month)


def build_report(plan: Plan, period: Period, as_of: dt.date | None = None) -> Report:
    """The report of ``plan`` for ``period``; states are judged at ``as_of``."""
    summary = summarize(plan, period, as_of)
    org = plan.organization
    agency = agency_name(org.name)
    start, end = summary.cutoff
    preamble = [
        _plain(
            f"Thực hiện {plan_reference(plan)} của {agency} về {topic(plan)}, {agency} báo cáo "
            f"kết quả thực hiện {period.label()} như sau:"
        ),
        _plain(
            f"Kỳ báo cáo: {period.label()}; số liệu tính từ ngày {short_date(start)} "
            f"đến ngày {short_date(end)}."
        ),
    ]
    sections = [
        _results_section(summary, plan, period),
        _difficulties_section(summary),
        _next_section(summary, plan, period, as_of),
        _proposals_section(summary),
    ]
    closing = [
        _plain(
            f"Trên đây là báo cáo kết quả thực hiện {plan_reference(plan)} {period.label()} "
            f"của {agency}./."
        )
    ]
    document = Plan(
        organization=org,
        year=period.year,
        symbol=f"BC-{org.abbreviation}" if org.abbreviation else "BC",
        title=subject(plan, period),
        units=plan.units,
        number="",
        issued_on=report_issue_date(period, as_of),
        doc_type=REPORT_DOC_TYPE,
        preamble=preamble,
        sections=sections,
        closing=closing,
        recipients=report_recipients(plan),
        archive=plan.archive,
        signer=plan.signer,
    )
    return Report(document, summary, period)
