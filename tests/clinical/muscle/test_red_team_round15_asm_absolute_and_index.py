"""Red team round 15, finding 26 (26-woman-probable): ASM 14.2 kg at 1.60 m in a woman.

EWGSOP2 (Cruz-Jentoft 2019, Table 3; evidence.md 6.1) gives two cut-offs for low muscle quantity:
"ASM < 20 kg (men) / < 15 kg (women)" and "ASM/height² < 7.0 / < 5.5 kg/m²". Her ASM is below
15 kg; her ASM/height² (5.547) is not below 5.5. Round 15 made either measure confirm; round 15b
(finding 48) reversed that: EWGSOP2 notes that "fundamentally, muscle mass is correlated with body
size; i.e., individuals with a larger body size normally have larger muscle mass" (quoted by
Derstine 2021), so with the height known the height-adjusted index decides (rule
``muscle.ewgsop2.quantity-index-decides``). She is probable sarcopenia, and the output keeps the
round-15 transparency: it names the measure that decides and the one below its cut-off, and never
says "not low" without the measure and the cut-off. The output is checked for one story.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from b12.core import rules
from b12.core.assessment import Assessment
from b12.core.muscle import ewgsop2
from b12.core.muscle.model import Stage
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text

# /tmp/red15/26-woman-probable.yaml, as the red team wrote it.
F26 = yaml.safe_load("""
age: 80
sex: female
diet: omnivore
labs:
  - {analyte: b12, value: 400, unit: pmol/L, date: 2026-12-01}
muscle: {grip_strength_kg: 15.9, asm_kg: 14.2, asm_method: dxa, height_m: 1.60, weight_kg: 55,
         sppb_score: 9, measured_on: 2026-12-01}
""")


def assess(data: dict[str, Any], **muscle: Any) -> Assessment:
    person = {**data, "muscle": {**data["muscle"], **muscle}}
    return assess_person(Person.model_validate(person))


def muscle_texts(a: Assessment) -> str:
    """Every muscle word b12 shows: the label, the findings, and the plan."""
    assert a.muscle is not None
    return " ".join([a.muscle.label, *(f.message for f in a.muscle.findings), plan_text(a)])


def assert_not_low_is_always_explained(a: Assessment) -> None:
    text = muscle_texts(a)
    assert "quantity not low)" not in text  # the old label, with no measure or cut-off
    for said in re.finditer(r"not low", text):
        after = text[said.end() : said.end() + 120]
        assert re.search(r"(ASM|ALM)[^:;)]*\d[^;)]*not below \d", after), after


def test_asm_below_15_kg_with_the_index_not_low_is_probable_and_names_both_measures() -> None:
    a = assess(F26)
    m = a.muscle
    assert m is not None
    assert m.low_strength is True and m.low_quantity is False
    assert m.stage is Stage.PROBABLE
    assert m.label == (
        "probable sarcopenia (muscle quantity not low: ASM/height² 5.55 kg/m², not below 5.5 kg/m²)"
    )
    note = next(f for f in m.findings if f.code == "quantity_one_measure")
    assert note.message.startswith("Muscle quantity not low by ASM/height² 5.55 kg/m², not below")
    assert "while ASM 14.2 kg, below 15 kg" in note.message
    assert "height-adjusted index decides" in note.message
    assert ewgsop2.RULE_QUANTITY_INDEX in note.rules and ewgsop2.RULE_QUANTITY_INDEX in m.rules
    assert "Low muscle quantity" not in muscle_texts(a)
    assert_not_low_is_always_explained(a)
    # One story: the headline, the plan's muscle items and the stage agree.
    assert_consistent(a)
    assert a.plan is not None
    assert "sarcopenia confirmed" not in plan_text(a)
    assert "probable sarcopenia" in a.plan.summary
    assert "severe" not in muscle_texts(a).lower()


def test_the_rule_quotes_its_source_at_the_secondary_level() -> None:
    rule = rules.get(ewgsop2.RULE_QUANTITY_INDEX)
    assert rule.id == "muscle.ewgsop2.quantity-index-decides"
    assert rule.evidence is Evidence.SECONDARY
    assert rule.source.key == "derstine-2021"
    assert "muscle mass is correlated with body size" in rule.note
    assert "individuals with a larger body size normally have larger muscle mass" in rule.note
    assert dict(rule.parameters) == {
        "ASM_LOW_BELOW_KG.male": 20.0,
        "ASM_LOW_BELOW_KG.female": 15.0,
        "ASM_INDEX_LOW_BELOW_KG_M2.male": 7.0,
        "ASM_INDEX_LOW_BELOW_KG_M2.female": 5.5,
    }


def test_control_index_below_55_with_asm_not_below_15_kg_confirms() -> None:
    # 16.5 kg at 1.74 m: ASM not below 15 kg, ASM/height² 5.45 < 5.5.
    a = assess(F26, asm_kg=16.5, height_m=1.74)
    assert a.muscle is not None and a.muscle.stage is Stage.CONFIRMED
    note = next(f for f in a.muscle.findings if f.code == "quantity_one_measure")
    assert "ASM/height² 5.45 kg/m², below 5.5 kg/m²" in note.message
    assert "ASM 16.5 kg, not below 15 kg" in note.message
    assert_not_low_is_always_explained(a)
    assert_consistent(a)


def test_control_both_below_needs_no_note_on_the_other_measure() -> None:
    a = assess(F26, asm_kg=13.0)
    assert a.muscle is not None and a.muscle.stage is Stage.CONFIRMED
    assert not any(f.code == "quantity_one_measure" for f in a.muscle.findings)
    assert_consistent(a)


def test_control_neither_below_stays_probable_naming_both_measures_and_cut_offs() -> None:
    a = assess(F26, asm_kg=16.0)  # 16 kg (not < 15), 6.25 kg/m² (not < 5.5)
    m = a.muscle
    assert m is not None and m.stage is Stage.PROBABLE and m.low_quantity is False
    expected = "ASM 16 kg, not below 15 kg; ASM/height² 6.25 kg/m², not below 5.5 kg/m²"
    assert m.label == f"probable sarcopenia (muscle quantity not low: {expected})"
    assert expected in next(f for f in m.findings if f.code == "not_confirmed").message
    assert_not_low_is_always_explained(a)
    assert_consistent(a)
    assert a.plan is not None
    assert "muscle.assess_causes" not in {i.id for i in a.plan.items}  # not confirmed


def test_control_no_height_asks_for_it_before_calling_quantity_not_low() -> None:
    # Absolute ASM not low, and ASM/height² cannot be computed: the other EWGSOP2 measure is
    # unknown, so b12 says so and asks for the height.
    data = {**F26, "muscle": {k: v for k, v in F26["muscle"].items() if k != "height_m"}}
    a = assess(data, asm_kg=16.0)
    m = a.muscle
    assert m is not None and m.stage is Stage.PROBABLE
    assert "height_m" in m.missing
    note = next(f for f in m.findings if f.code == "not_confirmed")
    assert "ASM 16 kg, not below 15 kg" in note.message
    assert "ASM/height² not computed: height not given" in note.message
    assert a.plan is not None
    assert any(i.id == "muscle.measure" and "height" in i.text for i in a.plan.items)
    assert_not_low_is_always_explained(a)
    assert_consistent(a)
