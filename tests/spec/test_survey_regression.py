"""Survey regression against identities with the (hand-checked) ratio estimator."""

from __future__ import annotations

import numpy as np
import pytest

from b12.errors import InputError
from b12.stats.regression import survey_regression
from b12.stats.survey import Design, PsuTotals, ratio_estimate

RNG = np.random.default_rng(5)
N = 400
STRATA = RNG.integers(0, 6, N)
PSUS = RNG.integers(0, 3, N)
WEIGHT = RNG.uniform(0.5, 3.0, N)
GROUP = (RNG.random(N) < 0.4).astype(float)
Y = 10 + 3 * GROUP + RNG.normal(0, 2, N)
DESIGN = Design({h: 3 for h in range(6)})


def _cell(h: int, i: int) -> np.ndarray:
    return np.equal(STRATA, h) & np.equal(PSUS, i)


def domain_mean(values: np.ndarray, inside: np.ndarray) -> tuple[float, float]:
    keys = sorted({(int(h), int(i)) for h, i in zip(STRATA, PSUS, strict=True)})
    num = [float(np.sum((WEIGHT * values * inside)[_cell(h, i)])) for h, i in keys]
    den = [float(np.sum((WEIGHT * inside)[_cell(h, i)])) for h, i in keys]
    est = ratio_estimate(PsuTotals([h for h, _ in keys], [i for _, i in keys], num, den), DESIGN)
    assert est.value is not None and est.se is not None
    return est.value, est.se


def fit(x: np.ndarray, y: np.ndarray, inside: np.ndarray, terms: list[str], logistic: bool):  # type: ignore[no-untyped-def]
    return survey_regression(
        x, y, WEIGHT, inside, list(STRATA), list(PSUS), terms, logistic=logistic
    )


def test_intercept_only_linear_is_the_weighted_mean() -> None:
    everyone = np.ones(N, dtype=bool)
    result = fit(np.ones((N, 1)), Y, everyone, ["(intercept)"], logistic=False)
    mean, se = domain_mean(Y, everyone)
    assert result.coefficients[0].estimate == pytest.approx(mean, rel=1e-12)
    assert result.coefficients[0].se == pytest.approx(se, rel=1e-10)


def test_dummy_model_gives_domain_means_on_the_full_design() -> None:
    # y = b0 + b1·group: b0 is the mean of group 0, with its domain SE (zero scores elsewhere).
    x = np.column_stack([np.ones(N), GROUP])
    result = fit(x, Y, np.ones(N, dtype=bool), ["(intercept)", "group"], logistic=False)
    mean0, se0 = domain_mean(Y, GROUP == 0)
    mean1, _ = domain_mean(Y, GROUP == 1)
    b0, b1 = result.coefficients
    assert b0.estimate == pytest.approx(mean0, rel=1e-12)
    assert b0.se == pytest.approx(se0, rel=1e-10)
    assert b0.estimate + b1.estimate == pytest.approx(mean1, rel=1e-12)


def test_domain_rows_keep_their_psus() -> None:
    inside = STRATA != 0  # drop one stratum's people: the other strata's PSU counts are unchanged
    result = fit(np.ones((N, 1)), Y, inside, ["(intercept)"], logistic=False)
    mean, se = domain_mean(Y, inside)
    assert result.coefficients[0].estimate == pytest.approx(mean, rel=1e-12)
    assert result.coefficients[0].se == pytest.approx(se, rel=1e-10)
    assert result.n == int(inside.sum())


def test_intercept_only_logistic_is_the_logit_of_the_prevalence() -> None:
    y = (Y > 11).astype(float)
    everyone = np.ones(N, dtype=bool)
    result = fit(np.ones((N, 1)), y, everyone, ["(intercept)"], logistic=True)
    p, se = domain_mean(y, everyone)
    assert result.coefficients[0].estimate == pytest.approx(np.log(p / (1 - p)), rel=1e-9)
    assert result.coefficients[0].se == pytest.approx(se / (p * (1 - p)), rel=1e-8)  # delta


def test_collinear_terms_are_refused() -> None:
    x = np.column_stack([np.ones(N), GROUP, 2 * GROUP])
    with pytest.raises(InputError, match="collinear"):
        fit(x, Y, np.ones(N, dtype=bool), ["(intercept)", "a", "b"], logistic=False)
