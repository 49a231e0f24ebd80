"""Several clerks on one report (issue 19, item 2): the period report record (0004) gets
the version and edited_by columns check-ins and tasks have (0008), so that a save over
another clerk's newer save is refused instead of silently overwriting it.

The report's change-counter triggers of 0004 stay: ``ADD COLUMN`` keeps the table (on
SQLite too, no rebuild), so its triggers go on bumping the counter the windows poll.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("report", sa.Column("version", sa.Integer(), nullable=False,
                                      server_default="1"))  # fmt: skip
    op.add_column("report", sa.Column("edited_by", sa.String(), nullable=False,
                                      server_default=""))  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("report") as batch:
        batch.drop_column("edited_by")
        batch.drop_column("version")
