"""Typing Vietnamese into a widget as a keyboard does, one key event per character.

``QTest.keyClicks`` only knows ASCII (Qt's own check aborts the process on "Đ"); a
Vietnamese keyboard (Unikey, IBus) delivers each letter as a key event whose text is the
letter, which is what is sent here."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )
