"""`b12 audit`: the audit trail (who read, created, changed or deleted which record, and when)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from b12.cli.serve import DatabaseUrl, _store
from b12.errors import InputError

out = Console(highlight=False)


def _moment(text: str | None, option: str) -> dt.datetime | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            "use an ISO date or time, e.g. 2026-12-01 or 2026-12-01T08:00", field=option
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def audit(
    user: Annotated[
        str | None, typer.Option(help="Only events of this user (local-admin: loopback and CLI).")
    ] = None,
    action: Annotated[
        str | None, typer.Option(help="read, export, create, update or delete.")
    ] = None,
    record: Annotated[
        str | None, typer.Option(help="TYPE or TYPE:ID, e.g. person:12 or lab.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="From this ISO date or time (UTC unless given).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Before this ISO date or time (UTC unless given).")
    ] = None,
    limit: Annotated[
        int, typer.Option(min=1, max=100_000, help="At most this many events.")
    ] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV (for a spreadsheet or an archive).")
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Show the audit trail, oldest first: ids only, never labels or values (admins only)."""
    from b12.services import audit as audit_service

    record_type, record_id = audit_service.parse_record(record) if record else (None, None)
    where = audit_service.AuditFilter(
        actor=user,
        action=action,
        record_type=record_type,
        record_id=record_id,
        since=_moment(since, "--since"),
        until=_moment(until, "--until"),
        limit=limit,
    )
    events = audit_service.list_events(_store(database_url), where)
    if as_csv:
        print(audit_service.to_csv(events), end="")
    elif as_json:
        print(json.dumps([e.model_dump(mode="json") for e in events], indent=2))
    else:
        table = Table("id", "at (UTC)", "who", "role", "action", "record", "person")
        for e in events:
            what = f"{e.record_type}:{e.record_id}" if e.record_id is not None else e.record_type
            when = e.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
            person = "" if e.person_id is None else str(e.person_id)
            table.add_row(str(e.id), when, e.actor, e.role, e.action, what, person)
        out.print(table)
