"""Muscle measurements dated after the assessment date are not read (red team round 16, D3
follow-through; rule status.judgment.rules.results-after-assessment-date, the rule for every
result dated after the assessment date, declared once with the judgment).

Person: red team vignette 31 (/tmp/red16/31-future-dated-lab.yaml: woman of 60, assessed on
2026-12-01) with a grip of 10 kg dated 2027-11-01, a typo. EWGSOP2 (Cruz-Jentoft 2019, table 3)
reads grip < 16 kg in women as low strength; a measurement that cannot have been taken by the
assessment date must not give that reading.
"""

from __future__ import annotations

import datetime as dt

from b12.core import rules as registry
from b12.core.muscle import assess
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Criteria, Stage
from b12.core.sex import Sex
from b12.core.status.judgment import rules as judgment_rules

ASSESSED_ON = dt.date(2026, 12, 1)
WEAK_GRIP_KG = 10  # below EWGSOP2's < 16 kg for women


def _result(measured_on: dt.date | None) -> assess.MuscleResult:
    m = MuscleMeasurements(grip_strength_kg=WEAK_GRIP_KG, measured_on=measured_on)
    return assess.assess_muscle(m, Sex.FEMALE, Criteria.EWGSOP2, 60, ASSESSED_ON)


def test_the_rule_named_is_the_judgments_one_rule() -> None:
    assert assess.RULE_AFTER_ASSESSMENT_DATE == judgment_rules.RULE_AS_OF
    assert registry.get(assess.RULE_AFTER_ASSESSMENT_DATE).source  # registered, with a source


def test_a_weak_grip_dated_after_the_assessment_date_is_not_read() -> None:
    result = _result(dt.date(2027, 11, 1))
    assert result.stage is Stage.INSUFFICIENT_DATA
    assert (result.low_strength, result.low_quantity, result.low_performance) == (None,) * 3
    assert not result.at_risk  # the plan advises nothing from it
    (later,) = result.findings
    assert later.code == "muscle_measured_later"
    assert "2027-11-01" in later.message and "2026-12-01" in later.message
    assert "not read" in later.message and "check the dates" in later.message
    assert later.rules == (assess.RULE_AFTER_ASSESSMENT_DATE,)
    assert assess.RULE_AFTER_ASSESSMENT_DATE in result.rules
    assert "dated after the assessment date" in result.label  # the label says why, too


def test_on_and_before_the_assessment_date_the_grip_is_read() -> None:
    for day in (ASSESSED_ON, ASSESSED_ON - dt.timedelta(days=30), None):
        result = _result(day)
        assert result.low_strength is True, day
        assert "muscle_measured_later" not in {f.code for f in result.findings}


def test_the_day_after_is_not_read() -> None:
    assert _result(ASSESSED_ON + dt.timedelta(days=1)).low_strength is None
