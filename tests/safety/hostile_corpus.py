"""Build the corpus of hostile import files (generated, never committed: a zip bomb and a
100 MB text cell are tiny compressed but we keep even that out of the repository).

    .venv/bin/python tests/safety/hostile_corpus.py tests/fixtures/hostile

writes every file into that folder; the tests call :func:`build_corpus` on a temporary folder.
Each entry maps a file name to the reader kinds it targets (``json``, ``docx``, ``xlsx``).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>&xxe;</t></si></sst>'
)


def valid_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH Cải cách hành chính năm 2022")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def valid_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "PLACEHOLDER"
    ws["A2"] = "Nhiệm vụ"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def replace_member(
    source: bytes, name: str, content: bytes | None = None, *, extra: dict[str, bytes] | None = None
) -> bytes:
    """A copy of the zip ``source`` with member ``name`` replaced (and members added)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = content if info.filename == name and content is not None else src.read(info)
            dst.writestr(info.filename, data)
        for extra_name, data in (extra or {}).items():
            dst.writestr(extra_name, data)
    return out.getvalue()


def _streamed(
    source: bytes, name: str, head: bytes, filler: bytes, count: int, tail: bytes, level: int = 1
) -> bytes:
    """Replace ``name`` by ``head + filler * count + tail`` written in chunks (never in RAM)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst,
    ):
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open(name, "w", force_zip64=True) as fh:
                fh.write(head)
                for _ in range(count):
                    fh.write(filler)
                fh.write(tail)
    return out.getvalue()


def _encrypted_flag(source: bytes) -> bytes:
    """Set the "encrypted" bit of every member (zipfile cannot write encrypted members)."""
    data = bytearray(source)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    return bytes(data)


def build_corpus(folder: Path) -> dict[str, set[str]]:
    """Write the hostile files into ``folder``; returns name → reader kinds it targets."""
    folder.mkdir(parents=True, exist_ok=True)
    d, x = valid_docx(), valid_xlsx()
    mib = 1024 * 1024
    files: dict[str, tuple[bytes, set[str]]] = {
        "billion-laughs.docx": (replace_member(d, "word/document.xml", BILLION_LAUGHS), {"docx"}),
        "external-entity.xlsx": (
            replace_member(x, "xl/worksheets/sheet1.xml", EXTERNAL_ENTITY),
            {"xlsx"},
        ),
        "external-entity.docx": (
            replace_member(d, "word/document.xml", EXTERNAL_ENTITY.replace(b"sst", b"w:document")),
            {"docx"},
        ),
        "doctype-in-rels.docx": (
            replace_member(
                d, "_rels/.rels", b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://x/y.dtd"><r/>'
            ),
            {"docx"},
        ),
        # UTF-16 XML hides "<!DOCTYPE" between NUL bytes.
        "utf16-entity.xlsx": (
            replace_member(
                x, "xl/worksheets/sheet1.xml", EXTERNAL_ENTITY.decode().encode("utf-16")
            ),
            {"xlsx"},
        ),
        # 300 MB of zeros in one member: ~1.3 MB on disk.
        "zip-bomb.docx": (
            _streamed(d, "word/document.xml", b"", b"\0" * mib, 300, b""),
            {"docx"},
        ),
        # 2 MB of zeros in ~2 kB: the ratio alone gives it away.
        "ratio-bomb.xlsx": (
            replace_member(
                x, "xl/worksheets/sheet1.xml", None, extra={"xl/pad.bin": bytes(2 * mib)}
            ),
            {"xlsx"},
        ),
        # A 100 MB inline string: one cell of text, 100 kB compressed.
        "huge-cell.xlsx": (
            _streamed(
                x,
                "xl/worksheets/sheet1.xml",
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                b"<is><t>",
                b"A" * mib,
                100,
                b"</t></is></c></row></sheetData></worksheet>",
                level=9,
            ),
            {"xlsx"},
        ),
        "huge-text.docx": (
            _streamed(
                d,
                "word/document.xml",
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
                b"A" * mib,
                40,
                b"</w:t></w:r></w:p></w:body></w:document>",
                level=9,
            ),
            {"docx"},
        ),
        "truncated.docx": (d[: len(d) // 2], {"docx"}),
        "truncated.xlsx": (x[: len(x) // 2], {"xlsx"}),
        "empty.docx": (b"", {"docx"}),
        "empty.xlsx": (b"", {"xlsx"}),
        "empty.json": (b"", {"json"}),
        "xlsx-named.docx": (x, {"docx"}),
        "docx-named.xlsx": (d, {"xlsx"}),
        "zip-named.json": (d, {"json"}),
        "text-named.docx": ("Kế hoạch\n".encode() * 100, {"docx"}),
        "ole2-encrypted.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), {"docx"}),
        "ole2-encrypted.xlsx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), {"xlsx"}),
        "encrypted-members.docx": (_encrypted_flag(d), {"docx"}),
        "deep-nesting.json": (b"[" * 100_000 + b"]" * 100_000, {"json"}),
        "not-utf8.json": (b'{"format": "cchc-plan", "x": "\xff\xfe"}', {"json"}),
        "nan.json": (b'{"format": "cchc-plan", "version": NaN}', {"json"}),
    }
    for name, (data, _kinds) in files.items():
        (folder / name).write_bytes(data)
    # 40 MB of JSON (over the 32 MB limit), written in chunks.
    with (folder / "huge.json").open("wb") as fh:
        fh.write(b'{"format": "cchc-plan", "version": 1, "pad": "')
        for _ in range(40):
            fh.write(b"A" * mib)
        fh.write(b'"}')
    result = {name: kinds for name, (_data, kinds) in files.items()}
    result["huge.json"] = {"json"}
    return result


# Names a crafted plan or a clerk's file could carry as an evidence attachment.
EVIDENCE_NAMES = [
    "..\\..\\x.pdf",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\system32\\drivers\\etc\\hosts",
    "CON",
    "NUL.txt",
    "com1.pdf",
    "LPT9.docx",
    "aux",
    "a" * 300 + ".pdf",
    "Báo cáo quý 1" + "ế" * 250 + ".docx",
    "tên có\x00nul.pdf",
    "  .  ",
    "...",
    "x.pdf.",
    "x.pdf ",
    "\u202egnp.exe",
]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/hostile")
    for name in sorted(build_corpus(target)):
        print(target / name)
