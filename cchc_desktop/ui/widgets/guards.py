"""Event filters that keep a stray key or wheel turn from doing something big.

The plan selector in the toolbar is a combo box: Qt changes its choice on an arrow key, Page
Up/Down, Home/End or a wheel turn while it merely has the focus, and a change of choice
opens another plan. A clerk tabbing through the window switched plans without noticing
(issue 17); the choice is now made in the opened list only (click, F4, Alt+↓, Space).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

_SWITCHING_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)


class ChoiceOnlyFromList(QObject):
    """Installed on a closed combo box: arrow keys and the wheel no longer change its
    choice; Alt+↓ (which opens the list) still works."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel:
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & Qt.KeyboardModifier.AltModifier:
                return False
            return Qt.Key(event.key()) in _SWITCHING_KEYS
        return False
