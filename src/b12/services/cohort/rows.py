"""Rows to show: one per estimate (small cells suppressed) or one per model coefficient."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from b12.core.survey.standards import small_cell, small_count
from b12.data.cohort.pipeline import Cell, TargetKind
from b12.stats.regression import Coefficient, RegressionResult

# The column that holds a target's value, by what the target estimates.
VALUE_COLUMN = {TargetKind.PROPORTION: "prevalence", TargetKind.MEAN: "mean"}
EMPTY_NOTE = "no person in this domain has the values this needs"
SUPPRESSED_REASON = "small cell (1-10 persons)"


def is_small(cell: Cell) -> bool:
    """Too few persons to show (NCHS rule for proportions; 1 to 10 persons for means)."""
    if cell.kind is TargetKind.PROPORTION:
        return small_cell(cell.n, cell.n_events)
    return small_count(cell.n)


def occupied(cells: Sequence[Cell], by: Sequence[str]) -> list[Cell]:
    """Cells of groups with at least one domain member (e.g. not age bands outside --where)."""
    if not by:
        return list(cells)
    groups = {cell.group for cell in cells if cell.n > 0}
    return [cell for cell in cells if cell.group in groups]


def estimate_row(
    cell: Cell,
    by: Sequence[str],
    rules: list[str],
    *,
    suppress: bool,
    empty_note: str | None = None,
) -> dict[str, Any]:
    """One estimate as a row; small cells lose their value and CI when ``suppress``."""
    value_key = VALUE_COLUMN[cell.kind]
    est = cell.estimate
    row: dict[str, Any] = {
        "indicator": cell.target,
        **dict(zip(by, cell.group, strict=True)),
        "n": cell.n,
        value_key: est.value,
        "se": est.se,
        "ci_low": cell.ci_low,
        "ci_high": cell.ci_high,
        "df": est.df,
        "flag": None,
        "flag_reason": None,
        "note": None,
    }
    if cell.reliability is not None and cell.reliability.flags:
        row["flag"] = " ".join(f.value for f in cell.reliability.flags)
        row["flag_reason"] = cell.reliability.reason
    if cell.n == 0:
        row["note"] = empty_note or EMPTY_NOTE
    if suppress and is_small(cell):
        hidden = {value_key: None, "se": None, "ci_low": None, "ci_high": None}
        row.update(hidden, flag="suppressed", flag_reason=SUPPRESSED_REASON)
    row["rules"] = rules
    return row


def _coefficient_row(
    model: str, fit: RegressionResult, c: Coefficient, *, logistic: bool
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "model": model,
        "family": fit.family,
        "term": c.term,
        "estimate": c.estimate,
        "se": c.se,
        "ci_low": c.ci_low,
        "ci_high": c.ci_high,
        "p_value": c.p_value,
        "n": fit.n,
        "df": fit.df,
    }
    if logistic:
        row.update(
            odds_ratio=math.exp(c.estimate),
            or_ci_low=math.exp(c.ci_low),
            or_ci_high=math.exp(c.ci_high),
        )
    return row


def regression_rows(model: str, fit: RegressionResult, *, logistic: bool) -> list[dict[str, Any]]:
    """One row per coefficient; odds ratios too for a logistic model."""
    return [_coefficient_row(model, fit, c, logistic=logistic) for c in fit.coefficients]
