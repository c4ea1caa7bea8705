"""Survey estimators on tiny designs checked by hand (arithmetic in the comments)."""

from __future__ import annotations

import math

import pytest
from scipy import stats as st

from b12.errors import InputError
from b12.stats.survey import (
    Design,
    PsuTotals,
    SingletonPsu,
    korn_graubard_ci,
    ratio_estimate,
    srs_ratio_estimate,
    t_ci,
)

# Two strata (A, B) of two PSUs, one person of weight 1 in each PSU: y = A1 1, A2 0, B1 1, B2 1.
DESIGN = Design({"A": 2, "B": 2})


def test_proportion_and_se_by_hand() -> None:
    # R = 3/4; z = (y - R)/4: A1 1/16, A2 -3/16, B1 1/16, B2 1/16.
    # Stratum A: mean -1/16, squared deviations 2 x (1/8)^2 = 1/32, x 2/(2-1) = 1/16; B: 0.
    totals = PsuTotals(["A", "A", "B", "B"], [1, 2, 1, 2], [1, 0, 1, 1], [1, 1, 1, 1])
    est = ratio_estimate(totals, DESIGN)
    assert est.value == pytest.approx(0.75)
    assert est.se == pytest.approx(0.25)
    assert est.df == 2  # 4 PSUs - 2 strata


def test_domain_keeps_the_full_design() -> None:
    # Domain without the B2 person: R = 2/3, X = 3; z: A1 1/9, A2 -2/9, B1 1/9, B2 0 (outside).
    # A: deviations ±1/6 -> 1/18, x2 = 1/9. B: deviations ±1/18 -> 1/162, x2 = 1/81.
    # Var = 10/81. Dropping B2's row first would leave stratum B with one PSU.
    totals = PsuTotals(["A", "A", "B"], [1, 2, 1], [1, 0, 1], [1, 1, 1])
    est = ratio_estimate(totals, DESIGN)
    assert est.value == pytest.approx(2 / 3)
    assert est.se == pytest.approx(math.sqrt(10) / 9)
    assert est.df == 1  # PSUs with domain members (3) - strata with domain members (2)


def test_weighted_mean_by_hand() -> None:
    # Weights 1, 3 in stratum A's PSUs, values 2 and 4: mean = (2 + 12)/4 = 3.5.
    # z = w(y - 3.5)/4: -0.375, +0.375; deviations ±0.375 -> 0.28125, x 2 = 0.5625 -> SE 0.75.
    totals = PsuTotals(["A", "A"], [1, 2], [2.0, 12.0], [1.0, 3.0])
    est = ratio_estimate(totals, Design({"A": 2}))
    assert est.value == pytest.approx(3.5)
    assert est.se == pytest.approx(0.75)


def test_singleton_psu_is_an_error_by_default() -> None:
    with pytest.raises(InputError, match="single PSU: C"):
        Design({"A": 2, "C": 1})


def test_singleton_strategies() -> None:
    # Add stratum C with one PSU holding one person with y = 0: R = 3/5, X = 5.
    # z: A1 .08, A2 -.12, B1 .08, B2 .08, C1 -.12.
    totals = PsuTotals(["A", "A", "B", "B", "C"], [1, 2, 1, 2, 1], [1, 0, 1, 1, 0], [1, 1, 1, 1, 1])
    certainty = ratio_estimate(totals, Design({"A": 2, "B": 2, "C": 1}, SingletonPsu.CERTAINTY))
    # A: deviations ±0.1 -> 0.02 x 2 = 0.04; B: 0; C: nothing.
    assert certainty.se == pytest.approx(0.2)
    center = ratio_estimate(totals, Design({"A": 2, "B": 2, "C": 1}, SingletonPsu.CENTER))
    # C: deviation from the design mean of scores (0): 0.12^2 = 0.0144.
    assert center.se == pytest.approx(math.sqrt(0.04 + 0.0144))


def test_srs_equals_one_psu_per_row() -> None:
    ys, ws = [1, 0, 1, 1, 0, 1], [1.0, 2.0, 1.5, 0.5, 1.0, 3.0]
    design = Design({"all": len(ys)})
    totals = PsuTotals(
        ["all"] * 6, list(range(6)), [w * y for w, y in zip(ws, ys, strict=True)], ws
    )
    reference = ratio_estimate(totals, design)
    sums = {
        "s0": sum(ws),
        "s1": sum(w * y for w, y in zip(ws, ys, strict=True)),
        "q0": sum(w * w for w in ws),
        "q1": sum(w * w * y for w, y in zip(ws, ys, strict=True)),
        "q2": sum(w * w * y * y for w, y in zip(ws, ys, strict=True)),
    }
    est = srs_ratio_estimate(sums, len(ys), len(ys))
    assert est.value == pytest.approx(reference.value)
    assert est.se == pytest.approx(reference.se)
    assert est.df == 5


def test_korn_graubard_is_clopper_pearson_without_design_effect() -> None:
    # With SE = sqrt(p(1-p)/n) and df = n - 1 the effective n is n: the exact binomial CI.
    n, x = 20, 5
    p = x / n
    low, high = korn_graubard_ci(p, math.sqrt(p * (1 - p) / n), n, n - 1)
    exact = st.binomtest(x, n).proportion_ci(confidence_level=0.95, method="exact")
    assert low == pytest.approx(exact.low, abs=1e-12)
    assert high == pytest.approx(exact.high, abs=1e-12)
    assert (round(low, 4), round(high, 4)) == (0.0866, 0.4910)


def test_korn_graubard_design_effect_widens_the_interval() -> None:
    n, p = 400, 0.1
    srs_se = math.sqrt(p * (1 - p) / n)
    narrow = korn_graubard_ci(p, srs_se, n, n - 1)
    wide = korn_graubard_ci(p, 2 * srs_se, n, 15)
    assert narrow[0] is not None and wide[0] is not None
    assert wide[0] < narrow[0] and wide[1] > narrow[1]


def test_korn_graubard_zero_and_no_df() -> None:
    low, high = korn_graubard_ci(0.0, 0.0, 50, 10)
    assert low == 0.0
    assert high == pytest.approx(1 - 0.025 ** (1 / 50))  # exact upper bound for x = 0
    assert korn_graubard_ci(0.2, 0.05, 50, 0) == (None, None)


def test_t_interval_for_means() -> None:
    low, high = t_ci(10.0, 1.0, 15)
    assert high - 10.0 == pytest.approx(st.t.ppf(0.975, 15))
    assert low == pytest.approx(20.0 - high)


def test_no_degrees_of_freedom_is_not_presentable() -> None:
    import ibis

    from b12.data.cohort.engine import connect
    from b12.data.cohort.pipeline import Target, TargetKind, grouped_estimates

    engine = connect("duckdb")
    # The domain (x > 0) sits in one PSU per stratum: 2 PSUs - 2 strata = 0 df.
    frame = ibis.memtable(
        {
            "stratum": [1, 1, 2, 2],
            "psu": [1, 2, 1, 2],
            "weight": [1.0] * 4,
            "x": [1.0, -1.0, 1.0, -1.0],
        }
    )
    (cell,) = grouped_estimates(
        engine,
        frame,
        [Target("pos", TargetKind.PROPORTION, frame.x > 0)],
        frame.x > 0,
        [],
        srs=False,
    )
    assert cell.estimate.df == 0
    assert cell.ci_low is None
    assert cell.reliability is not None and not cell.reliability.presentable
