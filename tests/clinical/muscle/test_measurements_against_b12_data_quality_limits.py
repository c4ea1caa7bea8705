"""Accepted ranges of muscle measurements (:mod:`b12.core.muscle.measurements`) against their source.

Source: ``b12.core.sources.B12_DATA_QUALITY`` ("b12 data-quality limits: wide bounds to catch typing
and unit errors"), rule ``plausible.muscle`` (evidence level ``unverified``: a b12 design choice, not
a clinical threshold). Its summary states the numbers: "grip 0-150 kg, chair stand 0-300 s, ASM
0-80 kg, height 0.8-2.5 m, weight 20-350 kg, gait speed 0-4 m/s, SPPB 0-12, TUG 0-600 s, 400 m walk
0-3600 s, calf 10-80 cm; under 18 height from 0.2 m and weight from 0.3 kg". The adult lower limits
of height and weight apply from 18 years (the age ``muscle.assess.adults-only`` starts adulthood),
so a baby's measurements are accepted. The SPPB range is the instrument's own 0-12 point scale.

Units: kg, s, m, m/s, points, cm (canonical; no conversion happens here).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from b12.core import rules
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.person import Person

EPS = 1e-6

LIMITS = {
    "GRIP_STRENGTH_MAX_KG": 150.0,
    "CHAIR_STAND_MAX_S": 300.0,
    "ASM_MAX_KG": 80.0,
    "HEIGHT_MIN_M": 0.8,
    "HEIGHT_MAX_M": 2.5,
    "WEIGHT_MIN_KG": 20.0,
    "WEIGHT_MAX_KG": 350.0,
    "NEWBORN_HEIGHT_MIN_M": 0.2,
    "NEWBORN_WEIGHT_MIN_KG": 0.3,
    "GAIT_SPEED_MAX_M_S": 4.0,
    "SPPB_MAX_POINTS": 12,
    "TUG_MAX_S": 600.0,
    "WALK_400M_MAX_S": 3600.0,
    "CALF_MIN_CM": 10.0,
    "CALF_MAX_CM": 80.0,
    "DAYS_PER_YEAR": 365.2425,  # the limits of the age on the day a measurement was taken
}


def test_registered_limits_are_the_numbers_of_the_rule_summary() -> None:
    rule = rules.get("plausible.muscle")
    assert rule.module == "b12.core.muscle.measurements"
    assert dict(rule.parameters) == LIMITS
    assert rule.evidence is rules.Evidence.UNVERIFIED  # a b12 choice, shown as such


def accepted(**fields: Any) -> bool:
    try:
        MuscleMeasurements(**fields)
    except ValidationError:
        return False
    return True


# (field, lower limit, whether the lower limit itself is accepted, upper limit)
BOUNDS = [
    ("grip_strength_kg", 0.0, True, 150.0),
    ("chair_stand_s", 0.0, False, 300.0),
    ("asm_kg", 0.0, False, 80.0),
    ("height_m", 0.2, True, 2.5),  # a child's lower limit; an adult's below
    ("weight_kg", 0.3, True, 350.0),
    ("gait_speed_m_s", 0.0, True, 4.0),
    ("tug_s", 0.0, False, 600.0),
    ("walk_400m_s", 0.0, False, 3600.0),
    ("calf_circumference_cm", 10.0, True, 80.0),
]


@pytest.mark.parametrize(("field", "low", "low_closed", "high"), BOUNDS)
def test_upper_limit_is_accepted_and_anything_above_refused(
    field: str, low: float, low_closed: bool, high: float
) -> None:
    assert accepted(**{field: high - EPS})
    assert accepted(**{field: high})
    assert not accepted(**{field: high + EPS})


@pytest.mark.parametrize(("field", "low", "low_closed", "high"), BOUNDS)
def test_lower_limit(field: str, low: float, low_closed: bool, high: float) -> None:
    assert not accepted(**{field: low - EPS})
    assert accepted(**{field: low}) is low_closed
    assert accepted(**{field: low + EPS})


@pytest.mark.parametrize(("score", "ok"), [(-1, False), (0, True), (12, True), (13, False)])
def test_sppb_is_scored_0_to_12_points(score: int, ok: bool) -> None:
    assert accepted(sppb_score=score) is ok


@pytest.mark.parametrize(
    ("field", "value"), [("height_m", 170.0), ("walk_400m_s", 6.0 * 60 * 60 * 2)]
)
def test_typical_unit_errors_are_refused(field: str, value: float) -> None:
    # A height in cm, or a 400 m walk of 12 hours, is an entry or unit error.
    assert not accepted(**{field: value})


def person_accepted(age: float, **muscle: float) -> bool:
    try:
        Person(age=age, sex="female", muscle=muscle)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(("field", "adult_low"), [("height_m", 0.8), ("weight_kg", 20.0)])
def test_adult_lower_limits_apply_from_18(field: str, adult_low: float) -> None:
    assert person_accepted(18.0, **{field: adult_low})
    assert not person_accepted(18.0, **{field: adult_low - EPS})
    assert not person_accepted(80.0, **{field: adult_low - EPS})
    assert person_accepted(17.99, **{field: adult_low - EPS})  # a child may be smaller


def test_a_newborns_measurements_are_accepted() -> None:
    assert person_accepted(0.1, height_m=0.51, weight_kg=3.4)


def test_an_adults_small_weight_names_the_field_and_limit() -> None:
    with pytest.raises(ValidationError, match=r"muscle.weight_kg: 5 kg is below the adult limit"):
        Person(age=40, sex="male", muscle={"weight_kg": 5})
