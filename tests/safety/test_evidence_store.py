"""Evidence files live in the data folder under content-hash names; no name a clerk or a
crafted plan supplies can escape the folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hostile_corpus import EVIDENCE_NAMES

from cchc_desktop.errors import InvalidFileError, NotFoundError
from cchc_desktop.paths import evidence_dir
from cchc_desktop.services.evidence import (
    attach_evidence_file,
    is_stored_name,
    original_name,
    resolve_evidence,
    safe_filename,
    stored_extension,
)

WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}


def test_attached_file_survives_rename_and_delete_of_the_original(
    db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "Biên bản họp quý 1.PDF"
    source.write_bytes(b"%PDF-1.4 minutes")
    stored, original = attach_evidence_file(db_path, source)
    assert stored == hashlib.sha256(b"%PDF-1.4 minutes").hexdigest() + ".pdf"
    assert original == "Biên bản họp quý 1.PDF"
    source.rename(tmp_path / "renamed.pdf")
    (tmp_path / "renamed.pdf").unlink()
    path = resolve_evidence(db_path, stored)
    assert path.parent == evidence_dir(db_path)
    assert path.read_bytes() == b"%PDF-1.4 minutes"
    # the same content attached again is stored once
    again = tmp_path / "copy.pdf"
    again.write_bytes(b"%PDF-1.4 minutes")
    assert attach_evidence_file(db_path, again)[0] == stored
    assert [p.name for p in evidence_dir(db_path).iterdir()] == [stored]


@pytest.mark.parametrize("name", EVIDENCE_NAMES, ids=range(len(EVIDENCE_NAMES)))
def test_crafted_names_never_become_paths(db_path: Path, tmp_path: Path, name: str) -> None:
    # The clerk's file may carry any name the OS allows; the attached copy never uses it.
    on_disk = "x" if "\x00" in name or "/" in name or len(name.encode()) > 250 else name
    source = tmp_path / "src" / (on_disk.replace("\\", "_") or "x")
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(name.encode("utf-8", "surrogatepass"))
    stored, _ = attach_evidence_file(db_path, source)
    assert is_stored_name(stored)
    assert len(stored) <= 64 + 11
    folder = evidence_dir(db_path)
    assert sorted(p.name for p in folder.iterdir()) == [stored]
    assert not list(tmp_path.glob("**/x.pdf"))
    # The display name keeps the last component only, without control characters.
    shown = original_name(name)
    assert "/" not in shown and "\\" not in shown and "\x00" not in shown
    assert "\u202e" not in shown
    assert 0 < len(shown) <= 255
    # A copy saved back out under the original name is a legal Windows name.
    out = safe_filename(name)
    assert out and len(out) <= 150
    assert not set('<>:"/\\|?*') & set(out)
    assert out.split(".")[0].upper() not in WINDOWS_RESERVED
    assert not out.endswith((".", " "))
    # The name a crafted plan file stores in the database is refused outright.
    with pytest.raises(InvalidFileError):
        resolve_evidence(db_path, name)


def test_resolve_refuses_anything_but_a_stored_name(db_path: Path, tmp_path: Path) -> None:
    folder = evidence_dir(db_path)
    folder.mkdir(parents=True)
    digest = "a" * 64
    for bad in (
        "../cchc.sqlite",
        f"../{digest}.pdf",
        f"{digest}/../../x",
        f"{digest}.PDF",  # extensions are stored lower-case
        f"{digest}.pdf\x00.exe",
        "A" * 64,
        "",
        ".",
        "..",
        str(folder / f"{digest}.pdf"),  # absolute
    ):
        with pytest.raises(InvalidFileError):
            resolve_evidence(db_path, bad)
    with pytest.raises(NotFoundError):
        resolve_evidence(db_path, f"{digest}.pdf")
    # a symlink planted in the folder that points outside it is refused
    if hasattr(os, "symlink"):
        secret = tmp_path / "secret.txt"
        secret.write_text("x")
        (folder / f"{'b' * 64}.txt").symlink_to(secret)
        with pytest.raises(InvalidFileError):
            resolve_evidence(db_path, f"{'b' * 64}.txt")


def test_extensions_and_limits(db_path: Path, tmp_path: Path) -> None:
    assert stored_extension("Quyết định.DOCX") == ".docx"
    assert stored_extension("noext") == ""
    assert stored_extension("x.pdf.") == ".pdf"
    assert stored_extension("x." + "a" * 20) == ""
    assert stored_extension("x.p df") == ""
    assert safe_filename("CON") == "_CON"
    assert safe_filename("nul.txt") == "_nul.txt"
    assert safe_filename("a" * 300 + ".pdf") == "a" * 146 + ".pdf"
    with pytest.raises(InvalidFileError):
        attach_evidence_file(db_path, tmp_path)  # a folder
    with pytest.raises(InvalidFileError):
        attach_evidence_file(db_path, tmp_path / "missing.pdf")
