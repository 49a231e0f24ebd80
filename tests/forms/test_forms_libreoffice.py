"""A form opens outside openpyxl: LibreOffice prints it (text checked in the PDF), and a form
filled and saved by LibreOffice still reads back with its identity."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cchc_desktop.domain.status import Status
from cchc_desktop.imports.xlsx_forms import read_form
from tests.forms.form_helpers import Q2, by_unit, fill

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]


def soffice(source: Path, target_format: str, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    profile = f"file:///tmp/lo-forms-{os.getpid()}"
    produced = out / f"{source.stem}.{target_format.split(':')[0]}"
    for _attempt in range(2):  # a fresh profile's first start may exit without converting
        run = subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to",
             target_format, "--outdir", str(out), str(source)],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        if produced.exists():
            return produced
    raise AssertionError(f"LibreOffice wrote no {produced.name}: {run.stdout} {run.stderr}")


def test_libreoffice_prints_the_form(send, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = by_unit(send(Q2), "Văn phòng Sở").path
    pdf = soffice(path, "pdf", tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "Đơn vị báo cáo: Văn phòng Sở",
        "Hạn gửi lại phiếu: 14/06/2022",
        "HƯỚNG DẪN ĐIỀN PHIẾU BÁO CÁO",
        "Tăng cường tuyên truyền cải cách hành chính",
        "Đang thực hiện",
        "Trang 1/2",
    ):
        assert expected in flat, expected
    assert "veryHidden" not in flat and "checksum" not in flat  # the identity is not printed
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    # The form on one page, the guide on the next.
    assert re.search(r"^Pages:\s+2$", pages.stdout, re.MULTILINE), pages.stdout


def test_form_saved_by_libreoffice_reads_back(send, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = by_unit(send(Q2), "Văn phòng Sở").path
    fill(path, {"T4": {"G": "Hoàn thành", "I": "Xong", "N": "30/06/2022"}})
    resaved = soffice(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    form = read_form(resaved)
    assert form.problems == []
    assert form.identity is not None and form.identity.tasks == ("T1", "T3", "T4")
    t4 = next(r for r in form.rows if r.key == "T4")
    assert t4.answer is not None and t4.answer.status is Status.DONE
    assert t4.answer.result == "Xong" and str(t4.answer.reported_on) == "2022-06-30"
