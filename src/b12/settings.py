"""Settings every b12 command reads: one validated object from the ``B12_*`` environment variables.

The web app and API add theirs in :mod:`b12.services.settings` (``B12_DATABASE_URL``,
``B12_AUTH``, ...), the CDS Hooks service in :mod:`b12.cds_hooks.settings` (``B12_CDS_*``); all are
pydantic-settings objects with the same prefix, and docs/settings.md lists every variable in one
table (a test checks it against these classes). The ``b12`` command validates this object before
it runs anything, so a bad value stops it at once with exit code 2 and an error naming the
variable, never echoing its value. Built per call, never at import time: a test or a notebook
that changes the environment sees the change.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from b12.errors import InputError

ENV_PREFIX = "B12_"
DEFAULT_FDC_URL = (
    "https://fdc.nal.usda.gov/fdc-datasets/FoodData_Central_sr_legacy_food_csv_2018-04.zip"
)


class Settings(BaseSettings):
    """What a user can change without code for every command (environment variable B12_<NAME>)."""

    # An empty variable (B12_DEBUG=) means "unset".
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="ignore", env_ignore_empty=True
    )
    food_store: Path | None = Field(
        default=None,
        description="The food store `b12 foods import` writes and `b12 intake` reads (default: "
        "foods.sqlite in the user data folder)",
    )
    fdc_url: str = Field(
        default=DEFAULT_FDC_URL,
        min_length=1,
        description="Where `b12 foods download` fetches FoodData Central (default: the SR Legacy "
        "CSV archive)",
    )
    local_codes: Path | None = Field(
        default=None,
        description="A file of the site's own lab codes for FHIR input (`--local-codes`)",
    )
    debug: bool = Field(
        default=False,
        description="Show the traceback of an internal error (exit code 70) instead of one line",
    )


def _variable(location: tuple[int | str, ...]) -> str:
    return ENV_PREFIX + str(location[0]).upper() if location else ENV_PREFIX


def get_settings() -> Settings:
    """The settings from the environment now; a bad value is an InputError naming its variable."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InputError(message, field=_variable(tuple(first["loc"]))) from None
