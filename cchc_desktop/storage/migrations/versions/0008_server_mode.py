"""Several clerks on one database (issue 19): a version on each check-in and task for
optimistic concurrency, who edited it last, and a change counter every write bumps (by
triggers, whatever code path wrote) that the window polls to see other clerks' edits.

Revision ID: 0008
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0003"
branch_labels = None
depends_on = None

# Every table a clerk's edit can touch: a write to any of them moves the counter.
WATCHED = (
    "organization", "plan", "unit", "section", "paragraph", "recipient", "task",
    "task_unit", "checkin", "evidence", "form_dispatch", "form_dispatch_task",
)  # fmt: skip


def upgrade() -> None:
    for table in ("checkin", "task"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))  # fmt: skip
        op.add_column(table, sa.Column("edited_by", sa.String(), nullable=False,
                                       server_default=""))  # fmt: skip
    op.add_column("task", sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.execute("INSERT INTO change_counter (id, value) VALUES (1, 0)")
    bump = "UPDATE change_counter SET value = value + 1 WHERE id = 1"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION cchc_bump_change_counter() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {bump}; RETURN NULL; END $$"
        )
        for table in WATCHED:
            # Once per statement: a bulk insert of a thousand tasks is one bump.
            op.execute(
                f'CREATE TRIGGER "{table}_changed" AFTER INSERT OR UPDATE OR DELETE '
                f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION cchc_bump_change_counter()'
            )
    else:
        for table in WATCHED:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f'CREATE TRIGGER "{table}_{event.lower()}_changed" AFTER {event} '
                    f'ON "{table}" BEGIN {bump}; END'
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f'DROP TRIGGER "{table}_changed" ON "{table}"')
        op.execute("DROP FUNCTION cchc_bump_change_counter()")
    else:
        for table in WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f'DROP TRIGGER "{table}_{event}_changed"')
    op.drop_table("change_counter")
    op.drop_column("task", "edited_at")
    for table in ("checkin", "task"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("edited_by")
            batch.drop_column("version")
