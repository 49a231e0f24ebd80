"""Evidence files from the check-in form: pick a file, copy it into the data folder (off the
GUI thread: a scanned decision can be large), and open a stored copy with the system's viewer.

The copy is named by its content hash (:mod:`cchc_desktop.services.evidence`), so the
clerk's original may be renamed, moved or deleted afterwards; the original name is kept for
display only. Recording the evidence on the check-in is the caller's (one undoable command).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from cchc_desktop.domain.model import Evidence
from cchc_desktop.errors import UserError

from cchc_desktop.ui import file_dialogs
from cchc_desktop.ui.background import Background
from cchc_desktop.ui.ui_state import Key

FILTER = (
    "Tài liệu, ảnh (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods *.jpg *.jpeg *.png *.tif "
    "*.tiff *.zip);;Mọi tệp (*)"
)


class EvidenceFiles(QObject):
    """Attach and open evidence files of the database at ``db_path``."""

    def __init__(
        self,
        parent: QWidget,
        settings: QSettings,
        background: Background,
        db_path: Callable[[], Path | None],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.settings = settings
        self.background = background
        self._db_path = db_path
        self.copying = 0  # copies under way (tests wait for 0)

    def ask_and_copy(
        self,
        on_copied: Callable[[str, str], object],
        on_refused: Callable[[str], object],
    ) -> None:
        """Ask for a file and copy it; ``on_copied(stored_name, original_name)`` or
        ``on_refused(message)`` is called on the GUI thread."""
        db_path = self._db_path()
        if db_path is None:  # an in-memory database has no data folder to copy into
            on_refused("Cơ sở dữ liệu này không có thư mục dữ liệu để lưu tệp kiểm chứng.")
            return
        source = file_dialogs.open_path(
            self.parent_widget,
            self.settings,
            Key.EVIDENCE_FOLDER,
            "Đính kèm tệp kiểm chứng",
            FILTER,
        )
        if source is None:
            return
        if not source.is_file():
            on_refused(f"Không tìm thấy tệp “{source.name}” (hoặc đó là một thư mục).")
            return
        if not os.access(source, os.R_OK):
            on_refused(f"Không đọc được tệp “{source.name}”: không có quyền đọc.")
            return

        def work() -> tuple[str, str]:
            from cchc_desktop.services.evidence import attach_evidence_file

            return attach_evidence_file(db_path, source)

        def done(names: tuple[str, str]) -> None:
            self.copying -= 1
            on_copied(*names)

        def failed(exc: BaseException) -> None:
            self.copying -= 1
            if isinstance(exc, UserError):
                on_refused(exc.message)
            else:  # a bug: logged and shown as one
                sys.excepthook(type(exc), exc, exc.__traceback__)

        self.copying += 1
        self.background.run(work, done, failed, "Đang sao chép tệp kiểm chứng…")

    def open(self, item: Evidence) -> str | None:
        """Open the stored copy of ``item``; a Vietnamese message when it cannot be opened."""
        db_path = self._db_path()
        if not item.file or db_path is None:
            return "Tài liệu này không có tệp đính kèm."
        from cchc_desktop.services.evidence import resolve_evidence

        try:
            path = resolve_evidence(db_path, item.file)
        except UserError as err:
            return err.message
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return f"Không mở được tệp “{item.original_name or path.name}” trên máy này."
        return None
