"""A cell-for-cell dump of exported .xlsx workbooks, to prove that a change to how the exports
write cells (issue 18: the year report made fast) leaves every file as it was.

The dump of a saved file, read back with openpyxl: per sheet, every cell that has a value or a
style (value, data type, number format, named style, font, fill, border, alignment,
protection, quote prefix), the merged ranges, column widths, row heights and outline levels,
frozen panes, filter, print set-up, page breaks, data validations and charts.

``tests/fixtures/xlsx_golden.json`` holds the dump of the cases below as main wrote them
before the change (commit 2a7c3b5), made with::

    .venv/bin/python -m tests.exports.xlsx_golden --write

Regenerate it only for a change that is meant to alter the files, and say so in the commit.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from cchc_desktop.domain.model import CheckIn, Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.exports.xlsx_forms import build_form
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import read_plan_file

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "xlsx_golden.json"
PLANS = ROOT / "tests" / "fixtures" / "plans"
HAI_DUONG = PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json"
ALL_TIMEFRAMES = PLANS / "all-timeframes.plan.json"
WEB, NEWS = "Ban biên tập Trang TTĐT", "Bản tin KH&CN"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return {"date": value.isoformat()}
    if isinstance(value, float):
        return {"float": repr(value)}
    return value


def _color(color: Any) -> Any:
    return None if color is None else [color.type, str(color.rgb), color.theme, color.tint]


def _side(side: Any) -> Any:
    return None if side is None else [side.style, _color(side.color)]


def _style(cell: Any) -> list[Any]:
    f, fill, b, a, p = cell.font, cell.fill, cell.border, cell.alignment, cell.protection
    return [
        cell.style,
        cell.number_format,
        [f.name, f.sz, f.b, f.i, f.u, _color(f.color)],
        [fill.fill_type, _color(fill.fgColor), _color(fill.bgColor)],
        [_side(b.left), _side(b.right), _side(b.top), _side(b.bottom)],
        [a.horizontal, a.vertical, a.wrap_text, a.indent],
        [p.locked, p.hidden],
        bool(cell.quotePrefix),
    ]


def dump_workbook(path: Path) -> dict[str, Any]:
    """What a reader of the file sees, as plain JSON data (styles numbered per workbook)."""
    wb = load_workbook(path)
    styles: dict[str, int] = {}
    sheets = []
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                key = json.dumps(_style(cell), ensure_ascii=False, default=str)
                sid = styles.setdefault(key, len(styles))
                cells.append([cell.coordinate, _plain(cell.value), cell.data_type, sid])
        dims = ws.row_dimensions
        sheets.append(
            {
                "title": ws.title,
                "cells": cells,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items())},
                "rows": {
                    str(r): [dims[r].height, dims[r].outline_level, dims[r].hidden]
                    for r in sorted(dims)
                    if dims[r].height is not None or dims[r].outline_level or dims[r].hidden
                },
                "freeze": ws.freeze_panes,
                "filter": ws.auto_filter.ref,
                "print_titles": ws.print_title_rows,
                "page": [
                    ws.page_setup.orientation,
                    ws.page_setup.paperSize,
                    ws.page_setup.fitToWidth,
                    ws.page_setup.fitToHeight,
                    ws.page_setup.scale,
                    ws.sheet_properties.pageSetUpPr.fitToPage
                    if ws.sheet_properties.pageSetUpPr
                    else None,
                    ws.oddFooter.center.text,
                ],
                "breaks": [b.id for b in ws.row_breaks.brk],
                "validations": sorted(
                    [dv.type, dv.formula1, str(dv.sqref), dv.allow_blank]
                    for dv in ws.data_validations.dataValidation
                ),
                "protected": bool(ws.protection.sheet),
                "charts": len(ws._charts),  # openpyxl keeps the charts it read there
                "summary_below": ws.sheet_properties.outlinePr.summaryBelow
                if ws.sheet_properties.outlinePr
                else None,
            }
        )
    return {"styles": list(styles), "sheets": sheets}


def _hai_duong_with_partners() -> Plan:
    """Hải Dương with partners' answers beside the lead's (issue 14) and text that must stay
    text (a leading "=", a control character)."""
    plan = read_plan_file(HAI_DUONG)
    q1, q2 = Period.parse("2022-Q1"), Period.parse("2022-Q2")
    plan.checkins += [
        CheckIn("T6", q2, Status.DONE, 100, "Đăng 4 tin về ISO 9001", unit=WEB),
        CheckIn("T6", q2, result='=HYPERLINK("x") một số Bản tin\x07 ISO', unit=NEWS),
        CheckIn("T6", q1, result="Đăng 1 tin", unit=WEB),
        CheckIn("T5", q2, result="- Trang đăng 6 bài", unit=WEB),
    ]
    return plan


def _synthetic() -> Plan:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synthetic import synthetic_plan
    finally:
        sys.path.remove(str(ROOT / "bench"))
    plan: Plan = synthetic_plan(60, seed=7)
    return plan


def _report(plan: Plan, period: str) -> Callable[[Path], None]:
    return lambda path: write_report_xlsx(plan, Period.parse(period), path)


def _form(plan: Plan, period: str) -> Callable[[Path], None]:
    from cchc_desktop.domain import forms as F

    def write(path: Path) -> None:
        p = Period.parse(period)
        stored = copy.deepcopy(plan)
        stored.id = 1
        unit, tasks = F.form_units(stored, p)[0]
        identity = F.FormIdentity(
            form_id="00000000-0000-0000-0000-000000000001",
            plan_id=1,
            plan_year=stored.year,
            plan_number=stored.number,
            plan_symbol=stored.symbol,
            period=p,
            unit=unit.name,
            tasks=tuple(ft.task.key for ft in tasks),
            sent_at="2022-06-01T08:00:00+00:00",
            deadline=dt.date(2022, 6, 15),
            partner_tasks=tuple(ft.task.key for ft in tasks if ft.role == F.PARTNER),
        )
        build_form(stored, identity, tasks).save(path)

    return write


def cases() -> dict[str, Callable[[Path], None]]:
    hai_duong, timeframes, synthetic = (
        _hai_duong_with_partners(),
        read_plan_file(ALL_TIMEFRAMES),
        _synthetic(),
    )
    return {
        "hai-duong 2022": _report(hai_duong, "2022"),
        "hai-duong 2022-H1": _report(hai_duong, "2022-H1"),
        "hai-duong 2022-Q2": _report(hai_duong, "2022-Q2"),
        "all-timeframes 2022": _report(timeframes, "2022"),
        "all-timeframes 2022-Q3": _report(timeframes, "2022-Q3"),
        "synthetic-60 2022": _report(synthetic, "2022"),
        "hai-duong form 2022-Q2": _form(hai_duong, "2022-Q2"),
    }


def dump_cases(folder: Path) -> dict[str, Any]:
    out = {}
    for name, write in cases().items():
        path = folder / (name.replace(" ", "_") + ".xlsx")
        write(path)
        out[name] = dump_workbook(path)
    return out


def main() -> int:
    if sys.argv[1:] != ["--write"]:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        data = dump_cases(Path(tmp))
    note = (
        "Cell-for-cell dump of the .xlsx exports as main wrote them at 2a7c3b5 (before the "
        "issue-18 speed-up of the year report); made by "
        "`.venv/bin/python -m tests.exports.xlsx_golden --write`, checked by "
        "tests/exports/test_xlsx_golden.py."
    )
    text = json.dumps({"note": note, "cases": data}, ensure_ascii=False, separators=(",", ":"))
    GOLDEN.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
