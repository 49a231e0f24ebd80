"""A PDF to sign digitally (ký số), converted from the .docx the app has just written.

Offices sign on PDF with the VGCA token tools, so the PDF must be the very document the
.docx is: the conversion is left to the office suite on the PC, which lays the page out as
the clerk sees it in the editor, embeds the fonts and keeps the text as text. LibreOffice
(``soffice --headless --convert-to pdf``) runs with a private profile in a temporary folder,
so a LibreOffice window the clerk has open (or its first-start wizard) never blocks it, and
with a time limit; on Windows, Word through its COM automation when LibreOffice is absent.

No Qt here; the window and the command line call :func:`write_pdf`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from cchc_desktop.atomic import write_bytes_atomic
from cchc_desktop.errors import UserError

TIMEOUT_SECONDS = 180  # a first start of LibreOffice on a slow office PC takes a minute

NO_OFFICE_DETAIL = "no office suite to make a PDF: install LibreOffice (soffice) or Microsoft Word"
NO_OFFICE_MESSAGE = (
    "Không tìm thấy bộ phần mềm văn phòng để tạo PDF: hãy cài LibreOffice "
    "(libreoffice.org, miễn phí) hoặc Microsoft Word rồi thử lại."
)

# Where the Windows installers put soffice when it is not on PATH.
_WINDOWS_SOFFICE = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class OfficeSuiteMissingError(UserError):
    """Neither LibreOffice nor Word is installed: nothing can turn the .docx into a PDF."""


class PdfConversionError(UserError):
    """The office suite ran but gave no PDF (timeout, crash, a damaged document)."""


def find_soffice() -> str | None:
    """The LibreOffice program on PATH (or where the Windows installer puts it), or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for candidate in _WINDOWS_SOFFICE:
            if Path(candidate).is_file():
                return candidate
    return None


def _word_available() -> bool:
    if sys.platform != "win32":
        return False
    try:
        import win32com.client  # noqa: F401
    except ImportError:
        return False
    return True


def _convert_with_soffice(soffice: str, docx: Path, out_dir: Path) -> Path:
    profile = out_dir / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(out_dir),
        str(docx),
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
        )
    except subprocess.TimeoutExpired:
        raise PdfConversionError(
            "LibreOffice không tạo xong PDF trong thời gian cho phép; hãy đóng LibreOffice "
            "rồi thử lại.",
            file=str(docx),
            detail=f"soffice did not finish within {TIMEOUT_SECONDS} s",
        ) from None
    result = out_dir / f"{docx.stem}.pdf"
    if not result.is_file():
        tail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise PdfConversionError(
            "LibreOffice không tạo được tệp PDF từ văn bản.",
            file=str(docx),
            detail=f"soffice exited {done.returncode}: {tail[-1] if tail else 'no output'}",
        )
    return result


def _convert_with_word(docx: Path, out_dir: Path) -> Path:  # pragma: no cover - Windows only
    import win32com.client

    result = out_dir / f"{docx.stem}.pdf"
    word = win32com.client.DispatchEx("Word.Application")
    word.Visible = False
    try:
        document = word.Documents.Open(str(docx), ReadOnly=True)
        try:
            # 17 = wdFormatPDF; fonts are embedded by Word's PDF export.
            document.SaveAs2(str(result), FileFormat=17)
        finally:
            document.Close(False)
    finally:
        word.Quit()
    if not result.is_file():
        raise PdfConversionError(
            "Word không tạo được tệp PDF từ văn bản.", file=str(docx), detail="Word gave no PDF"
        )
    return result


def convert_docx_to_pdf(docx: Path, target: Path) -> None:
    """Convert ``docx`` to ``target`` (.pdf), written atomically; refuse clearly without a suite."""
    soffice = find_soffice()
    if soffice is None and not _word_available():
        raise OfficeSuiteMissingError(NO_OFFICE_MESSAGE, detail=NO_OFFICE_DETAIL)
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        if soffice is not None:
            made = _convert_with_soffice(soffice, Path(docx).resolve(), work)
        else:  # pragma: no cover - Windows with Word only
            made = _convert_with_word(Path(docx).resolve(), work)
        write_bytes_atomic(Path(target), made.read_bytes())


def write_pdf(write_docx: Callable[[Path], None], target: Path) -> None:
    """Write the .docx with ``write_docx`` into a temporary folder, then convert it to ``target``.

    The .docx is named after the PDF, so the title LibreOffice or Word records is the clerk's.
    """
    # Refuse before writing anything when there is no suite at all.
    if find_soffice() is None and not _word_available():
        raise OfficeSuiteMissingError(NO_OFFICE_MESSAGE, detail=NO_OFFICE_DETAIL)
    with tempfile.TemporaryDirectory(prefix="cchc-docx-") as tmp:
        docx = Path(tmp) / f"{Path(target).stem or 'van-ban'}.docx"
        write_docx(docx)
        convert_docx_to_pdf(docx, target)
