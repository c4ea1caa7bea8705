"""A small asynchronous FHIR REST client: reads and searches on an EHR's FHIR server.

Used by the CDS Hooks service when the EHR did not prefetch what b12 needs. It never holds a thread:
requests are async (httpx), so a slow or hostile server cannot starve the thread pool the web pages
and the API use. Every request waits for one of a fixed number of slots (:func:`slots`), replies are
streamed and counted against a byte budget shared by all requests of one hook call (the read stops
when it is spent), and the caller bounds the whole exchange with one deadline. Search results are
followed page by page (``link[next]``) only under the same base URL and up to :data:`MAX_PAGES`.
Errors never contain the query (it holds the patient id), nor what answered on the other side.
"""

from __future__ import annotations

import asyncio
import json
import logging
import weakref
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
import httpx

from b12.errors import ExternalServiceError
from b12.fhir.egress import listed

MAX_PAGES = 10  # a prefetch-like query of one patient's labs or medicines fits in far fewer
FHIR_JSON = "application/fhir+json"
log = logging.getLogger("b12.fhir.client")


class FhirReadError(ExternalServiceError):
    """The FHIR server could not be read in full: unreachable, refused, too slow, too large or not
    FHIR. One message for all, so that the answer does not tell what listens on a port."""

    def __init__(self, kind: str) -> None:
        self.kind = (
            kind  # for the operator's log only: timeout, unreachable, http-404, too-large ...
        )
        super().__init__("the FHIR server could not be read in full")


class _NoRequestUrls(logging.Filter):
    """Drop httpx's 'HTTP Request: GET <url>' lines: FHIR query URLs contain patient ids."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("HTTP Request:")


_FILTER = _NoRequestUrls()
_SLOTS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def slots(limit: int) -> asyncio.Semaphore:
    """The semaphore bounding outbound FHIR requests in flight on this event loop."""
    loop = asyncio.get_running_loop()
    found = _SLOTS.get(loop)
    if found is None:
        found = _SLOTS[loop] = asyncio.Semaphore(limit)
    return found


@dataclass
class Budget:
    """What one hook call may still read: bytes over all replies, resources over all queries."""

    bytes_left: int
    resources_left: int

    def take_bytes(self, count: int) -> None:
        self.bytes_left -= count
        if self.bytes_left < 0:
            raise FhirReadError("too-large")

    def take_resources(self, count: int) -> None:
        self.resources_left -= count
        if self.resources_left < 0:
            raise FhirReadError("too-many-resources")


def _entries(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e["resource"]
        for e in bundle.get("entry") or []
        if isinstance(e, dict)
        and isinstance(e.get("resource"), dict)
        and (e.get("search") or {}).get("mode", "match") != "outcome"
    ]


def _next_page(bundle: dict[str, Any]) -> str | None:
    for link in bundle.get("link") or []:
        if isinstance(link, dict) and link.get("relation") == "next":
            return str(link.get("url", ""))
    return None


class FhirClient:
    """Read-only FHIR client bound to one server base URL, one access token and one budget."""

    def __init__(
        self, base_url: str, *, token: str | None, budget: Budget, concurrency: int
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.budget = budget
        self.concurrency = concurrency
        logging.getLogger("httpx").addFilter(_FILTER)  # idempotent: a filter is added once
        # identity: the byte cap counts what is decoded, so no compressed bombs
        headers = {"Accept": FHIR_JSON, "Accept-Encoding": "identity"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.AsyncClient(
            headers=headers, follow_redirects=False, trust_env=False, timeout=None
        )

    async def __aenter__(self) -> FhirClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def _read(self, url: str) -> bytes:
        async with slots(self.concurrency), self._client.stream("GET", url) as response:
            if response.status_code != httpx.codes.OK:
                raise FhirReadError(f"http-{response.status_code}")
            if response.headers.get("content-encoding", "identity").lower() != "identity":
                raise FhirReadError("compressed")  # asked for identity: a bomb would decode first
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.budget.bytes_left:
                raise FhirReadError("too-large")
            chunks: list[bytes] = []
            async for chunk in response.aiter_bytes():
                self.budget.take_bytes(len(chunk))
                chunks.append(chunk)
            return b"".join(chunks)

    async def _get(self, url: str) -> dict[str, Any]:
        try:
            body = await self._read(url)
        except httpx.TimeoutException:
            raise FhirReadError("timeout") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FhirReadError(f"unreachable ({type(exc).__name__})") from None
        try:
            data = await anyio.to_thread.run_sync(json.loads, body)
        except ValueError:
            raise FhirReadError("not-json") from None
        if not isinstance(data, dict) or "resourceType" not in data:
            raise FhirReadError("not-fhir")
        return data

    async def resources(self, relative: str) -> list[dict[str, Any]]:
        """The resources a read (``Patient/1``) or search (``Observation?patient=1``) returns."""
        data = await self._get(self.base_url + relative.lstrip("/"))
        if data.get("resourceType") != "Bundle":
            self.budget.take_resources(1)
            return [data]
        found: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            page = _entries(data)
            self.budget.take_resources(len(page))
            found += page
            following = _next_page(data)
            if not following or not listed(following, [self.base_url]):
                break
            data = await self._get(following)
        return found
