"""the person file of the clinical judgment: censored results, specimen ids, antibody results

Lab results gain ``comparator`` (a censored result such as '>1476 pmol/L') and ``specimen_id``
(results of one sample); qualitative intrinsic-factor and parietal-cell antibody results get a table
of their own, dated and with a specimen id, so they group by sample with the lab results.
Medications need no change: they are a JSON list on persons, and a medicine stored before this
revision simply has no ``route`` or ``stop_date`` (unknown route, still taken).

Revision ID: 0004_judgment_person_file
Revises: 0003
Create Date: 2026-12-04 17:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_judgment_person_file"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("lab_results", schema=None) as batch_op:
        # Existing results were all exact numbers from an unknown sample: both stay empty.
        batch_op.add_column(sa.Column("comparator", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("specimen_id", sa.String(length=64), nullable=True))
    op.create_table(
        "antibody_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("analyte", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("value", sa.String(length=16), nullable=False),
        sa.Column("specimen_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_antibody_results_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_antibody_results")),
    )
    with op.batch_alter_table("antibody_results", schema=None) as batch_op:
        batch_op.create_index(
            "ix_antibody_results_person_date", ["person_id", "date"], unique=False
        )


def downgrade() -> None:
    """Revert this revision (antibody results and specimen ids are lost).

    Refused while a censored result is stored: without its comparator '>1476' would read as
    exactly 1476.
    """
    censored = op.get_bind().execute(
        sa.text("SELECT COUNT(*) FROM lab_results WHERE comparator IS NOT NULL")
    )
    count = censored.scalar() or 0
    if count:
        raise RuntimeError(
            f"{count} censored lab result(s) (e.g. '>1476') would read as exact numbers before "
            "this revision; correct or delete them first"
        )
    with op.batch_alter_table("antibody_results", schema=None) as batch_op:
        batch_op.drop_index("ix_antibody_results_person_date")
    op.drop_table("antibody_results")
    with op.batch_alter_table("lab_results", schema=None) as batch_op:
        batch_op.drop_column("specimen_id")
        batch_op.drop_column("comparator")
