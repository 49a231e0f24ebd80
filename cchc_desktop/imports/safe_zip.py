"""The one guard every .docx/.xlsx reader calls before python-docx or openpyxl opens a file.

A .docx or .xlsx is a zip of XML parts. A hostile or broken one can exhaust memory (a zip
bomb: a few kilobytes that inflate to gigabytes), expand entities until the machine stalls
(billion laughs), pull in outside files or URLs (external entities), or simply be something
else with the wrong extension (an old .doc, a password-protected file, a truncated download).
:func:`check_office_file` looks at the container without parsing any XML and refuses all of
these with one clear Vietnamese message, so nothing from a refused file ever reaches the
database.

Usage, first line of a reader::

    check_office_file(path, "docx")   # or "xlsx"; raises InvalidFileError
    document = docx.Document(path)

Readers should also bound what they build from a file that passes: :data:`MAX_TEXT_CHARS`
per text value and :data:`MAX_ROWS` rows/paragraphs (see :func:`check_text`, :func:`check_count`).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Final, Literal

from cchc_desktop.errors import InvalidFileError

OfficeKind = Literal["docx", "xlsx"]

# A plan with photos is a few MB; a 64 MB file is not something a clerk attaches to a plan.
MAX_FILE_BYTES: Final = 64 * 1024 * 1024
# Everything inflated together; images count too.
MAX_TOTAL_UNCOMPRESSED: Final = 256 * 1024 * 1024
# One XML part (document.xml, sharedStrings.xml, a sheet): python-docx and openpyxl hold a
# parsed part in memory at ~10x its size, so 32 MB of XML is already ~300 MB of RAM.
MAX_XML_PART_BYTES: Final = 32 * 1024 * 1024
MAX_MEMBERS: Final = 5000
# Deflate tops out near 1032:1. Real Office XML compresses 5-30:1, a sheet of identical
# empty cells maybe 150:1; past MAX_RATIO on a part over RATIO_FLOOR bytes it is a bomb.
MAX_RATIO: Final = 200
RATIO_FLOOR: Final = 1024 * 1024
# Limits on what a reader builds from a file that passed.
MAX_TEXT_CHARS: Final = 100_000
MAX_ROWS: Final = 100_000

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1024 * 1024
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_OVERLAP = 16
_MAIN_PART: dict[str, tuple[str, str, str]] = {
    # kind: (part that must exist, what the clerk calls it, English name)
    "docx": ("word/document.xml", "văn bản Word (.docx)", "a Word .docx document"),
    "xlsx": ("xl/workbook.xml", "bảng tính Excel (.xlsx)", "an Excel .xlsx workbook"),
}


def _refuse(path: Path, message: str, detail: str) -> InvalidFileError:
    return InvalidFileError(message, file=str(path), detail=detail)


def check_office_file(path: str | Path, kind: OfficeKind) -> None:
    """Refuse ``path`` unless it is a sane, non-hostile ``kind`` file; never parses XML.

    Raises :class:`~cchc_desktop.errors.InvalidFileError` (a UserError) naming the file.
    """
    path = Path(path)
    main_part, label, english = _MAIN_PART[kind]
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
    if size == 0:
        raise _refuse(path, "Tệp rỗng (0 byte).", "empty file (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"Tệp quá lớn ({size // (1024 * 1024)} MB), giới hạn là "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB.",
            f"file too large: {size} bytes (limit {MAX_FILE_BYTES})",
        )
    if head == _OLE2_MAGIC:
        raise _refuse(
            path,
            f"Tệp có mật khẩu hoặc là định dạng Office cũ (.doc/.xls). Hãy bỏ mật khẩu "
            f"hoặc lưu lại thành {label} rồi thử lại.",
            f"password-protected or legacy OLE2 (.doc/.xls) file, not {english}",
        )
    if not head.startswith(b"PK"):
        raise _refuse(path, f"Tệp không phải {label}.", f"not {english} (not a zip container)")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(path, archive, main_part, label, english)
    except InvalidFileError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        KeyError,
        NotImplementedError,
        RuntimeError,
        OverflowError,
    ) as exc:
        # A truncated download, a corrupt central directory, an unsupported compression.
        raise _refuse(
            path,
            f"Tệp {label} bị hỏng hoặc không đầy đủ (có thể tải về chưa xong).",
            f"damaged or truncated {english}: {exc.__class__.__name__}: {exc}",
        ) from None


def _check_archive(
    path: Path, archive: zipfile.ZipFile, main_part: str, label: str, english: str
) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse(
            path,
            f"Tệp chứa quá nhiều thành phần ({len(members)}), không phải {label} thông thường.",
            f"too many zip members: {len(members)} (limit {MAX_MEMBERS})",
        )
    names = {m.filename for m in members}
    if main_part not in names:
        raise _refuse(path, f"Tệp không phải {label}.", f"not {english}: no {main_part}")
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise _refuse(
                path,
                "Tệp có mật khẩu (mã hoá). Hãy bỏ mật khẩu rồi thử lại.",
                f"encrypted zip member {info.filename!r}",
            )
        total += info.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise _bomb(path, f"uncompressed size over {MAX_TOTAL_UNCOMPRESSED} bytes")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(
                path,
                f"member {info.filename!r} inflates {info.compress_size} -> {info.file_size} bytes",
            )
    for info in members:
        if not info.is_dir():
            _scan_member(path, archive, info)


def _bomb(path: Path, detail: str) -> InvalidFileError:
    return _refuse(
        path,
        "Tệp bị từ chối: dữ liệu bên trong quá lớn so với kích thước tệp (có thể là tệp "
        "độc hại hoặc quá lớn để xử lý).",
        f"refused as a zip bomb or oversized content: {detail}",
    )


def _scan_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Stream one member (never more than its declared size) looking for DTD declarations."""
    is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    limit = MAX_XML_PART_BYTES if is_xml else MAX_TOTAL_UNCOMPRESSED
    if info.file_size > limit:
        raise _bomb(path, f"member {info.filename!r} is {info.file_size} bytes (limit {limit})")
    # An SVG picture may carry a harmless DOCTYPE; python-docx keeps it as an opaque blob.
    forbidden = (b"<!ENTITY",) if info.filename.lower().endswith(".svg") else _FORBIDDEN
    seen = 0
    tail = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            seen += len(chunk)
            if seen > info.file_size or seen > limit:  # the header lied about the size
                raise _bomb(path, f"member {info.filename!r} inflates past its declared size")
            window = tail + chunk
            # UTF-16 XML interleaves NULs; look at the text with them removed as well.
            for text in (window, window.replace(b"\x00", b"")):
                upper = text.upper()
                for needle in forbidden:
                    if needle in upper:
                        raise _refuse(
                            path,
                            "Tệp bị từ chối: chứa khai báo DOCTYPE/ENTITY trong XML (có thể "
                            "là tệp độc hại). Hãy mở bằng Word/Excel và lưu lại thành tệp mới.",
                            f"XML declaration {needle.decode()} in member {info.filename!r} "
                            "(entity expansion / external entity refused)",
                        )
            tail = window[-_OVERLAP * 2 :]


def check_text(value: str, where: str, path: str | Path) -> str:
    """Return ``value`` or refuse a text longer than :data:`MAX_TEXT_CHARS`."""
    if len(value) > MAX_TEXT_CHARS:
        raise InvalidFileError(
            f"Nội dung tại {where} quá dài ({len(value)} ký tự, giới hạn {MAX_TEXT_CHARS}).",
            file=str(path),
            detail=f"{where}: text of {len(value)} characters (limit {MAX_TEXT_CHARS})",
        )
    return value


def check_count(
    count: int,
    path: str | Path,
    *,
    what: str = "dòng",
    what_en: str = "rows",
    limit: int = MAX_ROWS,
) -> None:
    """Refuse a file with more than ``limit`` rows (``what``/``what_en`` name them)."""
    if count > limit:
        raise InvalidFileError(
            f"Tệp có quá nhiều {what} ({count}, giới hạn {limit}).",
            file=str(path),
            detail=f"too many {what_en}: {count} (limit {limit})",
        )
