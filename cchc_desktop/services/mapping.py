"""Conversions between stored rows and the plain Plan aggregate (both directions)."""

from __future__ import annotations

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.entities import PlanRow, TaskRow
from cchc_desktop.domain.model import Plan, Signer, Task
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind


def timeframe_to_values(tf: Timeframe) -> str:
    if tf.kind is TimeframeKind.QUARTERS:
        return ",".join(str(q) for q in tf.quarters)
    if tf.kind is TimeframeKind.MONTHS:
        return ",".join(str(m) for m in tf.months)
    if tf.kind is TimeframeKind.DEADLINE and tf.due is not None:
        return tf.due.isoformat()
    return ""


def apply_task_fields(row: TaskRow, task: Task) -> None:
    """Copy the scalar fields of ``task`` onto ``row`` (units are stored apart)."""
    row.key = task.key
    row.group = task.group
    row.name = task.name
    row.product = task.product
    row.timeframe_kind = task.timeframe.kind.value
    row.timeframe_label = task.timeframe.label
    row.timeframe_values = timeframe_to_values(task.timeframe)
    row.target_quantity = task.target.quantity if task.target else None
    row.target_unit = task.target.unit if task.target else ""
    row.note = task.note


def apply_plan_fields(row: PlanRow, plan: Plan) -> None:
    row.year = plan.year
    row.number = plan.number
    row.symbol = plan.symbol
    row.issued_on = plan.issued_on.iso() if plan.issued_on else ""
    row.doc_type = plan.doc_type
    row.title = plan.title
    row.archive = plan.archive
    row.signer_authority = plan.signer.authority
    row.signer_title = plan.signer.title
    row.signer_name = plan.signer.name
    row.appendix_title = plan.appendix_title


def issued_from_row(row: PlanRow) -> IssueDate | None:
    return IssueDate.parse(row.issued_on, row.year) if row.issued_on else None


def signer_from_row(row: PlanRow) -> Signer:
    return Signer(row.signer_authority, row.signer_title, row.signer_name)
