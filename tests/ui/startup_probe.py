"""Run by ``test_startup_path.py`` in a fresh interpreter: start the window as ``cchc gui``
does and print, as JSON on the last line, what had been imported and whether the garbage
collector ran when the window first painted, and again once the window's after-paint work
(the warm-up) was done; then quit."""

from __future__ import annotations

import gc
import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from cchc_desktop.ui import first_paint

seen: dict[str, object] = {}
_original = first_paint.on_first_paint


def _loaded() -> list[str]:
    return sorted(m for m in sys.modules if m.startswith("cchc_desktop"))


def _probe(widget, callback):  # type: ignore[no-untyped-def]
    def wrapped() -> None:
        if "modules" not in seen:
            seen["modules"] = _loaded()
            seen["gc_enabled_at_paint"] = gc.isenabled()
        callback()
        if isinstance(widget, QMainWindow):  # the window's own after-paint work is done
            seen["modules_after"] = _loaded()
            seen["gc_enabled_after"] = gc.isenabled()
            QTimer.singleShot(0, QApplication.quit)

    _original(widget, wrapped)


first_paint.on_first_paint = _probe

from cchc_desktop.cli import main  # noqa: E402  (after the probe is in place)

seen["code"] = main(["--db", sys.argv[1], "gui"])
print(json.dumps(seen))
