"""Alembic environment: runs migrations on the engine handed over by :mod:`b12.data.store.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from b12.data.store.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through b12.data.store.migrate, which passes the engine")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
