"""`cchc export-plan PLAN -o FILE.docx` and `cchc export-report PLAN --period P -o FILE.docx`."""

from __future__ import annotations

from cchc_desktop.domain.dates import BLANK
from tests.exports.nd30_checker import check_nd30
from tests.exports.test_docx_plan import expected_body
from tests.helpers import run_cli


def test_export_plan(capsys, db, db_path, hai_duong_id, hai_duong_plan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ke-hoach-74.docx"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-plan", str(hai_duong_id), "-o", str(out)
    )
    assert (code, err) == (0, "")
    parts = check_nd30(out)
    assert parts.body_texts == expected_body(hai_duong_plan)
    assert parts.header.cell(1, 0).paragraphs[0].text == "Số: 74/KH-SKHCN"
    assert parts.appendix is not None
    assert len(parts.appendix.table.rows) == 1 + len(hai_duong_plan.tasks)


def test_export_report_docx(capsys, db, db_path, hai_duong_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bao-cao-q1.docx"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id),
        "--period", "2022-Q1", "-o", str(out),
    )  # fmt: skip
    # Warned (the Hải Dương Q1 check-ins are dated after the 14/3 cut-off), still exported.
    assert code == 0 and err.count("cchc: cảnh báo: ") == 6
    parts = check_nd30(out, doc_type="BÁO CÁO", kind="BC")
    assert parts.subject.text == "Kết quả thực hiện Kế hoạch số 74/KH-SKHCN quý I năm 2022"
    assert parts.header.cell(1, 0).paragraphs[0].text == f"Số: {BLANK}/BC-SKHCN"


def test_export_plan_refuses_another_suffix(capsys, db, db_path, hai_duong_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ke-hoach.odt"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-plan", str(hai_duong_id), "-o", str(out)
    )
    assert code == 1 and ".docx" in err
    assert not out.exists()


def test_export_plan_to_a_locked_file_keeps_it(  # type: ignore[no-untyped-def]
    capsys, db, db_path, hai_duong_id, tmp_path, monkeypatch
) -> None:
    import os

    out = tmp_path / "ke-hoach.docx"
    out.write_bytes(b"open in Word")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "locked")

    monkeypatch.setattr(os, "replace", locked)
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-plan", str(hai_duong_id), "-o", str(out)
    )
    assert code == 1
    assert err.startswith(f"cchc: {out}: ") and err.count("\n") == 1
    assert out.read_bytes() == b"open in Word"
