"""What a newcomer sees on the first start (issue 17, point 9): the sample plan labelled
as a sample, and a short hint with the first three steps and F1.

The sample plan is the one ``app.py`` gave an empty database; its id is remembered in
QSettings together with the database it lives in (``Key.SAMPLE_PLAN``), so a plan of the
same number in another database, or the clerk's own plans, are never labelled. The hint is
shown once (``Key.GUIDE_SEEN``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from cchc_desktop.ui.ui_state import Key

SAMPLE_SUFFIX = " (mẫu)"
SAMPLE_TITLE = "Kế hoạch mẫu"
SAMPLE_TEXT = "Đây là kế hoạch mẫu để xem thử. Nhập kế hoạch của cơ quan: Tệp → Nhập từ Word…"
HINT_TEXT = (
    "<b>Bắt đầu trong 3 bước:</b> "
    "1. Tệp → Nhập kế hoạch từ Word… (hoặc Kế hoạch mới…); "
    "2. Tệp → Sao chép sang năm mới… để lập kế hoạch năm sau; "
    "3. Nhập kết quả ở tab Theo dõi thực hiện, rồi Xuất báo cáo. "
    "&nbsp; <b>F1</b> — Hướng dẫn sử dụng"
)


def mark_sample(settings: QSettings, db_path: Path | None, plan_id: int) -> None:
    """Remember that ``plan_id`` of the database at ``db_path`` is the sample plan."""
    settings.setValue(Key.SAMPLE_PLAN, f"{plan_id}|{db_path}")


def is_sample(settings: QSettings, db_path: Path | None, plan_id: int | None) -> bool:
    stored = settings.value(Key.SAMPLE_PLAN)
    return plan_id is not None and bool(stored) and str(stored) == f"{plan_id}|{db_path}"


class InfoBar(QFrame):
    """A blue strip above the tabs that stays until the clerk closes it."""

    closed = Signal()

    def __init__(self, name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#{name} {{ background: #E8F4FD; border: 1px solid #1F3A5F; border-radius: 3px; }}"
            f" #{name} QLabel {{ color: #1F3A5F; }}"
        )
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(
            Qt.TextFormat.RichText if "<b>" in text else Qt.TextFormat.PlainText
        )
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Đóng thông báo")
        self.close_button.clicked.connect(self._close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 4, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    def _close(self) -> None:
        self.hide()
        self.closed.emit()


class FirstStart:
    """The two bars of the window and when they show."""

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        self.settings = settings
        self.hint = InfoBar("firstStartHint", HINT_TEXT, parent)
        self.sample_bar = InfoBar("sampleBar", SAMPLE_TEXT, parent)
        self._sample_dismissed = False
        self.hint.closed.connect(self._hint_seen)
        self.sample_bar.closed.connect(self._sample_closed)
        # Shown once: remembered as soon as it has been shown, closed or not.
        self.hint.setVisible(not _truthy(settings.value(Key.GUIDE_SEEN)))
        if self.hint.isVisibleTo(parent):
            settings.setValue(Key.GUIDE_SEEN, True)
        self.sample_bar.hide()

    def show_sample(self, sample: bool) -> None:
        self.sample_bar.setVisible(sample and not self._sample_dismissed)

    def _hint_seen(self) -> None:
        self.settings.setValue(Key.GUIDE_SEEN, True)

    def _sample_closed(self) -> None:
        self._sample_dismissed = True  # for this session: the label in the chooser stays


def _truthy(value: object) -> bool:
    return str(value).lower() in ("true", "1")
