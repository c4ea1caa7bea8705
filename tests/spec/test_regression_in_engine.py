"""In-engine survey regression (per-PSU sufficient statistics) == the row-level driver reference.

The reference pulls every row of the model to the driver (``model_frame``) and fits there
(``survey_regression``, itself checked against the ratio estimator in test_survey_regression.py).
The engine path hands the driver only per-(stratum, PSU) sums. Both must agree to 1e-8 on real
NHANES 2013-2014 and on hypothesis-generated small designs, on DuckDB and on Spark local.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b12.data.cohort import model_sums
from b12.data.cohort.engine import CohortEngine
from b12.data.cohort.expressions import compile_condition
from b12.data.cohort.model_frame import model_frame
from b12.data.cohort.model_sums import regression_in_engine
from b12.data.cohort.nhanes import read_nhanes
from b12.data.cohort.rules import classify, standard_indicators
from b12.errors import InputError
from b12.services.cohort.names import analysis_names
from b12.services.cohort.options import CohortOptions
from b12.services.cohort.targets import with_indicator_columns
from b12.stats.regression import RegressionResult, survey_regression

TOLERANCE = 1e-8


def _names(formula: str, where: str | None = None) -> frozenset[str]:
    """The names the model and the domain use, as the cohort service reads them."""
    return analysis_names(CohortOptions(regress=formula, where=where)).in_expressions()


def reference(
    engine: CohortEngine, t: Any, formula: str, where: str | None, indicators: dict[str, Any]
) -> RegressionResult:
    domain = compile_condition(where, t, field="--where") if where else None
    frame = model_frame(engine, t, formula, domain, indicators)
    return survey_regression(
        frame.x,
        frame.y,
        frame.weight,
        frame.in_domain,
        frame.strata,
        frame.psus,
        frame.terms,
        logistic=frame.logistic,
    )


def in_engine(
    engine: CohortEngine, t: Any, formula: str, where: str | None, indicators: dict[str, Any]
) -> RegressionResult:
    domain = compile_condition(where, t, field="--where") if where else None
    fit, _ = regression_in_engine(engine, t, formula, domain, indicators)
    return fit


def assert_equal_fits(got: RegressionResult, want: RegressionResult) -> None:
    assert (got.family, got.n, got.df) == (want.family, want.n, want.df)
    assert [c.term for c in got.coefficients] == [c.term for c in want.coefficients]
    for g, w in zip(got.coefficients, want.coefficients, strict=True):
        assert g.estimate == pytest.approx(w.estimate, rel=TOLERANCE, abs=TOLERANCE), g.term
        # A variance that is zero in theory comes out as rounding noise (~1e-16) on both paths,
        # and its square root (~1e-8) differs: compare variances there.
        assert g.se**2 == pytest.approx(w.se**2, rel=TOLERANCE, abs=1e-14), g.term
        if w.se < 1e-6:
            continue
        for name in ("se", "ci_low", "ci_high"):
            have, expect = getattr(g, name), getattr(w, name)
            assert have == pytest.approx(expect, rel=TOLERANCE, abs=TOLERANCE), (g.term, name)
        assert g.p_value == pytest.approx(w.p_value, rel=1e-6, abs=1e-12), g.term


@pytest.fixture(scope="module")
def nhanes_2013(nhanes_dir: Path) -> pd.DataFrame:
    return read_nhanes([nhanes_dir / "2013-2014"])


@pytest.mark.parametrize(
    ("formula", "where"),
    [
        ("grip_max ~ b12_deficient + age + sex + bmi", "age >= 60"),
        ("grip_max ~ b12_band + age + sex + bmi", "age >= 20"),
        ("mma_elevated ~ b12_deficient + age_band + sex", "age >= 20"),
    ],
)
def test_nhanes_2013_engine_equals_driver(
    engine: CohortEngine, nhanes_2013: pd.DataFrame, formula: str, where: str
) -> None:
    t = engine.table_from_pandas(nhanes_2013)
    classified = with_indicator_columns(classify(t), _names(formula, where))
    indicators = {ind.name: ind.build(classified) for ind in standard_indicators()}
    want = reference(engine, classified, formula, where, indicators)
    got = in_engine(engine, classified, formula, where, indicators)
    assert_equal_fits(got, want)
    assert got.n > 1000


def test_domain_uses_the_full_design(engine: CohortEngine) -> None:
    # Stratum 1 has three PSUs and the domain (x > 0) leaves PSU 3 empty. On the full design that
    # PSU counts with a zero score (n_h = 3); subsetting rows first would make n_h = 2.
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        {
            "stratum": np.repeat([1, 1, 1, 2, 2], 30),
            "psu": np.repeat([1, 2, 3, 1, 2], 30),
            "weight": rng.uniform(1, 3, 150),
            "x": np.concatenate(
                [rng.uniform(0.1, 5, 60), -rng.uniform(0.1, 5, 30), rng.normal(1, 2, 60)]
            ),
        }
    )
    frame["y"] = 1 + 0.5 * frame["x"] + rng.normal(0, 1, 150)
    t = engine.table_from_pandas(frame)
    full = in_engine(engine, t, "y ~ x", "x > 0", {})
    subset = in_engine(engine, t.filter(t.x > 0), "y ~ x", None, {})
    assert [c.estimate for c in full.coefficients] == pytest.approx(
        [c.estimate for c in subset.coefficients], rel=1e-10
    )
    assert full.coefficients[1].se != pytest.approx(subset.coefficients[1].se, rel=1e-3)
    assert_equal_fits(full, reference(engine, t, "y ~ x", "x > 0", {}))


# Hypothesis: small stratified designs with missing values, zero weights, text and true/false
# terms, a domain that leaves some PSUs empty, and linear or logistic outcomes.
@st.composite
def designs(draw: st.DrawFn) -> pd.DataFrame:
    seed = draw(st.integers(0, 2**32 - 1))
    n_strata = draw(st.integers(2, 4))
    per_stratum = draw(st.lists(st.integers(2, 3), min_size=n_strata, max_size=n_strata))
    n = draw(st.integers(40, 120))
    missing = draw(st.sampled_from([0.0, 0.05, 0.15]))
    rng = np.random.default_rng(seed)
    psus = [(h, i) for h, count in enumerate(per_stratum) for i in range(1, count + 1)]
    keys = psus + [psus[k] for k in rng.integers(0, len(psus), n - len(psus))]
    x1 = rng.normal(0, 2, n)
    x2 = rng.random(n) < 0.4
    g = rng.choice(["a", "b", "c"], n)
    eta = -0.3 + 0.6 * x1 - 0.8 * x2 + 0.5 * (g == "b")
    frame = pd.DataFrame(
        {
            "stratum": [h for h, _ in keys],
            "psu": [i for _, i in keys],
            "weight": np.where(rng.random(n) < 0.05, 0.0, rng.uniform(0.5, 4.0, n)),
            "x1": np.where(rng.random(n) < missing, np.nan, x1),
            "x2": x2,
            "g": pd.array(np.where(rng.random(n) < missing, None, g), dtype="string"),
            "y": 3 + 2 * eta + rng.normal(0, 1.5, n),
            "event": rng.random(n) < 1 / (1 + np.exp(-eta)),
            "inside": rng.random(n) < draw(st.sampled_from([0.6, 0.9, 1.0])),
        }
    )
    return frame


FORMULAS = ["y ~ x1 + x2 + g", "event ~ x1 + x2 + g", "y ~ x1", "event ~ g"]


def check_design(engine: CohortEngine, frame: pd.DataFrame, formula: str) -> None:
    t = engine.table_from_pandas(frame)
    try:
        want = reference(engine, t, formula, "inside", {})
    except InputError as exc:  # too few rows, collinear, separation: both must refuse
        with pytest.raises(InputError) as raised:
            in_engine(engine, t, formula, "inside", {})
        assert str(raised.value).split(" (")[0] == str(exc).split(" (")[0]
        return
    degenerate = want.family == "logistic" and max(abs(c.estimate) for c in want.coefficients) > 15
    try:
        got = in_engine(engine, t, formula, "inside", {})
    except InputError:
        # Near-separation (fitted odds beyond e^15 for some group): whether Newton's steps fall
        # below 1e-10 before the information matrix degenerates depends on the last bits of the
        # sums, so either path may refuse. A well-posed model must fit on both.
        assert degenerate, "the engine refused a model the reference fitted"
        return
    assert_equal_fits(got, want)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=designs(), formula=st.sampled_from(FORMULAS))
def test_small_designs_duckdb(
    duckdb_engine: CohortEngine, frame: pd.DataFrame, formula: str
) -> None:
    check_design(duckdb_engine, frame, formula)


@pytest.mark.spark
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=designs(), formula=st.sampled_from(FORMULAS[:2]))
def test_small_designs_spark(spark_engine: CohortEngine, frame: pd.DataFrame, formula: str) -> None:
    # Few examples: a logistic fit is one Spark job per Newton iteration.
    check_design(spark_engine, frame, formula)


def test_collinear_and_too_few_rows_are_refused(duckdb_engine: CohortEngine) -> None:
    frame = pd.DataFrame(
        {
            "stratum": [1, 1, 2, 2] * 5,
            "psu": [1, 2, 1, 2] * 5,
            "weight": 1.0,
            "a": np.arange(20.0),
            "y": np.arange(20.0) % 7,
        }
    )
    frame["b"] = 2 * frame["a"]
    t = duckdb_engine.table_from_pandas(frame)
    with pytest.raises(InputError, match="collinear"):
        in_engine(duckdb_engine, t, "y ~ a + b", None, {})
    with pytest.raises(InputError, match="too few complete rows"):
        in_engine(duckdb_engine, t, "y ~ a", "a < 2", {})


def test_logistic_without_the_duckdb_cache(
    duckdb_engine: CohortEngine, nhanes_2013: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beyond DUCKDB_CACHE_UPTO_BYTES every Newton pass streams the source again: same result.
    formula, where = "mma_elevated ~ b12_deficient + sex", "age >= 20"
    t = with_indicator_columns(
        classify(duckdb_engine.table_from_pandas(nhanes_2013)), _names(formula)
    )
    indicators = {ind.name: ind.build(t) for ind in standard_indicators()}
    cached = in_engine(duckdb_engine, t, formula, where, indicators)
    monkeypatch.setattr(model_sums, "DUCKDB_CACHE_UPTO_BYTES", 0)
    streamed = in_engine(duckdb_engine, t, formula, where, indicators)
    assert_equal_fits(streamed, cached)
    assert_equal_fits(streamed, reference(duckdb_engine, t, formula, where, indicators))
