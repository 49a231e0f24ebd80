"""Every reader refuses every hostile file with a message, within a few seconds, and the
``cchc`` import commands store nothing from a refused file."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest
from valid_inputs import ValidInputs

from cchc_desktop.cli import main
from cchc_desktop.errors import InvalidFileError, UserError
from cchc_desktop.imports.docx_plan import read_plan_docx
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.storage.backup import list_backups

LIMIT_SECONDS = 5.0


# What each generated file targets (hostile_corpus.build_corpus returns the same map).
CORPUS: dict[str, set[str]] = {
    "billion-laughs.docx": {"docx"},
    "external-entity.xlsx": {"xlsx"},
    "external-entity.docx": {"docx"},
    "doctype-in-rels.docx": {"docx"},
    "utf16-entity.xlsx": {"xlsx"},
    "zip-bomb.docx": {"docx"},
    "ratio-bomb.xlsx": {"xlsx"},
    "huge-cell.xlsx": {"xlsx"},
    "huge-text.docx": {"docx"},
    "truncated.docx": {"docx"},
    "truncated.xlsx": {"xlsx"},
    "empty.docx": {"docx"},
    "empty.xlsx": {"xlsx"},
    "empty.json": {"json"},
    "xlsx-named.docx": {"docx"},
    "docx-named.xlsx": {"xlsx"},
    "zip-named.json": {"json"},
    "text-named.docx": {"docx"},
    "ole2-encrypted.docx": {"docx"},
    "ole2-encrypted.xlsx": {"xlsx"},
    "encrypted-members.docx": {"docx"},
    "deep-nesting.json": {"json"},
    "not-utf8.json": {"json"},
    "nan.json": {"json"},
    "huge.json": {"json"},
}


CASES = sorted((name, kind) for name, kinds in CORPUS.items() for kind in kinds)


def test_case_list_matches_the_corpus(hostile: tuple[Path, dict[str, set[str]]]) -> None:
    assert hostile[1] == CORPUS


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_reader_refuses_with_a_message(
    hostile: tuple[Path, dict[str, set[str]]], name: str, kind: str
) -> None:
    path = hostile[0] / name
    start = time.monotonic()
    if kind == "xlsx":
        form = read_form(path)  # the forms reader reports problems instead of raising
        assert form.blocked and form.identity is None
        assert form.problems and all(p.message for p in form.problems)
        assert not form.rows
    else:
        reader = read_plan_file if kind == "json" else read_plan_docx
        with pytest.raises(InvalidFileError) as err:
            reader(path)
        assert err.value.message and err.value.detail
        assert err.value.file == str(path)
    assert time.monotonic() - start < LIMIT_SECONDS


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def stored_db(valid_inputs: ValidInputs, tmp_path: Path) -> Path:
    """A private copy of the database holding the fixture plan."""
    target = tmp_path / "cchc.sqlite"
    shutil.copyfile(valid_inputs.db_path, target)
    return target


def test_cchc_import_stores_nothing_from_a_refused_file(
    hostile: tuple[Path, dict[str, set[str]]],
    stored_db: Path,
    valid_inputs: ValidInputs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, corpus = hostile
    before = _digest(stored_db)
    for name, kinds in sorted(corpus.items()):
        start = time.monotonic()
        if kinds & {"json", "docx"}:
            code = main(["--db", str(stored_db), "import", str(folder / name)])
        elif read_form is None:
            continue
        else:
            code = main(
                [
                    "--db",
                    str(stored_db),
                    "import-forms",
                    str(valid_inputs.plan_id),
                    str(folder / name),
                    "--apply",
                    "--take-form",
                ]
            )
        err = capsys.readouterr().err
        assert code == 1, name
        assert err.startswith("cchc: ") and name in err, (name, err)
        assert time.monotonic() - start < LIMIT_SECONDS, name
        assert _digest(stored_db) == before, name
        # a writing command may take the daily copy, never a pre-import one
        assert not [b for b in list_backups(stored_db) if b.kind == "before"], name


def test_wrong_extension_for_cchc_import(stored_db: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "plan.txt"
    odd.write_text("{}")
    before = _digest(stored_db)
    assert main(["--db", str(stored_db), "import", str(odd)]) == 1
    assert "unsupported file type '.txt'" in capsys.readouterr().err
    assert _digest(stored_db) == before


def test_refusals_are_user_errors_not_bugs() -> None:
    assert issubclass(InvalidFileError, UserError)


LONG = "Kết quả " * 20_000  # 160,000 characters: a book, not a cell


def test_absurd_text_lengths_are_refused(valid_inputs: ValidInputs, tmp_path: Path) -> None:
    import json
    import zipfile

    import docx
    import openpyxl

    from cchc_desktop.domain import forms as F

    data = json.loads(valid_inputs.json.read_text(encoding="utf-8"))
    data["plan"]["title"] = LONG
    big_json = tmp_path / "long.json"
    big_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidFileError) as err:
        read_plan_file(big_json)
    assert "text longer than 100000 characters" in err.value.detail

    document = docx.Document(str(valid_inputs.docx))
    document.add_paragraph(LONG)
    big_docx = tmp_path / "long.docx"
    document.save(str(big_docx))
    with pytest.raises(InvalidFileError) as err:
        read_plan_docx(big_docx)
    from cchc_desktop.imports.docx_limits import MAX_TEXT  # 20 x the longest real paragraph

    assert f"text longer than {MAX_TEXT} characters" in err.value.detail

    wb = openpyxl.load_workbook(valid_inputs.xlsx)
    ws = wb[F.FORM_SHEET]
    row = next(r for r in range(F.FIRST_ROW, ws.max_row + 1) if ws[f"{F.KEY_COL}{r}"].value)
    ws[f"{F.STATUS_COL}{row}"] = "Đang thực hiện"
    ws[f"{F.DIFFICULTIES_COL}{row}"] = "MARKER-" * 10
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    # Excel (and openpyxl) cap a cell at 32,767 characters; only a crafted file exceeds it.
    big_xlsx = tmp_path / "long.xlsx"
    with zipfile.ZipFile(filled) as src, zipfile.ZipFile(big_xlsx, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info).replace(b"MARKER-" * 10, LONG.encode()))
    form = read_form(big_xlsx)
    assert [p.cell for p in form.problems] == [f"{F.DIFFICULTIES_COL}{row}"]
    assert "text of 160000 characters" in form.problems[0].detail
    assert form.blocked
