"""`cchc report PLAN --period P --set F=V` and the report record: kept in the database,
carried by the JSON, never overwritten by a regenerate; `export-report` warns, `--strict`
refuses."""

from __future__ import annotations

import json

import docx
from docx.oxml.ns import qn

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.reports import get_report
from tests.exports.nd30_checker import check_nd30
from tests.helpers import run_cli

H1 = Period.parse("2022-H1")
CAUSE = "- Kết quả Chỉ số CCHC công bố muộn;\\n- Một số đơn vị chưa quan tâm."


def _text(path) -> str:  # type: ignore[no-untyped-def]
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def _set(capsys, db_path, plan_id: int, *pairs: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    args = [x for pair in pairs for x in ("--set", pair)]
    return run_cli(
        capsys, "--db", str(db_path), "report", str(plan_id), "--period", "2022-H1", *args
    )


def test_report_fields_set_from_the_command_line_reach_the_docx(  # type: ignore[no-untyped-def]
    capsys, db, db_path, hai_duong_id, tmp_path
) -> None:
    code, out, err = _set(
        capsys, db_path, hai_duong_id, "number=125", "date=2022-06-18",
        "to=Ủy ban nhân dân tỉnh Hải Dương; Sở Nội vụ", "cc=Lãnh đạo Sở",
        f"nguyen_nhan={CAUSE}", "signer.authority=KT. GIÁM ĐỐC", "signer.title=PHÓ GIÁM ĐỐC",
        "signer.name=Nguyễn Văn A",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "number\t125/BC-SKHCN" in out and "[nguyen_nhan] Nguyên nhân (clerk)" in out
    record = get_report(db, hai_duong_id, H1)
    assert record.number == "125" and record.issued_on is not None
    assert record.narrative["nguyen_nhan"] == CAUSE.replace("\\n", "\n")
    target = tmp_path / "h1.docx"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id),
        "--period", "2022-H1", "-o", str(target),
    )  # fmt: skip
    assert code == 0 and "cảnh báo" in err
    parts = check_nd30(target, doc_type="BÁO CÁO", kind="BC")
    assert parts.header.cell(1, 0).paragraphs[0].text == "Số: 125/BC-SKHCN"
    assert parts.header.cell(1, 1).paragraphs[0].text == "Hải Dương, ngày 18 tháng 6 năm 2022"
    assert parts.addressee_texts == [
        "Kính gửi:", "- Ủy ban nhân dân tỉnh Hải Dương;", "- Sở Nội vụ.",
    ]  # fmt: skip
    i = parts.body_texts.index("3. Nguyên nhân")
    assert parts.body_texts[i + 1 : i + 3] == [
        "- Kết quả Chỉ số CCHC công bố muộn;",
        "- Một số đơn vị chưa quan tâm.",
    ]
    signature = [p.text for p in parts.signature.cell(0, 1).paragraphs if p.text]
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
    recipients = [p.text for p in parts.signature.cell(0, 0).paragraphs if p.text][1:]
    assert recipients == ["- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."]


def test_narrative_survives_json_export_and_import(
    capsys, db, db_path, hai_duong_id, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    assert _set(capsys, db_path, hai_duong_id, f"nguyen_nhan={CAUSE}", "number=9")[0] == 0
    exported = tmp_path / "plan.json"
    assert (
        run_cli(
            capsys, "--db", str(db_path), "export-json", str(hai_duong_id), "-o", str(exported)
        )[0]
        == 0
    )
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["plan"]["reports"][0]["period"] == "2022-H1"
    assert data["plan"]["reports"][0]["narrative"]["nguyen_nhan"] == CAUSE.replace("\\n", "\n")
    code, out, _ = run_cli(capsys, "--db", str(db_path), "import", str(exported))
    assert code == 0
    again = load_plan(db, int(out.split()[-1]))
    record = again.report(H1)
    assert record is not None and record.number == "9"
    assert record.text("nguyen_nhan") == CAUSE.replace("\\n", "\n")
    # and a second export is the same file: the key round-trips
    second = tmp_path / "again.json"
    run_cli(capsys, "--db", str(db_path), "export-json", out.split()[-1], "-o", str(second))
    assert json.loads(second.read_text(encoding="utf-8"))["plan"] == data["plan"]


def test_a_plan_without_reports_is_written_without_the_key(
    capsys, db, db_path, hai_duong_id, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    exported = tmp_path / "plan.json"
    run_cli(capsys, "--db", str(db_path), "export-json", str(hai_duong_id), "-o", str(exported))
    plan = json.loads(exported.read_text(encoding="utf-8"))["plan"]
    assert "reports" not in plan
    assert all("proposals_scope" not in c for c in plan["checkins"])


def test_regenerating_the_data_keeps_the_clerks_words(capsys, db, db_path, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    written = "- Đã ban hành Kế hoạch và tổ chức quán triệt tại giao ban Sở."
    assert _set(capsys, db_path, hai_duong_id, f"chi_dao={written}")[0] == 0
    # New data: T6 is finished in Q2; the pre-filled parts change, the clerk's do not.
    plan = load_plan(db, hai_duong_id)
    q2 = next(c for c in plan.checkins if c.task == "T6" and c.period == Period.parse("2022-Q2"))
    record_checkin(db, hai_duong_id, CheckIn("T6", q2.period, Status.DONE, 100, "Xong."))
    code, out, err = _set(capsys, db_path, hai_duong_id)
    assert code == 0
    assert f"[chi_dao] Công tác chỉ đạo, điều hành (clerk)\n{written}\n" in out
    assert "Đã hoàn thành 2/6 nhiệm vụ" in out  # ưu điểm, from the new data
    assert "mục “Công tác chỉ đạo, điều hành” đã thay đổi" not in err  # same basis
    record_checkin(
        db, hai_duong_id, CheckIn("T1", Period.parse("2022-Q3"), Status.DONE, 100, "Xong.")
    )
    code, out, err = run_cli(
        capsys, "--db", str(db_path), "report", str(hai_duong_id), "--period", "2022"
    )
    assert code == 0 and "(clerk)" not in out  # the year report has its own record


def test_changed_data_under_a_written_section_is_said(capsys, db, db_path, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    assert _set(capsys, db_path, hai_duong_id, "uu_diem=- Hoàn thành tốt.")[0] == 0
    plan = load_plan(db, hai_duong_id)
    q2 = next(c for c in plan.checkins if c.task == "T6" and c.period == Period.parse("2022-Q2"))
    record_checkin(db, hai_duong_id, CheckIn("T6", q2.period, Status.DONE, 100, "Xong."))
    code, out, err = _set(capsys, db_path, hai_duong_id)
    assert code == 0 and "[uu_diem] Ưu điểm (clerk)\n- Hoàn thành tốt.\n" in out
    assert "số liệu của mục “Ưu điểm” đã thay đổi kể từ khi soạn" in err


def test_bad_input_is_refused(capsys, db, db_path, hai_duong_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "report", str(hai_duong_id), "--period", "2023-H1"
    )
    assert code == 1 and "outside the plan year 2022" in err
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id), "--period", "2021",
        "-o", str(tmp_path / "x.docx"),
    )  # fmt: skip
    assert code == 1 and "outside the plan year 2022" in err
    code, _, err = _set(capsys, db_path, hai_duong_id, "nguyen_nhan=" + "x" * 20_001)
    assert code == 1 and "longer than 20000" in err
    code, _, err = _set(capsys, db_path, hai_duong_id, "colour=red")
    assert code == 1 and "unknown field 'colour'" in err
    code, _, err = _set(capsys, db_path, hai_duong_id, "date=18/06/2022")
    assert code == 1
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "report", str(hai_duong_id), "--period", "2022-Q2",
        "--set", "number=1",
    )  # fmt: skip
    assert code == 1 and "not a report period" in err
    assert get_report(db, hai_duong_id, H1).narrative == {}


def test_strict_refuses_a_warned_report(capsys, db, db_path, hai_duong_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "q1.docx"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id), "--period", "2022-Q1",
        "-o", str(target), "--strict",
    )  # fmt: skip
    assert code == 1 and "--strict: nothing written" in err and not target.exists()
    assert "sau ngày chốt số liệu 14/03/2022" in err
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id), "--period", "2022",
        "-o", str(tmp_path / "nam.xlsx"),
    )  # fmt: skip
    assert code == 0 and "tổng hợp đến hết quý II năm 2022" in err
    assert (tmp_path / "nam.xlsx").exists()
    text = _text(target) if target.exists() else ""
    assert text == ""
