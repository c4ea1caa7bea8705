"""`b12 cohort --plot`: the PNG is written and the numbers drawn are the estimates printed.

The plot function returns what it drew, read back from the figure's artists; the tests wrap it
while the CLI runs and compare the drawn points and CI bars with the ``--json`` rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import b12.cli.cohort as cli_cohort
from b12.cli.main import main
from b12.reports.cohort_plot import Panel, write_plot
from tests.interfaces.cohort_cli import cohort_rows, nhanes_2013


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Panel]:
    captured: list[Panel] = []

    def spy(rows: Any, by: Any, path: Path) -> list[Panel]:
        panels = write_plot(rows, by, path)
        captured.extend(panels)
        return panels

    monkeypatch.setattr(cli_cohort, "write_plot", spy)
    return captured


def assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000


def test_forest_plot_of_grip_on_b12_status(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path, tmp_path: Path, drawn: list[Panel]
) -> None:
    png = tmp_path / "forest.png"
    rows = cohort_rows(
        capsys,
        *nhanes_2013(nhanes_dir, "age >= 60"),
        "--regress",
        "grip_max ~ b12_deficient + age + sex + bmi",
        "--plot",
        str(png),
    )
    assert_png(png)
    (panel,) = drawn
    terms = [r for r in rows if r["term"] != "(intercept)"]
    assert panel.labels == tuple(r["term"] for r in terms)
    assert panel.values == pytest.approx([r["estimate"] for r in terms], abs=1e-12)
    assert panel.lows == pytest.approx([r["ci_low"] for r in terms], abs=1e-12)
    assert panel.highs == pytest.approx([r["ci_high"] for r in terms], abs=1e-12)
    assert panel.no_effect == 0.0 and not panel.log_scale
    assert panel.xlabel.startswith("difference in grip_max")


def test_forest_plot_of_a_logistic_model_shows_odds_ratios(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path, tmp_path: Path, drawn: list[Panel]
) -> None:
    png = tmp_path / "or.png"
    rows = cohort_rows(
        capsys,
        *nhanes_2013(nhanes_dir, "age >= 20"),
        "--regress",
        "mma_elevated ~ b12_deficient + sex",
        "--plot",
        str(png),
    )
    assert_png(png)
    (panel,) = drawn
    terms = [r for r in rows if r["term"] != "(intercept)"]
    assert panel.values == pytest.approx([r["odds_ratio"] for r in terms], rel=1e-12)
    assert panel.lows == pytest.approx([r["or_ci_low"] for r in terms], rel=1e-12)
    assert panel.highs == pytest.approx([r["or_ci_high"] for r in terms], rel=1e-12)
    assert panel.log_scale and panel.no_effect == 1.0


def test_grip_strength_by_b12_band(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path, tmp_path: Path, drawn: list[Panel]
) -> None:
    png = tmp_path / "grip.png"
    rows = cohort_rows(
        capsys,
        *nhanes_2013(nhanes_dir, "age >= 60 and notnull(b12)"),
        "--indicator",
        "b12_deficient",
        "--mean",
        "grip_max",
        "--by",
        "b12_band",
        "--plot",
        str(png),
    )
    assert_png(png)
    grip = [r for r in rows if r["indicator"] == "grip_max"]
    # In band order (deficient < 148 pmol/L first), never alphabetical.
    assert [r["b12_band"] for r in grip] == ["deficient", "marginal", "adequate"]
    panel = next(p for p in drawn if p.title == "grip_max")
    assert panel.labels == ("deficient", "marginal", "adequate")
    assert panel.values == pytest.approx([r["mean"] for r in grip], abs=1e-12)
    assert panel.lows == pytest.approx([r["ci_low"] for r in grip], abs=1e-12)
    assert panel.highs == pytest.approx([r["ci_high"] for r in grip], abs=1e-12)
    prevalence = next(p for p in drawn if p.title == "b12_deficient")
    shown = [r for r in rows if r["indicator"] == "b12_deficient" and r["prevalence"] is not None]
    assert prevalence.values == pytest.approx([100 * r["prevalence"] for r in shown], abs=1e-10)


def test_nothing_to_plot_is_a_clear_error(tmp_path: Path) -> None:
    rows = [
        {
            "model": "y ~ 1",
            "family": "linear",
            "term": "(intercept)",
            "estimate": 1.0,
            "se": 0.1,
            "ci_low": 0.8,
            "ci_high": 1.2,
        }
    ]
    with pytest.raises(OSError, match="nothing to plot"):
        write_plot(rows, [], tmp_path / "x.png")


def test_terminal_table_shows_text_levels(
    capsys: pytest.CaptureFixture[str], nhanes_dir: Path
) -> None:
    # 'sex[male]' must print as such: Rich would read '[male]' as a style tag and drop it.
    code = main(
        [
            "cohort",
            *nhanes_2013(nhanes_dir, "age >= 60"),
            "--regress",
            "grip_max ~ b12_band + sex",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "sex[male]" in out and "b12_band[deficient]" in out and "b12_band[marginal]" in out
