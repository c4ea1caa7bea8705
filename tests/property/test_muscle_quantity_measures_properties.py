"""Properties of the muscle-quantity wording (red team round 15, finding 26; round 15b, 48).

EWGSOP2 (Cruz-Jentoft 2019, Table 3) gives two low-quantity cut-offs, ASM < 20 / < 15 kg and
ASM/height² < 7.0 / < 5.5 kg/m², and notes that "muscle mass is correlated with body size" (rule
``muscle.ewgsop2.quantity-index-decides``): with the height known the index decides, without it
the absolute ASM; when the two disagree the output names both, never calling quantity low when the
deciding measure is not; and no criteria set says "not low" without the measure and the cut-off
it was read against."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from b12.core.muscle import ewgsop2
from b12.core.muscle.assess import assess_muscle
from b12.core.muscle.measurements import AsmMethod, MuscleMeasurements
from b12.core.muscle.model import Criteria, Stage
from b12.core.sex import Sex

measured = st.builds(
    MuscleMeasurements,
    grip_strength_kg=st.floats(0, 60),
    asm_kg=st.floats(8, 30),
    asm_method=st.none() | st.sampled_from(list(AsmMethod)),
    height_m=st.none() | st.floats(1.3, 2.0),
    weight_kg=st.none() | st.floats(41, 120),
    gait_speed_m_s=st.none() | st.floats(0.1, 2.0),
)


@given(m=measured, sex=st.sampled_from(list(Sex)))
@settings(max_examples=300)
def test_ewgsop2_quantity_is_decided_by_the_index_when_the_height_is_known(
    m: MuscleMeasurements, sex: Sex
) -> None:
    assert m.asm_kg is not None
    below = [m.asm_kg < ewgsop2.ASM_LOW_BELOW_KG[sex]]
    if (index := m.asm_index_kg_m2) is not None:
        below.append(index < ewgsop2.ASM_INDEX_LOW_BELOW_KG_M2[sex])
    assert ewgsop2.low_quantity(m, sex) is below[-1]  # the index when known, else the ASM
    readings = ewgsop2.quantity_readings(m, sex)
    assert [is_low for _, is_low in readings] == below


@given(m=measured, sex=st.sampled_from(list(Sex)))
@settings(max_examples=300)
def test_ewgsop2_stage_and_words_agree_on_quantity(m: MuscleMeasurements, sex: Sex) -> None:
    result = ewgsop2.assess(m, sex)
    if not result.low_strength:
        return
    words = " ".join([result.label, *(f.message for f in result.findings)])
    mixed = len({is_low for _, is_low in ewgsop2.quantity_readings(m, sex)}) > 1
    assert any(f.code == "quantity_one_measure" for f in result.findings) is mixed
    index_cut = f"{ewgsop2.ASM_INDEX_LOW_BELOW_KG_M2[sex]:g} kg/m²"
    asm_cut = f"{ewgsop2.ASM_LOW_BELOW_KG[sex]:g} kg"
    deciding_cut = index_cut if m.asm_index_kg_m2 is not None else asm_cut
    if result.low_quantity:
        assert result.stage in {Stage.CONFIRMED, Stage.SEVERE}
        assert "quantity not" not in words
        if mixed:  # the deciding measure is named below its cut-off, never "not below"
            assert f"below {deciding_cut}" in words and f"not below {deciding_cut}" not in words
    else:
        assert result.stage is Stage.PROBABLE
        assert "Low muscle quantity" not in words and "confirmed sarcopenia" not in words
        assert f"not below {deciding_cut}" in result.label


@given(m=measured, sex=st.sampled_from(list(Sex)), criteria=st.sampled_from(list(Criteria)))
@settings(max_examples=300)
def test_not_low_is_never_said_without_the_measure_and_its_cut_off(
    m: MuscleMeasurements, sex: Sex, criteria: Criteria
) -> None:
    result = assess_muscle(m, sex, criteria)
    for text in (result.label, *(f.message for f in result.findings)):
        for said in re.finditer(r"(quantity|mass) not low", text):
            after = text[said.end() : said.end() + 120]
            assert re.search(r"(ASM|ALM)\S* [\d.]+ (kg|kg/m²|m²), not below [\d.]+", after), text
