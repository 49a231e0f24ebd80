"""Forms out, filled as a unit would, back in: exactly those answers are stored; twice is a
no-op; rows sorted by the unit still match; the status per unit follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cchc_desktop.cli import main
from cchc_desktop.domain import forms as F
from cchc_desktop.domain.forms import form_file_name, unit_slug
from cchc_desktop.domain.model import Target
from cchc_desktop.domain.status import STATUS_LABELS, Status
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.forms import (
    Change,
    apply_forms,
    forms_status,
    preview_forms,
)
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import Database
from tests.forms.form_helpers import HAI_DUONG, Q2, Q3, by_unit, fill, row_of
from tests.helpers import snapshot

VP, TT, CC = (
    "Văn phòng Sở",
    "Trung tâm Đo lường, Thử nghiệm và TTKH",
    ("Chi cục Tiêu chuẩn - Đo lường - Chất lượng"),
)
ANSWERS = {
    VP: {
        "T1": {
            "G": "Đang thực hiện",
            "H": 75,
            "I": "Lồng ghép tuyên truyền\nở 12 cuộc họp",
            "K": "Công văn số 80/SKHCN-VP ngày 02/8/2022\nBiên bản họp ngày 15/8/2022",
            "N": dt.datetime(2022, 9, 10),
        },
        "T3": {"G": "Hoàn thành", "I": "Đã cập nhật đủ TTHC", "L": "Thiếu người", "M": "Bổ sung"},
        # T4 left blank: nothing to report this quarter
    },
    TT: {
        "T2": {"G": "hoàn thành chậm", "H": "100", "I": "Xong ngày 20/9", "N": "20/09/2022"},
        "T5": {"G": "Không hoàn thành", "H": 40, "I": "- Chưa làm được\n- Chờ kinh phí"},
    },
    CC: {"T6": {"G": "Dừng thực hiện", "H": 10, "I": "Dừng theo chỉ đạo"}},
}


def test_file_names_are_ascii_slugs() -> None:
    assert form_file_name(Q3, "Văn phòng Sở") == "Phieu-bao-cao-Q3-2022-Van-phong-So.xlsx"
    assert unit_slug("Chi cục Tiêu chuẩn - Đo lường - Chất lượng") == (
        "Chi-cuc-Tieu-chuan-Do-luong-Chat-luong"
    )
    assert unit_slug("ĐOÀN THANH NIÊN") == "DOAN-THANH-NIEN"
    assert unit_slug("Bản tin KH&CN") == "Ban-tin-KH-CN"


def test_one_form_per_unit_with_its_tasks(send, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sent = send(Q3)
    names = sorted(s.path.name for s in sent)
    # The collective "Các phòng, đơn vị trực thuộc Sở" gets no form: it cannot fill one.
    assert names == [
        "Phieu-bao-cao-Q3-2022-Ban-bien-tap-Trang-TTDT.xlsx",
        "Phieu-bao-cao-Q3-2022-Ban-tin-KH-CN.xlsx",
        "Phieu-bao-cao-Q3-2022-Chi-cuc-Tieu-chuan-Do-luong-Chat-luong.xlsx",
        "Phieu-bao-cao-Q3-2022-Trung-tam-Do-luong-Thu-nghiem-va-TTKH.xlsx",
        "Phieu-bao-cao-Q3-2022-Van-phong-So.xlsx",
    ]
    assert by_unit(sent, VP).identity.tasks == ("T1", "T3", "T4")
    assert by_unit(sent, "Bản tin KH&CN").identity.tasks == ("T1", "T2", "T3", "T4", "T5", "T6")
    ws = openpyxl.load_workbook(by_unit(sent, VP).path)[F.FORM_SHEET]
    assert ws["A2"].value == "PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ"
    assert "quý III năm 2022" in ws[F.PERIOD_CELL].value
    assert "74/KH-SKHCN" in ws[F.PLAN_CELL].value
    assert ws[F.UNIT_CELL].value == "Đơn vị báo cáo: Văn phòng Sở"
    # Default deadline: the end of the Q3 cut-off (15/6 → 14/9).
    assert ws["A6"].value == "Hạn gửi lại phiếu: 14/09/2022"
    assert [ws[f"D{r}"].value for r in (11, 12, 13)] == ["Chủ trì"] * 3
    # No Q3 check-in yet: the answers are blank, the Q2 result is shown as context.
    assert ws["G11"].value is None
    assert ws["F11"].value.startswith("Quý II/2022: Đang thực hiện, 50%.")


def test_deadline_given_by_the_caller(send) -> None:  # type: ignore[no-untyped-def]
    sent = send(Q3, deadline=dt.date(2022, 9, 30), units=[VP])
    assert len(sent) == 1 and sent[0].identity.deadline == dt.date(2022, 9, 30)
    ws = openpyxl.load_workbook(sent[0].path)[F.FORM_SHEET]
    assert ws["A6"].value == "Hạn gửi lại phiếu: 30/09/2022"


def test_this_periods_checkin_is_prefilled(send) -> None:  # type: ignore[no-untyped-def]
    ws = openpyxl.load_workbook(by_unit(send(Q2), TT).path)[F.FORM_SHEET]
    r = row_of(ws, "T2")
    assert (ws[f"G{r}"].value, ws[f"H{r}"].value) == ("Hoàn thành", 100)
    assert ws[f"N{r}"].value == dt.datetime(2022, 6, 28)
    assert ws[f"F{r}"].value.startswith("Quý I/2022: Đang thực hiện, 50%.")


def test_only_answer_cells_are_editable(send) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(by_unit(send(Q3), VP).path)
    ws = wb[F.FORM_SHEET]
    assert ws.protection.sheet and not ws.protection.password
    for col in "ABCDEFJO":  # J: no target on these tasks, nothing to count
        assert ws[f"{col}11"].protection.locked is not False, col
    for col in "GHIKLMN":
        assert ws[f"{col}11"].protection.locked is False, col
    assert ws.column_dimensions[F.KEY_COL].hidden
    assert [ws[f"O{r}"].value for r in (11, 12, 13)] == ["T1", "T3", "T4"]
    assert ws["N11"].number_format == "DD/MM/YYYY"
    # Answers typed as "- Đã tổ chức ..." must stay text, not turn into formulas.
    assert [ws[f"{c}11"].number_format for c in "IKLM"] == ["@"] * 4
    assert ws["G11"].fill.fgColor.rgb == ws["I11"].fill.fgColor.rgb != ws["B11"].fill.fgColor.rgb
    rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert rules["list"].formula1 == '"' + ",".join(STATUS_LABELS.values()) + '"'
    assert str(rules["list"].sqref) == "G11:G13"
    assert (rules["whole"].formula1, rules["whole"].formula2) == ("0", "100")
    assert str(rules["date"].sqref) == "N11:N13"
    identity = wb[F.IDENTITY_SHEET]
    assert identity.sheet_state == "veryHidden" and identity.protection.sheet
    assert wb.security.lockStructure
    assert wb.sheetnames == [F.FORM_SHEET, F.GUIDE_SHEET, F.IDENTITY_SHEET]
    guide = wb[F.GUIDE_SHEET]
    assert "Chỉ điền vào các ô nền vàng" in guide["B4"].value


def test_round_trip_stores_exactly_the_answers_and_twice_is_a_no_op(  # type: ignore[no-untyped-def]
    send, db: Database, hai_duong_id: int
) -> None:
    sent = send(Q3)
    for unit, answers in ANSWERS.items():
        fill(by_unit(sent, unit).path, answers)
    forms = [read_form(s.path) for s in sent]
    assert [p.text() for f in forms for p in f.problems] == []
    preview = preview_forms(db, hai_duong_id, forms, period=Q3)
    changes = {(f.form.identity.unit, r.key): r.change for f in preview.files for r in f.rows}
    assert changes[(VP, "T1")] is Change.NEW and changes[(VP, "T4")] is Change.BLANK
    assert changes[("Bản tin KH&CN", "T2")] is Change.BLANK
    assert sum(c is Change.NEW for c in changes.values()) == 5
    assert load_plan(db, hai_duong_id).checkins == load_plan(db, hai_duong_id).checkins
    assert not [c for c in load_plan(db, hai_duong_id).checkins if c.period == Q3]

    result = apply_forms(db, hai_duong_id, forms, period=Q3)
    assert sorted(result.created) == ["T1", "T2", "T3", "T5", "T6"]
    assert len(result.returned) == 5
    stored = {c.task: c for c in load_plan(db, hai_duong_id).checkins if c.period == Q3}
    assert sorted(stored) == ["T1", "T2", "T3", "T5", "T6"]
    t1 = stored["T1"]
    assert (t1.status, t1.progress, t1.reported_by) == (Status.IN_PROGRESS, 75, VP)
    assert t1.result == "Lồng ghép tuyên truyền\nở 12 cuộc họp"
    assert [e.title for e in t1.evidence] == [
        "Công văn số 80/SKHCN-VP ngày 02/8/2022",
        "Biên bản họp ngày 15/8/2022",
    ]
    assert t1.reported_on == dt.date(2022, 9, 10)
    t3 = stored["T3"]
    assert (t3.status, t3.progress, t3.difficulties, t3.proposals) == (
        Status.DONE,
        100,
        "Thiếu người",
        "Bổ sung",  # "done" counts as 100 %
    )
    t2 = stored["T2"]
    assert (t2.status, t2.progress, t2.reported_on, t2.reported_by) == (
        Status.DONE_LATE,
        100,
        dt.date(2022, 9, 20),
        TT,
    )
    assert (stored["T5"].status, stored["T5"].progress) == (Status.NOT_DONE, 40)
    assert stored["T5"].result == "- Chưa làm được\n- Chờ kinh phí"
    assert (stored["T6"].status, stored["T6"].reported_by) == (Status.CANCELLED, CC)

    before = snapshot(db.path)
    again = [read_form(s.path) for s in sent]
    preview = preview_forms(db, hai_duong_id, again, period=Q3)
    assert {r.change for r in preview.rows} == {Change.UNCHANGED, Change.BLANK}
    result = apply_forms(db, hai_duong_id, again, period=Q3)
    assert result.stored == 0 and result.returned == []
    assert snapshot(db.path) == before


def test_sorted_rows_still_match(send, db: Database, hai_duong_id: int) -> None:  # type: ignore[no-untyped-def]
    path = by_unit(send(Q3), VP).path
    fill(path, {"T1": {"G": "Đang thực hiện", "H": 30}, "T4": {"G": "Hoàn thành"}})
    # The unit sorts the rows (last first) after unprotecting the sheet.
    wb = openpyxl.load_workbook(path)
    ws = wb[F.FORM_SHEET]
    rows = [[ws.cell(r, c).value for c in range(1, 16)] for r in (11, 12, 13)]
    for r, values in zip((11, 12, 13), reversed(rows), strict=True):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(path)
    form = read_form(path)
    assert form.problems == []
    assert [(r.key, r.row) for r in form.rows] == [("T4", 11), ("T3", 12), ("T1", 13)]
    apply_forms(db, hai_duong_id, [form], period=Q3)
    stored = {c.task: c for c in load_plan(db, hai_duong_id).checkins if c.period == Q3}
    assert (stored["T1"].status, stored["T1"].progress) == (Status.IN_PROGRESS, 30)
    assert stored["T4"].status is Status.DONE and "T3" not in stored


def test_achieved_counts_only_on_tasks_with_a_target(  # type: ignore[no-untyped-def]
    db: Database, send
) -> None:
    plan = read_plan_file(HAI_DUONG)
    plan.tasks[1].target = Target(20, "tin, bài")  # T2
    pid = save_new_plan(db, plan)
    path = by_unit(send(Q3, pid=pid), TT).path
    ws = openpyxl.load_workbook(path)[F.FORM_SHEET]
    assert ws["J11"].protection.locked is False and ws["J12"].protection.locked is not False
    assert "Chỉ tiêu: 20 tin, bài" in ws["C11"].value
    fill(path, {"T2": {"G": "Đang thực hiện", "H": 60, "J": 12.5}})
    apply_forms(db, pid, [read_form(path)], period=Q3)
    stored = {c.task: c for c in load_plan(db, pid).checkins if c.period == Q3}
    assert stored["T2"].achieved == 12.5


def test_forms_status_per_unit(send, db: Database, hai_duong_id: int) -> None:  # type: ignore[no-untyped-def]
    before = {s.unit: s for s in forms_status(db, hai_duong_id, Q3)}
    assert set(before) == {VP, TT, CC, "Ban biên tập Trang TTĐT", "Bản tin KH&CN"}
    assert all(s.missing and s.sent_at is None for s in before.values())
    assert before[VP].tasks_due == 3
    sent = send(Q3)
    fill(by_unit(sent, VP).path, ANSWERS[VP])
    apply_forms(db, hai_duong_id, [read_form(by_unit(sent, VP).path)], period=Q3)
    after = {s.unit: s for s in forms_status(db, hai_duong_id, Q3)}
    assert after[VP].returned_at is not None and not after[VP].missing
    assert after[VP].sent_at is not None and after[VP].sent_at <= after[VP].returned_at
    assert after[VP].deadline == dt.date(2022, 9, 14) and after[VP].forms_sent == 1
    missing = [s.unit for s in after.values() if s.missing]
    assert sorted(missing) == sorted([TT, CC, "Ban biên tập Trang TTĐT", "Bản tin KH&CN"])
    assert all(s.sent_at is not None for s in after.values())


def test_cli_export_preview_apply(  # type: ignore[no-untyped-def]
    db: Database, hai_duong_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(db.path)
    out = tmp_path / "phieu"
    export = ["export-forms", str(hai_duong_id), "--period", "2022-Q3", "-o", str(out)]
    assert main(["--db", url, *export, "--deadline", "25/09/2022"]) == 0
    written = capsys.readouterr().out.split()
    assert len(written) == 5 and all(Path(p).exists() for p in written)
    path = out / "Phieu-bao-cao-Q3-2022-Van-phong-So.xlsx"
    assert openpyxl.load_workbook(path)[F.FORM_SHEET]["A6"].value.endswith("25/09/2022")
    fill(path, ANSWERS[VP])
    before = snapshot(db.path)
    assert (
        main(["--db", url, "import-forms", str(hai_duong_id), str(path), "--period", "2022-Q3"])
        == 0
    )
    out_text = capsys.readouterr().out
    assert "Văn phòng Sở, Quý III/2022: 2 mới, 0 thay đổi" in out_text
    assert "T1       Mới        Đang thực hiện, 75% — Lồng ghép tuyên truyền" in out_text
    assert "chưa lưu gì" in out_text
    assert snapshot(db.path) == before  # the preview stores nothing
    assert main(["--db", url, "import-forms", str(hai_duong_id), str(path), "--apply"]) == 0
    assert "Đã lưu 2 báo cáo: 2 mới" in capsys.readouterr().out
    stored = {c.task for c in load_plan(db, hai_duong_id).checkins if c.period == Q3}
    assert stored == {"T1", "T3"}


def test_deleting_a_task_or_the_plan_takes_its_dispatch_rows(  # type: ignore[no-untyped-def]
    send, db: Database, hai_duong_id: int
) -> None:
    from cchc_desktop.services.plan_store import delete_plan
    from cchc_desktop.services.tasks import delete_task

    sent = send(Q3)
    path = by_unit(sent, VP).path
    fill(path, {"T3": {"G": "Hoàn thành"}})
    task_id = next(t.id for t in load_plan(db, hai_duong_id).tasks if t.key == "T3")
    delete_task(db, task_id or 0)
    form = read_form(path)
    preview = preview_forms(db, hai_duong_id, [form], period=Q3)
    assert [p.text() for p in preview.problems] == [
        f"{path.name}: Ô A12: Nhiệm vụ “T3” đã bị xóa khỏi kế hoạch sau khi gửi phiếu; "
        "bỏ qua dòng này."
    ]
    assert not preview.blocking
    # Previewing again (apply does) reports each problem once, not once per preview.
    assert preview_forms(db, hai_duong_id, [form], period=Q3).problems == preview.problems
    delete_plan(db, hai_duong_id)
    rows = snapshot(db.path)
    assert rows["form_dispatch"] == [] and rows["form_dispatch_task"] == []


def test_forms_of_a_past_quarter_leave_the_units_time_to_answer(send) -> None:  # type: ignore[no-untyped-def]
    """Issue 17, point 10: forms of a quarter sent after its cut-off (the clerk catching up
    in December on Q3) are due a week after they are sent, not on the cut-off already past
    (which showed every unit "Quá hạn" at once); forms sent in time keep the cut-off."""
    late = send(Q3, now=dt.datetime(2022, 12, 5, 9, 0), units=[VP])
    assert late[0].identity.deadline == dt.date(2022, 12, 12)
    ws = openpyxl.load_workbook(late[0].path)[F.FORM_SHEET]
    assert ws["A6"].value == "Hạn gửi lại phiếu: 12/12/2022"
    on_time = send(Q3, now=dt.datetime(2022, 9, 1, 9, 0), units=[VP])
    assert on_time[0].identity.deadline == dt.date(2022, 9, 14)
