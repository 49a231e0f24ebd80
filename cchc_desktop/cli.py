"""The ``cchc`` command: the same services, interchange, imports and exports as the window.

Exit status: 0 on success, 1 for bad data or a failed operation (one line on stderr naming
the file and the fault), 2 for a usage error. Never imports PySide6: ``gui`` loads the window
lazily.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cchc_desktop import __version__
from cchc_desktop.cli_args import OPEN_WRITERS, db_writer, open_db, period_arg, plan_id_arg
from cchc_desktop.domain.text import printable
from cchc_desktop.errors import UserError

Handler = Callable[[argparse.Namespace], int]


# -- commands ---------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    db = db_writer(args)
    from cchc_desktop.storage.server import shown

    print(f"database ready: {db.path or shown(db.url)}")  # never a password
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from cchc_desktop.services.plans import import_plan

    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix == ".json":
        from cchc_desktop.interchange import read_plan_file

        plan = read_plan_file(path)
    elif suffix == ".docx":
        from cchc_desktop.imports.docx_plan import read_plan_docx

        result = read_plan_docx(path)
        for warning in result.warnings:
            print(printable(f"{path}: warning: {warning}"), file=sys.stderr)
        plan = result.plan
    else:
        raise UserError(
            "Chỉ nhập được tệp .json (cchc-plan) hoặc .docx.",
            file=str(path),
            detail=f"unsupported file type '{suffix or '(none)'}': expected .json or .docx",
        )
    db = db_writer(args)
    plan_id = import_plan(db, plan, source=path)
    print(plan_id)
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    from cchc_desktop.services.plan_read import list_plans

    for item in list_plans(open_db(args)):
        # A database written before the control-character rule may still hold ESC: shown
        # escaped, never obeyed; a tab inside a field would shift the columns.
        fields = [item.number_symbol, item.title]
        shown = [printable(f).replace("\t", " ") for f in fields]
        print(f"{item.id}\t{item.year}\t{shown[0]}\t{shown[1]}")
    return 0


def cmd_copy_plan(args: argparse.Namespace) -> int:
    """Copy a plan to a new year: print every replacement and every dated reference left
    alone, then (without --dry-run) store the copy and print its id last."""
    from cchc_desktop.services.plan_store import copy_plan_to_year, preview_copy_to_year

    if not 1900 <= args.year <= 9999:
        raise UserError("Năm không hợp lệ.", detail=f"bad year {args.year}")
    preview = preview_copy_to_year(open_db(args), args.plan, args.year)
    for line in preview.lines():
        print(line)
    print(
        f"{len(preview.replacements)} chỗ thay năm, "
        f"{len(preview.kept)} ngày/văn bản giữ nguyên cần xem lại."
    )
    if args.dry_run:
        print("(--dry-run: không lưu gì)")
        return 0
    print(copy_plan_to_year(db_writer(args), args.plan, args.year))
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    from cchc_desktop.interchange import write_plan_file
    from cchc_desktop.services.plan_read import load_plan

    write_plan_file(load_plan(open_db(args), args.plan), Path(args.output))
    return 0


def cmd_export_plan(args: argparse.Namespace) -> int:
    from cchc_desktop.exports.docx_plan import write_plan_docx
    from cchc_desktop.services.plan_read import load_plan

    output = Path(args.output)
    _require_suffix(output, (".docx", ".pdf"))
    plan = load_plan(open_db(args), args.plan)
    if output.suffix.lower() == ".pdf":
        from cchc_desktop.exports.pdf import write_pdf

        write_pdf(lambda docx: write_plan_docx(plan, docx), output)
    else:
        write_plan_docx(plan, output)
    return 0


def cmd_export_report(args: argparse.Namespace) -> int:
    from cchc_desktop.exports.report_text import build_report
    from cchc_desktop.services.plan_read import load_plan

    output = Path(args.output)
    _require_suffix(output, (".xlsx", ".docx", ".pdf"))
    plan = load_plan(open_db(args), args.plan)
    _require_plan_year(plan.year, args.period, output)
    from cchc_desktop.file_locks import check_replaceable

    check_replaceable(output)  # open elsewhere: one line, not the warnings and then a refusal
    report = build_report(plan, args.period)
    # Told before the file is written, never silenced; --strict refuses instead.
    for warning in report.warnings:
        print(f"cchc: cảnh báo: {warning.message}", file=sys.stderr)
    if args.strict and report.warnings:
        raise UserError(
            f"Báo cáo có {len(report.warnings)} cảnh báo; không xuất vì có --strict.",
            file=str(output),
            detail=f"{len(report.warnings)} warning(s) and --strict: nothing written",
        )
    if output.suffix.lower() == ".xlsx":
        from cchc_desktop.exports.xlsx_report import write_report_xlsx

        write_report_xlsx(plan, args.period, output)
    elif output.suffix.lower() == ".pdf":
        from cchc_desktop.exports.docx_report import write_report_docx
        from cchc_desktop.exports.pdf import write_pdf

        write_pdf(lambda docx: write_report_docx(plan, args.period, docx), output)
    else:
        from cchc_desktop.exports.docx_report import write_report

        write_report(report, output)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Show the report's own words for a period; ``--set FIELD=VALUE`` changes them."""
    from cchc_desktop.domain.report_record import NARRATIVE_HEADINGS, changed_sections
    from cchc_desktop.exports.report_text import build_report
    from cchc_desktop.services.plan_read import load_plan
    from cchc_desktop.services.reports import get_report, save_report, set_field

    plan = load_plan(open_db(args), args.plan)
    _require_plan_year(plan.year, args.period, Path(f"plan {args.plan}"))
    record = get_report(open_db(args), args.plan, args.period)
    fresh = build_report(plan, args.period, record=record).data_texts
    if args.set:
        for item in args.set:
            name, sep, value = item.partition("=")
            if not sep:
                raise UserError(
                    f"“{item}” không có dạng TÊN=GIÁ TRỊ.", detail=f"--set {item!r}: expected F=V"
                )
            set_field(record, name.strip(), value, fresh.get(name.strip(), ""))
        record = save_report(db_writer(args), args.plan, record, expected_version=record.version)
    report = build_report(plan, args.period, record=record)
    doc = report.document
    print(f"period\t{args.period}")
    print(f"number\t{doc.number_symbol.strip()}")
    print(f"date\t{record.issued_on.iso() if record.issued_on else ''}")
    print(f"to\t{'; '.join(report.addressees)}")
    print(f"cc\t{'; '.join(r.name for r in doc.recipients)}")
    for key, heading in NARRATIVE_HEADINGS.items():
        source = "clerk" if record.text(key) else "data"
        text = record.text(key) or report.data_texts[key]
        print(f"[{key}] {heading} ({source})")
        print(text)
    for key in changed_sections(record, report.data_texts):
        print(f"cchc: số liệu của mục “{NARRATIVE_HEADINGS[key]}” đã thay đổi kể từ khi "
              "soạn; phần đã viết được giữ nguyên.", file=sys.stderr)  # fmt: skip
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from cchc_desktop.cli_server import cmd_backup_bundle, is_bundle_command
    from cchc_desktop.services.backups import make_backup

    if is_bundle_command(args, args.output):  # server mode, or -o FILE.json (issue 19)
        return cmd_backup_bundle(args)
    # Read-only: a backup never migrates, locks or otherwise touches the database.
    target = make_backup(Path(args.db), Path(args.output) if args.output else None)
    print(f"{target}\t{target.stat().st_size}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from cchc_desktop.services.backups import list_backups

    for entry in list_backups(Path(args.db)):
        taken = entry.taken_at.isoformat(sep=" ")
        print(f"{taken}\t{entry.kind}\t{entry.size}\t{entry.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from cchc_desktop.cli_server import cmd_restore_bundle, is_bundle_command
    from cchc_desktop.services.backups import restore_backup, restore_newest_good_backup

    if is_bundle_command(args, args.file):  # server mode, or FILE.json (issue 19)
        return cmd_restore_bundle(args)
    db_path = Path(args.db)
    if args.newest == (args.file is not None):
        raise UserError(
            "Hãy chỉ ra tệp sao lưu hoặc --newest.", detail="give either FILE or --newest"
        )
    if args.newest:
        result = restore_newest_good_backup(db_path)
    else:
        result = restore_backup(db_path, Path(args.file))
    if result.pre_restore_backup is not None:
        print(f"previous database backed up to {result.pre_restore_backup}")
    if result.set_aside is not None:
        print(f"damaged database kept as {result.set_aside}")
    print(f"restored {result.source} (revision {result.revision})")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    import gc

    from cchc_desktop.app import run_gui
    from cchc_desktop.paths import default_db_path

    code = run_gui(
        db_path=args.db if "://" in str(args.db) else Path(args.db),  # a server URL as is
        plan_id=args.plan,
        screenshot_dir=Path(args.screenshot) if args.screenshot else None,
        exit_after_paint=args.exit_after_paint,
        # No --db nor $CCHC_DB: the server saved by "Kết nối máy chủ", if one was.
        use_saved_server=args.db == str(default_db_path()) and not os.environ.get("CCHC_DB"),
    )
    # The window is closed, the database disposed and the settings saved: the process ends
    # next. Interpreter shut-down would run its garbage collections over every object of
    # SQLAlchemy, pydantic, Qt's wrappers and the open plan — about a third of a second of
    # the clerk waiting on a window already gone, for memory the system takes back anyway.
    # Frozen objects are skipped: nothing relies on their finalizers (the system closes
    # the file handles; settings were synced, the database disposed, logs flushed).
    gc.freeze()
    return code


def _require_suffix(path: Path, allowed: tuple[str, ...]) -> None:
    if path.suffix.lower() not in allowed:
        raise UserError(
            f"Tên tệp phải có đuôi {' hoặc '.join(allowed)}.",
            file=str(path),
            detail=f"output must end in {' or '.join(allowed)}",
        )


def _require_plan_year(year: int, period: object, output: Path) -> None:
    if getattr(period, "year", year) != year:
        raise UserError(
            f"Kỳ báo cáo {period} không thuộc năm {year} của kế hoạch.",
            file=str(output),
            detail=f"period {period} is outside the plan year {year}",
        )


# -- parser -----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    from cchc_desktop.paths import default_db_path

    parser = argparse.ArgumentParser(
        prog="cchc",
        description="CCHC Desktop: kế hoạch và báo cáo cải cách hành chính (offline).",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    parser.add_argument(
        "--db",
        default=str(default_db_path()),
        help="database file (default: $CCHC_DB or the per-user data folder)",
    )
    parser.add_argument(
        "--clerk",
        default=None,
        metavar="NAME",
        help="who makes the edits, recorded with each (default: $CCHC_CLERK, else the "
        "database user)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(handler=handler)
        return p

    add("init", cmd_init, "create or upgrade the database")
    p = add("import", cmd_import, "import a plan (.json cchc-plan v1 or .docx); prints its id")
    p.add_argument("file")
    add("plans", cmd_plans, "list plans: id, year, number/symbol, title")
    p = add("copy-plan", cmd_copy_plan, "copy a plan to a new year; lists what it changes")
    p.add_argument("plan", type=plan_id_arg)
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--dry-run", action="store_true", help="print the list, store nothing")
    p = add("export-json", cmd_export_json, "export a plan as cchc-plan v1 JSON")
    p.add_argument("plan", type=plan_id_arg)
    p.add_argument("-o", "--output", required=True)
    p = add("export-plan", cmd_export_plan, "export a plan as a Decree 30 .docx, or a .pdf to sign")
    p.add_argument("plan", type=plan_id_arg)
    p.add_argument("-o", "--output", required=True)
    p = add("export-report", cmd_export_report, "export a period report (.xlsx, .docx or .pdf)")
    p.add_argument("plan", type=plan_id_arg)
    p.add_argument("--period", required=True, type=period_arg, help="2022-Q1, 2022-H1 or 2022")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--strict", action="store_true", help="refuse to export when warned")
    p = add("report", cmd_report, "show or set a period report's number, date, Kính gửi, text")
    p.add_argument("plan", type=plan_id_arg)
    p.add_argument(
        "--period", required=True, type=period_arg, help="2022-Q1, 2022-H1, 2022-Q3, 2022"
    )
    p.add_argument(
        "--set",
        action="append",
        metavar="FIELD=VALUE",
        help="number, date, to, cc (';'-separated), signer.title, signer.name, or a section: "
        "chi_dao, uu_diem, han_che, nguyen_nhan, phuong_huong, de_xuat",
    )
    p = add("backup", cmd_backup, "copy the database to FILE (default: the backups folder)")
    p.add_argument("-o", "--output", default=None)
    add("backups", cmd_backups, "list backups: time, kind, size, path; newest first")
    p = add("restore", cmd_restore, "check a backup, back up the database, replace it")
    p.add_argument("file", nargs="?", default=None)
    p.add_argument("--newest", action="store_true", help="the newest backup that passes checks")
    p = add("gui", cmd_gui, "start the window")
    p.add_argument("--plan", type=plan_id_arg, default=None)
    p.add_argument(
        "--screenshot",
        metavar="DIR",
        default=None,
        help="save one PNG per tab at 1366x768, then exit",
    )
    p.add_argument(
        "--exit-after-paint",
        action="store_true",
        help="exit right after the first paint (start-up measurement); prints "
        "'first paint at <seconds since the epoch>'",
    )
    _register_extensions(add)
    return parser


def _register_extensions(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Commands contributed by the forms feature (kept in their own module)."""
    from cchc_desktop.cli_forms import register as register_forms

    register_forms(add)
    from cchc_desktop.cli_server import register as register_server

    register_server(add)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if "://" not in str(args.db):  # a server URL has no data folder beside it
        from cchc_desktop.logs import configure_logging
        from cchc_desktop.paths import log_dir

        configure_logging(log_dir(Path(args.db)), lazy=True)
    try:
        return int(args.handler(args))
    except UserError as err:
        print(f"cchc: {printable(err.one_line())}", file=sys.stderr)
        return 1
    except Exception as exc:
        # The one mapping of the machine's faults (faults.as_user_error), for what a
        # boundary did not already turn into a UserError; a bug still raises.
        from cchc_desktop.faults import as_user_error

        fault = as_user_error(exc)
        if fault is None:
            raise
        print(f"cchc: {printable(fault.one_line())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        while OPEN_WRITERS:
            OPEN_WRITERS.pop().dispose()


def gui_main() -> int:
    """Entry point of ``cchc-desktop`` (the windowed executable): ``cchc gui``.

    ``--db`` is a global option of ``cchc``; it is moved before ``gui`` so that
    ``cchc-desktop --db FILE --plan 2`` works as a clerk or a shortcut would write it.
    """
    front: list[str] = []
    rest: list[str] = []
    argv = sys.argv[1:]
    i = 0
    while i < len(argv):
        if argv[i] == "--db" and i + 1 < len(argv):
            front += argv[i : i + 2]
            i += 2
            continue
        (front if argv[i].startswith("--db=") else rest).append(argv[i])
        i += 1
    return main([*front, "gui", *rest])


if __name__ == "__main__":
    sys.exit(main())
