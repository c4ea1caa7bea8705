"""The audit trail: who read, created, changed or deleted which record, and when (ids only).

Changes are written by the store in the transaction that makes them
(:mod:`b12.data.store.audit`); reads and exports by the interfaces through :func:`record_read`,
when access is granted. Admins list the trail with `b12 audit` and on the web page /audit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from b12.data.store import Store, audit
from b12.data.store import access as repo
from b12.data.store.access import AuditFilter
from b12.errors import InputError

ACTIONS = ("read", "export", "create", "update", "delete")
RECORD_TYPES = (*sorted(set(audit.RECORD_TYPES.values())), "audit")
CSV_COLUMNS = ("id", "at", "actor", "role", "action", "record_type", "record_id", "person_id")

__all__ = ["AuditEvent", "AuditFilter", "list_events", "parse_record", "record_read", "to_csv"]


class AuditEvent(BaseModel):
    """One audit event: when, who (name and role), what action on which record."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    at: dt.datetime
    actor: str
    role: str
    action: str
    record_type: str
    record_id: int | None
    person_id: int | None


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def list_events(store: Store, where: AuditFilter | None = None) -> list[AuditEvent]:
    """Audit events matching ``where`` (all by default), oldest first."""
    with store.reading() as session:
        rows = repo.audit_events(session, where or AuditFilter())
        events = [AuditEvent.model_validate(row) for row in rows]
    return [e.model_copy(update={"at": _utc(e.at)}) for e in events]


def record_read(
    store: Store, action: str, record_type: str, record_id: int | None, person_id: int | None
) -> None:
    """Audit a read or an export by the current actor."""
    with store.transaction() as session:
        audit.record(session, action, record_type, record_id, person_id)


def parse_record(text: str) -> tuple[str, int | None]:
    """``person:12`` -> (``person``, 12); ``lab`` -> (``lab``, None)."""
    kind, _, number = text.partition(":")
    if kind not in RECORD_TYPES:
        raise InputError(
            f"unknown record type; use one of {', '.join(RECORD_TYPES)}", field="record"
        )
    if number and not number.isdigit():
        raise InputError("use TYPE:ID, e.g. person:12", field="record")
    return kind, int(number) if number else None


def to_csv(events: Iterable[AuditEvent]) -> str:
    """The events as CSV (ids, names of users and actions only: nothing to neutralise)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow([getattr(event, column) for column in CSV_COLUMNS])
    return out.getvalue()
