"""The daily backup in server mode (issue 19, item 4): the window on the office's
PostgreSQL database writes, once a day, a cchc-backup JSON bundle of every plan into the
backups folder of the clerk's own PC; the newest 14 of that server are kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cchc_desktop.interchange import read_plan_file
from cchc_desktop.paths import data_dir
from cchc_desktop.services.bundle import KEEP_DAILY_BUNDLES, daily_server_backup, read_bundle
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database
from tests.conftest import HAI_DUONG, PLANS

GIO_SON = PLANS / "ke-hoach-32-ubnd-gio-son-2022.plan.json"


@pytest.mark.gui
def test_window_on_the_server_writes_the_days_bundle_on_this_pc(  # type: ignore[no-untyped-def]
    qtbot, pg_url: str, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    db = open_database(pg_url)
    plans = [read_plan_file(p) for p in (HAI_DUONG, GIO_SON)]
    for plan in plans:
        save_new_plan(db, plan)
    titles = {p.title for p in plans}
    window = MainWindow(
        PlanDocument(db), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.open_plan(None)
    window.warm_up()  # what the application runs right after the first paint
    [made] = sorted((data_dir() / "backups").glob("cchc-may-chu-*.json"))
    assert made.name == (
        f"cchc-may-chu-127-0-0-1-{db.engine.url.port}-{db.engine.url.database}-"
        f"{dt.date.today().isoformat()}.json"
    )
    assert json.loads(made.read_text(encoding="utf-8"))["format"] == "cchc-backup"
    assert {p.title for p in read_bundle(made)} == titles
    assert window.daily_server_backup() is None  # once a day
    window.background.wait()
    db.dispose()


def test_the_newest_fourteen_days_are_kept(pg_url: str, tmp_path: Path) -> None:
    db = open_database(pg_url)
    save_new_plan(db, read_plan_file(HAI_DUONG))
    start = dt.datetime(2026, 11, 1, 8, 0)
    made = [daily_server_backup(db, tmp_path, now=start + dt.timedelta(days=i)) for i in range(16)]
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == KEEP_DAILY_BUNDLES
    assert kept == sorted(p.name for p in made[-KEEP_DAILY_BUNDLES:] if p is not None)
    assert kept[0].endswith("2026-11-03.json") and kept[-1].endswith("2026-11-16.json")
    db.dispose()
