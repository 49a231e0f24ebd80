"""The shared .docx/.xlsx guard: every hostile container is refused before any XML parse."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile_corpus import valid_docx, valid_xlsx

from cchc_desktop.errors import InvalidFileError
from cchc_desktop.imports.safe_zip import MAX_TEXT_CHARS, check_count, check_office_file, check_text

EXPECTED = {
    # file: a fragment of the English detail that says why
    "billion-laughs.docx": "DOCTYPE",
    "external-entity.xlsx": "DOCTYPE",
    "external-entity.docx": "DOCTYPE",
    "doctype-in-rels.docx": "DOCTYPE",
    "utf16-entity.xlsx": "DOCTYPE",
    "zip-bomb.docx": "zip bomb",
    "ratio-bomb.xlsx": "inflates",
    "huge-cell.xlsx": "zip bomb",
    "huge-text.docx": "zip bomb",
    "truncated.docx": "damaged or truncated",
    "truncated.xlsx": "damaged or truncated",
    "empty.docx": "empty file",
    "empty.xlsx": "empty file",
    "xlsx-named.docx": "no word/document.xml",
    "docx-named.xlsx": "no xl/workbook.xml",
    "text-named.docx": "not a zip container",
    "ole2-encrypted.docx": "OLE2",
    "ole2-encrypted.xlsx": "OLE2",
    "encrypted-members.docx": "encrypted",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_container_is_refused_quickly(hostile: tuple[Path, dict], name: str) -> None:
    folder, _ = hostile
    kind = "docx" if name.endswith(".docx") else "xlsx"
    start = time.monotonic()
    with pytest.raises(InvalidFileError) as info:
        check_office_file(folder / name, kind)
    assert time.monotonic() - start < 3
    assert EXPECTED[name] in info.value.detail
    assert info.value.file == str(folder / name)
    assert info.value.message  # the Vietnamese text the window shows
    assert info.value.message != info.value.detail


def test_valid_files_pass(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(valid_docx())
    (tmp_path / "a.xlsx").write_bytes(valid_xlsx())
    check_office_file(tmp_path / "a.docx", "docx")
    check_office_file(tmp_path / "a.xlsx", "xlsx")


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError) as info:
        check_office_file(tmp_path / "none.docx", "docx")
    assert "cannot read file" in info.value.detail


def test_text_and_count_limits() -> None:
    assert check_text("ok", "A1", "f.xlsx") == "ok"
    with pytest.raises(InvalidFileError) as info:
        check_text("x" * (MAX_TEXT_CHARS + 1), "Sheet1!B7", "f.xlsx")
    assert "Sheet1!B7" in info.value.detail
    check_count(10, "f.xlsx")
    with pytest.raises(InvalidFileError) as info:
        check_count(10, "f.xlsx", what="nhiệm vụ", what_en="tasks", limit=5)
    assert info.value.detail == "too many tasks: 10 (limit 5)"
