"""Grouped survey estimates on random designs: every engine == a row-level numpy reference.

The reference works row by row from the textbook formula (no engine, no per-PSU sums, no
b12.stats), including PSUs without domain members and strata counted over the whole design.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b12.data.cohort.engine import CohortEngine, connect
from b12.data.cohort.pipeline import Target, grouped_estimates


def reference(frame: pd.DataFrame, y: np.ndarray, domain: np.ndarray) -> tuple[float, float]:
    w = frame["weight"].to_numpy()
    d = domain & ~np.isnan(y)
    total = float(np.sum(w * d))
    ratio = float(np.sum(np.where(d, w * y, 0.0))) / total
    z = np.where(d, w * (y - ratio), 0.0) / total
    variance = 0.0
    for _, stratum in frame.assign(z=z).groupby("stratum"):
        psu_totals = stratum.groupby("psu")["z"].sum().to_numpy()
        n_h = len(psu_totals)
        variance += n_h / (n_h - 1) * float(np.sum((psu_totals - psu_totals.mean()) ** 2))
    return ratio, float(np.sqrt(variance))


@st.composite
def designs(draw: Any) -> pd.DataFrame:
    n = draw(st.integers(20, 120))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    strata = draw(st.integers(1, 5))
    frame = pd.DataFrame(
        {
            "stratum": rng.integers(0, strata, n),
            "psu": rng.integers(0, 3, n),
            "weight": rng.uniform(0.1, 5.0, n),
            "x": np.where(rng.random(n) < 0.2, np.nan, rng.normal(200, 80, n)),
            "g": rng.choice(["a", "b"], n),
            "age": rng.uniform(10, 90, n).round(),
        }
    )
    # Every stratum needs at least two PSUs in the whole design.
    for h in range(strata):
        frame.loc[len(frame)] = [h, 0, 1.0, 150.0, "a", 50.0]
        frame.loc[len(frame)] = [h, 1, 1.0, 250.0, "b", 70.0]
    return frame


def check(engine: CohortEngine, frame: pd.DataFrame) -> None:
    t = engine.table_from_pandas(frame)
    targets = [Target("low", "proportion", t.x < 148), Target("x", "mean", t.x)]
    cells = grouped_estimates(engine, t, targets, t.age >= 40, ["g"], srs=False)
    for cell in cells:
        domain = (frame["age"] >= 40).to_numpy() & (frame["g"] == cell.group[0]).to_numpy()
        x = frame["x"].to_numpy()
        y = (
            np.where(np.isnan(x), np.nan, (x < 148).astype(float))
            if cell.kind == "proportion"
            else x
        )
        if not np.any(domain & ~np.isnan(y)):
            assert cell.estimate.value is None
            continue
        value, se = reference(frame, y, domain)
        assert cell.estimate.value == pytest.approx(value, rel=1e-9, abs=1e-12)
        assert cell.estimate.se == pytest.approx(se, rel=1e-7, abs=1e-12)


@pytest.fixture(scope="module")
def duckdb_engine() -> CohortEngine:
    return connect("duckdb")


@pytest.fixture(scope="module")
def spark_engine(spark: Any) -> CohortEngine:
    return connect("spark")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=designs())
def test_duckdb_estimates_equal_reference(duckdb_engine: CohortEngine, frame: pd.DataFrame) -> None:
    check(duckdb_engine, frame)


@pytest.mark.spark
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=designs())
def test_spark_estimates_equal_reference(spark_engine: CohortEngine, frame: pd.DataFrame) -> None:
    check(spark_engine, frame)
