"""Qt's own texts in Vietnamese (issue 17, point 4): the file dialogs the window opens
(non-native outside Windows), message-box and input-dialog buttons; and each kind of file
remembers its own folder. The check: collect every button and label text and find no
English word from Qt's own catalogue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from cchc_desktop.paths import resources_dir

from cchc_desktop.ui import file_dialogs
from cchc_desktop.ui.ui_state import Key

pytestmark = pytest.mark.gui

TS = resources_dir() / "translations" / "qtbase_vi.ts"
# Names, not English: the programs and file kinds a clerk knows by these words.
ALLOWED = {"word", "excel", "libreoffice", "json", "docx", "xlsx", "read", "only"}


def english_words() -> set[str]:
    words: set[str] = set()
    for source in ET.parse(TS).getroot().iter("source"):
        text = re.sub(r"<[^>]+>", " ", (source.text or "").replace("&", ""))
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    return words - ALLOWED


def texts_of(widget: QWidget) -> list[str]:
    """Every text the clerk can read on ``widget``: title, buttons, labels, combo items."""
    found = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if isinstance(child, QAbstractButton | QLabel):
            found.append(child.text())
        elif isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QLineEdit):
            found.append(child.placeholderText())
    return [t for t in found if t and not t.startswith("/")]  # folder paths are not words


def english_in(texts: list[str]) -> list[str]:
    vocabulary = english_words()
    return [
        text
        for text in texts
        if any(w.lower() in vocabulary for w in re.findall(r"[A-Za-z]{3,}", text.replace("&", "")))
    ]


def test_the_translation_file_translates_the_words_the_clerk_saw() -> None:
    app = QApplication.instance()
    assert app is not None
    tr = QApplication.translate
    assert tr("QFileDialog", "Look in:") == "Tìm trong:"
    assert tr("QFileDialog", "File &name:").replace("&", "") != "File name:"
    for source in ("&Open", "&Save", "Open", "Cancel", "&Yes", "&No", "OK"):
        context = "QFileDialog" if source in ("&Open", "&Save") else "QPlatformTheme"
        assert tr(context, source) != source, source


def _walk_file_dialog(qtbot, mode: QFileDialog.AcceptMode, folder: Path) -> list[str]:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "Chọn tệp", str(folder), "Tài liệu Word (*.docx)")
    dialog.setOptions(file_dialogs.options(save=mode == QFileDialog.AcceptMode.AcceptSave))
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = texts_of(dialog)
    dialog.reject()
    return texts


def test_file_dialogs_speak_vietnamese(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "kế hoạch.docx").write_bytes(b"x")
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        texts = _walk_file_dialog(qtbot, mode, tmp_path)
        joined = " | ".join(texts)
        assert "Tìm trong:" in joined.replace("&", "")
        assert english_in(texts) == [], texts


def test_message_and_input_boxes_speak_vietnamese(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QMessageBox(QMessageBox.Icon.Question, "Ghi đè", "Tệp đã có. Ghi đè?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    box.show()
    texts = texts_of(box)
    assert english_in(texts) == [], texts
    assert {b.text().replace("&", "") for b in box.buttons()} >= {"Có", "Không", "Hủy"}
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setLabelText("Năm của kế hoạch mới:")
    dialog.show()
    texts = texts_of(dialog)
    assert english_in(texts) == [], texts


def test_each_kind_of_file_remembers_its_folder(
    qtbot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    word, forms = tmp_path / "word", tmp_path / "forms"
    word.mkdir()
    forms.mkdir()
    started: list[str] = []

    def fake_open(_parent, _title, folder, _filter, _sel, _options):  # type: ignore[no-untyped-def]
        started.append(folder)
        return str((word if len(started) == 1 else forms) / "a.docx"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    parent = QWidget()
    qtbot.addWidget(parent)
    file_dialogs.open_path(parent, settings, Key.PLAN_DOCX_IMPORT_FOLDER, "Nhập", "*")
    file_dialogs.open_path(parent, settings, Key.FORMS_IMPORT_FOLDER, "Nhập", "*")
    file_dialogs.open_path(parent, settings, Key.PLAN_DOCX_IMPORT_FOLDER, "Nhập", "*")
    assert Path(started[2]) == word  # the Word import's own folder, not the forms'
    assert settings.value(Key.FORMS_IMPORT_FOLDER) == str(forms)
    assert Path(started[0]).is_dir()  # never a missing "Documents" typed as a name


def test_a_dialog_closed_by_a_timer_is_not_left_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The window's confirmations (ask.confirm) use the translated standard buttons too.
    from cchc_desktop.ui.dialogs import ask

    seen: list[list[str]] = []

    def close_it() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                seen.append(texts_of(widget))
                widget.reject()

    QTimer.singleShot(200, close_it)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert ask.confirm(parent, "Sao chép kế hoạch", "Sao chép sang năm 2023?", "Sao chép") is False
    assert seen and english_in(seen[0]) == [], seen
