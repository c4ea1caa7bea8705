"""`b12 cohort` with kidney function (eGFR) and blood count (anaemia, macrocytosis), end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from b12.cli.main import EXIT_DATA_FILE, EXIT_INPUT, main
from b12.core.kidney_blood.ckd_epi_2021 import egfr
from b12.core.sex import Sex
from tests.interfaces.cohort_cli import cohort_output, nhanes_2013


def test_older_adults_by_egfr_band(capsys: pytest.CaptureFixture[str], nhanes_dir: Path) -> None:
    rows, err = cohort_output(capsys, *nhanes_2013(nhanes_dir, "age >= 60"), "--by", "egfr_band")
    assert "CKD-EPI 2021" in err
    assert {r["egfr_band"] for r in rows} == {"G1", "G2", "G3a", "G3b", "G4", "G5"}
    mma = {r["egfr_band"]: r for r in rows if r["indicator"] == "mma_elevated"}
    # MMA rises as kidney function falls (the reason eGFR < 60 is a confounder caveat).
    assert mma["G1"]["prevalence"] < mma["G3a"]["prevalence"] < mma["G3b"]["prevalence"]
    assert all("kdigo-2012.gfr-categories" in r["rules"] for r in rows)
    assert all("egfr.ckd-epi-2021" in r["rules"] for r in rows)
    assert sum(r["n"] for r in rows if r["indicator"] == "b12_deficient") > 1500


def test_kidney_and_blood_indicators(capsys: pytest.CaptureFixture[str], nhanes_dir: Path) -> None:
    rows, _ = cohort_output(
        capsys,
        *nhanes_2013(nhanes_dir, "age >= 60"),
        "--indicator",
        "egfr_below_60",
        "--indicator",
        "anaemia",
        "--indicator",
        "macrocytosis",
        "--indicator",
        "low_b12_anaemia=b12_deficient and anaemia",
    )
    named = {r["indicator"]: r for r in rows}
    assert 0.1 < named["egfr_below_60"]["prevalence"] < 0.4
    assert 0.03 < named["anaemia"]["prevalence"] < 0.3
    assert 0.001 < named["macrocytosis"]["prevalence"] < 0.1
    assert named["anaemia"]["rules"][0] == "anaemia.who-2011"
    assert named["low_b12_anaemia"]["prevalence"] < named["anaemia"]["prevalence"]


def test_regress_with_kidney_function(capsys: pytest.CaptureFixture[str], nhanes_dir: Path) -> None:
    rows, _ = cohort_output(
        capsys,
        *nhanes_2013(nhanes_dir, "age >= 20"),
        "--regress",
        "mma_elevated ~ b12_deficient + egfr_below_60 + age + sex",
    )
    terms = {r["term"]: r for r in rows}
    assert terms["egfr_below_60"]["or_ci_low"] > 1


def test_missing_blood_count_file_is_named(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    code = main(
        ["cohort", "nhanes", str(nhanes_dir / "2011-2012"), "--indicator", "anaemia", "--json"]
    )
    err = capsys.readouterr().err
    assert code == EXIT_DATA_FILE
    assert "anaemia needs CBC_G.XPT" in err and "Traceback" not in err


def test_run_file_with_creatinine(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "cohort.csv"
    people = [(70, "female", 1.1), (65, "male", 1.4), (40, "male", 0.9), (82, "female", 2.0)] * 5
    lines = ["AGE,SEX,SCR_MG_DL,HB"] + [f"{a},{s},{c},13.0" for a, s, c in people]
    path.write_text("\n".join(lines) + "\n")
    maps = ["--map", "AGE=age", "--map", "SEX=sex", "--map", "SCR_MG_DL=creatinine:mg/dL"]
    rows, _ = cohort_output(
        capsys,
        "run",
        str(path),
        *maps,
        "--mean",
        "egfr",
        "--indicator",
        "egfr_below_60",
        "--no-suppress",
    )
    named = {r["indicator"]: r for r in rows}
    expected = [egfr(c * 88.4, a, Sex(s)) for a, s, c in people]
    assert named["egfr"]["mean"] == pytest.approx(sum(expected) / len(expected), rel=1e-12)
    assert named["egfr_below_60"]["prevalence"] == pytest.approx(
        sum(e < 60 for e in expected) / len(expected)
    )
    code = main(["cohort", "run", str(path), "--map", "AGE=age", "--by", "egfr_band"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert "egfr_band needs --map COLUMN=creatinine or COLUMN=egfr" in err
    code = main(
        ["cohort", "run", str(path), "--map", "HB=hemoglobin:g/dL", "--indicator", "anaemia"]
    )
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert "anaemia needs --map COLUMN=age and COLUMN=sex too" in err


def test_2001_2002_without_demo_b_is_a_clear_error(nhanes_dir: Path) -> None:
    # A real subprocess: the exit code and stderr a user sees, and no traceback.
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "b12", "cohort", "nhanes", str(nhanes_dir / "2001-2002")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == EXIT_DATA_FILE
    assert "lacks DEMO_B.XPT" in proc.stderr
    assert "https://wwwn.cdc.gov/Nchs/Data/Nhanes/Public/2001/DataFiles/DEMO_B.xpt" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
