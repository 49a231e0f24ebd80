"""Seeing other clerks' edits (server mode, issue 19, item 2): a timer polls the database's
change counter every few seconds; when it moved and the move was not this window's own
edit, the open plan is read again and the views refresh what changed.

What the clerk is typing is never lost: while a text field of the window has the focus the
refresh waits (the next tick tries again), since a reload resets the side form.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from cchc_desktop.ui.plan_document import PlanDocument

POLL_MS = 2000
TYPING = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class ChangeWatcher(QObject):
    def __init__(self, doc: PlanDocument, parent: QObject, interval_ms: int | None = None):
        super().__init__(parent)
        self.doc = doc
        self.window = parent
        self.refreshes = 0  # how many times another clerk's edit was taken in
        self._seen = self._count()
        self._pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms or int(os.environ.get("CCHC_POLL_MS", POLL_MS)))
        self.timer.timeout.connect(self.poll)
        # The window's own edits move the counter too: take them as seen.
        doc.undo_stack.indexChanged.connect(self._own_edit)
        doc.plan_loaded.connect(self._own_edit)
        self.timer.start()

    def _count(self) -> int:
        from cchc_desktop.services.changes import change_count

        try:
            return change_count(self.doc.db)
        except Exception:  # the server is unreachable for a moment: try on the next tick
            return -1

    def _own_edit(self, *_args: object) -> None:
        count = self._count()
        if count >= 0:
            self._seen = count

    def typing(self) -> bool:
        focus = QApplication.focusWidget()
        return isinstance(focus, TYPING) and getattr(focus, "isReadOnly", lambda: False)() is False

    def poll(self) -> None:
        count = self._count()
        if count < 0:
            return
        if count != self._seen:
            self._pending = True
        if not self._pending or not self.doc.is_open or self.typing():
            return
        self._pending = False
        self.doc.refresh_from_database()
        self._seen = self._count()
        self.refreshes += 1
