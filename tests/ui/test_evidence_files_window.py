"""Evidence files from the check-in form: the file is copied into the data folder under its
content hash, the check-in keeps the stored and the original name (undoably), the list shows
the original name, "Mở tệp" opens the copy even after the original is gone, and a missing
file is refused with nothing stored."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from cchc_desktop.domain.periods import Period
from cchc_desktop.paths import evidence_dir
from cchc_desktop.services.plan_read import load_plan

pytestmark = pytest.mark.gui

Q3 = Period.parse("2022-Q3")
NAME = "Biên bản họp ngày 15-8.pdf"
CONTENT = b"%PDF-1.4 bien ban hop\n" * 50


def _checkin(db, plan_id, key, period=Q3):  # type: ignore[no-untyped-def]
    plan = load_plan(db, plan_id)
    return next((c for c in plan.checkins if c.task == key and c.period == period), None)


@pytest.fixture
def form(window):  # type: ignore[no-untyped-def]
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    tab.select_task_key("T1")
    return tab.form


@pytest.fixture
def pick(monkeypatch):  # type: ignore[no-untyped-def]
    """Set the file the open dialog answers with."""
    answer: list[Path] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(answer[-1]), ""))
    )
    return answer


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:  # type: ignore[no-untyped-def]
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def _attach(qtbot, window, form, source):  # type: ignore[no-untyped-def]
    form.attach_button.click()
    qtbot.waitUntil(lambda: window.checkins_tab.evidence_files.copying == 0, timeout=30000)


def test_attach_open_and_undo(  # type: ignore[no-untyped-def]
    qtbot, window, form, pick, opened, db, db_path, hai_duong_id, tmp_path
) -> None:
    source = tmp_path / "gửi đi" / NAME
    source.parent.mkdir()
    source.write_bytes(CONTENT)
    pick.append(source)
    assert _checkin(db, hai_duong_id, "T1") is None
    _attach(qtbot, window, form, source)

    stored = hashlib.sha256(CONTENT).hexdigest() + ".pdf"
    copy = evidence_dir(db_path) / stored
    assert copy.read_bytes() == CONTENT
    checkin = _checkin(db, hai_duong_id, "T1")
    assert checkin is not None
    assert [(e.title, e.file, e.original_name) for e in checkin.evidence] == [(NAME, stored, NAME)]
    assert window.settings.value("evidence/folder") == str(source.parent)
    assert window.last_status == f"Đã đính kèm tệp {NAME}"
    model = form.evidence
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == NAME
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None

    # A document listed first, then its file attached: its title stays, the file is shown.
    assert model.insert_item(1)
    form.evidence_editor.select_row(1)
    assert model.setData(model.index(1, 0), "Quyết định kiểm tra")
    form.evidence_editor.select_row(1)
    assert not form.open_button.isEnabled()  # nothing attached to it yet
    second = tmp_path / "QĐ 12.docx"
    second.write_bytes(b"PK quyet dinh")
    pick.append(second)
    _attach(qtbot, window, form, second)
    second_stored = hashlib.sha256(b"PK quyet dinh").hexdigest() + ".docx"
    evidence = _checkin(db, hai_duong_id, "T1").evidence
    assert [(e.title, e.file, e.original_name) for e in evidence] == [
        (NAME, stored, NAME),
        ("Quyết định kiểm tra", second_stored, "QĐ 12.docx"),
    ]
    assert model.data(model.index(1, 0)) == "Quyết định kiểm tra (tệp: QĐ 12.docx)"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.EditRole) == "Quyết định kiểm tra"

    # The original is gone: the copy still opens, and the URL points inside the data folder.
    source.unlink()
    form.evidence_editor.select_row(0)
    assert form.open_button.isEnabled()
    form.open_button.click()
    assert len(opened) == 1
    assert Path(opened[0].toLocalFile()) == copy
    assert Path(opened[0].toLocalFile()).parent == evidence_dir(db_path)

    # Undo takes the attachments off the check-in (the copies stay for redo).
    window.act_undo.trigger()
    assert [e.file for e in _checkin(db, hai_duong_id, "T1").evidence] == [stored, ""]
    window.act_undo.trigger()  # the title typed in
    window.act_undo.trigger()  # the row added
    window.act_undo.trigger()  # the first file: the check-in did not exist before
    assert _checkin(db, hai_duong_id, "T1") is None
    assert copy.exists()
    window.act_redo.trigger()
    assert [e.original_name for e in _checkin(db, hai_duong_id, "T1").evidence] == [NAME]


def test_missing_file_or_folder_is_refused(  # type: ignore[no-untyped-def]
    qtbot, window, form, pick, opened, db, db_path, hai_duong_id, tmp_path
) -> None:
    pick.append(tmp_path / "không có.pdf")
    _attach(qtbot, window, form, pick[-1])
    tab = window.checkins_tab
    assert tab.banner.isVisible()
    assert tab.banner.text == "Không tìm thấy tệp “không có.pdf” (hoặc đó là một thư mục)."
    pick.append(tmp_path)  # a folder is not a file either
    _attach(qtbot, window, form, tmp_path)
    assert "hoặc đó là một thư mục" in tab.banner.text
    assert _checkin(db, hai_duong_id, "T1") is None
    assert not evidence_dir(db_path).exists() or not any(evidence_dir(db_path).iterdir())
    # A stored copy deleted from the data folder: "Mở tệp" says so instead of opening nothing.
    source = tmp_path / "ảnh.png"
    source.write_bytes(b"\x89PNG anh")
    pick.append(source)
    _attach(qtbot, window, form, source)
    stored = _checkin(db, hai_duong_id, "T1").evidence[0].file
    (evidence_dir(db_path) / stored).unlink()
    form.evidence_editor.select_row(0)
    form.open_button.click()
    assert opened == []
    assert tab.banner.text.startswith("Không tìm thấy tệp minh chứng trong thư mục dữ liệu")
