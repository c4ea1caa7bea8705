"""Settings of the CDS Hooks service: one validated object from B12_CDS_* variables (docs/cds-hooks.md).

Lists are comma-separated (``B12_CDS_ALLOW_ORIGINS=https://sandbox.cds-hooks.org``). A wrong value
stops the service at start-up with an error naming the variable, never at the first request.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from b12.errors import InputError
from b12.fhir.egress import BaseUrl, origin_of

ENV_PREFIX = "B12_CDS_"
DEFAULT_FHIR_TIMEOUT_S = 5.0  # CDS Hooks asks services to answer in about 500 ms; EHR servers vary
DEFAULT_FHIR_MAX_BYTES = (
    5_000_000  # all FHIR replies of one hook call; one patient's record is far less
)
DEFAULT_FHIR_CONCURRENCY = 8  # outbound FHIR requests in flight, over all hook calls
DEFAULT_MAX_RESOURCES = 2_000  # resources (prefetched + fetched) read for one hook call
DEFAULT_MAX_REQUEST_BYTES = (
    5_000_000  # a hook request body (prefetch included), as `b12 serve`'s limit
)

Names = Annotated[tuple[str, ...], NoDecode]


class CdsSettings(BaseSettings):
    """What an operator can change without code (environment variable B12_CDS_<NAME>)."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="ignore", populate_by_name=True
    )

    fhir_timeout_s: float = Field(
        default=DEFAULT_FHIR_TIMEOUT_S,
        gt=0,
        le=60,
        description="Deadline (s) for all FHIR queries of one hook call: connect, wait and read",
    )
    fhir_max_bytes: int = Field(
        default=DEFAULT_FHIR_MAX_BYTES,
        gt=0,
        description="Bytes read from FHIR servers per hook call",
    )
    fhir_max_concurrency: int = Field(
        default=DEFAULT_FHIR_CONCURRENCY,
        ge=1,
        le=256,
        description="FHIR requests in flight at once, over all hook calls (others wait in line)",
    )
    max_resources: int = Field(
        default=DEFAULT_MAX_RESOURCES,
        gt=0,
        description="FHIR resources (prefetched and fetched) read for one hook call",
    )
    max_request_bytes: int = Field(
        default=DEFAULT_MAX_REQUEST_BYTES, gt=0, description="Largest hook request body (413 above)"
    )
    allowed_fhir_servers: Names = Field(
        default=(),
        description="FHIR base URLs the service may query and send tokens to (origin and path); "
        "empty: any server on a public address",
    )
    report_url: str | None = Field(
        default=None, description="Link on each card; {patientId} is replaced (URL-encoded)"
    )
    allow_origins: Names = Field(
        default=(),
        description="Browser origins allowed by CORS (e.g. https://sandbox.cds-hooks.org)",
    )
    trusted_hosts: Names = Field(
        default=(),
        description="Host names the standalone app answers besides loopback and B12_CDS_PUBLIC_URL's",
    )
    jwks_file: str | None = Field(
        default=None,
        description="JWK Set (JSON file) of the CDS clients' public keys; when set, every call "
        "needs a signed JWT",
    )
    jwt_issuers: Names = Field(
        default=(), description="Accepted JWT issuers (iss); empty: any issuer whose key is known"
    )
    public_base_url: str | None = Field(
        default=None,
        validation_alias="B12_CDS_PUBLIC_URL",
        description="Public base URL of this service; the JWT audience is this URL + the path",
    )
    replay_cache: str | None = Field(
        default=None,
        description="File of the JWT ids already used (default: cds-jti.sqlite3 in the user data "
        "folder)",
    )
    local_codes: str | None = Field(
        default=None,
        validation_alias="B12_LOCAL_CODES",
        description="A file of the site's own lab codes (see docs/fhir.md)",
    )

    @field_validator(
        "allowed_fhir_servers", "allow_origins", "trusted_hosts", "jwt_issuers", mode="before"
    )
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("report_url", "jwks_file", "public_base_url", "replay_cache", "local_codes")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("allowed_fhir_servers")
    @classmethod
    def _base_urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for url in value:
            if BaseUrl.parse(url) is None:
                raise ValueError(
                    "each entry must be an http(s) base URL without user, password, query or "
                    "fragment, such as https://ehr.example.org/fhir"
                )
        return value

    @field_validator("allow_origins")
    @classmethod
    def _origins(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for origin in value:
            if origin == "*" or origin_of(origin) != origin.rstrip("/").lower():
                raise ValueError(
                    "list each origin (scheme://host[:port], e.g. https://sandbox.cds-hooks.org); "
                    "'*' is not accepted"
                )
        return tuple(origin.rstrip("/").lower() for origin in value)

    @field_validator("public_base_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is not None and BaseUrl.parse(value) is None:
            raise ValueError(
                "must be the http(s) URL clients call, such as https://b12.example.org"
            )
        return value.rstrip("/") if value else None

    @field_validator("jwks_file")
    @classmethod
    def _key_set_file(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            keys = json.loads(Path(value).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ValueError("must be a readable JSON file (a JWK Set)") from None
        if not isinstance(keys, dict) or not isinstance(keys.get("keys"), list):
            raise ValueError('must hold a JWK Set: {"keys": [...]}')
        return value

    @model_validator(mode="after")
    def _audience_configured(self) -> CdsSettings:
        if self.jwks_file and not self.public_base_url:
            raise ValueError(
                "B12_CDS_PUBLIC_URL is required with B12_CDS_JWKS_FILE: the JWT audience is the "
                "URL clients call, never taken from the request"
            )
        return self


def _variable(name: str) -> str:
    """The environment variable of a field (or of an alias, which is already one)."""
    if name.startswith("B12_"):
        return name
    alias = CdsSettings.model_fields[name].validation_alias
    return alias if isinstance(alias, str) else ENV_PREFIX + name.upper()


def load_settings() -> CdsSettings:
    """Settings from the environment; raise :class:`InputError` naming the variable if one is wrong."""
    try:
        return CdsSettings()
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = [str(part) for part in first["loc"] if isinstance(part, str)]
        message = str(first["msg"]).removeprefix("Value error, ")
        if not where:
            raise InputError(f"CDS Hooks settings: {message}") from None
        raise InputError(message, field=_variable(where[0])) from None


@lru_cache
def get_settings() -> CdsSettings:
    """Settings from B12_CDS_* environment variables (cached; clear with get_settings.cache_clear)."""
    return load_settings()
