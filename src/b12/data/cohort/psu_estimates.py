"""The driver part of a grouped estimate: from the engine's per-PSU sums to one cell per target
and group, every group and target at once in numpy.

The engine hands over one row per (group, stratum, PSU) (:func:`b12.data.cohort.pipeline.sums_query`).
The arithmetic is :func:`b12.stats.survey.ratio_estimate`'s, as arrays over all cells instead of a
loop per cell: a loop cost about 50 ms per analysis for 192 cells (most of it pandas column
look-ups), as much as the DuckDB query on NHANES. ``tests/unit/data/cohort/test_psu_estimates.py``
proves the two equal. The confidence interval and the NCHS flag of each cell stay the scalar
functions of :mod:`b12.stats.survey` and :mod:`b12.core` (a few microseconds a cell).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from b12.core.survey.standards import NchsFlag, Reliability, nchs_proportion_reliability
from b12.stats.survey import (
    Design,
    Estimate,
    SingletonPsu,
    korn_graubard_ci,
    srs_ratio_estimate,
    t_ci,
)

STRATUM, PSU, WEIGHT = "stratum", "psu", "weight"
# Column names of the state-keyed form (underscored, so no user column can clash).
_N, _W, _W2, _ROWS = "_n", "_w", "_w2", "_rows"

# A grouping column's labels in the order of its integer codes.
CodeLabels = Mapping[str, Sequence[str]]


class TargetKind(StrEnum):
    """What a target estimates: the share with a true 0/1 indicator, or a column's mean."""

    PROPORTION = "proportion"
    MEAN = "mean"


@dataclass(frozen=True)
class Estimand:
    """What is estimated, by name: all the driver needs of a target. ``empty``: known to have
    no value in the data (its markers are absent, as holoTC and homocysteine from NHANES
    2011-2014): the engine leaves it out and every cell has n = 0."""

    name: str
    kind: TargetKind
    empty: bool = field(default=False, kw_only=True)


@dataclass(frozen=True)
class Cell:
    """One estimate for one target in one group."""

    target: str
    kind: TargetKind
    group: tuple[Any, ...]
    n: int
    n_events: int
    estimate: Estimate
    ci_low: float | None
    ci_high: float | None
    reliability: Reliability | None


def with_design(by: Sequence[str]) -> list[str]:
    """The grouping columns followed by the design's, each once."""
    return [*by, *(k for k in (STRATUM, PSU) if k not in by)]


def collapse_states(
    sums: pd.DataFrame, targets: Sequence[Estimand], keys: Sequence[str]
) -> pd.DataFrame:
    """The state-keyed sums in the filtered form: per-proportion sums, one row per key.

    ``n_i``/``s0_i`` add up the cells where proportion ``i`` is present, ``e_i``/``s1_i`` those
    where it is true; for a 0/1 outcome ``Σw²y = Σw²y²`` (``q1_i``, ``q2_i``). Empty sums
    (null) count as zero, as in the filtered form. The sums are ``numpy.bincount`` over the
    key's group number: the cells are a few thousand rows, and a pandas frame per column cost
    more than the sums (about a third of b12's fixed cost per analysis at 10^6 rows).
    """
    states = [f"_y{i}" for i, t in enumerate(targets) if f"_y{i}" in sums.columns]
    if not states:
        return sums
    if keys:
        group = sums.groupby(list(keys), dropna=False, sort=False).ngroup().to_numpy()
        _, first = np.unique(group, return_index=True)  # numbered in order of appearance
        columns: dict[str, Any] = {k: sums[k].to_numpy()[first] for k in keys}
    else:
        group, columns = np.zeros(len(sums), dtype=np.int64), {}
    size = int(group.max()) + 1 if len(group) else 0

    def total(values: np.ndarray, where: np.ndarray | None = None) -> np.ndarray:
        weights = values if where is None else values * where
        summed: np.ndarray = np.bincount(group, weights=weights, minlength=size)
        return summed

    n = sums[_N].fillna(0).to_numpy(dtype=np.float64)
    w = sums[_W].fillna(0.0).to_numpy(dtype=np.float64)
    w2 = sums[_W2].fillna(0.0).to_numpy(dtype=np.float64) if _W2 in sums.columns else None
    for i, target in enumerate(targets):
        if target.empty:
            continue  # no sums: zero (see _numbers)
        if target.kind is not TargetKind.PROPORTION:
            for prefix in ("s1", "n", "e", "s0", "q0", "q1", "q2"):
                if f"{prefix}_{i}" in sums.columns:
                    values = sums[f"{prefix}_{i}"].fillna(0).to_numpy(dtype=np.float64)
                    summed = total(values)
                    columns[f"{prefix}_{i}"] = (
                        summed.astype(np.int64) if prefix in ("n", "e") else summed
                    )
            continue
        value = sums[f"_y{i}"]
        present = value.notna().to_numpy()
        positive = present & value.fillna(False).astype(bool).to_numpy()
        columns[f"n_{i}"] = total(n, present).astype(np.int64)
        columns[f"e_{i}"] = total(n, positive).astype(np.int64)
        columns[f"s0_{i}"] = total(w, present)
        columns[f"s1_{i}"] = total(w, positive)
        if w2 is not None:
            columns[f"q0_{i}"] = total(w2, present)
            columns[f"q1_{i}"] = columns[f"q2_{i}"] = total(w2, positive)
    if _ROWS in sums.columns:
        columns[_ROWS] = total(sums[_ROWS].fillna(0).to_numpy(dtype=np.float64)).astype(np.int64)
    return pd.DataFrame(columns)


def _labelled(sums: pd.DataFrame, labels: CodeLabels) -> pd.DataFrame:
    """Grouping columns back from integer codes to their labels (a null code stays null)."""
    for key, names in labels.items():
        if key in sums.columns:
            codes = sums[key].to_numpy(dtype=np.float64, na_value=np.nan)
            table = np.array([*names, None], dtype=object)
            index = np.where(np.isnan(codes), len(names), np.nan_to_num(codes)).astype(np.int64)
            sums[key] = pd.Series(table[index], index=sums.index, dtype=object)
    return sums


def _band_order(group: tuple[Any, ...], by: Sequence[str], labels: CodeLabels) -> tuple[Any, ...]:
    """Sort key: banded columns in their bands' order (``60-69`` before ``80+``, ``deficient``
    before ``normal``), others as sorted, missing last."""
    key: list[Any] = []
    for name, value in zip(by, group, strict=True):
        missing = pd.isna(value)
        if name in labels:
            key.append((missing, -1 if missing else list(labels[name]).index(value)))
        else:
            key.append((missing, "" if missing else value))
    return tuple(key)


def _strata(sums: pd.DataFrame) -> tuple[np.ndarray, Any, np.ndarray]:
    """Each row's stratum number, the strata, and the design's PSUs in each (by number).

    The sums are grouped over *all* rows (the domain only zeroes the sums), so every PSU of the
    design appears in them at least once: no second pass over the data is needed.
    """
    stratum, strata = pd.factorize(sums[STRATUM], use_na_sentinel=False)
    psu, psus = pd.factorize(sums[PSU], use_na_sentinel=False)
    width = max(len(psus), 1)
    pairs = np.unique(stratum.astype(np.int64) * width + psu)
    return stratum.astype(np.int64), strata, np.bincount(pairs // width, minlength=len(strata))


def _numbers(sums: pd.DataFrame, column: str) -> np.ndarray:
    """A sums column as floats, an empty (null) sum as zero; zeros for an empty target's."""
    if column not in sums.columns:
        return np.zeros(len(sums))
    values: np.ndarray = np.nan_to_num(sums[column].to_numpy(np.float64, na_value=np.nan))
    return values


def _groups(
    sums: pd.DataFrame, by: Sequence[str], labels: CodeLabels
) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
    """Each row's group number, numbered in band order, and the groups' keys in that order."""
    if not by:
        return np.zeros(len(sums), dtype=np.int64), [()]
    number = sums.groupby(list(by), dropna=False, sort=False).ngroup().to_numpy()
    _, first = np.unique(number, return_index=True)
    keys = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in sums[list(by)].to_numpy(dtype=object)[first]
    ]
    order = sorted(range(len(keys)), key=lambda g: _band_order(keys[g], by, labels))
    rank: np.ndarray = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[number], [keys[g] for g in order]


@dataclass(frozen=True)
class _Layout:
    """Where each per-PSU row belongs: its group, its stratum, and the design's PSUs per stratum."""

    group: np.ndarray
    n_groups: int
    stratum: np.ndarray
    psus_per_stratum: np.ndarray  # by stratum number
    singleton: SingletonPsu


def _layout(
    sums: pd.DataFrame, group: np.ndarray, n_groups: int, singleton: SingletonPsu
) -> _Layout:
    stratum, strata, counts = _strata(sums)
    # The design (whose check refuses strata of one PSU unless told how to treat them).
    Design({s: int(n) for s, n in zip(strata, counts, strict=True)}, singleton)
    return _Layout(group, n_groups, stratum, counts.astype(np.float64), singleton)


def _ratio_estimates(layout: _Layout, num: np.ndarray, den: np.ndarray) -> list[Estimate]:
    """:func:`b12.stats.survey.ratio_estimate` for every group at once.

    ``z_hi = (Y_hi − R·X_hi) / X`` per PSU row; ``Var = Σ_h n_h/(n_h−1) Σ_i (z_hi − z̄_h)²`` with
    ``n_h`` over the whole design (a stratum with one PSU adds ``Σz²`` under ``center``, nothing
    otherwise); df = PSUs minus strata with domain members.
    """
    g, size, strata = layout.group, layout.n_groups, len(layout.psus_per_stratum)
    total_den = np.bincount(g, weights=den, minlength=size)
    total_num = np.bincount(g, weights=num, minlength=size)
    defined = total_den > 0
    ratio = np.divide(total_num, total_den, out=np.zeros(size), where=defined)
    safe_den = np.where(defined, total_den, 1.0)
    z = (num - ratio[g] * den) / safe_den[g]
    cell = g * strata + layout.stratum
    sum_z = np.bincount(cell, weights=z, minlength=size * strata).reshape(size, strata)
    sum_z2 = np.bincount(cell, weights=z * z, minlength=size * strata).reshape(size, strata)
    n_h = layout.psus_per_stratum
    several = n_h >= 2
    factor = np.where(several, n_h / np.where(several, n_h - 1, 1.0), 0.0)
    within = factor * (sum_z2 - sum_z**2 / n_h)
    if layout.singleton is SingletonPsu.CENTER:
        within = np.where(several, within, sum_z2)
    variance = np.maximum(within.sum(axis=1), 0.0)
    members = den != 0
    pairs = np.bincount(g, weights=members, minlength=size)
    with_members = np.bincount(cell, weights=members, minlength=size * strata) > 0
    df = pairs - with_members.reshape(size, strata).sum(axis=1)
    return [
        Estimate(float(ratio[k]), float(np.sqrt(variance[k])), int(df[k]))
        if defined[k]
        else Estimate(None, None, int(df[k]))
        for k in range(size)
    ]


def _srs_estimates(sums: pd.DataFrame, group: np.ndarray, size: int, i: int, n_rows: int,
                   n: np.ndarray) -> list[Estimate]:  # fmt: skip
    """:func:`b12.stats.survey.srs_ratio_estimate` per group, from the groups' summed moments."""
    moments = {
        k: np.bincount(group, weights=_numbers(sums, f"{k}_{i}"), minlength=size)
        for k in ("s0", "s1", "q0", "q1", "q2")
    }
    return [
        srs_ratio_estimate({k: float(v[g]) for k, v in moments.items()}, n_rows, int(n[g]))
        for g in range(size)
    ]


def _cell(target: Estimand, group: tuple[Any, ...], n: int, events: int, est: Estimate) -> Cell:
    """One cell with its confidence interval and, for a proportion, its NCHS flag."""
    low: float | None = None
    high: float | None = None
    reliability = None
    if est.value is not None and est.se is not None:
        if target.kind is TargetKind.PROPORTION:
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


def estimates_from_sums(
    sums: pd.DataFrame,
    targets: Sequence[Estimand],
    by: Sequence[str],
    *,
    srs: bool,
    singleton: SingletonPsu,
    labels: CodeLabels,
    keyed: bool,
) -> list[Cell]:
    """Every target in every group (groups in band order, else sorted; nulls last), from the
    engine's per-PSU sums (``keyed``: in the state-keyed form; ``labels``: the grouping
    columns the engine grouped by integer code)."""
    if keyed:
        sums = collapse_states(sums, targets, [*by] if srs else with_design(by))
    sums = _labelled(sums, labels)
    n_rows = int(sums[_ROWS].sum()) if srs else 0
    group, keys = _groups(sums, by, labels)
    size = len(keys)
    layout = None if srs else _layout(sums, group, size, singleton)
    columns: list[list[Cell]] = []
    for i, target in enumerate(targets):
        n = np.bincount(group, weights=_numbers(sums, f"n_{i}"), minlength=size)
        events = np.bincount(group, weights=_numbers(sums, f"e_{i}"), minlength=size)
        if layout is None:
            estimates = _srs_estimates(sums, group, size, i, n_rows, n)
        else:
            num, den = (_numbers(sums, f"{k}_{i}") for k in ("s1", "s0"))
            estimates = _ratio_estimates(layout, num, den)
        columns.append(
            [
                _cell(target, keys[g], round(n[g]), round(events[g]), estimates[g])
                for g in range(size)
            ]
        )
    return [column[g] for g in range(size) for column in columns]
