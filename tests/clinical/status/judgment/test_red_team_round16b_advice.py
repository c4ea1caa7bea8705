"""Round-16b red-team finding F3 (n15-mma-ckd-tingling, copied here as data): a raised MMA that
kidney function and older age may explain, beside a normal B12, with tingling. The urgency is urgent
and the neurological item says treatment should not wait; the advice on the other explanations, and
the plan item that carries it, must not make treatment wait either.

BSH 2014 (Devalia et al., rec. 4): "In the presence of discordance between the test result and
strong clinical features of deficiency, treatment should not be delayed"; BMJ Best Practice (rule
status.judgment.rules.neurological-sample-first): "treatment should be commenced while awaiting
results of further investigations". The active B12 (holoTC) sample is taken first, the same day,
before any B12 is given (rule status.judgment.advice.explained-functional-next-step).
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text, regimens

RULE = "status.judgment.advice.explained-functional-next-step"

N15: dict[str, Any] = {
    "age": 84,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["frailty", "CKD stage 3b"],
    "symptoms": ["tingling"],
    "labs": [
        {"analyte": "b12", "value": 290, "unit": "pmol/L", "date": "2026-11-10"},
        {"analyte": "mma", "value": 0.42, "unit": "umol/L", "date": "2026-11-10"},
        {"analyte": "egfr", "value": 35, "unit": "mL/min/1.73m2", "date": "2026-11-10"},
    ],
    "assessed_on": "2026-11-15",
}

# Words that make treatment wait for the explanation or for a result.
WAITING = ("weighs it before treating", "treatment is considered if")


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def test_f3_with_tingling_no_advice_makes_treatment_wait_for_the_holotc_result() -> None:
    a = assess(N15)
    j = a.status.judgment
    assert j.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY
    assert j.urgency is Urgency.URGENT
    assert j.advice_on("do_not_delay") is not None
    advice = j.advice_on("other_explanations")
    assert advice is not None and RULE in advice.rules
    # It still names the explanation and never reassures, but it does not hold treatment back.
    assert "kidney function, older age" in advice.message
    assert "never makes the result reassuring" in advice.message
    assert "treatment does not wait" in advice.message
    assert "before any B12 is given" in advice.message
    said = " ".join([plan_text(a), *(f.message for f in j.advice)])
    assert not any(w in said for w in WAITING)
    # The test it names is asked for, and the neurological regimen is the only one offered.
    assert "holotc" in next_test_names(a)
    assert regimens(a) == {Regimen.IM_NEUROLOGICAL}
    assert "Treatment should not wait" in plan_text(a)
    assert_consistent(a)


def test_f3_control_without_symptoms_the_clinician_still_weighs_it_first() -> None:
    # Round 16, D9: without symptoms the next step is the holoTC test, and no B12 is offered yet.
    a = assess({**N15, "symptoms": []})
    j = a.status.judgment
    assert j.urgency is Urgency.ROUTINE
    advice = j.advice_on("other_explanations")
    assert advice is not None
    assert "weighs it before treating" in advice.message
    assert "treatment is considered if it is or if symptoms appear" in advice.message
    assert not regimens(a)
    assert_consistent(a)


def test_f3_control_tiredness_alone_keeps_the_holotc_step_before_treatment() -> None:
    # Tiredness is no strong clinical feature: the clinician weighs the explanation first.
    a = assess({**N15, "symptoms": ["tiredness"]})
    j = a.status.judgment
    assert j.urgency is Urgency.SOON
    assert j.advice_on("do_not_delay") is None
    advice = j.advice_on("other_explanations")
    assert advice is not None and "treatment is considered if it is" in advice.message
    assert "symptoms appear" not in advice.message
    assert_consistent(a)


def test_f3_with_tingling_and_a_current_holotc_the_explanation_still_does_not_hold_treatment() -> (
    None
):
    holotc = {"analyte": "holotc", "value": 90, "unit": "pmol/L", "date": "2026-11-10"}
    a = assess({**N15, "labs": [*N15["labs"], holotc]})
    j = a.status.judgment
    if (advice := j.advice_on("other_explanations")) is not None and j.advice_on("do_not_delay"):
        assert not any(w in advice.message for w in WAITING)
    assert_consistent(a)
