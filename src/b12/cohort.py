"""Whole cohorts from Python: b12's rules and survey statistics, results as pandas DataFrames.

``b12.cohort.nhanes(folders)`` reads NHANES cycles straight from the CDC files and estimates with the
MEC design; ``b12.cohort.read(source, mapping)`` reads any CSV/Parquet file (or engine table) whose
columns are mapped to b12's names. Both do what ``b12 cohort nhanes`` and ``b12 cohort run`` do,
with the same options, and return a ``CohortFrame``: the rows as a DataFrame (one per
estimate and group, or one per regression term), the notes and the rules used.

Small cells (1-10 persons) of non-survey data are suppressed by default, as the CLI does; pass
``suppress=False`` only for data that may be shown unsuppressed. Needs ``pip install 'b12[cohort]'``
(DuckDB, Ibis, pandas), and ``b12[spark]`` for ``engine="spark"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from b12.core.survey.standards import SingletonPsu
from b12.data.cohort.engine_name import EngineName
from b12.errors import InputError, shown
from b12.extras import require

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from b12.services.cohort import CohortOptions, CohortResult

__all__ = ["CohortFrame", "nhanes", "read"]

E = TypeVar("E", bound=StrEnum)

Folders = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


@dataclass(frozen=True)
class CohortFrame:
    """The result of a cohort analysis: rows as a DataFrame, plus what the reader must know.

    ``kind`` is ``"estimates"`` (columns indicator, the groups, n, prevalence or mean, se,
    ci_low, ci_high, df, flag, flag_reason, note, rules) or ``"regression"`` (model, family,
    term, estimate, se, ci_low, ci_high, p_value, n, df, and odds ratios for a logistic model).
    Prevalences are fractions (0.25 is 25 %). A ``flag`` marks an NCHS-unreliable or a
    suppressed estimate: read it before quoting the number.
    """

    kind: str
    frame: pd.DataFrame
    notes: tuple[str, ...]
    rules: tuple[str, ...]

    def to_arrow(self) -> pa.Table:
        """The rows as an Arrow table."""
        import pyarrow as pa

        return pa.Table.from_pandas(self.frame, preserve_index=False)

    def _repr_html_(self) -> str:  # a notebook shows the table
        return str(self.frame._repr_html_())


def _frame(result: CohortResult) -> CohortFrame:
    import pandas as pd

    return CohortFrame(
        kind=result.kind.value,
        frame=pd.DataFrame(result.rows),
        notes=tuple(result.notes),
        rules=tuple(result.rules),
    )


def _choice(kind: type[E], value: E | str, field: str) -> E:
    """``value`` as one of ``kind``'s members, or an InputError naming the field and the choices."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InputError(f"{shown(value)} is not one of {allowed}", field=field) from None


def _options(
    *,
    indicators: Sequence[str],
    means: Sequence[str],
    where: str | None,
    by: Sequence[str] | str,
    regress: str | None,
    engine: EngineName | str,
    spark_master: str | None,
    singleton: SingletonPsu | str,
    suppress: bool = True,
    database: str | None = None,
) -> CohortOptions:
    from b12.services.cohort import CohortOptions

    groups = [by] if isinstance(by, str) else list(by)
    return CohortOptions(
        indicators=list(indicators),
        means=list(means),
        where=where,
        by=groups,
        engine=_choice(EngineName, engine, "engine"),
        spark_master=spark_master,
        database=database,
        singleton=_choice(SingletonPsu, singleton, "singleton"),
        suppress=suppress,
        regress=regress,
    )


def _require_engine(engine: EngineName | str) -> None:
    require("cohort")
    if _choice(EngineName, engine, "engine") is EngineName.SPARK:
        require("spark")


def nhanes(
    folders: Folders,
    *,
    indicators: Sequence[str] = (),
    means: Sequence[str] = (),
    where: str | None = None,
    by: Sequence[str] | str = (),
    regress: str | None = None,
    engine: EngineName | str = EngineName.DUCKDB,
    spark_master: str | None = None,
    singleton: SingletonPsu | str = SingletonPsu.ERROR,
) -> CohortFrame:
    """Survey-weighted estimates from NHANES cycle folders (CDC XPT files), as ``b12 cohort nhanes``.

    Cycles are pooled by dividing the MEC weights by the number of cycles. ``indicators`` are
    standard names (``b12_deficient``, ``mma_elevated``, ...) or ``NAME=EXPRESSION``; ``where`` is a
    domain (estimated on the full design, never by dropping rows); ``regress`` fits
    ``"OUTCOME ~ TERM + TERM"`` instead. NHANES is survey data published by NCHS: no cell is
    suppressed, and NCHS reliability flags mark the estimates not to quote.

    Examples
    --------
    >>> import b12.cohort
    >>> result = b12.cohort.nhanes(NHANES_2013, indicators=["b12_deficient"], where="age >= 60")
    >>> result.frame[["indicator", "n"]].to_dict("records")
    [{'indicator': 'b12_deficient', 'n': 1688}]
    """
    _require_engine(engine)
    from b12.services.cohort import analyse_nhanes

    paths = (
        [Path(folders)] if isinstance(folders, str | os.PathLike) else [Path(f) for f in folders]
    )
    options = _options(
        indicators=indicators, means=means, where=where, by=by, regress=regress, engine=engine,
        spark_master=spark_master, singleton=singleton,
    )  # fmt: skip
    return _frame(analyse_nhanes(paths, options))


def _mapping_specs(mapping: Mapping[str, str] | Sequence[str]) -> list[str]:
    """``{"serum_b12": "b12:pg/mL"}`` (file column -> b12 name[:unit]) as CLI ``--map`` specs."""
    if isinstance(mapping, Mapping):
        return [f"{column}={target}" for column, target in mapping.items()]
    return list(mapping)


def read(
    source: str | os.PathLike[str],
    mapping: Mapping[str, str] | Sequence[str],
    *,
    indicators: Sequence[str] = (),
    means: Sequence[str] = (),
    where: str | None = None,
    by: Sequence[str] | str = (),
    regress: str | None = None,
    engine: EngineName | str = EngineName.DUCKDB,
    spark_master: str | None = None,
    database: str | None = None,
    singleton: SingletonPsu | str = SingletonPsu.ERROR,
    suppress: bool = True,
) -> CohortFrame:
    """Estimates from a CSV/Parquet file or engine table, as ``b12 cohort run``.

    ``mapping`` maps the file's columns to b12's names, with the unit of a lab column:
    ``{"serum_b12": "b12:pg/mL", "age_years": "age"}``. Without ``weight``/``stratum``/``psu``
    columns every row is its own unit with weight 1. Cells of 1-10 persons are suppressed unless
    ``suppress=False``.

    Examples
    --------
    >>> import b12.cohort
    >>> rows = b12.cohort.read(COHORT_CSV, {"serum_b12": "b12:pg/mL", "age_years": "age"},
    ...                        indicators=["b12_deficient"])
    >>> rows.frame[["indicator", "n", "flag"]].to_dict("records")
    [{'indicator': 'b12_deficient', 'n': 8, 'flag': 'suppressed'}]
    """
    _require_engine(engine)
    from b12.services.cohort import analyse_file

    options = _options(
        indicators=indicators, means=means, where=where, by=by, regress=regress, engine=engine,
        spark_master=spark_master, singleton=singleton, suppress=suppress, database=database,
    )  # fmt: skip
    return _frame(analyse_file(os.fspath(source), _mapping_specs(mapping), options))
