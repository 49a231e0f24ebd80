"""Run by ``test_draft_recovery.py`` in a process of its own: start the real window as
``cchc gui`` does, and once it has painted, type a result into "Kết quả" of a check-in as a
clerk would (one key every 40 ms), then print the time of the last key and go on running,
until the test kills the process with SIGKILL.

Arguments: the database, the task key, the quarter ("2022-Q3"), the text. Nothing of this
is in the product: the window is driven from outside, through its widgets.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from cchc_desktop.ui import first_paint

sys.path.insert(0, str(Path(__file__).parent))
from keyboard import type_text

DB, TASK, QUARTER, TEXT = sys.argv[1:5]
_original = first_paint.on_first_paint


def _type_into(window: QMainWindow) -> None:
    from cchc_desktop.domain.periods import Period

    tab = window.checkins_tab  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(tab)  # type: ignore[attr-defined]
    tab.set_period(Period.parse(QUARTER))
    tab.select_task_key(TASK)
    editor = tab.form.result
    editor.setFocus()
    keys = list(TEXT)

    def next_key() -> None:
        type_text(editor, keys.pop(0))
        if keys:
            QTimer.singleShot(40, next_key)
        else:
            print(f"last key at {time.time():.6f}", flush=True)

    print(f"typing into {tab.form.task_label.text()}", flush=True)
    next_key()


started: list[QMainWindow] = []


def _probe(widget, callback):  # type: ignore[no-untyped-def]
    def wrapped() -> None:
        callback()
        # The window's after-paint work is done (several callbacks wait for that paint).
        if isinstance(widget, QMainWindow) and not started:
            started.append(widget)
            QTimer.singleShot(0, lambda: _type_into(widget))

    _original(widget, wrapped)


first_paint.on_first_paint = _probe

from cchc_desktop.cli import main  # noqa: E402  (after the probe is in place)

sys.exit(main(["--db", DB, "gui"]))
