"""Word documents written the way other people write them, for the .docx import tests.

Everything here uses python-docx only (no exporter of ours): plain paragraphs from text
lines, tables from tab-separated lines, markdown-style ``**bold**`` and ``*italic*`` runs,
and Word's automatic numbering (a numbering definition and ``w:numPr``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

_RUNS = re.compile(r"(\*\*\*.+?\*\*\*|\*\*.+?\*\*|\*[^*\s][^*]*?\*)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


def add_runs(paragraph: Paragraph, text: str, *, bold: bool = False) -> Paragraph:
    """``text`` as runs: ``**x**`` bold, ``*x*`` italic, ``***x***`` both, ``<http://x>``
    the address, as the seed texts (converted from the signed documents) write them."""
    for part in _RUNS.split(_AUTOLINK.sub(r"\1", text)):
        if not part:
            continue
        if part.startswith("***") and part.endswith("***") and len(part) > 6:
            run = paragraph.add_run(part[3:-3])
            run.bold = run.italic = True
        elif part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            run = paragraph.add_run(part[1:-1])
            run.italic = True
            run.bold = bold or None
        else:
            paragraph.add_run(part).bold = bold or None
    return paragraph


def text_document(text: str) -> Document:
    """One paragraph per line; a run of lines holding tabs is a table, one row per line."""
    document = docx.Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            add_table(document, rows)
            continue
        add_runs(document.add_paragraph(), lines[i])
        i += 1
    return document


def add_table(document: Document, rows: Sequence[Sequence[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            lines = value.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)


def save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path


# -- Word's automatic numbering ----------------------------------------------------------------
def add_numbering(document: Document, levels: Iterable[tuple[str, str]]) -> int:
    """A list definition with ``levels`` (numFmt, lvlText) for ilvl 0, 1, ...; its numId."""
    numbering = document.part.numbering_part.element
    abstract_ids = [
        int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))
    ]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=0) + 1
    num_id = max(num_ids, default=0) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def set_numbering(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> Paragraph:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), str(ilvl))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(level)
    num_pr.append(num)
    ppr.append(num_pr)
    return paragraph
