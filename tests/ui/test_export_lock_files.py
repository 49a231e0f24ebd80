"""Exporting over a file another program has open (issue 17, point 7's acceptance test).

For every export of the window (plan .docx, period report .docx and .xlsx, JSON, the units'
forms, a backup to a chosen file) the target is created with known bytes and then, in
turn: LibreOffice's lock file ``.~lock.NAME#`` beside it, Word's owner file ``~$NAME``
beside it, the file itself read-only, and its folder without write permission. Each time
the clerk gets one Vietnamese warning naming the file, and the file's bytes are unchanged.

The tests run as root in CI, whom a permission bit does not stop: for the folder case the
OS is made to report the folder unwritable (``os.access``, which ``file_locks`` asks), and
a second case lets the check pass and the OS refuse the write itself (``PermissionError``
from ``mkstemp``, as a Windows ACL does), which must not reach the clerk as raw
"Permission denied".
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from cchc_desktop.domain import forms as F

pytestmark = pytest.mark.gui

KNOWN = b"PK\x03\x04 the clerk's own copy, open in another program"
# LibreOffice's lock file: one CSV line "user,host,user id,date,profile;".
LIBREOFFICE_LOCK = (
    "Nguyễn Thị Lan,MAY-VANPHONG,lan,07.12.2026 07:30,file:///home/lan/.config/libreoffice/4;"
).encode()
# Word's owner file: the user's name in a fixed-size record (binary, 162 bytes).
WORD_OWNER = bytes([4]) + b"Lan " + bytes(157)
ENGLISH = ("permission", "denied", "errno", "read-only", "locked", "file", "folder")


class Said:
    """Every warning and information box the window shows, and every question asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[tuple[str, str]] = []
        self.infos: list[str] = []

        def warning(_parent: Any, title: str, text: str, *_a: Any) -> None:
            self.warnings.append((title, text))

        def information(_parent: Any, _title: str, text: str, *_a: Any) -> None:
            self.infos.append(text)

        monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
        monkeypatch.setattr(QMessageBox, "information", staticmethod(information))


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Said:
    return Said(monkeypatch)


def _choose(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """The file dialogs answer ``target`` (its folder for the forms), the period prompt
    its first period."""
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(target.parent))
    )

    def first_period(_p: Any, _t: str, _l: str, items: list[str], current: int, _e: bool):  # type: ignore[no-untyped-def]
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(first_period))


def _form_names(window: Any) -> list[str]:
    period = window._report_period()
    return [
        F.form_file_name(period, unit.name) for unit, _ in F.form_units(window.doc.plan, period)
    ]


def _backup_to_file(window: Any) -> None:
    from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog

    dialog = BackupDialog(window.doc.db, window, restore=False)
    try:
        dialog._on_backup_to_file()  # the dialog's "Sao lưu ra tệp…" button
    finally:
        dialog.deleteLater()


# action name -> (how the window triggers it, the target's file name)
EXPORTS: dict[str, tuple[Callable[[Any], None], Callable[[Any], str]]] = {
    "plan_docx": (lambda w: w.act_export_plan.trigger(), lambda w: "ke-hoach-cchc.docx"),
    "report_docx": (lambda w: w.act_export_report_docx.trigger(), lambda w: "bao-cao.docx"),
    "report_xlsx": (lambda w: w.act_export_xlsx.trigger(), lambda w: "bao-cao-tien-do.xlsx"),
    "json": (lambda w: w.act_export_json.trigger(), lambda w: "ke-hoach.plan.json"),
    "forms": (lambda w: w.act_export_forms.trigger(), lambda w: _form_names(w)[1]),
    "backup_file": (_backup_to_file, lambda w: "sao-luu-cchc.sqlite"),
}


def _prepare(window: Any, tmp_path: Path, action: str) -> tuple[Path, dict[Path, bytes]]:
    """The export folder with the target (and, for the forms, every unit's form) holding
    known bytes; returns the target and what each file held."""
    folder = tmp_path / "xuat"
    folder.mkdir()
    names = _form_names(window) if action == "forms" else [EXPORTS[action][1](window)]
    held = {}
    for i, name in enumerate(names):
        path = folder / name
        path.write_bytes(KNOWN + bytes([i]))
        held[path] = path.read_bytes()
    return folder / EXPORTS[action][1](window), held


def _export(qtbot: Any, window: Any, action: str, said: Said) -> tuple[str, str]:
    """Trigger ``action`` and wait for the one warning it gives."""
    EXPORTS[action][0](window)
    qtbot.waitUntil(lambda: bool(said.warnings), timeout=10000)
    window.background.wait()
    assert len(said.warnings) == 1, said.warnings
    return said.warnings[0]


def _unchanged(held: dict[Path, bytes]) -> None:
    for path, data in held.items():
        assert path.read_bytes() == data, f"{path.name} was replaced"
    leftovers = [p.name for p in next(iter(held)).parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def _vietnamese(text: str) -> None:
    lowered = text.lower()
    assert not [w for w in ENGLISH if w in lowered], text
    assert any(ch in text for ch in "ệếđượ"), text


@pytest.mark.parametrize("action", list(EXPORTS))
@pytest.mark.parametrize("lock", ["libreoffice", "word"])
def test_export_over_a_file_open_in_another_program_says_so_and_keeps_it(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said, yes, action, lock
) -> None:
    target, held = _prepare(window, tmp_path, action)
    if lock == "libreoffice":
        lock_file = target.with_name(f".~lock.{target.name}#")
        lock_file.write_bytes(LIBREOFFICE_LOCK)
        program = "LibreOffice"
    else:
        lock_file = target.with_name(f"~${target.name[2:]}")  # Word drops two letters
        lock_file.write_bytes(WORD_OWNER)
        program = "Word hoặc Excel"
    _choose(monkeypatch, target)
    _title, text = _export(qtbot, window, action, said)
    assert f"Tệp “{target.name}” đang được mở trong {program}" in text
    assert f"“{lock_file.name}”" in text  # where to look if the program has crashed
    _vietnamese(text)
    assert yes == []  # no "Ghi đè?" question before the refusal
    assert said.infos == [] and window.exporter.last_path is None
    _unchanged(held)
    assert lock_file.read_bytes() in (LIBREOFFICE_LOCK, WORD_OWNER)  # the lock is theirs


@pytest.mark.parametrize("action", list(EXPORTS))
def test_export_over_a_read_only_file_says_so_and_keeps_it(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said, yes, action
) -> None:
    target, held = _prepare(window, tmp_path, action)
    target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    _choose(monkeypatch, target)
    _title, text = _export(qtbot, window, action, said)
    assert f"Tệp “{target.name}” chỉ cho phép đọc: không ghi đè được." in text
    _vietnamese(text)
    assert yes == []
    _unchanged(held)
    target.chmod(0o644)


@pytest.mark.parametrize("action", list(EXPORTS))
def test_export_into_a_folder_without_permission_says_so(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said, yes, action
) -> None:
    target, held = _prepare(window, tmp_path, action)
    folder = target.parent
    folder.chmod(0o555)
    real_access = os.access

    def access(path: Any, mode: int, *a: Any, **k: Any) -> bool:
        # What the OS says to a clerk (not root) about the closed folder.
        if Path(path) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, *a, **k)

    monkeypatch.setattr(os, "access", access)
    _choose(monkeypatch, target)
    _title, text = _export(qtbot, window, action, said)
    assert f"Không có quyền ghi vào thư mục “{folder}”" in text
    _vietnamese(text.replace(str(folder), ""))
    folder.chmod(0o755)
    _unchanged(held)


@pytest.mark.parametrize("action", ["plan_docx", "report_xlsx", "json", "forms", "backup_file"])
def test_a_write_the_os_refuses_is_said_without_permission_denied(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said, yes, action
) -> None:
    """The check passes, then the OS refuses the temporary file (an ACL the mode bits do not
    show): still Vietnamese, and the old file stays."""
    target, held = _prepare(window, tmp_path, action)

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(target.parent))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    _choose(monkeypatch, target)
    _title, text = _export(qtbot, window, action, said)
    assert "Permission denied" not in text and "Errno" not in text
    _vietnamese(text.replace(str(target.parent), "").replace(target.name, ""))
    _unchanged(held)
