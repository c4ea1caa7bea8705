"""Survey regression finished from per-PSU sufficient statistics (no rows on the driver).

The engine hands over, for every (stratum, PSU) of the whole design, the domain count ``n_hi`` and
sums over the domain rows (weights ``w``, model rows ``x``, outcome ``y``):

* linear: ``A_hi = Σ w x xᵀ`` and ``b_hi = Σ w x y``. Then ``β = (Σ A_hi)⁻¹ Σ b_hi`` and the PSU
  score totals follow without a second pass, because the residual is linear in β::

      U_hi = Σ w x (y − xᵀβ) = b_hi − A_hi β

* logistic, at the current ``β``: ``U_hi = Σ w x (y − μ)`` and ``I_hi = Σ w μ(1−μ) x xᵀ`` with
  ``μ = 1/(1+exp(−xᵀβ))``; Newton–Raphson steps ``β ← β + (Σ I_hi)⁻¹ Σ U_hi`` need one engine
  aggregation each, and the sums at the final ``β`` give the variance.

The variance is the same Taylor-linearised sandwich as :mod:`b12.stats.regression` (the row-level
reference, which the tests prove equal to 1e-8)::

    V(β) = A⁻¹ [Σ_h n_h/(n_h−1) Σ_i (U_hi − Ū_h)(U_hi − Ū_h)ᵀ] A⁻¹

with ``n_h`` counted over every PSU of the design (PSUs without domain members have ``U_hi = 0``).

References
----------
Binder DA. On the variances of asymptotically normal estimators from complex surveys.
Int Stat Rev 1983;51:279-292.
Lumley T. Complex Surveys: A Guide to Analysis Using R. Wiley 2010, ch. 5-6.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as st

from b12.errors import InputError
from b12.stats.regression import (
    MAX_ITERATIONS,
    TOLERANCE,
    Coefficient,
    Family,
    RegressionResult,
    newton_step,
    not_converged,
    sandwich,
    singular,
)
from b12.stats.survey import CONFIDENCE, SingletonPsu


@dataclass(frozen=True)
class PsuSums:
    """Per-PSU sums from one engine aggregation; arrays are indexed by PSU first.

    ``information`` is ``A_hi`` (linear) or ``I_hi`` (logistic), shape (m, p, p); ``vector`` is
    ``b_hi`` (linear) or ``U_hi`` (logistic), shape (m, p); ``n`` the domain count per PSU.
    """

    strata: Sequence[object]
    psus: Sequence[object]
    n: np.ndarray
    information: np.ndarray
    vector: np.ndarray


def _check_rank(a: np.ndarray, n: int) -> None:
    if n <= a.shape[0]:
        raise InputError("too few complete rows for the model", field="--regress")
    if singular(a):
        raise InputError("the model's terms are collinear in this domain", field="--regress")


def _finish(
    beta: np.ndarray,
    bread: np.ndarray,
    scores: np.ndarray,
    sums: PsuSums,
    terms: Sequence[str],
    family: Family,
    singleton: SingletonPsu,
) -> RegressionResult:
    """Sandwich variance, design df and t intervals from PSU score totals."""
    # Every PSU of the design is a row of the sums (grouped over all rows, the domain only
    # zeroes them), so the PSU counts per stratum are those of the whole design.
    strata = list(sums.strata)
    p = len(terms)
    covariance = sandwich(bread, scores, strata, singleton)
    occupied = sums.n > 0
    n_strata = len({h for h, used in zip(strata, occupied, strict=True) if used})
    df = max(int(occupied.sum()) - n_strata - p + 1, 1)
    t = float(st.t.ppf(0.5 + CONFIDENCE / 2, df))
    coefficients = []
    for j, term in enumerate(terms):
        se = float(np.sqrt(max(covariance[j, j], 0.0)))
        b = float(beta[j])
        p_value = float(2 * st.t.sf(abs(b / se), df)) if se > 0 else float("nan")
        coefficients.append(Coefficient(term, b, se, b - t * se, b + t * se, p_value))
    return RegressionResult(family, tuple(coefficients), int(sums.n.sum()), df)


def linear_from_sums(
    sums: PsuSums, terms: Sequence[str], singleton: SingletonPsu = SingletonPsu.ERROR
) -> RegressionResult:
    """Weighted least squares and its sandwich variance from per-PSU ``Σwxxᵀ`` and ``Σwxy``."""
    a = sums.information.sum(axis=0)
    _check_rank(a, int(sums.n.sum()))
    beta = np.linalg.solve(a, sums.vector.sum(axis=0))
    scores = sums.vector - sums.information @ beta  # U_hi = b_hi − A_hi β
    return _finish(beta, a, scores, sums, terms, Family.LINEAR, singleton)


def logistic_from_sums(
    evaluate: Callable[[np.ndarray], PsuSums],
    terms: Sequence[str],
    singleton: SingletonPsu = SingletonPsu.ERROR,
) -> RegressionResult:
    """Newton–Raphson from β = 0 (as the reference); ``evaluate(β)`` is one engine pass."""
    beta = np.zeros(len(terms))
    sums = evaluate(beta)
    _check_rank(sums.information.sum(axis=0), int(sums.n.sum()))
    for _ in range(MAX_ITERATIONS):
        step = newton_step(sums.information.sum(axis=0), sums.vector.sum(axis=0))
        beta = beta + step
        sums = evaluate(beta)
        if np.max(np.abs(step)) < TOLERANCE:
            break
    else:  # separation: the estimates run off to infinity
        raise not_converged()
    if singular(sums.information.sum(axis=0)):  # converged only because some μ reached 0 or 1
        raise not_converged()
    return _finish(
        beta, sums.information.sum(axis=0), sums.vector, sums, terms, Family.LOGISTIC, singleton
    )
