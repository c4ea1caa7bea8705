"""Round-9 red-team findings on the round-8 rules (over-reach both ways): nitrous oxide damage can
show weeks after the use ends (DECISIONS.md: MMA and homocysteine are the tests); "find the cause"
never where it is known (NICE NG239: an irreversible cause needs B12 for life); the BNF's
neurological maintenance (every 2 months) continues once nerve symptoms have settled; a stop date
is the day a medicine stopped."""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.core.status.judgment import Urgency
from b12.services.assess import assess_person

DAY = "2026-11-01"
N2O = "recreational nitrous oxide use"


def lab(analyte: str, value: float, unit: str = "pmol/L", date: str = DAY) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": date}


def assess(**fields: Any) -> Assessment:
    data = {"age": 60, "sex": "male", "assessed_on": "2026-11-05", **fields}
    return assess_person(Person.model_validate(data))


def test_nitrous_oxide_ended_recently_with_tingling_of_unknown_onset_is_read() -> None:
    a = assess(
        age=24,
        conditions=[N2O],
        condition_dates=[{"condition": N2O, "resolved_on": "2026-10-01"}],
        symptoms=["tingling in both feet"],
        labs=[lab("b12", 350)],
    )
    j = a.status.judgment
    assert j.urgency is Urgency.URGENT
    assert {"mma", "homocysteine"} <= {t.test for t in j.next_tests}
    stop = j.advice_on("stop_nitrous_oxide")
    assert stop is not None and stop.message.startswith("Do not use nitrous oxide again")


def test_no_cause_to_find_when_it_is_known() -> None:
    earlier_low = [lab("b12", 100, date="2026-03-01"), lab("b12", 400)]
    for known in (
        {"conditions": ["pernicious anaemia"]},
        {"diet": "vegan"},
        {"surgery": [{"procedure": "total_gastrectomy", "date": "2015-01-01"}]},
    ):
        j = assess(labs=earlier_low, **known).status.judgment
        assert "earlier_low" not in {r.code for r in j.urgency_reasons}, known


def test_two_results_of_one_day_are_not_earlier_and_later() -> None:
    j = assess(labs=[lab("b12", 110), lab("b12", 400)]).status.judgment
    assert "earlier_low" not in {r.code for r in j.urgency_reasons}


def test_settled_nerve_symptoms_keep_the_neurological_maintenance() -> None:
    a = assess(
        conditions=["pernicious anaemia"],
        symptoms=["tingling feet"],
        symptom_course=[{"symptom": "tingling feet", "course": "resolved"}],
        medications=[
            {"name": "hydroxocobalamin", "route": "intramuscular", "dose": "1 mg every 3 months"}
            | {"start_date": "2026-03-01"}
        ],
        labs=[lab("mma", 0.2, "µmol/L")],
    )
    assert a.plan is not None
    assert {r for i in a.plan.items for r in i.regimens} == {Regimen.IM_NEUROLOGICAL}


def test_a_medicine_stopped_on_the_visit_day_is_not_taken() -> None:
    a = assess(
        age=70,
        medications=[{"name": "metformin", "start_date": "2015-01-01", "stop_date": "2026-11-05"}],
        labs=[lab("b12", 200)],
    )
    assert a.plan is not None
    assert not any("metformin" in i.text for i in a.plan.items)
