"""Keys that do the expected thing in a table: Del deletes, Insert inserts, Enter edits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView


class TableKeys(QObject):
    """Installed on a view; Enter opens the current cell (``on_enter`` decides how)."""

    def __init__(
        self,
        view: QAbstractItemView,
        on_delete: Callable[[], None] | None = None,
        on_insert: Callable[[], None] | None = None,
        on_enter: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._actions = {
            Qt.Key.Key_Delete: on_delete,
            Qt.Key.Key_Insert: on_insert,
            Qt.Key.Key_Return: on_enter,
            Qt.Key.Key_Enter: on_enter,
        }
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.KeyPress:
            if self._view.state() == QAbstractItemView.State.EditingState:
                return False
            action = self._actions.get(event.key())  # type: ignore[attr-defined]
            if action is not None and event.modifiers() in (  # type: ignore[attr-defined]
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                action()
                return True
        return False
