"""Run something once a widget has painted for the first time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class _FirstPaint(QObject):
    def __init__(self, widget: QObject, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Not inside the paint: once it is on screen and the loop is free again; and not
            # at all if the widget is gone by then (the timer is bound to it).
            QTimer.singleShot(0, watched, self._callback)
            self.deleteLater()
        return False


def on_first_paint(widget: QObject, callback: Callable[[], None]) -> None:
    """Call ``callback`` from the event loop right after ``widget``'s first paint event.

    Filters installed later run first, so of two callbacks the later-installed one is queued
    (and so runs) first.
    """
    widget.installEventFilter(_FirstPaint(widget, callback))
