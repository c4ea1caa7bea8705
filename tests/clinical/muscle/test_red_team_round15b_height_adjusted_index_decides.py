"""Red team round 15b, finding 48 (48-man-asm199-short), with the tall-woman control (49).

A 1.50 m man with low grip (25 kg < 27) had ASM 19.9 kg (< 20 kg) but ASM/height² 8.84 kg/m², far
above 7.0. Round 15 (finding 26) made either EWGSOP2 measure below its cut-off confirm, so b12 said
"sarcopenia confirmed": an effect of his small body. EWGSOP2 (Cruz-Jentoft 2019) notes that
"fundamentally, muscle mass is correlated with body size; i.e., individuals with a larger body size
normally have larger muscle mass" (quoted by Derstine 2021, Sci Rep 11:279); of its two Table 3
measures only ASM/height² adjusts for body size. So with the height known the index decides, the
absolute ASM decides only without a height, and when the two disagree the output names both (rule
``muscle.ewgsop2.quantity-index-decides``, secondary). Checked: the stage, the label, the finding
that names both measures, the plan summary and one story across headline, urgency and plan.
"""

from __future__ import annotations

import yaml

from b12.core.muscle import ewgsop2
from b12.core.muscle.model import Stage
from tests.clinical.muscle.test_red_team_round15_asm_absolute_and_index import (
    assert_not_low_is_always_explained,
    assess,
    muscle_texts,
)
from tests.clinical.story_checks import assert_consistent

# /tmp/red15b/48-man-asm199-short.yaml, as the red team wrote it.
F48 = yaml.safe_load("""
age: 78
sex: male
diet: omnivore
muscle: {grip_strength_kg: 25, asm_kg: 19.9, asm_method: dxa, height_m: 1.50, weight_kg: 60,
         gait_speed_m_s: 1.0, measured_on: 2026-12-01}
""")

# /tmp/red15b/49-woman-tall-index-low.yaml, as the red team wrote it.
F49 = yaml.safe_load("""
age: 75
sex: female
diet: omnivore
muscle: {grip_strength_kg: 15, asm_kg: 19.0, asm_method: dxa, height_m: 1.90, weight_kg: 70,
         measured_on: 2026-12-01}
""")


def test_short_man_with_asm_below_20_kg_but_a_high_index_is_not_confirmed() -> None:
    a = assess(F48)
    m = a.muscle
    assert m is not None
    assert m.low_strength is True and m.low_quantity is False and m.low_performance is False
    assert m.stage is Stage.PROBABLE
    assert m.label == (
        "probable sarcopenia (muscle quantity not low: ASM/height² 8.84 kg/m², not below 7 kg/m²)"
    )
    # Both measures named; the deciding one first, and quantity is never called low.
    note = next(f for f in m.findings if f.code == "quantity_one_measure")
    assert note.message.startswith(
        "Muscle quantity not low by ASM/height² 8.84 kg/m², not below 7 kg/m² (EWGSOP2), "
        "while ASM 19.9 kg, below 20 kg"
    )
    assert "muscle mass is correlated with body size" in note.message
    assert "small body" in note.message
    assert ewgsop2.RULE_QUANTITY_INDEX in note.rules and ewgsop2.RULE_QUANTITY_INDEX in m.rules
    texts = muscle_texts(a)
    assert "Low muscle quantity" not in texts
    assert "confirmed" not in m.label and "sarcopenia confirmed" not in texts
    assert "severe" not in texts.lower()
    assert_not_low_is_always_explained(a)
    # One story: the plan's headline opens with the judgment, the muscle line says probable.
    assert_consistent(a)
    assert a.plan is not None
    assert "probable sarcopenia" in a.plan.summary
    assert "muscle.assess_causes" not in {i.id for i in a.plan.items}  # not confirmed
    assert "height_m" not in m.missing  # the height is known: nothing to ask for


def test_short_man_with_both_measures_low_is_confirmed() -> None:
    # Control: the same man with ASM 15.0 kg (6.67 kg/m² < 7.0): the index is low too.
    a = assess(F48, asm_kg=15.0)
    assert a.muscle is not None and a.muscle.stage is Stage.CONFIRMED
    assert not any(f.code == "quantity_one_measure" for f in a.muscle.findings)
    assert_consistent(a)


def test_short_man_without_a_height_is_read_by_the_absolute_asm_and_asked_for_it() -> None:
    # Without a height the absolute ASM decides (19.9 kg < 20 kg is low), and nothing names an
    # index b12 could not compute.
    muscle = {k: v for k, v in F48["muscle"].items() if k != "height_m"}
    a = assess({**F48, "muscle": muscle})
    m = a.muscle
    assert m is not None and m.low_quantity is True and m.stage is Stage.CONFIRMED
    assert not any(f.code == "quantity_one_measure" for f in m.findings)
    assert "ASM/height²" not in muscle_texts(a).replace("ASM/height² not computed", "")
    assert_consistent(a)


def test_tall_woman_with_a_low_index_but_asm_above_15_kg_is_confirmed() -> None:
    # 19.0 kg at 1.90 m: ASM/height² 5.26 (< 5.5) decides although ASM is not below 15 kg.
    a = assess(F49)
    m = a.muscle
    assert m is not None
    assert m.low_strength is True and m.low_quantity is True
    assert m.stage is Stage.CONFIRMED  # no performance test: severity unknown, not severe
    note = next(f for f in m.findings if f.code == "quantity_one_measure")
    assert note.message.startswith(
        "Low muscle quantity by ASM/height² 5.26 kg/m², below 5.5 kg/m² (EWGSOP2), "
        "while ASM 19 kg, not below 15 kg"
    )
    assert "large body" in note.message
    texts = muscle_texts(a)
    assert "quantity not low" not in texts and "probable" not in m.label
    assert_not_low_is_always_explained(a)
    assert_consistent(a)
    assert a.plan is not None
    assert "sarcopenia confirmed" in a.plan.summary
    assert "muscle.assess_causes" in {i.id for i in a.plan.items}
