"""Access decisions shared by the API and the web UI: may this principal use this route, and which
read does the audit trail record for it?

A route declares the role it needs (:mod:`b12.api.deps`, :mod:`b12.web.deps`); the interface finds
the principal (a token, a web session, or the local admin on loopback) and calls :func:`grant`.
"""

from __future__ import annotations

from collections.abc import Mapping

from b12.data.store import Store
from b12.errors import ForbiddenError
from b12.services.audit import record_read
from b12.services.users import Principal, Role

# A path segment naming a collection, and the record type of its members.
COLLECTIONS = {
    "persons": "person",
    "labs": "lab",
    "measurements": "measurement",
    "assessments": "assessment",
    "diary": "diary-entry",
    "supplements": "supplement",
    "audit": "audit",
    "audit.csv": "audit",
}
EXPORTS = ("report.pdf", "report.html", "audit.csv")
LARGEST_ID = 2**31 - 1  # ids are 32-bit on PostgreSQL: a larger one names no record


def audited_read(
    route_path: str, params: Mapping[str, str]
) -> tuple[str, str, int | None, int | None] | None:
    """The audit event of a GET on ``route_path`` (action, record type, id, person id), if any.

    ``/api/persons/{person_id}/labs/{lab_id}`` -> ("read", "lab", lab id, person id); a list
    (``/persons``) has no record id; a report or CSV is an "export". Routes that read no record
    (rules, foods, health, docs) give None, as does an id that cannot name a record.
    """
    segments = route_path.strip("/").removeprefix("api/").split("/")
    if segments[0] not in COLLECTIONS:
        return None
    record_type, record_id = "", None
    for segment in segments:
        if segment in COLLECTIONS:
            record_type, record_id = COLLECTIONS[segment], None
        elif segment.startswith("{"):
            value = params.get(segment.strip("{}"), "")
            if not value.isdigit() or not 0 < int(value) <= LARGEST_ID:
                return None
            record_id = int(value)
    person = params.get("person_id", "")
    person_id = int(person) if person.isdigit() and int(person) <= LARGEST_ID else None
    action = "export" if segments[-1] in EXPORTS else "read"
    return action, record_type, record_id, person_id


def grant(
    store: Store,
    principal: Principal,
    needed: Role,
    method: str,
    route_path: str,
    params: Mapping[str, str],
) -> None:
    """Let ``principal`` use the route (or raise :class:`ForbiddenError`); audit what it reads."""
    if not principal.role.allows(needed):
        raise ForbiddenError(f"this needs the {needed} role; yours is {principal.role}")
    principal.act()
    if method == "GET" and (read := audited_read(route_path, params)) is not None:
        record_read(store, *read)
