"""Bring an existing plan in from its Word file: ``read_plan_docx(path) -> DocxImport``.

The file is checked before any XML is parsed, and refused with an
:class:`~cchc_desktop.errors.InvalidFileError` (Vietnamese message, English detail naming
the fault) when it is too big (over 50 MB, or over 200 MB once unzipped, or a body with more
paragraphs or text than any plan: :mod:`docx_limits`), an old .doc, a
password-protected document, not a .docx at all, a truncated download, or holds XML with
DOCTYPE or ENTITY declarations (see also :mod:`cchc_desktop.imports.safe_zip`).

A file that passes is read into blocks (:mod:`docx_blocks`) and the plan is recognised in
them (:mod:`plan_reader`). The result holds the plan (ids None, no check-ins) and the
warnings for the clerk; the plan is stored by the same service as a JSON import.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from cchc_desktop.domain.model import Unit
from cchc_desktop.errors import InvalidFileError
from cchc_desktop.imports.blocks import Para, Table
from cchc_desktop.imports.docx_limits import MAX_PARAGRAPHS, MAX_TEXT, check_docx_body
from cchc_desktop.imports.plan_reader import DocxImport, build_plan

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
# Paragraphs and table rows, and characters in one paragraph or cell: the largest real plan
# times 20 (docx_limits, counted in a streaming pass before the document is built).
MAX_BLOCKS = MAX_PARAGRAPHS
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MB = 1024 * 1024


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _refuse(path: Path, message: str, detail: str) -> InvalidFileError:
    return InvalidFileError(message, file=str(path), detail=detail)


def check_docx_file(path: Path) -> None:
    """Refuse a file that is not a sane .docx, before anything parses it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _refuse(
            path,
            f"Không đọc được tệp: {exc.strerror or exc}",
            f"cannot read file: {exc.strerror or exc}",
        ) from None
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"Tệp quá lớn ({size // _MB} MB); chỉ nhập được tệp Word đến "
            f"{MAX_FILE_BYTES // _MB} MB.",
            f"file too large: {size} bytes (limit {MAX_FILE_BYTES})",
        )
    if head == _OLE2:
        _refuse_ole2(path)
    if head.startswith(b"PK"):
        _check_unzipped_size(path)
    from cchc_desktop.imports.safe_zip import check_office_file

    check_office_file(path, "docx")
    check_docx_body(path)  # counted while streaming: an oversized body never gets built


def _refuse_ole2(path: Path) -> None:
    """An OLE2 compound file: a password-protected .docx, or a Word 97-2003 .doc."""
    data = path.read_bytes()  # at most MAX_FILE_BYTES, checked before
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        raise _refuse(
            path,
            "Tệp Word được đặt mật khẩu. Hãy mở bằng Word, bỏ mật khẩu (Tệp > Thông tin > "
            "Bảo vệ tài liệu), lưu lại rồi nhập lại.",
            "password-protected document (OLE2 container with EncryptionInfo)",
        )
    if _utf16("WordDocument") in data:
        raise _refuse(
            path,
            "Đây là tệp Word 97-2003 (.doc). Hãy mở bằng Word và lưu lại thành .docx "
            "(Tệp > Lưu thành > Tài liệu Word) rồi nhập lại.",
            "legacy Word 97-2003 .doc (OLE2 compound file), not .docx",
        )
    raise _refuse(
        path,
        "Tệp là định dạng Office cũ, không phải văn bản Word .docx.",
        "legacy OLE2 compound file, not .docx",
    )


def _check_unzipped_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # broken: check_office_file names the fault
    if total > MAX_UNZIPPED_BYTES:
        raise _refuse(
            path,
            f"Tệp bị từ chối: nội dung giải nén quá lớn ({total // _MB} MB, giới hạn "
            f"{MAX_UNZIPPED_BYTES // _MB} MB).",
            f"uncompressed content too large: {total} bytes (limit {MAX_UNZIPPED_BYTES})",
        )


def _open(path: Path, data: bytes) -> object:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        AttributeError,
        IndexError,
        TypeError,
    ) as exc:
        raise _refuse(
            path,
            "Không đọc được văn bản Word: tệp bị hỏng hoặc không đúng định dạng .docx.",
            f"python-docx cannot open it: {exc.__class__.__name__}: {exc}",
        ) from None


def _check_size(path: Path, blocks: Sequence[Para | Table]) -> None:
    count = 0
    for block in blocks:
        count += len(block.rows) if isinstance(block, Table) else 1
        texts = [block.text] if isinstance(block, Para) else [
            c.text for row in block.rows for c in row if c is not None
        ]  # fmt: skip
        if any(len(t) > MAX_TEXT for t in texts):
            raise _refuse(
                path,
                f"Tệp có đoạn văn quá dài (hơn {MAX_TEXT} ký tự) tại {block.where}.",
                f"{block.where}: text longer than {MAX_TEXT} characters",
            )
    if count > MAX_BLOCKS:
        raise _refuse(
            path,
            f"Tệp có quá nhiều đoạn văn và dòng bảng ({count}, giới hạn {MAX_BLOCKS}).",
            f"too many paragraphs and table rows: {count} (limit {MAX_BLOCKS})",
        )


def read_plan_docx(path: str | Path, known_units: Sequence[Unit] = ()) -> DocxImport:
    """Read the plan in the Word file ``path``.

    ``known_units`` are units the application already has (their spelling, short name and
    kind are reused and they are matched first when a cell lists several units). Raises
    :class:`InvalidFileError` for a file that is not a readable .docx.
    """
    from cchc_desktop.imports.docx_blocks import read_blocks

    path = Path(path)
    check_docx_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(
            path,
            f"Không đọc được tệp: {exc.strerror or exc}",
            f"cannot read file: {exc.strerror or exc}",
        ) from None
    document = _open(path, data)
    blocks, warnings = read_blocks(document)
    _check_size(path, blocks)
    result = build_plan(blocks, known_units)
    result.warnings[:0] = warnings
    return result


__all__ = ["DocxImport", "check_docx_file", "read_plan_docx"]
