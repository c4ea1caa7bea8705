"""Issue 13 item 8: the audit trail cannot be altered, and existing users get a role on upgrade.

Run on SQLite and a real PostgreSQL server: UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit
rows are refused by the database itself, whoever sends them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from b12.data.store import Store, upgrade
from b12.services import audit, users


def _rows(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(sa.text("SELECT * FROM audit_events"))]


def test_the_audit_trail_refuses_update_and_delete(store: Store) -> None:
    users.create_user(store, "auditor", users.Role.ADMIN)
    before = _rows(store)
    assert before, "creating a user is audited"
    statements = [
        "UPDATE audit_events SET actor = 'someone-else'",
        "UPDATE audit_events SET at = NULL",
        "DELETE FROM audit_events",
    ]
    if store.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE audit_events")
    for statement in statements:
        with pytest.raises(DBAPIError, match="audit trail"), store.engine.begin() as connection:
            connection.execute(sa.text(statement))
    assert _rows(store) == before


def test_existing_users_become_admins_on_upgrade(database_url: str) -> None:
    store = Store(database_url)
    try:
        upgrade(store, "0003")
        created = dt.datetime(2026, 1, 5)  # naive UTC, as SQLite keeps it
        with store.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO users (name, token_salt, token_hash, created_at)"
                    " VALUES ('veteran', 's', 'h', :at)"
                ),
                {"at": created},
            )
        upgrade(store)
        (user,) = users.list_users(store)
        assert (user.name, user.role) == ("veteran", users.Role.ADMIN)
        # the token lifetime counts from the upgrade, so no existing token expires at once
        assert user.token_expires_at > dt.datetime.now(dt.UTC) + dt.timedelta(days=89)
        assert audit.list_events(store) == []
    finally:
        store.dispose()


def test_on_postgresql_the_migrating_role_loses_update_and_delete(
    make_postgres_database: Callable[[], str],
) -> None:
    """Privileges too: b12 run as a non-superuser role that owns its database cannot alter the
    trail even with the triggers disabled (the migration revoked UPDATE/DELETE/TRUNCATE from it)."""
    import psycopg

    admin_url = make_postgres_database()
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    role = f"b12_app_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"CREATE ROLE {role} LOGIN")
        connection.execute(f"GRANT CREATE ON SCHEMA public TO {role}")
    store = Store(admin_url.replace("//postgres@", f"//{role}@"))
    try:
        upgrade(store)
        users.create_user(store, "auditor", users.Role.ADMIN)
        before = _rows(store)
        with store.engine.begin() as connection:
            connection.execute(sa.text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        for statement in ("UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"):
            with pytest.raises(DBAPIError, match="permission denied"), store.engine.begin() as c:
                c.execute(sa.text(statement))
        assert _rows(store) == before
    finally:
        store.dispose()
