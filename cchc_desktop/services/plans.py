"""Plan-level use cases: import a whole plan, the sample plan on first start."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from cchc_desktop.domain.entities import PlanRow
from cchc_desktop.domain.model import Plan
from cchc_desktop.services.plan_store import insert_plan
from cchc_desktop.storage.database import Database


def has_plans(db: Database) -> bool:
    with db.reader() as s:
        return s.exec(select(PlanRow.id).limit(1)).first() is not None


def import_plan(db: Database, plan: Plan) -> int:
    """Store an imported plan in one transaction, after a backup of what was there."""
    if db.path is not None and db.path.exists() and has_plans(db):
        from cchc_desktop.storage.backup import backup_before

        backup_before(db.path, "truoc-nhap")
    with db.session() as s:
        return insert_plan(s, plan)


def ensure_sample_plan(db: Database, sample: Path) -> int | None:
    """Give an empty database the sample plan so a newcomer sees a real plan at once."""
    if has_plans(db) or not sample.exists():
        return None
    from cchc_desktop.interchange import read_plan_file

    return import_plan(db, read_plan_file(sample))
