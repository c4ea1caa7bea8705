"""The audit trail's writer: every record created, changed or deleted, in the same transaction.

A listener on the store's sessions turns each flush into audit rows (record type and id, the
person's id, the action, who and when): a change is audited exactly when it is committed, and a
rolled-back one leaves no trace. Who acts is a context variable set once per request by the
interfaces (:func:`acting_as`); the command line and loopback requests act as the built-in local
admin. Reads are audited by the interfaces through :func:`record`. Never a label or a value.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import insert
from sqlalchemy.orm import Session, UOWTransaction

from b12.data.store.models import (
    AssessmentRow,
    AuditEventRow,
    DiaryEntryRow,
    DiarySupplementRow,
    LabRow,
    MeasurementRow,
    PersonRow,
    UserRow,
)

RECORD_TYPES: dict[type[Any], str] = {
    PersonRow: "person",
    LabRow: "lab",
    MeasurementRow: "measurement",
    DiaryEntryRow: "diary-entry",
    DiarySupplementRow: "supplement",
    AssessmentRow: "assessment",
    UserRow: "user",
}


@dataclass(frozen=True)
class Actor:
    """Who the audit trail names: a user name (or ``local-admin``) and their role."""

    name: str
    role: str


LOCAL_ADMIN = Actor("local-admin", "admin")
_ACTOR: ContextVar[Actor] = ContextVar("b12_audit_actor", default=LOCAL_ADMIN)


def acting_as(actor: Actor) -> None:
    """Name ``actor`` in the audit rows of the rest of this request (this context)."""
    _ACTOR.set(actor)


def current_actor() -> Actor:
    """Who acts in this context (the local admin unless :func:`acting_as` said otherwise)."""
    return _ACTOR.get()


def _values(
    action: str, record_type: str, record_id: int | None, person_id: int | None
) -> dict[str, Any]:
    """One audit row's values, by the current actor, now."""
    actor = _ACTOR.get()
    return {
        "at": dt.datetime.now(dt.UTC),
        "actor": actor.name,
        "role": actor.role,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "person_id": person_id,
    }


def _row_event(action: str, row: object) -> dict[str, Any] | None:
    record_type = RECORD_TYPES.get(type(row))
    if record_type is None:
        return None
    record_id = getattr(row, "id", None)
    person_id = record_id if isinstance(row, PersonRow) else getattr(row, "person_id", None)
    return _values(action, record_type, record_id, person_id)


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    changes = [
        *(("create", row) for row in session.new),
        *(("update", row) for row in session.dirty if session.is_modified(row)),
        *(("delete", row) for row in session.deleted),
    ]
    rows = [e for action, row in changes if (e := _row_event(action, row)) is not None]
    if rows:
        session.connection().execute(insert(AuditEventRow), rows)


def record(
    session: Session, action: str, record_type: str, record_id: int | None, person_id: int | None
) -> None:
    """Add one audit row (a read or an export) by the current actor."""
    session.execute(insert(AuditEventRow), [_values(action, record_type, record_id, person_id)])


def listen(sessions: Any) -> None:
    """Audit every flush of the sessions a sessionmaker makes."""
    sa_event.listen(sessions, "after_flush", _after_flush)
