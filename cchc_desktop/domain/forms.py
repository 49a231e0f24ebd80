"""Unit report forms ("phiếu báo cáo"): the rules shared by the .xlsx writer, the reader and
the services that record what went out and what came back.

A form is sent to one unit for one quarter. It lists the tasks the unit leads or partners on
that are due in the quarter, with answer cells the unit fills: on a task it leads, the task's
status, progress and result; on a task it partners on, only its contribution (result,
evidence, difficulties, proposals), kept as that unit's answer (issue 14). Its identity
(plan, period, unit, task keys, a form id) travels inside the file with a checksum, so a
returned file is matched exactly. Each answer has a fingerprint: the services store the
fingerprint of the unit's own answer on every task when the form goes out, and an answer
whose fingerprint has moved since then was edited in the application (a conflict with the
form, resolved by the clerk).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.domain.model import CheckIn, Evidence, Plan, Task, Unit, UnitKind
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import is_due_in
from cchc_desktop.domain.status import Status, progress_for
from cchc_desktop.domain.text import ascii_slug, nfc

FORMAT = "cchc-unit-form"
VERSION = 1

# The file's layout, shared by the writer and the reader.
FORM_SHEET = "Phiếu báo cáo"
GUIDE_SHEET = "Hướng dẫn"
IDENTITY_SHEET = "cchc"
FIRST_ROW = 11  # the first task row (rows above: header block and column headings)
STATUS_COL = "G"
PROGRESS_COL = "H"
RESULT_COL = "I"
ACHIEVED_COL = "J"
EVIDENCE_COL = "K"
DIFFICULTIES_COL = "L"
PROPOSALS_COL = "M"
REPORTED_ON_COL = "N"
KEY_COL = "O"  # hidden: the task key of the row
# The cells of a partner's row: its contribution, no status, % or count (the lead's to give).
PARTNER_COLS = (RESULT_COL, EVIDENCE_COL, DIFFICULTIES_COL, PROPOSALS_COL, REPORTED_ON_COL)
ANSWER_COLS = (
    STATUS_COL,
    PROGRESS_COL,
    RESULT_COL,
    ACHIEVED_COL,
    EVIDENCE_COL,
    DIFFICULTIES_COL,
    PROPOSALS_COL,
    REPORTED_ON_COL,
)
PLAN_CELL = "A4"  # the header line naming the plan
PERIOD_CELL = "A3"  # the header line naming the period
UNIT_CELL = "A5"

LEAD = "Chủ trì"
PARTNER = "Phối hợp"


def unit_slug(text: str, limit: int = 60) -> str:
    """``"Văn phòng Sở"`` → ``"Van-phong-So"``: a unit's name in a form's file name."""
    return ascii_slug(text)[:limit].rstrip("-") or "don-vi"


def form_file_name(period: Period, unit: str) -> str:
    """``"Phieu-bao-cao-Q1-2022-Van-phong-So.xlsx"``."""
    return f"Phieu-bao-cao-Q{period.index}-{period.year}-{unit_slug(unit)}.xlsx"


@dataclass(frozen=True, slots=True)
class FormTask:
    task: Task
    role: str  # LEAD or PARTNER


def form_tasks(plan: Plan, unit: str, period: Period) -> list[FormTask]:
    """The tasks ``unit`` leads or partners on that are due in ``period``, in appendix order."""
    out: list[FormTask] = []
    for task in plan.tasks:
        if not is_due_in(task, period):
            continue
        if unit in task.lead:
            out.append(FormTask(task, LEAD))
        elif unit in task.partners:
            out.append(FormTask(task, PARTNER))
    return out


def form_units(plan: Plan, period: Period) -> list[tuple[Unit, list[FormTask]]]:
    """The units that get a form for ``period``: active units (not collectives such as "Các
    phòng, đơn vị trực thuộc Sở", which cannot fill one) with at least one task due."""
    out: list[tuple[Unit, list[FormTask]]] = []
    for unit in plan.units:
        if unit.kind is UnitKind.GROUP or not unit.active:
            continue
        tasks = form_tasks(plan, unit.name, period)
        if tasks:
            out.append((unit, tasks))
    return out


def clean_answer_text(text: str) -> str:
    """Text as compared and stored: NFC, Windows line ends folded, outer blanks stripped."""
    return nfc(text).replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass(frozen=True, slots=True)
class Answer:
    """What a unit answers on one task: the fields of a check-in that a form carries."""

    status: Status
    progress: int = 0
    result: str = ""
    achieved: float | None = None
    evidence: tuple[str, ...] = ()  # titles, one a line in the form
    difficulties: str = ""
    proposals: str = ""
    reported_on: dt.date | None = None

    @classmethod
    def of(cls, checkin: CheckIn) -> Answer:
        return cls.make(
            checkin.status,
            checkin.progress,
            checkin.result,
            checkin.achieved,
            [e.title for e in checkin.evidence],
            checkin.difficulties,
            checkin.proposals,
            checkin.reported_on,
        )

    @classmethod
    def make(
        cls,
        status: Status,
        progress: int,
        result: str,
        achieved: float | None,
        evidence: list[str] | tuple[str, ...],
        difficulties: str,
        proposals: str,
        reported_on: dt.date | None,
    ) -> Answer:
        """A normalised answer: "done" means 100 % (the check-in rule), text cleaned."""
        titles = tuple(t for t in (clean_answer_text(x) for x in evidence) if t)
        return cls(
            status=status,
            progress=progress_for(status, progress),
            result=clean_answer_text(result),
            achieved=float(achieved) if achieved is not None else None,
            evidence=titles,
            difficulties=clean_answer_text(difficulties),
            proposals=clean_answer_text(proposals),
            reported_on=reported_on,
        )

    def fingerprint(self) -> str:
        data = [
            self.status.value,
            self.progress,
            self.result,
            self.achieved,
            list(self.evidence),
            self.difficulties,
            self.proposals,
            self.reported_on.isoformat() if self.reported_on else None,
        ]
        return _sha256(data)

    def to_checkin(
        self, key: str, period: Period, unit: str, files: dict[str, Evidence] | None = None
    ) -> CheckIn:
        """The check-in this answer stores; evidence keeps the attached file (stored and
        original name) of a title that was already recorded (``files``: title → evidence)."""
        files = files or {}
        none = Evidence("")
        return CheckIn(
            task=key,
            period=period,
            status=self.status,
            progress=self.progress,
            result=self.result,
            achieved=self.achieved,
            evidence=[
                Evidence(t, files.get(t, none).file, None, files.get(t, none).original_name)
                for t in self.evidence
            ],
            difficulties=self.difficulties,
            proposals=self.proposals,
            reported_by=unit,
            reported_on=self.reported_on,
        )


def fingerprint(checkin: CheckIn | None) -> str:
    """The fingerprint of a stored check-in's answer; ``""`` when there is none."""
    return Answer.of(checkin).fingerprint() if checkin is not None else ""


def _sha256(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class FormIdentity:
    """Who and what a form is for; written into a very hidden sheet with its checksum."""

    form_id: str
    plan_id: int
    plan_year: int
    plan_number: str
    plan_symbol: str
    period: Period
    unit: str
    tasks: tuple[str, ...]  # task keys in row order as sent
    sent_at: str  # ISO date-time
    deadline: dt.date
    # The tasks the unit answers as a partner (a contribution row); the others it leads.
    partner_tasks: tuple[str, ...] = ()

    def is_partner_row(self, key: str) -> bool:
        return key in self.partner_tasks

    def fields(self) -> list[tuple[str, str]]:
        """The identity as (name, text) pairs, in the order written to the file (a form
        without partner rows carries the fields it carried before issue 14)."""
        partner = (
            [("partner_tasks", json.dumps(list(self.partner_tasks), ensure_ascii=False))]
            if self.partner_tasks
            else []
        )
        return [
            ("format", FORMAT),
            ("version", str(VERSION)),
            ("form_id", self.form_id),
            ("plan_id", str(self.plan_id)),
            ("plan_year", str(self.plan_year)),
            ("plan_number", self.plan_number),
            ("plan_symbol", self.plan_symbol),
            ("period", str(self.period)),
            ("unit", self.unit),
            ("tasks", json.dumps(list(self.tasks), ensure_ascii=False)),
            ("sent_at", self.sent_at),
            ("deadline", self.deadline.isoformat()),
            *partner,
        ]

    def checksum(self) -> str:
        return checksum_of(dict(self.fields()))

    @classmethod
    def parse(cls, values: dict[str, str]) -> FormIdentity:
        """The identity from its fields; ValueError names the first bad one."""
        try:
            tasks = json.loads(values["tasks"])
            if not isinstance(tasks, list) or not all(isinstance(k, str) for k in tasks):
                raise ValueError("tasks is not a list of keys")
            partner = json.loads(values.get("partner_tasks", "[]"))
            if not isinstance(partner, list) or not set(partner) <= set(tasks):
                raise ValueError("partner_tasks is not a list of the form's keys")
            return cls(
                form_id=values["form_id"],
                plan_id=int(values["plan_id"]),
                plan_year=int(values["plan_year"]),
                plan_number=values.get("plan_number", ""),
                plan_symbol=values["plan_symbol"],
                period=Period.parse(values["period"]),
                unit=values["unit"],
                tasks=tuple(tasks),
                sent_at=values["sent_at"],
                deadline=dt.date.fromisoformat(values["deadline"]),
                partner_tasks=tuple(partner),
            )
        except KeyError as exc:
            raise ValueError(f"missing {exc.args[0]}") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"tasks: {exc}") from None

    def row_of(self, key: str) -> int:
        """The sheet row where ``key`` was written."""
        return FIRST_ROW + self.tasks.index(key)


def checksum_of(fields: dict[str, str]) -> str:
    """SHA-256 of the identity fields (not a secret: it detects edits, not forgeries)."""
    return _sha256({k: v for k, v in fields.items() if k != "checksum"})


@dataclass(frozen=True, slots=True)
class SentForm:
    """A form written to disk: what the dispatch record needs."""

    identity: FormIdentity
    path: Path
    unit: Unit
    baselines: dict[str, str]  # task key → fingerprint of its check-in as pre-filled


@dataclass(frozen=True, slots=True)
class Problem:
    """One fault in a returned form, with the cell it is in (``""`` for the whole file)."""

    file: str  # the file's name as the clerk sees it
    cell: str
    message: str  # Vietnamese, for the clerk
    detail: str  # English, one line
    blocking: bool = True  # False: a warning; the rest of the file can still be applied

    def text(self) -> str:
        """``"Phieu-...xlsx: Ô H12: tiến độ phải từ 0 đến 100"``."""
        where = f"Ô {self.cell}: " if self.cell else ""
        return f"{self.file}: {where}{self.message}"


@dataclass(frozen=True, slots=True)
class ReturnedRow:
    key: str
    row: int
    answer: Answer | None  # None: the unit left every answer cell blank


@dataclass(slots=True)
class ReturnedForm:
    """A returned form as read from its file: identity, answered rows and problems."""

    path: Path
    identity: FormIdentity | None = None
    rows: list[ReturnedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def blocked(self) -> bool:
        return self.identity is None or any(p.blocking for p in self.problems)

    def problem(self, cell: str, message: str, detail: str, *, blocking: bool = True) -> Problem:
        found = Problem(self.name, cell, message, detail, blocking)
        self.problems.append(found)
        return found
