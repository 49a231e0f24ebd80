"""Plan-level use cases: import a whole plan, the sample plan on first start.

The window calls :func:`ensure_sample_plan` before its first paint; on every start but the
first it only asks whether there is a plan, so the writer (and the table classes it needs)
is imported when a plan is actually stored.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cchc_desktop.domain.model import Plan
from cchc_desktop.logs import counts
from cchc_desktop.services.plan_read import has_plans
from cchc_desktop.storage.database import Database

log = logging.getLogger(__name__)


def import_plan(db: Database, plan: Plan, *, source: Path | None = None) -> int:
    """Store an imported plan in one transaction, after a backup of what was there.
    ``source`` is the file it was read from, for the log."""
    if db.path is not None and db.path.exists() and has_plans(db):
        from cchc_desktop.storage.backup import backup_before

        backup_before(db.path, "truoc-nhap")
    from cchc_desktop.services.plan_store import insert_plan

    with db.session() as s:
        plan_id = insert_plan(s, plan)
    log.info(
        "imported plan %d (%s %s) from %s: %s",
        plan_id,
        plan.number_symbol.strip(),
        plan.year,
        source or "(no file)",
        counts(plan),
    )
    return plan_id


def ensure_sample_plan(db: Database, sample: Path) -> int | None:
    """Give an empty database the sample plan so a newcomer sees a real plan at once."""
    if has_plans(db) or not sample.exists():
        return None
    from cchc_desktop.interchange import read_plan_file

    return import_plan(db, read_plan_file(sample), source=sample)
