"""Settings of the CDS Hooks service, read once from the environment (see docs/cds-hooks.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_FHIR_TIMEOUT_S = 5.0  # CDS Hooks asks services to answer in about 500 ms; EHR servers vary


@dataclass(frozen=True)
class CdsSettings:
    """What an operator can change without code."""

    fhir_timeout_s: float = DEFAULT_FHIR_TIMEOUT_S
    # FHIR server base URLs the service may query (prefixes); empty means any (development only).
    allowed_fhir_servers: tuple[str, ...] = ()
    # Link to a full report, with {patientId} replaced; no link when unset.
    report_url: str | None = None
    # Origins allowed by CORS; "*" for any (the CDS Hooks sandbox runs in a browser).
    allow_origins: tuple[str, ...] = ("*",)
    # JWK Set (JSON file) of the CDS clients' public keys; when set, every call needs a signed JWT.
    jwks_file: str | None = None
    # Accepted JWT issuers (iss); empty accepts any issuer whose key is in the JWK Set.
    jwt_issuers: tuple[str, ...] = ()
    # Public base URL of this service (behind a proxy), for the JWT audience; else the request URL.
    public_base_url: str | None = None
    # A file of the site's own lab codes (see docs/fhir.md), added to b12's code table.
    local_codes: str | None = None

    def fhir_server_allowed(self, url: str) -> bool:
        """Whether the service may send the EHR's token to this FHIR server."""
        return not self.allowed_fhir_servers or any(
            url.startswith(prefix) for prefix in self.allowed_fhir_servers
        )


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


@lru_cache
def get_settings() -> CdsSettings:
    """Settings from B12_CDS_* environment variables (cached; clear with get_settings.cache_clear)."""
    env = os.environ
    return CdsSettings(
        fhir_timeout_s=float(env.get("B12_CDS_FHIR_TIMEOUT_S", DEFAULT_FHIR_TIMEOUT_S)),
        allowed_fhir_servers=_split(env.get("B12_CDS_ALLOWED_FHIR_SERVERS")),
        report_url=env.get("B12_CDS_REPORT_URL") or None,
        allow_origins=_split(env.get("B12_CDS_ALLOW_ORIGINS")) or ("*",),
        local_codes=env.get("B12_LOCAL_CODES") or None,
        jwks_file=env.get("B12_CDS_JWKS_FILE") or None,
        jwt_issuers=_split(env.get("B12_CDS_JWT_ISSUERS")),
        public_base_url=env.get("B12_CDS_PUBLIC_URL") or None,
    )
