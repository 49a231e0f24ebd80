"""The "Sao lưu" / "Phục hồi" dialog of the Tệp menu: the list of backups with their dates,
a backup made now (into the folder or to a chosen file), a restore of the selected backup or
of a file.

One call from the main window::

    if open_backup_dialog(self, self.db, restore=False):   # "Phục hồi…": restore=True
        self._reload_everything()   # a restore replaced the data under every view

Everything goes through :mod:`cchc_desktop.services.backups`; before a restore the dialog
closes the window's database connections (``db.engine.dispose()``), and the same ``db``
object sees the restored data afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import UserError
from cchc_desktop.paths import backups_dir
from cchc_desktop.services.backups import BackupEntry, list_backups, make_backup, restore_backup
from cchc_desktop.storage.database import Database

from cchc_desktop.ui import file_dialogs
from cchc_desktop.ui.models.table_base import HeadedTableModel

_Index = QModelIndex | QPersistentModelIndex
FILE_FILTER = "Bản sao lưu CCHC (*.sqlite *.db);;Mọi tệp (*)"


class BackupTableModel(HeadedTableModel):
    """The backups of one database, newest first: date, kind, size."""

    COL_DATE, COL_KIND, COL_SIZE = range(3)
    HEADERS = ("Thời điểm", "Loại", "Dung lượng")
    headers = HEADERS
    row_numbers = False
    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.entries: list[BackupEntry] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.entries = list_backups(self.db_path)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.date_text, entry.label, entry.size_text)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.EntryRole:
            return entry
        return None


class BackupDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *, restore: bool = False):
        super().__init__(parent)
        assert db.path is not None, "backups need an SQLite file"
        self.db = db
        self.db_path: Path = db.path
        self.restored = False
        self.setWindowTitle("Phục hồi dữ liệu" if restore else "Sao lưu dữ liệu")
        self.resize(640, 420)
        self._build(restore)
        self._connect_signals()
        self._update_buttons()

    def _build(self, restore: bool) -> None:
        layout = QVBoxLayout(self)
        intro = (
            "Chọn một bản sao lưu rồi bấm “Phục hồi”. Dữ liệu hiện tại sẽ được sao lưu "
            "trước khi bị thay thế."
            if restore
            else "Phần mềm tự sao lưu mỗi ngày khi mở và trước mỗi lần nhập, nâng cấp, "
            "phục hồi hay xoá kế hoạch."
        )
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.folder_label = QLabel(f"Thư mục sao lưu: {backups_dir(self.db_path)}", self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)
        self.model = BackupTableModel(self.db_path, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BackupTableModel.COL_KIND, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.empty_label = QLabel("Chưa có bản sao lưu nào.", self)
        self.empty_label.setVisible(self.model.rowCount() == 0)
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        self.backup_now = QPushButton("Sao lưu ngay", self)
        self.backup_to_file = QPushButton("Sao lưu ra tệp…", self)
        self.restore_selected = QPushButton("Phục hồi bản đã chọn…", self)
        self.restore_file = QPushButton("Phục hồi từ tệp…", self)
        self.open_folder = QPushButton("Mở thư mục", self)
        self.close_button = QPushButton("Đóng", self)
        for button in (
            self.backup_now,
            self.backup_to_file,
            self.restore_selected,
            self.restore_file,
            self.open_folder,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        (self.restore_selected if restore else self.backup_now).setDefault(True)

    def _connect_signals(self) -> None:
        self.backup_now.clicked.connect(self._on_backup_now)
        self.backup_to_file.clicked.connect(self._on_backup_to_file)
        self.restore_selected.clicked.connect(self._on_restore_selected)
        self.restore_file.clicked.connect(self._on_restore_file)
        self.open_folder.clicked.connect(self._on_open_folder)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    # -- helpers ---------------------------------------------------------------------------
    def selected_entry(self) -> BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry = self.model.data(rows[0], BackupTableModel.EntryRole)
        return entry if isinstance(entry, BackupEntry) else None

    def _update_buttons(self) -> None:
        self.restore_selected.setEnabled(self.selected_entry() is not None)
        self.empty_label.setVisible(self.model.rowCount() == 0)

    def _refresh(self) -> None:
        self.model.refresh()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _error(self, err: UserError) -> None:
        QMessageBox.warning(self, self.windowTitle(), err.message)

    # -- actions ---------------------------------------------------------------------------
    def _on_backup_now(self) -> None:
        try:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                target = make_backup(self.db_path)
            finally:
                QApplication.restoreOverrideCursor()
        except UserError as err:
            self._error(err)
            return
        self._refresh()
        QMessageBox.information(self, self.windowTitle(), f"Đã sao lưu vào:\n{target}")

    def _on_backup_to_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Sao lưu ra tệp",
            str(Path.home() / "cchc-sao-luu.sqlite"),
            FILE_FILTER,
            "",
            file_dialogs.options(save=True),
        )
        # Asked in Vietnamese after the lock-file check: Qt's question replaced a file that
        # LibreOffice had open (issue 17, point 7).
        if not name or not file_dialogs.may_replace(self, "Sao lưu ra tệp", Path(name)):
            return
        try:
            make_backup(self.db_path, Path(name))
        except UserError as err:
            self._error(err)
            return
        QMessageBox.information(self, self.windowTitle(), f"Đã sao lưu vào:\n{name}")

    def _on_restore_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self._restore(entry.path, f"bản sao lưu lúc {entry.date_text} ({entry.label})")

    def _on_restore_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Chọn tệp sao lưu",
            str(backups_dir(self.db_path)),
            FILE_FILTER,
            "",
            file_dialogs.options(),
        )
        if name:
            self._restore(Path(name), f"tệp {Path(name).name}")

    def _on_open_folder(self) -> None:
        folder = backups_dir(self.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _restore(self, source: Path, what: str) -> None:
        answer = QMessageBox.question(
            self,
            "Phục hồi dữ liệu",
            f"Thay toàn bộ dữ liệu hiện tại bằng {what}?\n\nDữ liệu hiện tại sẽ được sao lưu "
            "trước, nên vẫn có thể quay lại.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.db.engine.dispose()  # no connection of ours may hold the old file
        try:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                restore_backup(self.db_path, source)
            finally:
                QApplication.restoreOverrideCursor()
        except UserError as err:
            self._error(err)
            return
        self.restored = True
        self._refresh()
        QMessageBox.information(self, "Phục hồi dữ liệu", f"Đã phục hồi dữ liệu từ {what}.")


def open_backup_dialog(parent: QWidget | None, db: Database, *, restore: bool = False) -> bool:
    """Show the dialog (modal). True when a restore replaced the data: reload every view."""
    dialog = BackupDialog(db, parent, restore=restore)
    dialog.exec()
    return dialog.restored
