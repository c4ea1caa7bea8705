"""Every ``B12_*`` environment variable in one validated object, read once: :func:`get_settings`.

One pydantic-settings class, :class:`Settings`: the options of every command (``B12_FOOD_STORE``,
``B12_DEBUG``, ...), of `b12 serve` (``B12_DATABASE_URL``, ``B12_AUTH``, ...) and, as the group
``Settings.cds``, of the CDS Hooks service (``B12_CDS_*``). docs/settings.md lists every variable
in one table (tests/unit/test_settings.py checks it against this class). The ``b12`` command, `b12
serve` and the CDS Hooks app validate it before they do anything else, so a bad value stops them
at once with an error naming the variable (exit code 2 for a command), never echoing its value: a
database URL may hold a password. Command-line options override it (`b12 serve --port`).

:func:`get_settings` reads the environment once per process and caches the result; a test or a
notebook that changes ``os.environ`` afterwards calls ``get_settings.cache_clear()``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from b12.errors import InputError
from b12.urls import BaseUrl, origin_of

ENV_PREFIX = "B12_"
DEFAULT_FDC_URL = (
    "https://fdc.nal.usda.gov/fdc-datasets/FoodData_Central_sr_legacy_food_csv_2018-04.zip"
)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8012
PERSON_FILE_MAX_BYTES = 5_000_000  # a person file is a few kB; refuse what is clearly not one
DEFAULT_TOKEN_LIFETIME_DAYS = 90
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Host header names of this machine (IPv6 in brackets, as in a Host header).
LOOPBACK_HOST_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
# A request that passed through a reverse proxy carries one of these (RFC 7239 or the de facto set).
FORWARDED = "forwarded"
FORWARDED_PREFIX = "x-forwarded-"
X_REAL_IP = "x-real-ip"

CDS_PREFIX = ENV_PREFIX + "CDS_"
DEFAULT_FHIR_TIMEOUT_S = 5.0  # CDS Hooks asks services to answer in about 500 ms; EHR servers vary
DEFAULT_FHIR_MAX_BYTES = 5_000_000  # all FHIR replies of one hook call; one record is far less
DEFAULT_FHIR_CONCURRENCY = 8  # outbound FHIR requests in flight, over all hook calls
DEFAULT_MAX_RESOURCES = 2_000  # resources (prefetched + fetched) read for one hook call
DEFAULT_MAX_REQUEST_BYTES = 5_000_000  # a hook request body (prefetch included), as serve's limit

SparkLogLevel = Literal["OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL"]
Names = Annotated[tuple[str, ...], NoDecode]  # comma-separated in the environment


class AuthMode(StrEnum):
    """When tokens are required: ``auto`` off loopback or behind a proxy; ``required`` always."""

    AUTO = "auto"
    REQUIRED = "required"


class CdsOptions(BaseModel):
    """The CDS Hooks service's group of settings, ``Settings.cds`` (variables B12_CDS_<NAME>)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

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
    public_url: str | None = Field(
        default=None,
        description="Public base URL of this service; the JWT audience is this URL + the path",
    )
    replay_cache: str | None = Field(
        default=None,
        description="File of the JWT ids already used (default: cds-jti.sqlite3 in the user data "
        "folder)",
    )

    @field_validator(
        "allowed_fhir_servers", "allow_origins", "trusted_hosts", "jwt_issuers", mode="before"
    )
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("report_url", "jwks_file", "public_url", "replay_cache")
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

    @field_validator("public_url")
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
    def _audience_configured(self) -> CdsOptions:
        if self.jwks_file and not self.public_url:
            raise ValueError(
                "B12_CDS_PUBLIC_URL is required with B12_CDS_JWKS_FILE: the JWT audience is the "
                "URL clients call, never taken from the request"
            )
        return self


class Settings(BaseSettings):
    """What a user can change without code (environment variable B12_<NAME>, B12_CDS_<NAME>)."""

    # An empty variable (B12_DEBUG=) means "unset". B12_CDS_<NAME> fills the group `cds` (one
    # split after the prefix: B12_CDS_FHIR_TIMEOUT_S is cds.fhir_timeout_s).
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        frozen=True,
        extra="ignore",
        env_ignore_empty=True,
        env_nested_delimiter="_",
        env_nested_max_split=1,
    )

    # every command
    food_store: Path | None = Field(
        default=None,
        description="The food store `b12 foods import` writes and `b12 intake` reads (default: "
        "foods.sqlite in the user data folder)",
    )
    fdc_url: str = Field(
        default=DEFAULT_FDC_URL,
        min_length=1,
        description="Where `b12 foods download` fetches FoodData Central",
    )
    local_codes: Path | None = Field(
        default=None,
        description="A file of the site's own lab codes for FHIR input (`--local-codes`), read by "
        "the commands and the CDS Hooks service",
    )
    debug: bool = Field(
        default=False,
        description="Show the traceback of an internal error (exit code 70) instead of one line",
    )
    cache_dir: Path | None = Field(
        default=None,
        description="Folder of prepared cohorts (default: b12/cohort in the user cache folder)",
    )
    spark_log: SparkLogLevel = Field(
        default="ERROR", description="Spark's own log level for `b12 cohort --engine spark`"
    )
    # b12 serve, b12 users, b12 db
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the records (default: a SQLite file in the user data folder)",
    )
    host: str = DEFAULT_HOST
    port: int = Field(default=DEFAULT_PORT, ge=0, le=65535)
    secret_key: str = Field(
        default_factory=lambda: secrets.token_urlsafe(32),
        description="Signs CSRF tokens and web sessions (random per process)",
        repr=False,
    )
    max_body_bytes: int = Field(
        default=PERSON_FILE_MAX_BYTES,
        gt=0,
        description="Largest request body (a person file upload, an import, any payload); 413 above",
    )
    menu_solves: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Menus `GET /api/persons/{id}/menu` plans at once in one process; the next "
        "request gets 503 with Retry-After (docs/menu.md)",
    )
    trusted_hosts: Annotated[frozenset[str], NoDecode] = Field(
        default=frozenset(),
        description="Host header names answered (empty: any); `b12 serve` on loopback without "
        "required tokens sets the loopback names, so that a web page cannot reach the token-free "
        "API by DNS rebinding; comma-separated",
    )
    auth: AuthMode = Field(
        default=AuthMode.AUTO,
        description="'auto' asks for a token off loopback and on any request that came through a "
        "proxy (Forwarded, X-Forwarded-*, X-Real-IP); 'required' on every request",
    )
    token_lifetime_days: int = Field(
        default=DEFAULT_TOKEN_LIFETIME_DAYS,
        ge=1,
        le=3650,
        description="An API token stops working this many days after it was issued or rotated",
    )
    secure_cookies: bool | None = Field(
        default=None,
        description="Mark cookies Secure (HTTPS only); unset: on off loopback and when the proxy "
        "says the request came over HTTPS",
    )
    today: dt.date | None = Field(
        default=None,
        description="The date the web app, the REST API and CDS Hooks assess as of (default: the "
        "machine's date); for tests and demonstrations only (YYYY-MM-DD)",
    )
    # the CDS Hooks service (standalone or in b12 serve)
    cds: CdsOptions = Field(default_factory=CdsOptions)

    @field_validator("trusted_hosts", mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        if isinstance(value, str):  # comma-separated, or a JSON list as before
            if value.lstrip().startswith("["):
                return json.loads(value)  # a ValueError here is a validation error
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("spark_log", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @property
    def auth_required(self) -> bool:
        """Tokens are required on every request: configured so, or bound off loopback."""
        return self.auth is AuthMode.REQUIRED or self.host not in LOCAL_HOSTS

    def auth_required_for(self, headers: Mapping[str, str]) -> bool:
        """Whether a request with ``headers`` needs a token (a proxied one always does)."""
        return self.auth_required or is_forwarded(headers)

    def cookies_secure_for(self, headers: Mapping[str, str], scheme: str) -> bool:
        """Whether the cookies of an answer to this request are marked ``Secure``."""
        if self.secure_cookies is not None:
            return self.secure_cookies
        return self.host not in LOCAL_HOSTS or scheme == "https" or came_over_https(headers)


def is_forwarded(headers: Mapping[str, str]) -> bool:
    """Whether a reverse proxy passed the request on (it added a forwarding header)."""
    return any(
        name in (FORWARDED, X_REAL_IP) or name.startswith(FORWARDED_PREFIX)
        for name in (key.lower() for key in headers)
    )


def came_over_https(headers: Mapping[str, str]) -> bool:
    """Whether a proxy says the client used HTTPS (X-Forwarded-Proto or Forwarded proto=)."""
    proto = headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    forwarded = headers.get("forwarded", "").lower().replace(" ", "")
    return proto == "https" or "proto=https" in forwarded


def variable_of(location: tuple[int | str, ...]) -> str | None:
    """The environment variable of a field's location (``("cds", "jwks_file")``), if one."""
    names = [str(part).upper() for part in location if isinstance(part, str)]
    if names[:1] == ["CDS"]:  # the group's own rule (over several variables) names them itself
        return CDS_PREFIX + names[1] if len(names) > 1 else None
    return ENV_PREFIX + names[0] if names else None  # past the field: a union member's type


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and ``overrides``; a bad value is an :class:`InputError`
    naming its variable, never echoing the value."""
    try:
        return Settings(**overrides)
    except SettingsError as exc:  # a value pydantic-settings could not decode before validating
        found = re.search(r'field "(\w+)"', str(exc))
        which = ENV_PREFIX + found.group(1).upper() if found else ENV_PREFIX + "*"
        raise InputError("cannot be read (see docs/settings.md)", field=which) from None
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        name = variable_of(tuple(first["loc"]))
        if name is None:
            raise InputError(f"settings: {message}") from None
        raise InputError(message, field=name) from None


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read from the environment once (see the module docstring)."""
    return load_settings()
