"""The Decree 30/2020 document builder shared by the plan and the period report (.docx).

It knows the page set-up, the fonts, the header block (ô 1-4), the title block (ô 5a), body
paragraphs and numbered headings, the "Nơi nhận" and signature block, page numbers in the
header from page 2, and landscape appendix sections with a task table. Every measurement
comes from :mod:`cchc_desktop.exports.nd30`.

Paragraphs, runs and table rows are written as OOXML directly: each kind of paragraph is
built once and deep-copied, so a table of a thousand rows costs a thousand copies (linear),
and every run carries its own Times New Roman fonts (ascii, hAnsi, cs, eastAsia), size and
black colour so that Word never substitutes a font. All text is NFC-normalised here.

Imports python-docx: callers import this module lazily.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeAlias

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Twips

from cchc_desktop.atomic import write_atomic
from cchc_desktop.domain.model import Signer
from cchc_desktop.domain.text import nfc
from cchc_desktop.exports import nd30

# python-docx's element class; lxml's own methods (append, find ...) come from its base.
BodyElement: TypeAlias = BaseOxmlElement

LEFT, CENTER, RIGHT, BOTH = "left", "center", "right", "both"


@dataclass(frozen=True, slots=True)
class Fmt:
    """How one paragraph and its runs look: the unit of reuse of this builder."""

    size: float = nd30.SIZE_BODY
    bold: bool = False
    italic: bool = False
    align: str = BOTH
    first_line: int = 0
    left: int = 0
    right: int = 0
    hanging: int = 0  # a hanging indent (wins over first_line)
    before: int = 0
    after: int = 0
    line: float | None = None  # a multiple of single spacing; None = single
    keep_next: bool = False
    outline: int | None = None  # outline level (0 = "I."), shown in Word's navigation pane
    top_border: bool = False  # a short rule: the top border of an empty paragraph


BODY = Fmt(first_line=nd30.FIRST_LINE_INDENT, after=nd30.SPACE_AFTER_BODY, line=nd30.LINE_SPACING)
BODY_KEEP = replace(BODY, keep_next=True)  # the last closing paragraph stays with the signature
HEADINGS = {
    1: Fmt(bold=True, first_line=nd30.FIRST_LINE_INDENT, before=60, after=nd30.SPACE_AFTER_BODY,
           line=nd30.LINE_SPACING, keep_next=True, outline=0),
    2: Fmt(bold=True, first_line=nd30.FIRST_LINE_INDENT, after=nd30.SPACE_AFTER_BODY,
           line=nd30.LINE_SPACING, keep_next=True, outline=1),
    3: Fmt(bold=True, italic=True, first_line=nd30.FIRST_LINE_INDENT, after=nd30.SPACE_AFTER_BODY,
           line=nd30.LINE_SPACING, keep_next=True, outline=2),
}  # fmt: skip


def _el(tag: str, parent: BodyElement | None = None, **attrs: str | int) -> BodyElement:
    element = OxmlElement(tag, {qn(f"w:{key}"): str(value) for key, value in attrs.items()})
    if parent is not None:
        parent.append(element)
    return element


def _text(run: BodyElement) -> BodyElement:
    """A ``w:t`` at the end of ``run`` that keeps its spaces."""
    t = _el("w:t", run)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def run_properties(size: float, *, bold: bool = False, italic: bool = False) -> BodyElement:
    """``w:rPr`` with the four fonts, bold/italic, black and the size (schema order)."""
    rpr = _el("w:rPr")
    _el("w:rFonts", rpr, ascii=nd30.FONT, hAnsi=nd30.FONT, cs=nd30.FONT, eastAsia=nd30.FONT)
    if bold:
        _el("w:b", rpr)
        _el("w:bCs", rpr)
    if italic:
        _el("w:i", rpr)
        _el("w:iCs", rpr)
    _el("w:color", rpr, val=nd30.COLOR)
    half_points = round(size * 2)
    _el("w:sz", rpr, val=half_points)
    _el("w:szCs", rpr, val=half_points)
    return rpr


def _paragraph_properties(fmt: Fmt) -> BodyElement:
    ppr = _el("w:pPr")
    if fmt.keep_next:
        _el("w:keepNext", ppr)
    if fmt.top_border:
        borders = _el("w:pBdr", ppr)
        _el("w:top", borders, val="single", sz=nd30.LINE_BORDER_SIZE, space=1, color=nd30.COLOR)
    spacing = _el("w:spacing", ppr, before=fmt.before, after=fmt.after)
    if fmt.line is None:
        spacing.set(qn("w:line"), "240")
    else:
        spacing.set(qn("w:line"), str(round(240 * fmt.line)))
    spacing.set(qn("w:lineRule"), "auto")
    ind = _el("w:ind", ppr, left=fmt.left, right=fmt.right)
    if fmt.hanging:
        ind.set(qn("w:hanging"), str(fmt.hanging))
    elif fmt.first_line:
        ind.set(qn("w:firstLine"), str(fmt.first_line))
    _el("w:jc", ppr, val=fmt.align)
    if fmt.outline is not None:
        _el("w:outlineLvl", ppr, val=fmt.outline)
    # The paragraph mark gets the same font, so empty paragraphs keep their height.
    ppr.append(run_properties(fmt.size, bold=fmt.bold, italic=fmt.italic))
    return ppr


class _Templates:
    """One paragraph (and run) per :class:`Fmt`, built once, deep-copied afterwards."""

    def __init__(self) -> None:
        self._paragraphs: dict[Fmt, BodyElement] = {}
        self._runs: dict[tuple[float, bool, bool], BodyElement] = {}
        self._filled: dict[Fmt, BodyElement] = {}  # a paragraph with an empty one-line run

    def paragraph(self, fmt: Fmt) -> BodyElement:
        template = self._paragraphs.get(fmt)
        if template is None:
            template = _el("w:p")
            template.append(_paragraph_properties(fmt))
            self._paragraphs[fmt] = template
        return copy.deepcopy(template)

    def run(self, text: str, size: float, bold: bool, italic: bool) -> BodyElement:
        key = (size, bold, italic)
        template = self._runs.get(key)
        if template is None:
            # The first w:t is in the template: a one-line run (most of them) is one copy.
            template = _el("w:r")
            template.append(run_properties(size, bold=bold, italic=italic))
            _text(template)
            self._runs[key] = template
        run = copy.deepcopy(template)
        first, *more = nfc(text).split("\n")
        run[-1].text = first
        for part in more:
            _el("w:br", run)
            _text(run).text = part
        return run

    def make(self, text: str, fmt: Fmt) -> BodyElement:
        text = nfc(text)
        if not text or "\n" in text:
            p = self.paragraph(fmt)
            if text:
                p.append(self.run(text, fmt.size, fmt.bold, fmt.italic))
            return p
        # One line (nearly every paragraph): one copy of the paragraph with its run in it.
        template = self._filled.get(fmt)
        if template is None:
            template = self.paragraph(fmt)
            template.append(self.run("", fmt.size, fmt.bold, fmt.italic))
            self._filled[fmt] = template
        p = copy.deepcopy(template)
        p[-1][-1].text = text
        return p


# -- tables -------------------------------------------------------------------------------------
def _table(
    widths: Sequence[int],
    *,
    borders: bool,
    indent: int = 0,
    cell_margin: int = nd30.TABLE_CELL_MARGIN,
    pad: int = 0,
    center: bool = False,
) -> BodyElement:
    """An empty fixed-layout ``w:tbl`` with its grid (schema order of ``w:tblPr``)."""
    tbl = _el("w:tbl")
    pr = _el("w:tblPr", tbl)
    _el("w:tblW", pr, w=sum(widths), type="dxa")
    if center:
        _el("w:jc", pr, val="center")
    _el("w:tblInd", pr, w=indent, type="dxa")
    edges = _el("w:tblBorders", pr)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders:
            _el(f"w:{edge}", edges, val="single", sz=nd30.BORDER_SIZE, space=0, color=nd30.COLOR)
        else:
            _el(f"w:{edge}", edges, val="nil")
    _el("w:tblLayout", pr, type="fixed")
    margins = _el("w:tblCellMar", pr)  # schema order: top, left, bottom, right
    if pad:
        _el("w:top", margins, w=pad, type="dxa")
    _el("w:left", margins, w=cell_margin, type="dxa")
    if pad:
        _el("w:bottom", margins, w=pad, type="dxa")
    _el("w:right", margins, w=cell_margin, type="dxa")
    _el("w:tblLook", pr, val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0,
        noHBand=1, noVBand=1)  # fmt: skip
    grid = _el("w:tblGrid", tbl)
    for width in widths:
        _el("w:gridCol", grid, w=width)
    return tbl


def _row(*, cant_split: bool = True, header: bool = False) -> BodyElement:
    tr = _el("w:tr")
    trpr = _el("w:trPr", tr)
    if cant_split:
        _el("w:cantSplit", trpr)
    if header:
        _el("w:tblHeader", trpr)
    return tr


def _cell(tr: BodyElement, width: int, *, span: int = 1, v_center: bool = False) -> BodyElement:
    tc = _el("w:tc", tr)
    tcpr = _el("w:tcPr", tc)
    _el("w:tcW", tcpr, w=width, type="dxa")
    if span > 1:
        _el("w:gridSpan", tcpr, val=span)
    if v_center:
        _el("w:vAlign", tcpr, val="center")
    return tc


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: int
    align: str = LEFT


class TaskTable:
    """A bordered appendix table: header row repeated on every page, rows never split.

    Rows are deep copies of one template row whose cells hold one formatted paragraph each,
    so adding a row costs the same whatever the table's length.
    """

    def __init__(self, builder: Nd30Document, columns: Sequence[Column]) -> None:
        self._t = builder.templates
        self.columns = tuple(columns)
        widths = [c.width for c in self.columns]
        self.element = _table(widths, borders=True, pad=nd30.TABLE_CELL_PAD, center=True)
        builder.body_append(self.element)
        size = nd30.SIZE_TABLE
        head = _row(header=True)
        for column in self.columns:
            tc = _cell(head, column.width, v_center=True)
            tc.append(self._t.make(column.title, Fmt(size=size, bold=True, align=CENTER)))
        self.element.append(head)
        self._template = _row()
        self._paragraphs: list[BodyElement] = []
        for column in self.columns:
            tc = _cell(self._template, column.width)
            p = self._t.make("", Fmt(size=size, align=column.align, before=20, after=20))
            self._paragraphs.append(p)
            tc.append(p)
        self._group = _row()
        tc = _cell(self._group, sum(widths), span=len(self.columns))
        tc.append(self._t.make("", Fmt(size=size, bold=True, align=LEFT, before=20, after=20)))
        self._size = size
        # Row shapes seen once, and a filled row of each shape seen twice (see add_row).
        self._seen: set[tuple[tuple[int, ...], ...]] = set()
        self._shapes: dict[tuple[tuple[int, ...], ...], BodyElement] = {}

    def add_group(self, text: str) -> None:
        """A row spanning the whole table (a group of tasks, e.g. a reform area)."""
        tr = copy.deepcopy(self._group)
        p = tr.find(qn("w:tc")).find(qn("w:p"))
        p.append(self._t.run(text, self._size, True, False))
        self.element.append(tr)

    def add_row(self, cells: Sequence[str | Sequence[str]]) -> None:
        """One row; a cell given as a list of lines gets one paragraph per line.

        Rows of the same shape (how many lines each cell has, and how many line breaks each
        line) differ only in their texts: from the second one of a shape on, the row is one
        copy of the first with its ``w:t`` texts replaced (a run per line made a thousand
        rows cost ten thousand copies). The first rows are built line by line."""
        table = [[value] if isinstance(value, str) else list(value) or [""] for value in cells]
        shape = tuple(tuple(line.count("\n") + 1 if line else 0 for line in c) for c in table)
        template = self._shapes.get(shape)
        if template is None:
            tr = self._build_row(table)
            if shape in self._seen:  # a shape that comes back: keep a copy to fill
                self._shapes[shape] = copy.deepcopy(tr)
            self._seen.add(shape)
        else:
            tr = copy.deepcopy(template)
            texts = [part for c in table for line in c if line for part in nfc(line).split("\n")]
            for t, text in zip(tr.iter(qn("w:t")), texts, strict=True):
                t.text = text
        self.element.append(tr)

    def _build_row(self, table: Sequence[Sequence[str]]) -> BodyElement:
        tr = copy.deepcopy(self._template)
        for tc, lines in zip(tr.iterfind(qn("w:tc")), table, strict=True):
            p = tc.find(qn("w:p"))
            for i, line in enumerate(lines):
                if i:
                    p = copy.deepcopy(p)
                    for r in p.findall(qn("w:r")):
                        p.remove(r)
                    tc.append(p)
                if line:
                    p.append(self._t.run(line, self._size, False, False))
        return tr


# -- the document -------------------------------------------------------------------------------
class Nd30Document:
    """A .docx being written in the Decree 30 format, top to bottom."""

    def __init__(self) -> None:
        self.doc: DocxDocument = Document()
        self.templates = _Templates()
        self._title = self._author = ""
        self._body = self.doc.element.body
        self._sect = self._body.find(qn("w:sectPr"))
        for p in self._body.findall(qn("w:p")):
            self._body.remove(p)
        _setup_styles(self.doc)
        _setup_page(self.doc, 0, landscape=False)

    # -- low level --------------------------------------------------------------------------
    def body_append(self, element: BodyElement) -> None:
        """Add ``element`` at the end of the current section (before the final sectPr)."""
        self._sect.addprevious(element)

    def paragraph(self, text: str, fmt: Fmt = BODY) -> BodyElement:
        p = self.templates.make(text, fmt)
        self.body_append(p)
        return p

    def rule(self, length: int, available: int, *, after: int = 0) -> BodyElement:
        """A centred horizontal line of ``length`` twips inside ``available`` twips."""
        side = max(0, (available - length) // 2)
        fmt = Fmt(size=2, align=CENTER, left=side, right=side, before=nd30.LINE_GAP, after=after,
                  top_border=True)  # fmt: skip
        return self.templates.make("", fmt)

    # -- ô 1-4: the header block ---------------------------------------------------------------
    def header_block(self, parent: str, issuer: str, number_line: str, date_line: str) -> None:
        """Borderless two-column table: agency names and "Số" left; Quốc hiệu, Tiêu ngữ and
        the place and date right; the short lines under the issuer and the Tiêu ngữ."""
        left, right = nd30.HEADER_LEFT, nd30.HEADER_RIGHT
        margin = nd30.HEADER_CELL_MARGIN
        tbl = _table([left, right], borders=False, indent=nd30.HEADER_INDENT, cell_margin=margin)
        make = self.templates.make
        top = _row(header=False)
        cell = _cell(top, left)
        usable = left - 2 * margin
        if parent:
            lines = nd30.name_lines(parent.upper(), nd30.SIZE_PARENT, usable, bold=False)
            cell.append(make("\n".join(lines), Fmt(size=nd30.SIZE_PARENT, align=CENTER)))
        lines = nd30.name_lines(issuer.upper(), nd30.SIZE_ISSUER, usable, bold=True)
        issuer_text = "\n".join(lines)
        cell.append(make(issuer_text, Fmt(size=nd30.SIZE_ISSUER, bold=True, align=CENTER)))
        line = nd30.short_line(issuer_text, nd30.SIZE_ISSUER, usable)
        cell.append(self.rule(line.length, usable))
        cell = _cell(top, right)
        cell.append(make(nd30.QUOC_HIEU, Fmt(size=nd30.SIZE_QUOC_HIEU, bold=True, align=CENTER)))
        cell.append(make(nd30.TIEU_NGU, Fmt(size=nd30.SIZE_TIEU_NGU, bold=True, align=CENTER)))
        usable = right - 2 * margin
        cell.append(self.rule(nd30.tieu_ngu_line().length, usable))
        tbl.append(top)
        bottom = _row(header=False)
        cell = _cell(bottom, left)
        cell.append(make(number_line, Fmt(size=nd30.SIZE_NUMBER, align=CENTER, before=80)))
        cell = _cell(bottom, right)
        cell.append(make(date_line, Fmt(size=nd30.SIZE_DATE, italic=True, align=CENTER, before=80)))
        tbl.append(bottom)
        self.body_append(tbl)

    # -- ô 5a: tên loại and trích yếu ----------------------------------------------------------
    def title_block(self, doc_type: str, subject: str) -> None:
        self.paragraph(
            doc_type.upper(),
            Fmt(size=nd30.SIZE_DOC_TYPE, bold=True, align=CENTER, before=nd30.SPACE_BEFORE_TITLE),
        )
        self.paragraph(subject, Fmt(size=nd30.SIZE_SUBJECT, bold=True, align=CENTER))
        line = nd30.short_line(subject, nd30.SIZE_SUBJECT, nd30.TEXT_WIDTH)
        self.body_append(
            self.rule(line.length, nd30.TEXT_WIDTH, after=nd30.SPACE_AFTER_SUBJECT_LINE)
        )

    # -- ô 9b: "Kính gửi" -----------------------------------------------------------------------
    def addressee_block(self, names: Sequence[str]) -> None:
        """ "Kính gửi: Ủy ban nhân dân tỉnh." on one centred line; several addressees one a
        line under "Kính gửi:", each "- …;" and the last "- ….". (Phụ lục I, ô 9b.)"""
        size = nd30.SIZE_BODY
        names = [n.strip().rstrip(".;") for n in names if n.strip()]
        if len(names) == 1:
            self.paragraph(f"{nd30.KINH_GUI} {names[0]}.", Fmt(size=size, align=CENTER, after=120))
            return
        indent = nd30.TEXT_WIDTH // 4
        self.paragraph(nd30.KINH_GUI, Fmt(size=size, align=LEFT, left=indent))
        for i, name in enumerate(names):
            end = "." if i == len(names) - 1 else ";"
            after = 120 if i == len(names) - 1 else 0
            self.paragraph(
                f"- {name}{end}", Fmt(size=size, align=LEFT, left=indent + 1134, after=after)
            )

    # -- ô 6: body ----------------------------------------------------------------------------
    def body(self, text: str, *, keep_with_next: bool = False) -> None:
        self.paragraph(text, BODY_KEEP if keep_with_next else BODY)

    def heading(self, depth: int, number: str, text: str) -> None:
        """ "I. MỤC ĐÍCH VÀ YÊU CẦU" (caps), "1. Mục đích", "a) Hình thức" (bold italic)."""
        shown = text.upper() if depth == 1 else text
        self.paragraph(f"{number} {shown}".rstrip(), HEADINGS[depth])

    def item(self, depth: int, number: str, text: str) -> None:
        """An untitled khoản or điểm: "7. Tăng cường ..." upright like the body (Phụ lục I
        Mục V), with the outline level of its rank so that it reads back as a numbered item."""
        self.paragraph(f"{number} {text}".rstrip(), replace(BODY, outline=depth - 1))

    # -- ô 7-9: "Nơi nhận" and the signature ------------------------------------------------
    def signature_block(self, recipient_lines: Sequence[str], signer: Signer) -> None:
        left, right = nd30.SIGNATURE_LEFT, nd30.SIGNATURE_RIGHT
        margin = nd30.HEADER_CELL_MARGIN
        tbl = _table([left, right], borders=False, indent=0, cell_margin=margin)
        row = _row(cant_split=True)
        make = self.templates.make
        cell = _cell(row, left)
        cell.append(
            make(nd30.NOI_NHAN, Fmt(size=nd30.SIZE_NOI_NHAN, bold=True, italic=True, align=LEFT))
        )
        for line in recipient_lines:
            hang = nd30.RECIPIENT_HANGING if line.startswith("- ") else 0
            fmt = Fmt(size=nd30.SIZE_RECIPIENT, align=LEFT, left=hang, hanging=hang)
            cell.append(make(line, fmt))
        cell = _cell(row, right)
        caps = Fmt(size=nd30.SIZE_SIGNATURE, bold=True, align=CENTER)
        for text in (signer.authority, signer.title):
            if text:
                cell.append(make(text.upper(), caps))
        name = Fmt(size=nd30.SIZE_SIGNATURE, bold=True, align=CENTER, before=nd30.SIGNATURE_ROOM)
        cell.append(make(signer.name, name))
        tbl.append(row)
        self.body_append(tbl)

    # -- appendix -----------------------------------------------------------------------------
    def appendix(self, title: str, reference: str, columns: Sequence[Column]) -> TaskTable:
        """A new landscape section numbered from 1: "Phụ lục", its title, the reference line
        "(Kèm theo ... )", a short rule and the table (returned to be filled)."""
        # The paragraph that carries the portrait section's properties ends that section.
        # It is 2 pt high so that it never pushes the signature block onto a new page.
        end = self.templates.make("", Fmt(size=2, align=LEFT))
        ppr = end.find(qn("w:pPr"))
        ppr.append(copy.deepcopy(self._sect))
        self.body_append(end)
        self.doc.sections[-1].start_type = WD_SECTION.NEW_PAGE
        _setup_page(self.doc, -1, landscape=True)
        width = nd30.TEXT_WIDTH_LANDSCAPE
        self.paragraph(
            nd30.APPENDIX_LABEL, Fmt(size=nd30.SIZE_APPENDIX_LABEL, bold=True, align=CENTER)
        )
        self.paragraph(title.upper(), Fmt(size=nd30.SIZE_APPENDIX_TITLE, bold=True, align=CENTER))
        self.paragraph(reference, Fmt(size=nd30.SIZE_APPENDIX_REF, italic=True, align=CENTER))
        self.body_append(self.rule(nd30.mm(30), width, after=200))
        return TaskTable(self, columns)

    # -- output -------------------------------------------------------------------------------
    def properties(self, title: str, author: str) -> None:
        """The document properties Word shows (File > Info): the trích yếu and the issuer."""
        self._title, self._author = nfc(title.strip()), nfc(author.strip())

    def _finish(self) -> None:
        for section in self.doc.sections:
            _page_numbers(self, section)
        _write_properties(self.doc, self._title, self._author)

    def save(self, path: Path) -> None:
        """Write the document through :func:`write_atomic` (temp file, then rename)."""
        self._finish()
        write_atomic(Path(path), lambda tmp: self.doc.save(str(tmp)))


# -- page set-up, styles, page numbers ---------------------------------------------------------
def _setup_page(doc: DocxDocument, index: int, *, landscape: bool) -> None:
    """Set up section ``index`` of ``doc`` (python-docx's ``Section`` gives no public way to
    its XML, which the page numbering needs: it is taken from the document's list)."""
    section = doc.sections[index]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = nd30.PAGE_WIDTH, nd30.PAGE_HEIGHT
    section.page_width = Twips(long if landscape else short)
    section.page_height = Twips(short if landscape else long)
    section.top_margin = Twips(nd30.MARGIN_TOP)
    section.bottom_margin = Twips(nd30.MARGIN_BOTTOM)
    section.left_margin = Twips(nd30.MARGIN_LEFT)
    section.right_margin = Twips(nd30.MARGIN_RIGHT)
    section.header_distance = Twips(nd30.HEADER_DISTANCE)
    section.footer_distance = Twips(nd30.FOOTER_DISTANCE)
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True  # no number on the first page
    sect = doc.element.sectPr_lst[index]
    numbering = sect.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        cols = sect.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(numbering)
        else:
            sect.append(numbering)
    numbering.set(qn("w:start"), "1")


def _page_numbers(builder: Nd30Document, section: Section) -> None:
    """A centred PAGE field in the default header; empty first-page header; empty footer."""
    section.header.is_linked_to_previous = False
    header = section.header.part.element
    for child in list(header):
        header.remove(child)
    p = builder.templates.paragraph(Fmt(size=nd30.SIZE_PAGE_NUMBER, align=CENTER))
    run = builder.templates.run
    begin = run("", nd30.SIZE_PAGE_NUMBER, False, False)
    _clear_text(begin)
    _el("w:fldChar", begin, fldCharType="begin")
    instr = run("", nd30.SIZE_PAGE_NUMBER, False, False)
    _clear_text(instr)
    code = _el("w:instrText", instr)
    code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    code.text = " PAGE "
    separate = run("", nd30.SIZE_PAGE_NUMBER, False, False)
    _clear_text(separate)
    _el("w:fldChar", separate, fldCharType="separate")
    shown = run("2", nd30.SIZE_PAGE_NUMBER, False, False)
    end = run("", nd30.SIZE_PAGE_NUMBER, False, False)
    _clear_text(end)
    _el("w:fldChar", end, fldCharType="end")
    for r in (begin, instr, separate, shown, end):
        p.append(r)
    header.append(p)
    for story in (section.first_page_header, section.footer, section.first_page_footer):
        story.is_linked_to_previous = False
        element = story.part.element
        for child in list(element):
            element.remove(child)
        element.append(builder.templates.paragraph(Fmt(size=nd30.SIZE_PAGE_NUMBER, align=CENTER)))


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><Application>{app}</Application>"
    "<DocSecurity>0</DocSecurity><AppVersion>{version}</AppVersion></Properties>"
)
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_APP_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)


def _write_properties(doc: DocxDocument, title: str, author: str) -> None:
    """core.xml from the document, app.xml naming this application, and no thumbnail.

    python-docx's template says creator "python-docx", 2013, "Microsoft Macintosh Word" and
    carries a blank preview picture; a clerk's File > Info must show the plan instead.
    """
    from datetime import UTC, datetime

    from cchc_desktop import __version__

    core = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    core.title = title
    core.subject = ""
    core.author = author
    core.last_modified_by = author
    core.keywords = ""
    core.comments = ""
    core.created = now
    core.modified = now
    core.revision = 1
    package = doc.part.package
    for part in package.iter_parts():  # the template's 2013 cp:lastPrinted goes
        if str(part.partname) == "/docProps/core.xml" and isinstance(part, XmlPart):
            for printed in part.element.findall(qn("cp:lastPrinted")):
                part.element.remove(printed)
    for rid, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            del package.rels[rid]
        elif rel.reltype == _APP_PROPS:
            major, minor = [*__version__.split("."), "0"][:2]
            blob = _APP_XML.format(
                app=f"CCHC Desktop {major}.{minor}",
                version=f"{int(major):02d}.{int(minor):04d}",  # AppVersion is XX.YYYY
            )
            # python-docx keeps app.xml as a plain Part whose bytes cannot be set: a new
            # part under the same name takes the relationship's place.
            old = rel.target_part
            del package.rels[rid]
            new = Part(old.partname, old.content_type, blob.encode("utf-8"), package)
            package.relate_to(new, _APP_PROPS)


def _clear_text(run: BodyElement) -> None:
    for t in run.findall(qn("w:t")):
        run.remove(t)


def _setup_styles(doc: DocxDocument) -> None:
    """Times New Roman (all four font slots), black, Vietnamese, in the defaults and every
    style: theme fonts are removed because Word prefers them over named fonts."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.getparent().replace(rpr, run_properties(nd30.SIZE_BODY))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _el("w:lang", rpr, val=nd30.LANG, eastAsia=nd30.LANG, bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    _el("w:spacing", ppr, before=0, after=0, line=240, lineRule="auto")
    slots = [qn(f"w:{slot}") for slot in ("ascii", "hAnsi", "cs", "eastAsia")]
    for fonts in styles.iter(qn("w:rFonts")):
        fonts.attrib.clear()
        for slot in slots:
            fonts.set(slot, nd30.FONT)
    val = qn("w:val")
    for color in styles.iter(qn("w:color")):
        color.attrib.clear()
        color.set(val, nd30.COLOR)
    normal = doc.styles["Normal"].element
    old = normal.find(qn("w:rPr"))
    if old is not None:
        normal.remove(old)
    normal.append(run_properties(nd30.SIZE_BODY))
    # The theme's fonts are never referenced now; Word's own "Times New Roman" is used.
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), nd30.LANG)


def recipients_lines(names: Iterable[str], archive: str) -> list[str]:
    """``["- UBND tỉnh;", ..., "- Lưu: VT, VP."]`` from recipient texts and the archive."""
    lines = [f"- {name};" for name in names]
    archive = archive.strip().rstrip(".;")
    lines.append(f"- Lưu: {archive}." if archive else "- Lưu: VT.")
    return lines


__all__ = [
    "BODY",
    "CENTER",
    "LEFT",
    "Column",
    "Fmt",
    "Nd30Document",
    "TaskTable",
    "recipients_lines",
    "run_properties",
]
