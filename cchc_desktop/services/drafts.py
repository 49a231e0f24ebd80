"""Drafts of text being typed, kept on disk so that a crash or a power cut loses nothing.

The window stores a field when the clerk leaves it (issue 17, point 5: a result typed for
three seconds and then a ``kill -9`` was gone). While the clerk types, the window keeps the
text here a moment after the last keystroke; the draft goes when the field is stored
normally or the clerk discards it, and a draft found at the next start is offered back.

One small JSON file per database, written atomically (a kill during the write leaves the
previous file)::

    {"format": "cchc-drafts", "version": 1, "database": "/data/cchc.sqlite",
     "drafts": [{"plan": 1, "record": "checkin", "id": ["T1", "2022-Q3", ""],
                 "field": "result", "label": "Nhiệm vụ 1. … · Quý III/2022 · Kết quả",
                 "base": "", "text": "Đã tổ chức 3 lớp", "saved_at": "2022-08-20T08:15:02+00:00"}]}

``base`` is the stored value the typing started from: when the stored value differs from it
at recovery, someone (the clerk, an undo, another clerk on the server) changed the field
since, and the draft is still offered but marked as such. This module knows no Qt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from cchc_desktop.atomic import write_atomic

log = logging.getLogger(__name__)

FORMAT = "cchc-drafts"
VERSION = 1
FOLDER = "drafts"

# The kinds of record a draft belongs to, and what their ``id`` holds.
CHECKIN = "checkin"  # id: (task key, period "2022-Q3", unit "" for the lead's answer)
SECTION = "section"  # id: (section id,); field "body.<row>": one paragraph of its body
TASK = "task"  # id: (task id,); field "name", "product"…
PLAN = "plan"  # id: (plan id,); field "title", "preamble.<row>", "closing.<row>"


@dataclass(frozen=True, slots=True)
class DraftKey:
    """Which field of which record: at most one draft per key."""

    plan: int
    record: str
    id: tuple[str, ...]
    field: str


@dataclass(frozen=True, slots=True)
class Draft:
    key: DraftKey
    text: str  # what the clerk had typed
    base: str = ""  # the stored value when the typing started
    label: str = ""  # what the prompt names: the task (or section) and the field
    saved_at: str = field(default="")  # ISO time, UTC

    def is_stale(self, stored: str) -> bool:
        """The stored value changed since the typing started (still offered, said so)."""
        return stored != self.base

    def is_moot(self, stored: str) -> bool:
        """Nothing to recover: what was typed is what is stored."""
        return stored == self.text


def checkin_key(plan: int, task: str, period: str, unit: str, field_name: str) -> DraftKey:
    return DraftKey(plan, CHECKIN, (task, period, unit), field_name)


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def saved_at_local(draft: Draft) -> str:
    """ "08:15 ngày 20/08/2022" in local time; "" when the time cannot be read."""
    try:
        at = dt.datetime.fromisoformat(draft.saved_at)
    except ValueError:
        return ""
    local = (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone()
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


# -- where -----------------------------------------------------------------------------------
def file_for_database(db_path: Path) -> Path:
    """``<database folder>/drafts/<database name>.json``: beside the data it belongs to, so
    that copying the folder copies the drafts and two databases never share one file."""
    path = Path(db_path).resolve()
    return path.parent / FOLDER / f"{path.stem}.json"


def url_without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, f"{user}{host}", parts.path, parts.query, parts.fragment))


def file_for_server(url: str, data_folder: Path) -> Path:
    """A server database (issue 19) has no folder of its own: the drafts stay on this PC, in
    the data folder, one file per server database (the password never in the name)."""
    clean = url_without_password(url)
    parts = urlsplit(clean)
    where = f"{parts.hostname or ''}-{parts.path.strip('/')}"
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", where).strip("-")
    digest = hashlib.sha256(clean.encode("utf-8")).hexdigest()[:12]
    return data_folder / FOLDER / f"server-{readable or 'db'}-{digest}.json"


# -- reading and writing ---------------------------------------------------------------------
class DamagedDraftsError(ValueError):
    """The drafts file is not what this module writes (cut short, edited, a newer format)."""


def parse(data: bytes) -> list[Draft]:
    """The drafts of a file's bytes; :class:`DamagedDraftsError` when they make no sense."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DamagedDraftsError(f"not JSON: {err}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DamagedDraftsError("not a drafts file")
    if document.get("version") != VERSION:
        raise DamagedDraftsError(f"unknown version {document.get('version')!r}")
    entries = document.get("drafts")
    if not isinstance(entries, list):
        raise DamagedDraftsError("'drafts' is not a list")
    return [_draft_from(entry, number) for number, entry in enumerate(entries)]


def _draft_from(entry: Any, number: int) -> Draft:
    where = f"drafts[{number}]"
    if not isinstance(entry, dict):
        raise DamagedDraftsError(f"{where} is not an object")
    plan, record, ident, name = (entry.get(k) for k in ("plan", "record", "id", "field"))
    texts = {k: entry.get(k, "") for k in ("text", "base", "label", "saved_at")}
    if (
        not isinstance(plan, int)
        or isinstance(plan, bool)
        or not isinstance(record, str)
        or not isinstance(name, str)
        or not isinstance(ident, list)
        or not all(isinstance(part, str) for part in ident)
        or not all(isinstance(value, str) for value in texts.values())
    ):
        raise DamagedDraftsError(f"{where} has a missing or wrong field")
    return Draft(DraftKey(plan, record, tuple(ident), name), **texts)


def serialize(drafts: Sequence[Draft], database: str) -> bytes:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "database": database,
        "drafts": [
            {
                "plan": d.key.plan,
                "record": d.key.record,
                "id": list(d.key.id),
                "field": d.key.field,
                "label": d.label,
                "base": d.base,
                "text": d.text,
                "saved_at": d.saved_at,
            }
            for d in drafts
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _write_durably(target: Path, data: bytes) -> None:
    """Atomically, and on the disk before the rename: a power cut just after a draft was
    saved must find it (a rename can reach the disk before the data it names)."""

    def writer(tmp: Path) -> None:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())

    write_atomic(target, writer)
    if os.name == "posix":  # the rename itself, recorded in the folder
        with contextlib.suppress(OSError):
            folder = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)


class DraftStore:
    """The drafts of one database, read once and written through at each change.

    One window writes one database (the writer lock), so the file has one writer; what is
    in memory is what is on disk.
    """

    def __init__(
        self,
        path: Path,
        database: str,
        clock: Callable[[], str] = now_text,
    ) -> None:
        self.path = Path(path)
        self.database = database  # recorded in the file, for whoever finds it
        self._clock = clock
        self._drafts: dict[DraftKey, Draft] | None = None
        self.set_aside: Path | None = None  # where a damaged file was moved

    def _loaded(self) -> dict[DraftKey, Draft]:
        if self._drafts is None:
            self._drafts = {d.key: d for d in self._read()}
        return self._drafts

    def _read(self) -> list[Draft]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as err:
            log.warning("drafts file %s cannot be read: %s", self.path, err)
            return []
        try:
            return parse(data)
        except DamagedDraftsError as err:
            self._set_aside(err)
            return []

    def _set_aside(self, err: DamagedDraftsError) -> None:
        """A damaged file never stops the window: moved out of the way (kept for support),
        said in the log, and the window goes on with no drafts."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            os.replace(self.path, aside)
            self.set_aside = aside
        except OSError as move_err:
            log.warning("damaged drafts file %s cannot be moved: %s", self.path, move_err)
        log.warning("drafts file %s is damaged (%s); set aside as %s", self.path, err, aside.name)

    def drafts(self, plan: int | None = None) -> list[Draft]:
        """The drafts (of ``plan``), oldest first."""
        found = [d for d in self._loaded().values() if plan is None or d.key.plan == plan]
        return sorted(found, key=lambda d: d.saved_at)

    def get(self, key: DraftKey) -> Draft | None:
        return self._loaded().get(key)

    def save(self, key: DraftKey, text: str, base: str, label: str = "") -> Draft:
        """Keep ``text`` as the draft of ``key``; ``base`` is the stored value the typing
        started from. Written only when something changed."""
        drafts = self._loaded()
        earlier = drafts.get(key)
        draft = Draft(key, text, base, label, self._clock())
        if earlier is not None and replace(earlier, saved_at="") == replace(draft, saved_at=""):
            return earlier
        drafts[key] = draft
        self._flush()
        return draft

    def remove(self, key: DraftKey) -> bool:
        """Forget the draft of ``key`` (stored normally, or discarded); True if there was one."""
        drafts = self._loaded()
        if drafts.pop(key, None) is None:
            return False
        self._flush()
        return True

    def _flush(self) -> None:
        drafts = self.drafts()
        if not drafts:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _write_durably(self.path, serialize(drafts, self.database))


def store_for_database(
    path: Path | None, url: str, *, read_only: bool, server: bool, data_folder: Path
) -> DraftStore | None:
    """Where a database's drafts go: beside a file database, in this PC's data folder for a
    server one; none for a read-only database (nothing may be written for it) or an
    in-memory one."""
    if read_only:
        return None
    if path is not None:
        return DraftStore(file_for_database(path), str(Path(path).resolve()))
    if not server:
        return None
    return DraftStore(file_for_server(url, data_folder), url_without_password(url))
