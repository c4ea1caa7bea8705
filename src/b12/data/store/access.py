"""Queries of users, their web sessions and the audit trail. Each takes the caller's session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from b12.data.store.models import AuditEventRow, UserRow, WebSessionRow
from b12.data.store.repository import MAX_ID
from b12.errors import NotFoundError


def add_user(session: Session, name: str, role: str, token_salt: str, token_hash: str) -> UserRow:
    """Insert an API user."""
    row = UserRow(name=name, role=role, token_salt=token_salt, token_hash=token_hash)
    session.add(row)
    session.flush()
    return row


def get_user(session: Session, user_id: int) -> UserRow | None:
    """A user by id (None when absent)."""
    return session.get(UserRow, user_id) if 0 < user_id <= MAX_ID else None


def find_user(session: Session, name: str) -> UserRow | None:
    """A user by name (None when absent)."""
    return session.scalars(select(UserRow).where(UserRow.name == name)).first()


def named_user(session: Session, name: str) -> UserRow:
    """A user by name, or :class:`NotFoundError`."""
    row = find_user(session, name)
    if row is None:
        raise NotFoundError(f"no user named {name!r}")
    return row


def list_users(session: Session) -> Sequence[UserRow]:
    """Every API user, by name."""
    return session.scalars(select(UserRow).order_by(UserRow.name)).all()


def delete_user(session: Session, name: str) -> None:
    """Delete a user: their token and web sessions stop working at once."""
    row = named_user(session, name)
    end_sessions(session, row.id)
    session.delete(row)
    session.flush()


def count_users(session: Session) -> int:
    """How many API users exist."""
    return int(session.scalar(select(func.count()).select_from(UserRow)) or 0)


def add_session(session: Session, user_id: int, key_hash: str, expires_at: dt.datetime) -> None:
    """Record a signed-in browser (and forget the sessions that have expired)."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < _now()))
    session.add(WebSessionRow(user_id=user_id, key_hash=key_hash, expires_at=expires_at))
    session.flush()


def session_user(session: Session, key_hash: str) -> UserRow | None:
    """The user of an unexpired web session (None when it ended, expired or never was)."""
    query = (
        select(UserRow)
        .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
        .where(WebSessionRow.key_hash == key_hash, WebSessionRow.expires_at > _now())
    )
    return session.scalars(query).first()


def end_session(session: Session, key_hash: str) -> None:
    """Forget one web session (sign-out)."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.key_hash == key_hash))


def end_sessions(session: Session, user_id: int) -> None:
    """Forget every web session of a user (deletion, token rotation)."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))


@dataclass(frozen=True)
class AuditFilter:
    """Which audit events to list; None matches any."""

    actor: str | None = None
    action: str | None = None
    record_type: str | None = None
    record_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int = 1000
    offset: int = 0


def audit_events(session: Session, where: AuditFilter) -> Sequence[AuditEventRow]:
    """Audit events matching ``where``, oldest first."""
    query = select(AuditEventRow).order_by(AuditEventRow.id)
    columns = {
        AuditEventRow.actor: where.actor,
        AuditEventRow.action: where.action,
        AuditEventRow.record_type: where.record_type,
        AuditEventRow.record_id: where.record_id,
    }
    for column, value in columns.items():
        if value is not None:
            query = query.where(column == value)
    if where.since is not None:
        query = query.where(AuditEventRow.at >= where.since)
    if where.until is not None:
        query = query.where(AuditEventRow.at < where.until)
    return session.scalars(query.offset(where.offset).limit(where.limit)).all()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
