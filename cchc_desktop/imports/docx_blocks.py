"""A .docx body as :mod:`blocks`: paragraphs and tables in reading order, nothing lost.

python-docx gives the package and its parts; the body is read here from the XML itself
because ``Paragraph.text`` skips text inside tracked insertions, content controls and
fields, and knows nothing of what automatic numbering prints. What is read:

* text of runs wherever they sit (insertions, hyperlinks, fields, content controls), tabs,
  line breaks; deleted text and field codes are skipped; text boxes follow their paragraph;
* bold and italic as Word shows them (run, character style, paragraph style, defaults);
* centring and outline level (Heading 1-3), from the paragraph or its style;
* automatic numbering (``w:numPr`` on the paragraph or its style): the printed label
  ("II.", "3.", "b)") is computed with Word's counters, so nothing depends on its cache;
* tables as a grid in which merged cells (``gridSpan``, ``vMerge``) are one shared object.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cchc_desktop.domain.numbering import letter, roman
from cchc_desktop.domain.text import nfc, strip_controls
from cchc_desktop.imports.blocks import Block, Cell, ListKind, ListMark, Para, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFF = ("0", "false", "off", "none")
# Containers whose runs are part of the paragraph's text.
_TRANSPARENT = {
    f"{W}ins", f"{W}moveTo", f"{W}hyperlink", f"{W}smartTag", f"{W}customXml", f"{W}sdt",
    f"{W}sdtContent", f"{W}fldSimple", f"{W}dir", f"{W}bdo",
}  # fmt: skip
# Symbol-font bullets (private-use code points) as the characters they show.
_SYMBOLS = {0xF0B7: "•", 0xF0A7: "•", 0xF02D: "-", 0xF0D8: "•", 0xF076: "•", 0xF0FC: "•"}

Element = Any  # an lxml element (python-docx's oxml classes); untyped upstream


def _val(el: Element | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(f"{W}{attr}")
    return None if value is None else str(value)


def _flag(rpr: Element | None, tag: str) -> bool | None:
    """A toggle property (``w:b``, ``w:i``) of ``rpr``: True, False, or None when unset."""
    if rpr is None:
        return None
    el = rpr.find(f"{W}{tag}")
    if el is None:
        return None
    return (_val(el) or "true").lower() not in _OFF


@dataclass(slots=True)
class _Style:
    based_on: str | None
    bold: bool | None
    italic: bool | None
    jc: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None


class _Styles:
    """Style properties with inheritance (``w:basedOn``) resolved on demand."""

    def __init__(self, root: Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold = False
        self.default_italic = False
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_bold = bool(_flag(defaults, "b"))
        self.default_italic = bool(_flag(defaults, "i"))
        for style in root.iterfind(f"{W}style"):
            sid = style.get(f"{W}styleId")
            if sid is None:
                continue
            ppr = style.find(f"{W}pPr")
            rpr = style.find(f"{W}rPr")
            num = ppr.find(f"{W}numPr") if ppr is not None else None
            outline = _val(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
            ilvl = _val(num.find(f"{W}ilvl")) if num is not None else None
            self._styles[sid] = _Style(
                based_on=_val(style.find(f"{W}basedOn")),
                bold=_flag(rpr, "b"),
                italic=_flag(rpr, "i"),
                jc=_val(ppr.find(f"{W}jc")) if ppr is not None else None,
                outline=int(outline) if outline and outline.isdigit() else None,
                num_id=_val(num.find(f"{W}numId")) if num is not None else None,
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
            )
            if style.get(f"{W}type") == "paragraph" and (style.get(f"{W}default") or "") in (
                "1",
                "true",
            ):
                self.default_paragraph = sid

    def lookup(self, sid: str | None, attr: str) -> Any:
        """The first value of ``attr`` along the ``basedOn`` chain of style ``sid``."""
        seen: set[str] = set()
        while sid is not None and sid not in seen:
            seen.add(sid)
            style = self._styles.get(sid)
            if style is None:
                return None
            value = getattr(style, attr)
            if value is not None:
                return value
            sid = style.based_on
        return None


@dataclass(slots=True)
class _Level:
    fmt: str
    text: str
    start: int


class _Numbering:
    """Word's list counters, advanced paragraph by paragraph in document order."""

    def __init__(self, root: Element | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        for abstract in root.iterfind(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            if aid is not None:
                self._abstract[aid] = self._levels(abstract)
        for num in root.iterfind(f"{W}num"):
            nid = num.get(f"{W}numId")
            aid = _val(num.find(f"{W}abstractNumId"))
            if nid is None or aid is None:
                continue
            levels: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterfind(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl") or 0)
                start = _val(override.find(f"{W}startOverride"))
                if start is not None and start.isdigit():
                    starts[ilvl] = int(start)
                levels.update(self._levels(override))
            self._nums[nid] = (aid, levels, starts)

    @staticmethod
    def _levels(parent: Element) -> dict[int, _Level]:
        levels: dict[int, _Level] = {}
        for lvl in parent.iterfind(f"{W}lvl"):
            start = _val(lvl.find(f"{W}start")) or "1"
            levels[int(lvl.get(f"{W}ilvl") or 0)] = _Level(
                fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
                text=strip_controls(_val(lvl.find(f"{W}lvlText")) or "")[0],
                start=int(start) if start.lstrip("-").isdigit() else 1,
            )
        return levels

    def _level(self, nid: str, ilvl: int) -> _Level | None:
        entry = self._nums.get(nid)
        if entry is None:
            return None
        aid, overrides, _ = entry
        return overrides.get(ilvl) or self._abstract.get(aid, {}).get(ilvl)

    def mark(self, nid: str, ilvl: int) -> ListMark | None:
        """Count one paragraph of list ``nid`` at level ``ilvl`` and return its label."""
        level = self._level(nid, ilvl)
        if level is None or level.fmt == "none":
            return None
        aid, _, starts = self._nums[nid]
        counters = self._counters.setdefault(aid, [None] * 9)
        if nid not in self._started:  # a list instance with its own start value restarts
            self._started.add(nid)
            for lvl, start in starts.items():
                if 0 <= lvl < 9:
                    counters[lvl] = start - 1
        ilvl = max(0, min(ilvl, 8))
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        label = level.text
        for lvl in range(9):
            placeholder = f"%{lvl + 1}"
            if placeholder in label:
                shown = self._level(nid, lvl)
                value = counters[lvl]
                if value is None:
                    value = shown.start if shown is not None else 1
                label = label.replace(
                    placeholder, _format(shown.fmt if shown else "decimal", value)
                )
        label = "".join(_SYMBOLS.get(ord(ch), ch) for ch in label).strip()
        return ListMark(_kind(level), label or "-", ilvl)


def _format(fmt: str, value: int) -> str:
    if value < 1:
        return str(value)
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt == "lowerLetter":
        return letter(value)
    if fmt == "upperLetter":
        return letter(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _kind(level: _Level) -> ListKind:
    if level.fmt == "bullet":
        return ListKind.BULLET
    if level.text.count("%") == 2 and level.fmt in ("decimal", "decimalZero"):
        return ListKind.SUB  # "%1.%2."
    if level.text.count("%") != 1:
        return ListKind.OTHER
    return {
        "upperRoman": ListKind.ROMAN,
        "decimal": ListKind.ARABIC,
        "decimalZero": ListKind.ARABIC,
        "lowerLetter": ListKind.LETTER,
    }.get(level.fmt, ListKind.OTHER)


class BlockReader:
    """Turns the body of one python-docx ``Document`` into blocks."""

    def __init__(self, document: Any) -> None:
        self._body = document.element.body
        styles_part = document.styles.element if document.styles is not None else None
        self._styles = _Styles(styles_part)
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            numbering = None
        self._numbering = _Numbering(numbering)
        self._paragraphs = 0
        self._tables = 0
        self.warnings: list[str] = []
        self._controls = 0  # control characters dropped from the runs read so far

    def read(self) -> list[Block]:
        return list(self._container(self._body))

    # -- containers ----------------------------------------------------------------------------
    def _container(self, parent: Element) -> Iterator[Block]:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self._paragraphs += 1
                where = f"Đoạn {self._paragraphs}"
                yield from self._paragraph(child, where)
            elif tag == f"{W}tbl":
                self._tables += 1
                yield self._table(child, f"Bảng {self._tables}")
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                yield from self._container(child)
            elif tag == f"{W}altChunk":
                self.warnings.append(
                    f"Sau đoạn {self._paragraphs}: có nội dung nhúng từ tệp khác (altChunk) "
                    "không đọc được; hãy mở bằng Word, lưu lại rồi nhập lại."
                )

    # -- paragraphs ----------------------------------------------------------------------------
    def _paragraph(self, p: Element, where: str) -> Iterator[Para]:
        ppr = p.find(f"{W}pPr")
        sid = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        sid = sid or self._styles.default_paragraph
        segments: list[tuple[str, bool, bool]] = []
        boxes: list[Element] = []
        before = self._controls
        self._runs(p, sid, segments, boxes)
        if self._controls > before:
            # Legal in XML but not in a plan (C1 controls, DEL; the one rule of domain.text):
            # dropped, and the clerk told where, rather than refusing the whole document.
            self.warnings.append(
                f"{where}: đã bỏ {self._controls - before} ký tự điều khiển không in được."
            )
        text = nfc("".join(s for s, _, _ in segments))
        visible = [(s, b, i) for s, b, i in segments if s.strip()]
        bold = bool(visible) and all(b for _, b, _ in visible)
        italic = bool(visible) and all(i for _, _, i in visible)
        prefix = []
        for s, b, _ in segments:
            if s.strip() and not b:
                break
            prefix.append(s)
        line_flags: list[bool] = [True]
        line_seen: list[bool] = [False]
        for segment, is_bold, _ in segments:
            for n, part in enumerate(segment.split("\n")):
                if n:
                    line_flags.append(True)
                    line_seen.append(False)
                if part.strip():
                    line_seen[-1] = True
                    line_flags[-1] = line_flags[-1] and is_bold
        jc = _val(ppr.find(f"{W}jc")) if ppr is not None else None
        jc = jc or self._styles.lookup(sid, "jc")
        outline_val = _val(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
        outline = int(outline_val) if outline_val and outline_val.isdigit() else None
        if outline is None:
            outline = self._styles.lookup(sid, "outline")
        yield Para(
            where=where,
            text=text,
            bold=bold,
            italic=italic,
            bold_prefix=nfc("".join(prefix)) if not bold else text,
            bold_lines=tuple(f and seen for f, seen in zip(line_flags, line_seen, strict=True)),
            centered=jc == "center",
            outline=outline if outline is not None and outline < 9 else None,
            mark=self._mark(ppr, sid) if text.strip() else None,
        )
        for n, box in enumerate(boxes, start=1):
            for inner in box.iterfind(f"{W}p"):
                yield from self._paragraph(inner, f"{where} (hộp văn bản {n})")

    def _mark(self, ppr: Element | None, sid: str | None) -> ListMark | None:
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        nid = _val(num.find(f"{W}numId")) if num is not None else None
        ilvl_text = _val(num.find(f"{W}ilvl")) if num is not None else None
        if nid is None:
            nid = self._styles.lookup(sid, "num_id")
        if ilvl_text is None:
            style_ilvl = self._styles.lookup(sid, "ilvl")
            ilvl = int(style_ilvl) if style_ilvl is not None else 0
        else:
            ilvl = int(ilvl_text) if ilvl_text.isdigit() else 0
        if nid is None or nid == "0":
            return None
        return self._numbering.mark(nid, ilvl)

    def _runs(
        self,
        parent: Element,
        sid: str | None,
        out: list[tuple[str, bool, bool]],
        boxes: list[Element],
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, sid, out, boxes)
            elif tag in _TRANSPARENT:
                self._runs(child, sid, out, boxes)
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                self._runs(choice if choice is not None else child, sid, out, boxes)
            elif tag == f"{MC}Fallback":
                continue

    def _run(
        self,
        r: Element,
        sid: str | None,
        out: list[tuple[str, bool, bool]],
        boxes: list[Element],
    ) -> None:
        rpr = r.find(f"{W}rPr")
        rstyle = _val(rpr.find(f"{W}rStyle")) if rpr is not None else None
        bold = self._effective(rpr, rstyle, sid, "b", "bold", self._styles.default_bold)
        italic = self._effective(rpr, rstyle, sid, "i", "italic", self._styles.default_italic)
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag == f"{W}br":
                if (child.get(f"{W}type") or "textWrapping") == "textWrapping":
                    parts.append("\n")
            elif tag == f"{W}cr":
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}sym":
                code = int(child.get(f"{W}char") or "0", 16)
                parts.append(_SYMBOLS.get(code, chr(code) if 32 <= code < 0xE000 else "•"))
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"):
                # Text boxes are read as paragraphs of their own, after this one; the
                # fallback copy of an alternate content is the same box again.
                boxes.extend(_text_boxes(child))
        text, dropped = strip_controls("".join(parts))
        self._controls += dropped
        out.append((text, bold, italic))

    def _effective(
        self,
        rpr: Element | None,
        rstyle: str | None,
        sid: str | None,
        tag: str,
        attr: str,
        default: bool,
    ) -> bool:
        direct = _flag(rpr, tag)
        if direct is not None:
            return direct
        for style in (rstyle, sid):
            value = self._styles.lookup(style, attr)
            if value is not None:
                return bool(value)
        return default

    # -- tables ----------------------------------------------------------------------------------
    def _table(self, tbl: Element, where: str) -> Table:
        rows: list[list[Cell | None]] = []
        for r, tr in enumerate(_rows(tbl), start=1):
            row: list[Cell | None] = []
            trpr = tr.find(f"{W}trPr")
            before = _val(trpr.find(f"{W}gridBefore")) if trpr is not None else None
            row.extend([None] * (int(before) if before and before.isdigit() else 0))
            for tc in _cells(tr):
                tcpr = tc.find(f"{W}tcPr")
                span_val = _val(tcpr.find(f"{W}gridSpan")) if tcpr is not None else None
                span = max(1, int(span_val)) if span_val and span_val.isdigit() else 1
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                hmerge = tcpr.find(f"{W}hMerge") if tcpr is not None else None
                col = len(row)
                paras = list(self._cell_paragraphs(tc, f"{where}, dòng {r}"))
                cell: Cell | None = None
                if vmerge is not None and (_val(vmerge) or "continue") == "continue" and rows:
                    above = rows[-1][col] if col < len(rows[-1]) else None
                    cell = above
                elif hmerge is not None and (_val(hmerge) or "continue") == "continue" and row:
                    cell = row[-1]
                if cell is None:
                    cell = Cell(paras)
                elif any(not p.empty for p in paras):  # a merged cell that still holds text
                    cell.paras.extend(paras)
                row.extend([cell] * span)
            rows.append(row)
        width = max((len(r) for r in rows), default=0)
        for row in rows:
            row.extend([None] * (width - len(row)))
        return Table(where, rows)

    def _cell_paragraphs(self, tc: Element, where: str) -> Iterator[Para]:
        for child in tc:
            if child.tag == f"{W}p":
                yield from self._paragraph(child, where)
            elif child.tag == f"{W}tbl":  # a table inside a cell: its text, cell by cell
                for row in _rows(child):
                    for inner in _cells(row):
                        yield from self._cell_paragraphs(inner, where)
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                yield from self._cell_paragraphs(child, where)


def _text_boxes(root: Element) -> list[Element]:
    """The outermost text boxes under ``root``, skipping fallback copies."""
    found: list[Element] = []
    for box in root.iter(f"{W}txbxContent"):
        between = []
        for ancestor in box.iterancestors():
            if ancestor is root:
                break
            between.append(ancestor.tag)
        if f"{MC}Fallback" not in between and f"{W}txbxContent" not in between:
            found.append(box)
    return found


def _rows(tbl: Element) -> Iterator[Element]:
    for child in tbl:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _rows(child)


def _cells(tr: Element) -> Iterator[Element]:
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _cells(child)


def read_blocks(document: Any) -> tuple[list[Block], list[str]]:
    """The blocks of a python-docx ``Document`` and warnings about what could not be read."""
    reader = BlockReader(document)
    blocks = reader.read()
    return blocks, reader.warnings
