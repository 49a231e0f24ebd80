"""Issue 17's acceptance: "Kill -9 after typing in 'Kết quả' and reopening offers the typed
text back". The real window runs in a process of its own (``draft_typist.py`` types as a
clerk does); once the draft is on disk the process is killed with SIGKILL, the database is
opened again in a window here, and the recovery dialog offers exactly what was typed;
"Khôi phục" puts it into the field and into the database, as an undoable edit."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cchc_desktop.domain.periods import Period
from cchc_desktop.services import drafts
from cchc_desktop.services.plan_read import load_plan
from tests.conftest import HAI_DUONG
from tests.ui.conftest import TODAY

pytestmark = [pytest.mark.gui, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

TYPIST = Path(__file__).with_name("draft_typist.py")
Q3 = Period.parse("2022-Q3")
TYPED = "Đã tổ chức 3 lớp tập huấn về cải cách hành chính cho 120 công chức, viên chức"
SHOTS = Path(os.environ.get("CCHC_SHOTS", "")) if os.environ.get("CCHC_SHOTS") else None


def _database(folder: Path) -> tuple[Path, int]:
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_store import save_new_plan
    from cchc_desktop.storage import open_database

    path = folder / "cchc.sqlite"
    db = open_database(path)
    plan_id = save_new_plan(db, read_plan_file(HAI_DUONG))
    db.dispose()
    return path, plan_id


def _type_and_kill(db_path: Path, data: Path) -> tuple[float, float]:
    """Start the window, let it type TYPED, SIGKILL it once the draft is on disk; the time
    of the last key and the time the draft file was written (its mtime)."""
    data.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DATA_DIR": str(data)}
    file = drafts.file_for_database(db_path)
    typist = subprocess.Popen(
        [sys.executable, str(TYPIST), str(db_path), "T1", str(Q3), TYPED],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        lines: list[str] = []
        assert typist.stdout is not None
        while not any(line.startswith("last key at ") for line in lines):
            line = typist.stdout.readline()
            assert line, f"the window ended: {typist.wait()} {typist.stderr.read()}"  # type: ignore[union-attr]
            lines.append(line)
        last_key = float(lines[-1].split()[-1])
        deadline = time.monotonic() + 10
        while not (file.exists() and TYPED in file.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline, "no draft within 10 s"
            assert typist.poll() is None
            time.sleep(0.01)
        written = file.stat().st_mtime
        os.kill(typist.pid, signal.SIGKILL)
        assert typist.wait(timeout=30) == -signal.SIGKILL
    finally:
        if typist.poll() is None:
            typist.kill()
            typist.wait()
    return last_key, written


def test_kill_9_after_typing_a_result_and_reopening_offers_it_back(
    qtbot, tmp_path: Path, settings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    db_path, plan_id = _database(tmp_path / "office")
    last_key, written = _type_and_kill(db_path, tmp_path / "data")
    latency = written - last_key
    print(f"draft written {latency * 1000:.0f} ms after the last key")
    assert 0 < latency < 2.0
    [entry] = json.loads(drafts.file_for_database(db_path).read_text("utf-8"))["drafts"]
    assert entry["text"] == TYPED and entry["field"] == "result"

    from cchc_desktop.storage.startup import open_for_app

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    db = open_for_app(db_path)  # the killed window's lock is stale: taken over
    window = None
    try:
        # The result itself never reached the database.
        assert not [c for c in load_plan(db, plan_id).checkins if (c.task, c.period) == ("T1", Q3)]
        window = MainWindow(PlanDocument(db), settings, today=lambda: TODAY)
        qtbot.addWidget(window)
        window.open_plan(plan_id)
        window.show()
        qtbot.waitUntil(lambda: window.drafts.dialog is not None, timeout=10000)
        dialog = window.drafts.dialog
        assert dialog.windowTitle() == "Khôi phục nội dung đang nhập dở"
        assert dialog.text.toPlainText() == TYPED  # exactly what was typed
        assert dialog.where.text().startswith("Nhiệm vụ 1. ")
        assert dialog.where.text().endswith(" — Quý III/2022 — Kết quả")
        assert "chưa được lưu" in dialog.intro.text()
        assert sorted(b.text() for b in dialog.buttons.buttons()) == [
            "Bỏ bản nháp", "Khôi phục", "Để sau",
        ]  # fmt: skip
        assert dialog.restore_button.isEnabled()
        qtbot.waitExposed(dialog)
        shot = (SHOTS or tmp_path) / "draft-recovery-dialog.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(shot))

        dialog.restore_button.click()
        assert window.drafts.dialog is None
        tab = window.checkins_tab
        assert window.tabs.currentWidget() is tab
        assert tab.current_key == "T1" and tab.current_period == Q3
        assert tab.form.result.toPlainText() == TYPED
        stored = next(
            c for c in load_plan(db, plan_id).checkins if c.task == "T1" and c.period == Q3
        )
        assert stored.result == TYPED
        assert not drafts.file_for_database(db_path).exists()
        # An ordinary edit: one step on the undo stack, and undo takes it out again.
        assert window.doc.undo_stack.count() == 1
        window.act_undo.trigger()
        assert all(c.result != TYPED for c in load_plan(db, plan_id).checkins if c.task == "T1")
    finally:
        if window is not None:
            window.background.wait()
        db.dispose()
