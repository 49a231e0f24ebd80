"""The newcomer's first start (issue 17, point 9): the sample plan is labelled as such, a
hint with the first three steps and F1 shows once, and the window's shortcuts (Ctrl+E
first) work while the cursor is in a text box, after what was typed is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.first_start import HINT_TEXT, SAMPLE_TEXT, mark_sample
from cchc_desktop.ui.ui_state import Key

pytestmark = pytest.mark.gui


def _window(qtbot: QtBot, db: Any, settings: QSettings, plan_id: int | None) -> Any:
    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    win = MainWindow(PlanDocument(db), settings)
    qtbot.addWidget(win)
    win.open_plan(plan_id)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_database_app_py_fills_remembers_its_sample_plan(tmp_path: Path) -> None:
    from cchc_desktop.app import _open_database

    db, failure = _open_database(tmp_path / "cchc.sqlite")
    assert failure is None and db.sample_plan_id is not None
    assert load_plan(db, db.sample_plan_id).number == "74"
    db.dispose()
    again, _ = _open_database(tmp_path / "cchc.sqlite")
    assert again.sample_plan_id is None  # the second start adds no sample
    again.dispose()


def test_the_sample_plan_is_labelled_in_the_chooser_title_and_a_bar(  # type: ignore[no-untyped-def]
    qtbot, db, hai_duong_id, hai_duong_plan, settings
) -> None:
    from cchc_desktop.services.plans import import_plan

    mark_sample(settings, db.path, hai_duong_id)
    hai_duong_plan.year = 2023
    own = import_plan(db, hai_duong_plan)
    win = _window(qtbot, db, settings, hai_duong_id)
    chooser = win.plan_chooser
    labels = {chooser.itemData(i): chooser.itemText(i) for i in range(chooser.count())}
    assert labels[hai_duong_id].endswith(" (mẫu)")
    assert not labels[own].endswith("(mẫu)")  # the clerk's own plan is not a sample
    assert "Kế hoạch mẫu: " in win.windowTitle()
    bar = win.first_start.sample_bar
    assert bar.isVisible() and bar.label.text() == SAMPLE_TEXT
    assert "Tệp → Nhập từ Word…" in bar.label.text()
    bar.close_button.click()
    assert not bar.isVisible()
    win.plan_actions.open(own)
    assert "mẫu" not in win.windowTitle() and not bar.isVisible()
    win.plan_actions.open(hai_duong_id)
    assert not bar.isVisible()  # dismissed for this session; the label stays
    assert chooser.currentText().endswith(" (mẫu)")


def test_a_sample_mark_of_another_database_labels_nothing(  # type: ignore[no-untyped-def]
    qtbot, db, hai_duong_id, settings, tmp_path
) -> None:
    mark_sample(settings, tmp_path / "other.sqlite", hai_duong_id)
    win = _window(qtbot, db, settings, hai_duong_id)
    assert "mẫu" not in win.windowTitle()
    assert not win.plan_chooser.currentText().endswith("(mẫu)")
    assert not win.first_start.sample_bar.isVisible()


def test_the_first_start_hint_shows_once_and_is_not_modal(  # type: ignore[no-untyped-def]
    qtbot, db, hai_duong_id, tmp_path
) -> None:
    fresh = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    win = _window(qtbot, db, fresh, hai_duong_id)
    hint = win.first_start.hint
    assert hint.isVisible() and QApplication.activeModalWidget() is None
    shown = hint.label.text()
    assert shown == HINT_TEXT
    for step in ("1. Tệp → Nhập kế hoạch từ Word…", "2. Tệp → Sao chép sang năm mới…", "3. "):
        assert step in shown
    assert "<b>F1</b> — Hướng dẫn sử dụng" in shown
    assert hint.geometry().bottom() < win.tabs.geometry().top()  # above the tabs
    assert str(fresh.value(Key.GUIDE_SEEN)).lower() == "true"
    hint.close_button.click()
    assert not hint.isVisible()
    win.close()
    second = _window(qtbot, db, fresh, hai_duong_id)
    assert not second.first_start.hint.isVisible()


class X11TextKeys(QObject):
    """What a text box does with the X11 key scheme (GNOME, KDE): it accepts the
    ShortcutOverride of Ctrl+E ("end of line"), and of every key the test names, so the
    window's shortcut never fires. Offscreen Qt uses the Windows scheme, hence this."""

    def __init__(self, keys: list[QKeySequence]) -> None:
        super().__init__()
        self.keys = keys

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(event.keyCombination())  # type: ignore[attr-defined]
            if any(k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for k in self.keys):
                event.accept()
                return True
        return False


def test_ctrl_e_in_a_text_box_exports_what_was_typed(  # type: ignore[no-untyped-def]
    qtbot, window, db, hai_duong_id, monkeypatch
) -> None:
    asked: list[str] = []

    def save_dialog(*_a: Any, **_k: Any) -> tuple[str, str]:
        asked.append(window.doc.plan.title)  # what the export would write
        return "", ""  # the clerk cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    tab = window.info_tab
    window.tabs.setCurrentWidget(tab)
    for box in (tab.fields["symbol"], tab.title):
        eats = X11TextKeys([QKeySequence("Ctrl+E")])
        box.installEventFilter(eats)
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        qtbot.keyClick(box, Qt.Key.Key_End)
        qtbot.keyClicks(box, " 2")  # QTest types ASCII only
        qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert asked, f"Ctrl+E did nothing in {type(box).__name__}"
        asked.clear()
        box.removeEventFilter(eats)
    plan = load_plan(db, hai_duong_id)
    assert plan.symbol == "KH-SKHCN 2"  # typed, then stored before the export
    assert plan.title.endswith(" 2")


def test_each_window_shortcut_wins_in_a_text_box_but_undo_stays_the_boxs(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    actions = {
        "Ctrl+E": window.act_export_plan,
        "Ctrl+N": window.act_new,
        "Ctrl+O": window.act_choose,
        "Ctrl+F": window.act_find,
        "Ctrl+S": window.act_save,
        "F1": window.act_guide,
    }
    if not window.act_quit.shortcut().isEmpty():  # Ctrl+Q where the platform has one
        actions[window.act_quit.shortcut().toString()] = window.act_quit
    fired: list[str] = []
    for key, action in actions.items():
        action.triggered.disconnect()  # no dialog, no quitting: just record the shortcut
        action.triggered.connect(lambda _c=False, k=key: fired.append(k))
    box = window.info_tab.fields["symbol"]
    window.tabs.setCurrentWidget(window.info_tab)
    eats = X11TextKeys([QKeySequence(k) for k in [*actions, "Ctrl+Z"]])
    box.installEventFilter(eats)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    for key in actions:
        sequence = QKeySequence(key)
        combination = sequence[0]
        qtbot.keyClick(box, combination.key(), combination.keyboardModifiers())
        assert fired[-1:] == [key], f"{key} was eaten by the text box"
        box.setFocus()
    assert isinstance(box, QLineEdit)
    box.setText("KH-SKHCN")
    qtbot.keyClicks(box, "x")
    undo_fired: list[bool] = []
    window.act_undo.triggered.connect(lambda: undo_fired.append(True))
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undo_fired == []  # Ctrl+Z undoes the typing in the box, as in every program
