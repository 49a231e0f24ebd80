"""Drafts of typed text (issue 17, point 5): the file's format, where it lives, reading and
writing it, a damaged file set aside, and how a draft is judged against the stored value."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.services import drafts
from cchc_desktop.services.drafts import Draft, DraftKey, DraftStore, checkin_key

KEY = checkin_key(3, "T1", "2022-Q3", "", "result")


def _store(path: Path) -> DraftStore:
    return DraftStore(path, "/data/cchc.sqlite", clock=lambda: "2022-08-20T08:15:02+00:00")


def test_a_draft_is_written_as_the_documented_json(tmp_path: Path) -> None:
    path = tmp_path / "drafts" / "cchc.json"
    store = _store(path)
    store.save(KEY, "Đã tổ chức 3 lớp tập huấn", base="", label="Nhiệm vụ 1 · Kết quả")
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "format": "cchc-drafts",
        "version": 1,
        "database": "/data/cchc.sqlite",
        "drafts": [
            {
                "plan": 3,
                "record": "checkin",
                "id": ["T1", "2022-Q3", ""],
                "field": "result",
                "label": "Nhiệm vụ 1 · Kết quả",
                "base": "",
                "text": "Đã tổ chức 3 lớp tập huấn",
                "saved_at": "2022-08-20T08:15:02+00:00",
            }
        ],
    }
    # Vietnamese stays readable in the file (no \\u escapes), for whoever opens it.
    assert "Đã tổ chức" in path.read_text(encoding="utf-8")
    assert _store(path).drafts() == [
        Draft(
            KEY,
            "Đã tổ chức 3 lớp tập huấn",
            "",
            "Nhiệm vụ 1 · Kết quả",
            "2022-08-20T08:15:02+00:00",
        )
    ]


def test_one_draft_per_field_the_latest_text_wins(tmp_path: Path) -> None:
    path = tmp_path / "drafts" / "cchc.json"
    store = _store(path)
    other = checkin_key(3, "T1", "2022-Q3", "", "proposals")
    store.save(KEY, "Đã", base="cũ")
    store.save(KEY, "Đã tổ chức", base="cũ")
    store.save(other, "Đề nghị bổ sung kinh phí", base="")
    store.save(DraftKey(4, drafts.TASK, ("17",), "name"), "Tên mới", base="Tên cũ")
    again = _store(path)
    assert again.get(KEY) is not None and again.get(KEY).text == "Đã tổ chức"  # type: ignore[union-attr]
    assert [d.key.field for d in again.drafts(plan=3)] == ["result", "proposals"]
    assert [d.text for d in again.drafts(plan=4)] == ["Tên mới"]
    assert len(again.drafts()) == 3


def test_removing_the_last_draft_removes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "drafts" / "cchc.json"
    store = _store(path)
    store.save(KEY, "Đã tổ chức", base="")
    other = checkin_key(3, "T2", "2022-Q3", "", "result")
    store.save(other, "Xong", base="")
    assert store.remove(KEY) is True
    assert [d.key for d in _store(path).drafts()] == [other]
    assert store.remove(KEY) is False
    assert store.remove(other) is True
    assert not path.exists()
    assert _store(path).drafts() == []


def test_an_unchanged_draft_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "drafts" / "cchc.json"
    times = iter(["2022-08-20T08:00:00+00:00", "2022-08-20T08:00:05+00:00"])
    store = DraftStore(path, "db", clock=lambda: next(times))
    store.save(KEY, "Đã tổ chức", base="")
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10_000_000_000, before - 10_000_000_000))
    store.save(KEY, "Đã tổ chức", base="")
    assert path.stat().st_mtime_ns == before - 10_000_000_000
    assert store.get(KEY).saved_at == "2022-08-20T08:00:00+00:00"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "cchc-drafts", "version": 1, "drafts": [{"plan": 1, "rec',  # cut short
        b"\xff\xfe not utf-8",
        b'{"format": "something-else", "version": 1, "drafts": []}',
        b'{"format": "cchc-drafts", "version": 9, "drafts": []}',
        b'{"format": "cchc-drafts", "version": 1, "drafts": [{"plan": "1", "record": "checkin",'
        b' "id": ["T1"], "field": "result", "text": "x"}]}',
        b'{"format": "cchc-drafts", "version": 1, "drafts": [{"plan": 1, "record": "checkin",'
        b' "id": [1], "field": "result", "text": "x"}]}',
        b"[]",
    ],
)
def test_a_damaged_file_is_set_aside_with_a_log_line(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "drafts" / "cchc.json"
    path.parent.mkdir()
    path.write_bytes(content)
    store = _store(path)
    with caplog.at_level(logging.WARNING, logger="cchc_desktop.services.drafts"):
        assert store.drafts() == []
    assert not path.exists()
    assert store.set_aside is not None and store.set_aside.read_bytes() == content
    assert store.set_aside.name.startswith("cchc.json.damaged-")
    assert any(
        "is damaged" in r.getMessage() and "set aside" in r.getMessage() for r in caplog.records
    )
    # The window goes on: a new draft is written to a fresh file.
    store.save(KEY, "Đã tổ chức", base="")
    assert [d.text for d in _store(path).drafts()] == ["Đã tổ chức"]


def test_a_kill_during_the_write_leaves_the_previous_file(tmp_path: Path) -> None:
    """The draft is written to a temporary file and renamed over the old one: a process
    killed before the rename leaves the old drafts whole (and a stray temporary file that
    the next write of a later process removes)."""
    path = tmp_path / "drafts" / "cchc.json"
    _store(path).save(KEY, "Bản đầu", base="")
    script = f"""
import os, signal
from pathlib import Path
from cchc_desktop import atomic
from cchc_desktop.services.drafts import DraftStore, checkin_key

def die(tmp, target):
    os.kill(os.getpid(), signal.SIGKILL)
atomic._replace = die
key = checkin_key(3, "T1", "2022-Q3", "", "result")
DraftStore(Path({str(path)!r}), "db").save(key, "Bản sau", "")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == -9
    assert [d.text for d in _store(path).drafts()] == ["Bản đầu"]
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # the stray


def test_stale_and_moot_drafts() -> None:
    draft = Draft(KEY, text="Đã tổ chức 3 lớp", base="Đang chuẩn bị")
    assert not draft.is_stale("Đang chuẩn bị")
    assert draft.is_stale("Đã xong, người khác nhập")
    assert draft.is_moot("Đã tổ chức 3 lớp")
    assert not draft.is_moot("Đang chuẩn bị")


def test_saved_at_is_shown_in_local_time() -> None:
    draft = Draft(KEY, "x", saved_at="2022-08-20T08:15:02+00:00")
    import datetime as dt

    local = dt.datetime(2022, 8, 20, 8, 15, 2, tzinfo=dt.UTC).astimezone()
    assert drafts.saved_at_local(draft) == f"{local:%H:%M} ngày {local:%d/%m/%Y}"
    assert drafts.saved_at_local(Draft(KEY, "x", saved_at="not a time")) == ""


def test_where_the_drafts_live(tmp_path: Path) -> None:
    assert drafts.file_for_database(tmp_path / "office" / "cchc.sqlite") == (
        tmp_path.resolve() / "office" / "drafts" / "cchc.json"
    )
    url = "postgresql+psycopg://van_thu:bi-mat@10.0.0.5:5432/cchc_so"
    server = drafts.file_for_server(url, tmp_path / "data")
    assert server.parent == tmp_path / "data" / "drafts"
    assert server.name.startswith("server-10.0.0.5-cchc_so-") and server.suffix == ".json"
    assert "bi-mat" not in str(server)
    # Keyed by the URL without its password: a new password finds the same drafts.
    assert server == drafts.file_for_server(url.replace("bi-mat", "moi"), tmp_path / "data")
    assert server != drafts.file_for_server(url.replace("cchc_so", "khac"), tmp_path / "data")
    assert drafts.url_without_password(url) == "postgresql+psycopg://van_thu@10.0.0.5:5432/cchc_so"
    assert drafts.url_without_password("postgresql:///cchc") == "postgresql:///cchc"


def test_which_store_a_database_gets(tmp_path: Path) -> None:
    data = tmp_path / "data"
    local = drafts.store_for_database(
        tmp_path / "cchc.sqlite", "sqlite:///x", read_only=False, server=False, data_folder=data
    )
    assert local is not None and local.path == tmp_path.resolve() / "drafts" / "cchc.json"
    # A read-only database (storage/read_only.py) writes nothing, drafts included.
    read_only = drafts.store_for_database(
        tmp_path / "cchc.sqlite", "sqlite:///x", read_only=True, server=False, data_folder=data
    )
    assert read_only is None
    url = "postgresql+psycopg://van_thu:bi-mat@db.so.local/cchc"
    server = drafts.store_for_database(None, url, read_only=False, server=True, data_folder=data)
    assert server is not None and server.path.parent == data / "drafts"
    assert server.database == "postgresql+psycopg://van_thu@db.so.local/cchc"
    server.save(KEY, "Đã tổ chức", base="")
    assert "bi-mat" not in server.path.read_text(encoding="utf-8")
    memory = drafts.store_for_database(
        None, "sqlite://", read_only=False, server=False, data_folder=data
    )
    assert memory is None
