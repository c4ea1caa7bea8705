"""Settings of the web app and API, read once from the environment and options."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from b12.data.person_file import MAX_BYTES
from b12.data.store import DATABASE_URL_ENV, default_database_url

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Host header names of this machine (IPv6 in brackets, as in a Host header).
LOOPBACK_HOST_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8012


class Settings(BaseModel):
    """Where to listen, which database to use, and whether API tokens are required."""

    model_config = ConfigDict(frozen=True)
    database_url: str
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
        description="Host header names answered (empty: any); `b12 serve` on loopback sets the "
        "loopback names, so that a web page cannot reach the token-free API by DNS rebinding",
    )

    @property
    def auth_required(self) -> bool:
        """Tokens are required on any bind address but the loopback one."""
        return self.host not in LOCAL_HOSTS


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment (B12_DATABASE_URL, B12_SECRET_KEY), built once."""
    values: dict[str, str] = {
        "database_url": os.environ.get(DATABASE_URL_ENV) or default_database_url()
    }
    if key := os.environ.get("B12_SECRET_KEY"):
        values["secret_key"] = key
    return Settings.model_validate(values)
