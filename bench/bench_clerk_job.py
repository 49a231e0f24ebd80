"""The clerk's whole job of issue 17, timed (run on demand, not a test):

    .venv/bin/python bench/bench_clerk_job.py [--shots DIR]

Walks the same steps as ``tests/ui/test_clerk_job.py`` (``tests/ui/clerk_job.py``) on the
real window, offscreen at 1366×768, and prints per step the actions the clerk needed
(clicks, single keys, typed fields), the dialogs passed, the application's measured time and
the keystroke-level estimate of the clerk's time: K = 0.28 s a keystroke (Telex strokes of
the typed text), P = 1.1 s a pointing, H = 0.4 s a hand move between mouse and keyboard,
M = 1.35 s a decision, the dialogs' reading time (four words a second), plus the app's time.
Goal (issue 17): well under 10 minutes in total.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="save a screenshot of every step here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        os.environ["CCHC_DATA_DIR"] = str(base / "data")
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from tests.ui.clerk_driver import Clerk
        from tests.ui.clerk_job import ClerkJob, Places

        from cchc_desktop.ui import qt_vietnamese

        app = QApplication.instance() or QApplication(sys.argv[:1])
        qt_vietnamese.install(app)
        settings = QSettings(str(base / "settings.ini"), QSettings.Format.IniFormat)
        clerk = Clerk(args.shots)
        job = ClerkJob(clerk, base / "cchc.sqlite", settings, Places(base / "home"))
        job.files.install()
        try:
            for step in job.steps():
                step()
        finally:
            job.files.uninstall()
            clerk.stop()
            if job.window is not None:
                job.window.close()
                job.window.background.wait()
                job.window.doc.db.dispose()
        print(table(clerk.tallies))
    return 0


def table(tallies: list) -> str:  # type: ignore[type-arg]
    lines = [
        "| step | clicks | keys | fields (strokes) | actions | dialogs | app s | clerk s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in tallies:
        lines.append(
            f"| {t.name} | {t.clicks} | {t.keys} | {t.fields} ({t.strokes}) | {t.actions} | "
            f"{t.dialogs} | {t.app_s:.2f} | {t.clerk_s:.1f} |"
        )
    total = sum(t.clerk_s for t in tallies)
    lines.append(
        f"| **total** | {sum(t.clicks for t in tallies)} | {sum(t.keys for t in tallies)} | "
        f"{sum(t.fields for t in tallies)} ({sum(t.strokes for t in tallies)}) | "
        f"{sum(t.actions for t in tallies)} | {sum(t.dialogs for t in tallies)} | "
        f"{sum(t.app_s for t in tallies):.2f} | {total:.1f} ({total / 60:.1f} min) |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
