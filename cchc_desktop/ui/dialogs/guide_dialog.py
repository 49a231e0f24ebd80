"""The user guide (Trợ giúp → Hướng dẫn sử dụng, F1): ``resources/guide/huong-dan.html`` in
a QTextBrowser. Its screenshots are written by the test suite (tests/ui/test_user_guide.py)
from the window itself, so the guide never shows an old window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from cchc_desktop.paths import resources_dir

GUIDE_PAGE = "huong-dan.html"
TITLE = "Hướng dẫn sử dụng"


def guide_dir() -> Path:
    return resources_dir() / "guide"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{TITLE} CCHC Desktop")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(guide_dir())])
        self.browser.setSource(QUrl.fromLocalFile(str(guide_dir() / GUIDE_PAGE)))
        buttons = QDialogButtonBox(self)
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 640)
