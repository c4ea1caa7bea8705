"""Rule status.judgment.advice.dietary-course-ended against its sources: SPS on the NICE NG239
visual summary (evidence.md 5.1 [V]) and the BNF oral regimens (NHS Scotland formulary, [V]).
Red team round 16, finding D6, built from the red team's person files 07 and 07b (copied here as
data), with controls the other way, each checked for self-contradiction.
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _said(a: Assessment) -> str:
    """Everything the judgment and the plan say in words."""
    j = a.status.judgment
    return " ".join(
        [
            j.headline,
            *(r.message for r in j.urgency_reasons),
            *(f.message for f in j.advice),
            plan_text(a),
        ]
    )


# --- D6: 07-diet-changed-stopped.yaml (and 07b, the same without the free text) ----------------
# SPS on the NG239 visual summary (evidence.md 5.1 [V]): "After oral replacement with improved
# symptoms: may stop if the cause is addressed; otherwise continue". BNF (NHS Scotland formulary,
# [V]): "cyanocobalamin tablets can be used in doses of 50-150 micrograms daily for vegans or
# patients who have proven dietary deficiency". A finished course at that dose, a normal B12 three
# months off it, no symptom, a diet that is not plant-based now: routine, and B12 can stay stopped
# if the diet now gives enough (rule status.judgment.advice.dietary-course-ended). After a 1 mg
# course (the malabsorption dose) a normal B12 says nothing about absorption: still soon (round 8).
F07: dict[str, Any] = {
    "age": 31,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["previously vegan", "now eats meat and fish"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "50 micrograms daily",
            "route": "oral",
            "start_date": "2026-01-15",
            "stop_date": "2026-08-15",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 115, "unit": "pmol/L", "date": "2026-01-10"},
        {"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-20"},
    ],
    "assessed_on": "2026-11-22",
}
F07B = {k: v for k, v in F07.items() if k != "conditions"}


@pytest.mark.parametrize("data", [F07, F07B], ids=["07", "07b"])
def test_d6_a_finished_dietary_course_with_b12_normal_off_it_is_routine(
    data: dict[str, Any],
) -> None:
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.DEFICIENCY_UNLIKELY
    assert j.urgency is Urgency.ROUTINE
    (reason,) = [r for r in j.urgency_reasons if r.code == "earlier_low"]
    assert "status.judgment.advice.dietary-course-ended" in reason.rules
    assert "can stay stopped" in reason.message and "stopped 2026-08-15" in reason.message
    text = _said(a)
    assert "whether B12 continues" not in text  # B12 had already stopped
    assert "soon" not in text.lower()
    # No treatment restarted: no supplement or injection item.
    assert a.plan is not None
    assert not any(i.regimens for i in a.plan.items)
    assert_consistent(a)


def test_d6_control_after_a_1_mg_course_the_cause_is_still_looked_for_soon() -> None:
    data = {**F07B, "medications": [{**F07B["medications"][0], "dose": "1 mg daily"}]}
    j = assess(data).status.judgment
    assert j.urgency is Urgency.SOON
    (reason,) = [r for r in j.urgency_reasons if r.code == "earlier_low"]
    assert "find its cause" in reason.message
    assert "intrinsic_factor_antibody" in {t.test for t in j.next_tests}


def test_d6_control_with_a_symptom_the_earlier_low_stays_soon() -> None:
    j = assess({**F07B, "symptoms": ["tiredness"]}).status.judgment
    assert j.urgency is Urgency.SOON
