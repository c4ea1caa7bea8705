"""AWGS 2019 (Chen LK et al. J Am Med Dir Assoc 2020;21:300-307): cut-offs from the abstract.

Grip < 28 / < 18 kg; gait < 1.0 m/s; chair stand >= 12 s; SPPB <= 9; ASM/height² < 7.0 kg/m² (men),
< 5.4 (women, DXA) or < 5.7 (women, BIA).
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.muscle import awgs2019
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Stage
from b12.core.sex import Sex
from tests.clinical.muscle.cutoffs import below_by_sex

EPS = 1e-6
M, F = Sex.MALE, Sex.FEMALE


def stage(sex: Sex, **fields: Any) -> Stage:
    return awgs2019.assess(MuscleMeasurements(**fields), sex).stage


@pytest.mark.parametrize(
    ("sex", "grip", "expected"),
    below_by_sex(28, 18, Stage.PROBABLE, Stage.NO_SARCOPENIA),
)
def test_awgs2019_grip_cutoffs_against_chen_2020(sex: Sex, grip: float, expected: Stage) -> None:
    assert stage(sex, grip_strength_kg=grip) is expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"gait_speed_m_s": 1.0 - EPS}, Stage.PROBABLE),
        ({"gait_speed_m_s": 1.0}, Stage.NO_SARCOPENIA),
        ({"chair_stand_s": 12 - EPS}, Stage.NO_SARCOPENIA),
        ({"chair_stand_s": 12}, Stage.PROBABLE),
        ({"sppb_score": 9}, Stage.PROBABLE),
        ({"sppb_score": 10}, Stage.NO_SARCOPENIA),
    ],
)
def test_awgs2019_performance_cutoffs(fields: dict[str, Any], expected: Stage) -> None:
    assert stage(M, **fields) is expected


@pytest.mark.parametrize(
    ("sex", "method", "index", "expected"),
    [
        (M, "dxa", 7.0 - EPS, Stage.CONFIRMED),
        (M, "dxa", 7.0, Stage.PROBABLE),
        (M, "bia", 7.0 - EPS, Stage.CONFIRMED),
        (F, "dxa", 5.4 - EPS, Stage.CONFIRMED),
        (F, "dxa", 5.4, Stage.PROBABLE),
        (F, "bia", 5.7 - EPS, Stage.CONFIRMED),
        (F, "bia", 5.7, Stage.PROBABLE),
        (F, "bia", 5.5, Stage.CONFIRMED),
        (F, "dxa", 5.5, Stage.PROBABLE),
    ],
)
def test_awgs2019_mass_cutoffs_by_method(
    sex: Sex, method: str, index: float, expected: Stage
) -> None:
    grip = 10.0  # low strength, performance not measured
    assert (
        stage(sex, grip_strength_kg=grip, asm_kg=index, height_m=1.0, asm_method=method) is expected
    )


def test_awgs2019_severe_needs_low_mass_strength_and_performance() -> None:
    assert (
        stage(
            F, grip_strength_kg=15, gait_speed_m_s=0.7, asm_kg=5.0, height_m=1.0, asm_method="dxa"
        )
        is Stage.SEVERE
    )


def test_awgs2019_low_performance_with_low_mass_is_sarcopenia() -> None:
    assert (
        stage(M, grip_strength_kg=35, gait_speed_m_s=0.7, asm_kg=6.5, height_m=1.0)
        is Stage.CONFIRMED
    )


def test_awgs2019_method_missing_between_cutoffs_uses_dxa_and_says_so() -> None:
    result = awgs2019.assess(MuscleMeasurements(grip_strength_kg=10, asm_kg=5.5, height_m=1.0), F)
    assert result.stage is Stage.PROBABLE
    assert any(f.code == "asm_method_needed" for f in result.findings)


def test_awgs2019_nothing_measured_is_insufficient_data() -> None:
    assert stage(M) is Stage.INSUFFICIENT_DATA
