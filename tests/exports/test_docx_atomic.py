"""Both .docx writers go through write_atomic: a locked target is reported and left alone."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import AccessDeniedError, FileLockedError
from cchc_desktop.exports.docx_plan import write_plan_docx
from cchc_desktop.exports.docx_report import write_report_docx
from tests.exports.conftest import PLANS

Writer = Callable[[Plan, Path], None]
WRITERS: dict[str, Writer] = {
    "plan": write_plan_docx,
    "report": lambda plan, path: write_report_docx(plan, Period.parse("2022-Q1"), path),
}


@pytest.fixture
def plan() -> Plan:
    from cchc_desktop.interchange import read_plan_file

    return read_plan_file(PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json")


@pytest.mark.parametrize("kind", WRITERS)
def test_locked_target_keeps_the_old_file(plan, tmp_path, monkeypatch, kind) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "ke-hoach.docx"
    target.write_bytes(b"the clerk's edited copy")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileLockedError) as info:
        WRITERS[kind](plan, target)
    assert info.value.file == str(target)
    assert "đang được mở" in info.value.message
    assert target.read_bytes() == b"the clerk's edited copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx"]  # no temp file left


@pytest.mark.parametrize("kind", WRITERS)
def test_unwritable_folder_is_a_locked_file_error(plan, tmp_path, monkeypatch, kind) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, item 7: no permission in the folder is AccessDeniedError (faults)."""

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(AccessDeniedError) as info:
        WRITERS[kind](plan, tmp_path / "x.docx")
    assert info.value.detail == "permission denied: Permission denied"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", WRITERS)
def test_overwrites_an_existing_file(plan, tmp_path, kind) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    WRITERS[kind](plan, target)
    assert docx.Document(str(target)).paragraphs is not None
    assert target.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_exported_file_gets_the_usual_permissions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import stat

    from cchc_desktop.atomic import write_bytes_atomic

    target = tmp_path / "out.bin"
    old = os.umask(0o022)
    try:
        write_bytes_atomic(target, b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"x"
