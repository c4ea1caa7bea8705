"""Alembic environment: runs migrations on the engine handed over by :mod:`b12.data.store.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from b12.data.store.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through b12.data.store.migrate, which passes the engine")

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite alters a table by copying it and dropping the old one; with foreign keys on, that
        # drop would cascade to every child row (a downgrade once deleted all lab results).
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # (outside a transaction, or SQLite ignores the pragma)
        # pysqlite opens a transaction only before INSERT/UPDATE/DELETE, so a downgrade's first
        # DROP TABLE would commit at once and a later step that refuses could not roll it back.
        # Driving the transaction by hand makes every step of one run a single transaction.
        raw = connection.connection.driver_connection
        legacy_isolation = raw.isolation_level  # type: ignore[union-attr]
        raw.isolation_level = None  # type: ignore[union-attr]
    try:
        with connection.begin():
            if sqlite:
                connection.exec_driver_sql("BEGIN")
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,  # SQLite alters tables by copying
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise RuntimeError("a migration left rows that point at no row; rolled back")
    finally:
        if sqlite:
            raw.isolation_level = legacy_isolation  # type: ignore[union-attr]
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
