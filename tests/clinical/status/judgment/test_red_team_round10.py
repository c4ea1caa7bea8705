"""Round-10 red-team findings and the round-7 vignettes' neighbours (outputs read as a clinician
would): a plan never leaves "not improving" on injections without a review (BSH 2014: adherence
first, then dose and other causes); a high B12 after a stopped course names the course; a child's
signs outweigh a B12 inside the lab's range (Irevall 2017; BSH 2014 discordance); after an
injection serum B12 cannot be read (DECISIONS.md)."""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person

DAY = "2026-11-02"
RANGE = {"low": 145, "high": 645}


def lab(analyte: str, value: float | str, unit: str = "pmol/L", **more: Any) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": DAY, **more}


def assess(**fields: Any) -> Assessment:
    data = {"age": 60, "sex": "male", "assessed_on": "2026-11-05", **fields}
    return assess_person(Person.model_validate(data))


def plan_text(a: Assessment) -> str:
    assert a.plan is not None
    return " ".join(i.text for i in a.plan.items)


def test_injections_not_improving_are_reviewed_not_only_kept() -> None:
    a = assess(
        medications=[
            {
                "name": "hydroxocobalamin",
                "dose": "1 mg every 3 months",
                "route": "intramuscular",
                "start_date": "2026-08-01",
            }
        ],
        labs=[lab("b12", ">1476"), lab("mma", 0.9, "umol/L"), lab("egfr", 85, "mL/min/1.73m2")],
    )
    j = a.status.judgment
    assert j.level is Level.ON_TREATMENT and j.response is not None
    assert j.response.value == "not_improving"
    text = plan_text(a)
    assert "review it" in text and "every injection" in text
    assert "Keep to your current B12 treatment" not in text
    assert not any("tablets were taken" in r.message for r in j.urgency_reasons)


def test_a_high_b12_months_after_tablets_stopped_names_the_course() -> None:
    a = assess(
        medications=[
            {
                "name": "cyanocobalamin",
                "dose": "1000 micrograms daily",
                "route": "oral",
                "start_date": "2025-05-01",
                "stop_date": "2026-05-01",
            }
        ],
        labs=[lab("b12", 1250, reference_range={"low": 180, "high": 640})],
    )
    (high,) = [f for f in a.status.judgment.advice if f.code == "high_b12"]
    assert "stopped on 2026-05-01" in high.message
    assert "without B12 supplements" not in high.message


def test_a_high_b12_with_none_taken_gets_no_advice_to_take_more() -> None:
    a = assess(labs=[lab("b12", 980, reference_range={"low": 180, "high": 640})])
    assert a.plan is not None
    assert not [
        i for i in a.plan.items if i.id == "food.sources" or i.category.value == "supplement"
    ]


def test_a_vegan_with_a_high_b12_keeps_a_reliable_source() -> None:
    a = assess(diet="vegan", labs=[lab("b12", 980, reference_range={"low": 180, "high": 640})])
    assert "for as long as you eat a vegan diet" in plan_text(a)


def test_a_babys_in_range_b12_with_low_tone_is_not_reassuring() -> None:
    a = assess(
        age=0.75, sex="female", symptoms=["low tone"], labs=[lab("b12", 600, reference_range=RANGE)]
    )
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE and j.urgency is Urgency.URGENT
    assert {"mma", "homocysteine"} <= {t.test for t in j.next_tests}
    assert a.plan is not None and not any(i.regimens for i in a.plan.items)  # paediatric dose


def test_a_thriving_babys_in_range_b12_stays_reassuring() -> None:
    a = assess(age=0.75, sex="female", labs=[lab("b12", 420, reference_range=RANGE)])
    j = a.status.judgment
    assert j.level is Level.DEFICIENCY_UNLIKELY and j.urgency is Urgency.ROUTINE


def test_an_adults_normal_b12_with_feeding_words_is_not_a_childs_sign() -> None:
    a = assess(symptoms=["poor weight gain"], labs=[lab("b12", 420)])
    assert a.status.judgment.level is Level.DEFICIENCY_UNLIKELY


def test_a_b12_within_3_months_of_the_last_injection_cannot_be_read() -> None:
    a = assess(
        medications=[
            {
                "name": "hydroxocobalamin",
                "route": "intramuscular",
                "start_date": "2025-01-01",
                "stop_date": "2026-10-01",
            }
        ],
        labs=[lab("b12", 900)],
    )
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    tests = {t.test for t in j.next_tests}
    assert {"mma", "homocysteine"} <= tests and not tests & {"total_b12", "holotc"}


def test_a_breastfed_toddlers_plan_asks_for_the_mothers_b12() -> None:
    a = assess(age=1.5, sex="female", conditions=["still breastfed"], labs=[lab("b12", 300)])
    assert "mother should have her own B12 checked" in plan_text(a)


def test_a_diary_supplement_is_b12_taken() -> None:
    # Red team C1/C2: a 5000 µg supplement in the food diary beside a high B12 is not "without
    # supplements" (no work-up for other causes), and a supplement taken is not advised again.
    from b12.core.plan.intake import IntakeEstimate

    person = Person.model_validate(
        {"age": 55, "sex": "female", "assessed_on": "2026-11-05", "labs": [lab("b12", ">1476")]}
    )
    estimate = IntakeEstimate(ug_per_day=5002, absorbed_ug_per_day=60, supplement_ug_per_day=5000)
    a = assess_person(person, intake=estimate)
    assert a.status.judgment.advice_on("high_b12") is None
    assert "from the food diary" in plan_text(a) and "keep taking it" in plan_text(a)
