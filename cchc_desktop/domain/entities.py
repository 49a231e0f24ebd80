"""The stored entities as SQLModel tables. Services map them to and from the plain Plan
aggregate in :mod:`cchc_desktop.domain.model`; nothing outside services and storage holds
a table row. Positions are explicit columns so that order survives every edit.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class OrganizationRow(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    parent: str = ""
    name: str = ""
    abbreviation: str = ""
    place: str = ""
    cutoff_day: int = 15


class PlanRow(SQLModel, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    year: int
    number: str = ""
    symbol: str = ""
    issued_on: str = ""  # "YYYY-MM-DD", "YYYY-MM" or "" (blank for signing)
    doc_type: str = "KẾ HOẠCH"
    title: str = ""
    archive: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    appendix_title: str = ""
    print_appendix: bool = True
    appendix_reference: str = "(Chi tiết tại Phụ lục kèm theo Kế hoạch này)"
    extra_columns: str = ""  # JSON array of column names, "" for none
    created_at: dt.datetime = Field(default_factory=_now)
    updated_at: dt.datetime = Field(default_factory=_now)


class UnitRow(SQLModel, table=True):
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str
    short: str = ""
    kind: str = "unit"
    active: bool = True


class SectionRow(SQLModel, table=True):
    __tablename__ = "section"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    parent_id: int | None = Field(
        default=None, foreign_key="section.id", index=True, ondelete="CASCADE"
    )
    position: int = 0
    heading: str = ""
    kind: str = "heading"  # "heading" or "item" (an untitled khoản/điểm)


class ParagraphRow(SQLModel, table=True):
    """A paragraph of the preamble, the closing, or a section's body."""

    __tablename__ = "paragraph"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    part: str = "section"  # "preamble", "closing" or "section"
    section_id: int | None = Field(
        default=None, foreign_key="section.id", index=True, ondelete="CASCADE"
    )
    position: int = 0
    style: str = "plain"
    text: str = ""


class RecipientRow(SQLModel, table=True):
    __tablename__ = "recipient"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str = ""
    note: str = ""


class TaskRow(SQLModel, table=True):
    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    position: int = 0
    key: str
    group: str = ""
    name: str = ""
    product: str = ""
    timeframe_kind: str = "year"
    timeframe_label: str = ""
    timeframe_values: str = ""  # quarters or months "1,2", or the due date "2022-02-27"
    target_quantity: float | None = None
    target_unit: str = ""
    note: str = ""
    # Server mode (issue 19): optimistic concurrency and who edited last.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    edited_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    edited_at: dt.datetime | None = None
    extra: str = ""  # JSON object: extra column name → cell text, "" for none


class TaskUnitRow(SQLModel, table=True):
    """A unit named on a task, as lead ("lead") or partner ("partner"), in printed order."""

    __tablename__ = "task_unit"

    task_id: int = Field(foreign_key="task.id", primary_key=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, ondelete="RESTRICT")
    role: str = Field(primary_key=True)
    position: int = 0


class CheckInRow(SQLModel, table=True):
    """What one unit answered on one task for one quarter (issue 14: a contribution).

    ``unit_id`` NULL is the task's own answer, given by its lead unit (chủ trì): it stays the
    task's answer when the clerk corrects which unit leads. A partner unit's contribution
    names its unit. One answer per (task, quarter, unit): the partial index covers the lead's
    answer, whose NULL the unique constraint cannot compare.
    """

    __tablename__ = "checkin"
    __table_args__ = (
        UniqueConstraint("task_id", "period", "unit_id"),
        Index(
            "ux_checkin_lead_answer",
            "task_id",
            "period",
            unique=True,
            sqlite_where=text("unit_id IS NULL"),
            postgresql_where=text("unit_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    period: str  # "2022-Q1" … "2022-Q4"
    status: str = "not_started"
    progress: int = 0
    result: str = ""
    achieved: float | None = None
    difficulties: str = ""
    proposals: str = ""
    reported_by_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="SET NULL")
    reported_on: dt.date | None = None
    updated_at: dt.datetime = Field(default_factory=_now)
    # Server mode (issue 19): bumped by every update (an edit made against an older version
    # is refused), and the clerk who stored it.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    edited_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    difficulties_scope: str = ""  # "outward" | "internal" | "" (the rule decides)
    proposals_scope: str = ""
    # The partner unit whose contribution this is; NULL: the lead unit's (the task's) answer.
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="CASCADE")


class ReportRow(SQLModel, table=True):
    """The office's words on one period report of a plan (domain.report_record)."""

    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("plan_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    period: str  # "2022-Q1", "2022-H1", "2022-Q3", "2022"
    number: str = ""
    issued_on: str = ""  # "YYYY-MM-DD", "YYYY-MM" or ""
    addressees: str = "[]"  # JSON list of "Kính gửi" lines
    recipients: str = "[]"  # JSON list of "Nơi nhận" lines between "Như trên" and "Lưu"
    signer_authority: str | None = None  # None: the plan's signer
    signer_title: str = ""
    signer_name: str = ""
    narrative: str = "{}"  # JSON object: section key → the clerk's text
    basis: str = "{}"  # JSON object: section key → the data text it was written from
    updated_at: dt.datetime = Field(default_factory=_now)
    # Server mode (issue 19, migration 0010): as on check-ins and tasks.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    edited_by: str = Field(default="", sa_column_kwargs={"server_default": ""})


class EvidenceRow(SQLModel, table=True):
    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="checkin.id", index=True, ondelete="CASCADE")
    position: int = 0
    title: str = ""
    file: str = ""  # stored name inside the evidence folder (content hash + extension)
    original_name: str = ""  # the name the clerk attached, shown in the window


class FormDispatchRow(SQLModel, table=True):
    """A unit report form sent out: one unit, one quarter, its own form id (in the file)."""

    __tablename__ = "form_dispatch"

    id: int | None = Field(default=None, primary_key=True)
    form_id: str = Field(unique=True)  # uuid written into the form's identity
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", index=True, ondelete="CASCADE")
    period: str  # "2022-Q1" … "2022-Q4"
    file_name: str = ""
    deadline: dt.date | None = None
    sent_at: dt.datetime = Field(default_factory=_now)  # UTC
    returned_at: dt.datetime | None = None  # UTC; set when the returned form is first applied


class FormDispatchTaskRow(SQLModel, table=True):
    """A task on a sent form with the fingerprint of its check-in as the form showed it;
    a check-in whose fingerprint has moved since was edited in the application."""

    __tablename__ = "form_dispatch_task"

    dispatch_id: int = Field(foreign_key="form_dispatch.id", primary_key=True, ondelete="CASCADE")
    task_id: int = Field(foreign_key="task.id", primary_key=True, index=True, ondelete="CASCADE")
    position: int = 0
    baseline: str = ""  # domain.forms fingerprint; "" when the period had no check-in


class ChangeCounterRow(SQLModel, table=True):
    """One row whose value every write to a plan's tables bumps (database triggers, see
    migration 0008): the window polls it to notice other clerks' edits."""

    __tablename__ = "change_counter"

    id: int | None = Field(default=None, primary_key=True)
    value: int = 0
