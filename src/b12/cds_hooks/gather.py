"""Collect the FHIR resources a hook call needs: prefetch first, then the EHR's FHIR server.

Per CDS Hooks 2.0: a prefetch key with value null means "no data"; a missing key means "not
provided", so the service queries ``fhirServer`` itself (with the ``fhirAuthorization`` bearer token
when given). Without a server to ask, a missing key is answered with HTTP 412 Precondition Failed.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from b12.cds_hooks.models import HookRequest
from b12.cds_hooks.settings import CdsSettings
from b12.errors import B12Error, ExternalServiceError
from b12.fhir.client import FhirClient

_TOKEN = re.compile(r"\{\{\s*context\.(\w+)\s*\}\}")


class PreconditionError(B12Error):
    """The service cannot get the data it needs (HTTP 412)."""


def render(template: str, context: dict[str, Any]) -> str:
    """Replace {{context.x}} prefetch tokens with URL-quoted context values."""

    def value(match: re.Match[str]) -> str:
        found = context.get(match.group(1))
        if not isinstance(found, str | int) or isinstance(found, bool):
            raise PreconditionError(f"context.{match.group(1)} is needed for the prefetch query")
        return quote(str(found), safe="")

    return _TOKEN.sub(value, template)


def _flatten(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, dict):
        return []
    if value.get("resourceType") == "Bundle":
        return [
            e["resource"]
            for e in value.get("entry") or []
            if isinstance(e, dict)
            and isinstance(e.get("resource"), dict)
            and (e.get("search") or {}).get("mode", "match") != "outcome"
        ]
    return [value] if "resourceType" in value else []


def gather(
    request: HookRequest, templates: dict[str, str], settings: CdsSettings
) -> tuple[list[dict[str, Any]], int]:
    """All resources for the templates, and how many templates were fetched from the server."""
    prefetch = request.prefetch or {}
    resources: list[dict[str, Any]] = []
    missing = [key for key in templates if key not in prefetch]
    for key in templates:
        if key in prefetch:
            resources += _flatten(prefetch[key])
    if not missing:
        return resources, 0
    if request.fhirServer is None:
        raise PreconditionError(f"prefetch {', '.join(missing)} missing and no fhirServer to query")
    server = str(request.fhirServer)
    if not settings.fhir_server_allowed(server):
        raise PreconditionError("fhirServer is not in this service's allowed FHIR servers")
    token = request.fhirAuthorization.access_token if request.fhirAuthorization else None
    try:
        with FhirClient(server, token=token, timeout_s=settings.fhir_timeout_s) as client:
            for key in missing:
                resources += client.resources(render(templates[key], request.context))
    except ExternalServiceError as exc:
        raise PreconditionError(str(exc)) from None
    return resources, len(missing)
