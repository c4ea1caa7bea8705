"""Round-7 red-team findings (follow-up over time, children, synonyms), each a person and what its
source requires: BNF (neurological involvement: "1 mg on alternate days until no further
improvement, then 1 mg every 2 months"), NICE NG239 ("Some causes of vitamin B12 deficiency are
irreversible and therefore treatment is needed for life"), WHO 2011 (children's haemoglobin
thresholds), Wirthensohn et al. Nutrients 2023 (a baby's signs: "developmental regression ...
feeding difficulties, low tone"), CDC (a breastfed baby's B12 comes from the mother's).
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category, Regimen
from b12.core.status.judgment import Level, Response, Urgency
from b12.services.assess import assess_person

DAY = "2026-11-02"
PA_INJECTIONS = {
    "name": "hydroxocobalamin",
    "route": "intramuscular",
    "dose": "1 mg every 3 months",
}


def lab(analyte: str, value: float | str, unit: str = "pmol/L", date: str = DAY) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": date}


def assess(**fields: Any) -> Assessment:
    data = {"age": 62, "sex": "female", "assessed_on": "2026-11-03", **fields}
    return assess_person(Person.model_validate(data))


def plan_ids(a: Assessment) -> list[str]:
    assert a.plan is not None
    return [i.id for i in a.plan.items]


def plan_text(a: Assessment) -> str:
    assert a.plan is not None
    return " ".join(i.text for i in a.plan.items)


def test_new_nerve_symptoms_on_injections_are_no_response_even_with_a_normal_mma() -> None:
    # U1: MMA 1.2 -> 0.2, yet new unsteadiness since the injections began: not "looks good".
    a = assess(
        conditions=["pernicious anaemia"],
        symptoms=["unsteady walking"],
        symptom_course=[{"symptom": "unsteady walking", "course": "new", "onset": "2026-10-01"}],
        medications=[{**PA_INJECTIONS, "start_date": "2026-06-01"}],
        labs=[lab("mma", 1.2, "µmol/L", "2026-05-20"), lab("mma", 0.2, "µmol/L")],
    )
    j = a.status.judgment
    assert (j.response, j.urgency) == (Response.NOT_IMPROVING, Urgency.URGENT)
    assert a.plan is not None
    urgent = [i for i in a.plan.items if i.category is Category.URGENT]
    assert [i.regimens for i in urgent] == [(Regimen.IM_NEUROLOGICAL,)]
    assert "every 3 months" not in plan_text(a)  # the interval that did not prevent them


def test_a_stopped_lifelong_treatment_is_restarted_whatever_the_level() -> None:
    # U5: pernicious anaemia, injections stopped, B12 normal now.
    a = assess(
        conditions=["pernicious anaemia"],
        medications=[{**PA_INJECTIONS, "start_date": "2024-01-10", "stop_date": "2026-02-01"}],
        labs=[lab("b12", 320)],
    )
    text = plan_text(a)
    assert "stopped on 2026-02-01: ask your doctor to restart it" in text
    assert "for life" in text and "often lifelong" not in text


def test_a_gastrectomy_course_that_lapsed_is_restarted() -> None:
    a = assess(
        surgery=[{"procedure": "total_gastrectomy", "date": "2019-02-11"}],
        medications=[{**PA_INJECTIONS, "start_date": "2019-05-01", "stop_date": "2026-03-15"}],
        labs=[lab("b12", 330)],
    )
    assert a.plan is not None
    item = next(i for i in a.plan.items if i.id == "supplement.lifelong_prophylaxis")
    assert item.text.startswith("B12 treatment stopped on 2026-03-15: ask your doctor to restart")


def test_pernicious_anaemia_marked_resolved_is_still_read() -> None:
    # U6: it does not resolve; the judgment is the one without condition_dates.
    base = {
        "conditions": ["pernicious anaemia"],
        "medications": [{**PA_INJECTIONS, "start_date": "2020-02-01", "stop_date": "2025-06-01"}],
        "labs": [lab("b12", 300)],
    }
    dated = {
        "condition_dates": [
            {"condition": "pernicious anaemia", "onset": "2020-01-01", "resolved_on": "2025-06-01"}
        ]
    }
    one, two = assess(**base), assess(**base, **dated)
    assert one.status.judgment.level is Level.INDETERMINATE
    assert (one.status.judgment.level, one.status.judgment.urgency) == (
        two.status.judgment.level,
        two.status.judgment.urgency,
    )


def test_a_stopped_course_for_a_low_b12_asks_for_its_cause_not_a_diet_recheck() -> None:
    # U7: injections after a B12 of 100; 900 after them reassures no one.
    a = assess(
        age=68,
        sex="male",
        medications=[
            {**PA_INJECTIONS, "dose": "1 mg three times a week", "start_date": "2026-09-01"}
            | {"stop_date": "2026-10-15"}
        ],
        labs=[lab("b12", 100, date="2026-08-20"), lab("b12", 900)],
    )
    assert a.status.judgment.urgency is Urgency.SOON
    assert "test.intrinsic_factor_antibody" in plan_ids(a)
    assert "retest.borderline_3_months" not in plan_ids(a)


def test_a_treatment_that_has_not_started_is_not_taken() -> None:
    # C1: a start date after the visit.
    a = assess(
        medications=[
            {"name": "cyanocobalamin", "dose": "1 mg daily", "route": "oral"}
            | {"start_date": "2027-01-01"}
        ],
        labs=[lab("b12", 100)],
    )
    assert "although you take" not in plan_text(a)
    assert "supplement.low_despite_oral" not in plan_ids(a)


def test_the_other_names_of_pernicious_anaemia_get_its_plan() -> None:
    # C2: NICE's own term and the eponym.
    plans = {
        name: plan_ids(assess(conditions=[name], labs=[lab("b12", 300)]))
        for name in ("pernicious anaemia", "autoimmune gastritis", "Addisonian anaemia")
    }
    assert len({tuple(p) for p in plans.values()}) == 1, plans
    assert "referral.pernicious_anaemia" in plans["Addisonian anaemia"]


def test_a_toddler_s_developmental_regression_is_urgent() -> None:
    # U2: 18 months, floppy, lost skills, low B12 against the lab's range.
    a = assess(
        age=1.5,
        symptoms=["developmental regression", "floppy", "not feeding"],
        labs=[lab("b12", 90) | {"reference_range": {"low": 200, "high": 900}}],
    )
    j = a.status.judgment
    assert j.neurological and j.urgency is Urgency.URGENT
    assert a.plan is not None
    urgent = next(i for i in a.plan.items if i.category is Category.URGENT)
    assert "paediatric" in urgent.text


def test_a_child_s_anaemia_is_read_with_the_child_threshold() -> None:
    # U3: 7 years, Hb 75 g/L (WHO 5-11 years: < 115).
    a = assess(age=7, labs=[lab("hemoglobin", 75, "g/L")])
    assert "anaemia" in {e.code for e in a.status.judgment.evidence}
    assert a.status.judgment.urgency is Urgency.SOON


def test_a_baby_gets_no_adult_food_advice_and_an_unread_result_is_not_routine() -> None:
    # U4: 18 days old, vegan household, B12 60 pmol/L without a printed range.
    a = assess(age=0.05, diet="vegan", labs=[lab("b12", 60)])
    ids = plan_ids(a)
    assert "food.sources" not in ids and "food.infant" in ids
    assert "test.check_symptoms" not in ids  # the adult symptom list is not a baby's
    assert a.status.judgment.urgency is Urgency.SOON
