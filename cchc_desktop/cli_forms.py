"""The ``cchc export-forms`` and ``cchc import-forms`` commands (unit report forms).

Registered by :func:`cchc_desktop.cli.build_parser`; same services, readers and writers as
the check-in tab. Never imports PySide6.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop.cli_args import db_writer, open_db, period_arg, plan_id_arg
from cchc_desktop.domain.text import printable
from cchc_desktop.errors import UserError

if TYPE_CHECKING:
    from cchc_desktop.domain.forms import Answer
    from cchc_desktop.services.forms import FormsPreview, RowPreview

Add = Callable[..., argparse.ArgumentParser]

IMPORT_HELP = """\
Read filled unit forms and compare them with the database, task by task:
  Mới (new), Thay đổi (changed), Không đổi (unchanged), Bỏ trống (left blank) or
  Xung đột (conflict: the check-in was edited in the application after the form went out).

Without --apply nothing is stored: the preview is printed and every problem goes to stderr
with its file and cell; the exit status is 1 when a file has a blocking problem.

--apply stores the new and changed answers of all files in one transaction (nothing at all
when any file has a blocking problem). Conflicts are stored only as you decide:
--take-form stores the form's answer for every conflict, --keep-app keeps the application's,
--resolve T3=form / --resolve T3=app decides one task (overrides the two flags). A conflict
left undecided is not stored and is listed again on the next import. Importing the same
files again changes nothing.
"""


def register(add: Add) -> None:

    p = add("export-forms", cmd_export_forms, "write one .xlsx report form per unit")
    p.add_argument("plan", type=plan_id_arg)
    p.add_argument("--period", required=True, type=period_arg, help="a quarter: 2022-Q1")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the forms")
    p.add_argument(
        "--deadline",
        type=_date,
        default=None,
        help="return deadline printed on the forms (default: end of the period's cut-off)",
    )
    p.add_argument(
        "--unit", action="append", default=None, metavar="NAME", help="only this unit (repeat)"
    )
    p = add("import-forms", cmd_import_forms, "preview (and with --apply store) filled forms")
    p.description = IMPORT_HELP
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("plan", type=plan_id_arg)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--period", type=period_arg, default=None, help="refuse forms of other quarters")
    p.add_argument("--apply", action="store_true", help="store the changes (default: preview)")
    side = p.add_mutually_exclusive_group()
    side.add_argument("--take-form", action="store_true", help="conflicts: store the form's")
    side.add_argument("--keep-app", action="store_true", help="conflicts: keep the app's")
    p.add_argument(
        "--resolve",
        action="append",
        default=[],
        type=_resolution,
        metavar="TASK=form|app",
        help="decide the conflict of one task (repeat)",
    )


def _date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"'{text}' is not a date (2022-03-14 or 14/03/2022)")


def _resolution(text: str) -> tuple[str, str]:
    key, _, side = text.partition("=")
    if not key or side not in ("form", "app"):
        raise argparse.ArgumentTypeError(f"'{text}' is not TASK=form or TASK=app")
    return key, side


def cmd_export_forms(args: argparse.Namespace) -> int:
    from cchc_desktop.exports.xlsx_forms import write_unit_forms
    from cchc_desktop.services.forms import record_dispatch
    from cchc_desktop.services.plan_read import load_plan

    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"Không tạo được thư mục {folder}: {exc.strerror or exc}",
            file=str(folder),
            detail=f"cannot create folder: {exc.strerror or exc}",
        ) from None
    db = db_writer(args)  # the dispatch is recorded
    plan = load_plan(db, args.plan)
    sent = write_unit_forms(plan, args.period, folder, deadline=args.deadline, units=args.unit)
    if not sent:
        raise UserError(
            f"Không có đơn vị nào có nhiệm vụ cần báo cáo trong {args.period.label()}.",
            detail=f"no unit has tasks due in {args.period}: no form written",
        )
    record_dispatch(db, args.plan, sent)
    for form in sent:
        print(form.path)
    return 0


def cmd_import_forms(args: argparse.Namespace) -> int:
    from cchc_desktop.imports.xlsx_forms import read_form
    from cchc_desktop.services.forms import Resolution, apply_forms, preview_forms

    forms = [read_form(Path(f)) for f in args.files]
    db = db_writer(args) if args.apply else open_db(args)
    preview = preview_forms(db, args.plan, forms, period=args.period)
    print_preview(preview)
    for problem in preview.problems:
        level = "" if problem.blocking else "cảnh báo: "
        print(f"cchc: {level}{printable(problem.text())}", file=sys.stderr)
    if preview.blocking:
        print(f"cchc: {len(preview.blocking)} lỗi: chưa lưu gì.", file=sys.stderr)
        return 1
    if not args.apply:
        if preview.has_changes:
            print("(xem trước: chưa lưu gì; thêm --apply để lưu)")
        return 0
    default = (
        Resolution.TAKE_FORM if args.take_form else Resolution.KEEP_APP if args.keep_app else None
    )
    resolutions = {key: Resolution(side) for key, side in args.resolve}
    result = apply_forms(
        db, args.plan, forms, period=args.period, resolutions=resolutions, default=default
    )
    print(
        f"Đã lưu {result.stored} báo cáo: {len(result.created)} mới, {len(result.updated)} thay "
        f"đổi, {len(result.taken)} lấy theo phiếu; giữ nguyên {len(result.kept)} xung đột."
    )
    if result.unresolved:
        keys = ", ".join(result.unresolved)
        print(
            f"cchc: cảnh báo: {len(result.unresolved)} xung đột chưa xử lý, chưa lưu ({keys}); "
            "dùng --take-form, --keep-app hoặc --resolve TASK=form|app.",
            file=sys.stderr,
        )
    return 0


def print_preview(preview: FormsPreview) -> None:
    from cchc_desktop.services.forms import Change

    for fp in preview.files:
        ident = fp.form.identity
        who = f"{ident.unit}, {ident.period.short_label()}" if ident else "không đọc được"
        counts = ", ".join(f"{fp.count(c)} {c.label.lower()}" for c in Change)
        print(f"{fp.name} — {who}: {counts}" if fp.rows else f"{fp.name} — {who}")
        for r in fp.rows:
            print(f"  {r.key:<8} {r.change.label:<10} {_describe(r)}")


def _describe(r: RowPreview) -> str:
    from cchc_desktop.domain.forms import Answer
    from cchc_desktop.services.forms import Change

    form = _short(r.answer, r.unit)
    if r.change is Change.CONFLICT:
        app = _short(Answer.of(r.current) if r.current else None, r.unit)
        return f"phần mềm: {app} | phiếu: {form}"
    return form


def _short(answer: Answer | None, partner: str = "") -> str:
    """One line of an answer; a partner's contribution has no status or % of its own."""
    if answer is None:
        return "(trống)"
    text = "Phối hợp" if partner else f"{answer.status.label}, {answer.progress}%"
    if answer.result:
        first = answer.result.split("\n")[0]
        text += f" — {first[:50]}{'…' if len(first) > 50 else ''}"
    return text
