"""API users and their tokens: a token is shown once; only its salted hash is stored."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from b12.data.store import Store
from b12.data.store import repository as repo
from b12.errors import InputError

TOKEN_PREFIX = "b12"
_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,80}$")
_TOKEN = re.compile(r"^b12_(\d{1,12})_([A-Za-z0-9_-]{20,100})$")


def _hash(salt: str, secret: str) -> str:
    # Tokens are 256-bit random strings, so one salted SHA-256 suffices (no password stretching).
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def create_user(store: Store, name: str) -> str:
    """Create a user and return their token (the only time it is available)."""
    if not _NAME.match(name):
        raise InputError("use 1-80 letters, digits or . _ @ -", field="name")
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    with store.transaction() as session:
        if repo.find_user(session, name) is not None:
            raise InputError(f"a user named {name!r} already exists", field="name")
        user = repo.add_user(session, name, salt, _hash(salt, secret))
        return f"{TOKEN_PREFIX}_{user.id}_{secret}"


def authenticate(store: Store, token: str) -> str | None:
    """The name of the user a token belongs to, or None."""
    match = _TOKEN.match(token.strip())
    if match is None:
        return None
    with store.reading() as session:
        user = repo.get_user(session, int(match.group(1)))
        if user is None:
            return None
        expected = _hash(user.token_salt, match.group(2))
        return user.name if hmac.compare_digest(expected, user.token_hash) else None


def user_names(store: Store) -> list[str]:
    """Names of every API user."""
    with store.reading() as session:
        return [user.name for user in repo.list_users(session)]


def delete_user(store: Store, name: str) -> None:
    """Delete a user, revoking their token."""
    with store.transaction() as session:
        repo.delete_user(session, name)


def user_count(store: Store) -> int:
    """How many API users exist."""
    with store.reading() as session:
        return repo.count_users(session)
