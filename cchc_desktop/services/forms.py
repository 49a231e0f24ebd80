"""Unit report forms: record what went out, preview what came back, apply it, and tell who
has answered.

The flow (the command line and the check-in tab call the same functions)::

    plan = load_plan(db, plan_id)
    sent = write_unit_forms(plan, period, folder, deadline=...)     # exports.xlsx_forms
    record_dispatch(db, plan_id, sent)
    ...
    forms = [read_form(p) for p in paths]                           # imports.xlsx_forms
    preview = preview_forms(db, plan_id, forms, period=period)      # nothing stored
    apply_forms(db, plan_id, forms, period=period, resolutions={"T3": Resolution.TAKE_FORM})

Each returned row is new, changed, unchanged, a conflict or blank. A conflict is a check-in
edited in the application after the form went out (its fingerprint moved from the one
recorded at dispatch) that the form would overwrite: it is stored only when the clerk says
"take the form", never silently. Applying is one transaction over all rows of all files;
any blocking problem in any file stores nothing. Applying the same files again stores
nothing, because every row is then unchanged.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sqlmodel import Session, col, select

from cchc_desktop.domain import forms as F
from cchc_desktop.domain.contributions import LEAD_ROLE, role_of, stored_unit
from cchc_desktop.domain.entities import FormDispatchRow, FormDispatchTaskRow, TaskRow, UnitRow
from cchc_desktop.domain.forms import Answer, Problem, ReturnedForm, SentForm
from cchc_desktop.domain.model import CheckIn, Plan, Task
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.checkins import PlanContext, upsert_checkin
from cchc_desktop.services.plan_read import read_plan
from cchc_desktop.storage.database import Database

log = logging.getLogger(__name__)


class Change(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    BLANK = "blank"  # the unit left every answer cell empty

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self]


CHANGE_LABELS: dict[Change, str] = {
    Change.NEW: "Mới",
    Change.CHANGED: "Thay đổi",
    Change.UNCHANGED: "Không đổi",
    Change.CONFLICT: "Xung đột",
    Change.BLANK: "Bỏ trống",
}


class Resolution(StrEnum):
    TAKE_FORM = "form"  # store what the form says
    KEEP_APP = "app"  # keep the check-in as edited in the application


@dataclass(frozen=True, slots=True)
class RowPreview:
    key: str
    task_name: str
    row: int  # the row in the returned sheet
    change: Change
    answer: Answer | None  # what the form says
    current: CheckIn | None  # what the database holds for (task, period, unit)
    # Whose answer the row is stored as (issue 14): "" for the lead unit's (the task's own),
    # the partner unit's name for its contribution.
    unit: str = ""


@dataclass(slots=True)
class FilePreview:
    form: ReturnedForm
    rows: list[RowPreview] = field(default_factory=list)
    found: list[Problem] = field(default_factory=list)  # against the plan and the database

    @property
    def name(self) -> str:
        return self.form.name

    @property
    def problems(self) -> list[Problem]:
        """The reader's problems, then those found comparing with the database."""
        return [*self.form.problems, *self.found]

    @property
    def blocked(self) -> bool:
        return self.form.blocked or any(p.blocking for p in self.found)

    def problem(self, cell: str, message: str, detail: str, *, blocking: bool = True) -> None:
        self.found.append(Problem(self.name, cell, message, detail, blocking))

    def count(self, change: Change) -> int:
        return sum(1 for r in self.rows if r.change is change)


@dataclass(slots=True)
class FormsPreview:
    plan_id: int
    files: list[FilePreview]

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def blocking(self) -> list[Problem]:
        """The problems that stop every file from being applied (a file that could not be
        read at all always carries one)."""
        return [p for p in self.problems if p.blocking]

    @property
    def rows(self) -> list[RowPreview]:
        return [r for f in self.files for r in f.rows]

    @property
    def conflicts(self) -> list[RowPreview]:
        return [r for r in self.rows if r.change is Change.CONFLICT]

    @property
    def has_changes(self) -> bool:
        return any(r.change in (Change.NEW, Change.CHANGED, Change.CONFLICT) for r in self.rows)


@dataclass(slots=True)
class ApplyResult:
    created: list[str] = field(default_factory=list)  # task keys
    updated: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # conflicts resolved for the form
    kept: list[str] = field(default_factory=list)  # conflicts resolved for the application
    unresolved: list[str] = field(default_factory=list)  # conflicts left as they are
    returned: list[str] = field(default_factory=list)  # file names marked as returned

    @property
    def stored(self) -> int:
        return len(self.created) + len(self.updated) + len(self.taken)


@dataclass(frozen=True, slots=True)
class UnitFormStatus:
    """Where one unit stands for one quarter: expected, sent, returned."""

    unit: str
    tasks_due: int  # tasks the unit leads or partners on that are due in the period
    forms_sent: int
    sent_at: dt.datetime | None  # the latest dispatch, UTC
    returned_at: dt.datetime | None  # the latest return, UTC
    deadline: dt.date | None

    @property
    def missing(self) -> bool:
        """Expected to answer and no form has come back yet."""
        return self.tasks_due > 0 and self.returned_at is None


# -- dispatch ---------------------------------------------------------------------------------
def record_dispatch(db: Database, plan_id: int, sent: Iterable[SentForm]) -> list[int]:
    """Record forms written by ``write_unit_forms`` (one transaction); returns their row ids."""
    with db.session() as s:
        units = _unit_ids(s, plan_id)
        tasks = _task_ids(s, plan_id)
        ids: list[int] = []
        for form in sent:
            ident = form.identity
            if ident.plan_id != plan_id:
                raise ValueError(f"form {ident.form_id} is for plan {ident.plan_id}")
            row = FormDispatchRow(
                form_id=ident.form_id,
                plan_id=plan_id,
                unit_id=units[ident.unit],
                period=str(ident.period),
                file_name=form.path.name,
                deadline=ident.deadline,
                sent_at=_utc(dt.datetime.fromisoformat(ident.sent_at)),
            )
            s.add(row)
            s.flush()
            s.add_all(
                FormDispatchTaskRow(
                    dispatch_id=row.id or 0,
                    task_id=tasks[key],
                    position=i,
                    baseline=form.baselines.get(key, ""),
                )
                for i, key in enumerate(ident.tasks)
            )
            ids.append(row.id or 0)
        return ids


def forms_status(db: Database, plan_id: int, period: Period) -> list[UnitFormStatus]:
    """Per unit that gets a form for ``period`` (and any unit a form went to): sent, returned,
    missing. In the plan's unit order."""
    with db.reader() as s:
        plan = read_plan(s, plan_id)
        rows = s.exec(
            select(FormDispatchRow, UnitRow.name)
            .join(UnitRow, col(FormDispatchRow.unit_id) == UnitRow.id)
            .where(FormDispatchRow.plan_id == plan_id, FormDispatchRow.period == str(period))
        ).all()
    due = {unit.name: len(tasks) for unit, tasks in F.form_units(plan, period)}
    by_unit: dict[str, list[FormDispatchRow]] = {}
    for row, name in rows:
        by_unit.setdefault(name, []).append(row)
    out: list[UnitFormStatus] = []
    for unit in plan.units:
        sent = by_unit.get(unit.name, [])
        if unit.name not in due and not sent:
            continue
        latest = max(sent, key=lambda r: r.sent_at, default=None)
        returns = [r.returned_at for r in sent if r.returned_at is not None]
        out.append(
            UnitFormStatus(
                unit=unit.name,
                tasks_due=due.get(unit.name, 0),
                forms_sent=len(sent),
                sent_at=_utc(latest.sent_at) if latest else None,
                returned_at=_utc(max(returns)) if returns else None,
                deadline=latest.deadline if latest else None,
            )
        )
    return out


# -- preview and apply ------------------------------------------------------------------------
def preview_forms(
    db: Database, plan_id: int, forms: list[ReturnedForm], *, period: Period | None = None
) -> FormsPreview:
    """What applying ``forms`` would do, row by row, with every problem; stores nothing.

    ``period``: the quarter the clerk is collecting; a form of another quarter is refused.
    """
    with db.reader() as s:
        return _preview(s, plan_id, forms, period)


def apply_forms(
    db: Database,
    plan_id: int,
    forms: list[ReturnedForm],
    *,
    period: Period | None = None,
    resolutions: Mapping[str, Resolution] | None = None,
    default: Resolution | None = None,
    now: dt.datetime | None = None,
) -> ApplyResult:
    """Store the new and changed answers of ``forms`` and the conflicts resolved for the form,
    in one transaction. ``resolutions`` maps a task key to the clerk's choice; ``default``
    answers every conflict not in it; a conflict with neither is left as it is.

    The rows are compared again inside the transaction, so an edit made between the preview
    and this call is a conflict, not lost. Raises ValidationError (nothing stored) when any
    file has a blocking problem.
    """
    resolutions = resolutions or {}
    check = preview_forms(db, plan_id, forms, period=period)
    _refuse_blocked(check)
    if not check.has_changes and all(_returned(db, f) for f in check.files):
        return ApplyResult()  # nothing to store: no backup, no transaction
    _backup(db)
    stamp = _utc(now or dt.datetime.now(dt.UTC))
    result = ApplyResult()
    with db.session() as s:
        preview = _preview(s, plan_id, forms, period)
        _refuse_blocked(preview)
        tasks = _task_ids(s, plan_id)

        def choice(r: RowPreview) -> list[str] | None:
            return _target(r, resolutions, default, result)

        for fp in preview.files:
            _apply_file(s, plan_id, fp, tasks, choice, stamp, result)
    log.info(
        "applied %d returned forms to plan %d (%s): %d check-ins stored "
        "(%d new, %d changed, %d conflicts taken from the form), %d conflicts kept, %d left",
        len(forms),
        plan_id,
        ", ".join(f.path.name for f in forms),
        result.stored,
        len(result.created),
        len(result.updated),
        len(result.taken),
        len(result.kept),
        len(result.unresolved),
    )
    return result


def _apply_file(
    s: Session,
    plan_id: int,
    fp: FilePreview,
    tasks: dict[str, int],
    choice: Callable[[RowPreview], list[str] | None],
    stamp: dt.datetime,
    result: ApplyResult,
) -> None:
    ident = fp.form.identity
    assert ident is not None
    dispatch = _dispatch(s, ident.form_id) or _adopt(s, plan_id, fp.form, tasks)
    baselines = {
        b.task_id: b
        for b in s.exec(
            select(FormDispatchTaskRow).where(FormDispatchTaskRow.dispatch_id == dispatch.id)
        )
    }
    context = PlanContext(s, plan_id)  # one lookup of plan, units and tasks per file
    for r in fp.rows:
        target = choice(r)
        if target is None or r.answer is None:
            continue
        files = {e.title: e for e in r.current.evidence} if r.current else {}
        checkin = r.answer.to_checkin(r.key, ident.period, ident.unit, files)
        checkin.unit = r.unit
        upsert_checkin(s, plan_id, checkin, context)
        target.append(r.key)
        base = baselines.get(tasks[r.key])
        if base is not None:  # the application now agrees with what this form says
            base.baseline = r.answer.fingerprint()
            s.add(base)
    if dispatch.returned_at is None:
        dispatch.returned_at = stamp
        s.add(dispatch)
        result.returned.append(fp.name)


def _target(
    r: RowPreview,
    resolutions: Mapping[str, Resolution],
    default: Resolution | None,
    result: ApplyResult,
) -> list[str] | None:
    """The result list a row lands in when it is stored; None when it is not stored."""
    if r.change is Change.NEW:
        return result.created
    if r.change is Change.CHANGED:
        return result.updated
    if r.change is not Change.CONFLICT:
        return None
    choice = resolutions.get(r.key, default)
    if choice is Resolution.TAKE_FORM:
        return result.taken
    (result.kept if choice is Resolution.KEEP_APP else result.unresolved).append(r.key)
    return None


def _refuse_blocked(preview: FormsPreview) -> None:
    blocking = preview.blocking
    if not blocking:
        return
    first = blocking[0]
    more = f" (và {len(blocking) - 1} lỗi khác)" if len(blocking) > 1 else ""
    raise ValidationError(
        f"Chưa nhập phiếu nào: {first.text()}{more}.",
        file=first.file,
        detail=f"{first.cell + ': ' if first.cell else ''}{first.detail}"
        + (f" (+{len(blocking) - 1} more problems)" if len(blocking) > 1 else ""),
    )


def _returned(db: Database, fp: FilePreview) -> bool:
    ident = fp.form.identity
    if ident is None:
        return True
    with db.reader() as s:
        row = _dispatch(s, ident.form_id)
        return row is not None and row.returned_at is not None


def _backup(db: Database) -> None:
    if db.path is not None and db.path.exists():
        from cchc_desktop.storage.backup import backup_before

        backup_before(db.path, "truoc-nhap-phieu")


def _preview(
    s: Session, plan_id: int, forms: list[ReturnedForm], period: Period | None
) -> FormsPreview:
    plan = read_plan(s, plan_id)
    # Each unit's own answer: forms of several units of one quarter never collide.
    current = {(c.task, c.period, c.unit): c for c in plan.checkins}
    answered: dict[tuple[str, Period, str], tuple[str, str]] = {}  # → (file, fingerprint)
    files: list[FilePreview] = []
    for form in forms:
        fp = FilePreview(form)
        files.append(fp)
        if form.identity is None or not _matches(fp, plan, period):
            continue
        ident = form.identity
        dispatch = _dispatch(s, ident.form_id)
        baselines = _baselines(s, dispatch) if dispatch is not None else None
        if dispatch is None:
            fp.problem(
                "",
                "Không tìm thấy phiếu này trong sổ phiếu đã gửi (có thể được xuất từ máy khác "
                "hoặc trước khi khôi phục dữ liệu): mọi khác biệt với số liệu đang có được coi "
                "là xung đột.",
                f"form {ident.form_id} was not sent from this database; differences are conflicts",
                blocking=False,
            )
        elif not _dispatch_matches(s, dispatch, ident, plan_id):
            fp.problem(
                f"{F.IDENTITY_SHEET}!B3",
                "Phần nhận dạng của phiếu không khớp với sổ phiếu đã gửi.",
                "identity differs from the dispatch record",
            )
            continue
        for returned in form.rows:
            task = plan.task(returned.key)
            if task is None:
                fp.problem(
                    f"A{returned.row}",
                    f"Nhiệm vụ “{returned.key}” đã bị xóa khỏi kế hoạch sau khi gửi phiếu; "
                    "bỏ qua dòng này.",
                    f"task {returned.key!r} no longer exists: row ignored",
                    blocking=False,
                )
                continue
            whose = _whose(fp, task, ident, returned.row)
            if whose is None:
                continue
            now = current.get((task.key, ident.period, whose))
            change = _classify(returned.answer, now, baselines, task.key)
            if returned.answer is not None and change is not Change.UNCHANGED:
                mark = answered.get((task.key, ident.period, whose))
                theirs = returned.answer.fingerprint()
                if mark is not None and mark[1] != theirs:
                    fp.problem(
                        f"{F.STATUS_COL}{returned.row}",
                        f"Nhiệm vụ “{task.key}” cũng được trả lời khác trong tệp {mark[0]}; "
                        "hãy nhập từng tệp một.",
                        f"task {task.key!r} is answered differently in {mark[0]}",
                    )
                    continue
                if mark is not None:
                    change = Change.UNCHANGED  # the same answer twice: store it once
                answered[(task.key, ident.period, whose)] = (form.name, theirs)
            fp.rows.append(
                RowPreview(task.key, task.name, returned.row, change, returned.answer, now, whose)
            )
    return FormsPreview(plan_id, files)


def _whose(fp: FilePreview, task: Task, ident: F.FormIdentity, row: int) -> str | None:
    """The unit a returned row is stored under (``""``: the lead's answer), or None with a
    problem: the form's unit no longer leads nor partners on the task (a blocking fault:
    the clerk must look), or a partner row whose unit now leads the task (its contribution
    has no status to stand as the task's answer; skipped with a warning)."""
    role = role_of(task, ident.unit)
    if role is None:
        fp.problem(
            f"A{row}",
            f"Đơn vị “{ident.unit}” không chủ trì cũng không phối hợp thực hiện nhiệm vụ "
            f"“{task.key}” nên không nhận được câu trả lời ở dòng này.",
            f"unit {ident.unit!r} is neither lead nor partner of task {task.key!r}",
        )
        return None
    if role == LEAD_ROLE and ident.is_partner_row(task.key):
        fp.problem(
            f"A{row}",
            f"Đơn vị “{ident.unit}” nay chủ trì nhiệm vụ “{task.key}”; phần phối hợp trên "
            "phiếu không thay cho báo cáo của đơn vị chủ trì, bỏ qua dòng này.",
            f"unit {ident.unit!r} now leads task {task.key!r}: its partner row is skipped",
            blocking=False,
        )
        return None
    return stored_unit(task, ident.unit)


def _classify(
    answer: Answer | None, now: CheckIn | None, baselines: dict[str, str] | None, key: str
) -> Change:
    if answer is None:
        return Change.BLANK
    theirs, ours = answer.fingerprint(), F.fingerprint(now)
    if theirs == ours:
        return Change.UNCHANGED
    sent = baselines.get(key) if baselines is not None else None
    if sent is not None and theirs == sent:
        return Change.UNCHANGED  # the unit kept what it was sent; the application is newer
    if (sent is not None and ours == sent) or (sent is None and now is None):
        return Change.NEW if now is None else Change.CHANGED
    return Change.CONFLICT


def _matches(fp: FilePreview, plan: Plan, period: Period | None) -> bool:
    """Refuse a form of another plan, another quarter or an unknown unit."""
    ident = fp.form.identity
    assert ident is not None
    same_plan = (
        ident.plan_id == plan.id
        and ident.plan_year == plan.year
        and ident.plan_symbol == plan.symbol
        and ident.plan_number == plan.number
    )
    if not same_plan:
        number = f"{ident.plan_number or '…'}/{ident.plan_symbol}"
        fp.problem(
            F.PLAN_CELL,
            f"Tệp này thuộc kế hoạch khác (Kế hoạch số {number} năm {ident.plan_year}), không "
            f"phải Kế hoạch số {plan.number_symbol.strip()} năm {plan.year}.",
            f"form is for another plan ({number} of {ident.plan_year}, id {ident.plan_id})",
        )
        return False
    if period is not None and ident.period != period:
        fp.problem(
            F.PERIOD_CELL,
            f"Tệp này của kỳ {ident.period.short_label()}, không phải kỳ "
            f"{period.short_label()} đang tổng hợp.",
            f"form is for {ident.period}, not {period}",
        )
        return False
    if plan.unit(ident.unit) is None:
        fp.problem(
            F.UNIT_CELL,
            f"Đơn vị “{ident.unit}” không còn trong danh sách đơn vị của kế hoạch.",
            f"unit {ident.unit!r} is no longer in the plan",
        )
        return False
    return True


def _dispatch(s: Session, form_id: str) -> FormDispatchRow | None:
    return s.exec(select(FormDispatchRow).where(FormDispatchRow.form_id == form_id)).first()


def _dispatch_matches(
    s: Session, row: FormDispatchRow, ident: F.FormIdentity, plan_id: int
) -> bool:
    unit = s.get(UnitRow, row.unit_id)
    return (
        row.plan_id == plan_id
        and row.period == str(ident.period)
        and unit is not None
        and unit.name == ident.unit
    )


def _baselines(s: Session, row: FormDispatchRow) -> dict[str, str]:
    pairs = s.exec(
        select(TaskRow.key, FormDispatchTaskRow.baseline)
        .join(TaskRow, col(FormDispatchTaskRow.task_id) == TaskRow.id)
        .where(FormDispatchTaskRow.dispatch_id == row.id)
    ).all()
    return dict(pairs)


def _adopt(s: Session, plan_id: int, form: ReturnedForm, tasks: dict[str, int]) -> FormDispatchRow:
    """Record a form this database did not send (made elsewhere) as sent and returned, so it
    shows in the status and a second import finds it."""
    ident = form.identity
    assert ident is not None
    row = FormDispatchRow(
        form_id=ident.form_id,
        plan_id=plan_id,
        unit_id=_unit_ids(s, plan_id)[ident.unit],
        period=str(ident.period),
        file_name=form.name,
        deadline=ident.deadline,
        sent_at=_utc(dt.datetime.fromisoformat(ident.sent_at)),
    )
    s.add(row)
    s.flush()
    s.add_all(
        FormDispatchTaskRow(dispatch_id=row.id or 0, task_id=tasks[k], position=i, baseline="")
        for i, k in enumerate(ident.tasks)
        if k in tasks
    )
    s.flush()
    return row


def _unit_ids(s: Session, plan_id: int) -> dict[str, int]:
    return {u.name: u.id or 0 for u in s.exec(select(UnitRow).where(UnitRow.plan_id == plan_id))}


def _task_ids(s: Session, plan_id: int) -> dict[str, int]:
    return {t.key: t.id or 0 for t in s.exec(select(TaskRow).where(TaskRow.plan_id == plan_id))}


def _utc(moment: dt.datetime) -> dt.datetime:
    """An aware UTC moment (the entities refuse naive ones; a naive one is taken as UTC)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
