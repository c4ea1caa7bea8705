"""The engine path against an independent row-level numpy estimator on real NHANES 2013-2014.

The reference below is written from the textbook formula, row by row, without the engine, the
per-PSU sums or b12.stats: score z_i = w_i d_i (y_i - R) / Σ w d, PSU totals, then
Σ_h n_h/(n_h-1) Σ_i (z_hi - mean_h)², with n_h counted over all persons in the design. The
classification it uses is the per-person core (b12.core), applied in a Python loop.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from b12.core.status.epidemiology import mma_elevated, serum_b12_band
from b12.core.status.nice_ng239 import read_total_b12
from b12.data.cohort.nhanes import read_nhanes
from b12.services.cohort import CohortOptions, analyse_nhanes


def reference(frame: pd.DataFrame, y: np.ndarray, domain: np.ndarray) -> tuple[float, float]:
    w = frame["weight"].to_numpy()
    d = domain & ~np.isnan(y)
    yy = np.where(d, y, 0.0)
    x_total = np.sum(w * d)
    ratio = np.sum(w * d * yy) / x_total
    z = w * d * (yy - ratio) / x_total
    variance = 0.0
    for _, stratum in frame.assign(z=z).groupby("stratum"):
        psu_totals = stratum.groupby("psu")["z"].sum().to_numpy()
        n_h = len(psu_totals)
        variance += n_h / (n_h - 1) * np.sum((psu_totals - psu_totals.mean()) ** 2)
    return float(ratio), float(np.sqrt(variance))


def _per_person(values: pd.Series, rule: object) -> np.ndarray:
    return np.array([np.nan if pd.isna(v) else float(rule(v)) for v in values])  # type: ignore[operator]


@pytest.fixture(scope="module")
def frame(nhanes_dir: Path) -> pd.DataFrame:
    return read_nhanes([nhanes_dir / "2013-2014"])


@pytest.mark.parametrize("engine", ["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def test_prevalences_agree_to_1e8(
    frame: pd.DataFrame, nhanes_dir: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    if engine == "spark":
        request.getfixturevalue("spark")
    options = CohortOptions(
        engine=engine,
        indicators=["b12_deficient", "b12_marginal", "mma_elevated", "nice_b12_indeterminate"],
        means=["grip_max"],
        where="age >= 60",
        by=["sex"],
    )
    result = analyse_nhanes([nhanes_dir / "2013-2014"], options)
    ys = {
        "b12_deficient": _per_person(frame["b12"], lambda v: serum_b12_band(v) == "deficient"),
        "b12_marginal": _per_person(frame["b12"], lambda v: serum_b12_band(v) == "marginal"),
        "mma_elevated": _per_person(frame["mma"], mma_elevated),
        "nice_b12_indeterminate": _per_person(
            frame["b12"], lambda v: read_total_b12(v).value == "indeterminate"
        ),
        "grip_max": frame["grip_max"].to_numpy(),
    }
    checked = 0
    for row in result.rows:
        domain = (frame["age"] >= 60).to_numpy() & (frame["sex"] == row["sex"]).to_numpy()
        value, se = reference(frame, ys[row["indicator"]], domain)
        estimate = row["prevalence"] if "prevalence" in row else row["mean"]
        assert estimate == pytest.approx(value, abs=1e-8, rel=0), row["indicator"]
        assert row["se"] == pytest.approx(se, abs=1e-8, rel=0), row["indicator"]
        checked += 1
    assert checked == 10


def test_whole_population_agrees_to_1e8(frame: pd.DataFrame, nhanes_dir: Path) -> None:
    result = analyse_nhanes([nhanes_dir / "2013-2014"], CohortOptions(indicators=["mma_elevated"]))
    (row,) = result.rows
    value, se = reference(
        frame, _per_person(frame["mma"], mma_elevated), np.ones(len(frame), dtype=bool)
    )
    assert row["prevalence"] == pytest.approx(value, abs=1e-8, rel=0)
    assert row["se"] == pytest.approx(se, abs=1e-8, rel=0)
    assert row["n"] == int(frame["mma"].notna().sum())
