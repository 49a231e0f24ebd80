"""Unit report forms: one .xlsx per unit for one quarter, filled by the unit and sent back.

The sheet "Phiếu báo cáo" lists the unit's tasks due in the quarter. Only the answer cells
(yellow) are unlocked; the sheet is protected without a password, so anyone can read and print
it but a slip of the mouse cannot change a task. Status is a drop-down of the Vietnamese labels,
progress a whole number 0–100, dates real dates. A very hidden, protected sheet carries the
form's identity and its checksum (see :mod:`cchc_desktop.domain.forms`), and every row holds
its task key in a hidden column, so the returned file is matched exactly even after sorting.

Pure: a loaded Plan aggregate in, files out. The caller records the dispatch
(:func:`cchc_desktop.services.forms.record_dispatch`) with the :class:`SentForm` list.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import NamedStyle, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.atomic import write_atomic
from cchc_desktop.domain import forms as F
from cchc_desktop.domain.contributions import stored_unit
from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.forms import Answer, FormIdentity, FormTask, SentForm
from cchc_desktop.domain.model import CheckIn, Plan, format_number
from cchc_desktop.domain.names import agency_name
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.progress import latest_checkin
from cchc_desktop.domain.status import STATUS_COLORS, STATUS_LABELS
from cchc_desktop.errors import UserError
from cchc_desktop.exports import xlsx_style as S
from cchc_desktop.file_locks import check_replaceable

log = logging.getLogger(__name__)

# Answer cells: the one colour that says "write here" (locked cells stay white).
INPUT_FILL = PatternFill(fill_type="solid", start_color="FFF9DB", end_color="FFF9DB")
UNLOCKED = Protection(locked=False)
LAST_COL = 14  # N: the last visible column
CONTEXT_CHARS = 400  # the previous result is context, not the whole report

# (heading, width) of columns A..O; O is the hidden task key.
COLUMNS: list[tuple[str, float]] = [
    ("STT", 5),
    ("Nhiệm vụ", 30),
    ("Sản phẩm / chỉ tiêu", 16),
    ("Vai trò", 8.5),
    ("Thời gian thực hiện", 11),
    ("Kết quả đến kỳ trước (để tham khảo)", 22),
    ("Tình trạng", 14),
    ("Tiến độ (%)", 8),
    ("Kết quả thực hiện trong kỳ", 30),
    ("Số lượng đạt được (lũy kế)", 9),
    ("Tài liệu kiểm chứng (mỗi văn bản một dòng)", 22),
    ("Khó khăn, vướng mắc", 18),
    ("Đề xuất, kiến nghị", 18),
    ("Ngày báo cáo", 11),
    ("Mã", 6),
]
ANSWER_LINES = 3  # a task row leaves room for about three lines of answer
GUIDE_WIDTH = 95


ANSWER_DAYS = 7
"""The least time a unit gets to answer a form sent after its period's cut-off (a quarter
caught up on later): a deadline before the send date made every unit overdue at once."""


def default_deadline(plan: Plan, period: Period, sent_on: dt.date | None = None) -> dt.date:
    """The end of the period's data cut-off (the last day a unit's figures can count), but
    never less than :data:`ANSWER_DAYS` after the form is sent."""
    cutoff = period.cutoff(plan.organization.cutoff_day)[1]
    if sent_on is None:
        return cutoff
    return max(cutoff, sent_on + dt.timedelta(days=ANSWER_DAYS))


def write_unit_forms(
    plan: Plan,
    period: Period,
    folder: Path,
    *,
    deadline: dt.date | None = None,
    units: list[str] | None = None,
    now: dt.datetime | None = None,
) -> list[SentForm]:
    """Write one form per unit with tasks due in ``period`` into ``folder``.

    ``units`` limits the forms to those unit names (e.g. to send one form again). Each file is
    written whole or not at all; an existing file of the same name is replaced.
    """
    if plan.id is None:
        raise ValueError("the plan must be stored (its id goes into every form)")
    if period.kind is not PeriodKind.QUARTER or period.year != plan.year:
        raise UserError(
            f"Phiếu báo cáo được lập theo quý của năm {plan.year} (ví dụ {plan.year}-Q1).",
            detail=f"forms are per quarter of {plan.year}; got {period}",
        )
    if not folder.is_dir():
        raise UserError(
            f"Thư mục không tồn tại: {folder}", file=str(folder), detail="folder does not exist"
        )
    sent = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    deadline = deadline or default_deadline(plan, period, sent.date())
    sent_at = sent.isoformat()
    used: set[str] = set()
    chosen = [
        (unit, tasks, _unique(F.form_file_name(period, unit.name), used))
        for unit, tasks in F.form_units(plan, period)
        if units is None or unit.name in units
    ]
    # Every target checked before the first is written: a form open in LibreOffice or
    # Excel, or a read-only one, stops the export with no form replaced (issue 17).
    for _unit, _tasks, name in chosen:
        check_replaceable(folder / name)
    out: list[SentForm] = []
    for unit, tasks, name in chosen:
        identity = FormIdentity(
            form_id=str(uuid.uuid4()),
            plan_id=plan.id,
            plan_year=plan.year,
            plan_number=plan.number,
            plan_symbol=plan.symbol,
            period=period,
            unit=unit.name,
            tasks=tuple(ft.task.key for ft in tasks),
            sent_at=sent_at,
            deadline=deadline,
            partner_tasks=tuple(ft.task.key for ft in tasks if ft.role == F.PARTNER),
        )
        # Each row's baseline is the fingerprint of this unit's own answer, as pre-filled.
        own = _own_answers(plan, period, unit.name, tasks)
        baselines = {ft.task.key: F.fingerprint(own.get(ft.task.key)) for ft in tasks}
        path = folder / name
        workbook = build_form(plan, identity, tasks)
        write_atomic(path, workbook.save)
        out.append(SentForm(identity, path, unit, baselines))
    log.info(
        "wrote %d unit forms for %s of plan %d into %s: %d tasks asked",
        len(out),
        period,
        plan.id,
        folder,
        sum(len(sent.identity.tasks) for sent in out),
    )
    return out


def _unique(name: str, used: set[str]) -> str:
    """Two unit names with the same ASCII slug get "-2", "-3" …"""
    stem, n, candidate = name.removesuffix(".xlsx"), 1, name
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem}-{n}.xlsx"
    used.add(candidate.casefold())
    return candidate


def build_form(plan: Plan, identity: FormIdentity, tasks: list[FormTask]) -> Workbook:
    """The workbook of one form (not saved)."""
    wb = Workbook()
    book = S.StyleBook(wb)
    ws = wb.active
    assert ws is not None
    ws.title = F.FORM_SHEET
    w = S.SheetWriter(ws, book)
    _header(w, plan, identity)
    _rows(w, InputStyles(book), plan, identity, tasks)
    w.fit_columns({c: S.ColumnFit(width, width) for c, (_h, width) in enumerate(COLUMNS, 1)})
    _leave_room(ws, len(tasks))
    _validations(ws, plan.year, tasks)
    _layout(ws, len(tasks))
    _guide(wb, book, plan, identity)
    _identity_sheet(wb, identity)
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)  # no password: a guard, not a lock
    S.set_properties(
        wb,
        title=f"Phiếu báo cáo {identity.period.short_label()} - {identity.unit}",
        creator=plan.organization.name or "CCHC Desktop",
        subject=plan.title,
    )
    return wb


class InputStyles:
    """The answer-cell variants of the shared styles: unlocked, on the input fill, and text
    cells formatted as Text ("@") so that an answer typed as "- Đã tổ chức ..." stays text
    instead of becoming a formula. Each is a named style of its own, registered the first
    time an answer cell asks for it."""

    TEXT_FORMAT = "@"

    def __init__(self, book: S.StyleBook, size: float = S.FONT_SIZE):
        self._book = book
        self._bases = {style.name: style for style in S.style_definitions(size)}
        self._made: dict[str, str] = {}

    def name(self, base: str) -> str:
        """The name of the answer-cell variant of the style ``base``."""
        if base not in self._made:
            style = self._bases[base]
            variant = NamedStyle(
                f"{base} (ô nhập)",
                font=style.font,
                border=style.border,
                alignment=style.alignment,
                number_format=self.TEXT_FORMAT if base == S.TEXT else style.number_format,
                fill=INPUT_FILL,
                protection=UNLOCKED,
            )
            self._book.add(variant)
            self._made[base] = variant.name
        return self._made[base]


def _header(w: S.SheetWriter, plan: Plan, identity: FormIdentity) -> None:
    period = identity.period
    start, end = period.cutoff(plan.organization.cutoff_day)
    issued = plan.issued_on.as_date() if plan.issued_on else None
    on = f" ngày {short_date(issued)}" if issued else ""
    org = agency_name(plan.organization.name)
    lines = [
        (plan.organization.name, S.HEADING),
        ("PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ", S.TITLE),
        (
            f"Kỳ báo cáo: {period.label()} (số liệu từ {short_date(start)} đến {short_date(end)})",
            S.SUBTITLE,
        ),
        (
            f"Thực hiện {plan.doc_type.capitalize()} số {plan.number_symbol.strip()}{on}"
            f" của {org}: {plan.title}",
            S.SUBTITLE,
        ),
        (f"Đơn vị báo cáo: {identity.unit}", S.HEADING),
        (f"Hạn gửi lại phiếu: {short_date(identity.deadline)}", S.HEADING),
        (
            "Chỉ điền vào các ô nền vàng (cột G đến N); cách điền xem ở trang “Hướng dẫn”. "
            "Không thêm hoặc xóa dòng. Nhiệm vụ chưa có gì để báo cáo thì để trống.",
            S.NOTE,
        ),
    ]
    for row, (text, style) in enumerate(lines, start=1):
        w.merge_put(row, 1, LAST_COL, text, style)
    w.merge_put(9, 1, 6, "THÔNG TIN NHIỆM VỤ", S.HEADER)
    w.merge_put(9, 7, LAST_COL, "PHẦN ĐƠN VỊ ĐIỀN", S.HEADER)
    for col, (heading, _width) in enumerate(COLUMNS[:LAST_COL], start=1):
        w.header(10, col, heading)


def _own_answers(
    plan: Plan, period: Period, unit: str, tasks: list[FormTask]
) -> dict[str, CheckIn]:
    """Task key → ``unit``'s own answer for ``period``: the lead's answer on the tasks it
    leads, its own contribution on the others; never another unit's words."""
    whose = {ft.task.key: stored_unit(ft.task, unit) for ft in tasks}
    # The cheap tests first: comparing periods (a dataclass __eq__) for every check-in of the
    # plan in every form was a tenth of the export.
    return {
        c.task: c
        for c in plan.checkins
        if c.task in whose and c.unit == whose[c.task] and c.period == period
    }


def _own_previous(checkins: list[CheckIn], unit: str, before: Period | None) -> CheckIn | None:
    """A partner's own latest contribution at or before ``before`` (its context column),
    among one task's ``checkins``."""
    if before is None:
        return None
    mine = [
        c
        for c in checkins
        if c.unit == unit and c.period.year == before.year
        if c.period.last_quarter <= before.last_quarter
    ]
    return max(mine, key=lambda c: c.period.last_quarter, default=None)


def _rows(
    w: S.SheetWriter, inputs: InputStyles, plan: Plan, identity: FormIdentity, tasks: list[FormTask]
) -> None:
    period = identity.period
    this = _own_answers(plan, period, identity.unit, tasks)
    before = period.previous_quarter()
    # Each task's check-ins, gathered once: a form of a 1,000-task plan would otherwise scan
    # every check-in of the plan for every row.
    by_task: dict[str, list[CheckIn]] = {}
    for c in plan.checkins:
        by_task.setdefault(c.task, []).append(c)
    for i, ft in enumerate(tasks):
        task, row = ft.task, F.FIRST_ROW + i
        partner = ft.role == F.PARTNER
        product = task.product
        if task.target is not None:
            product = f"{product}\nChỉ tiêu: {task.target.format()}".strip()
        if partner:
            previous = _own_previous(by_task.get(task.key, []), identity.unit, before)
        else:
            mine = by_task.get(task.key, [])
            previous = latest_checkin(mine, task.key, before) if before else None
        info = [
            (i + 1, S.CENTER),
            (task.name, S.TEXT),
            (product, S.TEXT),
            (ft.role, S.CENTER),
            (task.timeframe.display_label(plan.year), S.CENTER),
            (_context(previous), S.TEXT),
        ]
        for col, (value, style) in enumerate(info, start=1):
            w.put(row, col, value, style, measure=False)
        checkin = this.get(task.key)
        answer = Answer.of(checkin) if checkin is not None else None
        values: list[tuple[object, str]] = [
            (answer.status.label if answer else None, S.CENTER),
            (answer.progress if answer else None, S.NUMBER),
            (answer.result if answer else None, S.TEXT),
            (answer.achieved if answer else None, S.CENTER),
            ("\n".join(answer.evidence) if answer else None, S.TEXT),
            (answer.difficulties if answer else None, S.TEXT),
            (answer.proposals if answer else None, S.TEXT),
            (answer.reported_on if answer else None, S.DATE),
        ]
        for col, (value, style) in enumerate(values, start=7):
            # No target: nothing to count, the "achieved" cell stays locked. A partner gives
            # no status, % or count: the lead unit does (locked, marked "—").
            lead_only = col in _LEAD_ONLY_COLS
            locked = (col == 10 and task.target is None) or (partner and lead_only)
            shown = None if value == "" else value
            if partner and lead_only:
                shown, style = _NOT_ASKED, S.CENTER
            w.put(row, col, shown, style if locked else inputs.name(style), measure=False)
        w.put(row, LAST_COL + 1, task.key, S.TEXT, measure=False)


# Status (G), progress (H) and achieved (J): the lead unit's to give.
_LEAD_ONLY_COLS = (7, 8, 10)
_NOT_ASKED = "—"


def _leave_room(ws: Worksheet, count: int) -> None:
    """Task rows are at least ANSWER_LINES tall: room to type an answer (the unit may still
    make a row taller; a protected sheet allows it)."""
    least = round(ANSWER_LINES * S.FONT_SIZE * S.LINE_SPACING + 3, 1)
    for row in range(F.FIRST_ROW, F.FIRST_ROW + count):
        dims = ws.row_dimensions[row]
        dims.height = max(dims.height or 0, least)


def _context(previous: CheckIn | None) -> str:
    if previous is None:
        return "Chưa có báo cáo"
    head = f"{previous.period.short_label()}: {STATUS_LABELS[previous.status]}"
    if not previous.status.is_done:
        head += f", {previous.progress}%"
    if previous.achieved is not None:
        head += f", đạt {format_number(previous.achieved)}"
    text = f"{head}.\n{previous.result}".strip()
    return text if len(text) <= CONTEXT_CHARS else text[: CONTEXT_CHARS - 1] + "…"


def _validations(ws: Worksheet, year: int, tasks: list[FormTask]) -> None:
    if not tasks:
        return
    last = F.FIRST_ROW + len(tasks) - 1

    def col_range(col: str) -> str:
        return f"{col}{F.FIRST_ROW}:{col}{last}"

    labels = list(STATUS_LABELS.values())
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tình trạng",
        error="Hãy chọn tình trạng trong danh sách.",
        promptTitle="Tình trạng",
        prompt="Chọn trong danh sách thả xuống.",
        showInputMessage=True,
    )
    leads = [F.FIRST_ROW + i for i, ft in enumerate(tasks) if ft.role != F.PARTNER]
    for cells in _runs(F.STATUS_COL, leads):
        status.add(cells)
    progress = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tiến độ",
        error="Tiến độ là số nguyên từ 0 đến 100.",
    )
    for cells in _runs(F.PROGRESS_COL, leads):
        progress.add(cells)
    achieved = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số lượng đạt được",
        error="Số lượng đạt được là một số không âm.",
    )
    for i, ft in enumerate(tasks):
        if ft.task.target is not None and ft.role != F.PARTNER:
            achieved.add(f"{F.ACHIEVED_COL}{F.FIRST_ROW + i}")
    first, final = dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)
    date = DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(first))),
        formula2=str(int(to_excel(final))),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày báo cáo",
        error=f"Nhập ngày dạng ngày/tháng/năm, ví dụ 25/03/{year}.",
    )
    date.add(col_range(F.REPORTED_ON_COL))
    for dv in (status, progress, achieved, date):
        if dv.sqref.ranges:
            ws.add_data_validation(dv)
    for key, label in STATUS_LABELS.items():
        color = STATUS_COLORS[key]
        fill = PatternFill(fill_type="solid", start_color=color, end_color=color)
        rule = CellIsRule(operator="equal", formula=[f'"{label}"'], fill=fill)
        ws.conditional_formatting.add(col_range(F.STATUS_COL), rule)


def _runs(col: str, rows: list[int]) -> list[str]:
    """``"G11:G13"``, ``"G15"``: the ranges of ``col`` over consecutive ``rows``."""
    out: list[str] = []
    start = prev = None
    for row in [*rows, None]:
        if row is not None and prev is not None and row == prev + 1:
            prev = row
            continue
        if start is not None:
            out.append(f"{col}{start}" if start == prev else f"{col}{start}:{col}{prev}")
        start = prev = row
    return out


def _layout(ws: Worksheet, count: int) -> None:
    ws.column_dimensions[F.KEY_COL].hidden = True
    ws.freeze_panes = f"C{F.FIRST_ROW}"
    S.set_print_layout(ws, title_rows=f"9:{F.FIRST_ROW - 1}")
    ws.print_area = f"A1:{get_column_letter(LAST_COL)}{max(F.FIRST_ROW - 1 + count, F.FIRST_ROW)}"
    protection = ws.protection
    protection.sheet = True
    # Widening a column or a row to read a long answer is allowed; nothing else is.
    protection.formatColumns = False
    protection.formatRows = False


def _guide(wb: Workbook, book: S.StyleBook, plan: Plan, identity: FormIdentity) -> None:
    ws = wb.create_sheet(F.GUIDE_SHEET)
    w = S.SheetWriter(ws, book)
    labels = "; ".join(STATUS_LABELS.values())
    year = identity.period.year
    steps = [
        f"Phiếu này để {identity.unit} báo cáo kết quả thực hiện các nhiệm vụ của Kế hoạch "
        f"số {plan.number_symbol.strip()} trong {identity.period.label()}. Mỗi dòng là một "
        "nhiệm vụ đơn vị chủ trì hoặc phối hợp thực hiện.",
        "Chỉ điền vào các ô nền vàng ở trang “Phiếu báo cáo” (cột G đến N). Các ô khác đã "
        "được khóa để giữ nguyên nội dung nhiệm vụ.",
        "Dòng “Chủ trì”: đơn vị báo cáo tình trạng, tiến độ và kết quả của cả nhiệm vụ. "
        "Dòng “Phối hợp”: đơn vị chỉ báo cáo phần việc mình phối hợp (kết quả, tài liệu "
        "kiểm chứng, khó khăn, đề xuất); tình trạng và tiến độ do đơn vị chủ trì báo cáo (ô "
        "ghi “—”).",
        f"Tình trạng: chọn một trong danh sách thả xuống ({labels}).",
        "Tiến độ (%): số nguyên từ 0 đến 100. Nhiệm vụ “Hoàn thành” được tính là 100%.",
        "Kết quả thực hiện trong kỳ: nêu cụ thể việc đã làm, số liệu. Muốn xuống dòng trong "
        "một ô, nhấn Alt+Enter.",
        "Số lượng đạt được: chỉ điền với nhiệm vụ có chỉ tiêu (ghi ở cột C), là số lũy kế từ "
        "đầu năm.",
        "Tài liệu kiểm chứng: mỗi văn bản một dòng, ví dụ “Công văn số 45/SKHCN-VP ngày "
        f"10/3/{year}”.",
        f"Ngày báo cáo: ngày đơn vị lập phiếu, dạng ngày/tháng/năm (ví dụ 25/03/{year}).",
        "Cột “Kết quả đến kỳ trước” ghi báo cáo gần nhất đã tổng hợp, chỉ để tham khảo.",
        "Nhiệm vụ chưa có gì để báo cáo thì để trống cả dòng. Không thêm, xóa dòng hoặc "
        "trang; có thể sắp xếp lại dòng và đổi tên tệp.",
        f"Lưu tệp dạng Excel (.xlsx) và gửi lại trước ngày {short_date(identity.deadline)}.",
    ]
    w.merge_put(1, 1, 2, "HƯỚNG DẪN ĐIỀN PHIẾU BÁO CÁO", S.TITLE)
    for i, text in enumerate(steps, start=1):
        w.put(i + 2, 1, f"{i}.", S.CENTER, measure=False)
        w.put(i + 2, 2, text, S.TEXT, measure=False)
    w.fit_columns({1: S.ColumnFit(5, 5), 2: S.ColumnFit(GUIDE_WIDTH, GUIDE_WIDTH)})
    S.set_print_layout(ws)
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.protection.sheet = True


def _identity_sheet(wb: Workbook, identity: FormIdentity) -> None:
    """The identity as name/value rows; "veryHidden" cannot be shown from Excel's menus."""
    ws = wb.create_sheet(F.IDENTITY_SHEET)
    fields = identity.fields()
    for row, (name, value) in enumerate([*fields, ("checksum", identity.checksum())], start=1):
        ws.cell(row=row, column=1, value=name)
        cell = ws.cell(row=row, column=2, value=value)
        cell.data_type = "s"  # plan numbers such as "74" stay text
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
