"""Initial schema: organization, plan, units, sections, paragraphs, recipients, tasks,
check-ins and evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=False, server_default="")


def _plan_fk() -> sa.Column:
    return sa.Column(
        "plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False,
        index=True,
    )


def _position() -> sa.Column:
    return sa.Column("position", sa.Integer(), nullable=False, server_default="0")


def upgrade() -> None:
    op.create_table(
        "organization",
        _id(),
        _text("parent"),
        _text("name"),
        _text("abbreviation"),
        _text("place"),
        sa.Column("cutoff_day", sa.Integer(), nullable=False, server_default="15"),
    )
    op.create_table(
        "plan",
        _id(),
        sa.Column("organization_id", sa.Integer(), sa.ForeignKey("organization.id"),
                  nullable=False, index=True),
        sa.Column("year", sa.Integer(), nullable=False),
        _text("number"),
        _text("symbol"),
        _text("issued_on"),
        _text("doc_type"),
        _text("title"),
        _text("archive"),
        _text("signer_authority"),
        _text("signer_title"),
        _text("signer_name"),
        _text("appendix_title"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "unit",
        _id(),
        _plan_fk(),
        _position(),
        sa.Column("name", sa.String(), nullable=False),
        _text("short"),
        sa.Column("kind", sa.String(), nullable=False, server_default="unit"),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.UniqueConstraint("plan_id", "name"),
    )
    op.create_table(
        "section",
        _id(),
        _plan_fk(),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("section.id", ondelete="CASCADE"),
                  nullable=True, index=True),
        _position(),
        _text("heading"),
    )
    op.create_table(
        "paragraph",
        _id(),
        _plan_fk(),
        sa.Column("part", sa.String(), nullable=False, server_default="section"),
        sa.Column("section_id", sa.Integer(), sa.ForeignKey("section.id", ondelete="CASCADE"),
                  nullable=True, index=True),
        _position(),
        sa.Column("style", sa.String(), nullable=False, server_default="plain"),
        _text("text"),
    )
    op.create_table(
        "recipient",
        _id(),
        _plan_fk(),
        _position(),
        _text("name"),
        _text("note"),
    )
    op.create_table(
        "task",
        _id(),
        _plan_fk(),
        _position(),
        sa.Column("key", sa.String(), nullable=False),
        _text("group"),
        _text("name"),
        _text("product"),
        sa.Column("timeframe_kind", sa.String(), nullable=False, server_default="year"),
        _text("timeframe_label"),
        _text("timeframe_values"),
        sa.Column("target_quantity", sa.Float(), nullable=True),
        _text("target_unit"),
        _text("note"),
        sa.UniqueConstraint("plan_id", "key"),
    )
    op.create_table(
        "task_unit",
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id", ondelete="RESTRICT"),
                  primary_key=True, index=True),
        sa.Column("role", sa.String(), primary_key=True),
        _position(),
    )
    op.create_table(
        "checkin",
        _id(),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, server_default="not_started"),
        sa.Column("progress", sa.Integer(), nullable=False, server_default="0"),
        _text("result"),
        sa.Column("achieved", sa.Float(), nullable=True),
        _text("difficulties"),
        _text("proposals"),
        sa.Column("reported_by_id", sa.Integer(), sa.ForeignKey("unit.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("task_id", "period"),
    )
    op.create_table(
        "evidence",
        _id(),
        sa.Column("checkin_id", sa.Integer(), sa.ForeignKey("checkin.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        _position(),
        _text("title"),
        _text("file"),
    )
