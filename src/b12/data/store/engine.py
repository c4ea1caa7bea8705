"""Where the records live and how to open them: SQLite by default, PostgreSQL by URL.

Every write goes through :meth:`Store.transaction`, one transaction per use case: it commits at the
end or rolls back on any error, so a crash mid-write loses nothing that was committed and leaves no
half-written records. Every read through :meth:`Store.reading` sees one snapshot of the database,
so a record deleted or corrected while it is read is read whole, as it was (never part old, part
gone). A database that is down, read-only or full raises
:class:`~b12.errors.StoreUnavailableError` with the driver's one-line reason (never the SQL or its
parameters, which hold personal data).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from b12.data.private import private_folder, private_sqlite
from b12.data.store import audit
from b12.errors import InputError, StoreUnavailableError
from b12.settings import Settings

DATABASE_URL_ENV = "B12_DATABASE_URL"
SQLITE_FILE = "b12.sqlite3"
CONNECT_TIMEOUT_S = 10  # an unreachable PostgreSQL host fails a request instead of hanging it


def records_url(settings: Settings) -> str:
    """The database of the records: B12_DATABASE_URL, else a SQLite file in the user data folder
    (created only when asked for, so that a command without records creates nothing)."""
    return settings.database_url or default_database_url()


def default_database_url() -> str:
    """A SQLite file in the user's data directory (created owner-only if missing)."""
    folder = Path(platformdirs.user_data_dir("b12", appauthor=False))
    try:
        private_folder(folder)
    except OSError as exc:
        raise StoreUnavailableError(
            f"{folder}: cannot create the data folder ({exc.strerror})"
        ) from exc
    return f"sqlite:///{folder / SQLITE_FILE}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # SQLite enforces foreign keys only when asked
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for a database URL ('sqlite:///path', 'postgresql+psycopg://...')."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError("not a database URL", field="database_url") from None
    if parsed.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise InputError(
            f"unsupported database {parsed.get_backend_name()!r}; use sqlite or postgresql",
            field="database_url",
        )
    # pre-ping: a connection the server dropped (a PostgreSQL restart) is replaced, not used
    connect_args = (
        {"connect_timeout": CONNECT_TIMEOUT_S} if parsed.get_backend_name() == "postgresql" else {}
    )
    # hide_parameters: an unexpected database error, and the traceback a server logs for it, never
    # carries the row's values (labels, lab results) in its message.
    engine = create_engine(
        parsed, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True
    )
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            private_sqlite(Path(database))  # before SQLite creates it 0644 (item 9 of issue 13)
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _one_snapshot(session: Session) -> None:
    """Make every query of ``session`` read the same committed state.

    PostgreSQL's default (read committed) takes a new snapshot per statement: repeatable read keeps
    the first one, and never fails a transaction that only reads. Python's sqlite3 module begins a
    transaction only before a write, so each SELECT ran on its own; an explicit BEGIN makes SQLite
    (WAL) keep the snapshot of the first SELECT until the session ends, while writers go on.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        session.connection().exec_driver_sql("BEGIN")


_WHERE = re.compile(r'\s*(?:at|on socket) "[^"]*"(?:, port \d+)?')


@contextmanager
def database_errors(engine: Engine) -> Iterator[None]:
    """Turn a database that is down, read-only or full into :class:`StoreUnavailableError`."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        # The driver's own message only: SQLAlchemy's adds the statement and its parameters.
        # Not the database URL: it names the host, user and file, which no client needs to see.
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "unknown"
        reason = _WHERE.sub("", reason)  # psycopg names the server: 'at "host", port 5432'
        raise StoreUnavailableError(f"the records database is unavailable: {reason}") from None


class Store:
    """A database of records and the sessions that read and write it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        audit.listen(self._sessions)  # every committed change leaves an audit row

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit at the end, roll back on any error."""
        with database_errors(self.engine), self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only (nothing is committed), all of them on one snapshot."""
        with database_errors(self.engine), self._sessions() as session:
            _one_snapshot(session)
            yield session

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
