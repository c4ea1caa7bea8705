"""JWT ids already used, kept on disk until their token expires, so a restart does not forget them.

A small SQLite file, owner-only (file 0600, folder 0700), in b12's user data folder
(``platformdirs``) unless B12_CDS_REPLAY_CACHE names another: `b12 serve` and the standalone CDS app
both have one, and several worker processes share it (the primary key makes a second use fail).
The ids are stored as SHA-256 hashes with the issuer; nothing about patients is in it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from functools import lru_cache
from pathlib import Path

import platformdirs

FILE_NAME = "cds-jti.sqlite3"
SCHEMA = "CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, expires REAL NOT NULL)"


def default_path() -> Path:
    """cds-jti.sqlite3 in the user data folder (as the records database and the food store)."""
    return Path(platformdirs.user_data_dir("b12", appauthor=False)) / FILE_NAME


def _owner_only(path: Path) -> None:
    """Create the folder (0700) and the file (0600), and narrow them if they exist wider."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    path.chmod(0o600)


class ReplayCache:
    """``first_use`` is True once per (issuer, jti) until the token has expired."""

    def __init__(self, path: Path) -> None:
        _owner_only(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
        self._db.execute(SCHEMA)

    def first_use(self, issuer: str, jti: str, expires: float) -> bool:
        key = hashlib.sha256(f"{issuer}\n{jti}".encode()).hexdigest()
        with self._lock:
            self._db.execute("DELETE FROM seen WHERE expires < ?", (time.time(),))
            try:
                self._db.execute("INSERT INTO seen (id, expires) VALUES (?, ?)", (key, expires))
            except sqlite3.IntegrityError:
                return False
            return True


@lru_cache(maxsize=4)
def replay_cache(path: str | None) -> ReplayCache:
    """The cache at ``path`` (default: the user data folder), opened once per process."""
    return ReplayCache(Path(path) if path else default_path())
