"""Computed ratios at their cut-offs, and ASM within the body weight
(:mod:`b12.core.muscle.measurements`, rule ``muscle.measurements.edge-rounding``).

- EWGSOP2 (Cruz-Jentoft 2019, Table 3): low muscle quantity is ASM/height² "< 7.0 kg/m²" (men) /
  "< 5.5" (women); AWGS 2019 (Chen 2020): "< 7.0" (men). A value exactly on the edge is not low
  (DECISIONS.md: it takes the band the wording gives it).
- Red team C7: ASM 22.68 kg at 1.80 m is 7.0 kg/m² exactly (22.68 / 3.24), which floating point
  computes as 6.999999999999999 and staged "sarcopenia confirmed".
- Appendicular muscle is part of the body weight: an ASM as heavy as the weight is an entry error
  (red team: ASM 60 kg at 50 kg was accepted).
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from b12.core import rules, sources
from b12.core.muscle import assess, measurements
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Criteria, Stage
from b12.core.rules import Evidence
from b12.core.sex import Sex


def test_the_rounding_rule_is_a_b12_choice_with_its_number() -> None:
    rule = rules.get("muscle.measurements.edge-rounding")
    assert rule.module == "b12.core.muscle.measurements"
    assert (rule.source.key, rule.evidence) == (sources.B12_DATA_QUALITY.key, Evidence.UNVERIFIED)
    assert dict(rule.parameters) == {"COMPUTED_DECIMALS": 9}
    assert measurements.COMPUTED_DECIMALS == 9


@pytest.mark.parametrize("criteria", [Criteria.EWGSOP2, Criteria.AWGS2019])
def test_asm_index_exactly_7_is_not_low_for_a_man(criteria: Criteria) -> None:
    m = MuscleMeasurements(grip_strength_kg=20, asm_kg=22.68, height_m=1.8)
    assert 22.68 / 1.8**2 < 7.0  # the float noise the red team found
    assert m.asm_index_kg_m2 == 7.0
    result = assess.assess_muscle(m, Sex.MALE, criteria, 75)
    assert result.low_quantity is False
    assert result.stage is Stage.PROBABLE


@pytest.mark.parametrize(
    ("asm_kg", "height_m", "low"),
    [(22.68, 1.8, False), (22.67, 1.8, True), (15.3, 1.7, True), (15.895, 1.7, False)],
)
def test_ewgsop2_quantity_on_both_sides_of_the_edges(
    asm_kg: float, height_m: float, low: bool
) -> None:
    # 22.67 / 3.24 = 6.997 (man, < 7.0); woman 15.895 / 2.89 = 5.5 exactly (in floating point
    # 5.500000000000001), 15.3 / 2.89 = 5.29. With the height known ASM/height² decides (rule
    # muscle.ewgsop2.quantity-index-decides); the women's ASM is 15 kg or more either way.
    sex = Sex.MALE if height_m == 1.8 else Sex.FEMALE
    m = MuscleMeasurements(grip_strength_kg=10, asm_kg=asm_kg, height_m=height_m)
    assert assess.assess_muscle(m, sex, Criteria.EWGSOP2, 75).low_quantity is low


def test_ewgsop2_index_on_its_edge_decides_over_asm_below_15_kg() -> None:
    # Woman 14.08 kg at 1.60 m: ASM/height² 5.5 exactly (not < 5.5) though ASM < 15 kg. EWGSOP2:
    # "fundamentally, muscle mass is correlated with body size" (quoted by Derstine 2021), so with
    # the height known the height-adjusted index decides (red team round 15b, finding 48).
    m = MuscleMeasurements(grip_strength_kg=10, asm_kg=14.08, height_m=1.6)
    assert m.asm_index_kg_m2 == 5.5
    assert assess.assess_muscle(m, Sex.FEMALE, Criteria.EWGSOP2, 75).low_quantity is False


def test_fnih_ratio_at_its_edge_is_not_low() -> None:
    # FNIH men: ALM/BMI < 0.789. 64 kg at 1.60 m is BMI 25; 0.789 x 25 = 19.725 kg is on the edge.
    m = MuscleMeasurements(grip_strength_kg=20, asm_kg=19.725, weight_kg=64.0, height_m=1.6)
    assert m.bmi_kg_m2 == 25.0 and m.alm_bmi_m2 == 0.789
    assert assess.assess_muscle(m, Sex.MALE, Criteria.FNIH, 75).low_quantity is False


@pytest.mark.parametrize(("asm_kg", "weight_kg"), [(60, 50), (50, 50)])
def test_asm_not_less_than_weight_is_refused_naming_both_fields(
    asm_kg: float, weight_kg: float
) -> None:
    with pytest.raises(ValidationError) as error:
        MuscleMeasurements(asm_kg=asm_kg, weight_kg=weight_kg)
    message = str(error.value)
    assert "asm_kg" in message and "weight_kg" in message and f"{asm_kg:g} kg" in message


def test_asm_below_weight_is_accepted() -> None:
    assert MuscleMeasurements(asm_kg=49.9, weight_kg=50).asm_kg == 49.9
