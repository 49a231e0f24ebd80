"""The GUI composition root: opens the database, builds the QApplication and the window."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(
    db_path: Path,
    plan_id: int | None = None,
    screenshot_dir: Path | None = None,
    exit_after_paint: bool = False,
) -> int:
    """Start the window.

    Start-up order: 1. open (create, migrate) the database; 2. give an empty database the
    sample plan; 3. create the QApplication; 4. build and show the window; 5. run the loop.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.paths import sample_plan_path
    from cchc_desktop.services.plans import ensure_sample_plan
    from cchc_desktop.storage import open_database

    from cchc_desktop.ui.plan_list_window import PlanListWindow

    db = open_database(db_path)
    ensure_sample_plan(db, sample_plan_path())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = PlanListWindow(db)
    window.show()
    if screenshot_dir is not None:
        screenshot_dir.mkdir(parents=True, exist_ok=True)
        window.resize(1366, 768)
        window.grab().save(str(screenshot_dir / "plans.png"))
        return 0
    if exit_after_paint:
        QTimer.singleShot(0, app.quit)
    del plan_id
    return int(app.exec())
