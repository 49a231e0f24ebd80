"""Checks shared by the editing services; each raises ValidationError with a Vietnamese
message that the window shows in place and the command line prints on one line."""

from __future__ import annotations

from cchc_desktop.domain.model import CheckIn, Task
from cchc_desktop.domain.numbering import MAX_DEPTH
from cchc_desktop.domain.periods import PeriodKind
from cchc_desktop.domain.status import progress_for
from cchc_desktop.domain.text import control_fault, plain
from cchc_desktop.domain.timeframes import TimeframeKind
from cchc_desktop.errors import ValidationError


def plain_text(value: str, what: str) -> str:
    """``value`` NFC with plain line ends, or a ValidationError naming the field when it holds
    a control character (the one rule of domain.text: an export could never write it)."""
    text = plain(value)
    fault = control_fault(text)
    if fault is not None:
        raise ValidationError(
            f"{what} {fault[0]}; hãy xoá ký tự đó rồi lưu lại.", detail=f"{what}: {fault[1]}"
        )
    return text


def require_text(value: str, what: str) -> str:
    """A field that must say something: not blank, and plain text (:func:`plain_text`)."""
    if not value.strip():
        raise ValidationError(f"{what} không được để trống.", detail=f"{what}: must not be empty")
    return plain_text(value, what)


def check_task(task: Task, year: int, unit_names: set[str]) -> None:
    """Refuse a task that breaks a rule; its texts come back NFC with plain line ends."""
    task.name = require_text(task.name, "Tên nhiệm vụ")
    task.product = plain_text(task.product, "Sản phẩm")
    task.note = plain_text(task.note, "Ghi chú")
    task.group = plain_text(task.group, "Nhóm nhiệm vụ")
    if task.target is not None:
        task.target.unit = plain_text(task.target.unit, "Đơn vị tính của chỉ tiêu")
    if not task.lead:
        raise ValidationError(
            "Nhiệm vụ phải có ít nhất một đơn vị chủ trì.", detail="task needs a lead unit"
        )
    for name in [*task.lead, *task.partners]:
        if name not in unit_names:
            raise ValidationError(
                f"Đơn vị “{name}” không có trong danh sách đơn vị.",
                detail=f'unit "{name}" is not declared',
            )
    tf = task.timeframe
    for key, message in tf.validate(year):
        if key == "due" and tf.due is not None:
            raise ValidationError(
                f"Hạn hoàn thành {tf.due:%d/%m/%Y} nằm ngoài năm {year} của kế hoạch.",
                detail=message,
            )
        labels = {
            "quarters": "Cần chọn quý hợp lệ (I–IV).",
            "months": "Cần chọn tháng (1–12).",
            "due": "Cần nhập hạn hoàn thành.",
        }
        raise ValidationError(labels.get(key, message), detail=message)
    if tf.kind is TimeframeKind.DEADLINE and tf.due is None:
        raise ValidationError("Cần nhập hạn hoàn thành.", detail="deadline needs a due date")
    if task.target is not None and task.target.quantity < 0:
        raise ValidationError("Chỉ tiêu không được âm.", detail="target must not be negative")


def check_checkin(checkin: CheckIn, year: int, unit_names: set[str]) -> None:
    if checkin.period.kind is not PeriodKind.QUARTER or checkin.period.year != year:
        raise ValidationError(
            f"Kỳ báo cáo phải là một quý của năm {year}.",
            detail=f"period {checkin.period} is not a quarter of {year}",
        )
    if not 0 <= checkin.progress <= 100:
        raise ValidationError(
            f"Tiến độ phải từ 0 đến 100 (đã nhập {checkin.progress}).",
            detail=f"progress {checkin.progress} is outside 0..100",
        )
    checkin.progress = progress_for(checkin.status, checkin.progress)  # corrected, not refused
    if checkin.achieved is not None and checkin.achieved < 0:
        raise ValidationError("Số lượng đạt được không được âm.", detail="achieved is negative")
    if checkin.reported_by and checkin.reported_by not in unit_names:
        raise ValidationError(
            f"Đơn vị báo cáo “{checkin.reported_by}” không có trong danh sách đơn vị.",
            detail=f'unit "{checkin.reported_by}" is not declared',
        )
    checkin.result = plain_text(checkin.result, "Kết quả thực hiện")
    checkin.difficulties = plain_text(checkin.difficulties, "Khó khăn, vướng mắc")
    checkin.proposals = plain_text(checkin.proposals, "Đề xuất, kiến nghị")
    for ev in checkin.evidence:
        ev.title = require_text(ev.title, "Tên tài liệu kiểm chứng")


def check_depth(depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValidationError(
            f"Mục chỉ được lồng tối đa {MAX_DEPTH} cấp (I., 1., a)).",
            detail=f"sections are at most {MAX_DEPTH} levels deep",
        )
