"""The PDF to sign (ký số): `cchc export-plan … -o F.pdf` and `export-report … -o F.pdf`.

The slow tests run LibreOffice: fonts embedded (pdffonts), A4, the title and the signer's
name in the text (pdftotext). Without an office suite, one Vietnamese line and exit 1.
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from cchc_desktop.exports import pdf
from tests.helpers import run_cli


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(unicodedata.normalize("NFC", out.stdout.decode("utf-8")).split())


def _fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


@pytest.mark.slow
def test_export_plan_pdf_fonts_embedded_title_and_signer(  # type: ignore[no-untyped-def]
    capsys, db, db_path, hai_duong_id, hai_duong_plan, tmp_path
) -> None:
    out = tmp_path / "ke-hoach-74.pdf"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-plan", str(hai_duong_id), "-o", str(out)
    )
    assert (code, err) == (0, "")
    assert out.read_bytes().startswith(b"%PDF-")
    fonts = _fonts(out)
    assert fonts, "the PDF names its fonts"
    # Columns: name type encoding emb sub uni object ID; emb is the fourth from the end.
    assert all(row[-5] == "yes" for row in fonts), fonts
    text = _text(out)
    assert " ".join(hai_duong_plan.title.split()) in text
    assert hai_duong_plan.signer.name in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "595.3" in info.stdout and "841.89" in info.stdout  # A4 portrait, first page
    assert not list(tmp_path.glob("*.docx")), "the .docx used for the PDF is not left behind"


@pytest.mark.slow
def test_export_report_pdf(capsys, db, db_path, hai_duong_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bao-cao-q1.pdf"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-report", str(hai_duong_id),
        "--period", "2022-Q1", "-o", str(out),
    )  # fmt: skip
    # The report's warnings (check-ins dated after the cut-off) go to stderr, nothing else.
    assert code == 0
    assert all(line.startswith("cchc: cảnh báo: ") for line in err.splitlines())
    assert all(row[-5] == "yes" for row in _fonts(out))
    assert "Kết quả thực hiện Kế hoạch số 74/KH-SKHCN quý I năm 2022" in _text(out)


def test_no_office_suite_one_line_and_nothing_written(  # type: ignore[no-untyped-def]
    capsys, db, db_path, hai_duong_id, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert pdf.find_soffice() is None
    out = tmp_path / "ke-hoach.pdf"
    code, _, err = run_cli(
        capsys, "--db", str(db_path), "export-plan", str(hai_duong_id), "-o", str(out)
    )
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "install LibreOffice" in err
    assert not out.exists()
    with pytest.raises(pdf.OfficeSuiteMissingError) as caught:
        pdf.write_pdf(lambda p: p.write_bytes(b""), out)
    assert "LibreOffice" in caught.value.message and "cài" in caught.value.message


def test_soffice_without_a_pdf_is_a_user_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 81\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"not a docx")
    with pytest.raises(pdf.PdfConversionError) as caught:
        pdf.convert_docx_to_pdf(docx, tmp_path / "a.pdf")
    assert "exited 81" in caught.value.detail and "could not be loaded" in caught.value.detail
    assert not (tmp_path / "a.pdf").exists()
