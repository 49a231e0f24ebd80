"""Validating reader for cchc-plan v1: decoded JSON → Plan aggregate, or a fault with its path.

Every rule of the spec is checked here and nowhere else; unknown keys are refused too, so a
file never loses data silently on its way in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import (
    DEFAULT_APPENDIX_REFERENCE,
    CheckIn,
    Evidence,
    Organization,
    Paragraph,
    ParagraphStyle,
    Plan,
    Recipient,
    Section,
    SectionKind,
    Signer,
    Target,
    Task,
    Unit,
    UnitKind,
)
from cchc_desktop.domain.numbering import MAX_DEPTH
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.section_kind import inferred_kind
from cchc_desktop.domain.status import Status, progress_for
from cchc_desktop.domain.text import control_at, control_fault, nfc, plain
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind
from cchc_desktop.interchange.report_json import read_report

MAX_TEXT = 100_000  # characters in one string: a paragraph, never a book
MAX_ITEMS = 100_000  # elements in one array
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")

T = TypeVar("T")


class SchemaFault(Exception):
    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _kind_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class PlanReader:
    def __init__(self, format_name: str, version: int, *, plain_strings: bool = False):
        """``plain_strings``: the caller has checked that no string of the data can hold a
        CR or a control character (see ``plan_json.load_plan``), so each string needs only
        NFC; otherwise every string is checked (the one rule of ``domain.text``)."""
        self.format_name = format_name
        self.version = version
        self.plain_strings = plain_strings
        # Parsed once a file: a plan's 4,000 check-ins name four quarters and five statuses
        # (Period is frozen, enum members are singletons: sharing them is what a parse gives).
        self._periods: dict[str, Period] = {}
        self._members: dict[type[Any], dict[str, Any]] = {}

    # -- primitives -------------------------------------------------------------------------
    def fail(self, path: str, reason: str) -> NoReturn:
        raise SchemaFault(path, reason)

    def obj(
        self, value: Any, path: str, keys: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"expected an object, got {_kind_name(value)}")
        for k in keys:
            if k not in value:
                self.fail(f"{path}.{k}", "missing")
        for k in value:
            if k not in keys and k not in optional:
                self.fail(f"{path}.{k}", "unknown key")
        return value

    def _clean(self, value: str) -> str | None:
        """``value`` as the plan holds it (NFC, plain line ends), or None when it has a
        character the control rule refuses."""
        if self.plain_strings:
            # ASCII text (keys, periods, "" of an empty field) is NFC already.
            return value if value.isascii() else nfc(value)
        text = plain(value)
        return text if control_at(text) is None else None

    def string(self, value: Any, path: str, *, non_empty: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(path, f"expected a string, got {_kind_name(value)}")
        if not value:  # a third of a plan file's strings: nothing to normalise or refuse
            if non_empty:
                self.fail(path, "must not be empty")
            return value
        if len(value) > MAX_TEXT:
            self.fail(path, f"text longer than {MAX_TEXT} characters")
        text = self._clean(value)
        if text is None:
            # The one rule (domain.text): XML and terminals refuse them.
            fault = control_fault(plain(value))
            assert fault is not None  # _clean refuses only what control_fault words
            self.fail(path, fault[1])
        if non_empty and not text.strip():
            self.fail(path, "must not be empty")
        return text

    def field(self, o: dict[str, Any], key: str, path: str, *, non_empty: bool = False) -> str:
        """``o[key]`` read as :meth:`string` reads it, at ``path.key``. The clean string every
        field of a plan file is takes the short way, without building its path (there are
        45,000 in a 1,000-task plan); anything else goes to :meth:`string`, which refuses
        it with the path."""
        value = o[key]
        if value.__class__ is str and len(value) <= MAX_TEXT:
            text = self._clean(value)
            if text is not None and (not non_empty or text.strip()):
                return text
        return self.string(value, f"{path}.{key}", non_empty=non_empty)

    def integer(self, value: Any, path: str, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"expected an integer, got {_kind_name(value)}")
        if not lo <= value <= hi:
            self.fail(path, f"{value} is outside {lo}..{hi}")
        return value

    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, f"expected a number, got {_kind_name(value)}")
        if value != value or value in (float("inf"), float("-inf")):
            self.fail(path, "not a finite number")
        if value < 0:
            self.fail(path, f"{value} is negative")
        if value > 1e12:
            self.fail(path, f"{value} is too large")
        return float(value)

    def array(self, value: Any, path: str, item: Callable[[Any, str], T]) -> list[T]:
        if not isinstance(value, list):
            self.fail(path, f"expected an array, got {_kind_name(value)}")
        if len(value) > MAX_ITEMS:
            self.fail(path, f"more than {MAX_ITEMS} items")
        return [item(v, f"{path}[{i}]") for i, v in enumerate(value)]

    def enum(self, value: Any, path: str, cls: type[Any]) -> Any:
        text = self.string(value, path)
        members = self._members.get(cls)
        if members is None:
            members = self._members[cls] = {m.value: m for m in cls}
        member = members.get(text)
        if member is not None:
            return member
        try:
            return cls(text)
        except ValueError:
            self.fail(path, f'unknown value "{text}"')

    def iso_date(self, value: Any, path: str) -> dt.date:
        text = self.string(value, path)
        if not _ISO_DATE.match(text):
            self.fail(path, f'"{text}" is not a date (YYYY-MM-DD)')
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(path, f'"{text}" is not a valid date')

    # -- the document -----------------------------------------------------------------------
    def read(self, data: Any) -> Plan:
        if not isinstance(data, dict):
            self.fail("$", f"expected an object, got {_kind_name(data)}")
        if data.get("format") != self.format_name:
            self.fail("format", f'expected "{self.format_name}", got {_short(data.get("format"))}')
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            self.fail("version", f"expected an integer, got {_kind_name(version)}")
        if version > self.version:
            self.fail(
                "version",
                f"version {version} is newer than this application knows "
                f"({self.version}); update CCHC Desktop",
            )
        if version < 1:
            self.fail("version", f"unknown version {version}")
        self.obj(data, "$", ("format", "version", "organization", "units", "plan"))
        org = self.organization(data["organization"], "organization")
        units = self.array(data["units"], "units", self.unit)
        seen: set[str] = set()
        for i, u in enumerate(units):
            if u.name in seen:
                self.fail(f"units[{i}].name", f'duplicate unit "{u.name}"')
            seen.add(u.name)
        return self.plan(data["plan"], "plan", org, units)

    def organization(self, value: Any, path: str) -> Organization:
        o = self.obj(value, path, ("parent", "name", "abbreviation", "place"))
        return Organization(
            parent=self.field(o, "parent", path),
            name=self.field(o, "name", path, non_empty=True),
            abbreviation=self.field(o, "abbreviation", path),
            place=self.field(o, "place", path),
        )

    def unit(self, value: Any, path: str) -> Unit:
        o = self.obj(value, path, ("name", "short", "kind"))
        return Unit(
            name=self.field(o, "name", path, non_empty=True),
            short=self.field(o, "short", path),
            kind=self.enum(o["kind"], f"{path}.kind", UnitKind),
        )

    def paragraph(self, value: Any, path: str) -> Paragraph:
        o = self.obj(value, path, ("style", "text"))
        return Paragraph(
            style=self.enum(o["style"], f"{path}.style", ParagraphStyle),
            text=self.field(o, "text", path),
        )

    def section(self, value: Any, path: str, depth: int = 1) -> Section:
        o = self.obj(value, path, ("heading", "body", "children"), ("kind",))
        children_path = f"{path}.children"
        if depth >= MAX_DEPTH and isinstance(o["children"], list) and o["children"]:
            self.fail(children_path, f"sections are at most {MAX_DEPTH} levels deep")
        heading = self.field(o, "heading", path)
        return Section(
            heading=heading,
            body=self.array(o["body"], f"{path}.body", self.paragraph),
            children=self.array(
                o["children"], children_path, lambda v, p: self.section(v, p, depth + 1)
            ),
            kind=self.enum(o["kind"], f"{path}.kind", SectionKind)
            if "kind" in o
            else inferred_kind(heading, depth),  # files from before sections had a kind
        )

    def recipient(self, value: Any, path: str) -> Recipient:
        o = self.obj(value, path, ("name", "note"))
        return Recipient(
            name=self.field(o, "name", path, non_empty=True),
            note=self.field(o, "note", path),
        )

    def plan(self, value: Any, path: str, org: Organization, units: list[Unit]) -> Plan:
        keys = (
            "year",
            "number",
            "symbol",
            "issued_on",
            "doc_type",
            "title",
            "preamble",
            "sections",
            "closing",
            "recipients",
            "archive",
            "signer",
            "appendix_title",
            "tasks",
            "checkins",
        )
        o = self.obj(
            value, path, keys, ("print_appendix", "appendix_reference", "extra_columns", "reports")
        )
        year = self.integer(o["year"], f"{path}.year", 1900, 9999)
        issued = None
        if o["issued_on"] is not None:
            text = self.field(o, "issued_on", path)
            try:
                issued = IssueDate.parse(text, year)
            except ValueError as exc:
                self.fail(f"{path}.issued_on", str(exc))
            if issued is None:
                self.fail(f"{path}.issued_on", 'expected "YYYY-MM-DD", "YYYY-MM" or null')
        s = self.obj(o["signer"], f"{path}.signer", ("authority", "title", "name"))
        signer = Signer(
            authority=self.string(s["authority"], f"{path}.signer.authority"),
            title=self.string(s["title"], f"{path}.signer.title"),
            name=self.string(s["name"], f"{path}.signer.name"),
        )
        unit_names = {u.name for u in units}
        appendix_title = self.field(o, "appendix_title", path)
        # A file without the setting prints its appendix when the office gave it a title.
        print_appendix = o.get("print_appendix", bool(appendix_title.strip()))
        if not isinstance(print_appendix, bool):
            self.fail(
                f"{path}.print_appendix",
                f"expected true or false, got {_kind_name(print_appendix)}",
            )
        reference = self.string(
            o.get("appendix_reference", DEFAULT_APPENDIX_REFERENCE), f"{path}.appendix_reference"
        )
        columns = self.array(o.get("extra_columns", []), f"{path}.extra_columns", self.column)
        if len({c.casefold() for c in columns}) != len(columns):
            self.fail(f"{path}.extra_columns", "a column is listed twice")
        tasks = self.array(
            o["tasks"], f"{path}.tasks", lambda v, p: self.task(v, p, year, unit_names, columns)
        )
        keys_seen: set[str] = set()
        for i, t in enumerate(tasks):
            if t.key in keys_seen:
                self.fail(f"{path}.tasks[{i}].key", f'duplicate task key "{t.key}"')
            keys_seen.add(t.key)
        checkins = self.array(
            o["checkins"],
            f"{path}.checkins",
            lambda v, p: self.checkin(v, p, year, keys_seen, unit_names),
        )
        by_key = {t.key: t for t in tasks}
        answers: set[tuple[str, str, str]] = set()
        for i, c in enumerate(checkins):
            task = by_key[c.task]
            if c.unit in task.lead:
                c.unit = ""  # the lead unit named explicitly: the task's own answer
            elif c.unit and c.unit not in task.partners:
                self.fail(
                    f"{path}.checkins[{i}].unit",
                    f'unit "{c.unit}" is neither lead nor partner of task "{c.task}"',
                )
            answer = (c.task, str(c.period), c.unit)
            if answer in answers:
                whose = f' from unit "{c.unit}"' if c.unit else ""
                self.fail(
                    f"{path}.checkins[{i}]",
                    f'second check-in{whose} for task "{c.task}" in {c.period}',
                )
            answers.add(answer)
        reports = self.array(
            o.get("reports", []), f"{path}.reports", lambda v, p: read_report(self, v, p, year)
        )
        if len({r.period for r in reports}) != len(reports):
            self.fail(f"{path}.reports", "two reports for the same period")
        return Plan(
            organization=org,
            units=units,
            year=year,
            number=self.field(o, "number", path),
            symbol=self.field(o, "symbol", path, non_empty=True),
            issued_on=issued,
            doc_type=self.field(o, "doc_type", path, non_empty=True),
            title=self.field(o, "title", path),
            preamble=self.array(o["preamble"], f"{path}.preamble", self.paragraph),
            sections=self.array(o["sections"], f"{path}.sections", self.section),
            closing=self.array(o["closing"], f"{path}.closing", self.paragraph),
            recipients=self.array(o["recipients"], f"{path}.recipients", self.recipient),
            archive=self.field(o, "archive", path),
            signer=signer,
            appendix_title=appendix_title,
            tasks=tasks,
            checkins=checkins,
            print_appendix=print_appendix,
            appendix_reference=reference,
            extra_columns=columns,
            reports=reports,
        )

    def column(self, value: Any, path: str) -> str:
        name = " ".join(self.string(value, path, non_empty=True).split())
        if len(name) > 80:
            self.fail(path, "column name longer than 80 characters")
        return name

    def unit_list(self, value: Any, path: str, names: set[str], at_least_one: bool) -> list[str]:
        items = self.array(value, path, self.string)
        if at_least_one and not items:
            self.fail(path, "at least one unit is required")
        for i, name in enumerate(items):
            if name not in names:
                self.fail(f"{path}[{i}]", f'unit "{name}" is not declared in units')
        if len(set(items)) != len(items):
            self.fail(path, "a unit is listed twice")
        return items

    def timeframe(self, value: Any, path: str, year: int) -> Timeframe:
        if not isinstance(value, dict):
            self.fail(path, f"expected an object, got {_kind_name(value)}")
        kind = self.enum(value.get("kind"), f"{path}.kind", TimeframeKind)
        extra = {
            TimeframeKind.QUARTERS: ("quarters",),
            TimeframeKind.MONTHS: ("months",),
            TimeframeKind.DEADLINE: ("due",),
        }.get(kind, ())
        o = self.obj(value, path, ("kind", "label", *extra))
        tf = Timeframe(kind=kind, label=self.field(o, "label", path))
        if kind is TimeframeKind.QUARTERS:
            tf.quarters = self.array(
                o["quarters"], f"{path}.quarters", lambda v, p: self.integer(v, p, 1, 4)
            )
        elif kind is TimeframeKind.MONTHS:
            tf.months = self.array(
                o["months"], f"{path}.months", lambda v, p: self.integer(v, p, 1, 12)
            )
        elif kind is TimeframeKind.DEADLINE:
            tf.due = self.iso_date(o["due"], f"{path}.due")
        for key, message in tf.validate(year):
            self.fail(f"{path}.{key}", message)
        return tf

    def task(self, value: Any, path: str, year: int, units: set[str], columns: list[str]) -> Task:
        keys = (
            "key",
            "group",
            "name",
            "product",
            "lead",
            "partners",
            "timeframe",
            "target",
            "note",
        )
        o = self.obj(value, path, keys, ("extra",))
        extra: dict[str, str] = {}
        if "extra" in o:
            cells = self.obj(o["extra"], f"{path}.extra", (), tuple(columns))
            extra = {k: self.string(v, f"{path}.extra.{k}") for k, v in cells.items()}
        target = None
        if o["target"] is not None:
            t = self.obj(o["target"], f"{path}.target", ("quantity", "unit"))
            target = Target(
                self.number(t["quantity"], f"{path}.target.quantity"),
                self.string(t["unit"], f"{path}.target.unit"),
            )
        return Task(
            key=self.field(o, "key", path, non_empty=True),
            group=self.field(o, "group", path),
            name=self.field(o, "name", path, non_empty=True),
            product=self.field(o, "product", path),
            lead=self.unit_list(o["lead"], f"{path}.lead", units, True),
            partners=self.unit_list(o["partners"], f"{path}.partners", units, False),
            timeframe=self.timeframe(o["timeframe"], f"{path}.timeframe", year),
            target=target,
            note=self.field(o, "note", path),
            extra=extra,
        )

    def evidence(self, value: Any, path: str) -> Evidence:
        o = self.obj(value, path, ("title", "file"))
        file = self.field(o, "file", path)
        if file and (any(ch in file for ch in "/\\:\0") or file in (".", "..")):
            self.fail(f"{path}.file", f'"{file}" must be a plain file name')
        return Evidence(title=self.field(o, "title", path, non_empty=True), file=file)

    def checkin(
        self, value: Any, path: str, year: int, tasks: set[str], units: set[str]
    ) -> CheckIn:
        keys = (
            "task",
            "period",
            "status",
            "progress",
            "result",
            "achieved",
            "evidence",
            "difficulties",
            "proposals",
            "reported_by",
            "reported_on",
        )
        o = self.obj(value, path, keys, ("difficulties_scope", "proposals_scope", "unit"))
        key = self.field(o, "task", path)
        if key not in tasks:
            self.fail(f"{path}.task", f'unknown task "{key}"')
        period_text = self.field(o, "period", path)
        if not _QUARTER.match(period_text):
            self.fail(f"{path}.period", f'"{period_text}" is not a quarter like "{year}-Q1"')
        period = self._periods.get(period_text) or self._periods.setdefault(
            period_text, Period.parse(period_text)
        )
        if period.kind is not PeriodKind.QUARTER or period.year != year:
            self.fail(f"{path}.period", f'"{period_text}" is outside the plan year {year}')
        status = self.enum(o["status"], f"{path}.status", Status)
        progress = self.integer(o["progress"], f"{path}.progress", 0, 100)
        if progress_for(status, progress) != progress:  # refused in a file: see progress_for
            self.fail(f"{path}.progress", f'status "{status.value}" means 100, got {progress}')
        reporter = self.field(o, "reported_by", path)
        if reporter and reporter not in units:
            self.fail(f"{path}.reported_by", f'unit "{reporter}" is not declared in units')
        # Whose answer (optional; absent: the task's lead unit). Checked against the task's
        # units by the caller, which knows them.
        unit = self.field(o, "unit", path) if "unit" in o else ""
        if unit and unit not in units:
            self.fail(f"{path}.unit", f'unit "{unit}" is not declared in units')
        return CheckIn(
            unit=unit,
            task=key,
            period=period,
            status=status,
            progress=progress,
            result=self.field(o, "result", path),
            achieved=None
            if o["achieved"] is None
            else self.number(o["achieved"], f"{path}.achieved"),
            evidence=self.array(o["evidence"], f"{path}.evidence", self.evidence),
            difficulties=self.field(o, "difficulties", path),
            proposals=self.field(o, "proposals", path),
            reported_by=reporter,
            reported_on=None
            if o["reported_on"] is None
            else self.iso_date(o["reported_on"], f"{path}.reported_on"),
            difficulties_scope=self.scope(o, "difficulties_scope", path),
            proposals_scope=self.scope(o, "proposals_scope", path),
        )

    def scope(self, o: dict[str, Any], key: str, path: str) -> str:
        """ "outward" (gửi cấp trên), "internal" (nội bộ) or "" (the rule decides)."""
        if o.get(key, "") == "":  # absent or "": most check-ins leave it to the rule
            return ""
        path = f"{path}.{key}"
        text = self.string(o[key], path)
        if text not in ("", "outward", "internal"):
            self.fail(path, f'expected "outward", "internal" or "", got {_short(text)}')
        return text


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."
