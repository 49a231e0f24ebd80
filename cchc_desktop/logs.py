"""The log file support asks for: ``<data folder>/logs/cchc-desktop.log``, rotated.

Both the window (``app``) and the command line (``cli``) log there. Each module that does I/O
has its own ``logging.getLogger(__name__)`` and writes one INFO line per user operation
(import, export, backup, restore, forms) naming the file and the counts, so that a support
call can be answered from the log alone.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc_desktop.domain.model import Plan

LOG_NAME = "cchc-desktop.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _LazyFileHandler(logging.handlers.RotatingFileHandler):
    """Creates the folder and opens the file only when the first line is written: a command
    that logs nothing (``cchc list``) leaves no folder behind.

    A folder where nothing can be written (a read-only data folder, issue 16 item 6) costs
    the log, never the command or the window: the handler then stays silent."""

    broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.broken:
            return
        try:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.broken = True
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            self.broken = True  # opening or rotating the file failed: no log, no traceback
            return
        super().handleError(record)


def configure_logging(folder: Path, *, lazy: bool = False) -> Path:
    """Log to ``folder``/cchc-desktop.log (rotated); returns the log file's path. Calling it
    again for the same file adds no second handler. ``lazy``: create nothing until the
    first line is written (the command line)."""
    if not lazy:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            lazy = True  # a read-only folder: the handler finds out and keeps quiet
    path = folder / LOG_NAME
    root = logging.getLogger("cchc_desktop")
    root.setLevel(logging.INFO)
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = _LazyFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=lazy
        )
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    return path


def counts(plan: Plan) -> str:
    """``"6 tasks, 6 units, 12 check-ins"``: the size of what an operation moved."""
    return f"{len(plan.tasks)} tasks, {len(plan.units)} units, {len(plan.checkins)} check-ins"
