"""No English word in any dialog the clerk can open (issue 17, acceptance).

The walk opens every dialog reachable from the window's menus, toolbar and tab buttons:
each QAction of the menus (new plan, plan list, copy to a new year and its prompt, rename,
delete, the imports' and exports' file dialogs and period prompt, forms out and back,
backups, the server, the guide, the about box), the task dialog (add, edit, lead and
partner units, timeframe), the units' prompts, the content tab's prompt. A timer collects
each dialog as it appears, saves a screenshot, and closes it: input prompts are accepted
(so the walk reaches the dialog that follows, e.g. the copy-to-year review after its
year prompt), everything else is rejected, so the test never hangs.

Every visible text is collected (window title, labels, buttons and their tooltips, check
and radio boxes, group box titles, tab bar tabs, placeholders, combo items, table and tree
headers, message box texts) and checked word by word: a word with Vietnamese marks is
Vietnamese; a word without (``domain.text.fold`` leaves it as it is) must not be in
:data:`ENGLISH`, a list of common interface words (Vietnamese words without marks that
look English — "in" (print), "to", "do", "an", "on" — are left out of it).

Allowed, because the clerk knows them by these names: product and format names in
:data:`ALLOWED_NAMES` (CCHC Desktop, JSON, .docx, .xlsx, PDF, PostgreSQL, Word, LibreOffice,
Excel, URL, SQLite, Qt, Python), key names (Ctrl, Shift, F1), folder paths and file names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from cchc_desktop.domain.text import fold

pytestmark = pytest.mark.gui

ENGLISH = set(
    """ok cancel yes no open save close file files name look type directory folder folders back
    forward detail details view list new delete apply reset help abort retry ignore discard all
    size date modified kind drive computer recent places parent create show hidden rename remove
    error warning information question choose select browse search find next previous finish
    done edit copy paste undo redo print export import settings options about version read only
    permission denied the and with for from this that not are you your please unknown none
    default add update task tasks unit units plan report year quarter progress status password
    server host port user database connect backup restore message text dialog button exists
    already replace overwrite want really are sure continue quit exit filter path home desktop
    documents downloads music pictures videos network trash location locations sidebar
    keyring""".split()  # noqa: SIM905 (a word list reads better as text)
)
ALLOWED_NAMES = (
    "CCHC Desktop", "PostgreSQL", "LibreOffice", "SQLite", "PySide6", "Python", "JSON",
    "docx", "xlsx", "PDF", "Word", "Excel", "URL", "Qt", "CCHC", "Microsoft", "Windows",
)  # fmt: skip
KEYS = re.compile(r"\b(Ctrl|Shift|Alt|Esc|Enter|Tab|F\d{1,2})\b")
PATHS = re.compile(r"(?:[A-Za-z]:)?[\\/~][^\s“”\"']*|\S+\.(?:docx|xlsx|json|pdf|sqlite|log)\b")
TAGS = re.compile(r"<[^>]+>|&[a-z]+;")


def english_words(text: str) -> list[str]:
    text = TAGS.sub(" ", text).replace("&", "")
    text = KEYS.sub(" ", PATHS.sub(" ", text))
    for name in ALLOWED_NAMES:
        text = text.replace(name, " ")
    return [
        word
        for word in re.findall(r"[^\W\d_]+", text)
        if fold(word) == word and word.lower() in ENGLISH
    ]


def texts_of(dialog: QWidget) -> list[str]:
    """Every text the clerk can read on ``dialog``."""
    found = [dialog.windowTitle(), dialog.toolTip()]
    if isinstance(dialog, QMessageBox):
        found += [dialog.text(), dialog.informativeText()]
    for child in dialog.findChildren(QWidget):
        if not child.isVisibleTo(dialog):
            continue
        found.append(child.toolTip())
        if isinstance(child, QAbstractButton | QLabel):
            found.append(child.text())
        if isinstance(child, QGroupBox):
            found.append(child.title())
        if isinstance(child, QTabBar):
            found += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QLineEdit | QPlainTextEdit | QTextEdit):
            found.append(child.placeholderText())
        if isinstance(child, QAbstractItemView) and not isinstance(child, QHeaderView):
            model = child.model()
            if model is not None:
                found += [
                    str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                    for c in range(model.columnCount())
                ]
    return [t for t in found if t]


class Walker:
    """Collects, photographs and closes each dialog as it appears."""

    def __init__(self, shots: Path) -> None:
        self.shots = shots
        self.found: dict[str, list[str]] = {}
        self._where = ""
        self.timer = QTimer()
        self.timer.setInterval(40)
        self.timer.timeout.connect(self.collect)

    def collect(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, QDialog) or not widget.isVisible():
                continue
            if widget.property("walked"):
                widget.done(0)  # still there after reject(): a box without a reject button
                continue
            widget.setProperty("walked", True)  # (a Python id() is reused: not a mark)
            name = f"{len(self.found):02d}-{self._where}-{type(widget).__name__}"
            widget.grab().save(str(self.shots / f"{name}.png"))
            self.found[name] = texts_of(widget)
            if isinstance(widget, QInputDialog):
                widget.accept()
            else:
                widget.reject()

    def walk(self, where: str, trigger: Callable[[], object]) -> None:
        self._where = where
        before = len(self.found)
        self.timer.start()
        try:
            trigger()
            for _ in range(5):  # what opened without blocking (the guide, "Đã xuất tệp")
                QApplication.processEvents()
                self.collect()
        finally:
            self.timer.stop()
        assert len(self.found) > before, f"{where} opened no dialog"


@pytest.fixture
def walked(qtbot, db, hai_duong_id, settings, tmp_path, monkeypatch) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import TODAY

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    win = MainWindow(PlanDocument(db), settings, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.open_plan(hai_duong_id)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    shots = tmp_path / "dialogs"
    shots.mkdir()
    walker = Walker(shots)
    dialog_actions = [
        a
        for a in win.menuBar().actions()
        for a in a.menu().actions()
        if a.text().endswith("…") or a in (win.act_guide,)
    ]
    for action in dialog_actions:
        walker.walk(action.text(), action.trigger)
    tasks = win.tasks_tab
    win.tabs.setCurrentWidget(tasks)
    tasks.table.selectRow(0)
    for button in (
        tasks.add_button, tasks.edit_button, tasks.lead_button, tasks.partners_button,
        tasks.timeframe_button,
    ):  # fmt: skip
        walker.walk(f"nhiem-vu-{button.text()}", button.click)
    units = win.units_tab
    win.tabs.setCurrentWidget(units)
    units.table.selectRow(0)
    for button in (units.merge_button, units.add_button):
        walker.walk(f"don-vi-{button.text()}", button.click)
    content = win.tab(2)
    win.tabs.setCurrentWidget(content)
    content.tree.setCurrentIndex(content.tree.model().index(0, 0))
    walker.walk("noi-dung-them-muc", content.add_button.click)
    # Inside the backup dialog: its file dialogs (shown without blocking, so the walk can
    # press its buttons).
    from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog

    backups = BackupDialog(win.doc.db, win, restore=False)
    backups.show()
    backups.setProperty("walked", True)
    for button in (backups.backup_to_file, backups.restore_file):
        walker.walk(f"sao-luu-{button.text()}", button.click)
    backups.close()
    # The overwrite question and the lock-file warning of every export (file_dialogs).
    from cchc_desktop.ui import file_dialogs

    existing = tmp_path / "ke-hoach.docx"
    existing.write_bytes(b"x")
    walker.walk("ghi-de", lambda: file_dialogs.may_replace(win, "Xuất kế hoạch", existing))
    (tmp_path / ".~lock.ke-hoach.docx#").write_text("Lan,MAY,lan,07.12.2026 07:30,file:///;")
    walker.walk("tep-khoa", lambda: file_dialogs.may_replace(win, "Xuất kế hoạch", existing))
    win.background.wait()
    print(f"{len(walker.found)} dialogs, screenshots in {shots}")
    return walker.found


def test_no_english_word_in_any_dialog_the_clerk_can_open(walked: dict[str, list[str]]) -> None:
    texts = sum(len(t) for t in walked.values())
    english = {
        name: sorted({f"{w} ← {t!r}" for t in found for w in english_words(t)})
        for name, found in walked.items()
    }
    english = {name: words for name, words in english.items() if words}
    print(f"{len(walked)} dialogs walked, {texts} texts checked")
    assert len(walked) >= 25 and texts >= 400
    assert english == {}


def test_the_word_check_finds_qts_english_and_passes_vietnamese() -> None:
    assert english_words("Look in:") == ["Look"]
    assert english_words("&Open") == ["Open"]
    assert english_words("Files of type:") == ["Files", "type"]
    assert english_words("In kế hoạch, đơn vị to nhỏ") == []
    assert english_words("Xuất tệp Word (.docx) vào /home/lan/Documents/bao-cao.docx") == []
    assert english_words("CCHC Desktop 1.0 — Ctrl+E, F1") == []


def test_no_english_word_in_the_dialogs_after_background_work(  # type: ignore[no-untyped-def]
    qtbot, db, hai_duong_id, settings, tmp_path, monkeypatch
) -> None:
    """The dialogs that open only when a file was chosen and read: the Word import's
    preview, the "Đã xuất tệp" box of an export, the forms' "Đã xuất" box and the preview
    of filled forms coming back (file dialogs answered by the test, as elsewhere)."""
    from cchc_desktop.exports.docx_plan import write_plan_docx
    from cchc_desktop.services.plan_read import load_plan
    from tests.ui.conftest import TODAY

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    win = MainWindow(PlanDocument(db), settings, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.open_plan(hai_duong_id)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    shots = tmp_path / "dialogs"
    shots.mkdir()
    walker = Walker(shots)

    def walk_after(where: str, trigger: Callable[[], object]) -> None:
        walker._where = where
        before = len(walker.found)
        walker.timer.start()
        try:
            trigger()
            qtbot.waitUntil(lambda: len(walker.found) > before, timeout=60000)
            win.background.wait()
            for _ in range(5):
                QApplication.processEvents()
                walker.collect()
        finally:
            walker.timer.stop()

    source = tmp_path / "ke-hoach-nam-truoc.docx"
    write_plan_docx(load_plan(db, hai_duong_id), source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(source), "")))
    walk_after("nhap-word", win.act_import_docx.trigger)
    win.open_plan(hai_duong_id)  # the preview was closed: the plan stays the one open

    target = tmp_path / "xuat" / "ke-hoach.docx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    walk_after("da-xuat-tep", win.act_export_plan.trigger)
    assert target.exists()

    folder = tmp_path / "phieu"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a: str(folder)))
    win.tabs.setCurrentWidget(win.checkins_tab)
    walk_after("gui-phieu", win.checkins_tab.forms_panel.export_button.click)
    forms = sorted(folder.glob("*.xlsx"))
    assert forms
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *_a: ([str(p) for p in forms], "Phiếu báo cáo (*.xlsx)")),
    )
    walk_after("nhan-phieu", win.act_import_forms.trigger)

    kinds = {name.split("-", 1)[1] for name in walker.found}
    assert {
        "nhap-word-ImportPreviewDialog", "da-xuat-tep-QMessageBox",
        "gui-phieu-QMessageBox", "nhan-phieu-FormsImportDialog",
    } <= kinds  # fmt: skip
    english = {
        name: sorted({f"{w} ← {t!r}" for t in found for w in english_words(t)})
        for name, found in walker.found.items()
    }
    assert {name: words for name, words in english.items() if words} == {}
    assert sum(len(t) for t in walker.found.values()) >= 20
