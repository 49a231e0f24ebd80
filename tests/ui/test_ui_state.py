"""The window's remembered state in one helper (issue 18, item 6): keys named once, folder
fallback, splitter and window layout, and the dialogs' OK / Cancel row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QLabel, QSplitter

from cchc_desktop.ui import ui_state
from cchc_desktop.ui.ui_state import Key, remember_folder, remembered_folder, restore_state
from cchc_desktop.ui.widgets.buttons import cancel_button, ok_button, ok_cancel

pytestmark = pytest.mark.gui

PACKAGE = Path(__file__).resolve().parents[2] / "cchc_desktop"


def test_the_first_folder_that_still_exists_wins(settings: QSettings, tmp_path: Path) -> None:
    gone, kept = tmp_path / "gone", tmp_path / "kept"
    kept.mkdir()
    remember_folder(settings, Key.FORMS_EXPORT_FOLDER, gone)
    remember_folder(settings, Key.EXPORT_FOLDER, kept)
    assert settings.value(Key.EXPORT_FOLDER) == str(kept)
    assert remembered_folder(settings, Key.FORMS_EXPORT_FOLDER, Key.EXPORT_FOLDER) == kept
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # Documents only where it exists (issue 17: a missing one opened the home folder with
    # "Documents" typed as the file name).
    expected = Path(docs) if docs and Path(docs).is_dir() else Path.home()
    assert remembered_folder(settings, Key.FORMS_IMPORT_FOLDER) == expected
    assert remembered_folder(settings, Key.FORMS_IMPORT_FOLDER).is_dir()


def test_a_splitter_gets_back_its_sizes(qtbot, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    first = QSplitter(Qt.Orientation.Horizontal)
    qtbot.addWidget(first)
    for text in ("a", "b"):
        first.addWidget(QLabel(text))
    first.resize(400, 100)
    first.setSizes([100, 300])
    ui_state.save_state(settings, Key.INFO_SPLITTER, first)
    second = QSplitter(Qt.Orientation.Horizontal)
    qtbot.addWidget(second)
    for text in ("a", "b"):
        second.addWidget(QLabel(text))
    second.resize(400, 100)
    assert second.saveState() != first.saveState()
    restore_state(settings, Key.INFO_SPLITTER, second)
    assert second.saveState() == first.saveState()
    settings.setValue(Key.CONTENT_SPLITTER, "not a state")  # a damaged settings file
    restore_state(settings, Key.CONTENT_SPLITTER, second)
    assert second.saveState() == first.saveState()


def test_ok_cancel_says_what_it_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = ok_cancel(dialog, "Lưu kế hoạch")
    assert (ok_button(buttons).text(), cancel_button(buttons).text()) == ("Lưu kế hoạch", "Hủy")
    assert cancel_button(ok_cancel(dialog, "Lưu", "Đóng")).text() == "Đóng"


def test_settings_keys_are_written_only_in_ui_state() -> None:
    literals = [
        f"{path.relative_to(PACKAGE)}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "ui_state.py"
        for value in vars(Key).values()
        if isinstance(value, str) and "/" in value and f'"{value}"' in path.read_text("utf-8")
    ]
    assert literals == []
