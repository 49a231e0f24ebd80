"""The plan .docx as the office wrote it (issue 15): the "in phụ lục nhiệm vụ" setting and
its reference sentence, untitled khoản/điểm, an office's extra appendix columns.

Plans stored before this revision print their appendix when the office gave it a title
(the plans that had none got an invented one printed); sub-sections whose heading is a
sentence become untitled items; the other new columns start empty.

Revision ID: 0005
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0008"
branch_labels = None
depends_on = None

REFERENCE = "(Chi tiết tại Phụ lục kèm theo Kế hoạch này)"


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: batch mode copies and drops the table, and dropping
    # "plan" or "task" would cascade to every row that refers to them.
    op.add_column(
        "plan", sa.Column("print_appendix", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column(
        "plan",
        sa.Column("appendix_reference", sa.String(), nullable=False, server_default=REFERENCE),
    )
    op.add_column(
        "plan", sa.Column("extra_columns", sa.String(), nullable=False, server_default="")
    )
    op.execute("UPDATE plan SET print_appendix = (trim(appendix_title) != '')")
    op.add_column(
        "section", sa.Column("kind", sa.String(), nullable=False, server_default="heading")
    )
    # Sections stored before: a khoản/điểm whose "heading" is a sentence is an untitled item
    # (the rule of cchc_desktop.domain.section_kind.sentence_like, for sub-sections).
    op.execute(
        "UPDATE section SET kind = 'item' WHERE parent_id IS NOT NULL AND ("
        "length(trim(heading)) > 120 OR ((trim(heading) LIKE '%.' OR trim(heading) LIKE '%;')"
        " AND length(trim(heading)) > 60))"
    )
    op.add_column("task", sa.Column("extra", sa.String(), nullable=False, server_default=""))
