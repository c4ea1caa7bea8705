"""NCHS 2017 presentation standard, age bands and small-cell rule, at their boundaries."""

from __future__ import annotations

import pytest

from b12.core import rules
from b12.core.survey.standards import (
    AGE_BAND_LABELS,
    RULE_NCHS_PROPORTIONS,
    NchsFlag,
    age_band,
    nchs_proportion_reliability,
    small_cell,
)


def flags(
    p: float, se: float, low: float, high: float, n: int = 1000, events: int = 100, df: float = 15
) -> tuple[NchsFlag, ...]:
    return nchs_proportion_reliability(p, se, low, high, n, events, df).flags


def test_rule_is_registered_with_its_numbers() -> None:
    rule = rules.get(RULE_NCHS_PROPORTIONS)
    assert rule.evidence.value == "secondary"
    assert rule.parameters["NCHS_MIN_EFFECTIVE_N"] == 30
    assert "Vital Health Stat 2(175)" in rule.source.citation


def test_effective_sample_size_below_30_is_suppressed() -> None:
    # n_eff = p(1-p)/se^2 = 0.25/0.0084 = 29.76
    assert flags(0.5, 0.0916515, 0.49, 0.51) == (NchsFlag.SUPPRESS,)
    # n_eff = 0.25/0.00832 = 30.05 -> goes on to the width checks (narrow: present)
    assert flags(0.5, 0.0912, 0.49, 0.51) == ()


def test_width_steps() -> None:
    assert flags(0.10, 0.01, 0.075, 0.125) == ()  # width 0.05: present
    assert flags(0.50, 0.01, 0.35, 0.65) == (NchsFlag.SUPPRESS,)  # width 0.30
    assert flags(0.50, 0.01, 0.36, 0.649) == ()  # width 0.289, relative 0.578
    assert flags(0.05, 0.005, 0.01, 0.0751) == (NchsFlag.SUPPRESS,)  # relative 1.302
    assert flags(0.05, 0.005, 0.01, 0.0749) == ()  # relative 1.298


def test_review_flags() -> None:
    assert flags(0.95, 0.005, 0.9249, 0.99) == (NchsFlag.REVIEW_COMPLEMENT,)  # 0.0651/0.05
    assert flags(0.10, 0.01, 0.08, 0.12, df=7) == (NchsFlag.REVIEW_DF,)
    assert flags(0.0, 0.0, 0.0, 0.01, n=500, events=0) == (NchsFlag.REVIEW_ZERO,)
    assert flags(0.0, 0.0, 0.0, 0.2, n=20, events=0) == (NchsFlag.SUPPRESS,)  # n < 30


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-19"),
        (19.99, "0-19"),
        (20, "20-39"),
        (59.9, "40-59"),
        (60, "60-69"),
        (79, "70-79"),
        (80, "80+"),
        (95, "80+"),
    ],
)
def test_age_bands(age: float, band: str) -> None:
    assert age_band(age) == band
    assert band in AGE_BAND_LABELS


@pytest.mark.parametrize(
    ("n", "events", "hidden"),
    [
        (100, 0, False),
        (100, 1, True),
        (100, 10, True),
        (100, 11, False),
        (100, 95, True),
        (10, 0, True),
        (0, 0, False),
    ],
)
def test_small_cells(n: int, events: int, hidden: bool) -> None:
    assert small_cell(n, events) is hidden
