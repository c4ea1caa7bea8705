"""Survey-weighted linear and logistic regression with Taylor-linearised (sandwich) SEs.

The coefficients solve the weighted estimating equations ``Σ_i w_i d_i x_i (y_i − μ_i) = 0`` with
``μ = xβ`` (linear) or ``μ = 1/(1+exp(−xβ))`` (logistic, by Newton–Raphson). The variance is

    V(β) = A⁻¹ [Σ_h n_h/(n_h−1) Σ_i (U_hi − Ū_h)(U_hi − Ū_h)ᵀ] A⁻¹

with ``A = Σ w d x xᵀ`` (times ``μ(1−μ)`` for logistic) and ``U_hi`` the PSU totals of the scores
``w d x (y − μ)``. Rows outside the domain (``d = 0``: filtered out, or a model variable missing)
keep their PSU in the design with a zero score. Degrees of freedom for t intervals:
PSUs minus strata with domain members, minus the number of coefficients plus one (as R's svyglm).

References
----------
Binder DA. On the variances of asymptotically normal estimators from complex surveys.
Int Stat Rev 1983;51:279-292.
Lumley T. Complex Surveys: A Guide to Analysis Using R. Wiley 2010, ch. 5-6.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import stats as st

from b12.errors import InputError
from b12.stats.survey import CONFIDENCE, Design, SingletonPsu

MAX_ITERATIONS = 50
TOLERANCE = 1e-10
# A weighted X'WX (or logistic information matrix) scaled to a unit diagonal with an eigenvalue
# below this is singular: exact collinearity, or fitted probabilities of exactly 0 or 1 for a
# group (separation), shows as ~1e-16.
SINGULAR_BELOW = 1e-12


@dataclass(frozen=True)
class Coefficient:
    """One model term."""

    term: str
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float


class Family(StrEnum):
    """The model: linear for a numeric outcome, logistic for a yes/no one."""

    LINEAR = "linear"
    LOGISTIC = "logistic"


@dataclass(frozen=True)
class RegressionResult:
    """Fitted survey regression."""

    family: Family
    coefficients: tuple[Coefficient, ...]
    n: int
    df: int


def sandwich(
    bread: np.ndarray, psu_scores: np.ndarray, psu_strata: Sequence[object], singleton: SingletonPsu
) -> np.ndarray:
    """Taylor-linearised covariance A⁻¹ [Σ_h n_h/(n_h−1) Σ_i (U_hi − Ū_h)(U_hi − Ū_h)ᵀ] A⁻¹.

    ``psu_scores``: one row of score totals per PSU of the whole design; ``psu_strata`` its
    stratum. Singleton strata add nothing, or (``center``) their deviation from zero.
    """
    design = Design({h: psu_strata.count(h) for h in dict.fromkeys(psu_strata)}, singleton)
    meat = np.zeros((bread.shape[0], bread.shape[0]))
    for h, n_h in design.psus_per_stratum.items():
        block = psu_scores[[i for i, s in enumerate(psu_strata) if s == h]]
        if n_h < 2:
            if singleton is SingletonPsu.CENTER:
                meat += block.T @ block
            continue
        centred = block - block.mean(axis=0)
        meat += n_h / (n_h - 1) * centred.T @ centred
    inverse = np.linalg.inv(bread)
    covariance: np.ndarray = inverse @ meat @ inverse
    return covariance


def _fit(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, logistic: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients and fitted means of the weighted estimating equations."""
    if not logistic:
        a = (x * w[:, None]).T @ x
        beta = np.linalg.solve(a, (x * w[:, None]).T @ y)
        return beta, x @ beta
    beta = np.zeros(x.shape[1])
    for _ in range(MAX_ITERATIONS):
        with np.errstate(over="ignore"):  # exp(-η) = inf gives μ = 0, as in the engines
            mu = 1.0 / (1.0 + np.exp(-(x @ beta)))
        a = (x * (w * mu * (1 - mu))[:, None]).T @ x
        step = newton_step(a, x.T @ (w * (y - mu)))
        beta = beta + step
        if np.max(np.abs(step)) < TOLERANCE:
            break
    else:  # separation: the estimates run off to infinity
        raise not_converged()
    with np.errstate(over="ignore"):
        return beta, 1.0 / (1.0 + np.exp(-(x @ beta)))


def not_converged() -> InputError:
    """The error for a logistic model without a finite maximum (separation)."""
    return InputError(
        "logistic regression did not converge: a term separates the outcome completely in this "
        "domain (every person with it has the same outcome)",
        field="--regress",
    )


def singular(information: np.ndarray) -> bool:
    """Whether ``information`` is numerically singular once scaled to a unit diagonal."""
    diagonal = np.diag(information)
    if not np.all(np.isfinite(information)) or np.any(diagonal <= 0):
        return True
    scale = 1.0 / np.sqrt(diagonal)
    scaled = information * scale[:, None] * scale[None, :]
    return bool(np.min(np.linalg.eigvalsh(scaled)) < SINGULAR_BELOW)


def newton_step(information: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Solve ``information · step = score``; a singular information matrix means separation.

    Under separation the fitted probabilities reach exactly 0 or 1, so ``μ(1−μ)`` and with it
    the information matrix vanish for the separated persons.
    """
    try:
        step: np.ndarray = np.linalg.solve(information, score)
    except np.linalg.LinAlgError:
        raise not_converged() from None
    if not np.all(np.isfinite(step)):
        raise not_converged()
    return step


def survey_regression(
    x: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
    in_domain: np.ndarray,
    strata: Sequence[object],
    psus: Sequence[object],
    terms: Sequence[str],
    *,
    logistic: bool,
    singleton: SingletonPsu = SingletonPsu.ERROR,
) -> RegressionResult:
    """Fit on the domain rows while keeping every row's PSU in the design.

    ``x`` must already hold the intercept column; rows outside the domain may hold anything
    finite in ``x`` and ``y`` (they get zero weight).
    """
    d: np.ndarray = in_domain.astype(bool)
    w = np.where(d, weight, 0.0)
    xd = np.where(d[:, None], x, 0.0)
    yd = np.where(d, y, 0.0)
    if int(d.sum()) <= x.shape[1]:
        raise InputError("too few complete rows for the model", field="--regress")
    if np.linalg.matrix_rank(xd[d]) < x.shape[1]:
        raise InputError("the model's terms are collinear in this domain", field="--regress")
    beta, mu = _fit(xd, yd, w, logistic)
    scores = xd * (w * (yd - mu))[:, None]
    bread = (xd * (w * (mu * (1 - mu) if logistic else 1.0))[:, None]).T @ xd
    if logistic and singular(bread):  # converged only because some μ reached 0 or 1
        raise not_converged()
    keys = list(zip(strata, psus, strict=True))
    index = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    totals = np.zeros((len(index), x.shape[1]))
    np.add.at(totals, [index[k] for k in keys], scores)
    covariance = sandwich(bread, totals, [key[0] for key in index], singleton)
    occupied = {(s, p) for (s, p), inside in zip(keys, d, strict=True) if inside}
    df = max(len(occupied) - len({s for s, _ in occupied}) - x.shape[1] + 1, 1)
    t = float(st.t.ppf(0.5 + CONFIDENCE / 2, df))
    coefficients = []
    for j, term in enumerate(terms):
        se = float(np.sqrt(max(covariance[j, j], 0.0)))
        b = float(beta[j])
        p = float(2 * st.t.sf(abs(b / se), df)) if se > 0 else float("nan")
        coefficients.append(Coefficient(term, b, se, b - t * se, b + t * se, p))
    return RegressionResult(
        Family.LOGISTIC if logistic else Family.LINEAR, tuple(coefficients), int(d.sum()), df
    )
