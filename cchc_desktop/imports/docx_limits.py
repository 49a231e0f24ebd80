"""What a plan's Word file can hold, counted in one streaming pass before anything is built.

python-docx builds the whole document tree (about 400 bytes of memory per empty paragraph,
and python objects on top when the body is read), so an oversized document used to cost
seconds and gigabytes just to be refused: 1.3 M empty paragraphs, a 7.6 MB file, took 9 s
and 540 MB. :func:`check_docx_body` reads ``word/document.xml`` straight from the zip with
``lxml.etree.iterparse``, counting paragraphs, table rows and characters of text, freeing
each element once counted, and stops at the first limit passed: every refusal then costs
what reading the first few thousand paragraphs costs (``bench/bench_docx_refusal.py``).

The limits are the largest real plan times 20, measured on the three plans of
``shared/examples`` (exported by the application, counted in ``word/document.xml``) and their
source texts in ``shared/seeds``: the most paragraphs and table rows is Ninh Thuận's 197 lines
of source text (Hải Dương's export: 116 paragraphs and 10 rows), the most text Ninh Thuận's
20,346 characters, the longest paragraph Ninh Thuận's 877 characters.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cchc_desktop.errors import InvalidFileError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TR, _T = f"{_W}p", f"{_W}tr", f"{_W}t"
MAX_PARAGRAPHS = 4_000  # w:p and w:tr anywhere in the body: 20 x 197, rounded up
MAX_TEXT = 18_000  # characters in one paragraph (w:t of one w:p): 20 x 877, rounded up
MAX_TOTAL_TEXT = 410_000  # characters in the whole body: 20 x 20,346, rounded up
# XML elements of any kind: Word writes many more per paragraph than the application does
# (runs split by spell-check and revision marks, bookmarks); 100 a paragraph on average.
MAX_ELEMENTS = 100 * MAX_PARAGRAPHS


def _refuse(path: Path, message: str, detail: str) -> InvalidFileError:
    return InvalidFileError(message, file=str(path), detail=detail)


def check_docx_body(path: Path) -> None:
    """Refuse a document whose body is bigger than any plan; call after ``check_office_file``
    (no DOCTYPE or ENTITY reaches the parser, and the part's size is bounded)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as part:
            _count(
                path,
                etree.iterparse(
                    part, events=("end",), resolve_entities=False, no_network=True, load_dtd=False
                ),
            )
    except InvalidFileError:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise _refuse(
            path,
            "Không đọc được văn bản Word: tệp bị hỏng hoặc không đúng định dạng .docx.",
            f"cannot open word/document.xml: {exc.__class__.__name__}: {exc}",
        ) from None


def _count(path: Path, events: Iterator[tuple[str, Any]]) -> None:
    paragraphs = total = 0
    in_paragraph = 0  # characters of the paragraph being read
    for elements, (_, element) in enumerate(events, start=1):
        tag = element.tag
        if tag == _T:
            size = len(element.text or "")
            in_paragraph += size
            total += size
            if in_paragraph > MAX_TEXT:
                raise _refuse(
                    path,
                    f"Tệp có đoạn văn quá dài (hơn {MAX_TEXT} ký tự) tại đoạn {paragraphs + 1}.",
                    f"paragraph {paragraphs + 1}: text longer than {MAX_TEXT} characters",
                )
            if total > MAX_TOTAL_TEXT:
                raise _refuse(
                    path,
                    f"Văn bản quá dài cho một kế hoạch (hơn {MAX_TOTAL_TEXT} ký tự).",
                    f"text longer than {MAX_TOTAL_TEXT} characters in all",
                )
        elif tag in (_P, _TR):
            paragraphs += 1
            if tag == _P:
                in_paragraph = 0
            if paragraphs > MAX_PARAGRAPHS:
                raise _refuse(
                    path,
                    f"Tệp có quá nhiều đoạn văn và dòng bảng (hơn {MAX_PARAGRAPHS}); một kế "
                    "hoạch chỉ có vài trăm.",
                    f"too many paragraphs and table rows: over {MAX_PARAGRAPHS}",
                )
        if elements > MAX_ELEMENTS:
            raise _refuse(
                path,
                "Văn bản có cấu trúc quá lớn cho một kế hoạch (quá nhiều thành phần XML).",
                f"document.xml holds over {MAX_ELEMENTS} elements",
            )
        # Counted: freed, with the siblings already seen, so memory stays flat whatever the
        # file holds (lxml keeps the ancestors, which are few).
        element.clear(keep_tail=True)
        while element.getprevious() is not None:
            del element.getparent()[0]
