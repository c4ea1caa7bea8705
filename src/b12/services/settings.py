"""Settings of the web app and API: one validated object, read once from the environment (B12_*).

`b12 serve` options override the environment; :func:`get_settings` is cached, and the app factory
(:func:`b12.api.app.create_app`) takes the settings it runs with, so nothing reads the environment
at import time. A bad value is an :class:`~b12.errors.InputError` naming the variable (exit code 2,
no traceback), never echoing the value (a database URL may hold a password).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from b12.data.person_file import MAX_BYTES
from b12.data.store import default_database_url
from b12.errors import InputError
from b12.services.users import DEFAULT_TOKEN_LIFETIME_DAYS

ENV_PREFIX = "B12_"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Host header names of this machine (IPv6 in brackets, as in a Host header).
LOOPBACK_HOST_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8012
# A request that passed through a reverse proxy carries one of these (RFC 7239 or the de facto set).
FORWARDED = "forwarded"
FORWARDED_PREFIX = "x-forwarded-"
X_REAL_IP = "x-real-ip"


class AuthMode(StrEnum):
    """When tokens are required: ``auto`` off loopback or behind a proxy; ``required`` always."""

    AUTO = "auto"
    REQUIRED = "required"


class Settings(BaseSettings):
    """Where to listen, which database to use, and when tokens are required (env prefix B12_)."""

    # An empty variable (B12_DATABASE_URL=) means "unset", as it always did.
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="ignore", env_ignore_empty=True
    )
    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL of the records (B12_DATABASE_URL; default: a SQLite file in "
        "the user data directory)",
    )
    host: str = DEFAULT_HOST
    port: int = Field(default=DEFAULT_PORT, ge=0, le=65535)
    secret_key: str = Field(
        default_factory=lambda: secrets.token_urlsafe(32),
        description="Signs CSRF tokens and web sessions (B12_SECRET_KEY; random per process)",
        repr=False,
    )
    max_body_bytes: int = Field(
        default=MAX_BYTES,
        gt=0,
        description="Largest request body (a person file upload, an import, any payload); 413 above",
    )
    trusted_hosts: frozenset[str] = Field(
        default=frozenset(),
        description="Host header names answered (empty: any); `b12 serve` on loopback without "
        "required tokens sets the loopback names, so that a web page cannot reach the token-free "
        "API by DNS rebinding",
    )
    auth: AuthMode = Field(
        default=AuthMode.AUTO,
        description="B12_AUTH: 'auto' asks for a token off loopback and on any request that came "
        "through a proxy (Forwarded, X-Forwarded-*, X-Real-IP); 'required' on every request",
    )
    token_lifetime_days: int = Field(
        default=DEFAULT_TOKEN_LIFETIME_DAYS,
        ge=1,
        le=3650,
        description="B12_TOKEN_LIFETIME_DAYS: an API token stops working this many days after it "
        "was issued or rotated",
    )
    secure_cookies: bool | None = Field(
        default=None,
        description="B12_SECURE_COOKIES: mark cookies Secure (HTTPS only); unset: on off loopback "
        "and when the proxy says the request came over HTTPS",
    )

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


def _variable(location: tuple[int | str, ...]) -> str:
    return ENV_PREFIX + str(location[0]).upper() if location else ENV_PREFIX


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment and ``overrides``; a bad value names its variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = _variable(tuple(first["loc"]))
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InputError(message, field=name) from None


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment (B12_DATABASE_URL, B12_SECRET_KEY, B12_AUTH, ...), built once."""
    return load_settings()
