"""What a cohort analysis estimates and how (the CLI options), and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from b12.core.survey.standards import SingletonPsu
from b12.data.cohort.engine_name import EngineName

Progress = Callable[[str], None]


@dataclass(frozen=True, kw_only=True)
class CohortOptions:
    """What to estimate and how; mirrors the CLI options."""

    indicators: Sequence[str] = ()  # standard names or NAME=EXPRESSION; empty = all standard
    means: Sequence[str] = ()
    where: str | None = None
    by: Sequence[str] = ()
    engine: EngineName = EngineName.DUCKDB
    spark_master: str | None = None
    database: str | None = None
    singleton: SingletonPsu = SingletonPsu.ERROR
    suppress: bool = True
    regress: str | None = None  # OUTCOME ~ TERM + TERM: fit this model instead of prevalences
    cache: bool = True  # keep the prepared cohort in the user cache folder and reuse it


class ResultKind(StrEnum):
    """What the rows hold: one estimate per target and group, or one coefficient per term."""

    ESTIMATES = "estimates"
    REGRESSION = "regression"


@dataclass(kw_only=True)
class CohortResult:
    """Rows ready for JSON/CSV/terminal, plus notes for the reader and the rules used."""

    kind: ResultKind
    rows: list[dict[str, Any]]
    by: list[str]
    notes: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
