"""Accepted ranges of muscle measurements (:mod:`b12.core.muscle.measurements`) against their source.

Source: ``b12.core.sources.B12_DATA_QUALITY`` ("b12 data-quality limits: wide bounds to catch typing
and unit errors"), rule ``plausible.muscle`` (evidence level ``unverified``: a b12 design choice, not
a clinical threshold). Its summary states the numbers: "grip 0-150 kg, chair stand 0-300 s, ASM
0-80 kg, height 0.8-2.5 m, weight 20-350 kg, gait speed 0-4 m/s, SPPB 0-12, TUG 0-600 s, 400 m walk
0-3600 s, calf 10-80 cm". The SPPB range is the instrument's own 0-12 point scale.

Units: kg, s, m, m/s, points, cm (canonical; no conversion happens here).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from b12.core import rules
from b12.core.muscle.measurements import MuscleMeasurements

EPS = 1e-6

LIMITS = {
    "GRIP_STRENGTH_MAX_KG": 150.0,
    "CHAIR_STAND_MAX_S": 300.0,
    "ASM_MAX_KG": 80.0,
    "HEIGHT_MIN_M": 0.8,
    "HEIGHT_MAX_M": 2.5,
    "WEIGHT_MIN_KG": 20.0,
    "WEIGHT_MAX_KG": 350.0,
    "GAIT_SPEED_MAX_M_S": 4.0,
    "SPPB_MAX_POINTS": 12,
    "TUG_MAX_S": 600.0,
    "WALK_400M_MAX_S": 3600.0,
    "CALF_MIN_CM": 10.0,
    "CALF_MAX_CM": 80.0,
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
    ("height_m", 0.8, True, 2.5),
    ("weight_kg", 20.0, True, 350.0),
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
