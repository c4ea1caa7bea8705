"""Alembic migrations of the records store, run from code (`b12 db upgrade`, app start-up)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from b12.data.store.engine import Store, database_errors

SCRIPT_LOCATION = "b12.data.store:migrations"


def alembic_config(store: Store) -> Config:
    """An Alembic configuration for ``store`` with the migration scripts shipped in the package."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["engine"] = store.engine
    return config


def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (the latest by default); idempotent."""
    with database_errors(store.engine):
        command.upgrade(alembic_config(store), revision)


def current_revision(store: Store) -> str | None:
    """The schema revision the database is at (None when it has no b12 tables yet)."""
    with database_errors(store.engine), store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(store: Store) -> str | None:
    """The latest revision shipped with this version of b12."""
    return ScriptDirectory.from_config(alembic_config(store)).get_current_head()
