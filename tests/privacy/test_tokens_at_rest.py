"""API tokens are stored hashed: neither the token nor its secret part is anywhere in the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from b12.data.store import Store, upgrade
from b12.services import users


def test_the_database_holds_no_plaintext_token(tmp_path: Path) -> None:
    path = tmp_path / "b12.sqlite3"
    store = Store(f"sqlite:///{path}")
    upgrade(store)
    token = users.create_user(store, "carol")
    principal = users.authenticate(store, token)
    assert principal is not None and principal.name == "carol"  # the token works...
    store.dispose()
    secret = token.split("_", 2)[2]
    raw = path.read_bytes()
    for wal in path.parent.glob(f"{path.name}-*"):  # -wal / -journal files, if any
        raw += wal.read_bytes()
    assert token.encode() not in raw and secret.encode() not in raw  # ...but is not stored
    with sqlite3.connect(path) as db:
        dump = "\n".join(db.iterdump())
    assert token not in dump and secret not in dump
    assert "carol" in dump  # the dump did read the users table
