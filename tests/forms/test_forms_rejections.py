"""Every kind of bad returned file is refused with a message naming the file and the cell,
and the database is left exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from cchc_desktop.cli import main
from cchc_desktop.domain import forms as F
from cchc_desktop.domain.forms import SentForm
from cchc_desktop.errors import ValidationError
from cchc_desktop.imports.xlsx_forms import NOT_OUR_FORM, read_form
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.forms import apply_forms, preview_forms
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import Database
from tests.forms.form_helpers import GIO_SON, Q2, Q3, by_unit, fill
from tests.helpers import snapshot

VP = "Văn phòng Sở"
GOOD = {"G": "Đang thực hiện", "H": 50, "I": "Đã làm"}


def refused(db: Database, hai_duong_id: int, path: Path, period: object = None) -> list[str]:
    """Preview, then try to apply: returns the problem texts; asserts nothing was stored."""
    before = snapshot(db.path)
    forms = [read_form(path)]
    preview = preview_forms(db, hai_duong_id, forms, period=period)  # type: ignore[arg-type]
    texts = [p.text() for p in preview.blocking]
    assert texts, "expected a blocking problem"
    with pytest.raises(ValidationError) as info:
        apply_forms(db, hai_duong_id, forms, period=period)  # type: ignore[arg-type]
    assert path.name in info.value.message and info.value.file == path.name
    assert snapshot(db.path) == before
    return texts


@pytest.fixture
def vp_form(send: Callable[..., list[SentForm]]) -> Path:
    return by_unit(send(Q3), VP).path


def test_wrong_plan(send, db: Database, hai_duong_id: int) -> None:  # type: ignore[no-untyped-def]
    other = save_new_plan(db, read_plan_file(GIO_SON))
    path = send(Q3, pid=other)[0].path
    fill(path, {read_form(path).identity.tasks[0]: GOOD})  # type: ignore[union-attr]
    texts = refused(db, hai_duong_id, path)
    assert texts == [
        f"{path.name}: Ô A4: Tệp này thuộc kế hoạch khác (Kế hoạch số 32/KH-UBND năm 2022), "
        "không phải Kế hoạch số 74/KH-SKHCN năm 2022."
    ]


def test_wrong_period(send, db: Database, hai_duong_id: int) -> None:  # type: ignore[no-untyped-def]
    path = by_unit(send(Q2), VP).path
    assert refused(db, hai_duong_id, path, Q3) == [
        f"{path.name}: Ô A3: Tệp này của kỳ Quý II/2022, không phải kỳ Quý III/2022 đang tổng hợp."
    ]


def test_identity_altered(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T1": GOOD})
    wb = openpyxl.load_workbook(vp_form)
    ws = wb[F.IDENTITY_SHEET]
    row = next(r for r in range(1, 20) if ws[f"A{r}"].value == "unit")
    ws[f"B{row}"] = "Trung tâm Đo lường, Thử nghiệm và TTKH"  # pass it off as another unit's
    wb.save(vp_form)
    [text] = refused(db, hai_duong_id, vp_form)
    assert text.startswith(f"{vp_form.name}: Ô cchc!A1:B13: Phần nhận dạng của phiếu đã bị sửa")


def test_task_key_altered_in_hidden_column(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T1": GOOD})
    wb = openpyxl.load_workbook(vp_form)
    wb[F.FORM_SHEET]["O12"] = "T2"  # not on this unit's form
    wb.save(vp_form)
    texts = refused(db, hai_duong_id, vp_form)
    assert f"{vp_form.name}: Ô O12: Mã nhiệm vụ “T2” không thuộc phiếu này (dòng đã bị sửa)." in (
        texts
    )


def test_row_deleted(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T1": GOOD})
    wb = openpyxl.load_workbook(vp_form)
    wb[F.FORM_SHEET].delete_rows(12)  # T3
    wb.save(vp_form)
    assert refused(db, hai_duong_id, vp_form) == [
        f"{vp_form.name}: Ô A12: Dòng nhiệm vụ số 2 (mã “T3”) bị xóa khỏi phiếu."
    ]


def test_progress_150(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T1": GOOD, "T3": {"G": "Đang thực hiện", "H": 150}})
    assert refused(db, hai_duong_id, vp_form) == [
        f"{vp_form.name}: Ô H12: Tiến độ phải từ 0 đến 100 (đã ghi 150)."
    ]


def test_progress_not_whole(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T1": {"G": "Đang thực hiện", "H": "một nửa"}})
    assert refused(db, hai_duong_id, vp_form) == [
        f"{vp_form.name}: Ô H11: Tiến độ phải là số nguyên từ 0 đến 100 (đã ghi “một nửa”)."
    ]


def test_status_not_in_the_list(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T4": {"G": "Xong rồi", "H": 100}})
    [text] = refused(db, hai_duong_id, vp_form)
    assert text.startswith(f"{vp_form.name}: Ô G13: Tình trạng “Xong rồi” không có trong danh")
    assert "Đang thực hiện" in text


def test_answers_without_status(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T4": {"I": "Đã làm xong"}})
    assert refused(db, hai_duong_id, vp_form) == [
        f"{vp_form.name}: Ô G13: Chưa chọn tình trạng cho nhiệm vụ đã điền nội dung."
    ]


def test_date_that_is_not_a_date(vp_form: Path, db: Database, hai_duong_id: int) -> None:
    fill(vp_form, {"T1": {**GOOD, "N": "hôm qua"}, "T3": {**GOOD, "N": "31/02/2022"}})
    assert refused(db, hai_duong_id, vp_form) == [
        f"{vp_form.name}: Ô N11: Ngày báo cáo phải là một ngày dạng ngày/tháng/năm "
        "(đã ghi “hôm qua”).",
        f"{vp_form.name}: Ô N12: Ngày báo cáo phải là một ngày dạng ngày/tháng/năm "
        "(đã ghi “31/02/2022”).",
    ]


def test_file_that_is_not_an_xlsx(tmp_path: Path, db: Database, hai_duong_id: int) -> None:
    path = tmp_path / "Phieu-bao-cao.xlsx"
    path.write_text("Báo cáo quý III: đã làm xong\n", encoding="utf-8")
    [text] = refused(db, hai_duong_id, path)
    assert text == f"{path.name}: Tệp không phải bảng tính Excel (.xlsx)."


def test_xlsx_that_is_not_our_form(tmp_path: Path, db: Database, hai_duong_id: int) -> None:
    path = tmp_path / "bao-cao-tu-lam.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Nhiệm vụ"  # type: ignore[index]
    wb.save(path)
    assert refused(db, hai_duong_id, path) == [f"{path.name}: {NOT_OUR_FORM}"]


def test_one_bad_file_stops_the_whole_batch(  # type: ignore[no-untyped-def]
    send, db: Database, hai_duong_id: int
) -> None:
    sent = send(Q3)
    good, bad = by_unit(sent, VP).path, by_unit(sent, "Chi cục Tiêu chuẩn - Đo lường - Chất lượng")
    fill(good, {"T1": GOOD})
    fill(bad.path, {"T6": {"G": "Đang thực hiện", "H": -5}})
    before = snapshot(db.path)
    with pytest.raises(ValidationError, match="Ô H11"):
        apply_forms(db, hai_duong_id, [read_form(good), read_form(bad.path)], period=Q3)
    assert snapshot(db.path) == before


def test_two_forms_of_one_unit_answering_one_task_differently(  # type: ignore[no-untyped-def]
    send, db: Database, hai_duong_id: int, tmp_path: Path
) -> None:
    """Two forms of the same unit (sent twice) with two answers on one task still collide;
    a lead's and a partner's answers on it do not (issue 14: each unit's answer is kept)."""
    first = by_unit(send(Q3), VP).path
    again = tmp_path / "again"
    again.mkdir()
    first_copy = again / "first.xlsx"
    first_copy.write_bytes(first.read_bytes())
    second = by_unit(send(Q3, units=[VP]), VP).path
    fill(first_copy, {"T1": GOOD})
    fill(second, {"T1": {"G": "Hoàn thành", "I": "Đã xong"}})
    before = snapshot(db.path)
    texts = [
        p.text()
        for p in preview_forms(
            db, hai_duong_id, [read_form(first_copy), read_form(second)]
        ).blocking
    ]
    assert texts == [
        f"{second.name}: Ô G11: Nhiệm vụ “T1” cũng được trả lời khác trong tệp "
        f"{first_copy.name}; hãy nhập từng tệp một."
    ]
    assert snapshot(db.path) == before


def test_form_of_a_unit_no_longer_on_the_task_is_refused(  # type: ignore[no-untyped-def]
    send, db: Database, hai_duong_id: int
) -> None:
    """The plan changed after the forms went out: Bản tin KH&CN no longer partners on T3."""
    import dataclasses

    from cchc_desktop.services import tasks as task_service
    from cchc_desktop.services.plan_read import load_plan

    partner = by_unit(send(Q3), "Bản tin KH&CN")
    fill(partner.path, {"T3": {"I": "Bản tin đã đăng"}})
    plan = load_plan(db, hai_duong_id)
    t3 = plan.task("T3")
    assert t3 is not None and t3.id is not None
    task_service.update_task(
        db,
        t3.id,
        dataclasses.replace(t3, partners=[u for u in t3.partners if u != "Bản tin KH&CN"]),
    )
    row = partner.identity.row_of("T3")
    texts = refused(db, hai_duong_id, partner.path)
    assert texts == [
        f"{partner.path.name}: Ô A{row}: Đơn vị “Bản tin KH&CN” không chủ trì cũng không phối "
        "hợp thực hiện nhiệm vụ “T3” nên không nhận được câu trả lời ở dòng này."
    ]


def test_cli_names_file_and_cell_and_exits_1(  # type: ignore[no-untyped-def]
    vp_form: Path, db: Database, hai_duong_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(vp_form, {"T1": {"G": "Đang thực hiện", "H": 150}})
    before = snapshot(db.path)
    code = main(["--db", str(db.path), "import-forms", str(hai_duong_id), str(vp_form), "--apply"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"cchc: {vp_form.name}: Ô H11: Tiến độ phải từ 0 đến 100 (đã ghi 150)." in err
    assert "chưa lưu gì" in err
    assert snapshot(db.path) == before
