"""Render the exported .docx files with LibreOffice and read the PDF back (slow).

Checks what a person would see: the text is all there, page 1 carries no number and page 2
does, the appendix pages are landscape, and the page count is plausible for the text.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from cchc_desktop.domain.model import Plan
from cchc_desktop.exports import nd30
from tests.exports.conftest import PLAN_FILES, plan_id
from tests.exports.test_docx_plan import expected_body

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("soffice", "pdftotext", "pdfinfo")),
        reason="LibreOffice and poppler-utils are needed",
    ),
]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _letters(text: str) -> str:
    """Without white space and hyphens: pdftotext joins "kinh tế-" / "xã hội" at a line end."""
    return re.sub(r"[\s\-]", "", _norm(text))


@pytest.fixture(scope="module")
def pdfs(exported_plans, exported_reports, tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """Every exported plan and its Q1 report as PDF, converted in one LibreOffice run."""
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")  # private: parallel runs never clash
    files = [path for _, path in exported_plans.values()]
    files += [path for (name, period), (_, path) in exported_reports.items() if period == "2022-Q1"]
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdfs = {p.stem: p for p in out.glob("*.pdf")}
    assert len(pdfs) == len(files), result.stdout + result.stderr
    return pdfs


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    result = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def running_text(pdf: Path) -> str:
    """The whole text, without the page numbers in the headers, whitespace collapsed."""
    pages = []
    for page in pdf_text(pdf).split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and lines[0].strip().isdigit():
            lines = lines[1:]
        pages.append(" ".join(lines))
    return _norm(" ".join(pages))


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])  # type: ignore[index]
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout, re.M)
    return [(float(w), float(h)) for w, h in sizes]


def check_pages(pdf: Path, text_chars: int, appendix_rows: int) -> list[tuple[float, float]]:
    sizes = page_sizes(pdf)
    portrait = [s for s in sizes if s[1] > s[0]]
    landscape = [s for s in sizes if s[0] > s[1]]
    assert sizes[: len(portrait)] == portrait, "portrait pages come first"
    assert all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in portrait)  # A4
    assert 1 <= len(landscape) <= appendix_rows + 1
    # 14 pt text on 16.5 cm lines: 1,500-3,000 characters a page.
    assert math.ceil(text_chars / 3000) <= len(portrait) <= math.ceil(text_chars / 1500) + 1
    first = pdf_text(pdf, 1, 1).strip().splitlines()
    assert first[0].strip() != "1" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _norm(
        " ".join(first)
    )
    if len(portrait) > 1:
        assert pdf_text(pdf, 2, 2).strip().splitlines()[0].strip() == "2"
    appendix_first = pdf_text(pdf, len(portrait) + 1, len(portrait) + 1)
    assert appendix_first.strip().startswith("Phụ lục")  # no number on its first page
    if len(landscape) > 1:
        assert pdf_text(pdf, len(portrait) + 2, len(portrait) + 2).strip().startswith("2")
    return sizes


@pytest.mark.parametrize("name", [plan_id(p) for p in PLAN_FILES])
def test_rendered_plan(pdfs, exported_plans, name: str) -> None:  # type: ignore[no-untyped-def]
    plan: Plan = exported_plans[name][0]
    pdf = pdfs[name]
    text = running_text(pdf)
    for line in (nd30.QUOC_HIEU, nd30.TIEU_NGU, "KẾ HOẠCH", plan.title, plan.signer.name):
        assert _norm(line) in text
    letters = _letters(text)
    for paragraph in expected_body(plan):
        assert _letters(paragraph) in letters
    for column, _ in nd30.PLAN_TABLE_COLUMNS[:3]:
        assert column in text
    for task in plan.tasks:  # table cells wrap: the first words of each task are enough
        assert _norm(" ".join(task.name.split()[:3])) in text
    body_chars = sum(len(p) for p in expected_body(plan))
    check_pages(pdf, body_chars, len(plan.tasks))


OUTLINE = (
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
)


@pytest.mark.parametrize("name", [plan_id(p) for p in PLAN_FILES])
def test_rendered_report(pdfs, exported_reports, name: str) -> None:  # type: ignore[no-untyped-def]
    plan, path = exported_reports[(name, "2022-Q1")]
    pdf = pdfs[path.stem]
    text = running_text(pdf)
    assert "BÁO CÁO" in text
    for heading in OUTLINE:
        assert heading in text
    assert "Kính gửi:" in text and "- Như trên;" in text
    assert "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ QUÝ I NĂM 2022" in text
    assert plan.signer.name in text
    import docx

    from tests.exports.nd30_checker import split_parts

    body = split_parts(docx.Document(str(path))).body_texts
    letters = _letters(text)
    for paragraph in body:
        assert _letters(paragraph) in letters
    check_pages(pdf, sum(len(p) for p in body), len(plan.tasks))
