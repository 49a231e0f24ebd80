"""What a Word document says, as plain data: paragraphs and tables in reading order.

:mod:`cchc_desktop.imports.docx_blocks` reads a .docx into these; the rules that recognise
a plan in them (:mod:`plan_header`, :mod:`plan_body`, :mod:`task_table`) never see
python-docx, so tests can feed them blocks built by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class ListKind(StrEnum):
    """What Word's automatic numbering prints before a paragraph (``w:numPr``)."""

    ROMAN = "roman"  # I., II.
    ARABIC = "arabic"  # 1., 2.
    LETTER = "letter"  # a), b)
    SUB = "sub"  # 1.1., 2.3.: a level under "1."
    BULLET = "bullet"  # -, •, +
    OTHER = "other"  # 1.1., A., i. ...: kept as text


@dataclass(frozen=True, slots=True)
class ListMark:
    kind: ListKind
    label: str  # what Word shows: "II.", "3.", "b)", "-"
    level: int = 0  # w:ilvl


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: its text (tabs as "\\t", line breaks as "\\n") and what matters of
    its look."""

    where: str  # "Đoạn 12", "Bảng 1, dòng 2": how a warning names it
    text: str
    bold: bool = False  # every visible character is bold
    italic: bool = False
    bold_prefix: str = ""  # the text of the leading bold runs ("Đối tượng:" of "Đối tượng: ...")
    bold_lines: tuple[bool, ...] = ()  # per line ("\n"): every visible character bold
    centered: bool = False
    outline: int | None = None  # outline level 0-8 (Heading 1 = 0), when the style sets one
    mark: ListMark | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass(eq=False)
class Cell:
    """A table cell; a merged cell is one object at every grid position it covers.

    Its text is computed once, when first read: read it after the table is built.
    """

    paras: list[Para] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras).strip()


@dataclass(slots=True)
class Table:
    where: str  # "Bảng 2"
    rows: list[list[Cell | None]]  # a rectangular grid; None where a row has no cell

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Para | Table
