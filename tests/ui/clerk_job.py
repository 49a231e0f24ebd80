"""The clerk's whole job of issue 17 as steps on the real window, shared by
``tests/ui/test_clerk_job.py`` (content checked after each step) and
``bench/bench_clerk_job.py`` (the time table).

Start fresh (the sample plan), import last year's Word plan (the Hải Dương seed text typed
into Word, as ``tests/imports/test_docx_seeds.py`` does), copy it to the new year, edit (a
section's text, two new tasks, a lead unit fixed), print the plan, enter Q1 check-ins for
three tasks, send the forms to the units and take them back filled, export the Q1 report
(.xlsx and .docx). "Today" is 6 March 2023: the first quarter's reports are due by the 14th.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from cchc_desktop.domain.periods import Period
from tests.ui.clerk_driver import Clerk, FileDialogs

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seeds" / "ke-hoach-74-skhcn-hai-duong-2022.txt"
TODAY = dt.date(2023, 3, 6)
Q1 = Period.parse("2023-Q1")
SIZE = (1366, 768)

VP = "Văn phòng Sở"
TT = "Trung tâm Đo lường, Thử nghiệm và TTKH"
CHI_CUC = "Chi cục Tiêu chuẩn - Đo lường - Chất lượng"
BAN_TIN = "Bản tin KH&CN"
TRANG = "Ban biên tập Trang TTĐT"

ADDED_SENTENCE = "Năm 2023 gắn tuyên truyền với chuyển đổi số."
NEW_TASKS = (
    {
        "name": "Tuyên truyền về chuyển đổi số trong giải quyết thủ tục hành chính",
        "product": "Tin, bài trên Trang TTĐT",
        "target": "12 tin, bài",
        "lead": VP,
        "partners": (TRANG,),
    },
    {
        "name": "Tổ chức hội nghị đối thoại về cải cách hành chính với doanh nghiệp",
        "product": "Hội nghị đối thoại",
        "target": "",
        "lead": VP,
        "partners": (CHI_CUC,),
    },
)
# The clerk's own Q1 entries: task key → (status label, %, result, evidence).
CHECKINS = {
    "T1": ("Đang thực hiện", "30", "Đã phổ biến kế hoạch tại giao ban tháng 2.",
           "Biên bản giao ban"),
    "T3": ("Đang thực hiện", "25", "Đã công khai 12 thủ tục mới trên Trang TTĐT.",
           "Công văn 45/SKHCN-VP"),
    "T4": ("Hoàn thành", "100", "Đã đăng 3 bài về sắp xếp tổ chức bộ máy.",
           "Bản tin số 1/2023"),
}  # fmt: skip
UNIT_ANSWER = ("Đang thực hiện", 20, "Đơn vị đã triển khai theo kế hoạch.", "Báo cáo đơn vị")


@dataclass
class Places:
    """The clerk's folders: last year's file, where exports go, the units' mail."""

    home: Path
    documents: Path = field(init=False)
    last_year: Path = field(init=False)
    exports: Path = field(init=False)
    mail: Path = field(init=False)
    seed_docx: Path = field(init=False)

    def __post_init__(self) -> None:
        self.documents = self.home / "Tài liệu"
        self.last_year = self.documents / "Kế hoạch 2022"
        self.exports = self.documents / "CCHC 2023"
        self.mail = self.home / "Tải về"
        for folder in (self.last_year, self.exports, self.mail):
            folder.mkdir(parents=True, exist_ok=True)
        self.seed_docx = self.last_year / "Ke hoach 74 tuyen truyen CCHC 2022.docx"
        sys.path.insert(0, str(ROOT / "tests" / "imports"))
        from docgen import save, text_document

        save(text_document(SEED.read_text(encoding="utf-8")), self.seed_docx)


class ClerkJob:
    """The job's steps in order; each is one row of the table (``clerk.tallies``)."""

    def __init__(self, clerk: Clerk, db_path: Path, settings: QSettings, places: Places) -> None:
        self.clerk = clerk
        self.db_path = db_path
        self.settings = settings
        self.places = places
        self.files = FileDialogs(clerk)
        self.window: Any = None
        self.plan_docx: Path | None = None
        self.forms: list[Path] = []
        self.report_xlsx: Path | None = None
        self.report_docx: Path | None = None

    @property
    def plan(self) -> Any:
        return self.window.doc.plan

    # -- 1 ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Double-click the icon; the window opens on the sample plan (README's first start)."""
        clerk = self.clerk
        with clerk.step("Mở phần mềm (kế hoạch mẫu)") as tally:
            tally.mental += 1
            tally.clicks += 1
            started = time.perf_counter()
            from cchc_desktop.paths import sample_plan_path
            from cchc_desktop.services.plans import ensure_sample_plan
            from cchc_desktop.storage.startup import open_for_app

            db = open_for_app(self.db_path)
            ensure_sample_plan(db, sample_plan_path())
            from cchc_desktop.ui.main_window import MainWindow
            from cchc_desktop.ui.plan_document import PlanDocument

            window = MainWindow(PlanDocument(db), self.settings, today=lambda: TODAY)
            window.open_plan(None)
            window.resize(*SIZE)
            window.show()
            window.activateWindow()
            self.window = clerk.window = window
            clerk.wait_idle()
            window.warm_up()
            clerk.wait_idle()
            tally.app_s += time.perf_counter() - started
            clerk.shot("01-mo-phan-mem")

    # -- 2 ----------------------------------------------------------------------------------
    def import_word(self) -> None:
        clerk, win = self.clerk, self.window
        with clerk.step("Nhập kế hoạch năm trước từ Word"):
            self.files.answers.append(self.places.seed_docx)
            clerk.expect(
                lambda w: w.windowTitle().startswith("Nhập kế hoạch từ Word —"),
                lambda d: clerk.press(d, "Lưu kế hoạch", think=False),
                "xem trước",
            )
            clerk.menu(win, "&Tệp", win.act_import_docx)
            clerk.shot("02-nhap-word")

    # -- 3 ----------------------------------------------------------------------------------
    def copy_to_year(self) -> None:
        clerk, win = self.clerk, self.window
        from cchc_desktop.ui.dialogs.year_copy_dialog import YearCopyDialog

        with clerk.step("Sao chép sang năm 2023"):
            clerk.expect(QInputDialog, lambda d: clerk.key(d, Qt.Key.Key_Return), "năm")
            clerk.expect(YearCopyDialog, lambda d: clerk.press(d, "Sao chép", think=False))
            clerk.menu(win, "&Tệp", win.act_copy)
            clerk.shot("03-sao-chep")

    # -- 4 ----------------------------------------------------------------------------------
    def edit_section(self) -> None:
        """Add a sentence at the end of "1. Mục đích"'s first paragraph."""
        clerk, win = self.clerk, self.window
        with clerk.step("Sửa nội dung một mục"):
            tab = win.content_tab
            clerk.tab(win.tabs, tab)
            model = tab.model
            first = model.index(0, 0)
            clerk.click_index(tab.tree, model.index(0, 0, first), think=True)  # "1. Mục đích"
            view = tab.editor.view
            clerk.click_index(view, tab.paragraphs.index(0, 1), double=True, think=True)
            editor = QApplication.focusWidget()
            clerk.key(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            clerk.type(editor, " " + ADDED_SENTENCE)
            clerk.key(editor, Qt.Key.Key_Return)
            clerk.shot("04-sua-noi-dung")

    def add_tasks(self) -> None:
        clerk, win = self.clerk, self.window
        from cchc_desktop.ui.dialogs.task_dialog import TaskDialog

        with clerk.step("Thêm hai nhiệm vụ"):
            tab = win.tasks_tab
            clerk.tab(win.tabs, tab)
            last = tab.proxy.rowCount() - 1
            clerk.click_index(tab.table, tab.proxy.index(last, 1), think=True)
            for number, task in enumerate(NEW_TASKS):
                clerk.expect(TaskDialog, lambda d, t=task, n=number: self._fill_task(d, t, n))
                clerk.press(tab, "Thêm nhiệm vụ…")
            clerk.shot("05-them-nhiem-vu")

    def _fill_task(self, dialog: Any, task: dict[str, Any], number: int) -> None:
        clerk = self.clerk
        clerk.fill(dialog.name, task["name"])
        clerk.key(dialog.name, Qt.Key.Key_Tab)
        clerk.type(dialog.product, task["product"])
        if task["target"]:
            clerk.fill(dialog.target, task["target"])
        self._tick_only(dialog.lead, [task["lead"]])
        self._tick_only(dialog.partners, list(task["partners"]), keep=True)
        if number == 0:  # the first of the quarter's run: "Quý II"; the second keeps it
            clerk.choose(dialog.timeframe.kind, "Theo quý")
            clerk.click(dialog.timeframe.quarters[1], think=False)
        clerk.shot(f"05-hop-thoai-nhiem-vu-{number + 1}", dialog)
        clerk.click(_ok(dialog.buttons))

    def _tick_only(self, checklist: Any, wanted: list[str], keep: bool = False) -> None:
        """Tick ``wanted`` and untick the others (``keep``: leave other ticks alone)."""
        model, proxy, view = checklist.model, checklist.proxy, checklist.list
        for row in range(proxy.rowCount()):
            source = proxy.mapToSource(proxy.index(row, 0)).row()
            name = model.data(model.index(source), Qt.ItemDataRole.UserRole)
            ticked = model.is_checked(source)
            if (name in wanted) != ticked and (not keep or name in wanted):
                self.clerk.click_index(view, proxy.index(row, 0), check=True)

    def fix_lead(self) -> None:
        """Task 2 is led by the Văn phòng, not the Trung tâm."""
        clerk, win = self.clerk, self.window
        from cchc_desktop.ui.dialogs.unit_picker_dialog import UnitPickerDialog

        with clerk.step("Sửa đơn vị chủ trì một nhiệm vụ"):
            tab = win.tasks_tab
            clerk.click_index(tab.table, tab.proxy.index(1, 1), think=True)

            def answer(picker: Any) -> None:
                self._tick_only(picker.checklist, [VP])
                clerk.click(_ok(picker.buttons), think=False)

            clerk.expect(UnitPickerDialog, answer)
            clerk.press(tab, "Đơn vị chủ trì…")
            clerk.shot("06-sua-chu-tri")

    # -- 5 ----------------------------------------------------------------------------------
    def print_plan(self) -> None:
        clerk, win = self.clerk, self.window
        with clerk.step("In (xuất) kế hoạch .docx"):
            self.files.answers.append(self.places.exports)
            clerk.expect_box("Đã xuất tệp", "Đóng")
            win.exporter.last_path = None
            clerk.toolbar(win, win.act_export_plan)
            self.plan_docx = win.exporter.last_path
            clerk.shot("07-xuat-ke-hoach")

    # -- 6 ----------------------------------------------------------------------------------
    def enter_checkins(self) -> None:
        clerk, win = self.clerk, self.window
        with clerk.step("Ghi kết quả quý I cho 3 nhiệm vụ"):
            tab = win.checkins_tab
            clerk.tab(win.tabs, tab)
            assert tab.current_period == Q1
            form = tab.form
            for key, (status, progress, result, evidence) in CHECKINS.items():
                index = tab.select_task_key(key)  # where the row is; clicked below
                tab.table.clearSelection()
                clerk.click_index(tab.table, index, think=True)
                clerk.choose(form.status, status)
                clerk.fill(form.progress, progress)
                clerk.key(form.progress, Qt.Key.Key_Tab)
                clerk.type(form.result, result)
                clerk.key(form.result, Qt.Key.Key_Tab)
                clerk.click(form.evidence_editor.add_button)
                editor = QApplication.focusWidget()
                clerk.type(editor, evidence)
                clerk.key(editor, Qt.Key.Key_Return)
            clerk.shot("08-ghi-ket-qua")

    # -- 7 ----------------------------------------------------------------------------------
    def send_forms(self) -> None:
        clerk, win = self.clerk, self.window
        with clerk.step("Xuất phiếu cho đơn vị"):
            folder = self.places.exports / "Phiếu quý I"
            folder.mkdir(exist_ok=True)
            self.files.answers.append(folder)
            clerk.expect_box("Đã xuất phiếu", "Đóng")
            win.unit_forms.last_sent = None
            clerk.press(win.checkins_tab, "Xuất phiếu cho đơn vị…")
            sent = win.unit_forms.last_sent
            assert sent is not None
            self.forms = [s.path for s in sent]
            clerk.shot("09-xuat-phieu")

    def units_fill_forms(self) -> list[Path]:
        """What the units do (not the clerk's time): fill the blank answers, mail them back."""
        import shutil

        import openpyxl

        from cchc_desktop.domain import forms as F
        from tests.forms.form_helpers import fill

        returned = []
        status, progress, result, evidence = UNIT_ANSWER
        for path in self.forms:
            book = openpyxl.load_workbook(path)
            sheet = book[F.FORM_SHEET]
            keys = [
                sheet[f"{F.KEY_COL}{row}"].value
                for row in range(F.FIRST_ROW, sheet.max_row + 1)
                if sheet[f"{F.KEY_COL}{row}"].value and not sheet[f"{F.STATUS_COL}{row}"].value
            ]
            answers = {
                str(key): {F.STATUS_COL: status, F.PROGRESS_COL: progress,
                           F.RESULT_COL: result, F.EVIDENCE_COL: evidence}
                for key in keys
            }  # fmt: skip
            target = self.places.mail / path.name
            shutil.copy(path, target)
            fill(target, answers, check_unlocked=False)
            returned.append(target)
        return returned

    def take_forms_back(self, returned: list[Path]) -> None:
        clerk, win = self.clerk, self.window
        from cchc_desktop.ui.dialogs.forms_import_dialog import FormsImportDialog

        with clerk.step("Nhập phiếu đơn vị gửi lại"):
            self.files.answers.append(sorted(returned))
            clerk.expect(FormsImportDialog, lambda d: clerk.click(d.ok, think=False))
            win.unit_forms.last_result = None
            clerk.press(win.checkins_tab, "Nhập phiếu đã điền…")
            clerk.shot("10-nhap-phieu")

    # -- 8 ----------------------------------------------------------------------------------
    def export_reports(self) -> None:
        clerk, win = self.clerk, self.window
        with clerk.step("Báo cáo quý I (.xlsx và .docx)"):
            for action, via_toolbar in ((win.act_export_xlsx, True),
                                        (win.act_export_report_docx, False)):  # fmt: skip
                self.files.answers.append(self.places.exports)
                clerk.expect(QInputDialog, lambda d: clerk.key(d, Qt.Key.Key_Return), "kỳ báo cáo")
                clerk.expect_box("Đã xuất tệp", "Đóng")
                win.exporter.last_path = None
                if via_toolbar:
                    clerk.toolbar(win, action)
                else:
                    clerk.menu(win, "&Tệp", action)
                if action is win.act_export_xlsx:
                    self.report_xlsx = win.exporter.last_path
                else:
                    self.report_docx = win.exporter.last_path
            clerk.shot("11-bao-cao")

    def steps(self) -> list[Any]:
        """Every step in order (the units' part between sending and taking back)."""
        return [
            self.start, self.import_word, self.copy_to_year, self.edit_section, self.add_tasks,
            self.fix_lead, self.print_plan, self.enter_checkins, self.send_forms,
            lambda: self.take_forms_back(self.units_fill_forms()), self.export_reports,
        ]  # fmt: skip


def _ok(buttons: Any) -> Any:
    from cchc_desktop.ui.widgets.buttons import ok_button

    return ok_button(buttons)
