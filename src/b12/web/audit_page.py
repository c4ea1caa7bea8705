"""The admin page of the audit trail, with filters and a CSV export of what it shows."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from b12.errors import InputError
from b12.services import audit
from b12.web.deps import Admin, StoreDep
from b12.web.pages import render

router = APIRouter(include_in_schema=False)
FILTERS = ("user", "action", "record", "since", "until")
NO_STORE = {"Cache-Control": "no-store"}
PAGE_LIMIT = 1000


def _moment(text: str, field: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError("use an ISO date or time, e.g. 2026-12-01", field=field) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _where(filters: dict[str, str], limit: int) -> audit.AuditFilter:
    kind, number = audit.parse_record(filters["record"]) if filters["record"] else (None, None)
    return audit.AuditFilter(
        actor=filters["user"] or None,
        action=filters["action"] or None,
        record_type=kind,
        record_id=number,
        since=_moment(filters["since"], "since"),
        until=_moment(filters["until"], "until"),
        limit=limit,
    )


def _filters(request: Request) -> dict[str, str]:
    return {name: request.query_params.get(name, "")[:80] for name in FILTERS}


@router.get("/audit")
def audit_page(user: Admin, request: Request, store: StoreDep) -> HTMLResponse:
    """The audit trail, filtered by user, action, record and time (admins only)."""
    filters = _filters(request)
    events: list[audit.AuditEvent] = []
    error = ""
    try:
        events = audit.list_events(store, _where(filters, PAGE_LIMIT))
    except InputError as exc:
        error = str(exc)
    context = {
        "filters": filters,
        "actions": audit.ACTIONS,
        "error": error,
        "events": events,
        "query": urlencode({k: v for k, v in filters.items() if v}),
    }
    response = render(request, "audit.html", context, status_code=422 if error else 200)
    response.headers.update(NO_STORE)
    return response


@router.get("/audit.csv")
def audit_csv(user: Admin, request: Request, store: StoreDep) -> Response:
    """The filtered audit trail as CSV (admins only)."""
    events = audit.list_events(store, _where(_filters(request), 100_000))
    headers = {**NO_STORE, "Content-Disposition": 'attachment; filename="b12-audit.csv"'}
    return Response(audit.to_csv(events), media_type="text/csv", headers=headers)
