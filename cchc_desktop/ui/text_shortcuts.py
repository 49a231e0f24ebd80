"""The window's shortcuts win over a text box's own keys (issue 17, point 9).

With the X11 key scheme (GNOME, KDE), a QLineEdit or QTextEdit takes Ctrl+E as "end of
line" and accepts the ShortcutOverride event, so "Xuất kế hoạch" (Ctrl+E) did nothing while
the cursor was in a text box. This application-wide filter refuses the override for the
window's own shortcuts (not undo and redo, which stay the text box's), after committing
what was typed (the editors store on leaving the field), so the action sees it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXT_BOXES = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class WindowShortcutsFirst(QObject):
    def __init__(self, window: QWidget, actions: list[QAction]) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions

    def matching(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self.actions:
            if not action.isEnabled():
                continue
            for shortcut in action.shortcuts():
                if shortcut.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                    return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, TEXT_BOXES):
            return False
        if watched.window() is not self.window or not isinstance(event, QKeyEvent):
            return False
        if self.matching(event) is None:
            return False
        # Commit the field being typed in (its editor stores on focus-out), then let the
        # shortcut map trigger the action: the override is refused, not accepted.
        watched.clearFocus()
        watched.setFocus()
        event.ignore()
        return True
