"""Keep and read the office's words on a period report (one record per plan × period).

The window's "Báo cáo" tab and ``cchc report`` call these; the exporters read the records
from the loaded Plan aggregate (``plan.reports``), never from here.
"""

from __future__ import annotations

from sqlmodel import select

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.entities import ReportRow
from cchc_desktop.domain.model import Signer
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_calendar import is_report_period
from cchc_desktop.domain.report_record import (
    NARRATIVE_HEADINGS,
    NARRATIVE_KEYS,
    ReportRecord,
    check_record,
)
from cchc_desktop.errors import ConflictError, ValidationError
from cchc_desktop.services.conflicts import lock_plan
from cchc_desktop.services.mapping import apply_values, report_from_row, report_values
from cchc_desktop.services.plan_store import get_plan_row
from cchc_desktop.storage.database import Database

# ``cchc report --set FIELD=VALUE``: the fields a script may set, besides the section keys.
FIELDS = ("number", "date", "to", "cc", "signer.authority", "signer.title", "signer.name")


def _check(record: ReportRecord, year: int) -> None:
    period = record.period
    if period.year != year:
        raise ValidationError(
            f"Kỳ báo cáo {period.label()} không thuộc năm {year} của kế hoạch.",
            detail=f"period {period} is outside the plan year {year}",
        )
    if not is_report_period(period):
        raise ValidationError(
            f"Không có báo cáo định kỳ cho kỳ {period}: chỉ có quý I, 6 tháng, quý III và năm.",
            detail=f"{period} is not a report period (Q1, H1, Q3 or the year)",
        )
    faults = check_record(record)
    if faults:
        raise ValidationError(
            "Nội dung báo cáo quá dài hoặc có quá nhiều dòng.", detail="; ".join(faults)
        )


def get_report(db: Database, plan_id: int, period: Period) -> ReportRecord:
    """The stored record of ``period``, or a new empty one (not stored until saved)."""
    with db.reader() as s:
        get_plan_row(s, plan_id)
        row = s.exec(
            select(ReportRow).where(ReportRow.plan_id == plan_id, ReportRow.period == str(period))
        ).first()
        return report_from_row(row) if row is not None else ReportRecord(period)


def save_report(
    db: Database, plan_id: int, record: ReportRecord, *, expected_version: int | None = None
) -> ReportRecord:
    """Store ``record`` (insert or replace the plan's record of its period).

    ``expected_version`` (the window, ``cchc report``): the version the clerk read, 0 for
    "there was none". A record another clerk saved (or deleted) since is refused with both
    versions, as for check-ins; the record gets the stored version and clerk."""
    with db.session() as s:
        if expected_version is not None:
            lock_plan(s, plan_id)  # two first saves of one period: the second sees the first
        plan = get_plan_row(s, plan_id)
        _check(record, plan.year)
        row = s.exec(
            select(ReportRow).where(
                ReportRow.plan_id == plan_id, ReportRow.period == str(record.period)
            )
        ).first()
        if expected_version is not None:
            stored = 0 if row is None else row.version
            if stored != expected_version:
                raise _conflict(record, None if row is None else report_from_row(row))
        if row is None:
            row = ReportRow(plan_id=plan_id, period=str(record.period), version=0)
        apply_values(row, report_values(record))
        row.version += 1
        row.edited_by = str(s.info.get("clerk", ""))
        s.add(row)
        s.flush()
        record.id, record.version, record.edited_by = row.id, row.version, row.edited_by
        return record


def _report_line(record: ReportRecord | None) -> str:
    if record is None:
        return "(đã bị xóa)"
    parts = [f"số {record.number}" if record.number else "chưa có số"]
    if record.issued_on:
        parts.append(f"ngày {record.issued_on.iso()}")
    written = [NARRATIVE_HEADINGS[k] for k in NARRATIVE_KEYS if record.text(k)]
    parts.append("đã viết: " + ", ".join(written) if written else "chưa viết mục nào")
    return "; ".join(parts)


def _conflict(mine: ReportRecord, theirs: ReportRecord | None) -> ConflictError:
    who = f" ({theirs.edited_by})" if theirs is not None and theirs.edited_by else ""
    return ConflictError(
        f"Báo cáo {mine.period.label()} vừa được người khác{who} lưu trước bạn; thay đổi "
        f"của bạn chưa được lưu.\nBản đang lưu: {_report_line(theirs)}\n"
        f"Bản của bạn: {_report_line(mine)}\nHãy tải lại để xem bản mới nhất rồi sửa tiếp.",
        theirs=theirs,
        mine=mine,
        detail=f"report {mine.period} was changed by another user since it was read; nothing "
        "stored (reload and edit again)",
    )


def set_field(record: ReportRecord, name: str, value: str, basis: str = "") -> None:
    """One ``FIELD=VALUE`` of ``cchc report --set``: ``number``, ``date`` (YYYY-MM-DD or
    YYYY-MM), ``to`` / ``cc`` (lines separated by ";"), ``signer.*``, or a section key
    (``chi_dao``, ``uu_diem``, …; "\\n" in the value starts a new line)."""
    if name == "number":
        record.number = value.strip()
    elif name == "date":
        try:
            record.issued_on = IssueDate.parse(value.strip(), record.period.year)
        except ValueError as exc:
            raise ValidationError(
                f"Ngày báo cáo “{value}” không đúng dạng năm-tháng-ngày.", detail=str(exc)
            ) from None
    elif name in ("to", "cc"):
        lines = [x.strip() for x in value.split(";") if x.strip()]
        if name == "to":
            record.addressees = lines
        else:
            record.recipients = lines
    elif name.startswith("signer."):
        signer = record.signer or Signer()
        part = name.removeprefix("signer.")
        if part not in ("authority", "title", "name"):
            raise _unknown(name)
        setattr(signer, part, value.strip())
        record.signer = signer
    elif name in NARRATIVE_KEYS:
        record.set_text(name, value.replace("\\n", "\n"), basis)
    else:
        raise _unknown(name)


def _unknown(name: str) -> ValidationError:
    known = ", ".join((*FIELDS, *NARRATIVE_KEYS))
    return ValidationError(
        f"Không có mục “{name}” trong báo cáo.", detail=f"unknown field {name!r}: one of {known}"
    )
