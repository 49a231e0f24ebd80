"""Unit report forms: which form went to which unit for which quarter, when it came back,
and the fingerprint of each task's check-in when it went out (to detect conflicts).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_dispatch",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("form_id", sa.String(), nullable=False, unique=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False, server_default=""),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "form_dispatch_task",
        sa.Column("dispatch_id", sa.Integer(),
                  sa.ForeignKey("form_dispatch.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"),
                  primary_key=True, index=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("baseline", sa.String(), nullable=False, server_default=""),
    )
