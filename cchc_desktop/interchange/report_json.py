"""The optional ``plan.reports`` key of a cchc-plan v1 file: the office's words on each period
report (:class:`~cchc_desktop.domain.report_record.ReportRecord`).

Optional both ways: a file without it reads as before (no report written yet), and a plan
without reports is written without the key, so v1 files read by older versions round-trip
unchanged. An older version refuses the key as unknown rather than dropping it silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import Signer
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_record import NARRATIVE_KEYS, ReportRecord, check_record

if TYPE_CHECKING:
    from cchc_desktop.interchange.plan_json_read import PlanReader as _Reader


def report_to_dict(record: ReportRecord) -> dict[str, Any]:
    signer = record.signer
    return {
        "period": str(record.period),
        "number": record.number,
        "issued_on": record.issued_on.iso() if record.issued_on else None,
        "addressees": list(record.addressees),
        "recipients": list(record.recipients),
        "signer": None
        if signer is None
        else {"authority": signer.authority, "title": signer.title, "name": signer.name},
        "narrative": {k: record.narrative[k] for k in NARRATIVE_KEYS if k in record.narrative},
        "basis": {k: record.basis[k] for k in NARRATIVE_KEYS if k in record.basis},
    }


def read_report(r: _Reader, value: Any, path: str, year: int) -> ReportRecord:
    keys = ("period", "number", "issued_on", "addressees", "recipients", "signer", "narrative")
    o = r.obj(value, path, keys, optional=("basis",))
    text = r.string(o["period"], f"{path}.period")
    try:
        period = Period.parse(text)
    except ValueError as exc:
        r.fail(f"{path}.period", str(exc))
    if period.year != year:
        r.fail(f"{path}.period", f'"{text}" is outside the plan year {year}')
    issued = None
    if o["issued_on"] is not None:
        try:
            issued = IssueDate.parse(r.string(o["issued_on"], f"{path}.issued_on"), year)
        except ValueError as exc:
            r.fail(f"{path}.issued_on", str(exc))
    signer = None
    if o["signer"] is not None:
        s = r.obj(o["signer"], f"{path}.signer", ("authority", "title", "name"))
        signer = Signer(
            r.string(s["authority"], f"{path}.signer.authority"),
            r.string(s["title"], f"{path}.signer.title"),
            r.string(s["name"], f"{path}.signer.name"),
        )
    record = ReportRecord(
        period=period,
        number=r.string(o["number"], f"{path}.number"),
        issued_on=issued,
        addressees=r.array(o["addressees"], f"{path}.addressees", r.string),
        recipients=r.array(o["recipients"], f"{path}.recipients", r.string),
        signer=signer,
        narrative=_texts(r, o["narrative"], f"{path}.narrative"),
        basis=_texts(r, o.get("basis", {}), f"{path}.basis"),
    )
    faults = check_record(record)
    if faults:
        r.fail(path, faults[0])
    return record


def _texts(r: _Reader, value: Any, path: str) -> dict[str, str]:
    o = r.obj(value, path, (), optional=NARRATIVE_KEYS)
    return {k: r.string(o[k], f"{path}.{k}") for k in NARRATIVE_KEYS if k in o}
