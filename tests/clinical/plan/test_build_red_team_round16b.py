"""Round-16b red-team findings F8 and F10, the person files copied here as data.

F8 (n17-child-tablets-fall): a vegan child of 8
on 50 micrograms of cyanocobalamin a day, B12 150 -> 110 pmol/L on it. The paediatric referral
(soon) is right; the plan must name the B12 taken and the fall on it, and not say the child "needs
a reliable B12 source (fortified foods or a supplement)" as if none were taken.

NICE NG239 covers people over 16 (rule nice-ng239.age-scope): the dose is the paediatric
clinician's. SPS on NG239 (evidence.md 5.1 [V]): "New, worsening or insufficiently improved
symptoms: escalate dose or switch to IM". DECISIONS.md: "the plan never offers less than the
treatment already given" (rule plan.build.child-b12-taken).

F10 (n22-pa-stopped-normal-now): pernicious anaemia, injections stopped, B12 320 pmol/L now. NICE
NG239: an irreversible cause needs treatment for life (rule
plan.prophylaxis.nice-ng239-irreversible-cause), so the plan restarts it whatever a result shows;
the MMA and homocysteine the judgment still asks for (a normal B12 is unreliable with
intrinsic-factor antibodies) are a baseline taken before the first injection, and the restart does
not wait for them (BMJ Best Practice: "treatment should be commenced while awaiting results of
further investigations"; rule plan.build.restart-baseline-tests).
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category
from b12.core.status.judgment import Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text, regimens

N17: dict[str, Any] = {
    "age": 8,
    "sex": "male",
    "diet": "vegan",
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "50 micrograms daily",
            "route": "oral",
            "start_date": "2026-06-10",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-06-01"},
        {"analyte": "b12", "value": 110, "unit": "pmol/L", "date": "2026-10-15"},
    ],
    "assessed_on": "2026-10-20",
}


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def items(a: Assessment) -> dict[str, str]:
    assert a.plan is not None
    return {i.id: i.text for i in a.plan.items}


def test_f8_the_childs_tablets_and_the_fall_on_them_are_named() -> None:
    a = assess(N17)
    assert a.status.judgment.urgency is Urgency.SOON
    said = items(a)
    assert "referral.paediatric" in said
    taken = said["referral.child_b12_taken"]
    assert "cyanocobalamin (50 micrograms daily)" in taken
    assert "110 pmol/L, 2026-10-15" in taken and "150 pmol/L, 2026-06-01" in taken
    assert "lower than before it was started" in taken
    assert "kept, at the same dose" in taken  # never stopped or lowered by the plan
    # Not as if no B12 were taken.
    assert "(fortified foods or a supplement)" not in plan_text(a)
    assert "as the B12 taken now is" in said["referral.child_plant_based"]
    assert not regimens(a)  # a child's dose is the paediatric clinician's
    rules = next(i.rules for i in a.plan.items if i.id == "referral.child_b12_taken")
    assert "plan.build.child-b12-taken" in rules
    assert_consistent(a)


def test_f8_control_a_vegan_child_taking_nothing_still_needs_a_source() -> None:
    a = assess({**N17, "medications": []})
    said = items(a)
    assert "referral.child_b12_taken" not in said
    assert "(fortified foods or a supplement)" in said["referral.child_plant_based"]
    assert_consistent(a)


def test_f8_control_a_rise_on_the_tablets_is_not_called_lower() -> None:
    labs = [N17["labs"][0], {**N17["labs"][1], "value": 260}]
    a = assess({**N17, "labs": labs})
    taken = items(a)["referral.child_b12_taken"]
    assert "lower" not in taken and "260 pmol/L" in taken
    assert_consistent(a)


def test_f8_control_an_adult_gets_no_child_item() -> None:
    a = assess({**N17, "age": 30})
    assert a.plan is not None
    assert not any(i.id == "referral.child_b12_taken" for i in a.plan.items)
    assert any(i.category is Category.SUPPLEMENT for i in a.plan.items)


# --- F10 ------------------------------------------------------------------------------------------

N22: dict[str, Any] = {
    "age": 58,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2018-01-10",
            "stop_date": "2026-06-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 320, "unit": "pmol/L", "date": "2026-11-20"}],
    "assessed_on": "2026-11-25",
}
WAITING_FOR_RESULTS = ("the MMA result and treatment should not wait", "treatment is considered if")


def test_f10_the_restart_does_not_wait_for_mma_or_homocysteine() -> None:
    a = assess(N22)
    j = a.status.judgment
    said = items(a)
    assert "ask your doctor to restart it" in said["referral.pernicious_anaemia"]
    # The judgment still asks for them (a normal B12 is unreliable with pernicious anaemia) ...
    assert {"mma", "homocysteine"} <= {t.test for t in j.next_tests}
    assert j.has("pernicious_anaemia_assay")
    # ... and the plan takes them as a baseline before the first injection, never a gate.
    for test in ("test.mma", "test.homocysteine"):
        assert "before the first injection of the restarted treatment" in said[test]
        assert "the restart does not wait for the result" in said[test]
        rules = next(i.rules for i in a.plan.items if i.id == test) if a.plan else ()
        assert "plan.build.restart-baseline-tests" in rules
    assert "the restart should not wait" in said["test.check_symptoms"]
    assert not any(w in plan_text(a) for w in WAITING_FOR_RESULTS)
    assert_consistent(a)


def test_f10_control_without_a_lifelong_cause_the_mma_still_comes_first() -> None:
    labs = [{**N22["labs"][0], "value": 200}]  # indeterminate, nothing to restart
    a = assess({**N22, "conditions": [], "medications": [], "labs": labs})
    said = items(a)
    assert said["test.mma"] == "Ask for a methylmalonic acid (MMA) test."
    assert "the MMA result and treatment should not wait" in said["test.check_symptoms"]
    assert "restart" not in plan_text(a)
    assert_consistent(a)
