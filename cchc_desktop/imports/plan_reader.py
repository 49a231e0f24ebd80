"""A plan from the blocks of a document (pure): find the parts, read each, keep every word.

The parts, in order: the header (up to "KẾ HOẠCH"), the title, the body (up to "Nơi nhận"
or the signature), the tail ("Nơi nhận", "Lưu", the signature) and the appendix (from
"Phụ lục"). A task table is read wherever it stands. Whatever no rule understands is kept
(in the preamble, a section, the closing or a task's note) and named in a warning that
says where it was ("Đoạn 12: ...", "Bảng 2, dòng 3: ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cchc_desktop.domain.model import (
    Organization,
    Paragraph,
    Plan,
    Target,
    Task,
    Unit,
)
from cchc_desktop.domain.search import search_key
from cchc_desktop.domain.timeframe_text import parse_timeframe_text
from cchc_desktop.domain.timeframes import Timeframe
from cchc_desktop.domain.unit_text import split_units, unit_kind
from cchc_desktop.imports.blocks import Block, Cell, Para, Table
from cchc_desktop.imports.plan_body import read_body, take_reference
from cchc_desktop.imports.plan_header import (
    doc_type_of,
    is_caps,
    is_recipients_heading,
    is_signer_line,
    read_header,
    read_tail,
    this_year,
    year_in,
)
from cchc_desktop.imports.task_table import (
    RawTask,
    TaskHeader,
    find_header,
    parse_target,
    read_tasks,
)

_APPENDIX = re.compile(r"^phu luc(\s+([ivxlc]+|\d+|so \d+))?\s*[.:]?$")
_REFERENCE = re.compile(r"^\(?\s*(ban hanh )?kem theo\b")
_ORNAMENT = re.compile(r"^[\s_=~*.\-–—/]*$")
_BODY_START = ("can cu", "thuc hien", "kinh gui", "nham ")
_HEADER_SCAN = 60  # blocks in which "KẾ HOẠCH" is looked for


@dataclass(slots=True)
class DocxImport:
    """What the reader made of a document: the plan (ids None, no check-ins) and, in
    Vietnamese, everything it was not sure of, each naming where it was."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _is_appendix(block: Block) -> bool:
    if not isinstance(block, Para):
        return False
    first = _first_line(block.text)
    return len(first) <= 30 and bool(_APPENDIX.match(search_key(first)))


def _is_empty_para(block: Block) -> bool:
    return isinstance(block, Para) and block.empty


def _cells(table: Table) -> list[Cell]:
    """Every cell once, row by row."""
    seen: list[Cell] = []
    ids: set[int] = set()
    for row in table.rows:
        for cell in row:
            if cell is not None and id(cell) not in ids:
                ids.add(id(cell))
                seen.append(cell)
    return seen


def _table_paras(table: Table) -> list[Para]:
    return [p for cell in _cells(table) for p in cell.paras]


def _starts_tail(block: Block) -> bool:
    if isinstance(block, Para):
        first = _first_line(block.text)
        return is_recipients_heading(first) or (
            "\n" not in block.text.strip() and is_signer_line(first)
        )
    return any(
        is_recipients_heading(_first_line(c.text)) or is_signer_line(_first_line(c.text))
        for c in _cells(block)
    )


class _Reader:
    def __init__(self, blocks: Sequence[Block], known_units: Sequence[Unit]) -> None:
        self.blocks = list(blocks)
        self.known_units = list(known_units)
        self.warnings: list[str] = []
        self.headers: dict[int, TaskHeader] = {}
        for block in self.blocks:
            if isinstance(block, Table):
                header = find_header(block)
                if header is not None:
                    self.headers[id(block)] = header
        self.raw_tasks: list[RawTask] = []
        self.extra_columns: list[str] = []
        self.leftovers: list[Paragraph] = []  # kept text with nowhere better to go

    def warn(self, text: str) -> None:
        self.warnings.append(" ".join(text.split()))

    def is_task_table(self, block: Block) -> bool:
        return isinstance(block, Table) and id(block) in self.headers

    def take_tasks(self, table: Table) -> None:
        read = read_tasks(table, self.headers[id(table)])
        self.raw_tasks.extend(read.tasks)
        self.extra_columns.extend(c for c in read.extra_columns if c not in self.extra_columns)
        self.warnings.extend(read.warnings)
        self.leftovers.extend(Paragraph(t) for t in read.leftovers)

    # -- parts ------------------------------------------------------------------------------
    def read(self) -> DocxImport:
        blocks = self.blocks
        doc_at = self._doc_type_index()
        title = ""
        if doc_at is None:
            header_end = self._header_end()
            doc_type = "KẾ HOẠCH"
            self.warn("Không thấy tên loại văn bản (KẾ HOẠCH); tạm ghi là KẾ HOẠCH.")
            body_start = header_end
        else:
            header_end = doc_at
            doc_block = blocks[doc_at]
            assert isinstance(doc_block, Para)
            doc_type, title_rest = doc_type_of(doc_block.text) or ("KẾ HOẠCH", "")
            title, body_start = self._title(title_rest, doc_at + 1, doc_block.bold)
        appendix_at = next(
            (i for i in range(body_start, len(blocks)) if _is_appendix(blocks[i])), len(blocks)
        )
        tail_at = next(
            (
                i
                for i in range(body_start, appendix_at)
                if not self.is_task_table(blocks[i]) and _starts_tail(blocks[i])
            ),
            appendix_at,
        )
        header = read_header(self._header_paras(blocks[:header_end]))
        self.warnings.extend(header.warnings)
        body_paras = self._body_paras(blocks[body_start:tail_at])
        body = read_body(body_paras)
        self.warnings.extend(body.warnings)
        reference = take_reference(body)
        tail = read_tail(self._tail_groups(blocks[tail_at:appendix_at]))
        self.warnings.extend(tail.warnings)
        tasks_before = len(self.raw_tasks)
        appendix_title = self._appendix(blocks[appendix_at:])
        appendix_table = len(self.raw_tasks) > tasks_before

        preamble = body.preamble
        if header.unknown:
            for para in header.unknown:
                self.warn(f"{para.where}: không hiểu dòng “{para.text}” ở phần đầu; giữ ở mở đầu.")
            preamble = [Paragraph(p.text) for p in header.unknown] + preamble
        closing = body.closing
        for para in tail.unknown:
            self.warn(
                f"{para.where or 'Phần ký'}: không hiểu dòng “{para.text}” ở phần nơi nhận, "
                "chữ ký; giữ ở đoạn kết."
            )
            closing.append(Paragraph(para.text))
        closing.extend(self.leftovers)

        year = header.year or year_in(title) or year_in(appendix_title)
        if year is None:
            year = this_year()
            self.warn(f"Không thấy năm của kế hoạch; tạm lấy năm {year}.")
        symbol = header.symbol
        org = Organization(
            parent=header.parent,
            name=header.name,
            abbreviation=symbol.split("-", 1)[1] if "-" in symbol else "",
            place=header.place,
        )
        self._check_found(org, symbol, title, tail.recipients, tail.signer.title, header.year)
        plan = Plan(
            organization=org,
            year=year,
            symbol=symbol,
            title=title,
            number=header.number,
            issued_on=header.issued_on,
            doc_type=doc_type,
            preamble=preamble,
            sections=body.sections,
            closing=closing,
            recipients=tail.recipients,
            archive=tail.archive if tail.archive is not None else "",
            signer=tail.signer,
            appendix_title=appendix_title,
            # The office wrote an appendix: a title, a task table after "Phụ lục", or a
            # sentence in the body pointing to one.
            print_appendix=bool(appendix_title.strip()) or appendix_table or bool(reference),
            extra_columns=list(self.extra_columns),
        )
        if reference:
            plan.appendix_reference = reference
        plan.units, plan.tasks = self._tasks(year)
        return DocxImport(plan, self.warnings)

    def _check_found(
        self, org: Organization, symbol: str, title: str, recipients: Sequence[object],
        signer_title: str, year: int | None,
    ) -> None:  # fmt: skip
        missing = [
            (not org.name, "tên cơ quan ban hành"),
            (not symbol, "số, ký hiệu (Số: .../KH-...)"),
            (year is None, "địa danh, ngày tháng năm ban hành"),
            (not title, "trích yếu (tên kế hoạch)"),
            (not recipients, "nơi nhận"),
            (not signer_title, "chức vụ người ký"),
        ]
        for absent, what in missing:
            if absent:
                self.warn(f"Không thấy {what}; hãy bổ sung sau khi nhập.")

    def _doc_type_index(self) -> int | None:
        for i, block in enumerate(self.blocks[:_HEADER_SCAN]):
            if isinstance(block, Para) and doc_type_of(block.text) is not None:
                return i
            if self.is_task_table(block) or (isinstance(block, Para) and _starts_tail(block)):
                return None
        return None

    def _header_end(self) -> int:
        """Without "KẾ HOẠCH": the header is the leading tables and header-like lines."""
        for i, block in enumerate(self.blocks):
            if isinstance(block, Table):
                if self.is_task_table(block):
                    return i
                continue
            if block.empty:
                continue
            header = read_header([block])
            if header.unknown:
                return i
        return len(self.blocks)

    def _title(self, rest: str, start: int, bold: bool) -> tuple[str, int]:
        """The trích yếu after "KẾ HOẠCH"; when that is bold, the trích yếu is bold too (a
        plain paragraph there is the preamble of a plan without a title)."""
        blocks = self.blocks
        i = start
        if rest:
            return " ".join(rest.split("\n")).strip(), i
        while i < len(blocks) and _is_empty_para(blocks[i]):
            i += 1
        if i >= len(blocks) or not isinstance(blocks[i], Para):
            return "", i
        first = blocks[i]
        assert isinstance(first, Para)
        if _ORNAMENT.match(first.text) or search_key(first.text[:30]).startswith(_BODY_START):
            return "", i
        if bold and not first.bold:
            return "", i
        parts = [first.text.strip()]
        i += 1
        while i < len(blocks):
            block = blocks[i]
            if not isinstance(block, Para) or block.empty or _ORNAMENT.match(block.text):
                break
            text = block.text.strip()
            same_look = first.bold and block.bold and block.centered == first.centered
            if not (same_look or (text[:1].isalpha() and text[:1].islower())):
                break
            parts.append(text)
            i += 1
        return " ".join(parts), i

    def _header_paras(self, blocks: Sequence[Block]) -> list[Para]:
        out: list[Para] = []
        for block in blocks:
            out.extend(_table_paras(block) if isinstance(block, Table) else [block])
        return out

    def _body_paras(self, blocks: Sequence[Block]) -> list[Para]:
        out: list[Para] = []
        for block in blocks:
            if isinstance(block, Para):
                out.append(block)
            elif self.is_task_table(block):
                self.take_tasks(block)
            else:
                out.extend(self._table_as_paras(block))
        return out

    def _table_as_paras(self, table: Table) -> list[Para]:
        self.warn(
            f"{table.where}: bảng không phải bảng nhiệm vụ; nội dung được giữ thành các đoạn "
            "văn, mỗi dòng một đoạn (các ô cách nhau bởi “|”)."
        )
        out = []
        for r, row in enumerate(table.rows, start=1):
            texts: list[str] = []
            for i, cell in enumerate(row):
                if cell is None or (i and row[i - 1] is cell):
                    continue
                texts.append(" ".join(cell.text.split()))
            if any(texts):
                out.append(Para(f"{table.where}, dòng {r}", " | ".join(texts)))
        return out

    def _tail_groups(self, blocks: Sequence[Block]) -> list[tuple[str, list[Para]]]:
        groups: list[tuple[str, list[Para]]] = []
        for block in blocks:
            if isinstance(block, Para):
                groups.append(("", [block]))
            elif self.is_task_table(block):
                self.take_tasks(block)
            else:
                for cell in _cells(block):
                    first = _first_line(cell.text)
                    if is_recipients_heading(first):
                        hint = "recipients"
                    elif is_signer_line(first) or (first and is_caps(first)):
                        hint = "signer"
                    else:
                        hint = ""
                    groups.append((hint, cell.paras))
        return groups

    def _appendix(self, blocks: Sequence[Block]) -> str:
        """The appendix title; task tables are read, other text kept in the closing."""
        title: list[str] = []
        state = "label"  # label → title → (reference) → rest
        for block in blocks:
            if isinstance(block, Table):
                state = "rest"
                if self.is_task_table(block):
                    self.take_tasks(block)
                else:
                    self.leftovers.extend(Paragraph(p.text) for p in self._table_as_paras(block))
                continue
            text = block.text.strip()
            key = search_key(text[:40])
            if state == "label" and _is_appendix(block):
                lines = [line for line in text.split("\n")[1:] if line.strip()]
                title.extend(line.strip() for line in lines)
                state = "title"
                continue
            if not text or _ORNAMENT.match(text):
                if title:
                    state = "rest"
                continue
            if state == "reference":  # the reference line goes on to its ")"
                state = "rest" if ")" in text else state
                continue
            if _REFERENCE.match(key):  # "(Kèm theo Kế hoạch số ...)": printed from the plan
                state = "rest" if ")" in text or not text.startswith("(") else "reference"
                continue
            if state == "title" and not _is_appendix(block):
                title.append(" ".join(text.split()))
                continue
            if _is_appendix(block) and title:
                self.warn(f"{block.where}: văn bản có nhiều phụ lục; chỉ giữ tên phụ lục đầu.")
            self.warn(f"{block.where}: đoạn “{text[:60]}” ở phần phụ lục được giữ ở đoạn kết.")
            self.leftovers.append(Paragraph(text))
        return " ".join(title)

    # -- tasks and units --------------------------------------------------------------------
    def _tasks(self, year: int) -> tuple[list[Unit], list[Task]]:
        units = _UnitBook(self.known_units)
        for raw in self.raw_tasks:  # names written alone in a cell are names, commas and all
            for text in (raw.lead, raw.partners):
                units.learn_cell(text)
        tasks: list[Task] = []
        for n, raw in enumerate(self.raw_tasks, start=1):
            lead = units.names(raw.lead)
            partners = [u for u in units.names(raw.partners) if u not in lead]
            if not lead:
                self.warn(f"{raw.where}: nhiệm vụ không có đơn vị chủ trì.")
            task = Task(
                key=f"T{n}",
                name=raw.name,
                product=raw.product,
                lead=lead,
                partners=partners,
                timeframe=self._timeframe(raw, year),
                note="\n".join(raw.notes),
                group=raw.group,
                extra=dict(raw.extra),
            )
            if raw.target:
                parsed = parse_target(raw.target)
                if parsed is None:
                    task.note = "\n".join(filter(None, (task.note, f"Chỉ tiêu: {raw.target}")))
                    self.warn(f"{raw.where}: chỉ tiêu “{raw.target}” không có số; ghi vào ghi chú.")
                else:
                    task.target = Target(*parsed)
            tasks.append(task)
        return units.used(), tasks

    def _timeframe(self, raw: RawTask, year: int) -> Timeframe:
        text = " ".join(raw.timeframe.split())
        timeframe = parse_timeframe_text(text, year)
        if timeframe is not None and not timeframe.validate(year):
            return timeframe
        if timeframe is None:
            self.warn(
                f"{raw.where}: không hiểu thời gian thực hiện “{text}”; tạm coi là cả năm "
                "(giữ nguyên chữ đã ghi)."
            )
        else:
            self.warn(
                f"{raw.where}: thời gian “{text}” nằm ngoài năm {year} của kế hoạch; tạm coi "
                "là cả năm (giữ nguyên chữ đã ghi)."
            )
        return Timeframe(label=text)


class _UnitBook:
    """The units of the imported plan: known ones first (in their order), then new ones."""

    def __init__(self, known: Sequence[Unit]) -> None:
        self._known = list(known)
        self._by_key: dict[str, Unit] = {}
        for unit in self._known:
            self._by_key.setdefault(search_key(unit.name), unit)
        for unit in self._known:
            if unit.short:
                self._by_key.setdefault(search_key(unit.short), unit)
        self._new: list[Unit] = []
        self._used: set[str] = set()
        self._learned: dict[str, str] = {}  # search key → name, from the cells
        self._one_per_line = False
        self._names: list[str] | None = None  # what split_units matches first

    def learn_cell(self, text: str) -> None:
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if len(lines) > 1 and all(line.endswith(";") for line in lines[:-1]):
            # One unit per line as the application prints it: then every cell of this
            # document names its units so, and a comma never separates two of them.
            self._one_per_line = True
            for line in lines:
                self._learn(line.rstrip(";").strip())
        elif len(lines) == 1 and ";" not in lines[0] and "," not in lines[0]:
            self._learn(lines[0])

    def _learn(self, name: str) -> None:
        self._learned.setdefault(search_key(name), name)
        self._names = None

    def names(self, text: str) -> list[str]:
        if self._names is None:
            self._names = [u.name for u in self._known]
            self._names += [u.short for u in self._known if u.short]
            self._names += list(self._learned.values())
        out: list[str] = []
        commas = not self._one_per_line
        for piece in split_units(text, self._names, commas=commas):
            unit = self._by_key.get(search_key(piece))
            if unit is None:
                unit = Unit(piece, kind=unit_kind(piece))
                self._by_key[search_key(piece)] = unit
                self._new.append(unit)
            if unit.name not in out:
                out.append(unit.name)
            self._used.add(unit.name)
        return out

    def used(self) -> list[Unit]:
        known = [Unit(u.name, u.short, u.kind) for u in self._known if u.name in self._used]
        return known + self._new


def build_plan(blocks: Sequence[Block], known_units: Sequence[Unit] = ()) -> DocxImport:
    """The plan written in ``blocks``; ``known_units`` (the database's) name units first."""
    result = _Reader(blocks, known_units).read()
    result.warnings = [" ".join(w.split()) for w in result.warnings]  # one line each
    return result
