"""API users, their roles, tokens and web sessions.

A token is shown once; only its salted hash is stored. It expires ``token_lifetime_days`` after it
was issued or rotated. A web session is a random key in a signed cookie whose hash is stored: it
ends at sign-out, when its user is deleted or their token rotated, and after 12 hours.

Roles (one clinic per installation, no per-patient ownership): **read-only** reads and exports,
**clinician** also creates and corrects records, **admin** also deletes persons, manages users and
reads the audit trail. Requests on loopback without tokens act as the built-in local admin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from b12.data.store import Store
from b12.data.store import access as repo
from b12.data.store.audit import LOCAL_ADMIN, Actor, acting_as
from b12.errors import InputError
from b12.settings import DEFAULT_TOKEN_LIFETIME_DAYS

TOKEN_PREFIX = "b12"
SESSION_LIFETIME = dt.timedelta(hours=12)
_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,80}$")
_TOKEN = re.compile(r"^b12_(\d{1,12})_([A-Za-z0-9_-]{20,100})$")


class Role(StrEnum):
    """What a user may do; each role may do everything the roles before it may."""

    READ_ONLY = "read-only"
    CLINICIAN = "clinician"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what ``needed`` may."""
        order = list(Role)
        return order.index(self) >= order.index(needed)


DEFAULT_ROLE = Role.CLINICIAN


@dataclass(frozen=True)
class Principal:
    """Who makes a request: a user (``user_id``) or the built-in local admin (None)."""

    name: str
    role: Role
    user_id: int | None = None

    def act(self) -> None:
        """Name this principal in the audit rows of the rest of the request."""
        acting_as(Actor(self.name, self.role.value))


LOCAL = Principal(LOCAL_ADMIN.name, Role(LOCAL_ADMIN.role))


@dataclass(frozen=True)
class UserInfo:
    """A user as `b12 users list` shows them (never their token)."""

    name: str
    role: Role
    token_expires_at: dt.datetime

    def expired(self) -> bool:
        """Whether their token has expired."""
        return self.token_expires_at <= _now()


class TokenRefusedError(Exception):
    """A token or session that is unknown, revoked or expired (the message says which, no more)."""


def _hash(salt: str, secret: str) -> str:
    # Tokens are 256-bit random strings, so one salted SHA-256 suffices (no password stretching).
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes; b12 stores UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InputError(f"unknown role; use one of {allowed}", field="role") from None


def _new_secret() -> tuple[str, str, str]:
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    return secret, salt, _hash(salt, secret)


def create_user(store: Store, name: str, role: str = DEFAULT_ROLE) -> str:
    """Create a user and return their token (the only time it is available)."""
    if not _NAME.match(name):
        raise InputError("use 1-80 letters, digits or . _ @ -", field="name")
    if name == LOCAL.name:
        raise InputError(
            f"{name!r} names the built-in local admin in the audit trail", field="name"
        )
    checked = _role(role)
    secret, salt, hashed = _new_secret()
    with store.transaction() as session:
        if repo.find_user(session, name) is not None:
            raise InputError(f"a user named {name!r} already exists", field="name")
        user = repo.add_user(session, name, checked.value, salt, hashed)
        return f"{TOKEN_PREFIX}_{user.id}_{secret}"


def rotate_token(store: Store, name: str) -> str:
    """Give a user a new token (returned once); the old one and their web sessions end at once."""
    secret, salt, hashed = _new_secret()
    with store.transaction() as session:
        user = repo.named_user(session, name)
        user.token_salt, user.token_hash, user.token_issued_at = salt, hashed, _now()
        repo.end_sessions(session, user.id)
        return f"{TOKEN_PREFIX}_{user.id}_{secret}"


def set_role(store: Store, name: str, role: str) -> None:
    """Change a user's role (their next request is judged by it)."""
    checked = _role(role)
    with store.transaction() as session:
        repo.named_user(session, name).role = checked.value


def verify_token(store: Store, token: str, lifetime_days: int) -> Principal:
    """The user a token belongs to; :class:`TokenRefusedError` if unknown or expired."""
    match = _TOKEN.match(token.strip())
    if match is None:
        raise TokenRefusedError("a valid API token is required")
    with store.reading() as session:
        user = repo.get_user(session, int(match.group(1)))
        expected = _hash(user.token_salt, match.group(2)) if user else ""
        if user is None or not hmac.compare_digest(expected, user.token_hash):
            raise TokenRefusedError("a valid API token is required")
        if _utc(user.token_issued_at) + dt.timedelta(days=lifetime_days) <= _now():
            raise TokenRefusedError(
                f"the API token has expired ({lifetime_days} days after it was issued); "
                "an admin gives a new one with `b12 users rotate NAME`"
            )
        return Principal(user.name, Role(user.role), user.id)


def authenticate(
    store: Store, token: str, lifetime_days: int = DEFAULT_TOKEN_LIFETIME_DAYS
) -> Principal | None:
    """The user a token belongs to, or None when it is unknown or expired."""
    try:
        return verify_token(store, token, lifetime_days)
    except TokenRefusedError:
        return None


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start_session(store: Store, principal: Principal) -> str:
    """Record a new web session of a signed-in user; returns its key (for the signed cookie)."""
    if principal.user_id is None:
        raise InputError("the local admin does not sign in", field="token")
    key = secrets.token_urlsafe(32)
    with store.transaction() as session:
        repo.add_session(session, principal.user_id, _key_hash(key), _now() + SESSION_LIFETIME)
    return key


def session_principal(store: Store, key: str, lifetime_days: int) -> Principal | None:
    """The user of a live web session (None once it ended, or their token expired)."""
    with store.reading() as session:
        user = repo.session_user(session, _key_hash(key))
        if user is None:
            return None
        if _utc(user.token_issued_at) + dt.timedelta(days=lifetime_days) <= _now():
            return None
        return Principal(user.name, Role(user.role), user.id)


def end_session(store: Store, key: str) -> None:
    """Sign a browser out: its session key stops working at once."""
    with store.transaction() as session:
        repo.end_session(session, _key_hash(key))


def list_users(store: Store, lifetime_days: int = DEFAULT_TOKEN_LIFETIME_DAYS) -> list[UserInfo]:
    """Every API user with their role and when their token expires."""
    lifetime = dt.timedelta(days=lifetime_days)
    with store.reading() as session:
        return [
            UserInfo(u.name, Role(u.role), _utc(u.token_issued_at) + lifetime)
            for u in repo.list_users(session)
        ]


def user_names(store: Store) -> list[str]:
    """Names of every API user."""
    return [user.name for user in list_users(store)]


def delete_user(store: Store, name: str) -> None:
    """Delete a user, revoking their token and ending their web sessions."""
    with store.transaction() as session:
        repo.delete_user(session, name)


def user_count(store: Store) -> int:
    """How many API users exist."""
    with store.reading() as session:
        return repo.count_users(session)
