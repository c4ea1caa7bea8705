"""`b12.cohort`: the CLI's cohort analyses from Python, as DataFrames, suppressed as the CLI does."""

from __future__ import annotations

import csv
import doctest
import json
from pathlib import Path

import pandas as pd
import pytest

import b12
import b12.cohort
from b12.cli.main import main
from tests.conftest import NHANES, require

CYCLE = NHANES / "2013-2014"


@pytest.fixture(scope="module")
def small_cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight made-up persons (below the small-cell limit of NCHS: 1-10)."""
    path = tmp_path_factory.mktemp("cohort") / "cohort.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["serum_b12", "age_years"])
        writer.writerows([150 + 60 * i, 60 + i] for i in range(8))
    return path


def test_docstring_examples_run(small_cohort: Path) -> None:
    require(CYCLE / "DEMO_H.XPT")
    globs = {"NHANES_2013": str(CYCLE), "COHORT_CSV": str(small_cohort)}
    result = doctest.testmod(b12.cohort, extraglobs=globs)
    assert result.attempted > 0 and result.failed == 0


def test_nhanes_rows_equal_the_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    require(CYCLE / "DEMO_H.XPT")
    options = ["--where", "age >= 60", "--by", "sex", "--indicator", "mma_elevated"]
    assert main(["cohort", "nhanes", str(CYCLE), *options, "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    result = b12.cohort.nhanes(CYCLE, where="age >= 60", by="sex", indicators=["mma_elevated"])
    assert result.kind == "estimates"
    assert isinstance(result.frame, pd.DataFrame)
    api = result.frame.to_dict("records")
    # Two runs of DuckDB's parallel sums may differ in the last bits; nothing else may differ.
    assert [(r["sex"], r["n"]) for r in api] == [(r["sex"], r["n"]) for r in cli]
    for mine, theirs in zip(api, cli, strict=True):
        for key in ("prevalence", "se", "ci_low", "ci_high"):
            assert mine[key] == pytest.approx(theirs[key], rel=1e-12, abs=1e-15)
    assert "survey.nhanes-design" in result.rules and result.notes


def test_regression_comes_back_one_row_per_term() -> None:
    require(CYCLE / "DEMO_H.XPT")
    result = b12.cohort.nhanes(
        CYCLE, where="age >= 60", regress="grip_max ~ mma_elevated + age + sex + bmi"
    )
    assert result.kind == "regression"
    assert list(result.frame["term"])[:2] == ["(intercept)", "mma_elevated"]
    assert result.to_arrow().num_rows == len(result.frame)


def test_small_cells_are_suppressed_by_default(small_cohort: Path) -> None:
    mapping = {"serum_b12": "b12:pg/mL", "age_years": "age"}
    hidden = b12.cohort.read(small_cohort, mapping, indicators=["b12_deficient"]).frame
    assert hidden.loc[0, "flag"] == "suppressed" and pd.isna(hidden.loc[0, "prevalence"])
    shown = b12.cohort.read(small_cohort, mapping, indicators=["b12_deficient"], suppress=False)
    assert shown.frame.loc[0, "prevalence"] == pytest.approx(1 / 8)  # 150 pg/mL < 148 pmol/L


def test_the_mapping_may_be_cli_specs(small_cohort: Path) -> None:
    specs = ["serum_b12=b12:pg/mL", "age_years=age"]
    result = b12.cohort.read(small_cohort, specs, indicators=["b12_deficient"], suppress=False)
    assert result.frame.loc[0, "n"] == 8


def test_a_bad_engine_names_the_choices(small_cohort: Path) -> None:
    with pytest.raises(b12.InputError, match="engine: 'oracle' is not one of duckdb, spark"):
        b12.cohort.read(small_cohort, ["serum_b12=b12"], engine="oracle")
