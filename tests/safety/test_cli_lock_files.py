"""``cchc`` exports over a file another program has open, or a read-only one (issue 17,
point 7): exit code 1, one Vietnamese-free, English line on stderr naming the file (the
CLI's contract), and the file's bytes unchanged. The window's side is
tests/ui/test_export_lock_files.py."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.helpers import run_cli

KNOWN = b"the clerk's own copy, open in another program"
LIBREOFFICE_LOCK = "Nguyễn Thị Lan,MAY-VANPHONG,lan,07.12.2026 07:30,file:///home/lan/.config;"

# command (after --db) with {plan} and {out} -> the target's file name in {out}'s folder
COMMANDS = {
    "export-plan": (["export-plan", "{plan}", "-o", "{out}"], "ke-hoach.docx"),
    "export-report-xlsx": (
        ["export-report", "{plan}", "--period", "2022-Q3", "-o", "{out}"],
        "bao-cao.xlsx",
    ),
    "export-report-docx": (
        ["export-report", "{plan}", "--period", "2022-Q3", "-o", "{out}"],
        "bao-cao.docx",
    ),
    "export-json": (["export-json", "{plan}", "-o", "{out}"], "ke-hoach.plan.json"),
    "backup": (["backup", "-o", "{out}"], "sao-luu.sqlite"),
    "export-forms": (["export-forms", "{plan}", "--period", "2022-Q3", "-o", "{out}"], ""),
}


def _form_names(capsys, db_path: Path, plan: int, scratch: Path) -> list[str]:  # type: ignore[no-untyped-def]
    scratch.mkdir()
    code, _out, err = run_cli(
        capsys, "--db", str(db_path), "export-forms", str(plan), "--period", "2022-Q3",
        "-o", str(scratch),
    )  # fmt: skip
    assert code == 0, err
    return sorted(p.name for p in scratch.glob("*.xlsx"))


def _setup(capsys, db_path: Path, plan: int, tmp_path: Path, command: str):  # type: ignore[no-untyped-def]
    folder = tmp_path / "xuat"
    folder.mkdir()
    argv, name = COMMANDS[command]
    names = _form_names(capsys, db_path, plan, tmp_path / "nhap") if not name else [name]
    held = {}
    for i, each in enumerate(names):
        (folder / each).write_bytes(KNOWN + bytes([i]))
        held[folder / each] = (folder / each).read_bytes()
    target = folder / names[-1]
    out = str(folder if not name else target)
    args = ["--db", str(db_path), *(a.format(plan=plan, out=out) for a in argv)]
    return target, held, args


def _refused(capsys, args: list[str], target: Path, held: dict[Path, bytes]) -> str:  # type: ignore[no-untyped-def]
    code, _out, err = run_cli(capsys, *args)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"cchc: {target}: ")
    for path, data in held.items():
        assert path.read_bytes() == data, f"{path.name} was replaced"
    assert not [p for p in target.parent.iterdir() if p.suffix in (".tmp", ".part")]
    return lines[0]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("lock", ["libreoffice", "word"])
def test_cli_export_over_a_file_open_elsewhere_fails_in_one_line(  # type: ignore[no-untyped-def]
    capsys, db_path: Path, hai_duong_id: int, tmp_path: Path, command: str, lock: str
) -> None:
    target, held, args = _setup(capsys, db_path, hai_duong_id, tmp_path, command)
    lock_name = f".~lock.{target.name}#" if lock == "libreoffice" else f"~${target.name[2:]}"
    (target.parent / lock_name).write_text(LIBREOFFICE_LOCK, encoding="utf-8")
    line = _refused(capsys, args, target, held)
    assert f"lock file {lock_name} is present" in line


@pytest.mark.parametrize("command", list(COMMANDS))
def test_cli_export_over_a_read_only_file_fails_in_one_line(  # type: ignore[no-untyped-def]
    capsys, db_path: Path, hai_duong_id: int, tmp_path: Path, command: str
) -> None:
    target, held, args = _setup(capsys, db_path, hai_duong_id, tmp_path, command)
    target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    line = _refused(capsys, args, target, held)
    assert line.endswith("the file is read-only")
    target.chmod(0o644)
