"""Collect the FHIR resources a hook call needs: prefetch first, then the EHR's FHIR server.

Per CDS Hooks 2.0: a prefetch key with value null means "no data"; a missing key means "not
provided", so the service queries ``fhirServer`` itself (with the ``fhirAuthorization`` bearer token
when given). Without a server to ask, or when the server is not one b12 may call, a missing key is
answered with HTTP 412 Precondition Failed. The queries of one call run concurrently under one
deadline and one byte and resource budget; when any of them fails or a limit is reached,
:class:`ChartNotReadError` says so, and the service then makes no judgment at all.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any
from urllib.parse import quote

from b12.cds_hooks.models import HookRequest
from b12.errors import B12Error
from b12.fhir.client import Budget, FhirClient, FhirReadError
from b12.fhir.egress import may_call
from b12.settings import CdsOptions

_TOKEN = re.compile(r"\{\{\s*context\.(\w+)\s*\}\}")
log = logging.getLogger("b12.cds_hooks")


class PreconditionError(B12Error):
    """The service cannot get the data it needs (HTTP 412)."""


class ChartNotReadError(B12Error):
    """Part of the record could not be read (deadline, size or count limit, server failure)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind  # for the operator's log: timeout, too-large, http-401 ... never data
        super().__init__("the chart could not be read in full")


def render(template: str, context: dict[str, Any]) -> str:
    """Replace {{context.x}} prefetch tokens with URL-quoted context values."""

    def value(match: re.Match[str]) -> str:
        found = context.get(match.group(1))
        if not isinstance(found, str | int) or isinstance(found, bool):
            raise PreconditionError(f"context.{match.group(1)} is needed for the prefetch query")
        return quote(str(found), safe="")

    return _TOKEN.sub(value, template)


def flatten(value: Any) -> list[dict[str, Any]]:
    """The resources of one prefetch value: a resource, a Bundle of them, or null."""
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


def prefetched(
    request: HookRequest, templates: dict[str, str], settings: CdsOptions
) -> tuple[list[dict[str, Any]], list[str]]:
    """The prefetched resources and the template keys missing from prefetch."""
    prefetch = request.prefetch or {}
    resources: list[dict[str, Any]] = []
    for key in templates:
        if key in prefetch:
            resources += flatten(prefetch[key])
            if len(resources) > settings.max_resources:
                raise ChartNotReadError("prefetch-too-many-resources")
    return resources, [key for key in templates if key not in prefetch]


async def _all(client: FhirClient, queries: list[str]) -> list[dict[str, Any]]:
    """Run the queries concurrently; the first failure cancels the others."""
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(client.resources(query)) for query in queries]
    return [resource for task in tasks for resource in task.result()]


async def fetch(
    request: HookRequest, queries: list[str], settings: CdsOptions, resources_left: int
) -> list[dict[str, Any]]:
    """The resources ``queries`` return from the request's FHIR server, within the limits."""
    if request.fhirServer is None:
        raise PreconditionError("prefetch missing and no fhirServer to query")
    server = str(request.fhirServer)
    token = request.fhirAuthorization.access_token if request.fhirAuthorization else None
    budget = Budget(bytes_left=settings.fhir_max_bytes, resources_left=resources_left)
    try:
        async with asyncio.timeout(settings.fhir_timeout_s):
            if not await may_call(server, settings.allowed_fhir_servers):
                raise PreconditionError(
                    "fhirServer is not in this service's allowed FHIR servers (loopback, private "
                    "and link-local addresses are refused unless listed)"
                )
            async with FhirClient(
                server, token=token, budget=budget, concurrency=settings.fhir_max_concurrency
            ) as client:
                return await _all(client, queries)
    except TimeoutError:
        raise ChartNotReadError("timeout") from None
    except ExceptionGroup as group:
        first = group.exceptions[0]
        if isinstance(first, FhirReadError):
            raise ChartNotReadError(first.kind) from None
        raise


async def gather(
    request: HookRequest, templates: dict[str, str], settings: CdsOptions
) -> tuple[list[dict[str, Any]], int]:
    """All resources for the templates, and how many templates were fetched from the server."""
    resources, missing = prefetched(request, templates, settings)
    if not missing:
        return resources, 0
    if request.fhirServer is None:
        raise PreconditionError(f"prefetch {', '.join(missing)} missing and no fhirServer to query")
    queries = [render(templates[key], request.context) for key in missing]
    fetched = await fetch(request, queries, settings, settings.max_resources - len(resources))
    return resources + fetched, len(missing)
