"""FNIH Sarcopenia Project (Studenski SA et al. J Gerontol A 2014;69:547-558), abstract cut-points:
weakness grip < 26 kg (men) / < 16 kg (women); low lean mass ALM/BMI < 0.789 / < 0.512; slowness
gait speed < 0.8 m/s (PMC6125026 Table 2)."""

from __future__ import annotations

import pytest

from b12.core.muscle import fnih
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Stage
from b12.core.sex import Sex
from tests.clinical.muscle.cutoffs import below_by_sex

EPS = 1e-6
M, F = Sex.MALE, Sex.FEMALE


@pytest.mark.parametrize(
    ("sex", "grip", "expected"),
    below_by_sex(26, 16, Stage.PROBABLE, Stage.NO_SARCOPENIA),
)
def test_fnih_grip_cutoffs_against_studenski_2014(sex: Sex, grip: float, expected: Stage) -> None:
    assert fnih.assess(MuscleMeasurements(grip_strength_kg=grip), sex).stage is expected


def _alm_for(ratio: float, bmi: float = 25.0) -> MuscleMeasurements:
    # height 1 m: BMI equals weight; ALM = ratio x BMI
    return MuscleMeasurements(grip_strength_kg=10, weight_kg=bmi, height_m=1.0, asm_kg=ratio * bmi)


@pytest.mark.parametrize(
    ("sex", "ratio", "expected"),
    [
        (M, 0.789 - 1e-4, Stage.CONFIRMED),
        (M, 0.789, Stage.PROBABLE),
        (M, 0.789 + 1e-4, Stage.PROBABLE),
        (F, 0.512 - 1e-4, Stage.CONFIRMED),
        (F, 0.512, Stage.PROBABLE),
        (F, 0.512 + 1e-4, Stage.PROBABLE),
    ],
)
def test_fnih_alm_bmi_cutoffs(sex: Sex, ratio: float, expected: Stage) -> None:
    assert fnih.assess(_alm_for(ratio), sex).stage is expected


@pytest.mark.parametrize(
    ("gait", "expected"),
    [(0.8 - EPS, Stage.SEVERE), (0.8, Stage.CONFIRMED), (0.8 + EPS, Stage.CONFIRMED)],
)
def test_fnih_slowness_cutoff_grades_weakness_with_low_lean_mass(
    gait: float, expected: Stage
) -> None:
    m = _alm_for(0.5).model_copy(update={"gait_speed_m_s": gait})
    assert fnih.assess(m, M).stage is expected


def test_fnih_needs_weight_and_height_for_lean_mass() -> None:
    result = fnih.assess(MuscleMeasurements(grip_strength_kg=10, asm_kg=15), M)
    assert result.stage is Stage.PROBABLE
    assert {"weight_kg", "height_m"} <= set(result.missing)
