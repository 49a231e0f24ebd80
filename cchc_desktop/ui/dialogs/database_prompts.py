"""What the window says when the database cannot be opened for writing, and the way out.

:func:`open_database_for_window` is the start-up call of ``app.py`` (after the QApplication
exists, before the main window)::

    db = open_database_for_window(db_path)
    if db is None:
        return 1

- damaged database: says so in Vietnamese, offers to restore the newest good backup (the
  damaged file is kept aside, renamed); after a restore it opens the database again;
- in use by another copy of the application: says who holds it;
- too new, not a CCHC database, disk errors: the message of the error.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from cchc_desktop.errors import DamagedDatabaseError, DatabaseInUseError, UserError
from cchc_desktop.services.backups import newest_good_backup, restore_newest_good_backup
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.startup import open_for_app

TITLE = "CCHC Desktop"


def prompt_damaged_database(err: DamagedDatabaseError, parent: QWidget | None = None) -> bool:
    """Offer to restore the newest good backup; True when it was restored."""
    db_path = Path(err.path)
    best = newest_good_backup(db_path)
    if best is None:
        QMessageBox.critical(
            parent,
            TITLE,
            f"{err.message}\n\nKhông tìm thấy bản sao lưu nào dùng được trong thư mục "
            f"{db_path.parent / 'backups'}. Tệp hỏng được giữ nguyên; hãy liên hệ bộ phận "
            "tin học.",
        )
        return False
    answer = QMessageBox.question(
        parent,
        TITLE,
        f"{err.message}\n\nPhục hồi từ bản sao lưu gần nhất còn tốt, lúc {best.date_text} "
        f"({best.label})?\nTệp hỏng sẽ được giữ lại (đổi tên), không bị xoá.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        result = restore_newest_good_backup(db_path)
    except UserError as failure:
        QMessageBox.critical(parent, TITLE, failure.message)
        return False
    kept = f"\nTệp hỏng được giữ tại: {result.set_aside}" if result.set_aside else ""
    QMessageBox.information(
        parent, TITLE, f"Đã phục hồi từ bản sao lưu lúc {best.date_text}.{kept}"
    )
    return True


def show_database_error(err: UserError, parent: QWidget | None = None) -> None:
    """A database that cannot be used (in use, too new, not ours): the message, then stop."""
    icon = QMessageBox.warning if isinstance(err, DatabaseInUseError) else QMessageBox.critical
    icon(parent, TITLE, err.message)


def open_database_for_window(db_path: Path | str, parent: QWidget | None = None) -> Database | None:
    """Open the database for the window, handling refusals with dialogs; None means quit."""
    for _attempt in range(3):
        try:
            return open_for_app(db_path)
        except DamagedDatabaseError as err:
            if not prompt_damaged_database(err, parent):
                return None
        except UserError as err:
            show_database_error(err, parent)
            return None
    return None
