"""Who entered each answer (issue 19, item 3): the detail sheet's "Người nhập" column holds
the clerk who stored the check-in last, read back from the database."""

from __future__ import annotations

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import load_plan
from tests.exports import xlsx_read as R

Q3 = Period.parse("2022-Q3")


def test_detail_sheet_names_the_clerk_who_entered_each_answer(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    db.clerk = "Nguyễn Thị Lan"
    record_checkin(db, hai_duong_id, CheckIn("T1", Q3, Status.IN_PROGRESS, 40, "đang làm"))
    db.clerk = "Trần Văn Bình"
    record_checkin(db, hai_duong_id, CheckIn("T2", Q3, Status.DONE, 100, "xong"))
    plan = load_plan(db, hai_duong_id)
    _, tasks, _ = R.detail(R.sheet(R.report_workbook(plan, Q3), "Chi tiết"))
    by_result = {t["Kết quả thực hiện"]: t["Người nhập"] for t in tasks}
    assert by_result["đang làm"] == "Nguyễn Thị Lan"
    assert by_result["xong"] == "Trần Văn Bình"
