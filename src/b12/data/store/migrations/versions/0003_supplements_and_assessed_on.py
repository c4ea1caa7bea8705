"""diary supplements, and the assessment date on persons

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("persons", schema=None) as batch_op:
        # Existing persons have no assessment date: they are assessed as before (latest lab date).
        batch_op.add_column(sa.Column("assessed_on", sa.Date(), nullable=True))
    op.create_table(
        "diary_supplements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("supplement", sa.String(length=200), nullable=False),
        sa.Column("ug_per_dose", sa.Float(), nullable=False),
        sa.Column("doses_per_day", sa.Float(), nullable=True),
        sa.Column("doses_per_week", sa.Float(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("meal", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_diary_supplements_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_supplements")),
    )
    with op.batch_alter_table("diary_supplements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_diary_supplements_person_date", ["person_id", "date"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("diary_supplements", schema=None) as batch_op:
        batch_op.drop_index("ix_diary_supplements_person_date")
    op.drop_table("diary_supplements")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_column("assessed_on")
