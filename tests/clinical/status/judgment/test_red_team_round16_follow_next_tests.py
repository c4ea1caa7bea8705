"""Round-16 red-team finding D9 followed through (32-frail-old-raised-mma-ckd, copied here as data):
the next step the advice names for a raised MMA that kidney function or older age explains, an
active B12 (holoTC) test, is also one of the judgment's next tests, by the same rule, so that the
plan's test items and the advice agree.

DECISIONS.md: a raised MMA with a normal B12 is read "with kidney function, folate and age, say
which of them could explain it, and say what to do next". Risch 2015 (evidence.md 2.7 [V]): "Hcy and
MMA (not holoTC or B12) are affected by kidney function" (rule
status.judgment.advice.explained-functional-next-step).
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names

RULE = "status.judgment.advice.explained-functional-next-step"

F32: dict[str, Any] = {
    "age": 84,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["frailty", "CKD stage 3b"],
    "labs": [
        {"analyte": "b12", "value": 290, "unit": "pmol/L", "date": "2026-11-10"},
        {"analyte": "mma", "value": 0.42, "unit": "umol/L", "date": "2026-11-10"},
        {"analyte": "egfr", "value": 35, "unit": "mL/min/1.73m2", "date": "2026-11-10"},
    ],
    "muscle": {
        "sarc_f": {
            "strength": 2,
            "assistance_walking": 1,
            "rise_from_chair": 1,
            "climb_stairs": 2,
            "falls": 1,
        },
        "grip_strength_kg": 14,
    },
    "assessed_on": "2026-12-06",
}


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _test_items(a: Assessment) -> dict[str, str]:
    assert a.plan is not None
    return {i.id: i.reason for i in a.plan.items if i.category is Category.TEST}


def test_d9_the_holotc_step_of_the_advice_is_a_next_test_and_a_plan_test_item() -> None:
    a = assess(F32)
    j = a.status.judgment
    assert j.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY
    assert j.urgency is Urgency.ROUTINE
    advice = j.advice_on("other_explanations")
    assert advice is not None and RULE in advice.rules and "active B12 (holoTC)" in advice.message
    (holotc,) = [t for t in j.next_tests if t.test == "holotc"]
    assert RULE in holotc.rules
    assert "kidney function and older age" in holotc.reason and "not holoTC" in holotc.reason
    # Plan and advice agree: the test the advice names is a test item, with the same reason.
    assert _test_items(a) == {"test.holotc": holotc.reason}
    assert not any(i.regimens for i in a.plan.items)  # the clinician weighs it first
    assert_consistent(a)


def test_d9_control_age_alone_names_no_kidney_reason() -> None:
    labs = [lab for lab in F32["labs"] if lab["analyte"] != "egfr"]
    labs.append({"analyte": "egfr", "value": 80, "unit": "mL/min/1.73m2", "date": "2026-11-10"})
    a = assess({**F32, "conditions": ["frailty"], "labs": labs})
    (holotc,) = [t for t in a.status.judgment.next_tests if t.test == "holotc"]
    assert "older age" in holotc.reason and "kidney" not in holotc.reason
    assert_consistent(a)


def test_d9_control_a_current_normal_holotc_is_not_asked_for_again() -> None:
    holotc = {"analyte": "holotc", "value": 90, "unit": "pmol/L", "date": "2026-11-10"}
    a = assess({**F32, "labs": [*F32["labs"], holotc]})
    j = a.status.judgment
    assert "holotc" not in next_test_names(a)
    advice = j.advice_on("other_explanations")
    assert advice is not None and "next, an active B12" not in advice.message
    assert "test.holotc" not in _test_items(a)
    assert_consistent(a)


def test_d9_control_an_old_holotc_is_repeated_as_the_next_step() -> None:
    # A holoTC more than the current-result window old says nothing of today: the advice still
    # names the step, and the next tests ask for it.
    holotc = {"analyte": "holotc", "value": 90, "unit": "pmol/L", "date": "2024-01-10"}
    a = assess({**F32, "labs": [*F32["labs"], holotc]})
    j = a.status.judgment
    advice = j.advice_on("other_explanations")
    assert advice is not None and "next, an active B12" in advice.message
    assert "holotc" in next_test_names(a)
    assert_consistent(a)


def test_d9_control_a_highly_suggestive_mma_gets_no_explained_holotc_step() -> None:
    labs = [F32["labs"][0], {**F32["labs"][1], "value": 0.9}, F32["labs"][2]]
    a = assess({**F32, "labs": labs})
    assert not any(RULE in t.rules for t in a.status.judgment.next_tests)
    assert_consistent(a)
