"""The in-app user guide: its screenshots are taken here from the window on the sample plan
(written into resources/guide/, so the guide never shows an old window), every image it
references exists, every step names a real menu, action, tab or button, and F1 opens it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel

from cchc_desktop.paths import resources_dir, sample_plan_path

from cchc_desktop.ui.main_window import SCREENSHOT_NAMES, TAB_TITLES, MainWindow

pytestmark = pytest.mark.gui

GUIDE = resources_dir() / "guide"
PAGE = GUIDE / "huong-dan.html"


@pytest.fixture
def sample_window(qtbot, db, settings, yes):  # type: ignore[no-untyped-def]
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_store import save_new_plan

    from cchc_desktop.ui.plan_document import PlanDocument

    plan_id = save_new_plan(db, read_plan_file(sample_plan_path()))
    plan = read_plan_file(sample_plan_path())
    # "Today" inside the sample plan's year: the overdue marks do not move with the calendar.
    win = MainWindow(PlanDocument(db), settings, today=lambda: dt.date(plan.year, 8, 20))
    qtbot.addWidget(win)
    win.open_plan(plan_id)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.background.wait()


def _html() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_the_guide_screenshots_are_taken_from_the_window(sample_window) -> None:  # type: ignore[no-untyped-def]
    saved = sample_window.save_screenshots(GUIDE)
    assert [p.stem for p in saved] == list(SCREENSHOT_NAMES)
    for path in saved:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768)


def test_every_image_the_guide_references_exists() -> None:
    images = re.findall(r'<img src="([^"]+)"', _html())
    assert len(images) >= 6
    for name in images:
        assert (GUIDE / name).is_file(), name
    # Each tab's screenshot is shown somewhere in the guide.
    assert {f"{n}.png" for n in SCREENSHOT_NAMES} <= set(images)


def _window_texts(window: MainWindow) -> set[str]:
    for index in range(len(TAB_TITLES)):
        window.tab(index)
    texts = set(TAB_TITLES)
    for menu_action in window.menuBar().actions():
        texts.add(menu_action.text().replace("&", ""))
    for action in window.findChildren(QAction):
        texts.add(action.text().replace("&", ""))
    for button in window.findChildren(QAbstractButton):
        texts.add(button.text().replace("&", ""))
    for label in window.findChildren(QLabel):
        texts.add(label.text().strip().rstrip(":"))
    return {t for t in texts if t}


def test_every_step_names_a_real_action_of_the_window(sample_window) -> None:  # type: ignore[no-untyped-def]
    html = _html()
    named = re.findall(r'<b class="ui">(.*?)</b>', html, flags=re.S)
    steps = re.findall(
        r"<h2><a name=\"b\d\"></a>(Bước \d\..*?)</h2>(.*?)(?=<h2>|</body>)", html, re.S
    )
    assert [s[0].split(".")[0] for s in steps] == [f"Bước {n}" for n in range(1, 8)]
    for title, body in steps:
        assert '<b class="ui">' in body, f"{title} names nothing to click"
    known = _window_texts(sample_window)
    for text in named:
        for part in re.sub(r"\s+", " ", text).split(" → "):
            assert part in known, f"the guide names “{part}”, which the window does not have"
    # The cycle's steps, in order.
    order = [m for m in ("Nhập kế hoạch từ Word", "Sao chép sang năm", "Nhiệm vụ", "Phiếu",
                         "Theo dõi thực hiện", "Báo cáo", "Sao lưu") if m in html]  # fmt: skip
    assert len(order) == 7


def test_f1_and_the_help_menu_open_the_guide(sample_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    assert QKeySequence("F1") in window.act_guide.shortcuts()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Trợ &giúp")
    assert "Hướng dẫn sử dụng" in [a.text() for a in help_menu.actions()]
    qtbot.keyClick(window, QKeySequence("F1")[0].key())
    qtbot.waitUntil(lambda: window.guide is not None and window.guide.isVisible())
    text = window.guide.browser.toPlainText()
    assert "Chu trình một năm" in text
    assert "Bước 7. Sao lưu" in text
    source = Path(window.guide.browser.source().toLocalFile())
    assert source == PAGE
