"""`b12 cohort` end to end through the CLI entry point."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from b12.cli.main import EXIT_DATA_FILE, EXIT_INPUT, main
from tests.interfaces.cohort_cli import cohort_rows, nhanes_2013


def by_name(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["indicator"]: row for row in rows}


def test_nhanes_2013_older_adults(capsys: pytest.CaptureFixture[str], nhanes_dir: Path) -> None:
    rows = cohort_rows(capsys, *nhanes_2013(nhanes_dir, "age >= 60"))
    named = by_name(rows)
    for key in ("indicator", "n", "prevalence", "se", "ci_low", "ci_high", "flag"):
        assert key in named["b12_deficient"]
    deficient = named["b12_deficient"]
    assert deficient["n"] == 1688
    assert 0.01 < deficient["prevalence"] < 0.08  # Allen 2009: ~6 % of >= 60 y (earlier surveys)
    assert deficient["ci_low"] < deficient["prevalence"] < deficient["ci_high"]
    assert named["cb12_low"]["prevalence"] is None
    assert "holoTC" in named["cb12_low"]["note"]
    assert {
        "cb12_elevated",
        "cb12_adequate",
        "cb12_low",
        "cb12_possibly_deficient",
        "cb12_probably_deficient",
        "b12_marginal",
        "mma_elevated",
        "nice_b12_indeterminate",
    } <= set(named)


def test_pooled_cycles_by_age_band_and_sex(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    rows = cohort_rows(
        capsys,
        "nhanes",
        str(nhanes_dir / "2011-2012"),
        str(nhanes_dir / "2013-2014"),
        "--indicator",
        "b12_deficient",
        "--by",
        "age_band,sex",
        "--where",
        "age >= 20",
    )
    groups = {(r["age_band"], r["sex"]) for r in rows}
    assert ("80+", "female") in groups and ("20-39", "male") in groups
    assert all(r["df"] > 0 for r in rows)
    total = sum(r["n"] for r in rows)
    assert total > 9000  # both cycles' lab subsamples aged >= 20


def test_custom_indicator_mean_csv_and_plot(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path, tmp_path: Path
) -> None:
    out_csv, out_png = tmp_path / "out.csv", tmp_path / "out.png"
    rows = cohort_rows(
        capsys,
        *nhanes_2013(nhanes_dir),
        "--indicator",
        "low_b12_or_high_mma=b12 < 148 or mma > 0.271",
        "--mean",
        "grip_max",
        "--by",
        "b12_band",
        "--csv",
        str(out_csv),
        "--plot",
        str(out_png),
    )
    assert {r["indicator"] for r in rows} == {"low_b12_or_high_mma", "grip_max"}
    with out_csv.open() as handle:
        assert len(list(csv.DictReader(handle))) == len(rows)
    assert out_png.read_bytes()[:4] == b"\x89PNG"


def test_terminal_table(capsys: pytest.CaptureFixture[str], nhanes_dir: Path) -> None:
    code = main(
        [
            "cohort",
            *nhanes_2013(nhanes_dir),
            "--indicator",
            "b12_deficient",
            "--by",
            "sex",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    assert "b12_deficient" in captured.out and "female" in captured.out


def test_errors_map_to_exit_codes(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path, tmp_path: Path
) -> None:
    assert main(["cohort", "nhanes", str(tmp_path)]) == EXIT_DATA_FILE
    assert "no NHANES demographics file" in capsys.readouterr().err
    assert main(["cohort", *nhanes_2013(nhanes_dir, "height > 2")]) == EXIT_INPUT
    assert "unknown column 'height'" in capsys.readouterr().err
    assert main(["cohort", *nhanes_2013(nhanes_dir, "__import__('os')")]) == EXIT_INPUT
    assert main(["cohort", *nhanes_2013(nhanes_dir), "--indicator", "nonsense"]) == EXIT_INPUT


@pytest.fixture
def cohort_csv(tmp_path: Path) -> Path:
    frame = pd.DataFrame(
        {
            "B12_PG": [100.0, 150, 180, 250, 400, 600, 90, 300, 350, 120, 200, 500] * 5,
            "AGE": [65.0, 70, 72, 45, 30, 50, 81, 66, 40, 77, 62, 55] * 5,
            "MMA_NM": [400.0, 300, 200, 150, 120, 100, 800, 180, 140, 350, 250, 110] * 5,
        }
    )
    path = tmp_path / "cohort.csv"
    frame.to_csv(path, index=False)
    return path


def test_run_with_mapping_units_and_suppression(
    capsys: pytest.CaptureFixture[str], cohort_csv: Path
) -> None:
    args = [
        "run",
        str(cohort_csv),
        "--map",
        "B12_PG=b12:pg/mL",
        "--map",
        "AGE=age",
        "--map",
        "MMA_NM=mma:nmol/L",
        "--indicator",
        "b12_deficient",
        "--indicator",
        "mma_elevated",
        "--where",
        "age >= 60",
    ]
    named = by_name(cohort_rows(capsys, *args))
    # Aged >= 60: 7 rows x 5 copies. MMA > 271 nmol/L: 400, 300, 800, 350 -> 20 of 35.
    assert named["mma_elevated"]["n"] == 35
    assert named["mma_elevated"]["prevalence"] == pytest.approx(20 / 35)
    assert named["mma_elevated"]["flag"] == "Px"  # NCHS: CI width >= 0.30 with n = 35
    # B12 < 148 pmol/L: 6 of 7 rows (200 pg/mL = 147.6 pmol/L counts): 5 without -> withheld.
    assert named["b12_deficient"]["flag"] == "suppressed"
    small = by_name(cohort_rows(capsys, *args[:-2], "--where", "age >= 80"))
    assert small["b12_deficient"]["flag"] == "suppressed"  # 5 persons
    assert small["b12_deficient"]["prevalence"] is None
    shown = by_name(cohort_rows(capsys, *args[:-2], "--where", "age >= 80", "--no-suppress"))
    assert shown["b12_deficient"]["prevalence"] == 1.0


@pytest.mark.spark
def test_spark_matches_duckdb_on_nhanes(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path, spark: Any
) -> None:
    args = [
        *nhanes_2013(nhanes_dir),
        "--indicator",
        "b12_deficient",
        "--indicator",
        "mma_elevated",
        "--mean",
        "grip_max",
        "--by",
        "sex",
        "--where",
        "age >= 60",
    ]
    duck = cohort_rows(capsys, *args)
    spk = cohort_rows(capsys, *args, "--engine", "spark")
    assert len(duck) == len(spk) == 6
    for a, b in zip(duck, spk, strict=True):
        for key in ("n", "prevalence", "mean", "se", "ci_low", "ci_high", "df"):
            if a.get(key) is None:
                assert b.get(key) is None
            else:
                assert b[key] == pytest.approx(a[key], rel=1e-10, abs=1e-12), key


@pytest.mark.spark
def test_spark_run_on_csv(capsys: pytest.CaptureFixture[str], cohort_csv: Path, spark: Any) -> None:
    args = [
        "run",
        str(cohort_csv),
        "--map",
        "B12_PG=b12:pg/mL",
        "--map",
        "AGE=age",
        "--indicator",
        "b12_deficient",
        "--by",
        "age_band",
    ]
    assert cohort_rows(capsys, *args, "--engine", "spark") == cohort_rows(capsys, *args)


def test_custom_indicator_must_be_boolean(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    code = main(["cohort", *nhanes_2013(nhanes_dir), "--indicator", "x=b12 * 2"])
    assert code == EXIT_INPUT
    assert "must be true/false" in capsys.readouterr().err


def test_regress_grip_on_b12_status(capsys: pytest.CaptureFixture[str], nhanes_dir: Path) -> None:
    rows = cohort_rows(
        capsys,
        "nhanes",
        str(nhanes_dir / "2011-2012"),
        str(nhanes_dir / "2013-2014"),
        "--where",
        "age >= 60",
        "--regress",
        "grip_max ~ b12_deficient + age + sex + bmi",
    )
    terms = {r["term"]: r for r in rows}
    assert list(terms) == ["(intercept)", "b12_deficient", "age", "sex[male]", "bmi"]
    assert terms["sex[male]"]["estimate"] > 10  # men's best grip is > 10 kg stronger
    assert terms["age"]["ci_high"] < 0  # grip falls with age
    assert all(r["family"] == "linear" and r["df"] > 0 for r in rows)


def test_regress_logistic_with_text_levels(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    rows = cohort_rows(
        capsys,
        *nhanes_2013(nhanes_dir, "age >= 20"),
        "--regress",
        "mma_elevated ~ b12_deficient + age_band + sex",
    )
    terms = {r["term"]: r for r in rows}
    assert "age_band[0-19]" not in terms and "age_band[80+]" in terms  # levels in the domain
    assert terms["b12_deficient"]["odds_ratio"] > 1
    assert rows[0]["family"] == "logistic"
    code = main(["cohort", *nhanes_2013(nhanes_dir), "--regress", "grip_max ~"])
    assert code == EXIT_INPUT


def test_2003_cycle_close_to_cdc_figures(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    # Mineva 2020 (NHANES 1999-2004, adults >= 20 y): 2.2 % B12 < 148 pmol/L; 8.4 % tHcy > 13.
    # One of the three cycles, so only rough agreement is expected.
    named = by_name(
        cohort_rows(
            capsys,
            "nhanes",
            str(nhanes_dir / "2003-2004"),
            "--where",
            "age >= 20",
            "--indicator",
            "b12_deficient",
            "--indicator",
            "hcy_elevated_cdc",
        )
    )
    assert 0.015 < named["b12_deficient"]["prevalence"] < 0.03
    assert 0.06 < named["hcy_elevated_cdc"]["prevalence"] < 0.12


def test_pooling_across_assay_change_is_noted(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    code = main(
        [
            "cohort",
            "nhanes",
            str(nhanes_dir / "2003-2004"),
            str(nhanes_dir / "2013-2014"),
            "--indicator",
            "b12_deficient",
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    assert "pooling across the change mixes methods" in captured.err
    assert "divided by 2" in captured.err


def test_run_with_design_and_singleton_psu(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {
            "b12": [100.0, 300, 140, 250, 500, 120, 90, 400] * 10,
            "w": [1.0, 2, 1, 3, 1, 2, 1, 1] * 10,
            "h": [1, 1, 1, 1, 2, 2, 2, 2] * 10,
            "p": [1, 1, 2, 2, 1, 1, 2, 2] * 10,
        }
    )
    path = tmp_path / "design.parquet"
    frame.to_parquet(path)
    args = [
        "run",
        str(path),
        "--map",
        "b12=b12",
        "--map",
        "w=weight",
        "--map",
        "h=stratum",
        "--map",
        "p=psu",
        "--indicator",
        "b12_deficient",
    ]
    (row,) = cohort_rows(capsys, *args)
    w, y = frame["w"], frame["b12"] < 148
    assert row["prevalence"] == pytest.approx((w * y).sum() / w.sum())
    assert row["df"] == 2  # 4 PSUs - 2 strata
    lonely = frame.assign(p=frame["p"].where(frame["h"] == 1, 1))
    lonely.to_parquet(path)
    assert main(["cohort", *args]) == EXIT_INPUT
    assert "single PSU: 2" in capsys.readouterr().err
    (row,) = cohort_rows(capsys, *args, "--singleton-psu", "certainty")
    assert row["se"] > 0


def test_expressions_can_use_standard_indicators(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    named = by_name(
        cohort_rows(
            capsys,
            *nhanes_2013(nhanes_dir),
            "--indicator",
            "either=b12_deficient or mma_elevated",
            "--indicator",
            "mma_elevated",
            "--where",
            "age >= 60 and not b12_marginal",
        )
    )
    assert named["either"]["prevalence"] >= named["mma_elevated"]["prevalence"]


def test_dietary_variables_switch_to_dietary_weights(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    code = main(
        [
            "cohort",
            *nhanes_2013(nhanes_dir),
            "--mean",
            "diet_b12_ug",
            "--indicator",
            "low_intake=diet_b12_ug < 2.4",
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    assert "WTDRD1" in captured.err
    named = by_name(json.loads(captured.out))
    assert 3 < named["diet_b12_ug"]["mean"] < 7  # µg/day
    assert named["diet_b12_ug"]["n"] <= 8_531


def test_run_on_a_duckdb_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import duckdb

    database = tmp_path / "cohort.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute(
            "CREATE TABLE people AS SELECT * FROM (VALUES (100.0, 70.0), (300.0, 65.0),"
            " (120.0, 80.0)) AS t(b12, age)"
        )
    rows = cohort_rows(
        capsys,
        "run",
        "people",
        "--database",
        str(database),
        "--map",
        "b12=b12",
        "--map",
        "age=age",
        "--indicator",
        "b12_deficient",
        "--no-suppress",
    )
    assert rows[0]["prevalence"] == pytest.approx(2 / 3)
    assert (
        main(["cohort", "run", "nobody", "--database", str(database), "--map", "b12=b12"])
        == EXIT_DATA_FILE
    )


def test_grouping_by_a_design_column(capsys: pytest.CaptureFixture[str], nhanes_dir: Path) -> None:
    """--by stratum is a domain like any other: the cells' n add up to the whole sample's n."""
    folder = str(nhanes_dir / "2013-2014")
    whole = by_name(cohort_rows(capsys, "nhanes", folder, "--indicator", "b12_deficient"))
    rows = cohort_rows(capsys, "nhanes", folder, "--indicator", "b12_deficient", "--by", "stratum")
    assert len(rows) == 15  # NHANES 2013-2014 has 15 masked variance strata
    assert sum(row["n"] for row in rows) == whole["b12_deficient"]["n"]
    assert all(row["df"] == 1 for row in rows)  # 2 PSUs in one stratum


@pytest.mark.parametrize("engine", ["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def test_a_mapped_unit_compares_against_the_edges_stated_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    # NG239 states 180/350 ng/L and 133/258 pmol/L. A lab printing pg/mL is read against 180 and
    # 350, as `b12 assess` reads it: 180 pg/mL is indeterminate (not 132.8 pmol/L < 133) and
    # 350 pg/mL is indeterminate (not 258.3 pmol/L > 258).
    from b12.core.person import LabResult
    from b12.core.status.nice_ng239 import read

    if engine == "spark":
        request.getfixturevalue("spark")
    values = [179.9, 180.0, 350.0, 350.1]
    path = tmp_path / "edges.csv"
    path.write_text("SB12,AGE\n" + "".join(f"{v},70\n" for v in values), encoding="utf-8")
    rows = cohort_rows(
        capsys, "run", str(path), "--engine", engine, "--map", "SB12=b12:pg/mL",
        "--map", "AGE=age", "--by", "nice_b12", "--indicator", "b12_deficient", "--no-suppress",
    )  # fmt: skip
    per_person = [read(LabResult(analyte="b12", value=v, unit="pg/mL")) for v in values]
    expected: dict[str, int] = {}
    for reading in per_person:
        assert reading is not None
        expected[reading.value] = expected.get(reading.value, 0) + 1
    assert {row["nice_b12"]: row["n"] for row in rows} == expected
    assert expected == {"deficiency_likely": 1, "indeterminate": 2, "deficiency_unlikely": 1}
