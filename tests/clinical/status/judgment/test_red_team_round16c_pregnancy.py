"""Round-16c red-team finding 3: a pregnant vegan with total B12 300 pmol/L (NG239's "deficiency
unlikely" band) and tingling was given the urgent neurological regimen (injections on alternate days
without waiting) beside the headline "B12 deficiency is unlikely", while the same woman not pregnant
is assessed for other causes. The pregnancy caveat was read as making the normal result uncertain,
but pregnancy can only make total B12 falsely LOW: BNSSG, "spuriously low levels ... pregnancy";
evidence.md 2.7: "35% had serum B12 <150 pmol/L in the 3rd trimester, without functional
deficiency". A normal result stays normal; a low one stays unsettled (control).
"""

from __future__ import annotations

from typing import Any

from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text, regimens

PREGNANT_NORMAL_TINGLING: dict[str, Any] = {
    "age": 31,
    "sex": "female",
    "pregnant": True,
    "gestational_age_weeks": 30,
    "diet": "vegan",
    "symptoms": ["tingling"],
    "labs": [{"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-11-28"}],
    "assessed_on": "2026-11-30",
}


def test_a_normal_b12_in_pregnancy_with_tingling_is_read_as_outside_pregnancy() -> None:
    pregnant = assess_person(Person.model_validate(PREGNANT_NORMAL_TINGLING))
    not_pregnant = assess_person(
        Person.model_validate(
            {**PREGNANT_NORMAL_TINGLING, "pregnant": False, "gestational_age_weeks": None}
        )
    )
    for a in (pregnant, not_pregnant):
        j = a.status.judgment
        assert j.level is Level.DEFICIENCY_UNLIKELY
        assert j.urgency is Urgency.SOON
        assert Regimen.IM_NEUROLOGICAL not in regimens(a)
        assert "other causes" in plan_text(a)
        assert "Keep a reliable B12 source" in plan_text(a)  # vegan: kept either way
        assert_consistent(a)
    reading = next(r for r in pregnant.status.readings if r.analyte.value == "b12")
    assert reading.unreliable is None  # pregnancy cannot make a normal result falsely normal


def test_control_a_low_b12_in_pregnancy_with_tingling_stays_urgent() -> None:
    low = {
        **PREGNANT_NORMAL_TINGLING,
        "labs": [{"analyte": "b12", "value": 125, "unit": "pmol/L", "date": "2026-11-28"}],
    }
    a = assess_person(Person.model_validate(low))
    assert a.status.judgment.urgency is Urgency.URGENT
    reading = next(r for r in a.status.readings if r.analyte.value == "b12")
    assert reading.unreliable is not None and "Pregnancy lowers total B12" in reading.unreliable
    assert_consistent(a)
