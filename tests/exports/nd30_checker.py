"""A reusable Decree 30/2020 checker for exported .docx files (nd30-format.md §12).

``check_nd30(path)`` opens the file with python-docx, finds the parts of the document (header
block, tên loại, trích yếu, body, signature block, appendix), checks every rule of the
checklist against the *effective* formatting (run, then paragraph style chain, then document
defaults) and raises one AssertionError listing every fault. It accepts any value inside the
legal ranges, not only the app's own choices, so it can check other generators too; the few
places that need the app's layout (the header block is a table) say so.

It returns the parts so that tests can go on to check the content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from cchc_desktop.domain.numbering import letter, roman
from cchc_desktop.exports import nd30

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
NUMBER_RE = re.compile(r"^Số:\s*(\d{2,}|\s*)/(KH|BC)-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
DATE_RE = re.compile(r", ngày (0[1-9]|[12]\d|3[01]|\s+) tháng (01|02|[3-9]|1[0-2]|\s+) năm \d{4}$")
ROMAN_HEADING = re.compile(r"^([IVXLC]+)\. ")
ARABIC_HEADING = re.compile(r"^(\d+)\. ")
LETTER_HEADING = re.compile(r"^([a-zđ]{1,2})\) ")
APPENDIX_REF = re.compile(r"^\(Kèm theo (Kế hoạch|Báo cáo) số .*\)$")
ARCHIVE_RE = re.compile(r"^- Lưu: VT\b.*\.$")
TOLERANCE = 6  # twips of rounding allowed on page measurements


# -- effective formatting ----------------------------------------------------------------------
def _styles_chain(paragraph: Paragraph, cache: dict[str | None, list[Any]]) -> list[Any]:
    """The paragraph's style and its base styles (cached: python-docx looks them up slowly)."""
    key = paragraph._p.style
    chain = cache.get(key)
    if chain is None:
        chain = []
        style = paragraph.style
        while style is not None:
            chain.append(style)
            style = style.base_style
        cache[key] = chain
    return chain


def _defaults_rpr(doc: Document) -> Any:
    return doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


class Effective:
    """Effective run and paragraph properties of one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._defaults = _defaults_rpr(doc)
        self._chains: dict[str | None, list[Any]] = {}

    def run(self, run: Run, paragraph: Paragraph, name: str) -> Any:
        value = getattr(run.font, name)
        if value is not None:
            return value
        for style in _styles_chain(paragraph, self._chains):
            value = getattr(style.font, name)
            if value is not None:
                return value
        if name == "size":
            sz = self._defaults.find(qn("w:sz"))
            return None if sz is None else int(sz.get(qn("w:val"))) / 2
        if name in ("bold", "italic"):
            return False
        return None

    def size(self, run: Run, paragraph: Paragraph) -> float:
        value = self.run(run, paragraph, "size")
        return float(value.pt) if hasattr(value, "pt") else float(value or 0)

    def fonts(self, run: Run, paragraph: Paragraph) -> dict[str, str | None]:
        """The four font slots; a theme attribute anywhere counts as a fault (returned)."""
        chain = [run._r.rPr] + [s.element.rPr for s in _styles_chain(paragraph, self._chains)]
        chain.append(self._defaults)
        out: dict[str, str | None] = {}
        for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
            out[slot] = None
            for rpr in chain:
                fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
                if fonts is None:
                    continue
                theme = fonts.get(qn(f"w:{slot}Theme" if slot != "cs" else "w:cstheme"))
                if theme is not None:
                    out[slot] = f"theme:{theme}"
                    break
                value = fonts.get(qn(f"w:{slot}"))
                if value is not None:
                    out[slot] = value
                    break
        return out

    def color(self, run: Run, paragraph: Paragraph) -> str | None:
        chain = [run._r.rPr] + [s.element.rPr for s in _styles_chain(paragraph, self._chains)]
        chain.append(self._defaults)
        for rpr in chain:
            color = None if rpr is None else rpr.find(qn("w:color"))
            if color is not None:
                if color.get(qn("w:themeColor")):
                    return "theme"
                return color.get(qn("w:val"))
        return None

    def paragraph(self, paragraph: Paragraph, name: str) -> Any:
        value = getattr(paragraph.paragraph_format, name)
        if value is not None:
            return value
        for style in _styles_chain(paragraph, self._chains):
            value = getattr(style.paragraph_format, name)
            if value is not None:
                return value
        return None


def twips(length: Any) -> int:
    return 0 if length is None else round(length / 635)


# -- the parts of a document ---------------------------------------------------------------------
@dataclass
class Appendix:
    label: Paragraph
    title: Paragraph
    reference: Paragraph
    table: Table


@dataclass
class Parts:
    doc: Document
    header: Table
    doc_type: Paragraph
    subject: Paragraph
    subject_line: Paragraph
    body: list[Paragraph]  # every non-empty paragraph from the body to the closing
    signature: Table
    appendix: Appendix | None
    problems: list[str] = field(default_factory=list)
    addressees: list[Paragraph] = field(default_factory=list)  # "Kính gửi:" and its lines

    @property
    def addressee_texts(self) -> list[str]:
        return [p.text for p in self.addressees]

    @property
    def body_texts(self) -> list[str]:
        return [p.text for p in self.body]


def _has_sect(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:sectPr")) is not None


def _is_rule(paragraph: Paragraph) -> bool:
    """A drawn short line: an empty paragraph with a top or bottom border, or underscores."""
    text = paragraph.text.strip()
    if text and set(text) == {"_"}:
        return True
    ppr = paragraph._p.pPr
    borders = None if ppr is None else ppr.find(qn("w:pBdr"))
    if text or borders is None:
        return False
    return borders.find(qn("w:top")) is not None or borders.find(qn("w:bottom")) is not None


def rule_length(paragraph: Paragraph, available: int) -> int:
    """Length in twips of the line a rule paragraph draws inside ``available`` twips."""
    text = paragraph.text.strip()
    if text:
        return nd30.text_width(text, 13)
    ppr = paragraph._p.pPr
    ind = ppr.find(qn("w:ind"))
    left = int(ind.get(qn("w:left"), "0")) if ind is not None else 0
    right = int(ind.get(qn("w:right"), "0")) if ind is not None else 0
    return available - left - right


def split_parts(doc: Document) -> Parts:
    """Locate the parts in document order (raises AssertionError when one is missing)."""
    items = list(doc.iter_inner_content())
    tables = [i for i, x in enumerate(items) if isinstance(x, Table)]
    assert tables and tables[0] == 0, "the document must open with the header-block table"
    header = items[0]
    k = 1
    doc_type, subject, subject_line = items[k], items[k + 1], items[k + 2]
    assert isinstance(doc_type, Paragraph) and isinstance(subject, Paragraph)
    assert isinstance(subject_line, Paragraph) and _is_rule(subject_line), "no line under trích yếu"
    k += 3
    addressees: list[Paragraph] = []
    first = items[k] if k < len(items) else None
    if isinstance(first, Paragraph) and first.text.startswith("Kính gửi:"):
        addressees.append(first)
        k += 1
        if first.text.strip() == "Kính gửi:":  # several: one a line, "- ...;"
            while isinstance(items[k], Paragraph) and items[k].text.startswith("- "):
                addressees.append(items[k])
                k += 1
    body: list[Paragraph] = []
    while k < len(items) and isinstance(items[k], Paragraph):
        if items[k].text.strip():
            body.append(items[k])
        k += 1
    assert k < len(items), "no signature block"
    signature = items[k]
    k += 1
    appendix = None
    rest = [x for x in items[k:] if not (isinstance(x, Paragraph) and not x.text.strip())]
    if rest:
        assert len(rest) == 4, f"appendix: expected 3 paragraphs and a table, got {len(rest)}"
        label, title, reference, table = rest
        assert isinstance(table, Table)
        appendix = Appendix(label, title, reference, table)
    return Parts(
        doc, header, doc_type, subject, subject_line, body, signature, appendix,
        addressees=addressees,
    )  # fmt: skip


# -- the checks ----------------------------------------------------------------------------------
class Checker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.eff = Effective(doc)
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def runs(self, paragraph: Paragraph) -> list[Run]:
        return [r for r in paragraph.runs if r.text.strip()]

    def text_style(
        self,
        where: str,
        paragraph: Paragraph,
        *,
        sizes: set[float],
        bold: bool | None = None,
        italic: bool | None = None,
        align: Any = None,
    ) -> None:
        runs = self.runs(paragraph)
        if not runs:
            self.fail(where, "no text")
            return
        for run in runs:
            size = self.eff.size(run, paragraph)
            if size not in sizes:
                self.fail(where, f"size {size} not in {sorted(sizes)} ({run.text!r})")
            if bold is not None and bool(self.eff.run(run, paragraph, "bold")) != bold:
                self.fail(where, f"bold should be {bold} ({run.text!r})")
            if italic is not None and bool(self.eff.run(run, paragraph, "italic")) != italic:
                self.fail(where, f"italic should be {italic} ({run.text!r})")
        if align is not None and self.eff.paragraph(paragraph, "alignment") != align:
            self.fail(where, f"alignment {self.eff.paragraph(paragraph, 'alignment')} != {align}")

    # 1-2 page set-up
    def sections(self, has_appendix: bool) -> None:
        sections = list(self.doc.sections)
        expected = 2 if has_appendix else 1
        if len(sections) != expected:
            self.fail("sections", f"{len(sections)} sections, expected {expected}")
        for i, s in enumerate(sections):
            where = f"section {i + 1}"
            size = (twips(s.page_width), twips(s.page_height))
            landscape = i == 1
            want = (16838, 11906) if landscape else (11906, 16838)
            if any(abs(a - b) > TOLERANCE for a, b in zip(size, want, strict=True)):
                self.fail(where, f"page size {size} != {want}")
            orient = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            if s.orientation != orient:
                self.fail(where, f"orientation {s.orientation} != {orient}")
            margins = {
                "top": (twips(s.top_margin), 1134, 1418),
                "bottom": (twips(s.bottom_margin), 1134, 1418),
                "left": (twips(s.left_margin), 1701, 1985),
                "right": (twips(s.right_margin), 850, 1134),
            }
            for name, (value, low, high) in margins.items():
                if not low - TOLERANCE <= value <= high + TOLERANCE:
                    self.fail(where, f"{name} margin {value} twips outside [{low}, {high}]")

    # 3 fonts and colour everywhere
    def fonts(self) -> None:
        containers: list[Any] = [self.doc]
        for s in self.doc.sections:
            for part in (s.header, s.first_page_header, s.footer, s.first_page_footer):
                if not part.is_linked_to_previous:
                    containers.append(part)
        for container in containers:
            for paragraph in _all_paragraphs(container):
                for run in paragraph.runs:
                    if not run.text and not run._r.findall(qn("w:instrText")):
                        continue
                    fonts = self.eff.fonts(run, paragraph)
                    if any(v != FONT for v in fonts.values()):
                        self.fail("fonts", f"{fonts} on {run.text!r}")
                    color = self.eff.color(run, paragraph)
                    if color not in (None, "auto", "000000"):
                        self.fail("colour", f"{color} on {run.text!r}")

    # 4-7 header block
    def header_block(self, table: Table, kind: str) -> None:
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        if layout is None or layout.get(qn("w:type")) != "fixed":
            self.fail("header block", "table layout is not fixed")
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        if borders is None or any(b.get(qn("w:val")) not in ("nil", "none") for b in borders):
            self.fail("header block", "the table has borders")
        left, right = table.cell(0, 0), table.cell(0, 1)
        right_ps = [p for p in right.paragraphs]
        texts = [p.text for p in right_ps]
        if texts[:2] != [QUOC_HIEU, TIEU_NGU]:
            self.fail("Quốc hiệu/Tiêu ngữ", f"texts {texts[:2]}")
        else:
            self.text_style("Quốc hiệu", right_ps[0], sizes={12, 13}, bold=True,
                            align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
            self.text_style("Tiêu ngữ", right_ps[1], sizes={13, 14}, bold=True,
                            align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
            if len(right_ps) < 3 or not _is_rule(right_ps[2]):
                self.fail("Tiêu ngữ", "no line under it")
            else:
                size = self.eff.size(self.runs(right_ps[1])[0], right_ps[1])
                want = nd30.text_width(TIEU_NGU, size, bold=True)
                got = rule_length(right_ps[2], _cell_width(right))
                if not 0.85 * want <= got <= 1.15 * want:
                    self.fail("Tiêu ngữ", f"line {got} twips, text about {want}")
        names = [p for p in left.paragraphs if p.text.strip()]
        if not names:
            self.fail("cơ quan", "no agency name")
            return
        issuer = names[-1]
        self.text_style("cơ quan ban hành", issuer, sizes={12, 13}, bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        if issuer.text != issuer.text.upper():
            self.fail("cơ quan ban hành", "not in capitals")
        for parent in names[:-1]:
            self.text_style("cơ quan chủ quản", parent, sizes={12, 13}, bold=False)
            if parent.text != parent.text.upper():
                self.fail("cơ quan chủ quản", "not in capitals")
            if self.runs(parent) and self.runs(issuer):
                a = self.eff.size(self.runs(parent)[0], parent)
                b = self.eff.size(self.runs(issuer)[0], issuer)
                if a != b:
                    self.fail("cơ quan", f"parent {a} pt and issuer {b} pt differ")
        elements = [p._p for p in left.paragraphs]
        after = left.paragraphs[elements.index(issuer._p) + 1 :]
        if not after or not _is_rule(after[0]):
            self.fail("cơ quan ban hành", "no line under it")
        elif self.runs(issuer):
            size = self.eff.size(self.runs(issuer)[0], issuer)
            longest = max(nd30.text_width(t, size, bold=True) for t in issuer.text.split("\n"))
            available = _cell_width(left)
            got = rule_length(after[0], available)
            ratio = got / min(longest, available)
            if not 1 / 3 - 0.02 <= ratio <= 1 / 2 + 0.02:
                self.fail("cơ quan ban hành", f"line is {ratio:.2f} of the name")
        number = [p for p in table.cell(1, 0).paragraphs if p.text.strip()]
        date = [p for p in table.cell(1, 1).paragraphs if p.text.strip()]
        if len(number) != 1 or not NUMBER_RE.match(number[0].text):
            self.fail("Số", f"{[p.text for p in number]!r}")
        else:
            if f"/{kind}-" not in number[0].text:
                self.fail("Số", f"symbol is not {kind}-...: {number[0].text!r}")
            self.text_style("Số", number[0], sizes={13}, bold=False)
        if len(date) != 1 or not DATE_RE.search(date[0].text):
            self.fail("date line", f"{[p.text for p in date]!r}")
        else:
            self.text_style("date line", date[0], sizes={13, 14}, italic=True)

    # 8 tên loại, trích yếu
    def title(self, parts: Parts, doc_type: str) -> None:
        if parts.doc_type.text != doc_type:
            self.fail("tên loại", f"{parts.doc_type.text!r} != {doc_type!r}")
        self.text_style("tên loại", parts.doc_type, sizes={13, 14}, bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        self.text_style("trích yếu", parts.subject, sizes={13, 14}, bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        if parts.subject.text == parts.subject.text.upper():
            self.fail("trích yếu", "all capitals")
        runs = self.runs(parts.subject)
        if runs:
            size = self.eff.size(runs[0], parts.subject)
            width = nd30.TEXT_WIDTH
            longest = min(nd30.text_width(parts.subject.text, size, bold=True), width)
            ratio = rule_length(parts.subject_line, width) / longest
            if not 1 / 3 - 0.02 <= ratio <= 1 / 2 + 0.02:
                self.fail("trích yếu", f"line is {ratio:.2f} of the text")
        for p in parts.addressees:  # ô 9b: 14 pt, not bold
            self.text_style(f"kính gửi {p.text[:30]!r}", p, sizes={14}, bold=False)

    # 9-10 body and headings
    def body(self, paragraphs: list[Paragraph]) -> None:
        numbers: list[list[str]] = [[], [], []]
        for p in paragraphs:
            where = f"body {p.text[:40]!r}"
            kind = heading_kind(p, self.eff)
            if kind:
                self.heading(p, kind, numbers)
                if kind > 1 and untitled_like(p.text):
                    # Phụ lục I Mục V: a khoản or điểm without a title is upright, not bold.
                    self.fail(where, "khoản/điểm without a title printed as a heading (bold)")
                continue
            item = item_depth(p)
            self.text_style(where, p, sizes={13, 14}, bold=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            self.paragraph_spacing(where, p)
            if item:  # an untitled khoản/điểm: upright, numbered in the outline's sequence
                self.text_style(where, p, sizes={13, 14}, bold=False, italic=False)
                self.number(p, item, numbers, where)

    def paragraph_spacing(self, where: str, p: Paragraph) -> None:
        first = twips(self.eff.paragraph(p, "first_line_indent"))
        if not any(abs(first - v) <= 5 for v in (567, 720)):
            self.fail(where, f"first-line indent {first} twips")
        before = twips(self.eff.paragraph(p, "space_before"))
        after = twips(self.eff.paragraph(p, "space_after"))
        if before + after < 120:
            self.fail(where, f"space before+after {before + after} < 120 twips")
        line = self.eff.paragraph(p, "line_spacing")
        if not isinstance(line, float) or not 1.0 <= line <= 1.5:
            self.fail(where, f"line spacing {line!r} is not 1.0-1.5 lines")

    def heading(self, p: Paragraph, depth: int, numbers: list[list[str]]) -> None:
        where = f"heading {p.text[:40]!r}"
        self.text_style(where, p, sizes={13, 14}, bold=True)
        self.paragraph_spacing(where, p)
        self.number(p, depth, numbers, where)
        if depth == 1 and p.text != p.text.upper():
            self.fail(where, "an I. heading must be in capitals")

    def number(self, p: Paragraph, depth: int, numbers: list[list[str]], where: str) -> None:
        mark = {1: ROMAN_HEADING, 2: ARABIC_HEADING, 3: LETTER_HEADING}[depth].match(p.text)
        assert mark is not None
        # numbers restart under each parent: I. 1. 2. a) b) II. 1. ...
        numbers[depth - 1].append(mark.group(1))
        for deeper in range(depth, 3):
            numbers[deeper] = []
        n = len(numbers[depth - 1])
        expected = {1: roman(n), 2: str(n), 3: letter(n)}[depth]
        if mark.group(1) != expected:
            self.fail(where, f"number {mark.group(1)!r}, expected {expected!r}")

    # 11-12 signature and "Nơi nhận"
    def signature(self, table: Table) -> None:
        left, right = table.cell(0, 0), table.cell(0, 1)
        lines = [p for p in left.paragraphs if p.text.strip()]
        if not lines or lines[0].text != "Nơi nhận:":
            self.fail("Nơi nhận", f"first line {lines[0].text if lines else None!r}")
            return
        self.text_style("Nơi nhận", lines[0], sizes={12}, bold=True, italic=True)
        recipients = lines[1:]
        if not recipients:
            self.fail("Nơi nhận", "no recipient")
        for p in recipients:
            self.text_style(f"recipient {p.text!r}", p, sizes={11}, bold=False)
            if not p.text.startswith("- "):
                self.fail("recipient", f"{p.text!r} does not start with '- '")
        for p in recipients[:-1]:
            if not p.text.endswith(";"):
                self.fail("recipient", f"{p.text!r} does not end with ';'")
        if recipients and not ARCHIVE_RE.match(recipients[-1].text):
            self.fail("recipient", f"last line {recipients[-1].text!r} is not '- Lưu: VT...'")
        signs = [p for p in right.paragraphs if p.text.strip()]
        if not signs:
            self.fail("signature", "empty")
            return
        for p in signs[:-1]:
            self.text_style(f"signature {p.text!r}", p, sizes={13, 14}, bold=True,
                            align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
            if p.text != p.text.upper():
                self.fail("signature", f"{p.text!r} not in capitals")
        name = signs[-1]
        self.text_style("signer's name", name, sizes={13, 14}, bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        if name.text == name.text.upper():
            self.fail("signer's name", "in capitals")
        texts = [p.text for p in signs]
        for i, text in enumerate(texts[:-1]):
            if text.startswith("KT.") and not texts[i + 1].startswith("PHÓ "):
                self.fail("signature", f"{text!r} is not followed by a 'PHÓ ...' line")
        room = twips(self.eff.paragraph(name, "space_before"))
        if room < 1000:  # ~1.8 cm at least for the signature and the seal
            self.fail("signature", f"only {room} twips of room above the name")

    # 13 page numbers
    def page_numbers(self) -> None:
        for i, s in enumerate(self.doc.sections):
            where = f"section {i + 1}"
            if not s.different_first_page_header_footer:
                self.fail(where, "titlePg is not set (page 1 would show a number)")
            header = s.header
            fields = [p for p in header.paragraphs if _has_page_field(p)]
            if len(fields) != 1:
                self.fail(where, "the header has no PAGE field")
            else:
                p = fields[0]
                if self.eff.paragraph(p, "alignment") != WD_ALIGN_PARAGRAPH.CENTER:
                    self.fail(where, "the page number is not centred")
                for run in p.runs:
                    size = self.eff.size(run, p)
                    if size not in (13, 14) or self.eff.run(run, p, "bold"):
                        self.fail(where, f"page number run {size} pt / bold")
            first = s.first_page_header
            if any(_has_page_field(p) or p.text.strip() for p in first.paragraphs):
                self.fail(where, "the first-page header is not empty")
            for footer in (s.footer, s.first_page_footer):
                if any(_has_page_field(p) for p in footer.paragraphs):
                    self.fail(where, "a footer has a page number")
            start = s._sectPr.find(qn("w:pgNumType"))
            if i > 0 and (start is None or start.get(qn("w:start")) != "1"):
                self.fail(where, "the appendix's page numbers do not restart at 1")

    # 14 appendix
    def appendix(self, appendix: Appendix) -> None:
        if appendix.label.text != "Phụ lục":
            self.fail("appendix", f"label {appendix.label.text!r}")
        self.text_style("Phụ lục", appendix.label, sizes={14}, bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        self.text_style("appendix title", appendix.title, sizes={13, 14}, bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        if appendix.title.text != appendix.title.text.upper():
            self.fail("appendix title", "not in capitals")
        if not APPENDIX_REF.match(appendix.reference.text):
            self.fail("appendix reference", f"{appendix.reference.text!r}")
        self.text_style("appendix reference", appendix.reference, sizes={13, 14}, italic=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        table = appendix.table
        rows = table._tbl.tr_lst
        if rows[0].trPr is None or rows[0].trPr.find(qn("w:tblHeader")) is None:
            self.fail("appendix table", "the header row does not repeat (w:tblHeader)")
        for k, tr in enumerate(rows):
            if tr.trPr is None or tr.trPr.find(qn("w:cantSplit")) is None:
                self.fail("appendix table", f"row {k} may split across pages")
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        if sum(widths) > nd30.TEXT_WIDTH_LANDSCAPE + 60:
            self.fail("appendix table", f"{sum(widths)} twips wider than the landscape page")
        if min(widths) < nd30.mm(10):
            self.fail("appendix table", f"a column narrower than 1 cm: {widths}")
        for row in table.rows:
            for cell in _unique_cells(row.cells):
                for p in cell.paragraphs:
                    for run in self.runs(p):
                        if self.eff.size(run, p) not in (12, 13):
                            self.fail("appendix table", f"text size {self.eff.size(run, p)}")
                            return


def untitled_like(text: str) -> bool:
    """A numbered paragraph whose words are a whole sentence, not a title: long and ending
    with a full stop (a task name used as a heading in a report has none)."""
    words = text.split(" ", 1)[1] if " " in text else ""
    return words.endswith((".", ";")) and len(words) > 60


def item_depth(paragraph: Paragraph) -> int:
    """2 or 3 for an untitled khoản/điểm: numbered "1." / "a)", not bold, with the outline
    level of its rank (how our export marks it); else 0."""
    level = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if level is None:
        return 0
    depth = int(level.get(qn("w:val"))) + 1
    pattern = {2: ARABIC_HEADING, 3: LETTER_HEADING}.get(depth)
    return depth if pattern is not None and pattern.match(paragraph.text) else 0


def heading_kind(paragraph: Paragraph, eff: Effective) -> int:
    """1, 2, 3 for an I., 1. or a) heading (numbered and bold), else 0."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs or not all(eff.run(r, paragraph, "bold") for r in runs):
        return 0
    for depth, pattern in ((1, ROMAN_HEADING), (2, ARABIC_HEADING), (3, LETTER_HEADING)):
        if pattern.match(paragraph.text):
            return depth
    return 0


def _has_page_field(p: Paragraph) -> bool:
    codes = [t.text or "" for t in p._p.iter(qn("w:instrText"))]
    simple = [f.get(qn("w:instr"), "") for f in p._p.iter(qn("w:fldSimple"))]
    return any(c.split()[:1] == ["PAGE"] for c in codes + simple)


def _cell_width(cell: _Cell) -> int:
    tcw = cell._tc.tcPr.find(qn("w:tcW"))
    width = int(tcw.get(qn("w:w")))
    tbl = cell._tc.getparent().getparent()
    margins = tbl.tblPr.find(qn("w:tblCellMar"))
    pad = 0
    if margins is not None:
        for side in ("left", "right"):
            m = margins.find(qn(f"w:{side}"))
            pad += int(m.get(qn("w:w"))) if m is not None else 0
    return width - pad


def _unique_cells(cells: tuple[_Cell, ...]) -> list[_Cell]:
    seen: list[Any] = []
    out = []
    for c in cells:
        if c._tc not in seen:
            seen.append(c._tc)
            out.append(c)
    return out


def _all_paragraphs(container: Any) -> Iterator[Paragraph]:
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        else:
            for row in item.rows:
                for cell in _unique_cells(row.cells):
                    yield from _all_paragraphs(cell)


def check_nd30(path: Path, *, doc_type: str = "KẾ HOẠCH", kind: str = "KH") -> Parts:
    """Open ``path`` and check it against the checklist; AssertionError lists every fault."""
    doc = docx.Document(str(path))
    parts = split_parts(doc)
    checker = Checker(doc)
    checker.sections(parts.appendix is not None)
    checker.fonts()
    checker.header_block(parts.header, kind)
    checker.title(parts, doc_type)
    checker.body(parts.body)
    checker.signature(parts.signature)
    checker.page_numbers()
    if parts.appendix is not None:
        checker.appendix(parts.appendix)
    parts.problems = checker.problems
    assert not checker.problems, "Decree 30 faults:\n" + "\n".join(checker.problems)
    return parts


Check = Callable[[Path], Parts]
