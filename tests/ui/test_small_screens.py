"""The window on the screens clerks have (issue 17): 1366×768 and 1024×600.

Every tab is saved as a PNG (``tmp_path``; look at them when changing a layout), and the
widgets are measured: the toolbar's export buttons are on screen, not behind "»"; the task
table shows at least eight whole rows with a readable task-name column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QToolButton

from cchc_desktop.ui.models.task_table_model import COL_NAME
from cchc_desktop.ui.widgets.delegates import wrapped_lines
from cchc_desktop.ui.widgets.tables import ROWS_SHOWN

pytestmark = pytest.mark.gui

PLANS = Path(__file__).parents[1] / "fixtures" / "plans"
GIO_SON = PLANS / "ke-hoach-32-ubnd-gio-son-2022.plan.json"
SIZES = ((1366, 768), (1024, 600))


@pytest.fixture
def gio_son_window(qtbot, db, settings, yes):  # type: ignore[no-untyped-def]
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_store import save_new_plan

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    plan_id = save_new_plan(db, read_plan_file(GIO_SON))
    win = MainWindow(PlanDocument(db), settings, today=lambda: dt.date(2022, 8, 20))
    qtbot.addWidget(win)
    win.open_plan(plan_id)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.background.wait()


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def whole_rows_shown(table: QTableView) -> int:
    height = table.viewport().height()
    return sum(
        1
        for row in range(table.model().rowCount())
        if table.rowViewportPosition(row) >= 0
        and table.rowViewportPosition(row) + table.rowHeight(row) <= height
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_tab_fits_the_screen(gio_son_window, tmp_path, width, height) -> None:  # type: ignore[no-untyped-def]
    win = gio_son_window
    win.resize(width, height)
    _settle()
    saved = win.save_screenshots(tmp_path / f"{width}x{height}")
    assert len(saved) == win.tabs.count() and all(p.stat().st_size > 10_000 for p in saved)

    # The export buttons are on the toolbar itself, the overflow "»" is not needed.
    for action in (win.act_export_plan, win.act_export_xlsx):
        button = win.toolbar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()
        assert win.toolbar.rect().contains(button.geometry())
    extension = win.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()

    tab = win.tasks_tab
    win.tabs.setCurrentWidget(tab)
    _settle()
    assert tab.table.columnWidth(COL_NAME) >= 300
    assert whole_rows_shown(tab.table) >= ROWS_SHOWN
    assert tab.table.horizontalScrollBar().maximum() == 0  # no column hidden to the right


def test_undo_label_does_not_grow_on_the_toolbar(gio_son_window) -> None:  # type: ignore[no-untyped-def]
    win = gio_son_window
    tab = win.tasks_tab
    tab.model.setData(tab.model.index(0, COL_NAME), "Một tên mới rất dài cho nhiệm vụ thứ nhất")
    assert win.act_undo.text().startswith("Hoàn tác ")  # the menu says what is undone
    assert win.act_undo.iconText() == "Hoàn tác"
    button = win.toolbar.widgetForAction(win.act_undo)
    assert isinstance(button, QToolButton)
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly


def test_a_long_text_is_cut_at_a_whole_line(qapp) -> None:  # type: ignore[no-untyped-def]
    font = qapp.font()
    text = "Thông tin, tuyên truyền, phổ biến về CCHC thông qua Đài truyền thanh xã " * 3
    lines = wrapped_lines(text, font, 200, 2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert text.startswith(lines[0])
    assert wrapped_lines("Quý I/2022", font, 200, 2) == ["Quý I/2022"]
    assert wrapped_lines("Văn phòng\nTư pháp", font, 200, 3) == ["Văn phòng", "Tư pháp"]


def test_arrow_keys_on_the_plan_selector_do_not_switch_plans(qtbot, gio_son_window, db) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_store import save_new_plan

    win = gio_son_window
    save_new_plan(db, read_plan_file(PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json"))
    win._refresh_plan_chooser()
    opened = win.doc.plan_id
    assert win.plan_chooser.count() == 2
    win.plan_chooser.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_End):
        qtbot.keyClick(win.plan_chooser, key)
    assert win.doc.plan_id == opened
    assert win.plan_chooser.currentData() == opened
