"""Period reports: the office's own words on each report of a plan (number, date, Kính gửi,
Nơi nhận, signer, narrative), and whether a check-in's difficulties and proposals go to the
level above or stay internal.

Revision ID: 0004
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0005"
branch_labels = None
depends_on = None

BUMP = "UPDATE change_counter SET value = value + 1 WHERE id = 1"  # as in 0008


def upgrade() -> None:
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=False, server_default=""),
        sa.Column("issued_on", sa.String(), nullable=False, server_default=""),
        sa.Column("addressees", sa.String(), nullable=False, server_default="[]"),
        sa.Column("recipients", sa.String(), nullable=False, server_default="[]"),
        sa.Column("signer_authority", sa.String(), nullable=True),
        sa.Column("signer_title", sa.String(), nullable=False, server_default=""),
        sa.Column("signer_name", sa.String(), nullable=False, server_default=""),
        sa.Column("narrative", sa.String(), nullable=False, server_default="{}"),
        sa.Column("basis", sa.String(), nullable=False, server_default="{}"),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("plan_id", "period"),
    )  # fmt: skip
    # A clerk's edit of a report moves the change counter of server mode (0008), as an edit
    # of any other table does: the other clerks' windows see it.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            'CREATE TRIGGER "report_changed" AFTER INSERT OR UPDATE OR DELETE ON "report" '
            "FOR EACH STATEMENT EXECUTE FUNCTION cchc_bump_change_counter()"
        )
    else:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f'CREATE TRIGGER "report_{event.lower()}_changed" AFTER {event} ON "report" '
                f"BEGIN {BUMP}; END"
            )
    with op.batch_alter_table("checkin") as batch:
        batch.add_column(
            sa.Column("difficulties_scope", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("proposals_scope", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("checkin") as batch:
        batch.drop_column("proposals_scope")
        batch.drop_column("difficulties_scope")
    op.drop_table("report")  # its triggers go with it
