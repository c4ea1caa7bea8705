"""Model frames for survey regression: ``OUTCOME ~ TERM + TERM`` pulled from the engine.

Terms are columns of the classified table or standard indicator names. Numbers enter as they are,
true/false as 0/1, and text (``sex``, ``age_band``) as 0/1 columns for each level except the first
in sort order (the reference), named ``sex[male]``. A true/false outcome gives a logistic model,
a numeric outcome a linear one. A row is in the model when it is in the domain, every model value
is present and its weight is above zero (a zero weight is outside the analytic sample).

This is the row-level reference: every row of the design is pulled to the driver (only the model's
columns), so rows outside the domain keep their PSU in the variance. ``b12 cohort --regress`` fits
in the engine instead (:mod:`b12.data.cohort.model_sums`), and the tests prove the two equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from b12.data.cohort.engine import CohortEngine
from b12.data.cohort.pipeline import PSU, STRATUM, WEIGHT
from b12.errors import InputError

INTERCEPT = "(intercept)"


@dataclass(frozen=True)
class ModelFrame:
    """Arrays for :func:`b12.stats.regression.survey_regression`."""

    outcome: str
    x: np.ndarray
    y: np.ndarray
    weight: np.ndarray
    in_domain: np.ndarray
    strata: list[object]
    psus: list[object]
    terms: list[str]
    logistic: bool


def _number(value: object) -> float:
    if value is None or value is pd.NA:
        return float("nan")
    return float(value)  # type: ignore[arg-type]


def parse_formula(text: str) -> tuple[str, list[str]]:
    """``'grip_max ~ b12_deficient + age'`` → ``('grip_max', ['b12_deficient', 'age'])``."""
    lhs, sep, rhs = text.partition("~")
    terms = [term.strip() for term in rhs.split("+") if term.strip()]
    if not sep or not lhs.strip() or not terms:
        raise InputError(f"expected OUTCOME ~ TERM + TERM, got {text!r}", field="--regress")
    return lhs.strip(), terms


def term_value(t: ir.Table, name: str, builders: Mapping[str, ir.Value]) -> ir.Value:
    """A model term: a standard indicator's expression or a column of ``t``."""
    if name in builders:
        return builders[name]
    if name in t.columns:
        return t[name]
    raise InputError(f"unknown model term {name!r}", field="--regress")


def model_columns(
    t: ir.Table, formula: str, builders: Mapping[str, ir.Value]
) -> tuple[str, list[str], dict[str, ir.Value]]:
    """The formula's outcome and terms, and the expression of each distinct name among them."""
    outcome, terms = parse_formula(formula)
    columns = {name: term_value(t, name, builders) for name in dict.fromkeys([outcome, *terms])}
    return outcome, terms, columns


def model_frame(
    engine: CohortEngine,
    t: ir.Table,
    formula: str,
    domain: ir.BooleanValue | None,
    indicators: Mapping[str, ir.Value],
) -> ModelFrame:
    """Evaluate the model's columns for every row and build the design matrix on the driver."""
    outcome, terms, columns = model_columns(t, formula, indicators)
    logistic = isinstance(columns[outcome], ir.BooleanValue)
    inside = ibis.literal(True) if domain is None else domain.fill_null(False)
    selected = t.select(
        **{f"v{i}": value for i, value in enumerate(columns.values())},
        _w=t[WEIGHT].cast("float64"),
        _h=t[STRATUM],
        _p=t[PSU],
        _d=inside,
    )
    frame = engine.execute(selected)
    names = list(columns)
    data = frame.rename(columns={f"v{i}": name for i, name in enumerate(names)})
    for name, value in columns.items():
        kind = value.type()
        if kind.is_boolean() or kind.is_numeric():
            data[name] = pd.to_numeric(data[name].map(_number), errors="coerce")
        elif not kind.is_string():
            raise InputError(
                f"model term {name!r} is neither a number, true/false nor text", field="--regress"
            )
    complete = (
        data[names].notna().all(axis=1).to_numpy()
        & data["_d"].astype(bool).to_numpy()
        & (data["_w"].fillna(0.0) > 0).to_numpy()
    )
    blocks: list[np.ndarray] = [np.ones(len(data))]
    labels = [INTERCEPT]
    for term in terms:
        series = data[term]
        if not columns[term].type().is_string():
            blocks.append(series.fillna(0.0).to_numpy(dtype="float64"))
            labels.append(term)
            continue
        # Levels seen in the domain only: a level nobody in the domain has would be collinear.
        levels = sorted(series[complete].astype(str).unique())
        for level in levels[1:]:
            blocks.append((series.astype(str) == level).to_numpy(dtype="float64"))
            labels.append(f"{term}[{level}]")
    y = data[outcome].astype("float64").fillna(0.0).to_numpy()
    return ModelFrame(
        outcome,
        np.column_stack(blocks),
        y,
        data["_w"].fillna(0.0).to_numpy(),
        complete,
        list(data["_h"]),
        list(data["_p"]),
        labels,
        logistic,
    )
