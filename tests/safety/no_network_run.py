"""Run by test_no_network in a fresh interpreter: every way Python opens a connection is
made to fail and recorded, then the application does its work. Prints the attempts as JSON.

``python no_network_run.py WORKDIR VALID_DOCX VALID_JSON``
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

ATTEMPTS: list[str] = []
_real_socket = socket.socket


def _refuse(name: str):  # type: ignore[no-untyped-def]
    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        ATTEMPTS.append(f"{name}{args[:2]!r}")
        raise OSError(f"network disabled by test: {name}")

    return fail


class NoSocket(_real_socket):
    def __init__(self, family: int = -1, *args, **kwargs):  # type: ignore[no-untyped-def]
        ATTEMPTS.append(f"socket.socket(family={family})")
        raise OSError("network disabled by test: socket.socket")


socket.socket = NoSocket  # type: ignore[misc]
for name in (
    "create_connection",
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "gethostbyaddr",
    "socketpair",
    "create_server",
    "fromfd",
):
    setattr(socket, name, _refuse(f"socket.{name}"))


def main() -> None:
    work, docx_path, json_path = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    db_path = work / "cchc.sqlite"
    done: list[str] = []

    # start-up: lock, quick_check, migrations, daily backup
    from cchc_desktop.storage.startup import open_for_app

    db = open_for_app(db_path)
    done.append("open_for_app")

    # import: JSON and Word
    from cchc_desktop.imports.docx_plan import read_plan_docx
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_read import load_plan
    from cchc_desktop.services.plans import import_plan

    plan_id = import_plan(db, read_plan_file(json_path))
    import_plan(db, read_plan_docx(docx_path).plan)
    done.append("import")

    # export: JSON, plan .docx, report .docx/.xlsx, unit forms (those that exist yet)
    import importlib

    from cchc_desktop.domain.periods import Period

    plan = load_plan(db, plan_id)
    q1 = Period.parse("2022-Q1")
    (work / "forms").mkdir()
    exporters = [
        ("json", "cchc_desktop.interchange", "write_plan_file", (plan, work / "out.json")),
        (
            "plan-docx",
            "cchc_desktop.exports.docx_plan",
            "write_plan_docx",
            (plan, work / "out.docx"),
        ),
        (
            "report-docx",
            "cchc_desktop.exports.docx_report",
            "write_report_docx",
            (plan, Period.parse("2022-H1"), work / "report.docx"),
        ),
        (
            "report-xlsx",
            "cchc_desktop.exports.xlsx_report",
            "write_report_xlsx",
            (plan, q1, work / "out.xlsx"),
        ),
        (
            "forms",
            "cchc_desktop.exports.xlsx_forms",
            "write_unit_forms",
            (plan, q1, work / "forms"),
        ),
    ]
    for name, module, function, args in exporters:
        try:
            write = getattr(importlib.import_module(module), function)
        except ImportError:
            continue
        write(*args)
        done.append(f"export:{name}")

    # backups: make, restore (the restore migrates and re-opens)
    from cchc_desktop.services.backups import make_backup, restore_backup

    copy = make_backup(db_path)
    db.engine.dispose()
    restore_backup(db_path, copy)
    done.append("backup+restore")
    db.dispose()

    # the window: started the way `cchc gui --exit-after-paint` starts it
    from cchc_desktop.app import run_gui

    assert run_gui(db_path, exit_after_paint=True) == 0
    done.append("window")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from cchc_desktop.storage import open_database

    from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog

    QMessageBox.information = lambda *a, **k: QMessageBox.StandardButton.Ok  # type: ignore[method-assign]
    app = QApplication.instance()
    db = open_database(db_path)
    dialog = BackupDialog(db)
    dialog.show()
    dialog.backup_now.click()
    app.processEvents()  # type: ignore[union-attr]
    dialog.close()
    db.dispose()
    done.append("backup dialog")
    network_modules = sorted(
        m
        for m in sys.modules
        if m.startswith(("PySide6.QtNetwork", "requests", "urllib3"))
        or m in ("http.client", "ftplib", "smtplib", "xmlrpc.client")
    )
    print(json.dumps({"attempts": ATTEMPTS, "done": done, "network_modules": network_modules}))


if __name__ == "__main__":
    main()
