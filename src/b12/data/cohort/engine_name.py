"""The cohort engines b12 runs on, by name (light: the CLI and options read it before any engine
library is imported)."""

from __future__ import annotations

from enum import StrEnum


class EngineName(StrEnum):
    """Supported engines."""

    DUCKDB = "duckdb"
    SPARK = "spark"
