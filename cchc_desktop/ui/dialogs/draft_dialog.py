"""The question asked for a draft left by a crash (issue 17, point 5): which task and field,
the text that was being typed, and whether the field has been changed since.

"Khôi phục" puts the text back into its field (stored as an ordinary, undoable edit),
"Bỏ bản nháp" deletes it, "Để sau" (or closing the window) keeps it for the next opening.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.services.drafts import Draft, saved_at_local

TITLE = "Khôi phục nội dung đang nhập dở"


def _quoted(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”" if text else "(trống)"


class DraftDialog(QDialog):
    def __init__(self, parent: QWidget | None, draft: Draft, stored: str | None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.choice: str | None = None  # "restore", "discard", or None (later)
        self.setWindowTitle(TITLE)
        self.resize(620, 340)
        when = saved_at_local(draft)
        self.intro = QLabel(
            "Lần làm việc trước đã kết thúc khi nội dung dưới đây đang được nhập dở và chưa "
            f"được lưu{f' (bản nháp ghi lúc {when})' if when else ''}:",
            self,
        )
        self.intro.setWordWrap(True)
        self.where = QLabel(draft.label or "(không rõ ô nhập)", self)
        self.where.setWordWrap(True)
        self.where.setStyleSheet("font-weight: bold;")
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(draft.text)
        self.text.setReadOnly(True)  # selectable: the clerk can copy it either way
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        gone = stored is None
        if gone or draft.is_stale(stored or ""):
            self.note.setStyleSheet("color: #9C5700;")
        if stored is None:
            self.note.setText(
                "Nội dung này không còn trong kế hoạch (đã bị xóa hoặc chuyển đi) nên không "
                "đưa lại vào ô được; có thể bôi đen để chép nội dung rồi bỏ bản nháp."
            )
        elif draft.is_stale(stored):
            self.note.setText(
                "Lưu ý: nội dung đã lưu của ô này đã thay đổi sau khi bản nháp được ghi. "
                f"Đang lưu: {_quoted(stored)}. Khôi phục sẽ thay nội dung đó bằng bản nháp "
                "(có thể hoàn tác bằng Ctrl+Z)."
            )
        else:
            self.note.setText(
                "Khôi phục sẽ đưa nội dung vào ô và lưu lại (có thể hoàn tác bằng Ctrl+Z)."
            )
        self.buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("Khôi phục", self)
        self.discard_button = QPushButton("Bỏ bản nháp", self)
        self.later_button = QPushButton("Để sau", self)
        self.later_button.setToolTip("Giữ bản nháp, hỏi lại lần mở kế hoạch sau")
        self.restore_button.setEnabled(not gone)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        (self.discard_button if gone else self.restore_button).setDefault(True)
        self.restore_button.clicked.connect(lambda: self._choose("restore"))
        self.discard_button.clicked.connect(lambda: self._choose("discard"))
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.where)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
