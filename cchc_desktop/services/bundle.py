"""A backup of every plan as one JSON file (issue 19, item 4): what ``cchc backup`` writes
in server mode (a PostgreSQL database has no file to copy) and ``cchc restore`` reads back.
Works on either engine, so it also moves an office's plans from SQLite to a server.

Format: ``{"format": "cchc-backup", "version": 1, "plans": [<cchc-plan v1>, …]}``, each
plan exactly as ``cchc export-json`` writes it. Evidence files are not inside: they live in
the ``evidence/`` folder on the clerks' PCs and are copied with it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel

from cchc_desktop.domain.model import Plan
from cchc_desktop.errors import InvalidFileError
from cchc_desktop.storage.database import Database

FORMAT = "cchc-backup"
VERSION = 1
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
# Never emptied by a restore: the schema revision and the change counter.
_KEPT = {"alembic_version", "change_counter"}


def dump_bundle(db: Database) -> tuple[str, int]:
    """Every plan in one snapshot, as the bundle's JSON text; and how many plans."""
    from cchc_desktop.interchange import FORMAT as PLAN_FORMAT
    from cchc_desktop.interchange import VERSION as PLAN_VERSION
    from cchc_desktop.interchange.plan_json_write import plan_to_dict
    from cchc_desktop.services.plan_read import list_plans, read_plan

    with db.reader() as s:
        ids = sorted(item.id for item in list_plans(db))
        plans = [read_plan(s, plan_id) for plan_id in ids]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "plans": [
            {"format": PLAN_FORMAT, "version": PLAN_VERSION, **plan_to_dict(p)} for p in plans
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", len(plans)


def write_bundle(db: Database, path: Path) -> int:
    """Write the bundle atomically; returns the number of plans."""
    from cchc_desktop.atomic import write_bytes_atomic

    text, count = dump_bundle(db)
    write_bytes_atomic(Path(path), text.encode("utf-8"))
    return count


def read_bundle(path: Path) -> list[Plan]:
    """Every plan of a bundle, all validated before anything is stored."""
    from cchc_desktop.interchange import parse_plan

    path = Path(path)
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise InvalidFileError("Tệp sao lưu quá lớn.", file=str(path), detail="too large")
        data: Any = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InvalidFileError(
            "Không đọc được tệp sao lưu JSON.", file=str(path), detail=f"not a bundle: {exc}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidFileError(
            "Tệp không phải bản sao lưu của CCHC Desktop (cchc-backup).",
            file=str(path),
            detail=f'format: expected "{FORMAT}"',
        )
    if data.get("version") != VERSION or not isinstance(data.get("plans"), list):
        raise InvalidFileError(
            "Phiên bản tệp sao lưu không được hỗ trợ.",
            file=str(path),
            detail=f"version: expected {VERSION} with a list of plans",
        )
    plans = []
    for i, item in enumerate(data["plans"]):
        try:
            plans.append(parse_plan(item))
        except InvalidFileError as err:
            err.file = str(path)
            err.detail = f"plans[{i}].{err.detail}"
            raise
    return plans


def restore_bundle(db: Database, path: Path) -> list[int]:
    """Replace every plan of ``db`` by those of the bundle, in one transaction (all or
    nothing); returns the new plan ids. The caller backs up what is replaced first."""
    from sqlalchemy import delete

    import cchc_desktop.domain.entities  # noqa: F401  (the tables)
    from cchc_desktop.services.plan_store import insert_plan

    plans = read_bundle(path)
    with db.session() as s:
        for table in reversed(SQLModel.metadata.sorted_tables):
            if table.name not in _KEPT:
                s.execute(delete(table))
        return [insert_plan(s, plan) for plan in plans]


KEEP_DAILY_BUNDLES = 14
_DAILY_PREFIX = "cchc-may-chu"


def _daily_name(db: Database, day: dt.date) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(db.url)
    # One series per server and database: a clerk who works on two keeps both.
    where = "-".join(str(p) for p in (url.host, url.port, url.database) if p)
    slug = "".join(ch if ch.isalnum() else "-" for ch in where).strip("-") or "db"
    return f"{_DAILY_PREFIX}-{slug}-{day.isoformat()}.json"


def daily_server_backup(
    db: Database, folder: Path, *, now: dt.datetime | None = None
) -> Path | None:
    """Server mode's daily backup on the clerk's PC (issue 19, item 4): the first start of
    a day writes every plan as one bundle into ``folder``; the newest
    ``KEEP_DAILY_BUNDLES`` of this server are kept. Returns the file made, or None (today's
    exists already)."""
    day = (now or dt.datetime.now()).date()
    target = Path(folder) / _daily_name(db, day)
    if target.exists():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bundle(db, target)
    series = sorted(target.parent.glob(_daily_name(db, day).replace(day.isoformat(), "*")))
    for old in series[:-KEEP_DAILY_BUNDLES]:
        old.unlink(missing_ok=True)
    return target
