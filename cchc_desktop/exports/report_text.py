"""The words of a period report ("Báo cáo kết quả thực hiện Kế hoạch ... quý I năm 2022").

Built from the plan's check-ins through :func:`cchc_desktop.domain.summary.summarize` and the
task states of :mod:`cchc_desktop.domain.progress`; no state rule is decided here. It follows
the Bộ Nội vụ outline of a CCHC report:

I. Công tác chỉ đạo, điều hành; II. Kết quả thực hiện (the partition, then task by task with
the results and evidence of every quarter of the window); III. Đánh giá chung (1. Ưu điểm,
2. Tồn tại, hạn chế, 3. Nguyên nhân); IV. Phương hướng, nhiệm vụ kỳ tới; V. Đề xuất, kiến
nghị.

Every narrative part (all but II) is pre-filled from the data and replaced by what the clerk
wrote in the report's :class:`~cchc_desktop.domain.report_record.ReportRecord`. Only outward
difficulties and proposals are printed (:mod:`cchc_desktop.domain.report_checks`); which
units have not reported is the working file's business, not the province's.

The report is returned as a :class:`Plan`-shaped document so that the one Decree 30 writer
lays out both the plan and the report. Pure: imports no python-docx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from cchc_desktop.domain.contributions import contribution_lines
from cchc_desktop.domain.dates import IssueDate, short_date
from cchc_desktop.domain.model import (
    CheckIn,
    Paragraph,
    ParagraphStyle,
    Plan,
    Recipient,
    Section,
)
from cchc_desktop.domain.names import agency_name
from cchc_desktop.domain.numbering import roman
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import TaskState, is_due_in, plan_states
from cchc_desktop.domain.report_checks import (
    ReportWarning,
    data_until,
    difficulty_is_outward,
    own_unit_names,
    proposal_is_outward,
    report_warnings,
)
from cchc_desktop.domain.report_phrases import PlanFacts, closing, issued_sentence, opening
from cchc_desktop.domain.report_phrases import subject as report_subject
from cchc_desktop.domain.report_record import NARRATIVE_HEADINGS, ReportRecord, paragraphs_of
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.summary import PeriodSummary, summarize
from cchc_desktop.errors import ValidationError

REPORT_DOC_TYPE = "BÁO CÁO"
# Where a plan names no superior "để b/c" and the organization no parent, a report goes to
# these.
DEFAULT_ADDRESSEES = ("UBND tỉnh", "Sở Nội vụ")
SAME_AS_ABOVE = "Như trên"
OTHER_GROUP = "Nhiệm vụ khác"
NO_CAUSE = "[Nêu nguyên nhân khách quan, chủ quan của tồn tại, hạn chế.]"


@dataclass(slots=True)
class Report:
    document: Plan  # the report's own text, in the shape of a plan document
    summary: PeriodSummary
    period: Period
    addressees: list[str] = field(default_factory=list)  # "Kính gửi"
    warnings: list[ReportWarning] = field(default_factory=list)
    # Section key → the text the data give (what the window pre-fills, and the basis kept
    # with the clerk's text to tell what changed).
    data_texts: dict[str, str] = field(default_factory=dict)
    window: dict[str, list[CheckIn]] = field(default_factory=dict)  # task → its check-ins
    # Task → the partners' contributions as lines, printed after the lead's answer (issue 14).
    contributions: dict[str, list[str]] = field(default_factory=dict)


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


def _end_list(body: list[Paragraph]) -> None:
    """A list of dashes ends with "." where its items end with ";"."""
    if body and body[-1].style is ParagraphStyle.DASH and body[-1].text.endswith(";"):
        body[-1].text = body[-1].text[:-1] + "."


def check_period(plan: Plan, period: Period) -> None:
    """A report is about the plan's year: any other is refused."""
    if period.year != plan.year:
        raise ValidationError(
            f"Kỳ báo cáo {period.label()} không thuộc năm {plan.year} của kế hoạch.",
            detail=f"period {period} is outside the plan year {plan.year}",
        )


def default_addressees(plan: Plan) -> list[str]:
    """Those the plan reports to ("để b/c"), else the body above the organization, else the
    defaults."""
    upward = [r.name for r in plan.recipients if "b/c" in r.note.casefold()]
    if upward:
        return upward
    parent = agency_name(plan.organization.parent)
    if parent:
        return [parent]
    return list(DEFAULT_ADDRESSEES)


def recipient_names(record: ReportRecord | None) -> list[str]:
    """Nơi nhận without "Lưu": "Như trên" first, then what the clerk added."""
    extra = [] if record is None else [r for r in record.recipients if r.strip()]
    extra = [r for r in extra if r.strip().rstrip(";.").casefold() != SAME_AS_ABOVE.casefold()]
    return [SAME_AS_ABOVE, *extra]


def _units(names: list[str]) -> str:
    return "; ".join(names)


def _state_text(state: TaskState) -> str:
    text = state.label
    checkin = state.checkin
    if checkin is not None and checkin.status is Status.IN_PROGRESS:
        text += f", đạt {state.progress}%"
    return text


# "Quý I" … "Quý IV", named once: part II names a quarter for every check-in of the window.
QUARTER_NAMES = {q: f"Quý {roman(q)}" for q in range(1, 5)}


def _quarter_name(checkin: CheckIn) -> str:
    return QUARTER_NAMES[checkin.period.last_quarter]


def joined(window: list[CheckIn], text: Callable[[CheckIn], str]) -> str:
    """One quarter's text as is; several as "Quý I: …; Quý II: …", in quarter order."""
    if len(window) == 1:
        return text(window[0]).strip().rstrip(".;")
    parts = []
    for c in window:
        item = text(c).strip().rstrip(".;")
        if item:
            parts.append(f"{_quarter_name(c)}: {item}")
    return "; ".join(parts)


def evidence_titles(checkin: CheckIn) -> str:
    return "; ".join(e.title.strip().rstrip(".;") for e in checkin.evidence if e.title.strip())


def task_result_lines(
    state: TaskState,
    plan: Plan,
    period: Period,
    window: list[CheckIn] | None = None,
    contributions: list[str] | None = None,
) -> list[Paragraph]:
    """The dash lines under one task in part II. ``window``: the lead unit's check-ins of the
    task inside the period, in quarter order (a 6-month or year report shows every quarter's
    results and evidence, nothing dropped); by default the latest check-in alone.
    ``contributions``: the partners' lines ("Phối hợp — <unit>: …"), printed after the
    lead's answer, also when the lead has not reported (they never stand in for it)."""
    lines = _lead_lines(state, plan, window)
    lines.extend(_dash(line) for line in contributions or [])
    return lines


def _lead_lines(state: TaskState, plan: Plan, window: list[CheckIn] | None) -> list[Paragraph]:
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
        result = joined(window, lambda c: c.result)
        if result:
            lines.append(_dash(f"Kết quả: {_sentence(result)}"))
    elif checkin.result.strip():
        note = f" (theo báo cáo {checkin.period.short_label()})"
        lines.append(_dash(f"Kết quả: {_sentence(checkin.result)}{note}"))
    if task.target is not None:
        lines.append(_dash(f"Chỉ tiêu: {task.target.format(checkin.achieved)}."))
    titles = joined(window or [checkin], evidence_titles)
    if titles:
        lines.append(_dash(f"Tài liệu kiểm chứng: {_sentence(titles)}"))
    return lines


def window_checkins(plan: Plan, period: Period) -> dict[str, list[CheckIn]]:
    """Task key → its check-ins in ``period``'s quarters, in quarter order (read once for
    the whole report: a year report of a 1,000-task plan holds 4,000 of them)."""
    quarters = set(period.quarters)
    by_task: dict[str, list[CheckIn]] = {}
    for c in plan.checkins:
        # The lead unit's answers: the partners' contributions are printed apart, with their
        # unit, and never counted (issue 14).
        if not c.unit and c.period.year == period.year and c.period.last_quarter in quarters:
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


def _results_section(
    summary: PeriodSummary,
    plan: Plan,
    period: Period,
    window: dict[str, list[CheckIn]],
    contributions: dict[str, list[str]],
) -> Section:
    body = partition_lines(summary)

    def lines(state: TaskState) -> list[Paragraph]:
        key = state.task.key
        return task_result_lines(state, plan, period, window.get(key, []), contributions.get(key))

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


# -- the narrative parts, pre-filled from the data ------------------------------------------
def _direction(summary: PeriodSummary, window: dict[str, list[CheckIn]]) -> list[Paragraph]:
    facts = PlanFacts.of(summary.plan)
    reports = sum(len(items) for items in window.values())
    tasks = sum(1 for s in summary.states if window.get(s.task.key))
    body = [_dash(issued_sentence(facts))]
    if reports:
        body.append(
            _dash(
                f"Các đơn vị chủ trì đã gửi {reports} báo cáo kết quả thực hiện trong kỳ, "
                f"về {tasks}/{len(summary.states)} nhiệm vụ của Kế hoạch."
            )
        )
    return body


def _strengths(summary: PeriodSummary) -> list[Paragraph]:
    p = summary.partition
    in_progress = sum(n for share, n, _ in p.rows() if share.value == "in_progress")
    text = f"Đã hoàn thành {p.done}/{p.total} nhiệm vụ ({percent(p.percent_done())})"
    if in_progress:
        text += f"; {in_progress} nhiệm vụ đang được triển khai thực hiện"
    return [_dash(text + ".")]


def _limitations(summary: PeriodSummary, window: dict[str, list[CheckIn]]) -> list[Paragraph]:
    body: list[Paragraph] = []
    for state in summary.states:
        for checkin in window.get(state.task.key, []):
            if checkin.difficulties.strip() and difficulty_is_outward(checkin):
                body.append(_dash(f"{state.task.name}: {_sentence(checkin.difficulties)}"))
    overdue = [s.task.name for s in summary.states if s.overdue]
    if overdue:
        body.append(
            _dash(f"Còn {len(overdue)} nhiệm vụ quá hạn chưa hoàn thành: {'; '.join(overdue)}.")
        )
    if not body:
        body.append(_plain("Trong kỳ, không có tồn tại, hạn chế đáng kể."))
    return body


def _causes(limitations: list[Paragraph]) -> list[Paragraph]:
    if len(limitations) == 1 and limitations[0].style is ParagraphStyle.PLAIN:
        return [_plain("Không có.")]
    return [_plain(NO_CAUSE)]


def _finished(state: TaskState) -> bool:
    return state.checkin is not None and state.checkin.status.is_finished


def _next_tasks(
    summary: PeriodSummary,
    plan: Plan,
    period: Period,
    as_of: dt.date | None,
    states: list[TaskState] | None = None,
) -> list[Paragraph]:
    """``states``: :func:`plan_states` of every task, when the caller has them already."""
    following = period.next_quarter()
    in_scope = {id(s.task) for s in summary.states}
    body: list[Paragraph] = []
    if following is not None:
        body.append(_plain(f"Trong {following.label()}, tập trung thực hiện các nhiệm vụ sau:"))
    else:
        body.append(_plain("Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành sau:"))
    for state in plan_states(plan, period, as_of) if states is None else states:
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
        return [_plain("Các nhiệm vụ của Kế hoạch đã hoàn thành; tiếp tục duy trì kết quả.")]
    _end_list(body)
    return body


def _proposals(summary: PeriodSummary, window: dict[str, list[CheckIn]]) -> list[Paragraph]:
    plan = summary.plan
    seen: set[str] = set()
    body: list[Paragraph] = []
    own = own_unit_names(plan)
    for state in summary.states:
        for c in window.get(state.task.key, []):
            text = _sentence(c.proposals)
            # A text already printed is not asked again: folding it is the costly part.
            if text and text not in seen and proposal_is_outward(c, plan, own):
                seen.add(text)
                body.append(_dash(text))
    return body or [_plain("Không có.")]


def as_text(body: list[Paragraph]) -> str:
    """Paragraphs as the clerk edits them: one a line, dashes as "- "."""
    return "\n".join(p.printed for p in body)


def _from_text(text: str) -> list[Paragraph]:
    return [_dash(t) if dash else _plain(t) for dash, t in paragraphs_of(text)]


def report_issue_date(period: Period, as_of: dt.date | None) -> IssueDate:
    """Month known, day left blank for signing: the month of ``as_of`` or the period's last."""
    if as_of is not None:
        return IssueDate(as_of.year, as_of.month)
    return IssueDate(period.year, period.last_month)


def report_symbol(plan: Plan) -> str:
    abbreviation = plan.organization.abbreviation
    return f"BC-{abbreviation}" if abbreviation else "BC"


def _document(
    plan: Plan,
    period: Period,
    as_of: dt.date | None,
    record: ReportRecord | None,
    facts: PlanFacts,
) -> Plan:
    """The report's document without its text: number, date, title, recipients, signer."""
    signer = record.signer if record is not None and record.signer is not None else plan.signer
    issued = record.issued_on if record is not None and record.issued_on else None
    return Plan(
        organization=plan.organization,
        year=period.year,
        symbol=report_symbol(plan),
        title=report_subject(facts, period),
        units=plan.units,
        number=record.number.strip() if record is not None else "",
        issued_on=issued or report_issue_date(period, as_of),
        doc_type=REPORT_DOC_TYPE,
        recipients=[Recipient(name) for name in recipient_names(record)],
        archive=plan.archive,
        signer=signer,
    )


def annex_report(plan: Plan, summary: PeriodSummary, as_of: dt.date | None = None) -> Report:
    """What the .xlsx annex prints of the report of ``summary``: the document's number and
    date, the partition and states, every quarter's check-ins and the partners' lines,
    without building the report's text (a third of an .xlsx year report's time)."""
    period = summary.period
    check_period(plan, period)
    record = plan.report(period)
    return Report(
        _document(plan, period, as_of, record, PlanFacts.of(plan)),
        summary,
        period,
        window=window_checkins(plan, period),
        contributions=contribution_lines(plan, period),
    )


def build_report(
    plan: Plan,
    period: Period,
    as_of: dt.date | None = None,
    record: ReportRecord | None = None,
    summary: PeriodSummary | None = None,
    *,
    document_only: bool = False,
) -> Report:
    """The report of ``plan`` for ``period``; states are judged at ``as_of``. ``record``: the
    office's own words (default: the one the plan keeps for ``period``). ``summary``: the
    caller's ``summarize(plan, period, as_of)``, when it has one already (the .xlsx).
    ``document_only``: for a writer that prints the document and nothing else — the
    report's ``warnings`` and ``data_texts`` stay empty (not worked out)."""
    check_period(plan, period)
    if record is None:
        record = plan.report(period)
    states: list[TaskState] | None = None  # every task's state, for part IV as well
    if summary is None:
        states = plan_states(plan, period, as_of)
        summary = summarize(plan, period, as_of, states=states)
    window = window_checkins(plan, period)
    contributions = contribution_lines(plan, period)
    org = plan.organization
    agency = agency_name(org.name)
    facts = PlanFacts.of(plan)
    start, end = summary.cutoff
    window_line = (
        f"Kỳ báo cáo: {period.label()}; số liệu tính từ ngày {short_date(start)} "
        f"đến ngày {short_date(end)}."
    )
    preamble = [_plain(opening(facts, period, agency)), _plain(window_line)]
    old = data_until(plan, period)
    if old:
        preamble.append(_plain(old))
    limitations = _limitations(summary, window)
    data: dict[str, list[Paragraph]] = {
        "chi_dao": _direction(summary, window),
        "uu_diem": _strengths(summary),
        "han_che": limitations,
        "nguyen_nhan": _causes(limitations),
        "phuong_huong": _next_tasks(summary, plan, period, as_of, states),
        "de_xuat": _proposals(summary, window),
    }
    data_texts = {} if document_only else {key: as_text(body) for key, body in data.items()}

    def part(key: str) -> list[Paragraph]:
        written = record.text(key) if record is not None else ""
        return _from_text(written) if written else data[key]

    heading = NARRATIVE_HEADINGS
    sections = [
        Section(heading["chi_dao"], part("chi_dao")),
        _results_section(summary, plan, period, window, contributions),
        Section(
            "Đánh giá chung",
            [],
            [Section(heading[k], part(k)) for k in ("uu_diem", "han_che", "nguyen_nhan")],
        ),
        Section(heading["phuong_huong"], part("phuong_huong")),
        Section(heading["de_xuat"], part("de_xuat")),
    ]
    document = _document(plan, period, as_of, record, facts)
    document.preamble = preamble
    document.sections = sections
    document.closing = [_plain(closing(facts, period, agency))]
    addressees = (record.addressees if record is not None else []) or default_addressees(plan)
    return Report(
        document,
        summary,
        period,
        addressees=[a for a in addressees if a.strip()],
        warnings=[] if document_only else report_warnings(summary),
        data_texts=data_texts,
        window=window,
        contributions=contributions,
    )
