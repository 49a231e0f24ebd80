"""A message strip shown in place, above the table or form where an edit was refused."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from cchc_desktop.domain.status import WARNING_TEXT_COLOR

HIDE_AFTER_MS = 12000


class MessageBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Đóng thông báo")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text()

    def show_error(self, message: str) -> None:
        self._show(message, "#FDE7E9", f"#{WARNING_TEXT_COLOR}")

    def show_info(self, message: str) -> None:
        self._show(message, "#E8F4FD", "#1F3A5F")

    def _show(self, message: str, background: str, foreground: str) -> None:
        self.setStyleSheet(
            f"#messageBanner {{ background: {background}; border: 1px solid {foreground}; "
            f"border-radius: 3px; }} #messageBanner QLabel {{ color: {foreground}; }}"
        )
        self._label.setText(message)
        self.show()
        self._timer.start(HIDE_AFTER_MS)
