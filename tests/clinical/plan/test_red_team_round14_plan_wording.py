"""Round-14 red-team findings 19 and 20 (plan wording), each built from the red team's person file
(copied here as data, with an assessment date so the answer does not move with the calendar) and
its neighbours the other way, each checked for self-contradiction between plan items and the
judgment.

- 19: atrophic gastritis not written as autoimmune. IOM 1998 p.342 (evidence.md §4.1, rule
  plan.food_b12.iom-1998-atrophic-gastritis-crystalline): "Atrophic gastritis ... reduce[s]
  bioavailability of food-bound B12. Such people will require normal amounts of crystalline
  B12." The food item and the menu say added B12 is absorbed, so the referral may say food and
  low-dose supplements cannot fix the absorption only IF the gastritis is autoimmune (pernicious
  anaemia: intrinsic factor lost, IOM "needs B12 under a physician's direction").
- 20: on a multivitamin with B12 450 pmol/L ("deficiency unlikely", NICE NG239) and MMA 0.6
  µmol/L (raised), the plan must name the raised MMA, never call the normal B12 low.
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.food_b12 import RULE_FOOD_BOUND
from b12.core.status.judgment import Direction, Level
from b12.services.assess import assess_person
from b12.services.menu import plan_menu

ASSESSED = "2026-12-05"


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def items(a: Assessment) -> dict[str, str]:
    assert a.plan is not None
    return {i.id: i.text for i in a.plan.items}


def plan_text(a: Assessment) -> str:
    assert a.plan is not None
    return " ".join([a.plan.summary, *(i.text for i in a.plan.items)])


def assert_one_story(a: Assessment) -> None:
    """The plan's summary opens with the judgment's headline; no urgency beside "unlikely"."""
    j = a.status.judgment
    assert a.plan is not None
    assert a.plan.summary.startswith(j.headline)
    if j.level is Level.DEFICIENCY_UNLIKELY:
        assert "URGENT" not in plan_text(a)


# --- finding 19: 19-atrophic-gastritis-referral-vs-food-item.yaml (= 04) --------------------------
F19: dict[str, Any] = {
    "age": 45,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["atrophic gastritis"],
    "labs": [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-10-01"}],
    "muscle": {"weight_kg": 65, "height_m": 1.65},
    "assessed_on": ASSESSED,
}
UNCONDITIONAL = "food and low-dose supplements cannot fix the absorption problem"


def with_(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**data, **changes}


def test_plain_atrophic_gastritis_referral_agrees_with_the_food_item_and_menu() -> None:
    a = assess(F19)
    assert_one_story(a)
    texts = items(a)
    referral, food = texts["referral.pernicious_anaemia"], texts["food.sources"]
    # The food item (IOM 1998): added B12 is absorbed.
    assert "B12 added to fortified foods (or in a supplement) is absorbed" in food
    # The referral: food cannot fix the absorption only if the gastritis is autoimmune...
    assert UNCONDITIONAL not in plan_text(a)
    assert "whether it is autoimmune (pernicious anaemia)" in referral
    assert "If it is, B12 should be managed by your doctor" in referral
    assert "cannot fix that absorption problem" in referral
    # ... and otherwise says what the food item says.
    assert (
        "If it is not, the B12 added to fortified foods or in a supplement is still absorbed"
        in (referral)
    )
    assert a.plan is not None
    (item,) = [i for i in a.plan.items if i.id == "referral.pernicious_anaemia"]
    assert RULE_FOOD_BOUND in item.rules
    # The test that tells autoimmune from not is among the judgment's next tests.
    assert "intrinsic_factor_antibody" in {t.test for t in a.status.judgment.next_tests}
    # The menu counts the added B12 the referral and the food item say is absorbed.
    menu = plan_menu(Person.model_validate(F19), days=1)
    assert menu.feasible
    assert any(c.name.endswith("added B12") for c in menu.checks)


@pytest.mark.parametrize("written", ["autoimmune gastritis", "pernicious anaemia"])
def test_autoimmune_gastritis_keeps_food_cannot_fix_the_absorption(written: str) -> None:
    a = assess(with_(F19, conditions=[written]))
    assert_one_story(a)
    texts = items(a)
    assert UNCONDITIONAL in texts["referral.pernicious_anaemia"]
    assert "still absorbed" not in plan_text(a)
    assert texts["food.sources"].startswith("Food alone cannot correct or prevent")


def test_plain_atrophic_gastritis_with_low_b12_never_says_fortified_food_is_enough() -> None:
    # B12 100 pmol/L (NICE NG239: deficiency likely): the food item says food is not the
    # treatment, so the referral does not point to fortified foods either.
    low = with_(F19, labs=[{**F19["labs"][0], "value": 100}])
    a = assess(low)
    assert_one_story(a)
    texts = items(a)
    assert texts["food.sources"].startswith("Food alone cannot correct or prevent")
    referral = texts["referral.pernicious_anaemia"]
    assert "whether it is autoimmune" in referral
    assert "still absorbed" not in referral
    assert "is absorbed" not in plan_text(a)


# --- finding 20: 20-multivitamin-b12-450-told-b12-low.yaml --------------------------------------
F20: dict[str, Any] = {
    "age": 70,
    "sex": "female",
    "diet": "omnivore",
    "medications": [{"name": "multivitamin with B12", "route": "oral"}],
    "labs": [
        {"analyte": "b12", "value": 450, "unit": "pmol/L", "date": "2026-10-20"},
        {"analyte": "mma", "value": 0.6, "unit": "umol/L", "date": "2026-10-20"},
        {"analyte": "egfr", "value": 85, "unit": "mL/min/1.73m2", "date": "2026-10-20"},
    ],
    "assessed_on": ASSESSED,
}
B12_LOW = {"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-10-20"}
MMA, EGFR = F20["labs"][1], F20["labs"][2]


def _supporting(a: Assessment) -> set[str]:
    return {e.code for e in a.status.judgment.evidence if e.direction is Direction.SUPPORTS}


def test_normal_b12_with_raised_mma_on_a_multivitamin_names_the_mma_not_a_low_b12() -> None:
    a = assess(F20)
    assert_one_story(a)
    assert "b12" not in _supporting(a)  # 450 pmol/L: deficiency unlikely (NICE NG239)
    assert "mma_raised" in _supporting(a)
    text = items(a)["supplement.low_despite_oral"]
    assert text.startswith("MMA is raised although you take multivitamin with B12 by mouth")
    assert "B12 is low" not in plan_text(a)


@pytest.mark.parametrize(
    ("labs", "opening"),
    [
        ([B12_LOW, EGFR], "Total B12 is low although you take"),
        ([B12_LOW, MMA, EGFR], "Total B12 is low and MMA is raised although you take"),
        (
            [
                F20["labs"][0],
                {"analyte": "hcy", "value": 30, "unit": "umol/L", "date": "2026-10-20"},
                EGFR,
            ],
            "Homocysteine is raised although you take",
        ),
    ],
)
def test_the_sentence_names_exactly_the_results_that_point_to_deficiency(
    labs: list[dict[str, Any]], opening: str
) -> None:
    a = assess(with_(F20, labs=labs))
    assert_one_story(a)
    text = items(a)["supplement.low_despite_oral"]
    assert text.startswith(opening)
    # A total B12 called low here is one the judgment reads as supporting a deficiency.
    assert ("B12 is low" in text) is ("b12" in _supporting(a))


# --- red team 14b, file 18: an adult's urgent item on tablets keeps its opening sentence ----------
def test_an_adults_nerve_symptoms_on_tablets_item_says_what_and_how_soon() -> None:
    # The adult wording once lost "Nerve or memory symptoms while taking B12 by mouth (...): see a
    # doctor urgently" (the child/adult choice bound to its second half only).
    a = assess(
        {
            "age": 62,
            "sex": "female",
            "assessed_on": "2026-10-20",
            "symptoms": ["tingling in the feet"],
            "medications": [{"name": "cyanocobalamin 1000 mcg", "start_date": "2026-10-10"}],
            "labs": [
                {"analyte": "b12", "value": 120, "unit": "pmol/L", "date": "2026-10-01"},
                {"analyte": "mma", "value": 0.8, "unit": "umol/L", "date": "2026-10-01"},
            ],
        }
    )
    text = items(a)["urgent.neurological_on_tablets"]
    assert text.startswith("Nerve or memory symptoms while taking B12 by mouth (cyanocobalamin")
    assert "see a doctor urgently; with nerve involvement B12 is given by injection: " in text
