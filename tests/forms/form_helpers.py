"""Helpers for the unit-form tests: find a unit's form, fill a form as a unit would
(answer cells only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from cchc_desktop.domain import forms as F
from cchc_desktop.domain.forms import SentForm
from cchc_desktop.domain.periods import Period
from tests.conftest import HAI_DUONG, PLANS

__all__ = ["HAI_DUONG", "by_unit", "fill", "row_of"]

GIO_SON = PLANS / "ke-hoach-32-ubnd-gio-son-2022.plan.json"
Q2 = Period.parse("2022-Q2")
Q3 = Period.parse("2022-Q3")


def by_unit(sent: list[SentForm], unit: str) -> SentForm:
    return next(s for s in sent if s.identity.unit == unit)


def row_of(ws: Any, key: str) -> int:
    for row in range(F.FIRST_ROW, ws.max_row + 1):
        if ws[f"{F.KEY_COL}{row}"].value == key:
            return row
    raise KeyError(key)


def fill(path: Path, answers: dict[str, dict[str, Any]], *, check_unlocked: bool = True) -> None:
    """Type ``answers`` (task key → {column letter: value}) into the answer cells."""
    wb = openpyxl.load_workbook(path)
    ws = wb[F.FORM_SHEET]
    for key, cells in answers.items():
        row = row_of(ws, key)
        for col, value in cells.items():
            cell = ws[f"{col}{row}"]
            if check_unlocked:
                assert cell.protection.locked is False, f"{col}{row} is locked"
            cell.value = value
    wb.save(path)
