"""A cB12 band indicator that skips the logarithm and the power for rows that cannot be in the band.

cB12 = log10(R) − A(age), with R = holoTC·B12/(MMA·Hcy) and A(age) = 3.79/(1 + (age/230)^2.6)
(:func:`b12.core.status.cb12.four_marker_formula`). For 0 <= age < ∞, 0 < A(age) <= A(0), so:

- R > 10^(hi + A(0) + margin) gives cB12 > hi: above a band whose upper edge is ``hi``;
- R <= 10^(lo − margin) gives cB12 < lo: below a band whose lower edge is ``lo``.

A row in either case is outside the band (whichever end of an edge is closed), and its flag is
false without ``log10`` or ``pow``; every other row takes the core's formula. On the benchmark's
cohort about 0.6 % of the rows take that exact branch for ``cb12_low`` (docs/cohort.md,
"Benchmark"). The margin (in log10 units) is many orders above the rounding of ``log10``, of the
division and of the bounds themselves (about 1e-15), so floating point cannot put a row on the
wrong side: a row near a bound takes the exact branch. Both engines evaluate a CASE branch only
for the rows that reach it (DuckDB, Spark).

What stays exactly as the full formula: a missing or non-positive marker, or a missing age, never
takes a short cut (the exact branch gives null); nor does an age below zero, infinite or NaN (A
could lie outside (0, A(0)] there; NaN compares above every number on both engines, hence the
finite upper limit on age), nor a ratio that underflowed to zero (Spark's log10(0) is null).
What a Parquet file's statistics prove (:class:`Known`) is not tested again per row.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any

import ibis
import ibis.expr.types as ir

from b12.core.bands import Bands
from b12.core.status import cb12 as core_cb12
from b12.data.cohort.compile import IBIS, ColumnUnits, band_limits, value_in

# How far beyond a bound (log10 units) a row's log10(R) must lie to skip the formula: a numerical
# tolerance, not a clinical number (it only decides which rows take the exact branch).
MARGIN_LOG10 = 0.01

# A(age) is largest at age 0 (it falls with age): taken from the core's function, not retyped.
_AGE_FACTOR_MAX: float = core_cb12.age_factor(0.0)


class _LogArgument:
    """The cohort arithmetic (:data:`IBIS`), keeping what the formula takes the logarithm of."""

    def __init__(self) -> None:
        self.argument: Any = None

    def log10(self, x: Any) -> Any:
        self.argument = x
        return IBIS.log10(x)

    def least(self, x: Any, y: float) -> Any:
        return IBIS.least(x, y)

    def greatest(self, x: Any, y: float) -> Any:
        return IBIS.greatest(x, y)

    def power(self, base: float, exponent: Any) -> Any:
        return IBIS.power(base, exponent)

    def where(self, condition: Any, if_true: float, if_false: float) -> Any:
        return IBIS.where(condition, if_true, if_false)


def marker_ratio(t: ir.Table) -> ir.FloatingValue:
    """R = holoTC·B12/(MMA·Hcy) as the core's formula computes it (the same expression: the
    equation stays written once, in the core)."""
    ops = _LogArgument()
    core_cb12.four_marker_formula(t.b12, t.holotc, t.mma, t.hcy, t.age, ops)
    ratio: ir.FloatingValue = ops.argument
    return ratio


def outside_bounds(
    bands: Bands, label: str, units: ColumnUnits | None = None
) -> tuple[float | None, float | None]:
    """(R above which, R at or below which) a row is outside band ``label``; None: no such end."""
    lower, upper = band_limits(bands, label, "cb12", units)
    above = None if upper is None else 10.0 ** (upper + _AGE_FACTOR_MAX + MARGIN_LOG10)
    below = None if lower is None else 10.0 ** (lower - MARGIN_LOG10)
    return above, below


@dataclass(frozen=True)
class Known:
    """What the source's own statistics prove about the short cut's inputs (default: nothing).

    ``markers_positive``: every present marker is above zero, so a row's ratio is null, positive,
    infinite or NaN, never a value the formula would not be computed for: no per-row test of
    the four markers. ``ages_known``: every row has an age of zero or more (a NaN escapes the
    statistics): no per-row test of age, except the finite limit that keeps a NaN age off the
    lower short cut of a band without an upper edge (there a NaN cB12 would read as inside; in
    a band with an upper edge it reads as outside, as the short cut says).
    """

    markers_positive: bool = False
    ages_known: bool = False


NOTHING_KNOWN = Known()


def cb12_in_band(
    bands: Bands,
    label: str,
    t: ir.Table,
    cb12: ir.FloatingValue,
    present: ir.BooleanValue,
    units: ColumnUnits | None = None,
    known: Known = NOTHING_KNOWN,
) -> ir.BooleanValue:
    """Whether cB12 lies in band ``label``: false from R alone where it can be, else ``cb12``
    (the full formula's column expression, :func:`b12.data.cohort.rules.cb12_expr`) compared.
    ``present``: the rows on which ``cb12`` is computed (every marker present and positive)."""
    exact = value_in(bands, label, cb12, "cb12", units)
    above, below = outside_bounds(bands, label, units)
    ratio = marker_ratio(t)
    outside = []
    if above is not None:
        outside.append(ratio > above)
    if below is not None:
        # A ratio that underflowed to zero has no logarithm on Spark (null): the exact branch.
        low = (ratio <= below) & (ratio > 0)
        outside.append(low & (t.age <= sys.float_info.max) if above is None else low)
    if not outside:  # one band holds every value: nothing to skip
        return exact
    checks = [] if known.markers_positive else [present]
    if not known.ages_known:
        checks.append((t.age >= 0) & (t.age <= sys.float_info.max))
    skip = reduce(and_, [*checks, reduce(or_, outside)])
    result: ir.BooleanValue = ibis.cases((skip, False), else_=exact)
    return result
