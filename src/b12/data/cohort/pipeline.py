"""Grouped survey estimates: per-PSU sums in the engine, variance on the driver.

One pass over the rows computes, for every (group, stratum, PSU) and every target, the domain count
``n``, the count with the outcome, ``Σw·d`` and ``Σw·d·y`` (``d`` = in the ``--where`` filter and
the target not missing). Rows outside the domain stay in the design through the separate list of
the design's PSUs, so domain estimates use the full design.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir
import pandas as pd

from b12.core.survey_standards import NchsFlag, Reliability, nchs_proportion_reliability
from b12.data.cohort.engine import CohortEngine
from b12.stats.survey import (
    Design,
    Estimate,
    PsuTotals,
    SingletonPsu,
    korn_graubard_ci,
    ratio_estimate,
    srs_ratio_estimate,
    t_ci,
)

STRATUM, PSU, WEIGHT = "stratum", "psu", "weight"


@dataclass(frozen=True)
class Target:
    """A proportion (0/1 indicator) or a mean of a numeric column, by name."""

    name: str
    kind: str  # "proportion" | "mean"
    expr: ir.NumericValue


@dataclass(frozen=True)
class Cell:
    """One estimate for one target in one group."""

    target: str
    kind: str
    group: tuple[Any, ...]
    n: int
    n_events: int
    estimate: Estimate
    ci_low: float | None
    ci_high: float | None
    reliability: Reliability | None


def per_psu_sums(
    t: ir.Table,
    targets: Sequence[Target],
    domain: ir.BooleanValue | None,
    by: Sequence[str],
    *,
    srs: bool,
) -> ir.Table:
    """The engine part: one aggregation with a few filtered sums per target.

    Filtered aggregates (``SUM(w) FILTER (WHERE ...)`` in SQL) rather than sums of CASE
    expressions: the form a hand-written query would use, and the fastest on DuckDB.
    """
    inside = None if domain is None else domain.fill_null(False)
    # A zero weight (NHANES interview-only persons, unreliable dietary recalls under WTDRD1) is
    # outside the analytic sample: as null it adds to no sum and no count, in one NULLIF per row.
    weight = t[WEIGHT].cast("float64").nullif(0.0)
    metrics: dict[str, ir.Value] = {}

    def within(condition: ir.BooleanValue) -> ir.BooleanValue:
        return condition if inside is None else inside & condition

    for i, target in enumerate(targets):
        y = target.expr
        present = within(y.notnull())
        if target.kind == "proportion":
            positive = within(y)
            metrics[f"s1_{i}"] = weight.sum(where=positive)
        else:
            y = y.cast("float64")
            positive = within(y != 0)
            metrics[f"s1_{i}"] = (weight * y).sum(where=present)
        metrics[f"n_{i}"] = weight.count(where=present)
        metrics[f"e_{i}"] = weight.count(where=positive)
        metrics[f"s0_{i}"] = weight.sum(where=present)
        if srs:
            w2 = weight * weight
            yf = y.cast("float64")
            metrics[f"q0_{i}"] = w2.sum(where=present)
            metrics[f"q1_{i}"] = (w2 * yf).sum(where=present)
            metrics[f"q2_{i}"] = (w2 * yf * yf).sum(where=present)
    keys = [*by] if srs else [*by, STRATUM, PSU]
    if not keys:
        return t.aggregate(**metrics)
    return t.group_by(keys).aggregate(**metrics)


def design_of(sums: pd.DataFrame, singleton: SingletonPsu) -> Design:
    """PSUs per stratum in the whole design, read off the per-PSU sums.

    The sums are grouped over *all* rows (the domain only zeroes the sums), so every PSU of the
    design appears in them at least once: no second pass over the data is needed.
    """
    pairs = sums[[STRATUM, PSU]].drop_duplicates()
    counts = pairs.groupby(STRATUM, dropna=False).size()
    return Design({stratum: int(n) for stratum, n in counts.items()}, singleton)


def _estimate_cell(
    target: Target,
    group: tuple[Any, ...],
    part: pd.DataFrame,
    i: int,
    design: Design | None,
    n_rows: int,
) -> Cell:
    n = int(part[f"n_{i}"].sum())
    events = int(part[f"e_{i}"].sum())
    if design is None:
        sums = {k: float(part[f"{k}_{i}"].sum()) for k in ("s0", "s1", "q0", "q1", "q2")}
        est = srs_ratio_estimate(sums, n_rows, n)
    else:
        totals = PsuTotals(
            list(part[STRATUM]),
            list(part[PSU]),
            [float(v) for v in part[f"s1_{i}"]],
            [float(v) for v in part[f"s0_{i}"]],
        )
        est = ratio_estimate(totals, design)
    low: float | None = None
    high: float | None = None
    reliability = None
    if est.value is not None and est.se is not None:
        if target.kind == "proportion":
            low, high = korn_graubard_ci(est.value, est.se, n, est.df)
            if low is not None and high is not None:
                reliability = nchs_proportion_reliability(
                    est.value, est.se, low, high, n, events, est.df
                )
            else:
                reliability = Reliability(
                    (NchsFlag.SUPPRESS,), "no degrees of freedom: the CI is undefined"
                )
        else:
            low, high = t_ci(est.value, est.se, est.df)
    return Cell(target.name, target.kind, group, n, events, est, low, high, reliability)


def grouped_estimates(
    engine: CohortEngine,
    t: ir.Table,
    targets: Sequence[Target],
    domain: ir.BooleanValue | None,
    by: Sequence[str],
    *,
    srs: bool,
    singleton: SingletonPsu = SingletonPsu.ERROR,
) -> list[Cell]:
    """Estimates for every target in every group (groups sorted, nulls last)."""
    if not targets:
        return []
    n_rows = int(engine.backend.execute(t.count())) if srs else 0
    sums = engine.execute(per_psu_sums(t, targets, domain, by, srs=srs))
    metric_columns = [c for c in sums.columns if c not in (*by, STRATUM, PSU)]
    sums[metric_columns] = sums[metric_columns].fillna(0)  # empty filtered sums are null
    design = None if srs else design_of(sums, singleton)
    if by:
        groups = sums.groupby(list(by), dropna=False, sort=True)
        parts = [((k if isinstance(k, tuple) else (k,)), g) for k, g in groups]
    else:
        parts = [((), sums)]
    cells = []
    for group, part in parts:
        clean = tuple(None if pd.isna(k) else k for k in group)
        for i, target in enumerate(targets):
            cells.append(_estimate_cell(target, clean, part, i, design, n_rows))
    return cells
