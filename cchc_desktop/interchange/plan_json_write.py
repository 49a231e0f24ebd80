"""Plan aggregate → plain dict in the exact key order of cchc-plan v1."""

from __future__ import annotations

from typing import Any

from cchc_desktop.domain.model import (
    DEFAULT_APPENDIX_REFERENCE,
    CheckIn,
    Paragraph,
    Plan,
    Section,
    Target,
    Task,
)
from cchc_desktop.domain.section_kind import inferred_kind
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind
from cchc_desktop.interchange.report_json import report_to_dict


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    org = plan.organization
    return {
        "organization": {
            "parent": org.parent,
            "name": org.name,
            "abbreviation": org.abbreviation,
            "place": org.place,
        },
        "units": [{"name": u.name, "short": u.short, "kind": u.kind.value} for u in plan.units],
        "plan": {
            "year": plan.year,
            "number": plan.number,
            "symbol": plan.symbol,
            "issued_on": plan.issued_on.iso() if plan.issued_on else None,
            "doc_type": plan.doc_type,
            "title": plan.title,
            "preamble": [_paragraph(p) for p in plan.preamble],
            "sections": [_section(s) for s in plan.sections],
            "closing": [_paragraph(p) for p in plan.closing],
            "recipients": [{"name": r.name, "note": r.note} for r in plan.recipients],
            "archive": plan.archive,
            "signer": {
                "authority": plan.signer.authority,
                "title": plan.signer.title,
                "name": plan.signer.name,
            },
            "appendix_title": plan.appendix_title,
            "tasks": [_task(t) for t in plan.tasks],
            "checkins": [_checkin(c) for c in plan.checkins],
            **_appendix_settings(plan),
            # Optional: a plan with no report written keeps the v1 shape exactly.
            **({"reports": [report_to_dict(r) for r in plan.reports]} if plan.reports else {}),
        },
    }


def _appendix_settings(plan: Plan) -> dict[str, Any]:
    """The optional keys, written only when they differ from what a reader assumes without
    them: files of plans that do not use them stay exactly as before."""
    out: dict[str, Any] = {}
    if plan.print_appendix != bool(plan.appendix_title.strip()):
        out["print_appendix"] = plan.print_appendix
    if plan.appendix_reference != DEFAULT_APPENDIX_REFERENCE:
        out["appendix_reference"] = plan.appendix_reference
    if plan.extra_columns:
        out["extra_columns"] = list(plan.extra_columns)
    return out


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {"style": p.style.value, "text": p.text}


def _section(s: Section, depth: int = 1) -> dict[str, Any]:
    out: dict[str, Any] = {
        "heading": s.heading,
        "body": [_paragraph(p) for p in s.body],
        "children": [_section(c, depth + 1) for c in s.children],
    }
    if s.kind is not inferred_kind(s.heading, depth):  # only where it differs from the rule
        out["kind"] = s.kind.value
    return out


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _timeframe(tf: Timeframe) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": tf.kind.value, "label": tf.label}
    if tf.kind is TimeframeKind.QUARTERS:
        out["quarters"] = list(tf.quarters)
    elif tf.kind is TimeframeKind.MONTHS:
        out["months"] = list(tf.months)
    elif tf.kind is TimeframeKind.DEADLINE:
        out["due"] = tf.due.isoformat() if tf.due else None
    return out


def _target(t: Target | None) -> dict[str, Any] | None:
    return None if t is None else {"quantity": _number(t.quantity), "unit": t.unit}


def _task(t: Task) -> dict[str, Any]:
    return {
        "key": t.key,
        "group": t.group,
        "name": t.name,
        "product": t.product,
        "lead": list(t.lead),
        "partners": list(t.partners),
        "timeframe": _timeframe(t.timeframe),
        "target": _target(t.target),
        "note": t.note,
        **({"extra": dict(t.extra)} if t.extra else {}),
    }


def _checkin(c: CheckIn) -> dict[str, Any]:
    return {
        "task": c.task,
        "period": str(c.period),
        "status": c.status.value,
        "progress": c.progress,
        "result": c.result,
        "achieved": None if c.achieved is None else _number(c.achieved),
        "evidence": [{"title": e.title, "file": e.file} for e in c.evidence],
        "difficulties": c.difficulties,
        "proposals": c.proposals,
        "reported_by": c.reported_by,
        "reported_on": c.reported_on.isoformat() if c.reported_on else None,
        **({"difficulties_scope": c.difficulties_scope} if c.difficulties_scope else {}),
        **({"proposals_scope": c.proposals_scope} if c.proposals_scope else {}),
        # A partner unit's contribution names its unit; the lead's answer (the only kind a
        # file held before issue 14) leaves the key out, so those files stay as they were.
        **({"unit": c.unit} if c.unit else {}),
    }
