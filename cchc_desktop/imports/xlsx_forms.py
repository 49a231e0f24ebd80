"""Read a returned unit form (.xlsx) into plain objects: its identity, one answer per row and
every problem found, each naming its cell ("Ô H12: tiến độ phải từ 0 đến 100").

The reader never raises for a bad file: a file that is not an .xlsx, not our form, altered in
its identity or filled wrongly comes back as a :class:`ReturnedForm` with problems, so a batch
of files is previewed together. Matching the form to the plan, the period and the database is
the services' job (:mod:`cchc_desktop.services.forms`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from cchc_desktop.domain import forms as F
from cchc_desktop.domain.forms import Answer, FormIdentity, ReturnedForm, ReturnedRow
from cchc_desktop.domain.status import STATUS_LABELS, Status
from cchc_desktop.domain.text import control_fault, plain
from cchc_desktop.errors import InvalidFileError
from cchc_desktop.imports.safe_zip import MAX_TEXT_CHARS, check_count, check_office_file

NOT_OUR_FORM = (
    "Tệp này không phải phiếu báo cáo do CCHC Desktop xuất ra (không có phần nhận dạng phiếu)."
)
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO_TEXT = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# Excel serial numbers of 1982-01-01 .. 2118-12-31: a date whose cell lost its date format.
_SERIALS = (30000, 80000)


def read_form(path: Path) -> ReturnedForm:
    """Read ``path``; problems (never exceptions) say what is wrong and where."""
    path = Path(path)
    form = ReturnedForm(path)
    try:
        check_office_file(path, "xlsx")
    except InvalidFileError as err:
        form.problem("", err.message, err.detail)
        return form
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)  # a typed formula counts by its value
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        form.problem(
            "",
            "Không đọc được bảng tính (tệp bị hỏng hoặc không phải .xlsx).",
            f"openpyxl cannot read the workbook: {exc.__class__.__name__}: {exc}",
        )
        return form
    try:
        identity = _identity(form, wb)
        if identity is None:
            return form
        if F.FORM_SHEET not in wb.sheetnames:
            form.problem(
                "",
                f"Không tìm thấy trang “{F.FORM_SHEET}” trong tệp.",
                f"sheet {F.FORM_SHEET!r} is missing",
            )
            return form
        form.identity = identity
        _rows(form, identity, wb[F.FORM_SHEET])
    finally:
        wb.close()
    return form


def _identity(form: ReturnedForm, wb: Any) -> FormIdentity | None:
    if F.IDENTITY_SHEET not in wb.sheetnames:
        form.problem("", NOT_OUR_FORM, "not a CCHC unit form: no identity sheet")
        return None
    ws = wb[F.IDENTITY_SHEET]
    last = min(ws.max_row, 40)  # a dozen fields; never read a padded sheet
    values: dict[str, str] = {}
    for name, value in ws.iter_rows(min_row=1, max_row=last, max_col=2, values_only=True):
        if isinstance(name, str):
            values[name] = "" if value is None else str(value)
    where = f"{F.IDENTITY_SHEET}!A1:B{last}"
    if values.get("format") != F.FORMAT:
        form.problem("", NOT_OUR_FORM, "not a CCHC unit form: wrong format marker")
        return None
    if not values.get("version", "").isdigit() or int(values["version"]) > F.VERSION:
        form.problem(
            where,
            "Phiếu được tạo bởi phiên bản CCHC Desktop mới hơn; hãy cập nhật phần mềm.",
            f"form version {values.get('version')!r} is newer than {F.VERSION}",
        )
        return None
    if F.checksum_of(values) != values.get("checksum"):
        form.problem(
            where,
            "Phần nhận dạng của phiếu đã bị sửa (mã kiểm tra không khớp); không nhận phiếu này. "
            "Hãy yêu cầu đơn vị điền lại vào phiếu gốc.",
            "identity checksum mismatch: the hidden identity sheet was altered",
        )
        return None
    try:
        return FormIdentity.parse(values)
    except ValueError as exc:
        form.problem(where, "Phần nhận dạng của phiếu bị hỏng.", f"bad identity: {exc}")
        return None


def _rows(form: ReturnedForm, identity: FormIdentity, ws: Any) -> None:
    key_index = _col(F.KEY_COL)
    answer_indexes = [_col(c) for c in F.ANSWER_COLS]
    partner_indexes = [_col(c) for c in F.PARTNER_COLS]
    try:
        check_count(ws.max_row, form.path, what="dòng", what_en="rows")
    except InvalidFileError as err:
        form.problem("", err.message, err.detail)
        return
    expected = set(identity.tasks)
    seen: dict[str, int] = {}
    for cells in ws.iter_rows(min_row=F.FIRST_ROW, max_col=key_index):
        row = cells[0].row
        key = cells[key_index - 1].value
        answers = [cells[i - 1] for i in answer_indexes]
        partner = identity.is_partner_row(str(key).strip()) if key is not None else False
        # A partner's row: only its contribution cells count (status, % and count are the
        # lead's, locked and marked "—").
        asked = [cells[i - 1] for i in partner_indexes] if partner else answers
        filled = any(_blank(c.value) is not None for c in asked)
        if key is None or str(key).strip() == "":
            if filled:
                form.problem(
                    f"A{row}",
                    f"Dòng {row} không thuộc phiếu (không có mã nhiệm vụ); bỏ qua dòng này.",
                    f"row {row} has answers but no task key: ignored",
                    blocking=False,
                )
            continue
        key = str(key).strip()
        if key not in expected:
            form.problem(
                f"{F.KEY_COL}{row}",
                f"Mã nhiệm vụ “{key}” không thuộc phiếu này (dòng đã bị sửa).",
                f"task key {key!r} is not on this form",
            )
            continue
        if key in seen:
            form.problem(
                f"A{row}",
                f"Nhiệm vụ “{key}” xuất hiện hai lần (dòng {seen[key]} và dòng {row}).",
                f"task {key!r} appears twice (rows {seen[key]} and {row})",
            )
            continue
        seen[key] = row
        if not filled:
            answer = None
        elif partner:
            answer = _contribution(form, asked)
        else:
            answer = _answer(form, row, answers)
        form.rows.append(ReturnedRow(key, row, answer))
    for key in identity.tasks:
        if key not in seen:
            row = identity.row_of(key)
            form.problem(
                f"A{row}",
                f"Dòng nhiệm vụ số {row - F.FIRST_ROW + 1} (mã “{key}”) bị xóa khỏi phiếu.",
                f"the row of task {key!r} was deleted",
            )


def _col(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return int(column_index_from_string(letter))


def _blank(value: Any) -> Any:
    """``None`` for an empty cell or one holding only spaces."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _answer(form: ReturnedForm, row: int, cells: list[Any]) -> Answer | None:
    status_c, progress_c, result_c, achieved_c, evidence_c, diff_c, prop_c, date_c = cells
    before = len(form.problems)
    status = _status(form, status_c)
    progress = _progress(form, progress_c)
    achieved = _achieved(form, achieved_c)
    reported_on = _date(form, date_c)
    texts = [_text(form, c) for c in (result_c, evidence_c, diff_c, prop_c)]
    if status is None and _blank(status_c.value) is None:
        form.problem(
            status_c.coordinate,
            "Chưa chọn tình trạng cho nhiệm vụ đã điền nội dung.",
            "status is empty on a filled row",
        )
    if len(form.problems) > before or status is None:
        return None
    return Answer.make(
        status,
        progress if progress is not None else 0,
        texts[0],
        achieved,
        texts[1].split("\n"),
        texts[2],
        texts[3],
        reported_on,
    )


def _contribution(form: ReturnedForm, cells: list[Any]) -> Answer | None:
    """A partner unit's row: its contribution (result, evidence, difficulties, proposals,
    date); no status or progress of its own, which the lead unit gives."""
    result_c, evidence_c, diff_c, prop_c, date_c = cells
    before = len(form.problems)
    reported_on = _date(form, date_c)
    texts = [_text(form, c) for c in (result_c, evidence_c, diff_c, prop_c)]
    if len(form.problems) > before:
        return None
    return Answer.make(
        Status.NOT_STARTED, 0, texts[0], None, texts[1].split("\n"), texts[2], texts[3],
        reported_on,
    )  # fmt: skip


def _status(form: ReturnedForm, cell: Any) -> Status | None:
    value = _blank(cell.value)
    if value is None:
        return None
    status = Status.from_label(str(value)) if isinstance(value, str) else None
    if status is None:
        choices = ", ".join(STATUS_LABELS.values())
        form.problem(
            cell.coordinate,
            f"Tình trạng “{value}” không có trong danh sách ({choices}).",
            f"status {value!r} is not one of the labels",
        )
    return status


def _progress(form: ReturnedForm, cell: Any) -> int | None:
    value = _blank(cell.value)
    if value is None:
        return None
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        # A cell formatted as a percentage holds 0.5 for "50%".
        number = value * 100 if str(cell.number_format).endswith("%") else float(value)
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = None
    if number is None or not float(number).is_integer():
        form.problem(
            cell.coordinate,
            f"Tiến độ phải là số nguyên từ 0 đến 100 (đã ghi “{value}”).",
            f"progress {value!r} is not a whole number",
        )
        return None
    if not 0 <= number <= 100:
        form.problem(
            cell.coordinate,
            f"Tiến độ phải từ 0 đến 100 (đã ghi {int(number)}).",
            f"progress {int(number)} is outside 0..100",
        )
        return None
    return int(number)


def _achieved(form: ReturnedForm, cell: Any) -> float | None:
    value = _blank(cell.value)
    if value is None:
        return None
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = None
    if number is None or number < 0:
        form.problem(
            cell.coordinate,
            f"Số lượng đạt được phải là một số không âm (đã ghi “{value}”).",
            f"achieved {value!r} is not a non-negative number",
        )
        return None
    return number


def _date(form: ReturnedForm, cell: Any) -> dt.date | None:
    value = _blank(cell.value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    found: dt.date | None = None
    try:
        if isinstance(value, int | float) and _SERIALS[0] <= value <= _SERIALS[1]:
            from openpyxl.utils.datetime import from_excel

            found = from_excel(value).date()
        elif isinstance(value, str) and (m := _DATE_TEXT.match(value)):
            found = dt.date(int(m[3]), int(m[2]), int(m[1]))
        elif isinstance(value, str) and (m := _ISO_TEXT.match(value)):
            found = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except (ValueError, OverflowError):
        found = None
    if found is None:
        form.problem(
            cell.coordinate,
            f"Ngày báo cáo phải là một ngày dạng ngày/tháng/năm (đã ghi “{value}”).",
            f"reported date {value!r} is not a date",
        )
    return found


def _text(form: ReturnedForm, cell: Any) -> str:
    value = _blank(cell.value)
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        text = f"{value:%d/%m/%Y}"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = plain(str(value))  # a Windows line end (&#13;) is a line break
    # C1 controls (U+009B obeyed by terminals as ESC [) and DEL are legal in the workbook's
    # XML: the one rule of domain.text refuses them here, naming the cell.
    fault = control_fault(text)
    if fault is not None:
        form.problem(cell.coordinate, f"Nội dung {fault[0]}.", f"text: {fault[1]}")
        return ""
    if len(text) > MAX_TEXT_CHARS:
        form.problem(
            cell.coordinate,
            f"Nội dung quá dài ({len(text)} ký tự, giới hạn {MAX_TEXT_CHARS}).",
            f"text of {len(text)} characters (limit {MAX_TEXT_CHARS})",
        )
        return ""
    return text
