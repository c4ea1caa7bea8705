"""b12's survey estimates against R's `survey` package on NHANES 2011-2014 (pooled, adults 60+).

The same person-level frame (b12's NHANES reader; 0/1 indicators from the per-person core) is
written to CSV and given to tests/spec/r/survey_reference.R, which estimates with `svymean`,
`svyciprop` and `svyglm` (Lumley's survey package, Debian r-cran-survey). b12 estimates through
its own cohort service (DuckDB engine). Every number must agree to 1e-9, absolute: prevalence,
mean, SE, CI, regression coefficient, SE, CI and p-value. Where R's defaults differ from NCHS's
documented method, the R script codes NCHS's adjustment and says why (Korn-Graubard effective
sample size; t-based regression CIs). Without Rscript the test skips locally and fails in CI.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from b12.core.status.epidemiology import mma_elevated, serum_b12_band
from b12.data.cohort.nhanes import read_nhanes
from b12.services.cohort import CohortOptions, analyse_nhanes

TOLERANCE = 1e-9
SCRIPT = Path(__file__).parent / "r" / "survey_reference.R"
CYCLES = ("2011-2012", "2013-2014")
INDICATORS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "b12_deficient": ("b12", lambda v: serum_b12_band(v) == "deficient"),
    "b12_marginal": ("b12", lambda v: serum_b12_band(v) == "marginal"),
    "mma_elevated": ("mma", mma_elevated),
}
MEANS = ("grip_max", "mma", "b12")
MODELS = {  # b12's formula -> R's (the CSV names its columns ind_* and mean_*)
    "grip_max ~ mma + age + sex": "mean_grip_max ~ mean_mma + age + sex",
    "mma_elevated ~ age + sex": "ind_mma_elevated ~ age + sex",
    "b12_deficient ~ grip_max + age + sex": "ind_b12_deficient ~ mean_grip_max + age + sex",
}
R_TERMS = {"(Intercept)": "(intercept)", "sexmale": "sex[male]"}


def _rscript() -> str:
    found = shutil.which("Rscript")
    if found is None:
        message = "Rscript is missing (apt-get install r-base-core r-cran-survey)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def _per_person(values: pd.Series, rule: Callable[[float], bool]) -> np.ndarray:
    return np.array([np.nan if pd.isna(v) else float(rule(v)) for v in values])


@pytest.fixture(scope="module")
def folders(nhanes_dir: Path) -> list[Path]:
    return [nhanes_dir / cycle for cycle in CYCLES]


@pytest.fixture(scope="module")
def r_rows(folders: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    rscript = _rscript()
    frame = read_nhanes(folders)
    out = frame[["stratum", "psu", "weight", "age", "sex"]].copy()
    for name, (column, rule) in INDICATORS.items():
        out[f"ind_{name}"] = _per_person(frame[column], rule)
    for name in MEANS:
        out[f"mean_{name}"] = frame[name]
    folder = tmp_path_factory.mktemp("r-survey")
    out.to_csv(folder / "frame.csv", index=False, float_format="%.17g")
    run = subprocess.run(
        [rscript, str(SCRIPT), str(folder / "frame.csv"), str(folder / "r.csv")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    with (folder / "r.csv").open(newline="") as file:
        return list(csv.DictReader(file))


def _close(b12: float, r: str, what: str, worst: dict[str, float]) -> None:
    difference = abs(b12 - float(r))
    worst[what] = max(worst.get(what, 0.0), difference)
    assert difference <= TOLERANCE, f"{what}: b12 {b12!r}, R {r}"


def _report(worst: dict[str, float]) -> None:
    print("largest |b12 - R|: " + ", ".join(f"{k} {v:.1e}" for k, v in sorted(worst.items())))


def test_prevalences_means_and_korn_graubard_cis_against_r_survey(
    folders: list[Path], r_rows: list[dict[str, Any]]
) -> None:
    options = CohortOptions(
        indicators=list(INDICATORS), means=list(MEANS), where="age >= 60", by=["sex"]
    )
    ours = {(row["indicator"], row["sex"]): row for row in analyse_nhanes(folders, options).rows}
    worst: dict[str, float] = {}
    reference = [row for row in r_rows if row["kind"] in ("prevalence", "mean")]
    assert len(reference) == 2 * (len(INDICATORS) + len(MEANS))
    for r in reference:
        row = ours[(r["target"], r["group"])]
        kind = r["kind"]
        assert (row["n"], row["df"]) == (int(r["n"]), int(r["df"])), (r["target"], r["group"])
        _close(row[kind], r["estimate"], kind, worst)
        _close(row["se"], r["se"], f"{kind} SE", worst)
        _close(row["ci_low"], r["ci_low"], f"{kind} CI", worst)
        _close(row["ci_high"], r["ci_high"], f"{kind} CI", worst)
    _report(worst)


@pytest.mark.parametrize("model", list(MODELS))
def test_survey_regression_against_r_survey(
    folders: list[Path], r_rows: list[dict[str, Any]], model: str
) -> None:
    result = analyse_nhanes(folders, CohortOptions(regress=model, where="age >= 60"))
    ours = {row["term"]: row for row in result.rows}
    reference = [row for row in r_rows if row["target"] == MODELS[model]]
    assert len(reference) == len(ours) > 1
    worst: dict[str, float] = {}
    for r in reference:
        term = R_TERMS.get(r["term"], r["term"].removeprefix("mean_"))
        row = ours[term]
        assert (row["n"], row["df"]) == (int(r["n"]), int(r["df"])), term
        _close(row["estimate"], r["estimate"], "coefficient", worst)
        _close(row["se"], r["se"], "SE", worst)
        _close(row["ci_low"], r["ci_low"], "CI", worst)
        _close(row["ci_high"], r["ci_high"], "CI", worst)
        _close(row["p_value"], r["p_value"], "p-value", worst)
    _report(worst)
