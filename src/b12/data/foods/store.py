"""The food store: an SQLite database of foods, their B12 per 100 g and their portions.

Each import replaces one source (``usda-sr28`` or ``fdc``) inside a single transaction: the files
are read and checked completely first, then the old rows of that source are deleted and the new
ones inserted before one commit. A broken file therefore leaves the store as it was, and
importing the same files twice gives the same store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from b12.core.diet.food import Food, Portion
from b12.data.private import private_folder, private_sqlite
from b12.errors import DataFileError
from b12.settings import get_settings

STORE_FILE = "foods.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS food (
    source TEXT NOT NULL,
    food_id TEXT NOT NULL,
    ndb TEXT,
    fdc_id INTEGER,
    name TEXT NOT NULL,
    food_group TEXT NOT NULL DEFAULT '',
    b12_ug_per_100g REAL,
    b12_added_ug_per_100g REAL,
    PRIMARY KEY (source, food_id)
);
CREATE TABLE IF NOT EXISTS portion (
    source TEXT NOT NULL,
    food_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    amount REAL NOT NULL,
    unit TEXT NOT NULL,
    grams REAL NOT NULL,
    PRIMARY KEY (source, food_id, seq)
);
CREATE TABLE IF NOT EXISTS import_log (
    source TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    foods INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class ImportSummary:
    """What one import put in the store."""

    source: str
    origin: str
    foods: int
    with_b12: int
    imported_at: str


def default_store_path() -> Path:
    """``$B12_FOOD_STORE`` if set, else ``foods.sqlite`` in the user data folder (platformdirs)."""
    override = get_settings().food_store
    if override is not None:
        return override.expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("b12", appauthor=False)) / STORE_FILE


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise DataFileError(f"{path}: cannot open the food store ({exc})") from exc
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        raise DataFileError(f"{path}: the food store is unreadable ({exc})") from exc
    finally:
        conn.close()


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version not in (0, SCHEMA_VERSION):
        raise DataFileError(f"{path}: food store schema {version}; this b12 reads {SCHEMA_VERSION}")


def replace_source(path: Path, source: str, origin: str, foods: Iterable[Food]) -> ImportSummary:
    """Replace every food of ``source`` with ``foods`` in one transaction and log the import."""
    rows = list(foods)
    if not rows:
        raise DataFileError(f"{origin}: no foods to import")
    try:
        private_folder(path.parent)
    except OSError as exc:
        raise DataFileError(f"{path.parent}: cannot create the folder ({exc.strerror})") from exc
    private_sqlite(path)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with _connect(path) as conn:
        _check_version(conn, path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("DELETE FROM food WHERE source = ?", (source,))
            conn.execute("DELETE FROM portion WHERE source = ?", (source,))
            conn.executemany(
                "INSERT INTO food VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        source,
                        f.food_id,
                        f.ndb,
                        f.fdc_id,
                        f.name,
                        f.group,
                        f.b12_ug_per_100g,
                        f.b12_added_ug_per_100g,
                    )
                    for f in rows
                ),
            )
            conn.executemany(
                "INSERT INTO portion VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (source, f.food_id, seq, p.amount, p.unit, p.grams)
                    for f in rows
                    for seq, p in enumerate(f.portions)
                ),
            )
            conn.execute(
                "INSERT OR REPLACE INTO import_log VALUES (?, ?, ?, ?)",
                (source, origin, len(rows), stamp),
            )
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:  # SQLite has already rolled back after a full disk
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):  # read-only, disk full, locked
                raise DataFileError(
                    f"{path}: cannot write the food store ({exc}); unchanged"
                ) from exc
            raise
    with_b12 = sum(f.b12_ug_per_100g is not None for f in rows)
    return ImportSummary(source, origin, len(rows), with_b12, stamp)


def _has_tables(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('food', 'portion')"
    ).fetchone()[0]
    return bool(found == 2)


def load_foods(path: Path, source: str | None = None) -> list[Food]:
    """All foods in the store (of one source if given), with their portions; [] if no store."""
    if not path.is_file():
        return []
    with _connect(path) as conn:
        _check_version(conn, path)
        if not _has_tables(conn):
            return []
        where, args = ("WHERE source = ?", (source,)) if source else ("", ())
        portions: dict[tuple[str, str], list[Portion]] = {}
        for src, food_id, amount, unit, grams in conn.execute(
            f"SELECT source, food_id, amount, unit, grams FROM portion {where} "
            "ORDER BY source, food_id, seq",
            args,
        ):
            portions.setdefault((src, food_id), []).append(Portion(amount, unit, grams))
        return [
            Food(
                src,
                food_id,
                name,
                group,
                ndb,
                fdc_id,
                b12,
                added,
                tuple(portions.get((src, food_id), ())),
            )
            for src, food_id, ndb, fdc_id, name, group, b12, added in conn.execute(
                "SELECT source, food_id, ndb, fdc_id, name, food_group, b12_ug_per_100g, "
                f"b12_added_ug_per_100g FROM food {where} ORDER BY source, food_id",
                args,
            )
        ]


def imports(path: Path) -> list[ImportSummary]:
    """The import log of the store ([] if there is no store yet)."""
    if not path.is_file():
        return []
    with _connect(path) as conn:
        if not _has_tables(conn):
            return []
        rows = conn.execute(
            "SELECT l.source, l.origin, l.foods, l.imported_at, "
            "(SELECT count(*) FROM food f WHERE f.source = l.source "
            "AND f.b12_ug_per_100g IS NOT NULL) FROM import_log l ORDER BY l.source"
        ).fetchall()
    return [ImportSummary(s, o, n, b, t) for s, o, n, t, b in rows]
