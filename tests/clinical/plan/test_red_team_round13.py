"""Round-13 red-team findings on the plan (numbers 11, 12 and 13), each with its neighbour the
other way: a medicine written as stopped, discontinued or never started is never "keep taking"
(one still taken is: DECISIONS.md, never advise stopping a prescribed medicine); pernicious
anaemia on 50 µg by mouth is told the dose is too low (NICE NG239: with malabsorption at least
1 mg a day); a child with pernicious anaemia is given no adult regimen (NG239 covers people over
16: the paediatric team sets the dose)."""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.services.assess import assess_person

DAY = "2026-11-02"


def lab(analyte: str, value: float | str, unit: str = "pmol/L", **more: Any) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": DAY, **more}


def assess(**fields: Any) -> Assessment:
    data = {"age": 74, "sex": "male", "assessed_on": "2026-12-05", **fields}
    return assess_person(Person.model_validate(data))


def plan_text(a: Assessment) -> str:
    assert a.plan is not None
    return " ".join([a.plan.summary, *(i.text for i in a.plan.items)])


RAISED_MMA = [lab("b12", 265, "ng/L"), lab("mma", 0.42, "umol/L")]


@pytest.mark.parametrize(
    "name",
    [
        "stopped metformin",
        "omeprazole, discontinued",
        "metformin (never started, declined)",
        "metformin - stopped 2024",
        "metformin: ceased",
    ],
)
def test_a_medicine_written_as_stopped_is_never_keep_taking(name: str) -> None:
    text = plan_text(assess(medications=[{"name": name}], labs=RAISED_MMA))
    assert "Keep taking" not in text
    assert f"on {name}" not in text


@pytest.mark.parametrize("name", ["metformin", "metformin 500 mg twice daily", "omeprazole"])
def test_a_medicine_still_taken_is_still_keep_taking(name: str) -> None:
    assert f"Keep taking {name} as prescribed" in plan_text(
        assess(medications=[{"name": name}], labs=RAISED_MMA)
    )


def test_pernicious_anaemia_on_50_micrograms_is_told_the_dose_is_too_low() -> None:
    a = assess(
        age=66,
        sex="female",
        conditions=["pernicious anaemia"],
        medications=[
            {
                "name": "cyanocobalamin",
                "dose": "50 micrograms daily",
                "route": "oral",
                "start_date": "2026-01-10",
            }
        ],
        labs=[lab("b12", 210)],
    )
    assert a.plan is not None
    ids = {i.id for i in a.plan.items}
    assert "supplement.escalate_treatment" in ids
    assert "at least 1 mg a day" in plan_text(a)


def test_pernicious_anaemia_on_1_mg_by_mouth_keeps_its_treatment() -> None:
    a = assess(
        age=66,
        sex="female",
        conditions=["pernicious anaemia"],
        medications=[{"name": "cyanocobalamin", "dose": "1 mg daily", "start_date": "2026-01-10"}],
        labs=[lab("b12", 400)],
    )
    assert a.plan is not None
    assert "supplement.keep_treatment" in {i.id for i in a.plan.items}


CHILD_PA = {
    "age": 2,
    "conditions": ["pernicious anaemia"],
    "labs": [lab("b12", 300, reference_range={"low": 200, "high": 900})],
}


def test_a_child_with_pernicious_anaemia_is_given_no_adult_regimen() -> None:
    a = assess(**CHILD_PA)
    assert a.plan is not None
    text = plan_text(a)
    assert "three times a week" not in text and "every 3 months" not in text
    assert not any(i.regimens for i in a.plan.items)
    assert "paediatric" in text and "for life" in text


def test_an_adult_with_pernicious_anaemia_still_gets_the_bnf_regimen() -> None:
    a = assess(**{**CHILD_PA, "age": 40})
    assert a.plan is not None
    assert Regimen.IM_NON_NEUROLOGICAL in {r for i in a.plan.items for r in i.regimens}


def test_a_teenager_using_nitrous_oxide_is_given_no_adult_regimen() -> None:
    a = assess(
        age=15,
        conditions=["uses nitrous oxide"],
        labs=[lab("b12", 120, reference_range={"low": 150, "high": 700})],
    )
    assert a.plan is not None
    assert not any(i.regimens for i in a.plan.items)
    assert "nitrous oxide" in plan_text(a).lower()


def test_b12_tablets_written_as_stopped_are_not_kept_and_dated_ones_still_are() -> None:
    b12 = [lab("b12", 300)]
    stopped = assess(age=60, medications=[{"name": "cyanocobalamin 1 mg daily, stopped"}], labs=b12)
    assert "keep taking" not in plan_text(stopped).lower()
    taken = assess(age=60, medications=[{"name": "cyanocobalamin", "dose": "1 mg daily"}], labs=b12)
    assert "keep taking it regularly" in plan_text(taken)


def test_a_child_with_nerve_symptoms_on_b12_tablets_is_urgent_without_an_adult_regimen() -> None:
    a = assess(
        age=8,
        symptoms=["tingling in feet"],
        conditions=["pernicious anaemia"],
        medications=[{"name": "cyanocobalamin", "dose": "1 mg daily", "start_date": "2026-06-01"}],
        labs=[lab("b12", 120, reference_range={"low": 150, "high": 700})],
    )
    assert a.plan is not None
    urgent = next(i for i in a.plan.items if i.id == "urgent.neurological_on_tablets")
    assert "paediatric clinician" in urgent.text and "alternate days" not in urgent.text
    assert not any(i.regimens for i in a.plan.items)
