"""The body of a plan from its paragraphs: preamble, the section tree, closing (pure).

Headings are numbered "I.", "1.", "a)" typed as text (with spaces or tabs after the number,
"1/" and "a." too) or by Word's automatic numbering; a Heading 1-3 style without a number
counts as well. Which numbered paragraphs are headings and which are numbered sentences of
a section's body ("1. Văn phòng Sở có trách nhiệm ...")?

* "I." is always a heading;
* in a document that sets its headings in bold, a numbered paragraph is a heading when it is
  bold, or short and unpunctuated like a heading; a bold start ("3. Đối tượng:") followed by
  plain text makes a heading and a body paragraph;
* in a document without formatting, numbered paragraphs under the same parent are all
  headings or all sentences: headings if one of them reads like a heading. A heading that
  runs into its text ("3. Đối tượng: Toàn bộ ...") is split at its colon.

A numbered paragraph read as a heading whose text is a sentence, not a title (not bold, and
long or ending in "."), is an untitled khoản or điểm (``SectionKind.ITEM``): it stays a
numbered item of the outline but prints upright (Phụ lục I Mục V). A body paragraph such
as "(Chi tiết tại Phụ lục kèm theo Kế hoạch này)" is the body's pointer to its appendix
(:func:`take_reference`).

Numbers are never kept for headings (they come from the position); a number that does not
follow on from the one before is reported. Dash ("-", "–", "•", "*") and plus ("+", "- +")
paragraphs become dash and plus paragraphs. A paragraph starting in lower case after one
that does not end a sentence continues it (a line break of a converted PDF). The closing
starts at "Trên đây ..." / "Trong quá trình ..." after the last heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from cchc_desktop.domain.appendix import reference_index
from cchc_desktop.domain.model import Paragraph, ParagraphStyle, Section, SectionKind
from cchc_desktop.domain.numbering import from_roman, letter_index, section_number
from cchc_desktop.domain.search import search_key
from cchc_desktop.domain.section_kind import sentence_like
from cchc_desktop.imports.blocks import ListKind, Para


class Rank(IntEnum):
    ROMAN = 0
    ARABIC = 1
    LETTER = 2


_ROMAN = re.compile(r"^([IVX]{1,7})\s*[.)/:\-–](?!\d)\s*(.*)$", re.S)
_ARABIC = re.compile(r"^(\d{1,2})\s*[.)/](?![\d/])\s*(.*)$", re.S)
_LETTER = re.compile(r"^([a-zđ])\s*(?:\)|/|\.(?=\s))\s*(.*)$", re.S)
_MARK = re.compile(r"^([-–—•·●○▪►❖➢✓*+])\s*(.*)$", re.S)
_PLUS_AFTER_DASH = re.compile(r"^\+\s*(.*)$", re.S)
_SUB = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(?!\d)\s*(.*)$", re.S)
_LIST_KINDS = {ListKind.ROMAN: Rank.ROMAN, ListKind.ARABIC: Rank.ARABIC,
               ListKind.LETTER: Rank.LETTER, ListKind.SUB: Rank.LETTER}  # fmt: skip
_CLOSING = ("tren day", "trong qua trinh")
_ORNAMENT = re.compile(r"^[\s_=~*.\-–—/]*$")  # "______", "./.", "* * *"
_LABEL = re.compile(r"^([^:]{2,80}:)\s+(\S.*)$", re.S)


@dataclass(slots=True)
class _Item:
    para: Para
    text: str  # without number or mark
    rank: Rank | None = None  # a numbered paragraph (heading candidate)
    number: int | None = None  # the number typed, when typed
    label: str = ""  # the number as printed: "II.", "3.", "b)"
    style: ParagraphStyle = ParagraphStyle.PLAIN
    heading: bool = False
    emphasised: bool = False
    untitled: bool = False  # a heading that is a sentence: an untitled khoản or điểm

    @property
    def full(self) -> str:
        """The paragraph as written, for a numbered paragraph kept as a sentence."""
        return f"{self.label} {self.text}".strip() if self.label else self.text


def classify(para: Para) -> _Item:
    """What one paragraph is: numbered (heading candidate), dash, plus or plain."""
    text = para.text.strip()
    if para.mark is not None:
        rank = _LIST_KINDS.get(para.mark.kind)
        if rank is not None:
            return _Item(para, text, rank, None, para.mark.label, emphasised=_emphasised(para))
        if para.mark.kind is ListKind.BULLET:
            item = _marked(para, f"{para.mark.label} {text}")
            if item is not None:
                if para.mark.level >= 1:
                    item.style = ParagraphStyle.PLUS
                return item
            return _Item(para, text, style=ParagraphStyle.DASH)
        return _Item(para, f"{para.mark.label} {text}".strip())
    m = _ROMAN.match(text)
    if m and from_roman(m[1]) is not None and (m[2].strip() or para.bold):
        return _numbered(para, Rank.ROMAN, from_roman(m[1]), text[: m.start(2)], m[2])
    m = _ARABIC.match(text)
    if m and (m[2].strip() or para.bold):
        return _numbered(para, Rank.ARABIC, int(m[1]), text[: m.start(2)], m[2])
    m = _SUB.match(text)  # "1.2. Nội dung": one level under "1.", printed as "b)"
    if m and (m[3].strip() or para.bold):
        return _numbered(para, Rank.LETTER, None, text[: m.start(3)], m[3])
    m = _LETTER.match(text)
    if m and letter_index(m[1]) is not None and (m[2].strip() or para.bold):
        return _numbered(para, Rank.LETTER, letter_index(m[1]), text[: m.start(2)], m[2])
    if para.outline is not None and para.outline <= 2 and len(text) <= 200:
        return _Item(para, text, Rank(para.outline), emphasised=True)
    return _marked(para, text) or _Item(para, text)


def _numbered(para: Para, rank: Rank, number: int | None, label: str, rest: str) -> _Item:
    return _Item(para, rest.strip(), rank, number, " ".join(label.split()),
                 emphasised=_emphasised(para))  # fmt: skip


def _emphasised(para: Para) -> bool:
    return para.bold or (para.outline is not None and para.outline <= 2) or _bold_start(para)


def _bold_start(para: Para) -> bool:
    """A bold number and words before plain text: "**3. Đối tượng:** Toàn bộ ..."."""
    prefix = para.bold_prefix.strip()
    return len(prefix) >= 3 and any(ch.isalpha() for ch in prefix) and not para.bold


def _marked(para: Para, text: str) -> _Item | None:
    m = _MARK.match(text)
    if m is None:
        return None
    rest = m[2]
    if m[1] == "+":
        return _Item(para, rest.strip(), style=ParagraphStyle.PLUS)
    plus = _PLUS_AFTER_DASH.match(rest)
    if plus:  # " - + Chỉ số ...": a plus line typed after a dash
        return _Item(para, plus[1].strip(), style=ParagraphStyle.PLUS)
    if m[1] in "-–—" and rest[:1].isdigit():  # "-5 %" is a number, not a dash line
        return None
    return _Item(para, rest.strip(), style=ParagraphStyle.DASH)


@dataclass(slots=True)
class BodyRead:
    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_body(paras: Sequence[Para]) -> BodyRead:
    """Preamble, sections and closing from the body's paragraphs, in order."""
    out = BodyRead()
    items = [classify(p) for p in paras if not p.empty and not _ORNAMENT.match(p.text)]
    formatted = _decide_headings(items)
    items = _split_run_in_headings(items)
    _mark_untitled(items)
    if not formatted:  # a document typed without formatting, often a converted PDF
        items = _join_broken_lines(items, out.warnings)
    closing_at = _closing_start(items)
    _build_tree(items[:closing_at], out)
    out.closing = [_paragraph(i) for i in items[closing_at:]]
    return out


def _sibling_groups(candidates: Sequence[_Item]) -> list[list[_Item]]:
    """Numbered paragraphs of the same rank under the same parent, in order."""
    groups: dict[tuple[int, Rank], list[_Item]] = {}
    latest: dict[Rank, int] = {}
    for index, item in enumerate(candidates):
        assert item.rank is not None
        parent = max((latest[r] for r in latest if r < item.rank), default=-1)
        groups.setdefault((parent, item.rank), []).append(item)
        latest[item.rank] = index
        for deeper in [r for r in latest if r > item.rank]:
            del latest[deeper]
    return list(groups.values())


def _decide_headings(items: list[_Item]) -> bool:
    """Mark the headings; True when the document sets its headings apart (bold)."""
    candidates = [i for i in items if i.rank is not None]
    formatted = any(i.emphasised for i in candidates if i.rank is not Rank.ROMAN) or any(
        i.para.bold for i in candidates
    )
    bold_ranks = {i.rank for i in candidates if i.emphasised}
    # Headings that carry an outline level (Word's Heading styles, our own export) say
    # exactly which numbered paragraphs are headings at their level.
    outlined = {i.rank for i in candidates if i.para.outline is not None}
    for members in _sibling_groups(candidates):
        if members[0].rank in outlined:
            for m in members:
                m.heading = m.para.outline is not None
        elif formatted and members[0].rank in bold_ranks:
            # Bold makes a heading; a short plain one too when a sibling is bold (a heading
            # someone forgot to set in bold), never a numbered sentence.
            any_bold = any(m.emphasised for m in members)
            for m in members:
                m.heading = (
                    m.rank is Rank.ROMAN or m.emphasised or (any_bold and not sentence_like(m.text))
                )
        else:  # no formatting to go by (at this level): siblings decide together
            heading = any(m.rank is Rank.ROMAN or not sentence_like(m.text) for m in members)
            for m in members:
                m.heading = heading
    return formatted


def _split_run_in_headings(items: list[_Item]) -> list[_Item]:
    """Split a heading that runs into its text: "3. Đối tượng: Toàn bộ ..." → "Đối tượng:"."""
    out: list[_Item] = []
    for item in items:
        out.append(item)
        if not item.heading or item.rank is None:
            continue
        head, rest = "", ""
        if _bold_start(item.para):  # the bold words are the heading
            bold = " ".join(item.para.bold_prefix.split())
            head = bold[len(item.label) :].strip() if bold.startswith(item.label) else bold
            if head and item.text.startswith(head):
                rest = item.text[len(head) :].strip()
        elif not item.emphasised and sentence_like(item.text):
            m = _LABEL.match(item.text)
            if m and len(m[1].split()) <= 8:
                head, rest = m[1], m[2].strip()
        if head and rest:
            item.text = head
            out.append(_Item(item.para, rest))
    return out


def _mark_untitled(items: list[_Item]) -> None:
    """Headings below "I." that are sentences, not titles, are untitled khoản/điểm."""
    for item in items:
        item.untitled = (
            item.heading
            and item.rank is not None
            and item.rank is not Rank.ROMAN
            and not item.para.bold
            and not _bold_start(item.para)
            and sentence_like(item.text)
        )


_APPENDIX_REFERENCE = re.compile(r"^\(.{0,120}\bphu luc\b.{0,120}\)\.?$")


def take_reference(body: BodyRead) -> str:
    """Remove the body's pointer to its appendix where our export puts it (the first
    paragraph of the section where the tasks begin, or the end of a preamble without
    sections) and return its text, "" when there is none. A pointer the office wrote
    elsewhere stays where it is, as the office's own text."""
    at = reference_index(body.sections)
    paragraphs = body.preamble if at is None else body.sections[at].body
    index = -1 if at is None else 0
    if paragraphs:
        paragraph = paragraphs[index]
        text = paragraph.text.strip()
        if paragraph.style is ParagraphStyle.PLAIN and _APPENDIX_REFERENCE.match(search_key(text)):
            del paragraphs[index]
            return text
    return ""


def _join_broken_lines(items: list[_Item], warnings: list[str]) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        first = item.text[:1]
        if (
            prev is not None
            and not prev.heading
            and not item.heading
            and item.rank is None
            and item.style is ParagraphStyle.PLAIN
            and item.para.mark is None
            and first.isalpha()
            and first.islower()
            and not prev.text.rstrip().endswith((".", "!", "?", ":"))
        ):
            prev.text = f"{prev.text.rstrip()} {item.text}"
            warnings.append(
                f"{item.para.where}: đoạn bắt đầu bằng chữ thường được nối vào đoạn trước "
                f"({prev.para.where}) vì có vẻ là dòng bị ngắt."
            )
            continue
        out.append(item)
    return out


def _closing_start(items: list[_Item]) -> int:
    """The closing starts after the last heading, at "Trên đây ..." or else at "Trong quá
    trình ..." (which may also be the last words of a section when "Trên đây" follows)."""
    last_heading = max((i for i, item in enumerate(items) if item.heading), default=-1)
    found: dict[str, int] = {}
    for index in range(last_heading + 1, len(items)):
        item = items[index]
        if item.style is ParagraphStyle.PLAIN and item.rank is None:
            key = search_key(item.text[:40])
            for phrase in _CLOSING:
                if key.startswith(phrase):
                    found.setdefault(phrase, index)
    return next((found[p] for p in _CLOSING if p in found), len(items))


def _paragraph(item: _Item) -> Paragraph:
    if item.rank is not None and not item.heading:
        return Paragraph(item.full)
    return Paragraph(item.text, item.style)


def _build_tree(items: Sequence[_Item], out: BodyRead) -> None:
    stack: list[tuple[Rank, Section, str]] = []  # open sections with their printed number
    for item in items:
        if not item.heading or item.rank is None:
            target = stack[-1][1].body if stack else out.preamble
            target.append(_paragraph(item))
            continue
        while stack and stack[-1][0] >= item.rank:
            stack.pop()
        section = Section(
            item.text, kind=SectionKind.ITEM if item.untitled else SectionKind.HEADING
        )
        siblings = stack[-1][1].children if stack else out.sections
        siblings.append(section)
        printed = section_number(len(stack) + 1, len(siblings))
        shown = item.label or item.text[:40]
        if len(stack) != item.rank:
            parent = f"mục “{stack[-1][2]}”" if stack else "đầu phần nội dung"
            out.warnings.append(
                f"{item.para.where}: mục “{shown}” nằm ngay dưới {parent}; "
                f"được đánh số lại là “{printed}”."
            )
        elif item.label and _SUB.match(f"{item.label} x"):
            out.warnings.append(
                f"{item.para.where}: mục “{shown}” được đánh số lại là “{printed}” "
                "(mục cấp 3 đánh theo chữ cái)."
            )
        elif item.number is not None and item.number != len(siblings):
            out.warnings.append(
                f"{item.para.where}: số mục “{shown}” không liền mạch với mục trước; "
                f"được đánh số lại là “{printed}”."
            )
        stack.append((item.rank, section, printed))
