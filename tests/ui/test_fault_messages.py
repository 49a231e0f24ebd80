"""The window's messages for the machine's faults (issue 16, item 7): a full disk during an
edit, a read-only or locked database in a background job, each a Vietnamese warning, never
"Lỗi không mong muốn" nor SQL text."""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event

from cchc_desktop.domain.model import Task
from cchc_desktop.services import tasks


def test_full_disk_edit_and_locked_job_are_vietnamese_warnings(  # type: ignore[no-untyped-def]
    window, db, hai_duong_id, tmp_path, monkeypatch
) -> None:
    """Item 7: SQLite's SQLITE_FULL during an edit (a real page limit) reaches the window's
    excepthook as DiskFullError: a warning "Ổ đĩa đã đầy", no bug report; a raw "database is
    locked" from a background job is the locked warning, not the unexpected-error status."""
    from cchc_desktop.app import configure_logging, install_excepthook

    warnings: list[str] = []
    critical: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text))
    )
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, text: critical.append(text))
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(configure_logging(tmp_path / "logs"), lambda: window)

    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA max_page_count=1")

    event.listen(db.engine, "connect", limit)
    db.engine.dispose()
    try:
        tasks.add_task(db, hai_duong_id, Task(key="", name="x" * 200_000, lead=["Văn phòng Sở"]))
    except Exception:
        sys.excepthook(*sys.exc_info())
    finally:
        event.remove(db.engine, "connect", limit)
        db.engine.dispose()
    assert len(warnings) == 1 and warnings[0].startswith("Ổ đĩa đã đầy")
    assert "INSERT" not in warnings[0]

    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]
    window._on_work_failed(locked)
    assert "đang bị một chương trình khác khoá" in warnings[1]
    assert "Lỗi không mong muốn" not in window.statusBar().currentMessage()
    assert "lỗi không mong muốn" not in window.statusBar().currentMessage()
    assert critical == []
