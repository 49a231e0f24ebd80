"""Field editors that commit when the clerk leaves them (Enter, Tab or a click elsewhere).

Each edit becomes one command; ``set_value`` shows a stored value without committing, so
refreshing the form after an undo never records a new edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget


class CommitLineEdit(QLineEdit):
    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self._stored = ""
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.editingFinished.connect(self._commit)

    def set_value(self, text: str) -> None:
        self._stored = text
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)

    def _commit(self) -> None:
        if self.text() != self._stored:
            self._stored = self.text()
            self.committed.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text() != self._stored:
            self.setText(self._stored)  # Esc: back to what is stored
            return
        super().keyPressEvent(event)


class CommitTextEdit(QPlainTextEdit):
    """Multi-line text; commits on leaving the field or on Ctrl+Enter."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, placeholder: str = "", lines: int = 3):
        super().__init__(parent)
        self._stored = ""
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 2)

    @property
    def stored(self) -> str:
        """The value shown as stored (what typing started from)."""
        return self._stored

    def set_value(self, text: str) -> None:
        self._stored = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        text = self.toPlainText().strip()
        if text != self._stored:
            self._stored = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commit()
            return
        super().keyPressEvent(event)


class EnterCommits(QObject):
    """Event filter for a QPlainTextEdit used as a table cell editor: Enter commits (the
    cell's text is one paragraph), Shift+Enter is refused rather than making a new line."""

    def __init__(self, on_commit: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_commit = on_commit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_commit(watched)
                return True
        return False
