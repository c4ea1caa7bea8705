"""Round-8 red-team findings on the round-7 rules, each a person and what its source requires: BNF
(neurological involvement: "1 mg on alternate days until no further improvement, then 1 mg every 2
months"; DECISIONS.md: "only the neurological regimen anywhere in the output"), NASGP (the response
is reviewed 3 months after starting), DECISIONS.md (nitrous oxide: "MMA and homocysteine are the
tests"), NICE NG239 (find the cause of a deficiency), person-file.md (a medicine is taken "to
stop_date").
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.core.status.judgment import Response, Urgency
from b12.services.assess import assess_person

DAY = "2026-11-01"
INJECTIONS = {"name": "hydroxocobalamin", "route": "intramuscular", "dose": "1 mg every 3 months"}


def lab(analyte: str, value: float | str, unit: str = "pmol/L", date: str = DAY) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": date}


def assess(**fields: Any) -> Assessment:
    data = {"age": 58, "sex": "female", "assessed_on": "2026-11-05", **fields}
    return assess_person(Person.model_validate(data))


def plan(a: Assessment) -> dict[str, str]:
    assert a.plan is not None
    return {i.id: i.text for i in a.plan.items}


def persisting(symptom: str) -> dict[str, Any]:
    return {"symptoms": [symptom], "symptom_course": [{"symptom": symptom, "course": "persisting"}]}


def test_an_adult_s_developmental_delay_is_not_a_baby_s_sign() -> None:
    a = assess(age=40, conditions=["developmental delay"], labs=[lab("b12", 200)])
    assert not a.status.judgment.neurological
    assert a.status.judgment.urgency is not Urgency.URGENT


def test_persisting_nerve_symptoms_on_injections_get_the_neurological_regimen() -> None:
    # U4: responding on 3-monthly injections, tingling persisting: never "keep to every 3 months".
    a = assess(
        conditions=["pernicious anaemia"],
        medications=[{**INJECTIONS, "start_date": "2026-03-01"}],
        labs=[lab("mma", 0.2, "µmol/L")],
        **persisting("tingling feet"),
    )
    assert a.plan is not None
    regimens = {r for i in a.plan.items for r in i.regimens}
    assert regimens == {Regimen.IM_NEUROLOGICAL}
    assert "every 3 months" not in " ".join(plan(a).values())


def test_another_cause_is_not_named_within_the_review_period_or_on_a_blood_count() -> None:
    # U5: 26 days into the loading course; and a normal Hb/MCV without MMA or homocysteine.
    early = assess(
        medications=[{**INJECTIONS, "dose": "1 mg on alternate days", "start_date": "2026-10-10"}],
        labs=[lab("mma", 0.25, "µmol/L", "2026-11-04")],
        **persisting("tiredness"),
    )
    blood_count_only = assess(
        medications=[{**INJECTIONS, "start_date": "2026-03-01"}],
        labs=[lab("hemoglobin", 140, "g/L"), lab("mcv", 92, "fL")],
        **persisting("tiredness"),
    )
    for a in (early, blood_count_only):
        assert "referral.persisting_other_cause" not in plan(a)


def test_nerve_symptoms_on_tablets_are_no_good_response() -> None:
    # C2: "looks good" beside urgent and a switch to injections.
    a = assess(
        diet="vegan",
        medications=[
            {"name": "cyanocobalamin", "dose": "50 micrograms daily", "start_date": "2026-05-01"}
        ],
        labs=[lab("b12", 100, date="2026-04-20"), lab("hcy", 12, "µmol/L")],
        **persisting("memory problems"),
    )
    j = a.status.judgment
    assert (j.response, j.urgency) == (Response.NOT_IMPROVING, Urgency.URGENT)
    assert "referral.persisting_other_cause" not in plan(a)


def test_nitrous_oxide_stopped_after_the_symptoms_began_is_still_read() -> None:
    # U2: tingling since 1 October, use ended 20 October, B12 300.
    a = assess(
        age=24,
        conditions=["recreational nitrous oxide use"],
        condition_dates=[
            {"condition": "recreational nitrous oxide use", "resolved_on": "2026-10-20"}
        ],
        symptoms=["tingling in both feet"],
        symptom_course=[
            {"symptom": "tingling in both feet", "course": "new", "onset": "2026-10-01"}
        ],
        labs=[lab("b12", 300)],
    )
    j = a.status.judgment
    assert j.urgency is Urgency.URGENT
    assert {"mma", "homocysteine"} <= {t.test for t in j.next_tests}


def test_an_earlier_low_b12_raised_by_a_finished_course_has_its_cause_found() -> None:
    # U3: B12 95, tablets May-August, B12 420 in November: not routine diet advice.
    a = assess(
        age=66,
        medications=[
            {"name": "cyanocobalamin", "dose": "1 mg daily"}
            | {"start_date": "2026-05-01", "stop_date": "2026-08-01"}
        ],
        labs=[lab("b12", 95, date="2026-04-20"), lab("b12", 420)],
    )
    j = a.status.judgment
    assert j.urgency is Urgency.SOON
    assert "intrinsic_factor_antibody" in {t.test for t in j.next_tests}
    assert "retest.borderline_3_months" not in plan(a)


def test_a_stopped_medicine_is_history() -> None:
    # C1: metformin stopped in 2025: no "for 142 months", no "keep taking metformin".
    a = assess(
        age=70,
        medications=[{"name": "metformin", "start_date": "2015-01-01", "stop_date": "2025-01-01"}],
        labs=[lab("b12", 200)],
    )
    assert a.screening is not None
    assert not any("metformin" in r.message for r in a.screening.risk_factors)
    assert not any("metformin" in text for text in plan(a).values())


def test_the_symptom_check_does_not_make_an_mma_test_already_asked_for_conditional() -> None:
    items = plan(assess(age=72, labs=[lab("b12", 200)]))
    assert "test.mma" in items
    assert "calls for an MMA test" not in items["test.check_symptoms"]
    assert "should not wait" in items["test.check_symptoms"]
