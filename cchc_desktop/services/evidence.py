"""Evidence files (minutes, decisions, photos) copied into the data folder.

An attached file is copied into ``paths.evidence_dir`` under its content hash
(``<sha256>.pdf``), so renaming, moving or deleting the original never breaks the link, the
same file attached twice is stored once, and the name the clerk (or a crafted plan file)
supplied never becomes part of a path: ``..\\..\\x``, ``CON``, ``NUL.txt`` or a 300-character
name cannot escape the folder or hit a Windows device. That name is kept for display only
(``EvidenceRow.original_name``); :func:`safe_filename` makes it usable again when a copy is
saved back out.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from cchc_desktop.errors import InvalidFileError, NotFoundError, UserError
from cchc_desktop.paths import evidence_dir

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024  # a scanned decision is a few MB; a video is not evidence
MAX_ORIGINAL_NAME = 255
_STORED = re.compile(r"^[0-9a-f]{64}(\.[a-z0-9]{1,10})?$")
_EXT = re.compile(r"^\.[a-z0-9]{1,10}$")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$", re.I)
_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def original_name(name: str) -> str:
    """The last component of ``name`` (either separator), NFC, without control characters
    or bidi overrides, at most :data:`MAX_ORIGINAL_NAME` characters: what the window shows."""
    last = re.split(r"[\\/]", name)[-1]
    text = "".join(
        ch for ch in unicodedata.normalize("NFC", last) if unicodedata.category(ch)[0] != "C"
    ).strip()
    if len(text) > MAX_ORIGINAL_NAME:  # shorten the stem, keep the extension
        ext = Path(text).suffix if len(Path(text).suffix) <= 11 else ""
        text = text[: MAX_ORIGINAL_NAME - len(ext)] + ext
    return text or "tep-dinh-kem"


def stored_extension(name: str) -> str:
    """``".pdf"`` for ``"Biên bản.PDF"``; "" when the name has no plain short extension."""
    suffix = Path(original_name(name).rstrip(". ")).suffix.lower()
    return suffix if _EXT.match(suffix) else ""


def safe_filename(name: str, limit: int = 150) -> str:
    """A name that is valid on Windows and POSIX for saving a copy under the original name."""
    text = _BAD_CHARS.sub("_", original_name(name)).strip(" .") or "tep-dinh-kem"
    stem, dot, ext = text.rpartition(".")
    if not dot or not _EXT.match("." + ext.lower()):
        stem, ext = text, ""
    if _RESERVED.match(stem.split(".")[0]):
        stem = "_" + stem
    ext = f".{ext}" if ext else ""
    return stem[: max(1, limit - len(ext))].rstrip(" .") + ext


def attach_evidence_file(db_path: Path, source_path: Path) -> tuple[str, str]:
    """Copy ``source_path`` into the evidence folder; returns (stored_name, original_name).

    Store ``stored_name`` in ``EvidenceRow.file`` and ``original_name`` in
    ``EvidenceRow.original_name``.
    """
    source_path = Path(source_path)
    folder = evidence_dir(Path(db_path))
    try:
        if not source_path.is_file():
            raise InvalidFileError(
                "Không tìm thấy tệp minh chứng (hoặc đó là một thư mục).",
                file=str(source_path),
                detail="not a regular file",
            )
        size = source_path.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise InvalidFileError(
                f"Tệp minh chứng quá lớn ({size // (1024 * 1024)} MB), giới hạn là "
                f"{MAX_EVIDENCE_BYTES // (1024 * 1024)} MB.",
                file=str(source_path),
                detail=f"evidence file too large: {size} bytes (limit {MAX_EVIDENCE_BYTES})",
            )
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".in-", suffix=".tmp", dir=folder)
        tmp = Path(tmp_name)
        digest = hashlib.sha256()
        try:
            with os.fdopen(fd, "wb") as out, source_path.open("rb") as src:
                copied = 0
                while chunk := src.read(1024 * 1024):
                    copied += len(chunk)
                    if copied > MAX_EVIDENCE_BYTES:  # it grew while we copied
                        raise InvalidFileError(
                            "Tệp minh chứng quá lớn.",
                            file=str(source_path),
                            detail=f"evidence file too large (limit {MAX_EVIDENCE_BYTES})",
                        )
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            stored = digest.hexdigest() + stored_extension(source_path.name)
            target = folder / stored
            if target.is_file() and target.stat().st_size == copied:
                tmp.unlink()  # the same content is already there
            else:
                os.replace(tmp, target)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
    except OSError as exc:
        raise UserError(
            f"Không sao chép được tệp minh chứng: {exc.strerror or exc}",
            file=str(source_path),
            detail=f"cannot copy evidence file: {exc.strerror or exc}",
        ) from None
    return stored, original_name(source_path.name)


def is_stored_name(name: str) -> bool:
    """Is ``name`` a name :func:`attach_evidence_file` could have produced?"""
    return bool(_STORED.match(name))


def resolve_evidence(db_path: Path, stored_name: str) -> Path:
    """The file for ``stored_name`` inside the evidence folder.

    Refuses (InvalidFileError) anything but a plain content-hash name, so a crafted database
    or plan file cannot point outside the folder; NotFoundError when the file is missing.
    """
    folder = evidence_dir(Path(db_path))
    if not is_stored_name(stored_name):
        raise InvalidFileError(
            "Tên tệp minh chứng không hợp lệ.",
            file=repr(stored_name)[:100],
            detail="not a stored evidence name (sha256 + extension)",
        )
    path = folder / stored_name
    if path.resolve().parent != folder.resolve():  # a symlinked file pointing elsewhere
        raise InvalidFileError(
            "Tệp minh chứng nằm ngoài thư mục dữ liệu.",
            file=stored_name,
            detail="evidence file resolves outside the evidence folder",
        )
    if not path.is_file():
        raise NotFoundError(
            "Không tìm thấy tệp minh chứng trong thư mục dữ liệu (có thể đã bị xoá).",
            file=str(path),
            detail="evidence file missing from the evidence folder",
        )
    return path
