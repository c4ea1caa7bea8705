"""Muscle measurements dated long before, or after, the assessment date
(:mod:`b12.core.muscle.assess`, rule ``muscle.assess.measurement-date``).

A product choice, not a guideline: b12 reads a lab result as current for 12 months
(``status.result_age.current-result-window``: "more than 12 months" is old, 12 months itself is
current) and gives muscle measurements the same window; measurements dated after the assessment
date are not read, with a request to check the dates (red team round 16, D3:
test_assess_measured_after_the_assessment_date.py).
Red team: measurements from 2019 assessed in 2026, and from 2027, passed without a word.
"""

from __future__ import annotations

import datetime as dt

import pytest

from b12.core.muscle import assess
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Criteria
from b12.core.sex import Sex

DAY = dt.date(2026, 11, 2)


def _codes(measured_on: dt.date | None, assessed_on: dt.date | None = DAY) -> set[str]:
    m = MuscleMeasurements(grip_strength_kg=10, measured_on=measured_on)
    result = assess.assess_muscle(m, Sex.FEMALE, Criteria.EWGSOP2, 80, assessed_on)
    return {f.code for f in result.findings}


@pytest.mark.parametrize(
    ("measured_on", "code"),
    [
        (dt.date(2019, 1, 1), "muscle_measurements_old"),
        (dt.date(2025, 11, 1), "muscle_measurements_old"),  # 12 months and a day
        (dt.date(2025, 11, 2), None),  # exactly 12 months: still current
        (DAY, None),
        (dt.date(2026, 11, 3), "muscle_measured_later"),
        (dt.date(2027, 6, 1), "muscle_measured_later"),
        (None, None),
    ],
)
def test_dates_at_and_around_the_12_month_edge(
    measured_on: dt.date | None, code: str | None
) -> None:
    found = _codes(measured_on) & {"muscle_measurements_old", "muscle_measured_later"}
    assert found == ({code} if code else set())


def test_a_29_february_assessment_counts_back_to_28_february() -> None:
    assert "muscle_measurements_old" not in _codes(dt.date(2027, 2, 28), dt.date(2028, 2, 29))
    assert "muscle_measurements_old" in _codes(dt.date(2027, 2, 27), dt.date(2028, 2, 29))


def test_the_old_finding_names_the_date_and_cites_the_rule() -> None:
    m = MuscleMeasurements(grip_strength_kg=10, measured_on=dt.date(2019, 1, 1))
    result = assess.assess_muscle(m, Sex.FEMALE, Criteria.EWGSOP2, 80, DAY)
    old = next(f for f in result.findings if f.code == "muscle_measurements_old")
    assert "2019-01-01" in old.message and "repeat" in old.message
    assert "muscle.assess.measurement-date" in result.rules


def test_without_an_assessment_date_nothing_is_said() -> None:
    assert not _codes(dt.date(2019, 1, 1), None) & {"muscle_measurements_old"}


def test_an_assessment_in_year_1_does_not_count_back_before_the_calendar() -> None:
    assert not _codes(dt.date(1, 1, 1), dt.date(1, 6, 1)) & {"muscle_measurements_old"}
