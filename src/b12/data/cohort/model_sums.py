"""Survey regression in the engine: per-PSU sufficient statistics, never the rows.

The model ``OUTCOME ~ TERM + TERM`` is built as engine expressions (the same coding as
:mod:`b12.data.cohort.model_frame`, the row-level reference: numbers as they are, true/false as 0/1,
text as 0/1 columns for each level but the first in sort order). Then one aggregation grouped by
(stratum, PSU) over *every* row of the design computes the sums of
:class:`b12.stats.regression_sums.PsuSums`, filtered to the complete domain rows, so PSUs without
domain members stay in the variance with zero scores. A linear model needs one pass (plus one small
``DISTINCT`` when a term is text); a logistic model one pass per Newton iteration (5-8 as a rule),
the later ones over the complete domain rows only.

The driver receives ``(p² + 3p)/2 + 1`` numbers per PSU (30 numbers for ``grip_max ~ b12_deficient
+ age + sex + bmi``), whatever the number of rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from b12.data.cohort.engine import CohortEngine
from b12.data.cohort.engine_name import EngineName
from b12.data.cohort.model_frame import INTERCEPT, model_columns
from b12.data.cohort.pipeline import PSU, STRATUM, WEIGHT
from b12.errors import InputError
from b12.stats.regression import RegressionResult
from b12.stats.regression_sums import PsuSums, linear_from_sums, logistic_from_sums
from b12.stats.survey import SingletonPsu

_H, _P, _W, _C, _Y = "_h", "_p", "_w", "_c", "_y"
DUCKDB_CACHE_UPTO_BYTES = 1 << 30  # model rows kept in DuckDB's memory for the Newton passes


@dataclass(frozen=True)
class EngineModel:
    """The model's columns on one engine table ``m``: ``_y``, ``_x0.._xk``, ``_w``, ``_c``."""

    table: ir.Table
    terms: list[str]
    logistic: bool

    def x(self, j: int) -> ir.FloatingValue:
        """Design column ``j`` (0 is the intercept)."""
        return self.table[f"_x{j}"]


def _one_zero(condition: ir.BooleanValue) -> ir.FloatingValue:
    """1.0/0.0 as a real double on every engine.

    Written as an integer cast to float64: Spark SQL reads a literal such as ``1.0`` as
    DECIMAL(2,1), a type a cached table would keep (with its rounding) for every later product.
    """
    return ibis.ifelse(condition, 1, 0).cast("float64")


def _as_float(value: ir.Value) -> ir.FloatingValue:
    if isinstance(value, ir.BooleanValue):
        return _one_zero(value)
    return value.cast("float64")


def engine_model(
    engine: CohortEngine,
    t: ir.Table,
    formula: str,
    domain: ir.BooleanValue | None,
    indicators: Mapping[str, ir.Value],
) -> EngineModel:
    """Model columns as expressions; text levels come from one small DISTINCT over the domain."""
    outcome, terms, columns = model_columns(t, formula, indicators)
    for name, value in columns.items():
        kind = value.type()
        if not (kind.is_boolean() or kind.is_numeric() or kind.is_string()):
            raise InputError(
                f"model term {name!r} is neither a number, true/false nor text", field="--regress"
            )
    logistic = isinstance(columns[outcome], ir.BooleanValue)
    weight = t[WEIGHT].cast("float64")
    complete = weight > 0  # a zero weight is outside the analytic sample
    if domain is not None:
        complete = complete & domain
    for value in columns.values():
        complete = complete & value.notnull()
    complete = complete.fill_null(False)
    texts = [name for name in terms if columns[name].type().is_string()]
    levels: dict[str, list[str]] = {}
    if texts:
        found = engine.execute(
            t.filter(complete)
            .select(**{f"l{i}": columns[n] for i, n in enumerate(texts)})
            .distinct()
        )
        for i, name in enumerate(texts):
            levels[name] = sorted(str(v) for v in found[f"l{i}"].dropna().unique())
    xs: list[ir.FloatingValue] = [ibis.literal(1).cast("float64")]
    labels = [INTERCEPT]
    for name in terms:
        value = columns[name]
        if name not in levels:
            xs.append(_as_float(value))
            labels.append(name)
            continue
        # Levels seen in the domain only: a level nobody in the domain has would be collinear.
        for level in levels[name][1:]:
            xs.append(_one_zero(value == level))
            labels.append(f"{name}[{level}]")
    table = t.select(
        **{_H: t[STRATUM], _P: t[PSU], _W: weight, _C: complete, _Y: _as_float(columns[outcome])},
        **{f"_x{j}": x for j, x in enumerate(xs)},
    )
    return EngineModel(table, labels, logistic)


def _sums(frame: pd.DataFrame, p: int, keys: list[tuple[object, object]] | None) -> PsuSums:
    """Arrays from the aggregated frame, in the order of ``keys`` (every PSU of the design).

    Without ``keys`` the frame itself lists every PSU (it was grouped over all rows); otherwise
    PSUs absent from the frame (no domain rows) get zero sums.
    """
    metric = [c for c in frame.columns if c not in (_H, _P)]
    frame[metric] = frame[metric].fillna(0.0)  # PSUs without domain rows: empty sums are null
    if keys is None:
        keys = list(zip(frame[_H], frame[_P], strict=True))
    else:
        index = pd.MultiIndex.from_tuples(keys, names=[_H, _P])
        frame = frame.set_index([_H, _P]).reindex(index, fill_value=0.0).reset_index()
    m = len(keys)
    information = np.zeros((m, p, p))
    for j in range(p):
        for k in range(j, p):
            information[:, j, k] = information[:, k, j] = frame[f"a_{j}_{k}"].to_numpy(float)
    vector = np.column_stack([frame[f"u_{j}"].to_numpy(float) for j in range(p)])
    return PsuSums(
        [h for h, _ in keys], [i for _, i in keys], frame["n"].to_numpy(int), information, vector
    )


def _aggregate(
    engine: CohortEngine,
    m: ir.Table,
    p: int,
    factor: ir.FloatingValue,
    residual: ir.FloatingValue,
    keys: list[tuple[object, object]] | None = None,
) -> PsuSums:
    """Per-PSU ``Σ w·factor·x_j·x_k`` and ``Σ w·x_j·residual`` over the complete rows."""
    inside = m[_C]
    w = m[_W]
    metrics: dict[str, ir.Value] = {"n": w.count(where=inside)}
    weighted = w * factor
    xs = [m[f"_x{j}"] for j in range(p)]
    for j in range(p):
        left = weighted if j == 0 else weighted * xs[j]
        for k in range(j, p):
            metrics[f"a_{j}_{k}"] = (left if k == 0 else left * xs[k]).sum(where=inside)
        metrics[f"u_{j}"] = ((w if j == 0 else w * xs[j]) * residual).sum(where=inside)
    frame = engine.execute(m.group_by([_H, _P]).aggregate(**metrics))
    return _sums(frame, p, keys)


def fit_in_engine(
    engine: CohortEngine, model: EngineModel, singleton: SingletonPsu = SingletonPsu.ERROR
) -> RegressionResult:
    """Fit the model: one aggregation (linear) or one per Newton–Raphson iteration (logistic).

    The first pass runs over every row, so it lists every PSU of the design. A logistic model's
    later passes need only the complete domain rows. On Spark these are cached (memory, spilling to
    disk), as Spark's own iterative learners do; on DuckDB (an in-memory temporary table) only up
    to :data:`DUCKDB_CACHE_UPTO_BYTES`, beyond which every pass streams the source again so memory
    stays bounded.
    """
    p = len(model.terms)
    m = model.table
    if not model.logistic:
        # Linear: factor 1 and residual y give A_hi = Σ w x xᵀ and b_hi = Σ w x y.
        sums = _aggregate(engine, m, p, ibis.literal(1.0), m[_Y])
        return linear_from_sums(sums, model.terms, singleton)
    # β = 0: μ = 1/2 exactly, so μ(1−μ) = 1/4 and no exp is needed in the pass over all rows.
    start = _aggregate(engine, m, p, ibis.literal(0.25), m[_Y] - 0.5)
    keys = list(zip(start.strata, start.psus, strict=True))
    rows = m.filter(m[_C])
    size = int(start.n.sum()) * (p + 4) * 8  # bytes of the model rows' columns
    cache = engine.name is EngineName.SPARK or size <= DUCKDB_CACHE_UPTO_BYTES
    with _materialised(engine, rows) if cache else nullcontext(rows) as source:
        return _newton(engine, source, p, start, keys, model.terms, singleton)


@contextmanager
def _materialised(engine: CohortEngine, table: ir.Table) -> Iterator[ir.Table]:
    """``table`` computed once and kept by the engine until the block ends."""
    if engine.name is EngineName.SPARK:
        cached = table.cache()  # DataFrame.cache(): memory, spilling to disk
        try:
            yield cached
        finally:
            cached.release()
        return
    # DuckDB: a temporary table by hand (Ibis's cache release emits SQL this DuckDB rejects).
    name = f"b12_model_{uuid.uuid4().hex}"
    engine.backend.con.execute(f'CREATE TEMP TABLE "{name}" AS {engine.backend.compile(table)}')
    try:
        yield engine.backend.table(name)
    finally:
        engine.backend.con.execute(f'DROP TABLE IF EXISTS "{name}"')


def _newton(
    engine: CohortEngine,
    source: ir.Table,
    p: int,
    start: PsuSums,
    keys: list[tuple[object, object]],
    terms: list[str],
    singleton: SingletonPsu,
) -> RegressionResult:
    """Newton–Raphson passes over the model rows (``start`` holds the sums at β = 0)."""

    def evaluate(beta: np.ndarray) -> PsuSums:
        if not beta.any():
            return start
        eta = source["_x0"] * float(beta[0])
        for j in range(1, p):
            eta = eta + source[f"_x{j}"] * float(beta[j])
        # μ computed once per row in a projection, then used by every sum.
        with_mu = source.mutate(_mu=1.0 / (1.0 + (-eta).exp()))
        mu = with_mu["_mu"]
        return _aggregate(engine, with_mu, p, mu * (1.0 - mu), with_mu[_Y] - mu, keys)

    return logistic_from_sums(evaluate, terms, singleton)


def regression_in_engine(
    engine: CohortEngine,
    t: ir.Table,
    formula: str,
    domain: ir.BooleanValue | None,
    indicators: Mapping[str, ir.Value],
    singleton: SingletonPsu = SingletonPsu.ERROR,
) -> tuple[RegressionResult, bool]:
    """Fit ``formula`` on the domain with the full design; returns the fit and whether logistic."""
    model = engine_model(engine, t, formula, domain, indicators)
    return fit_in_engine(engine, model, singleton), model.logistic
