"""roles of users, token issue dates, server-side web sessions, and the append-only audit trail

Existing users become **admin**: before this revision every token could do everything, so admin
keeps existing installations working (their users can still delete persons and manage users);
demote them afterwards with `b12 users role NAME clinician|read-only`. Their token lifetime counts
from this upgrade, so no existing token expires at once.

The audit trail refuses UPDATE and DELETE in the database itself: triggers on SQLite and
PostgreSQL (there also TRUNCATE), and on PostgreSQL UPDATE, DELETE and TRUNCATE are revoked from
PUBLIC and from the role that runs the migration.

Revision ID: 0005
Revises: 0004_judgment_person_file
Create Date: 2026-12-04 18:00:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004_judgment_person_file"
branch_labels: str | None = None
depends_on: str | None = None

REFUSAL = "the audit trail cannot be changed or deleted"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_events_no_{what} BEFORE {what.upper()} ON audit_events
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"""
    for what in ("update", "delete")
]
POSTGRES_TRIGGERS = [
    f"""CREATE FUNCTION audit_events_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$""",
    """CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse()""",
    """CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse()""",
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC",
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM CURRENT_USER",
]


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=16), nullable=False, server_default="admin")
        )
        batch_op.add_column(sa.Column("token_issued_at", sa.DateTime(timezone=True)))
    users = sa.table("users", sa.column("token_issued_at", sa.DateTime(timezone=True)))
    op.execute(users.update().values(token_issued_at=dt.datetime.now(dt.UTC)))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("role", server_default=None)
        batch_op.alter_column(
            "token_issued_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_web_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_web_sessions_key_hash")),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index("ix_audit_events_at", "audit_events", ["at"])
    op.create_index("ix_audit_events_actor_at", "audit_events", ["actor", "at"])
    op.create_index("ix_audit_events_person_id", "audit_events", ["person_id"])
    op.create_index("ix_audit_events_record", "audit_events", ["record_type", "record_id"])
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    """Revert this revision (the audit trail is dropped with its table)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_events")  # its triggers go with it
        op.execute("DROP FUNCTION audit_events_refuse()")
    else:
        op.execute("DROP TRIGGER audit_events_no_update")
        op.execute("DROP TRIGGER audit_events_no_delete")
        op.drop_table("audit_events")
    op.drop_table("web_sessions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("token_issued_at")
        batch_op.drop_column("role")
