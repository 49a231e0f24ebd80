"""Run work off the GUI thread: one helper with success and failure callbacks.

The work function gets no widget and touches none; its result (or its exception) comes back
on the GUI thread through a queued signal. A busy indicator appears in the window's status
bar only when the work lasts longer than a moment, so quick exports do not flicker.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

# Work that finishes sooner than this shows no progress bar.
PROGRESS_DELAY_MS = 300


class _Signals(QObject):
    finished = Signal(object, bool, object)  # job, succeeded, result or exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.setAutoDelete(False)  # kept alive by Background._jobs until the callback ran

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # handed to the failure callback, never lost
            self.signals.finished.emit(self, False, exc)
        else:
            self.signals.finished.emit(self, True, result)


class Background(QObject):
    """Starts jobs on a thread pool and shows/hides a busy indicator around them.

    ``busy`` is called with a label when a job has run for PROGRESS_DELAY_MS and with None
    when no job is left running.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        busy: Callable[[str | None], None] | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._busy = busy or (lambda _label: None)
        self._jobs: dict[_Job, tuple[QTimer, Callable[[Any], object], Callable[[Any], object]]] = {}
        self._signals = _Signals(self)
        # Queued: the callbacks run on the GUI thread, whichever thread emitted.
        self._signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> int:
        return len(self._jobs)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], object],
        on_failure: Callable[[BaseException], object],
        label: str = "Đang xử lý…",
    ) -> None:
        job = _Job(work, self._signals)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._busy(label) if job in self._jobs else None)
        self._jobs[job] = (timer, on_success, on_failure)
        timer.start(PROGRESS_DELAY_MS)
        self._pool.start(job)

    @Slot(object, bool, object)
    def _on_finished(self, job: _Job, succeeded: bool, value: Any) -> None:
        timer, on_success, on_failure = self._jobs.pop(job)
        timer.stop()
        timer.deleteLater()
        if not self._jobs:
            self._busy(None)
        try:
            (on_success if succeeded else on_failure)(value)
        except Exception:
            sys.excepthook(*sys.exc_info())

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job has finished (for shutdown and tests)."""
        return bool(self._pool.waitForDone(msecs))
