"""Files the plan reader must refuse, quickly and clearly, before python-docx parses them.

Each refusal is an InvalidFileError (a UserError) with a Vietnamese message for the window
and an English detail naming the fault for the command line; storing nothing is the
lead's part (the reader raises before any plan exists).
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import struct
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import pytest

from cchc_desktop.errors import InvalidFileError, UserError
from cchc_desktop.imports.docx_plan import MAX_FILE_BYTES, read_plan_docx

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def valid_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải cách hành chính năm 2022")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def compound_file(*streams: str) -> bytes:
    """A small OLE2 compound file whose directory names ``streams`` (as Word's .doc and a
    password-protected .docx are: "WordDocument"; "EncryptionInfo", "EncryptedPackage")."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = OLE2_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # version, byte order
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)  # mini stream cut-off
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)
    directory = bytearray()
    for index, (name, kind) in enumerate([("Root Entry", 5), *((s, 2) for s in streams)]):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
        right = index + 1 if 0 < index < len(streams) else 0xFFFFFFFF
        child = 1 if index == 0 and streams else 0xFFFFFFFF
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<IQ", entry, 116, 0xFFFFFFFE, 0)
        directory += entry
    directory += bytes(-len(directory) % sector)
    return bytes(header + fat + directory)


def patched_sizes(source: bytes, size: int) -> bytes:
    """``source`` with every member claiming ``size`` bytes once unzipped (the central
    directory is what a reader trusts before inflating anything)."""
    data = bytearray(source)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def with_member(name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(valid_docx())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info))
    return out.getvalue()


def media_zip(count: int, size: int) -> bytes:
    """A .docx with ``count`` pictures that each claim ``size`` bytes: none is too big
    alone, together they are."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(valid_docx())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        for i in range(count):
            dst.writestr(f"word/media/image{i}.png", b"\x89PNG" + bytes(60))
    data = bytearray(out.getvalue())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        name = bytes(data[at + 46 : at + 46 + name_len])
        if name.startswith(b"word/media/"):
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


DOCTYPE = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxml'
    b'formats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
    b"</w:body></w:document>"
)
ENTITY_ONLY = b'<?xml version="1.0"?><Relationships><!ENTITY x SYSTEM "file:///etc/passwd">'

CASES: dict[str, tuple[bytes, str]] = {
    # file name: (content, fragment of the English detail)
    "van-ban-cu.docx": (compound_file("WordDocument", "1Table"), "Word 97-2003 .doc"),
    "co-mat-khau.docx": (
        compound_file("EncryptionInfo", "EncryptedPackage"),
        "password-protected",
    ),
    "ole2-khac.docx": (compound_file("Workbook"), "legacy OLE2"),
    "khong-phai-docx.docx": ("Kế hoạch cải cách hành chính\n".encode() * 50, "not a zip"),
    "tai-do-dang.docx": (valid_docx()[:6000], "damaged or truncated"),
    "rong.docx": (b"", "empty file"),
    "doctype.docx": (with_member("word/document.xml", DOCTYPE), "DOCTYPE"),
    "entity.docx": (with_member("word/_rels/document.xml.rels", ENTITY_ONLY), "ENTITY"),
    "giai-nen-qua-lon.docx": (media_zip(3, 70 * 1024 * 1024), "uncompressed content too large"),
    "mot-phan-qua-lon.docx": (patched_sizes(valid_docx(), 250 * 1024 * 1024), "too large"),
    "xml-hong.docx": (with_member("word/document.xml", b"<w:document"), "cannot open"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_refused_quickly(name: str, tmp_path: Path) -> None:
    content, fragment = CASES[name]
    path = tmp_path / name
    path.write_bytes(content)
    start = time.monotonic()
    with pytest.raises(InvalidFileError) as info:
        read_plan_docx(path)
    assert time.monotonic() - start < 2
    error = info.value
    assert fragment in error.detail
    assert error.file == str(path)
    assert error.message and error.message != error.detail
    assert isinstance(error, UserError)


def test_too_big_is_refused_before_reading(tmp_path: Path) -> None:
    """Over 50 MB on disk: refused from its size alone (a sparse file, never read)."""
    path = tmp_path / "qua-lon.docx"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    start = time.monotonic()
    with pytest.raises(InvalidFileError) as info:
        read_plan_docx(path)
    assert time.monotonic() - start < 0.5
    assert "file too large" in info.value.detail
    assert "50 MB" in info.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError) as info:
        read_plan_docx(tmp_path / "khong-co.docx")
    assert "cannot read file" in info.value.detail


def test_messages_say_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "cu.docx"
    path.write_bytes(CASES["van-ban-cu.docx"][0])
    with pytest.raises(InvalidFileError) as info:
        read_plan_docx(path)
    assert ".doc" in info.value.message and "lưu lại thành .docx" in info.value.message
    path.write_bytes(CASES["co-mat-khau.docx"][0])
    with pytest.raises(InvalidFileError) as info:
        read_plan_docx(path)
    assert "mật khẩu" in info.value.message


def test_every_hostile_docx_of_the_shared_corpus_is_refused(tmp_path: Path) -> None:
    """The safety corpus (tests/safety): zip bombs, billion laughs, external entities ..."""
    source = Path(__file__).parents[1] / "safety" / "hostile_corpus.py"
    spec = importlib.util.spec_from_file_location("hostile_corpus_for_imports", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets = module.build_corpus(tmp_path)
    docx_files = sorted(name for name, kinds in targets.items() if "docx" in kinds)
    assert len(docx_files) >= 10
    for name in docx_files:
        start = time.monotonic()
        with pytest.raises(InvalidFileError):
            read_plan_docx(tmp_path / name)
        assert time.monotonic() - start < 3, name


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_real_doc_saved_by_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(valid_docx())
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    legacy = tmp_path / "ke-hoach.doc"
    assert legacy.read_bytes()[:8] == OLE2_MAGIC
    renamed = tmp_path / "doi-ten.docx"
    legacy.rename(renamed)
    with pytest.raises(InvalidFileError) as info:
        read_plan_docx(renamed)
    assert "Word 97-2003 .doc" in info.value.detail
