"""Fixtures for window tests: a fresh database with the Hải Dương plan, a temp QSettings,
the real main window, and no modal question left waiting for a click."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Window tests run with the plan's year as "today", so the overdue marks do not change as
# the calendar moves on.
TODAY = dt.date(2022, 8, 20)


@pytest.fixture(autouse=True)
def _vietnamese_qt(qapp) -> None:  # type: ignore[no-untyped-def]
    """Qt's own texts in Vietnamese, as the application installs them (``app.py``)."""
    from cchc_desktop.ui import qt_vietnamese

    assert qt_vietnamese.install(qapp) is not None


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    stored = QSettings(str(tmp_path / "settings" / "cchc-desktop.ini"), QSettings.Format.IniFormat)
    # Not a first start: the first-start hint would take a row of every screenshot (its own
    # tests, tests/ui/test_first_start.py, start from empty settings).
    stored.setValue("guide/first-start-hint-seen", True)
    return stored


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered "yes"; the questions asked are recorded."""
    from cchc_desktop.ui.dialogs import ask

    asked: list[str] = []

    def confirm(_parent, title, text, action="Xóa"):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {text}")
        return True

    monkeypatch.setattr(ask, "confirm", confirm)
    return asked


@pytest.fixture
def window(qtbot, db, hai_duong_id, settings, yes) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    win = MainWindow(PlanDocument(db), settings, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.open_plan(hai_duong_id)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.background.wait()


@pytest.fixture
def today() -> dt.date:
    return TODAY
