"""the flag a lab prints beside a result (H, L, HH, LL, A)

Lab results gain an optional ``flag`` column, shown beside the value for the clinician and never
read by the rules. Existing results keep NULL (no flag recorded).

Revision ID: 0007_lab_flag
Revises: 0006_clinical_history
Create Date: 2026-12-05 04:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_lab_flag"
down_revision: str | None = "0006_clinical_history"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("lab_results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flag", sa.String(length=2), nullable=True))


def downgrade() -> None:
    """Revert this revision; refused while a result has a flag, which would be lost silently."""
    results = sa.table("lab_results", sa.column("flag", sa.String()))
    flagged = op.get_bind().execute(
        sa.select(sa.func.count()).select_from(results).where(results.c.flag.is_not(None))
    )
    if flagged.scalar_one():
        raise RuntimeError("lab results have flags the older schema cannot hold; export them first")
    with op.batch_alter_table("lab_results", schema=None) as batch_op:
        batch_op.drop_column("flag")
