"""The parts of a plan around its body (pure): header block, title, "Nơi nhận", signature.

The header (ô 1-4 of Decree 30) may be a two-column table or plain paragraphs, even
"UBND TỈNH X <tab> CỘNG HÒA ..." lines: every line is cut at tabs and wide gaps and each
piece is recognised on its own: Quốc hiệu and Tiêu ngữ (skipped), "Số: 74/KH-SKHCN",
"<place>, ngày .. tháng .. năm ....", and agency names in capitals. Of the agency lines,
the non-bold ones are the parent body and the bold ones the issuer; without formatting the
last is the issuer, and "ỦY BAN NHÂN DÂN" on its own line goes with the line after it.

The tail holds "Nơi nhận:" with its dash lines (a note in brackets or after ";", as "UBND
tỉnh (để b/c);" or "UBND tỉnh; B/c") and "Lưu: VT, VP.", and the signature: capital lines
("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") then the name, whether in a table or in paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import Recipient, Signer
from cchc_desktop.domain.search import search_key
from cchc_desktop.domain.text import nfc
from cchc_desktop.imports.blocks import Para

DOC_TYPES = (
    "KẾ HOẠCH", "BÁO CÁO", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "PHƯƠNG ÁN", "HƯỚNG DẪN", "THÔNG BÁO",
    "QUYẾT ĐỊNH", "KẾ HOẠCH HÀNH ĐỘNG", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾ HOẠCH TUYÊN TRUYỀN",
)  # fmt: skip
_DOC_TYPE_KEYS = {search_key(t): t for t in DOC_TYPES}
_NUMBER = re.compile(r"^S[ốỐ]\s*[:.]?\s*([0-9]*)\s*/\s*(\S.*)$", re.I)
_DATE = re.compile(
    r"^(?P<place>.*?)[,\s]*ng[àa]y\s*(?P<d>\d{1,2})?\s*th[áa]ng\s*(?P<m>\d{1,2})?\s*"
    r"n[ăa]m\s*(?P<y>\d{4})\s*$",
    re.I,
)
_DATE_SHORT = re.compile(
    r"^(?P<place>.*?)[,\s]*ng[àa]y\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\s*$",
    re.I,
)
# Pieces that a wide gap must not cut: the blank number and the blank date.
_KEEP_TOGETHER = re.compile(
    r"S[ốỐ]\s*[:.]?\s*[0-9]*\s*/\s*\S+|ng[àa]y\s*\d{0,2}\s*th[áa]ng\s*\d{0,2}\s*n[ăa]m\s*\d{4}",
    re.I,
)
_GAP = re.compile(r"\t+| {3,}")
_ORNAMENT = re.compile(r"^[\s_=~*.\-–—]*$")
# An agency on a line of its own whose place comes on the next line.
_BARE = {"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"}
_AUTHORITY = re.compile(r"^(KT|TM|TL|TUQ|Q|Q\. ?|PT)\.\s", re.I)
_SIGNER_TITLES = (
    "giam doc", "pho giam doc", "chu tich", "pho chu tich", "truong ban", "pho truong ban",
    "truong phong", "chanh van phong", "bi thu", "thu truong", "cuc truong", "vien truong",
    "hieu truong", "chi cuc truong", "tong giam doc", "chanh thanh tra",
)  # fmt: skip
# Phrases of titles and offices, never of a person's name ("Thu", "Toàn", "Quyền" are names).
_OFFICE_PHRASES = (
    "giam doc", "chu tich", "pho ", "truong ban", "truong phong", "thu truong", "bi thu",
    "uy ban", "nhan dan", "chanh van phong", "chanh thanh tra", "cuc truong", "vien truong",
    "ke toan truong", "hieu truong", "tong giam doc", "tm ", "kt ", "tl ", "tuq ",
)  # fmt: skip
_SIGN_NOTES = ("da ky", "ky ten", "ky, ghi ro", "ky va ghi ro", "ky, dong dau", "chu ky")
_NOTE_LIKE = re.compile(r"^[A-Za-zĐđ]{1,3}/[A-Za-zĐđ]{1,3}\.?$")
_NOTE_WORDS = ("de ", "biet", "thuc hien", "chi dao", "b/c", "p/h", "bao cao", "phoi hop")
_ARCHIVE = re.compile(r"^luu\s*(:|vt\b)")  # "Lưu: VT, VP.", "Lưu VT" (not "Lưu trữ ...")
_PAREN_NOTE = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")


def is_caps(text: str) -> bool:
    """Every letter upper case, and some letters: "SỞ KHOA HỌC VÀ CÔNG NGHỆ"."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def doc_type_of(text: str) -> tuple[str, str] | None:
    """``("KẾ HOẠCH", rest)`` when ``text`` is a document type (a title may follow it on a
    new line in the same paragraph); None otherwise."""
    lines = [line.strip() for line in nfc(text).split("\n") if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if len(first) <= 40 and search_key(first) in _DOC_TYPE_KEYS and is_caps(first):
        return " ".join(first.split()), "\n".join(lines[1:])
    return None


def pieces(text: str) -> list[str]:
    """A header line cut at tabs and wide gaps, keeping "Số:      /KH-X" and blank dates."""
    protected: list[str] = []

    def hide(m: re.Match[str]) -> str:
        protected.append(m[0])
        return f"\x00{len(protected) - 1}\x00"

    hidden = _KEEP_TOGETHER.sub(hide, nfc(text))
    out = []
    for part in _GAP.split(hidden):
        part = re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m[1])], part).strip()
        if part:
            out.append(part)
    return out


@dataclass(slots=True)
class HeaderRead:
    parent: str = ""
    name: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    issued_on: IssueDate | None = None
    year: int | None = None
    unknown: list[Para] = field(default_factory=list)  # lines not understood, kept
    warnings: list[str] = field(default_factory=list)


def read_header(paras: Sequence[Para]) -> HeaderRead:
    """Agency names, number and symbol, place and date from the header's paragraphs (of a
    table, cell by cell, or of the page)."""
    out = HeaderRead()
    agency: list[tuple[str, bool]] = []  # (text, bold)
    for para in paras:
        lines = para.text.split("\n")
        flags = list(para.bold_lines) + [para.bold] * (len(lines) - len(para.bold_lines))
        visible = {flag for line, flag in zip(lines, flags, strict=False) if line.strip()}
        # Lines of one paragraph go together (a long name broken in two) unless the bold
        # says they are two names, or gaps lay them out in columns.
        if _has_gaps(para.text) or len(visible) > 1:
            for line, flag in zip(lines, flags, strict=False):
                for piece in pieces(line):
                    _header_piece(piece, para, flag, out, agency)
        else:
            for piece in pieces(para.text):
                _header_piece(piece, para, para.bold, out, agency)
    _agency(agency, out)
    return out


def _has_gaps(text: str) -> bool:
    return bool(_GAP.search(text))


def _header_piece(
    piece: str, para: Para, bold: bool, out: HeaderRead, agency: list[tuple[str, bool]]
) -> None:
    key = search_key(piece)
    if _ORNAMENT.match(piece) or key.startswith("cong hoa xa hoi chu nghia"):
        return
    if "doc lap" in key and "tu do" in key and "hanh phuc" in key:
        return
    m = _NUMBER.match(piece)
    if m:
        out.number = m[1]
        out.symbol = re.sub(r"\s+", "", m[2]).rstrip(".")
        return
    m = _DATE.match(piece) or _DATE_SHORT.match(piece)
    if m:
        out.place = m["place"].strip().rstrip(",").strip()
        out.year = int(m["y"])
        out.issued_on = _issue_date(m["y"], m["m"], m["d"], para, out.warnings)
        return
    if is_caps(piece):
        agency.append((" ".join(piece.split()), bold))
        return
    out.unknown.append(Para(para.where, piece))


def _issue_date(
    year: str, month: str | None, day: str | None, para: Para, warnings: list[str]
) -> IssueDate | None:
    try:
        if month is None:
            if day is not None:
                warnings.append(f"{para.where}: ngày ban hành có ngày mà không có tháng; bỏ qua.")
            return None
        return IssueDate(int(year), int(month), int(day) if day else None)
    except ValueError:
        warnings.append(
            f"{para.where}: ngày ban hành “{day}/{month}/{year}” không có thật; để trống."
        )
        return None


def _agency(lines: list[tuple[str, bool]], out: HeaderRead) -> None:
    if not lines:
        return
    bold = [t for t, b in lines if b]
    plain = [t for t, b in lines if not b]
    if bold and plain:
        first_bold = next(i for i, (_, b) in enumerate(lines) if b)
        out.parent = " ".join(t for t, _ in lines[:first_bold])
        out.name = " ".join(t for t, _ in lines[first_bold:])
        return
    units: list[str] = []
    texts = [t for t, _ in lines]
    i = 0
    while i < len(texts):
        if search_key(texts[i]) in _BARE and i + 1 < len(texts):
            units.append(f"{texts[i]} {texts[i + 1]}")
            i += 2
        else:
            units.append(texts[i])
            i += 1
    out.name = units[-1]
    out.parent = " ".join(units[:-1])


# -- "Nơi nhận" and the signature ---------------------------------------------------------------
def is_recipients_heading(text: str) -> bool:
    return search_key(text[:20]).startswith("noi nhan")


def is_signer_line(text: str) -> bool:
    """A line of the signature: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "GIÁM ĐỐC"."""
    if len(text) > 80:
        return False
    text = " ".join(text.split())
    if len(text) > 60 or not is_caps(text):
        return False
    return bool(_AUTHORITY.match(text)) or search_key(text) in _SIGNER_TITLES


@dataclass(slots=True)
class TailRead:
    recipients: list[Recipient] = field(default_factory=list)
    archive: str | None = None
    signer: Signer = field(default_factory=Signer)
    unknown: list[Para] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_tail(groups: Sequence[tuple[str, Sequence[Para]]]) -> TailRead:
    """Recipients, archive and signer from the tail's paragraphs.

    ``groups`` pairs a hint with paragraphs: ``"recipients"`` or ``"signer"`` for the cells
    of a signature table, ``""`` for paragraphs of the page, read in order.
    """
    out = TailRead()
    mode = ""
    for hint, paras in groups:
        if hint:  # a cell of a signature table; paragraphs of the page go on in order
            mode = hint
        for para in paras:
            for line in para.text.split("\n"):
                mode = _tail_line(" ".join(line.split()), para, mode, out)
    if out.signer.name == "" and (out.signer.title or out.signer.authority):
        out.warnings.append("Không thấy tên người ký dưới chức danh.")
    return out


def _tail_line(line: str, para: Para, mode: str, out: TailRead) -> str:
    if not line or _ORNAMENT.match(line):
        return mode
    key = search_key(line[:40])
    if is_recipients_heading(line):
        rest = line.split(":", 1)[1].strip() if ":" in line else ""
        if rest and (rest[0] in "-–—+•" or search_key(rest).startswith("nhu tren")):
            _tail_line(rest, para, "recipients", out)
        elif rest:  # "Nơi nhận: TL": not a recipient line
            out.unknown.append(Para(para.where, rest))
        return "recipients"
    stripped = re.sub(r"^[-–—+•·*]\s*", "", line)
    if _ARCHIVE.match(search_key(stripped[:12])):
        archive = stripped.split(":", 1)[1] if ":" in stripped else stripped[3:]
        out.archive = archive.strip().removesuffix(".").strip()
        return "after-recipients" if mode == "recipients" else mode
    if any(key.strip("()").startswith(n) for n in _SIGN_NOTES):
        out.warnings.append(f"{para.where}: bỏ qua dòng “{line}” ở chỗ ký.")
        return mode
    if mode == "recipients":
        if stripped == line and is_signer_line(line):  # the signature after the list
            _signer_caps(line, out)
            return "signer"
        out.recipients.extend(_recipients(stripped, out.recipients))
        return mode
    if is_caps(line) and len(line) <= 80 and stripped == line:
        _signer_caps(line, out)
        return "signer"
    if mode in ("signer", "after-recipients") or (mode == "" and out.signer.title):
        if not out.signer.name:
            out.signer.name = line
            return mode
        out.warnings.append(f"{para.where}: thêm một tên dưới chữ ký (“{line}”); giữ tên đầu.")
    out.unknown.append(Para(para.where, line))
    return mode


def _is_person(line: str) -> bool:
    """A name typed in capitals ("NGUYỄN VĂN AN"): 2-5 words, none of a title or office."""
    key = search_key(line.replace(".", " ")) + " "
    return 2 <= len(key.split()) <= 5 and not any(p in f" {key}" for p in _OFFICE_PHRASES)


def _signer_caps(line: str, out: TailRead) -> None:
    signer = out.signer
    if signer.name:  # a second signature block: keep the text
        out.unknown.append(Para("", line))
        return
    if signer.title and _is_person(line):
        signer.name = line
        return
    if _AUTHORITY.match(line) and not signer.title:
        signer.authority = f"{signer.authority} {line}".strip()
    elif not signer.title:
        signer.title = line
    elif not signer.authority:  # two capital lines without "KT.": the first was authority
        signer.authority, signer.title = signer.title, line
    else:
        signer.title = f"{signer.title} {line}"


def _recipients(text: str, before: list[Recipient]) -> list[Recipient]:
    """``"UBND tỉnh (để b/c);"`` → one recipient with its note; ``"Đảng ủy; HĐND xã;"`` → two;
    ``"UBND tỉnh; B/c"`` → one with the note after ";"."""
    out: list[Recipient] = []
    for part in text.strip().rstrip(";.,").split(";"):
        part = part.strip().rstrip(".,").strip()
        if not part:
            continue
        last = out[-1] if out else None
        if last is not None and not last.note and _note_like(part):
            last.note = part
            continue
        m = _PAREN_NOTE.match(part)
        if m:
            out.append(Recipient(m[1].strip(), m[2].strip()))
        else:
            out.append(Recipient(part))
    return out


def _note_like(text: str) -> bool:
    key = search_key(text)
    first = text[:1]
    return (
        (first.isalpha() and first.islower())
        or bool(_NOTE_LIKE.match(text))
        or key.startswith(_NOTE_WORDS)
    )


def year_in(text: str) -> int | None:
    """The first year (19xx/20xx) named in ``text``: "... năm 2022" → 2022."""
    m = re.search(r"\b(19\d\d|20\d\d)\b", text)
    return int(m[1]) if m else None


def this_year() -> int:
    return dt.date.today().year
