"""A small FHIR REST client: reads and searches on an EHR's FHIR server with a bearer token.

Used by the CDS Hooks service when the EHR did not prefetch what b12 needs. Every request has a
timeout; search results are followed page by page (``link[next]``) only on the same server and up to
:data:`MAX_PAGES`. Errors never contain the query (it holds the patient id), only the status.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from b12.errors import ExternalServiceError

MAX_PAGES = 10  # a prefetch-like query of one patient's labs or medicines fits in far fewer
FHIR_JSON = "application/fhir+json"


class _NoRequestUrls(logging.Filter):
    """Drop httpx's 'HTTP Request: GET <url>' lines: FHIR query URLs contain patient ids."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("HTTP Request:")


_FILTER = _NoRequestUrls()


class FhirClient:
    """Read-only FHIR client bound to one server base URL and one access token."""

    def __init__(self, base_url: str, *, token: str | None, timeout_s: float) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        logging.getLogger("httpx").addFilter(_FILTER)  # idempotent: a filter is added once
        headers = {"Accept": FHIR_JSON}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(headers=headers, timeout=timeout_s, follow_redirects=False)

    def __enter__(self) -> FhirClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def _get(self, url: str) -> dict[str, Any]:
        try:
            response = self._client.get(url)
        except httpx.TimeoutException:
            raise ExternalServiceError("the FHIR server did not answer in time") from None
        except httpx.HTTPError as exc:
            raise ExternalServiceError(
                f"the FHIR server could not be reached ({type(exc).__name__})"
            ) from None
        if response.status_code != httpx.codes.OK:
            raise ExternalServiceError(f"the FHIR server answered HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise ExternalServiceError("the FHIR server did not answer with JSON") from None
        if not isinstance(data, dict) or "resourceType" not in data:
            raise ExternalServiceError("the FHIR server did not answer with a FHIR resource")
        return data

    def resources(self, relative: str) -> list[dict[str, Any]]:
        """The resources a read (``Patient/1``) or search (``Observation?patient=1``) returns."""
        data = self._get(self.base_url + relative.lstrip("/"))
        if data.get("resourceType") != "Bundle":
            return [data]
        found: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            found += [
                e["resource"]
                for e in data.get("entry") or []
                if isinstance(e, dict)
                and isinstance(e.get("resource"), dict)
                and (e.get("search") or {}).get("mode", "match") != "outcome"
            ]
            following = [
                link.get("url", "")
                for link in data.get("link") or []
                if isinstance(link, dict) and link.get("relation") == "next"
            ]
            if not following or not str(following[0]).startswith(self.base_url):
                break
            data = self._get(str(following[0]))
        return found
