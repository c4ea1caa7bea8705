"""EWGSOP2 (Cruz-Jentoft et al. Age Ageing 2019;48:16-31): Table 3 cut-offs and Figure 1 paths.

Table 3: grip < 27 kg (men) / < 16 kg (women); chair stand > 15 s for five rises;
ASM < 20 / < 15 kg; ASM/height² < 7.0 / < 5.5 kg/m²; gait speed <= 0.8 m/s; SPPB <= 8;
TUG >= 20 s; 400 m walk non-completion or >= 6 min.
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.muscle import ewgsop2
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Stage
from b12.core.sex import Sex
from tests.clinical.muscle.cutoffs import below_by_sex

EPS = 1e-6
M, F = Sex.MALE, Sex.FEMALE
SARC_F_POSITIVE = {
    "strength": 2,
    "assistance_walking": 1,
    "rise_from_chair": 1,
    "climb_stairs": 0,
    "falls": 0,
}  # total 4
SARC_F_NEGATIVE = {
    "strength": 1,
    "assistance_walking": 1,
    "rise_from_chair": 1,
    "climb_stairs": 0,
    "falls": 0,
}  # total 3


def measure(**fields: Any) -> MuscleMeasurements:
    return MuscleMeasurements(**fields)


@pytest.mark.parametrize(
    ("sex", "grip", "low"),
    below_by_sex(27, 16, True, False),
)
def test_ewgsop2_grip_cutoffs_against_cruz_jentoft_2019(sex: Sex, grip: float, low: bool) -> None:
    assert ewgsop2.low_strength(measure(grip_strength_kg=grip), sex) is low


@pytest.mark.parametrize(("seconds", "low"), [(15 - EPS, False), (15, False), (15 + EPS, True)])
def test_ewgsop2_chair_stand_cutoff_over_15_s(seconds: float, low: bool) -> None:
    assert ewgsop2.low_strength(measure(chair_stand_s=seconds), F) is low


def test_ewgsop2_low_chair_stand_counts_even_with_normal_grip() -> None:
    assert ewgsop2.low_strength(measure(grip_strength_kg=40, chair_stand_s=16), M) is True


@pytest.mark.parametrize(
    ("sex", "asm", "low"),
    below_by_sex(20, 15, True, False),
)
def test_ewgsop2_asm_cutoffs_without_height(sex: Sex, asm: float, low: bool) -> None:
    assert ewgsop2.low_quantity(measure(asm_kg=asm), sex) is low


@pytest.mark.parametrize(
    ("sex", "index", "low"),
    below_by_sex(7.0, 5.5, True, False),
)
def test_ewgsop2_asm_index_cutoffs(sex: Sex, index: float, low: bool) -> None:
    # height 2 m makes ASM/height² a quarter of ASM (exactly, in floating point); the ASM itself
    # (28 kg / 22 kg at the edges) is above the absolute cut-offs (20 / 15 kg), so the index decides
    m = measure(asm_kg=index * 4, height_m=2.0)
    assert m.asm_index_kg_m2 == index
    assert ewgsop2.low_quantity(m, sex) is low


@pytest.mark.parametrize(
    ("fields", "low"),
    [
        ({"gait_speed_m_s": 0.8 - EPS}, True),
        ({"gait_speed_m_s": 0.8}, True),
        ({"gait_speed_m_s": 0.8 + EPS}, False),
        ({"sppb_score": 8}, True),
        ({"sppb_score": 9}, False),
        ({"tug_s": 20 - EPS}, False),
        ({"tug_s": 20}, True),
        ({"tug_s": 20 + EPS}, True),
        ({"walk_400m_s": 360 - EPS}, False),
        ({"walk_400m_s": 360}, True),
        ({"walk_400m_s": 360 + EPS}, True),
        ({"walk_400m_completed": False}, True),
        ({"walk_400m_completed": True, "walk_400m_s": 300}, False),
        ({}, None),
    ],
)
def test_ewgsop2_performance_cutoffs(fields: dict[str, Any], low: bool | None) -> None:
    assert ewgsop2.low_performance(measure(**fields)) is low


# Figure 1 paths: Find -> Assess -> Confirm -> Severity.
def test_path_find_negative_sarc_f_without_measurements_is_no_sarcopenia() -> None:
    result = ewgsop2.assess(measure(sarc_f=SARC_F_NEGATIVE), M)
    assert result.stage is Stage.NO_SARCOPENIA
    assert ewgsop2.RULE_FIND in result.rules


def test_path_find_positive_sarc_f_without_strength_is_insufficient_data() -> None:
    result = ewgsop2.assess(measure(sarc_f=SARC_F_POSITIVE), M)
    assert result.stage is Stage.INSUFFICIENT_DATA
    assert "grip_strength_kg" in result.missing


def test_path_assess_normal_strength_is_no_sarcopenia() -> None:
    result = ewgsop2.assess(measure(sarc_f=SARC_F_POSITIVE, grip_strength_kg=30), M)
    assert result.stage is Stage.NO_SARCOPENIA


def test_path_assess_low_strength_without_asm_is_probable_and_asks_for_asm() -> None:
    result = ewgsop2.assess(measure(grip_strength_kg=20), M)
    assert result.stage is Stage.PROBABLE
    assert "asm_kg" in result.missing


def test_path_confirm_low_strength_with_normal_asm_stays_probable() -> None:
    result = ewgsop2.assess(measure(grip_strength_kg=20, asm_kg=22), M)
    assert result.stage is Stage.PROBABLE
    assert any(f.code == "not_confirmed" for f in result.findings)


def test_path_confirm_low_strength_and_low_asm_is_confirmed_and_asks_for_performance() -> None:
    result = ewgsop2.assess(measure(grip_strength_kg=20, asm_kg=18), M)
    assert result.stage is Stage.CONFIRMED
    assert "gait_speed_m_s" in result.missing


def test_path_severity_normal_performance_is_confirmed() -> None:
    result = ewgsop2.assess(measure(grip_strength_kg=20, asm_kg=18, gait_speed_m_s=1.0), M)
    assert result.stage is Stage.CONFIRMED


def test_path_severity_low_performance_is_severe() -> None:
    result = ewgsop2.assess(
        measure(grip_strength_kg=14, asm_kg=12, height_m=1.6, gait_speed_m_s=0.6), F
    )
    assert result.stage is Stage.SEVERE
    assert result.derived["asm_index_kg_m2"] == pytest.approx(12 / 1.6**2, abs=1e-3)
    assert {ewgsop2.RULE_STRENGTH, ewgsop2.RULE_QUANTITY, ewgsop2.RULE_PERFORMANCE} <= set(
        result.rules
    )


def test_measurements_override_a_negative_sarc_f_as_clinical_suspicion() -> None:
    result = ewgsop2.assess(measure(sarc_f=SARC_F_NEGATIVE, grip_strength_kg=10), F)
    assert result.stage is Stage.PROBABLE


def test_missing_lists_only_what_was_not_measured() -> None:
    result = ewgsop2.assess(measure(grip_strength_kg=20, height_m=1.7), M)
    assert result.missing == ("asm_kg",)


def test_clinical_suspicion_from_measured_slow_gait_overrides_a_negative_sarc_f() -> None:
    # EWGSOP2 Find: "SARC-F ... or clinical suspicion"; slow gait measured is suspicion.
    from b12.core.muscle import ewgsop2
    from b12.core.muscle.measurements import MuscleMeasurements
    from b12.core.muscle.model import Stage
    from b12.core.muscle.sarc_f import SarcFItems
    from b12.core.sex import Sex

    negative = SarcFItems(
        strength=1, assistance_walking=1, rise_from_chair=0, climb_stairs=0, falls=0
    )
    slow = MuscleMeasurements(sarc_f=negative, gait_speed_m_s=0.6)
    result = ewgsop2.assess(slow, Sex.FEMALE)
    assert result.stage is Stage.INSUFFICIENT_DATA and "grip_strength_kg" in result.missing
    assert any(f.code == "clinical_suspicion" for f in result.findings)
    # Without a measured finding, a negative SARC-F still means no sarcopenia for now.
    assert ewgsop2.assess(MuscleMeasurements(sarc_f=negative), Sex.FEMALE).stage is (
        Stage.NO_SARCOPENIA
    )
