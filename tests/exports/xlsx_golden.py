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
from openpyxl.utils import get_column_letter

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


def _widths(ws: Any) -> dict[str, Any]:
    """Each column's width, a range of columns of one width (``<col min max>``) spelt out."""
    widths = {}
    for key, dim in sorted(ws.column_dimensions.items()):
        if dim.min is None or dim.max is None:
            widths[key] = dim.width
            continue
        for index in range(dim.min, dim.max + 1):
            widths[get_column_letter(index)] = dim.width
    return dict(sorted(widths.items(), key=lambda kv: (len(kv[0]), kv[0])))


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
                "widths": _widths(ws),
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


# The report is written with XlsxWriter since issue 18 (the forms still with openpyxl). A
# reader sees the same cells; what differs in the file, and is left out of the comparison:
# - XlsxWriter writes no named styles: every cell is "Normal" and carries the look itself;
# - colours: XlsxWriter writes an alpha of FF where openpyxl writes 00, the default font
#   colour as theme 1 (automatic) and a solid fill's background colour as indexed 64;
# - widths and heights are whole pixels (1/7 of a character, 0.75 pt), rounded up;
# - print set-up: XlsxWriter leaves out what is Excel's default ("fit to 1 page wide", "not
#   fit to page"), and a sheet printed at a fixed zoom keeps no "fit to" figures.
WIDTH_PX = 1 / 7 + 1e-9
HEIGHT_PX = 0.75 + 1e-9


def _rgb(color: Any) -> Any:
    if color is None or color[0] == "theme":
        return None  # automatic: the default font colour
    return str(color[1])[-6:]


def _look_of(style_key: str) -> str:
    (_name, number_format, font, fill, sides, align, protection, quoted) = json.loads(style_key)
    fill_type, fg, _bg = fill
    return json.dumps(
        [
            number_format,
            [*font[:5], _rgb(font[5])],
            [fill_type, _rgb(fg) if fill_type else None],
            [
                None if side is None or side[0] is None else [side[0], _rgb(side[1])]
                for side in sides
            ],
            align,
            protection,
            quoted,
        ],
        ensure_ascii=False,
    )


def look(dump: dict[str, Any]) -> dict[str, Any]:
    """``dump`` with what a writer may spell differently taken out (see above): each cell
    with its look instead of a style number, sizes to the pixel checked by :func:`same_size`."""
    looks = [_look_of(key) for key in dump["styles"]]
    sheets = []
    for sheet in dump["sheets"]:
        sheet = dict(sheet)
        # An empty cell has no type to speak of (openpyxl wrote "" as an empty inline string).
        sheet["cells"] = [
            [ref, value, None if value is None else kind, looks[sid]]
            for ref, value, kind, sid in sheet["cells"]
        ]
        sheet["widths"] = {k: v for k, v in sheet["widths"].items() if v is not None}
        sheet["rows"] = {r: v for r, v in sheet["rows"].items() if v[0] is not None or v[1] or v[2]}
        page = list(sheet["page"])
        page[5] = bool(page[5])  # "fit to page": absent is off
        if page[5]:  # absent "fit to" figures are Excel's default, 1
            page[2], page[3] = (1 if v is None else v for v in page[2:4])
        else:  # printed at a zoom: the "fit to" figures are not used
            page[2] = page[3] = None
        sheet["page"] = page
        sheets.append(sheet)
    return {"sheets": sheets}


def same_size(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """The widths and row heights of two looks that differ by more than one pixel (or whose
    row is outlined differently); empty when they match."""
    wrong = []
    for mine, theirs in zip(got["sheets"], want["sheets"], strict=True):
        title = mine["title"]
        if mine["widths"].keys() != theirs["widths"].keys():
            wrong.append(f"{title}: columns {sorted(mine['widths'])} != {sorted(theirs['widths'])}")
        for col in mine["widths"].keys() & theirs["widths"].keys():
            if abs(mine["widths"][col] - theirs["widths"][col]) > WIDTH_PX:
                wrong.append(
                    f"{title}!{col}: width {mine['widths'][col]} != {theirs['widths'][col]}"
                )
        rows = mine["rows"].keys() | theirs["rows"].keys()
        for row in sorted(rows, key=int):
            a = mine["rows"].get(row, [None, 0, False])
            b = theirs["rows"].get(row, [None, 0, False])
            ha, hb = a[0] or 15.0, b[0] or 15.0
            if a[1:] != b[1:] or not 0 <= ha - hb <= HEIGHT_PX:
                wrong.append(f"{title}!{row}: row {a} != {b}")
    return wrong


def without_sizes(dump: dict[str, Any]) -> dict[str, Any]:
    return {
        "sheets": [
            {k: v for k, v in sheet.items() if k not in ("widths", "rows")}
            for sheet in dump["sheets"]
        ]
    }


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


def is_report(name: str) -> bool:
    """The cases written with XlsxWriter (compared by :func:`look`), not the form."""
    return " form " not in name


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
