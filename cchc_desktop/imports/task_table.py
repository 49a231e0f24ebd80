"""Recognise the appendix table of tasks and read its rows (pure: works on :mod:`blocks`).

A table is a task table when its header reads like one: "STT | Nhiệm vụ cụ thể | Sản phẩm/
Kết quả | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện", matched loosely (accents,
case and wording: "Nội dung công việc", "Thời hạn hoàn thành", "Đơn vị thực hiện" read as
well), in any order. A column it does not know ("Kinh phí", "Nguồn kinh phí") is kept as a
column of the plan's own (``TableRead.extra_columns``, ``RawTask.extra``), printed again in
its place. A Ghi chú cell whose first line is "Chỉ tiêu: 20 tin, bài" gives the target.
The header may
take two rows ("Đơn vị thực hiện" over "Chủ trì | Phối hợp") and be followed by a row of
column numbers. A row spanning the table ("I. CẢI CÁCH THỂ CHẾ") names the group of the
tasks under it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from cchc_desktop.domain.numbering import from_roman
from cchc_desktop.domain.search import search_key
from cchc_desktop.imports.blocks import Cell, Table


class Column(StrEnum):
    STT = "stt"
    NAME = "name"
    PRODUCT = "product"
    LEAD = "lead"
    PARTNERS = "partners"
    TIMEFRAME = "timeframe"
    TARGET = "target"
    NOTE = "note"


# (column, words any of which in the header's search key means that column), by priority:
# "Đơn vị chủ trì" is a lead before it is a unit, "Kết quả thực hiện nhiệm vụ" a product.
_PATTERNS: tuple[tuple[Column, tuple[str, ...]], ...] = (
    (Column.LEAD, ("chu tri",)),
    (Column.PARTNERS, ("phoi hop",)),
    (Column.TIMEFRAME, ("thoi gian", "thoi han", "tien do", "han hoan thanh", "moc")),
    (Column.PRODUCT, ("san pham", "ket qua")),
    (Column.NAME, ("nhiem vu", "noi dung", "cong viec", "hoat dong", "giai phap", "ten de an")),
    (Column.TARGET, ("chi tieu", "so luong")),
    (Column.NOTE, ("ghi chu",)),
    (Column.LEAD, ("don vi", "co quan", "trach nhiem", "bo phan")),
)
_STT = {"stt", "tt", "s tt", "so tt", "so thu tu", "thu tu", "so"}
_CORE = {Column.STT, Column.PRODUCT, Column.LEAD, Column.PARTNERS, Column.TIMEFRAME}
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_GROUP_NUMBER = re.compile(r"^(?:[IVX]+|[A-Z])\s*[.)/]\s*\S")
_TARGET = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(.*)$", re.S)


def _candidates(text: str) -> list[Column]:
    key = search_key(text).replace(".", "")
    if not key:
        return []
    if key in _STT:
        return [Column.STT]
    return [column for column, words in _PATTERNS if any(w in key for w in words)]


def match_header(texts: Sequence[str]) -> dict[int, Column]:
    """Map column indexes to what they hold; each kind of column is taken once, leftmost."""
    found: dict[int, Column] = {}
    taken: set[Column] = set()
    for index, text in enumerate(texts):
        for column in _candidates(text):
            if column not in taken:
                found[index] = column
                taken.add(column)
                break
    return found


def is_task_header(columns: dict[int, Column]) -> bool:
    kinds = set(columns.values())
    return (
        Column.NAME in kinds
        and bool(kinds & {Column.LEAD, Column.TIMEFRAME})
        and len(kinds & _CORE) >= 2
    )


def _texts(row: Sequence[Cell | None]) -> list[str]:
    return [" ".join(c.text.split()) if c is not None else "" for c in row]


def _combined(top: Sequence[Cell | None], below: Sequence[Cell | None]) -> list[str]:
    out = []
    for a, b in zip(top, below, strict=False):
        parts = [c.text for c in (a, b) if c is not None and c.text]
        if a is not None and a is b:
            parts = parts[:1]
        out.append(" ".join(" ".join(parts).split()))
    return out


@dataclass(slots=True)
class TaskHeader:
    columns: dict[int, Column]
    titles: list[str]  # the header text of every column, for the notes of unknown columns
    first_row: int  # index of the first data row


def find_header(table: Table) -> TaskHeader | None:
    """The task header of ``table`` (in its first rows), or None if it is no task table."""
    rows = table.rows
    for r in range(min(4, len(rows))):
        texts = _texts(rows[r])
        columns = match_header(texts)
        if r + 1 < len(rows) and not _is_column_numbers(rows[r + 1]):
            below = rows[r + 1]
            combined = _combined(rows[r], below)
            two = match_header(combined)
            sub_header = _is_sub_header(rows[r], below, columns)
            if is_task_header(two) and sub_header:
                return TaskHeader(two, combined, _skip_numbers(rows, r + 2))
        if _header_row(texts):
            return TaskHeader(columns, texts, _skip_numbers(rows, r + 1))
    return None


def _header_row(texts: Sequence[str]) -> bool:
    """Column titles: short, no number among them, and reading like a task table's."""
    filled = [t for t in texts if t]
    if any(len(t) > 60 or t.rstrip(".").isdigit() for t in filled):
        return False
    return is_task_header(match_header(texts))


def _is_sub_header(
    top: Sequence[Cell | None], below: Sequence[Cell | None], columns: dict[int, Column]
) -> bool:
    """Is ``below`` the second row of a header ("Chủ trì | Phối hợp" under "Đơn vị")?

    Its own cells (not merged down from ``top``) are short titles, one of them known.
    """
    own = [c for i, c in enumerate(below) if c is not None and c.text and c is not top[i]]
    if not own or _is_data(below, columns):
        return False
    short = all(len(c.text) <= 40 for c in own)
    return short and any(_candidates(c.text) for c in own)


def _is_data(row: Sequence[Cell | None], columns: dict[int, Column]) -> bool:
    """A row with a number in its STT column is a task, not a second header row."""
    for index, column in columns.items():
        if column is Column.STT and index < len(row):
            cell = row[index]
            return cell is not None and cell.text.strip().rstrip(".").isdigit()
    return False


def _is_column_numbers(row: Sequence[Cell | None]) -> bool:
    texts = [t for t in _texts(row) if t]
    return bool(texts) and all(_COLUMN_NUMBER.match(t) for t in texts) and len(texts) > 2


def _skip_numbers(rows: Sequence[Sequence[Cell | None]], start: int) -> int:
    return start + 1 if start < len(rows) and _is_column_numbers(rows[start]) else start


@dataclass(slots=True)
class RawTask:
    """One row of a task table, as text; units and timeframe are read by the caller."""

    where: str
    group: str = ""
    name: str = ""
    product: str = ""
    lead: str = ""
    partners: str = ""
    timeframe: str = ""
    target: str = ""
    notes: list[str] = field(default_factory=list)
    name_cell: Cell | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class TableRead:
    tasks: list[RawTask]
    warnings: list[str]
    leftovers: list[str]  # text of rows that are no task and follow no task
    extra_columns: list[str] = field(default_factory=list)  # the unknown columns' titles


TARGET_PREFIX = "Chỉ tiêu:"


def column_title(title: str, index: int) -> str:
    """An unknown column's name: its header text on one line, or "Cột 7"."""
    return " ".join(title.split()) or f"Cột {index + 1}"


def split_note(text: str) -> tuple[str, list[str]]:
    """A Ghi chú cell: ``("20 tin, bài", ["the note"])`` when it opens with "Chỉ tiêu: …"."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[0].strip().startswith(TARGET_PREFIX):
        return lines[0].strip()[len(TARGET_PREFIX) :].strip(), lines[1:]
    return "", lines


def read_tasks(table: Table, header: TaskHeader) -> TableRead:
    """Every task row of ``table`` under ``header``; nothing of the rows is dropped."""
    tasks: list[RawTask] = []
    warnings: list[str] = []
    leftovers: list[str] = []
    group = ""
    unknown = [i for i in range(table.width) if i not in header.columns]
    unknown = [i for i in unknown if not _same_cell_as_known(table, header, i)]
    reported_unknown = False
    names = {i: column_title(header.titles[i], i) for i in unknown}
    extra_columns = list(dict.fromkeys(names.values()))
    for r in range(header.first_row, len(table.rows)):
        row = table.rows[r]
        where = f"{table.where}, dòng {r + 1}"
        texts = _texts(row)
        if not any(texts) or _is_column_numbers(row):
            continue
        if _header_row(texts):  # the header again (a table split by hand)
            continue
        value = _Value(row, header)
        group_text = _group_text(row, header, value)
        if group_text is not None:
            group = group_text
            continue
        name_cell = _cell(row, header, Column.NAME)
        name = value(Column.NAME)
        if tasks and name_cell is not None and name_cell is tasks[-1].name_cell:
            _merge_into(tasks[-1], row, header, value)
            warnings.append(
                f"{where}: ô nhiệm vụ được gộp với dòng trên; nội dung dòng này được "
                "ghép vào nhiệm vụ ở dòng trên."
            )
            continue
        extra = {names[i]: cell.text for i, cell in _unknown_cells(row, unknown)}
        if extra and not reported_unknown:
            reported_unknown = True
            titles = ", ".join(f"“{t}”" for t in extra_columns)
            warnings.append(
                f"{table.where}: cột {titles} không thuộc mẫu bảng nhiệm vụ; được giữ thành "
                "cột riêng của kế hoạch và in lại trong phụ lục."
            )
        if not name:
            rest = " | ".join(t for t in texts if t)
            if tasks:
                tasks[-1].notes.append(rest)
                warnings.append(
                    f"{where}: dòng không có tên nhiệm vụ; nội dung được ghi vào ghi chú của "
                    "nhiệm vụ ở dòng trên."
                )
            else:
                leftovers.append(rest)
                warnings.append(
                    f"{where}: dòng không có tên nhiệm vụ; nội dung được giữ lại thành đoạn văn."
                )
            continue
        target, notes = split_note(value(Column.NOTE))
        tasks.append(
            RawTask(
                where=where,
                group=group,
                name=name,
                product=value(Column.PRODUCT),
                lead=value(Column.LEAD),
                partners=value(Column.PARTNERS),
                timeframe=value(Column.TIMEFRAME),
                target=value(Column.TARGET) or target,
                notes=notes,
                name_cell=name_cell,
                extra=extra,
            )
        )
    return TableRead(tasks, warnings, leftovers, extra_columns)


def _unknown_cells(row: Sequence[Cell | None], unknown: Sequence[int]) -> list[tuple[int, Cell]]:
    """The filled cells of the unknown columns, a merged cell once."""
    out: list[tuple[int, Cell]] = []
    for i in unknown:
        cell = row[i] if i < len(row) else None
        if cell is None or not cell.text or any(cell is c for _, c in out):
            continue
        if i == 0 or row[i - 1] is not cell:  # a cell merged with a known column is read
            out.append((i, cell))
    return out


def _same_cell_as_known(table: Table, header: TaskHeader, index: int) -> bool:
    """A column covered by the same header cell as a known column (a wide merged title)."""
    return header.titles[index] != "" and any(
        header.titles[index] == header.titles[k] for k in header.columns
    )


def _cell(row: Sequence[Cell | None], header: TaskHeader, column: Column) -> Cell | None:
    for index, kind in header.columns.items():
        if kind is column:
            return row[index] if index < len(row) else None
    return None


class _Value:
    def __init__(self, row: Sequence[Cell | None], header: TaskHeader) -> None:
        self._row = row
        self._header = header

    def __call__(self, column: Column) -> str:
        cell = _cell(self._row, self._header, column)
        return cell.text if cell is not None else ""


def _group_text(row: Sequence[Cell | None], header: TaskHeader, value: _Value) -> str | None:
    """The group a row announces, or None when the row is a task."""
    filled = {id(c): c for c in row if c is not None and c.text}
    if len(filled) == 1:
        cell = next(iter(filled.values()))
        text = " ".join(cell.text.split())
        if sum(1 for c in row if c is cell) >= 2 and len(row) >= 3:
            return text  # a row spanning the table
        # Alone in the STT or name column, numbered "I." / "A." or in capitals.
        alone_in = (_cell(row, header, Column.STT), _cell(row, header, Column.NAME))
        if any(cell is c for c in alone_in) and _group_like(text):
            return text
    stt = value(Column.STT).strip().rstrip(".")
    is_heading_number = bool(stt) and (
        from_roman(stt) is not None or (len(stt) == 1 and stt.isalpha() and stt.isupper())
    )
    others = (Column.PRODUCT, Column.LEAD, Column.PARTNERS, Column.TIMEFRAME)
    if is_heading_number and value(Column.NAME) and not any(value(c) for c in others):
        return " ".join(value(Column.NAME).split())
    return None


def _group_like(text: str) -> bool:
    """A group's title: "I. CẢI CÁCH THỂ CHẾ", "A. Nhiệm vụ chung", or all in capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(_GROUP_NUMBER.match(text)) or (
        len(letters) >= 2 and all(ch.isupper() for ch in letters)
    )


def _merge_into(
    task: RawTask, row: Sequence[Cell | None], header: TaskHeader, value: _Value
) -> None:
    """A row whose name cell is merged with the row above: its other cells add to that task."""
    for column, attr in (
        (Column.PRODUCT, "product"),
        (Column.LEAD, "lead"),
        (Column.PARTNERS, "partners"),
    ):
        text = value(column)
        current = getattr(task, attr)
        if text and text != current:
            setattr(task, attr, f"{current}\n{text}" if current else text)
    timeframe = value(Column.TIMEFRAME)
    if timeframe and timeframe != task.timeframe:
        task.notes.append(f"Thời gian: {timeframe}")
    note = value(Column.NOTE)
    if note and note not in task.notes:
        task.notes.append(note)


def parse_target(text: str) -> tuple[float, str] | None:
    """``"20 tin, bài"`` → ``(20, "tin, bài")``; None when the text starts with no number."""
    m = _TARGET.match(text)
    if m is None:
        return None
    return float(m[1].replace(",", ".")), " ".join(m[2].split())
