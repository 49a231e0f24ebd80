"""The main window: a plan chooser, five tabs, menus, a toolbar and a status bar.

Every edit in a tab is stored at once through a command on the shared undo stack, so
there is no Save button and nothing to lose; the status bar says what just happened.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import __version__
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import UserError
from cchc_desktop.faults import as_user_error
from cchc_desktop.paths import data_dir, log_dir
from cchc_desktop.storage.database import Database

from cchc_desktop.ui.background import Background
from cchc_desktop.ui.drafts import DraftKeeper
from cchc_desktop.ui.first_start import SAMPLE_SUFFIX, SAMPLE_TITLE, FirstStart, is_sample
from cchc_desktop.ui.models.plan_list_model import plan_label
from cchc_desktop.ui.plan_actions import PlanActions
from cchc_desktop.ui.plan_document import PlanDocument
from cchc_desktop.ui.text_shortcuts import WindowShortcutsFirst
from cchc_desktop.ui.ui_state import Key, restore_state, save_state
from cchc_desktop.ui.unit_forms import UnitForms
from cchc_desktop.ui.widgets.guards import ChoiceOnlyFromList

if TYPE_CHECKING:
    from cchc_desktop.ui.exporting import Exporter
    from cchc_desktop.ui.tabs.checkins_tab import CheckinsTab
    from cchc_desktop.ui.tabs.content_tab import ContentTab
    from cchc_desktop.ui.tabs.info_tab import InfoTab
    from cchc_desktop.ui.tabs.overview_tab import OverviewTab
    from cchc_desktop.ui.tabs.report_tab import ReportTab
    from cchc_desktop.ui.tabs.tasks_tab import TasksTab
    from cchc_desktop.ui.tabs.units_tab import UnitsTab

APP_TITLE = "CCHC Desktop"
TAB_OVERVIEW, TAB_INFO, TAB_CONTENT, TAB_TASKS, TAB_CHECKINS, TAB_UNITS, TAB_REPORT = range(7)
TAB_TITLES = (
    "Tổng quan", "Thông tin kế hoạch", "Nội dung", "Nhiệm vụ", "Theo dõi thực hiện", "Đơn vị",
    "Báo cáo",
)  # fmt: skip
SCREENSHOT_NAMES = (
    "0-tong-quan",
    "1-thong-tin-ke-hoach",
    "2-noi-dung",
    "3-nhiem-vu",
    "4-theo-doi-thuc-hien",
    "5-don-vi",
    "6-bao-cao",
)
STATUS_MS = 10000
WRITING_SERVICES = tuple(
    f"cchc_desktop.services.{name}"
    for name in ("plan_edit", "plan_store", "sections", "tasks", "checkins", "units")
)


SAVED_MESSAGE = "Đã lưu. Mọi thay đổi được lưu ngay khi bạn sửa, không cần bấm Lưu."


class MainWindow(QMainWindow):
    def __init__(
        self,
        doc: PlanDocument,
        settings: QSettings,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        doc.setParent(self)
        self.settings = settings
        self._today = today
        self.last_status = ""
        self.background = Background(self, busy=self._set_busy)
        self.plan_actions = PlanActions(self, doc, self.show_status, lambda: today().year)
        self._exporter: Exporter | None = None
        self.guide: QWidget | None = None
        self.unit_forms = UnitForms(
            self, doc, settings, self.background, self.show_status, self._on_work_failed
        )
        # Text being typed kept as a draft; a crash's drafts offered back (issue 17, point 5).
        self.drafts = DraftKeeper(self)
        self._build_tabs()
        self._build_actions()
        self._build_menus()
        self._shortcuts_first = WindowShortcutsFirst(
            self, [a for a in self.findChildren(QAction) if a not in (self.act_undo, self.act_redo)]
        )
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._shortcuts_first)
        self._build_toolbar()
        self._build_status_bar()
        self._connect_signals()
        self.resize(1366, 768)
        self._restore_settings()
        self._refresh_plan_chooser()
        self._on_plan_loaded()
        self.change_watcher: QObject | None = None
        self._watch_changes()

    def _watch_changes(self) -> None:
        if self.change_watcher is not None:
            self.change_watcher.timer.stop()  # type: ignore[attr-defined]
            self.change_watcher.deleteLater()
            self.change_watcher = None
        if self.doc.db.engine.dialect.name != "sqlite":
            # Server mode: other clerks write too; poll for their edits (issue 19).
            from cchc_desktop.ui.change_watcher import ChangeWatcher

            self.change_watcher = ChangeWatcher(self.doc, self)

    def switch_database(self, db: Database) -> None:
        """Work on ``db`` from now on (the server, or the local file again): the open plan,
        its undo history and the old database's connections and lock are let go."""
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a field being edited stores into the old database first
        self.background.wait()
        old = self.doc.db
        self.doc.close()
        self.doc.db = db
        self._watch_changes()
        old.dispose()
        self.daily_server_backup()
        self.open_plan(None)
        self._refresh_plan_chooser()

    def connect_server(self) -> None:
        from cchc_desktop.ui.database_switch import connect_server

        connect_server(self)

    def warm_up(self) -> None:
        """Import the writing services (and build their SQLModel table classes, ~80 ms); the
        application calls this once the window is on screen, so that the clerk's first edit
        does not wait for them."""
        for name in WRITING_SERVICES:
            importlib.import_module(name)
        self.daily_server_backup()

    def daily_server_backup(self) -> Path | None:
        """Server mode: the day's JSON bundle of every plan into the backups folder of this
        PC (the server has no file to copy); a failure is logged, never in the clerk's way."""
        if self.doc.db.engine.dialect.name == "sqlite":
            return None
        import logging

        from sqlalchemy.exc import SQLAlchemyError

        from cchc_desktop.services.bundle import daily_server_backup

        try:
            return daily_server_backup(self.doc.db, data_dir() / "backups")
        except (UserError, OSError, SQLAlchemyError) as err:  # e.g. the server just went away
            logging.getLogger(__name__).warning("daily server backup failed: %s", err)
            return None

    # -- layout -----------------------------------------------------------------------------
    # Tabs are built (and their modules imported) when first shown or asked for: the
    # window paints sooner, and a tab nobody opens costs nothing.
    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._built: dict[int, QWidget] = {}
        for title in TAB_TITLES:
            self.tabs.addTab(QWidget(self.tabs), title)
        # The first-start hint and the sample plan's bar, above the tabs (issue 17).
        central = QWidget(self)
        self.first_start = FirstStart(self.settings, central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.first_start.hint)
        layout.addWidget(self.first_start.sample_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _make_tab(self, index: int) -> QWidget:
        if index == TAB_OVERVIEW:
            from cchc_desktop.ui.tabs.overview_tab import OverviewTab

            overview = OverviewTab(self.doc, self._today, self, background=self.background)
            overview.checkins_requested.connect(self._show_filtered_checkins)
            overview.task_requested.connect(self._show_task_checkins)
            overview.unit_tasks_requested.connect(self._show_unit_tasks)
            return overview
        if index == TAB_INFO:
            from cchc_desktop.ui.tabs.info_tab import InfoTab

            return InfoTab(self.doc, self.settings, self)
        if index == TAB_CONTENT:
            from cchc_desktop.ui.tabs.content_tab import ContentTab

            return ContentTab(self.doc, self.settings, self)
        if index == TAB_TASKS:
            from cchc_desktop.ui.tabs.tasks_tab import TasksTab

            return TasksTab(self.doc, self.settings, self)
        if index == TAB_CHECKINS:
            from cchc_desktop.ui.tabs.checkins_tab import CheckinsTab

            return CheckinsTab(
                self.doc, self.settings, self._today, self,
                background=self.background, forms=self.unit_forms,
            )  # fmt: skip
        if index == TAB_REPORT:
            from cchc_desktop.ui.tabs.report_tab import ReportTab

            report = ReportTab(self.doc, self)
            report.task_requested.connect(self._show_task_checkins)
            return report
        from cchc_desktop.ui.tabs.units_tab import UnitsTab

        return UnitsTab(self.doc, self)

    def tab(self, index: int) -> QWidget:
        """The tab at ``index``, built on first use in place of its placeholder."""
        built = self._built.get(index)
        if built is not None:
            return built
        widget = self._make_tab(index)
        self._built[index] = widget
        self.drafts.attach(widget)
        current = self.tabs.currentIndex()
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, TAB_TITLES[index])
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()
        return widget

    @property
    def exporter(self) -> Exporter:
        """Exports and imports, set up on first use (python-docx, openpyxl load later still)."""
        if self._exporter is None:
            from cchc_desktop.ui.exporting import Exporter

            self._exporter = Exporter(
                self, self.settings, self.background, lambda: self.doc.plan, self.show_status,
                self._on_work_failed,
            )  # fmt: skip
        return self._exporter

    @property
    def overview_tab(self) -> OverviewTab:
        return self.tab(TAB_OVERVIEW)  # type: ignore[return-value]

    @property
    def info_tab(self) -> InfoTab:
        return self.tab(TAB_INFO)  # type: ignore[return-value]

    @property
    def content_tab(self) -> ContentTab:
        return self.tab(TAB_CONTENT)  # type: ignore[return-value]

    @property
    def tasks_tab(self) -> TasksTab:
        return self.tab(TAB_TASKS)  # type: ignore[return-value]

    @property
    def checkins_tab(self) -> CheckinsTab:
        return self.tab(TAB_CHECKINS)  # type: ignore[return-value]

    @property
    def report_tab(self) -> ReportTab:
        return self.tab(TAB_REPORT)  # type: ignore[return-value]

    @property
    def units_tab(self) -> UnitsTab:
        return self.tab(TAB_UNITS)  # type: ignore[return-value]

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self._build_plan_actions()
        self._build_transfer_actions()
        self._build_forms_and_backup_actions()
        self._build_edit_actions()
        self.plan_only = (
            self.act_copy, self.act_rename, self.act_delete, self.act_export_plan,
            self.act_export_plan_pdf, self.act_export_xlsx, self.act_export_report_docx,
            self.act_export_report_pdf, self.act_export_json, self.act_export_forms,
            self.act_import_forms, self.act_find,
        )  # fmt: skip

    def _build_plan_actions(self) -> None:
        """New, open, copy, rename, delete: the plan as a whole."""
        sp = QStyle.StandardPixmap
        pa = self.plan_actions
        self.act_new = self._action(
            "Kế hoạch mới…",
            pa.new_plan,
            QKeySequence.StandardKey.New,
            sp.SP_FileIcon,
            "Tạo một kế hoạch mới",
        )
        self.act_choose = self._action(
            "Danh sách kế hoạch…",
            pa.choose,
            "Ctrl+O",
            sp.SP_DirOpenIcon,
            "Mở, sao chép, đổi tên, xóa kế hoạch",
        )
        self.act_copy = self._action(
            "Sao chép sang năm mới…",
            lambda: pa.copy_plan(),
            None,
            None,
            "Tạo kế hoạch năm sau từ kế hoạch này",
        )
        self.act_rename = self._action("Đổi tên kế hoạch…", lambda: pa.rename_plan())
        self.act_delete = self._action("Xóa kế hoạch…", lambda: pa.delete_plan())

    def _build_transfer_actions(self) -> None:
        """Imports and exports of the plan and its reports."""
        sp = QStyle.StandardPixmap
        pa = self.plan_actions
        self.act_import_json = self._action(
            "Nhập kế hoạch từ JSON…", lambda: self.exporter.read_json(pa.store_imported)
        )
        self.act_import_docx = self._action(
            "Nhập kế hoạch từ Word…", lambda: self.exporter.read_docx(pa.preview_docx)
        )
        self.act_export_plan = self._action(
            "Xuất kế hoạch (.docx)…",
            lambda: self.exporter.export_plan_docx(),
            "Ctrl+E",
            sp.SP_DialogSaveButton,
            "Văn bản kế hoạch theo Nghị định 30/2020",
        )
        self.act_export_plan_pdf = self._action(
            "Xuất PDF để ký số (kế hoạch)…",
            lambda: self.exporter.export_plan_pdf(),
            None,
            None,
            "Kế hoạch dạng PDF để ký số (cần LibreOffice hoặc Microsoft Word)",
        )
        self.act_export_xlsx = self._action(
            "Xuất báo cáo (.xlsx)…",
            lambda: self.exporter.export_report(".xlsx", self._report_period()),
            None,
            sp.SP_FileDialogDetailedView,
            "Báo cáo tiến độ theo kỳ (Excel)",
        )
        self.act_export_report_docx = self._action(
            "Xuất báo cáo (.docx)…",
            lambda: self.exporter.export_report(".docx", self._report_period()),
            None,
            None,
            "Báo cáo tiến độ theo kỳ (Word)",
        )
        self.act_export_report_pdf = self._action(
            "Xuất PDF để ký số (báo cáo)…",
            lambda: self.exporter.export_report(".pdf", self._report_period()),
            None,
            None,
            "Báo cáo theo kỳ dạng PDF để ký số (cần LibreOffice hoặc Microsoft Word)",
        )
        self.act_export_json = self._action("Xuất JSON…", lambda: self.exporter.export_json())

    def _build_forms_and_backup_actions(self) -> None:
        """The units' forms out and back, the backups, quitting."""
        self.act_export_forms = self._action(
            "Xuất phiếu báo cáo cho đơn vị…",
            lambda: self.unit_forms.export_forms(self._report_period()),
            None,
            None,
            "Mỗi đơn vị một phiếu Excel của quý đang chọn ở tab Theo dõi thực hiện",
        )
        self.act_import_forms = self._action(
            "Nhập phiếu đã điền…",
            self._import_forms,
            None,
            None,
            "Đọc phiếu đơn vị gửi lại, xem trước rồi lưu kết quả",
        )
        self.act_backup = self._action("Sao lưu…", lambda: self.open_backups(restore=False))
        self.act_restore = self._action("Phục hồi…", lambda: self.open_backups(restore=True))
        self.act_server = self._action(
            "Kết nối máy chủ…",
            self.connect_server,
            None,
            None,
            "Dùng cơ sở dữ liệu chung của văn phòng trên máy chủ PostgreSQL, hoặc tệp trên máy",
        )
        self.act_quit = self._action("Thoát", self.close, QKeySequence.StandardKey.Quit)

    def _build_edit_actions(self) -> None:
        """Undo and redo (the document's stack), find, about."""
        sp = QStyle.StandardPixmap
        stack = self.doc.undo_stack
        self.act_undo = stack.createUndoAction(self, "Hoàn tác")
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_undo.setIcon(self.style().standardIcon(sp.SP_ArrowBack))
        self.act_redo = stack.createRedoAction(self, "Làm lại")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_redo.setIcon(self.style().standardIcon(sp.SP_ArrowForward))
        self.act_find = self._action("Tìm nhiệm vụ", self.focus_search, "Ctrl+F")
        # Every edit is stored as it is made; Ctrl+S (the key every clerk presses) finishes
        # the field being typed in and says so, instead of doing nothing (issue 17, point 9).
        self.act_save = self._action("Lưu", self.save_now, QKeySequence.StandardKey.Save)
        self.act_about = self._action("Giới thiệu…", self.show_about)
        self.act_guide = self._action(
            "Hướng dẫn sử dụng", self.show_guide, QKeySequence.StandardKey.HelpContents
        )
        self.act_guide.setShortcuts([QKeySequence("F1")])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        for item in (
            self.act_new, self.act_choose, self.act_copy, self.act_rename, self.act_delete, None,
            self.act_import_json, self.act_import_docx, None, self.act_export_plan,
            self.act_export_plan_pdf, self.act_export_xlsx, self.act_export_report_docx,
            self.act_export_report_pdf, self.act_export_json, None,
            self.act_export_forms, self.act_import_forms, None, self.act_backup, self.act_restore,
            None, self.act_server, None, self.act_quit,
        ):  # fmt: skip
            if item is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(item)
        edit_menu = bar.addMenu("&Sửa")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_save)
        edit_menu.addAction(self.act_find)
        help_menu = bar.addMenu("Trợ &giúp")
        help_menu.addAction(self.act_guide)
        help_menu.addSeparator()
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Thanh công cụ", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addWidget(QLabel(" Kế hoạch: ", toolbar))
        self.plan_chooser = QComboBox(toolbar)
        # Narrow enough that the export buttons still fit at 1024 px (the full name is in the
        # item tooltips and the window title); the combo grows on wider screens.
        self.plan_chooser.setMinimumContentsLength(22)
        self.plan_chooser.setMaximumWidth(460)
        self.plan_chooser.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.plan_chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.plan_chooser.setToolTip("Chọn kế hoạch để làm việc")
        self._chooser_guard = ChoiceOnlyFromList(self.plan_chooser)
        self.plan_chooser.installEventFilter(self._chooser_guard)
        toolbar.addWidget(self.plan_chooser)
        toolbar.addAction(self.act_choose)
        toolbar.addSeparator()
        toolbar.addAction(self.act_undo)
        toolbar.addAction(self.act_redo)
        toolbar.addSeparator()
        toolbar.addAction(self.act_export_plan)
        toolbar.addAction(self.act_export_xlsx)
        # Short fixed labels: undo's text grows with the command's name ("Hoàn tác Sửa tên
        # nhiệm vụ") and pushed the export buttons behind "»" (issue 17).
        for action, label in (
            (self.act_choose, "Danh sách"),
            (self.act_undo, "Hoàn tác"),
            (self.act_redo, "Làm lại"),
            (self.act_export_plan, "Xuất kế hoạch"),
            (self.act_export_xlsx, "Xuất báo cáo"),
        ):
            action.setIconText(label)
        for action in (self.act_undo, self.act_redo):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the exporters do not report steps
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        if getattr(self.doc.db, "read_only", False):
            # A read-only folder or file (issue 16, item 6): said once and for all, beside
            # the message each refused edit gives.
            self.read_only_label = QLabel("Chỉ đọc: không lưu được thay đổi", self)
            self.read_only_label.setToolTip(
                "Thư mục hoặc tệp dữ liệu chỉ cho phép đọc. Có thể xem, in và xuất kế hoạch, "
                "báo cáo; muốn sửa, hãy chép tệp sang thư mục có quyền ghi."
            )
            self.statusBar().addPermanentWidget(self.read_only_label)

    def _connect_signals(self) -> None:
        self.doc.plan_loaded.connect(self._on_plan_loaded)
        self.doc.header_changed.connect(self._on_header_changed)
        self.doc.refused.connect(self._on_refused)
        self.doc.message.connect(self.show_status)
        self.act_undo.triggered.connect(lambda: self.show_status("Đã hoàn tác"))
        self.act_redo.triggered.connect(lambda: self.show_status("Đã làm lại"))
        self.plan_actions.plans_changed.connect(self._refresh_plan_chooser)
        self.plan_chooser.activated.connect(self._on_plan_chosen)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    # -- public -----------------------------------------------------------------------------
    def open_plan(self, plan_id: int | None) -> None:
        """Open ``plan_id``, else the last plan, else the newest; none when there is none."""
        plans = self.plan_actions.plans()
        ids = [p.id for p in plans]
        last = self.settings.value(Key.LAST_PLAN)
        for candidate in (plan_id, int(last) if last else None, ids[0] if ids else None):
            if candidate in ids:
                self.plan_actions.open(candidate)
                return
        if plan_id is not None:
            self.show_status(f"Không có kế hoạch số {plan_id}")
        self.doc.close()
        self.first_start.show_sample(False)

    def show_status(self, text: str) -> None:
        self.last_status = text
        self.statusBar().showMessage(text, STATUS_MS)

    def save_now(self) -> None:
        """Commit the field being typed in (its editor stores on leaving it) and say that
        nothing else needs saving."""
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
            focused.setFocus()
        self.show_status(SAVED_MESSAGE)

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.tasks_tab)
        self.tasks_tab.focus_search()

    def show_about(self) -> None:
        db_path = self.doc.db.path
        where = str(db_path) if db_path else self.doc.db.url
        logs = log_dir(db_path) if db_path else data_dir()
        QMessageBox.about(
            self,
            "Giới thiệu CCHC Desktop",
            f"<h3>CCHC Desktop {__version__}</h3>"
            "<p>Lập kế hoạch cải cách hành chính, theo dõi thực hiện theo quý và xuất văn bản "
            "theo Nghị định 30/2020/NĐ-CP. Chạy hoàn toàn trên máy, không cần Internet.</p>"
            f"<p><b>Thư mục dữ liệu:</b> {data_dir()}<br>"
            f"<b>Cơ sở dữ liệu:</b> {where}<br>"
            f"<b>Nhật ký lỗi:</b> {logs}</p>",
        )

    def show_guide(self) -> None:
        """The user guide, in a window of its own beside the main one (not modal)."""
        from cchc_desktop.ui.dialogs.guide_dialog import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self)
        self.guide.show()
        self.guide.raise_()

    def open_backups(self, restore: bool) -> None:
        """The backup dialog (the storage engineer's); a restore reloads every view."""
        from cchc_desktop.ui.dialogs.backup_dialog import open_backup_dialog

        if open_backup_dialog(self, self.doc.db, restore=restore):
            self.doc.undo_stack.clear()  # the history belongs to the data that was replaced
            plan_id = self.doc.plan_id if self.doc.is_open else None
            self.doc.plan = None
            self.open_plan(plan_id)
            self._refresh_plan_chooser()
            self.show_status("Đã phục hồi dữ liệu từ bản sao lưu")

    def save_screenshots(self, folder: Path) -> list[Path]:
        """One PNG per tab at the window's current size (1366×768 for the docs)."""
        folder.mkdir(parents=True, exist_ok=True)
        saved = []
        for index, name in enumerate(SCREENSHOT_NAMES):
            self.tabs.setCurrentIndex(index)
            # Paint, then whatever a tab starts once painted, off the GUI thread or not.
            QApplication.processEvents()
            QApplication.processEvents()
            self.background.wait()
            QApplication.processEvents()
            path = folder / f"{name}.png"
            self.grab().save(str(path))
            saved.append(path)
        return saved

    # -- callbacks --------------------------------------------------------------------------
    def _report_period(self) -> Period | None:
        return self.checkins_tab.current_period

    def _show_filtered_checkins(self, period: str, unit: str, key: str, label: str) -> None:
        """A bar of "Tổng quan" was clicked: its tasks in the check-in tab."""
        from cchc_desktop.domain.overview import state_filter

        tab = self.checkins_tab
        chosen = Period.parse(period)
        # The check-in tab works by quarter: a half year or a year opens on its last quarter.
        quarter = (
            chosen if chosen.kind.value == "Q" else Period.quarter(chosen.year, chosen.last_quarter)
        )
        self.tabs.setCurrentWidget(tab)
        tab.set_period(quarter)
        tab.unit_filter.setCurrentIndex(0)
        if not key and not unit:
            tab.set_state_filter(None, "")
            return
        keep = state_filter(key) if key else (lambda _s: True)
        if unit:
            # The dashboard counts a unit's figures over the tasks it leads, as the report.
            tab.set_state_filter(
                lambda s: unit in s.task.lead and keep(s), f"{unit} chủ trì · {label}"
            )
        else:
            tab.set_state_filter(keep, label)

    def _show_task_checkins(self, key: str) -> None:
        """A task of "Tổng quan" was clicked: its check-ins."""
        self.tabs.setCurrentWidget(self.checkins_tab)
        self.checkins_tab.set_state_filter(None, "")
        self.checkins_tab.unit_filter.setCurrentIndex(0)
        self.checkins_tab.select_task_key(key)

    def _show_unit_tasks(self, unit: str) -> None:
        tab = self.tasks_tab
        self.tabs.setCurrentWidget(tab)
        tab.unit_filter.setCurrentIndex(max(0, tab.unit_filter.findData(unit)))

    def _import_forms(self) -> None:
        # The answers land in the check-in tab: show it, so the clerk sees them arrive.
        self.tabs.setCurrentWidget(self.checkins_tab)
        self.unit_forms.import_forms(self._report_period())

    def _on_plan_loaded(self) -> None:
        plan = self.doc.plan
        for action in self.plan_only:
            action.setEnabled(plan is not None)
        self._on_header_changed()
        if plan is not None:
            self.settings.setValue(Key.LAST_PLAN, plan.id)

    def _on_header_changed(self) -> None:
        plan = self.doc.plan
        if plan is None:
            self.setWindowTitle(f"{APP_TITLE} — chưa có kế hoạch")
            return
        read_only = " (chỉ đọc)" if getattr(self.doc.db, "read_only", False) else ""
        sample = self.is_sample(plan.id)
        self.first_start.show_sample(sample)
        self.setWindowTitle(
            f"{APP_TITLE}{read_only} — {f'{SAMPLE_TITLE}: ' if sample else ''}"
            f"{plan.doc_type.capitalize()} "
            f"{plan.number_symbol.strip()} năm {plan.year}: {plan.title}"
        )
        self._refresh_plan_chooser()

    def _refresh_plan_chooser(self) -> None:
        self.plan_chooser.blockSignals(True)
        self.plan_chooser.clear()
        for item in self.plan_actions.plans():
            label = plan_label(item) + (SAMPLE_SUFFIX if self.is_sample(item.id) else "")
            self.plan_chooser.addItem(label, item.id)
            self.plan_chooser.setItemData(
                self.plan_chooser.count() - 1, label, Qt.ItemDataRole.ToolTipRole
            )
        if self.doc.is_open:
            self.plan_chooser.setCurrentIndex(self.plan_chooser.findData(self.doc.plan_id))
        self.plan_chooser.blockSignals(False)

    def is_sample(self, plan_id: int | None) -> bool:
        return is_sample(self.settings, self.doc.db.path, plan_id)

    def _on_plan_chosen(self, index: int) -> None:
        plan_id = self.plan_chooser.itemData(index)
        if plan_id is not None:
            self.plan_actions.open(int(plan_id))

    def _on_refused(self, message: str) -> None:
        show = getattr(self._built.get(self.tabs.currentIndex()), "show_refusal", None)
        if show is not None:
            show(message)
        self.show_status(f"Không lưu: {message}")

    def _on_tab_changed(self, index: int) -> None:
        self.tab(index)
        self.settings.setValue(Key.LAST_TAB, index)

    def _on_work_failed(self, exc: BaseException) -> None:
        fault = as_user_error(exc)  # a full disk, a lock: a message, not a bug
        if fault is not None:
            self.show_status(f"Không thực hiện được: {fault.message}")
            QMessageBox.warning(self, "Không thực hiện được", fault.message)
            return
        self.show_status("Đã xảy ra lỗi không mong muốn")
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _set_busy(self, label: str | None) -> None:
        if label is None:
            self.progress.hide()
        else:
            self.progress.setFormat(label)
            self.progress.show()

    # -- settings ---------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value(Key.WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        restore_state(self.settings, Key.WINDOW_STATE, self)
        tab = self.settings.value(Key.LAST_TAB)
        index = int(tab) if tab is not None and str(tab).isdigit() else TAB_INFO
        index = index if index < self.tabs.count() else TAB_INFO
        self.tab(index)
        self.tabs.setCurrentIndex(index)

    def save_settings(self) -> None:
        self.settings.setValue(Key.WINDOW_GEOMETRY, self.saveGeometry())
        save_state(self.settings, Key.WINDOW_STATE, self)
        self.settings.setValue(Key.LAST_TAB, self.tabs.currentIndex())
        if self.doc.is_open:
            self.settings.setValue(Key.LAST_PLAN, self.doc.plan_id)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A field being edited commits when it loses focus: take the focus first.
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
        self.save_settings()
        self.background.wait()
        super().closeEvent(event)

    def set_icon(self, icon: QIcon) -> None:
        self.setWindowIcon(icon)
