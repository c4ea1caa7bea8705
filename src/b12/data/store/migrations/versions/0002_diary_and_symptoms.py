"""diary entries, and symptoms on persons

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("persons", schema=None) as batch_op:
        # Existing persons have no symptoms recorded: an empty list.
        batch_op.add_column(
            sa.Column("symptoms", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    op.create_table(
        "diary_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("meal", sa.String(length=40), nullable=True),
        sa.Column("food_key", sa.String(length=40), nullable=False),
        sa.Column("food_name", sa.String(length=200), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_diary_entries_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_entries")),
    )
    with op.batch_alter_table("diary_entries", schema=None) as batch_op:
        batch_op.create_index("ix_diary_entries_person_date", ["person_id", "date"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("diary_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_diary_entries_person_date")
    op.drop_table("diary_entries")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_column("symptoms")
