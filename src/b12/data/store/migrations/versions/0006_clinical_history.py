"""clinical history of the person file: surgery, dialysis, symptom course, condition dates,
gestational age, ethnicity; diet names up to 32 characters

Persons gain JSON columns for operations (``surgery``), ``dialysis``, the course of each symptom
and the dates of each condition, and columns for the weeks of pregnancy and the optional ethnic
group (read only for NICE NG239's note on the total-B12 reference range). ``diet`` widens to 32
characters for ``lacto_ovo_vegetarian``. Existing persons get empty lists and nulls: they are
assessed exactly as before.

Revision ID: 0006_clinical_history
Revises: 0005
Create Date: 2026-12-04 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_clinical_history"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_LISTS = ("surgery", "symptom_course", "condition_dates")


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("persons", schema=None) as batch_op:
        for name in _LISTS:
            batch_op.add_column(
                sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
            )
        batch_op.add_column(sa.Column("dialysis", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("gestational_age_weeks", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("ethnicity", sa.String(length=16), nullable=True))
        batch_op.alter_column(
            "diet", existing_type=sa.String(length=16), type_=sa.String(length=32)
        )


def downgrade() -> None:
    """Revert this revision: operations, symptom courses and condition dates are dropped; refused
    while a person has a diet name longer than 16 characters, dialysis, a gestational age or an
    ethnic group, which would otherwise change their assessment without a trace."""
    persons = sa.table(
        "persons",
        sa.column("diet", sa.String()),
        sa.column("dialysis", sa.JSON()),
        sa.column("gestational_age_weeks", sa.Float()),
        sa.column("ethnicity", sa.String()),
    )
    # Read in Python: a JSON null may be stored as the text 'null' rather than SQL NULL.
    rows = op.get_bind().execute(sa.select(*persons.c)).all()
    kept = sum(
        1
        for diet, dialysis, weeks, ethnicity in rows
        if len(diet or "") > 16 or dialysis is not None or weeks is not None or ethnicity
    )
    if kept:
        raise RuntimeError(
            f"{kept} persons have clinical-history fields the older schema cannot hold; "
            "export them first"
        )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.alter_column(
            "diet", existing_type=sa.String(length=32), type_=sa.String(length=16)
        )
        for name in ("ethnicity", "gestational_age_weeks", "dialysis", *_LISTS):
            batch_op.drop_column(name)
