"""Every unit's answer kept (issue 14): a check-in per task × quarter × unit.

``checkin.unit_id`` names the partner unit (phối hợp) whose contribution a row is; NULL is
the task's own answer, given by its lead unit (chủ trì). Every check-in stored before this
revision was the task's answer, so it becomes the lead unit's contribution as it is: the
column starts NULL and nothing else in the row moves (``reported_by_id`` kept).

The one answer per (task, quarter) constraint becomes one per (task, quarter, unit), with a
partial unique index for the lead's answer (NULL is never equal to NULL in a constraint).

SQLite cannot drop a table constraint: the table is rebuilt. Foreign keys are on during
migrations and dropping ``checkin`` would cascade to ``evidence``, so the evidence rows are
kept aside and put back; the change-counter triggers of 0008 go with the old table and are
created again.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0004"
branch_labels = None
depends_on = None

_BUMP = "UPDATE change_counter SET value = value + 1 WHERE id = 1"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()
    op.create_index(
        "ux_checkin_lead_answer",
        "checkin",
        ["task_id", "period"],
        unique=True,
        sqlite_where=sa.text("unit_id IS NULL"),
        postgresql_where=sa.text("unit_id IS NULL"),
    )


def _upgrade_postgresql() -> None:
    op.add_column(
        "checkin",
        sa.Column(
            "unit_id",
            sa.Integer(),
            sa.ForeignKey("unit.id", ondelete="CASCADE"),
            nullable=True,
        ),
    )
    bind = op.get_bind()
    for constraint in sa.inspect(bind).get_unique_constraints("checkin"):
        if sorted(constraint["column_names"]) == ["period", "task_id"] and constraint["name"]:
            op.drop_constraint(constraint["name"], "checkin", type_="unique")
    op.create_unique_constraint(None, "checkin", ["task_id", "period", "unit_id"])


def _upgrade_sqlite() -> None:
    bind = op.get_bind()
    # Plain SQL: alembic's add_column refuses a foreign key on SQLite outside batch mode.
    op.execute("ALTER TABLE checkin ADD COLUMN unit_id INTEGER REFERENCES unit (id) ON DELETE CASCADE")
    # The table as it stands (whatever columns earlier revisions added), with the one
    # constraint changed: rebuilt from its own CREATE statement, rows copied as they are.
    create = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'checkin'")
    ).scalar_one()
    old_unique = re.compile(r"UNIQUE \(task_id, period\)")
    if not old_unique.search(create):
        raise RuntimeError("checkin: the UNIQUE (task_id, period) constraint was not found")
    create = old_unique.sub("UNIQUE (task_id, period, unit_id)", create, count=1)
    create = re.sub(r"^CREATE TABLE \"?checkin\"?", "CREATE TABLE checkin_new", create)
    op.execute("CREATE TEMP TABLE keep_evidence AS SELECT * FROM evidence")
    op.execute(create)
    op.execute("INSERT INTO checkin_new SELECT * FROM checkin")
    for event in ("insert", "update", "delete"):
        op.execute(f'DROP TRIGGER IF EXISTS "checkin_{event}_changed"')
    op.execute("DROP TABLE checkin")  # cascades to evidence: put back below
    op.execute("ALTER TABLE checkin_new RENAME TO checkin")
    op.execute("INSERT INTO evidence SELECT * FROM keep_evidence")
    op.execute("DROP TABLE keep_evidence")
    op.create_index("ix_checkin_task_id", "checkin", ["task_id"])
    for event in ("INSERT", "UPDATE", "DELETE"):
        op.execute(
            f'CREATE TRIGGER "checkin_{event.lower()}_changed" AFTER {event} '
            f'ON "checkin" BEGIN {_BUMP}; END'
        )


def downgrade() -> None:
    # Forward-only in practice (house style); kept for alembic's bookkeeping: partners'
    # contributions cannot fit the one-answer-per-quarter table and are dropped.
    op.drop_index("ux_checkin_lead_answer", "checkin")
    op.execute("DELETE FROM checkin WHERE unit_id IS NOT NULL")
    with op.batch_alter_table("checkin") as batch:
        batch.drop_column("unit_id")
