"""Rows of a cohort result: value column by kind, small cells withheld, model coefficients."""

from __future__ import annotations

import math

import pytest

from b12.core.survey.standards import NchsFlag, Reliability
from b12.data.cohort.pipeline import Cell, TargetKind
from b12.services.cohort.rows import estimate_row, occupied, regression_rows
from b12.stats.regression import Coefficient, RegressionResult
from b12.stats.survey import Estimate


def cell(
    kind: TargetKind = TargetKind.PROPORTION,
    n: int = 500,
    events: int = 50,
    group: tuple[object, ...] = (),
    reliability: Reliability | None = None,
) -> Cell:
    return Cell(
        "b12_deficient", kind, group, n, events, Estimate(0.1, 0.01, 15), 0.08, 0.12, reliability
    )


def test_a_proportion_is_a_prevalence_and_a_mean_a_mean() -> None:
    proportion = estimate_row(cell(group=("60-69",)), ["age_band"], ["r1"], suppress=True)
    assert list(proportion) == [
        "indicator", "age_band", "n", "prevalence", "se", "ci_low", "ci_high", "df",
        "flag", "flag_reason", "note", "rules",
    ]  # fmt: skip
    assert proportion["prevalence"] == 0.1
    assert proportion["rules"] == ["r1"]
    mean = estimate_row(cell(TargetKind.MEAN), [], [], suppress=True)
    assert mean["mean"] == 0.1
    assert "prevalence" not in mean


@pytest.mark.parametrize(
    ("kind", "n", "events", "small"),
    [
        (TargetKind.PROPORTION, 500, 10, True),  # 10 persons with the outcome
        (TargetKind.PROPORTION, 500, 11, False),
        (TargetKind.PROPORTION, 500, 490, True),  # 10 without it
        (TargetKind.MEAN, 10, 10, True),
        (TargetKind.MEAN, 11, 11, False),
    ],
)
def test_small_cells_are_withheld(kind: TargetKind, n: int, events: int, small: bool) -> None:
    row = estimate_row(cell(kind, n, events), [], [], suppress=True)
    value = "prevalence" if kind is TargetKind.PROPORTION else "mean"
    assert (row[value] is None) is small
    assert (row["flag"] == "suppressed") is small
    shown = estimate_row(cell(kind, n, events), [], [], suppress=False)
    assert shown[value] == 0.1


def test_flags_and_the_empty_domain_note() -> None:
    flagged = cell(reliability=Reliability((NchsFlag.SUPPRESS,), "why"))
    assert estimate_row(flagged, [], [], suppress=False)["flag_reason"] == "why"
    empty = cell(n=0, events=0)
    assert "no person" in estimate_row(empty, [], [], suppress=False)["note"]
    assert estimate_row(empty, [], [], suppress=False, empty_note="holo")["note"] == "holo"


def test_groups_without_a_domain_member_are_left_out() -> None:
    cells = [cell(group=("a",)), cell(n=0, events=0, group=("b",))]
    assert [c.group for c in occupied(cells, ["age_band"])] == [("a",)]
    assert len(occupied(cells[1:], [])) == 1  # no grouping: the one overall row stays


def test_a_logistic_model_shows_odds_ratios() -> None:
    fit = RegressionResult(
        family="logistic",
        coefficients=(Coefficient("age", 0.5, 0.1, 0.3, 0.7, 0.01),),
        n=200,
        df=15,
    )
    (row,) = regression_rows("y ~ age", fit, logistic=True)
    assert row["term"] == "age"
    assert row["odds_ratio"] == pytest.approx(math.exp(0.5))
    assert "odds_ratio" not in regression_rows("y ~ age", fit, logistic=False)[0]
