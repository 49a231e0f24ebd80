"""``storage/migrate.py`` reads the migrations' revisions with a regular expression, because
importing alembic costs about half a second of the window's start-up when nothing needs
upgrading (issue 18, item 3). These tests cross-check that fast path against alembic's
own ScriptDirectory, so a migration it would misread fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from cchc_desktop.storage import migrate


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate.alembic_config())


def test_known_revisions_and_head_are_alembics() -> None:
    script = _script()
    assert migrate.known_revisions() == {s.revision for s in script.walk_revisions()}
    assert script.get_heads() == [migrate.head_revision()]


def test_each_file_is_read_as_alembic_reads_it() -> None:
    for rev in _script().walk_revisions():
        text = Path(rev.path).read_text("utf-8")
        found = migrate._REVISION.search(text)
        assert found is not None and found[1] == rev.revision, rev.path
        down = migrate._DOWN.search(text)
        assert (down[1] if down else None) == rev.down_revision, rev.path


@pytest.mark.parametrize(
    "line",
    ['revision = "0009"', "revision = '0009'", 'revision: str = "0009"'],
)
def test_both_spellings_of_a_revision_line(line: str) -> None:
    found = migrate._REVISION.search(f"# header\n{line}\n")
    assert found is not None and found[1] == "0009"


def test_down_revision_as_alembics_template_writes_it() -> None:
    text = 'down_revision: Union[str, Sequence[str], None] = "0008"\n'
    found = migrate._DOWN.search(text)
    assert found is not None and found[1] == "0008"
    assert not re.search(migrate._REVISION, text)  # not mistaken for the revision line
