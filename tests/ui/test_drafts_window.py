"""Drafts of typed text in the window (issue 17, point 5): what is typed in "Kết quả" (and
the other free-text fields) is on disk a moment after the last keystroke, storing the
field removes the draft, and a draft found when the plan opens is offered back."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from cchc_desktop.domain.periods import Period
from cchc_desktop.services import drafts
from cchc_desktop.services.plan_read import load_plan
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

Q3 = Period.parse("2022-Q3")
TYPED = "Đã tổ chức 3 lớp tập huấn cho 120 công chức"


def _checkin(db, plan_id, key, period):  # type: ignore[no-untyped-def]
    plan = load_plan(db, plan_id)
    return next((c for c in plan.checkins if c.task == key and c.period == period), None)


def _entries(path: Path) -> list[dict[str, object]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["drafts"])


@pytest.fixture
def tab(window):  # type: ignore[no-untyped-def]
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    tab.select_task_key("T1")
    return tab


def test_typing_a_result_keeps_a_draft_until_the_field_is_stored(
    qtbot, window, tab, db, db_path, hai_duong_id
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    editor = tab.form.result
    editor.setFocus()
    type_text(editor, TYPED)
    typed_at = time.monotonic()
    assert not file.exists()  # not at every key: after a pause in typing
    qtbot.waitUntil(file.exists, timeout=3000)
    latency = time.monotonic() - typed_at
    print(f"draft on disk {latency * 1000:.0f} ms after the last keystroke")
    assert latency < 2.0
    [entry] = _entries(file)
    assert entry["text"] == TYPED
    assert entry["plan"] == hai_duong_id
    assert (entry["record"], entry["id"], entry["field"]) == (
        "checkin",
        ["T1", "2022-Q3", ""],
        "result",
    )
    assert entry["base"] == ""
    assert str(entry["label"]).startswith("Nhiệm vụ 1. ")
    assert str(entry["label"]).endswith(" — Quý III/2022 — Kết quả")
    assert _checkin(db, hai_duong_id, "T1", Q3) is None  # the field itself is not stored yet

    # Leaving the field stores it: the draft goes.
    tab.form.achieved.setFocus()
    assert _checkin(db, hai_duong_id, "T1", Q3).result == TYPED
    assert not file.exists()
    qtbot.wait(window.drafts.delay_ms + 200)
    assert not file.exists()  # and no late timer writes it again


def test_the_other_fields_and_a_table_cell_keep_drafts_too(
    qtbot, window, tab, db_path, hai_duong_id
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    tab.form.proposals.setFocus()
    type_text(tab.form.proposals, "Đề nghị bổ sung kinh phí")
    qtbot.waitUntil(lambda: file.exists() and len(_entries(file)) == 1, timeout=3000)
    assert _entries(file)[0]["field"] == "proposals"

    # Going to another tab leaves the field: stored, and its draft goes.
    tasks = window.tasks_tab
    window.tabs.setCurrentWidget(tasks)
    assert not file.exists()
    index = tasks.proxy.index(0, 1)
    tasks.table.setCurrentIndex(index)
    tasks.table.edit(index)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "Tên mới của nhiệm vụ")
    qtbot.waitUntil(file.exists, timeout=3000)
    [entry] = _entries(file)
    task = window.doc.plan.tasks[0]
    assert (entry["record"], entry["id"], entry["field"]) == ("task", [str(task.id)], "name")
    assert entry["base"] == task.name and entry["text"] == "Tên mới của nhiệm vụ"
    # Esc gives the edit up: its draft goes.
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not file.exists()
    assert window.doc.plan.tasks[0].name == task.name


def _open(qtbot, db, plan_id, settings):  # type: ignore[no-untyped-def]
    from tests.ui.conftest import TODAY

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    win = MainWindow(PlanDocument(db), settings, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.open_plan(plan_id)
    win.show()
    qtbot.waitExposed(win)
    return win


def _store(db_path: Path) -> drafts.DraftStore:
    return drafts.DraftStore(drafts.file_for_database(db_path), str(db_path))


def test_a_stale_draft_is_offered_and_says_the_field_changed(
    qtbot, db, db_path, hai_duong_id, settings
) -> None:  # type: ignore[no-untyped-def]
    # T1's Q2 result is stored in the fixture; the draft started from an older text.
    key = drafts.checkin_key(hai_duong_id, "T1", "2022-Q2", "", "result")
    _store(db_path).save(key, "Kết quả viết dở", base="Bản cũ hơn", label="Nhiệm vụ 1 — Kết quả")
    stored = _checkin(db, hai_duong_id, "T1", Period.parse("2022-Q2")).result
    window = _open(qtbot, db, hai_duong_id, settings)
    qtbot.waitUntil(lambda: window.drafts.dialog is not None, timeout=5000)
    dialog = window.drafts.dialog
    assert dialog.where.text() == "Nhiệm vụ 1 — Kết quả"
    assert dialog.text.toPlainText() == "Kết quả viết dở"
    assert "đã thay đổi sau khi bản nháp được ghi" in dialog.note.text()
    assert f"Đang lưu: “{stored}”" in dialog.note.text()
    dialog.restore_button.click()
    assert _checkin(db, hai_duong_id, "T1", Period.parse("2022-Q2")).result == "Kết quả viết dở"
    window.act_undo.trigger()
    assert _checkin(db, hai_duong_id, "T1", Period.parse("2022-Q2")).result == stored
    assert not drafts.file_for_database(db_path).exists()


def test_discarding_a_draft_deletes_it_and_later_keeps_it(
    qtbot, db, db_path, hai_duong_id, settings
) -> None:  # type: ignore[no-untyped-def]
    store = _store(db_path)
    first = drafts.checkin_key(hai_duong_id, "T3", "2022-Q3", "", "difficulties")
    second = drafts.checkin_key(hai_duong_id, "T4", "2022-Q3", "", "proposals")
    store.save(first, "Thiếu kinh phí", base="")
    store.save(second, "Đề nghị tập huấn thêm", base="")
    window = _open(qtbot, db, hai_duong_id, settings)
    qtbot.waitUntil(lambda: window.drafts.dialog is not None, timeout=5000)
    assert window.drafts.dialog.text.toPlainText() == "Thiếu kinh phí"
    window.drafts.dialog.discard_button.click()
    # The next draft is asked about in turn; "Để sau" keeps it for the next opening.
    qtbot.waitUntil(lambda: window.drafts.dialog is not None, timeout=5000)
    assert window.drafts.dialog.text.toPlainText() == "Đề nghị tập huấn thêm"
    window.drafts.dialog.later_button.click()
    assert window.drafts.dialog is None
    assert [d.key for d in _store(db_path).drafts()] == [second]
    assert _checkin(db, hai_duong_id, "T3", Q3) is None  # nothing stored by discarding


def test_a_draft_whose_task_is_gone_can_only_be_copied_or_discarded(
    qtbot, db, db_path, hai_duong_id, settings
) -> None:  # type: ignore[no-untyped-def]
    key = drafts.checkin_key(hai_duong_id, "T99", "2022-Q3", "", "result")
    _store(db_path).save(key, "Nội dung của nhiệm vụ đã xóa", base="")
    window = _open(qtbot, db, hai_duong_id, settings)
    qtbot.waitUntil(lambda: window.drafts.dialog is not None, timeout=5000)
    dialog = window.drafts.dialog
    assert not dialog.restore_button.isEnabled()
    assert "không còn trong kế hoạch" in dialog.note.text()
    assert dialog.text.toPlainText() == "Nội dung của nhiệm vụ đã xóa"


def test_a_damaged_drafts_file_is_set_aside_and_the_window_opens(
    qtbot, db, db_path, hai_duong_id, settings, caplog
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    file.parent.mkdir(parents=True)
    file.write_bytes(b'{"format": "cchc-drafts", "version": 1, "drafts": [{"pla')
    window = _open(qtbot, db, hai_duong_id, settings)
    qtbot.wait(300)
    assert window.drafts.dialog is None
    assert not file.exists()
    [aside] = file.parent.glob("cchc.json.damaged-*")
    assert aside.read_bytes().endswith(b'"pla')
    assert any("is damaged" in r.getMessage() for r in caplog.records)
    # Typing still keeps drafts, in a fresh file.
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    tab.select_task_key("T2")
    tab.form.result.setFocus()
    type_text(tab.form.result, "Đang triển khai")
    qtbot.waitUntil(file.exists, timeout=3000)
    assert [e["text"] for e in _entries(file)] == ["Đang triển khai"]


def test_a_read_only_database_writes_no_drafts(qtbot, db, db_path, hai_duong_id, settings) -> None:  # type: ignore[no-untyped-def]
    # Opened read-only (storage/read_only.py: a read-only folder or file); the flag is set
    # here directly, as root ignores file permissions (tests/ui/test_read_only_folder.py
    # checks the real read-only open with a bind mount).
    db.read_only = True
    window = _open(qtbot, db, hai_duong_id, settings)
    assert window.drafts.store is None
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    tab.select_task_key("T1")
    tab.form.result.setFocus()
    type_text(tab.form.result, "Không được ghi")
    qtbot.wait(window.drafts.delay_ms + 400)
    assert not drafts.file_for_database(db_path).parent.exists()


def test_a_section_paragraph_and_a_task_name_are_put_back(
    qtbot, db, db_path, hai_duong_id, settings
) -> None:  # type: ignore[no-untyped-def]
    plan = load_plan(db, hai_duong_id)
    section = next(s.section for s in plan.walk_sections() if s.section.body)
    task = plan.tasks[1]
    store = _store(db_path)
    store.save(
        drafts.DraftKey(hai_duong_id, drafts.SECTION, (str(section.id),), "body.0"),
        "Đoạn văn viết lại", base=section.body[0].text, label="Mục — đoạn 1",
    )  # fmt: skip
    store.save(
        drafts.DraftKey(hai_duong_id, drafts.TASK, (str(task.id),), "name"),
        "Tên nhiệm vụ viết lại", base=task.name, label="Nhiệm vụ 2 — Tên nhiệm vụ",
    )  # fmt: skip
    window = _open(qtbot, db, hai_duong_id, settings)
    for _ in range(2):
        qtbot.waitUntil(lambda: window.drafts.dialog is not None, timeout=5000)
        window.drafts.dialog.restore_button.click()
    again = load_plan(db, hai_duong_id)
    body = next(s.section for s in again.walk_sections() if s.section.id == section.id).body
    assert body[0].text == "Đoạn văn viết lại"
    assert next(t for t in again.tasks if t.id == task.id).name == "Tên nhiệm vụ viết lại"
    assert window.doc.undo_stack.count() == 2
    assert not drafts.file_for_database(db_path).exists()


def test_typing_a_paragraph_keeps_a_draft_of_its_section(
    qtbot, window, db_path, hai_duong_id
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    content = window.content_tab
    window.tabs.setCurrentWidget(content)
    section = next(s.section for s in window.doc.plan.walk_sections() if s.section.body)
    content.select_section(section.id)
    view = content.editor.view
    index = content.paragraphs.index(0, content.paragraphs.COL_TEXT)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "Đoạn mới đang viết")
    qtbot.waitUntil(file.exists, timeout=3000)
    [entry] = _entries(file)
    assert (entry["record"], entry["id"], entry["field"]) == (
        "section",
        [str(section.id)],
        "body.0",
    )
    assert entry["text"] == "Đoạn mới đang viết" and entry["base"] == section.body[0].text
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter stores the paragraph
    assert not file.exists()
    assert window.doc.find_section(section.id).body[0].text == "Đoạn mới đang viết"


def test_the_result_cell_of_the_check_in_table_keeps_the_same_draft(
    qtbot, window, tab, db, db_path, hai_duong_id
) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.models.checkin_table_model import COL_RESULT

    file = drafts.file_for_database(db_path)
    index = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of("T1"), COL_RESULT))
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = QApplication.focusWidget()
    type_text(editor, "Gõ trong bảng")
    qtbot.waitUntil(file.exists, timeout=3000)
    [entry] = _entries(file)
    assert entry["id"] == ["T1", "2022-Q3", ""] and entry["field"] == "result"
    assert entry["text"] == "Gõ trong bảng"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _checkin(db, hai_duong_id, "T1", Q3).result == "Gõ trong bảng"
    assert not file.exists()


def test_an_evidence_title_being_typed_is_kept_and_put_back(
    qtbot, window, tab, db, db_path, hai_duong_id, settings
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    tab.form.evidence_editor.add_row()  # a new document, its title being typed at once
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=3000)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "Biên bản kiểm tra số 12")
    qtbot.waitUntil(file.exists, timeout=3000)
    [entry] = _entries(file)
    assert entry["id"] == ["T1", "2022-Q3", ""] and entry["field"] == "evidence.0"
    assert entry["text"] == "Biên bản kiểm tra số 12"
    assert str(entry["label"]).endswith(" — Quý III/2022 — Kiểm chứng, dòng 1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt stores a line editor's text queued
    qtbot.waitUntil(lambda: not file.exists(), timeout=3000)
    assert [e.title for e in _checkin(db, hai_duong_id, "T1", Q3).evidence] == [
        "Biên bản kiểm tra số 12"
    ]
    # A draft of that row left by a crash goes back into the list as an ordinary edit.
    key = drafts.checkin_key(hai_duong_id, "T1", "2022-Q3", "", "evidence.0")
    _store(db_path).save(key, "Biên bản kiểm tra số 12 ngày 05/8", base="Biên bản kiểm tra số 12")
    window.close()
    again = _open(qtbot, db, hai_duong_id, settings)
    qtbot.waitUntil(lambda: again.drafts.dialog is not None, timeout=5000)
    assert again.drafts.dialog.text.toPlainText() == "Biên bản kiểm tra số 12 ngày 05/8"
    again.drafts.dialog.restore_button.click()
    assert [e.title for e in _checkin(db, hai_duong_id, "T1", Q3).evidence] == [
        "Biên bản kiểm tra số 12 ngày 05/8"
    ]
    assert not file.exists()


def test_a_partner_units_result_keeps_its_own_draft_and_is_put_back(
    qtbot, window, tab, db, db_path, hai_duong_id, settings
) -> None:  # type: ignore[no-untyped-def]
    web = "Ban biên tập Trang TTĐT"
    file = drafts.file_for_database(db_path)
    tab.select_task_key("T6")
    editor = tab.contributions.box(web).editors["result"]
    editor.setFocus()
    type_text(editor, "Đăng 5 tin")
    qtbot.waitUntil(file.exists, timeout=3000)
    [entry] = _entries(file)
    assert entry["id"] == ["T6", "2022-Q3", web] and entry["field"] == "result"
    assert f"— Quý III/2022 — phối hợp: {web} — Kết quả" in str(entry["label"])
    window.close()  # closing stores the field: the draft goes
    assert not file.exists()

    key = drafts.checkin_key(hai_duong_id, "T6", "2022-Q3", web, "result")
    _store(db_path).save(key, "Đăng 6 tin, 2 bài", base="Đăng 5 tin")
    again = _open(qtbot, db, hai_duong_id, settings)
    qtbot.waitUntil(lambda: again.drafts.dialog is not None, timeout=5000)
    again.drafts.dialog.restore_button.click()
    stored = [c for c in load_plan(db, hai_duong_id).checkins if c.task == "T6" and c.unit == web]
    assert [c.result for c in stored] == ["Đăng 6 tin, 2 bài"]
    assert again.checkins_tab.contributions.box(web).editors["result"].toPlainText() == (
        "Đăng 6 tin, 2 bài"
    )


def test_the_plan_title_and_its_opening_paragraphs_keep_drafts(
    qtbot, window, db, db_path, hai_duong_id, settings
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    info = window.info_tab
    window.tabs.setCurrentWidget(info)
    info.title.setFocus()
    info.title.selectAll()
    type_text(info.title, "Cải cách hành chính năm 2022 (sửa)")
    qtbot.waitUntil(file.exists, timeout=3000)
    [entry] = _entries(file)
    assert (entry["record"], entry["id"], entry["field"]) == (
        "plan", [str(hai_duong_id)], "title",
    )  # fmt: skip
    assert entry["label"] == "Trích yếu" and entry["text"] == "Cải cách hành chính năm 2022 (sửa)"
    window.close()
    assert load_plan(db, hai_duong_id).title == "Cải cách hành chính năm 2022 (sửa)"
    assert not file.exists()

    key = drafts.DraftKey(hai_duong_id, drafts.PLAN, (str(hai_duong_id),), "preamble.0")
    _store(db_path).save(key, "Căn cứ viết lại", base="", label="Phần Mở đầu, đoạn 1")
    again = _open(qtbot, db, hai_duong_id, settings)
    qtbot.waitUntil(lambda: again.drafts.dialog is not None, timeout=5000)
    assert "đã thay đổi" in again.drafts.dialog.note.text()  # base "" ≠ the stored text
    again.drafts.dialog.restore_button.click()
    assert load_plan(db, hai_duong_id).preamble[0].text == "Căn cứ viết lại"
