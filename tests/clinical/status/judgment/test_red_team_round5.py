"""Round-5 red-team findings, each a person file and what its source requires (NICE NG239 as in
evidence.md §2.2 and §5; BNF hydroxocobalamin; IOM 1998; Right Decisions "(newly diagnosed)
dementia"; the vignette rules of tests/clinical/vignettes/breadth/results_in_context.yaml).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Urgency
from b12.services import clock
from b12.services.assess import assess_person, assessment_date

DAY = "2026-10-01"


def b12(value: float | str, date: str = DAY, unit: str = "pmol/L") -> dict[str, Any]:
    return {"analyte": "b12", "value": value, "unit": unit, "date": date}


def assess(**fields: Any) -> Assessment:
    data = {"age": 70, "sex": "male", "assessed_on": "2026-10-05", **fields}
    return assess_person(Person.model_validate(data))


def plan_ids(a: Assessment) -> list[str]:
    assert a.plan is not None
    return [i.id for i in a.plan.items]


def regimens(a: Assessment) -> set[str]:
    assert a.plan is not None
    return {str(r) for i in a.plan.items for r in i.regimens}


def test_an_old_untreated_highly_suggestive_mma_is_not_undone_by_a_normal_b12() -> None:
    # U1: MMA 1.5 (2025-01) untreated, B12 280 now: never "unlikely"; the MMA is repeated.
    a = assess(
        symptoms=["tiredness"],
        labs=[{"analyte": "mma", "value": 1.5, "unit": "umol/L", "date": "2025-01-01"}, b12(280)],
    )
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE
    assert "mma" in {t.test for t in j.next_tests}
    assert "retest.borderline_3_months" not in plan_ids(a)
    assert all(r.analyte != "mma" for r in a.status.readings)  # no old reading as current


def test_an_old_macrocytic_anaemia_asks_for_a_new_blood_count() -> None:
    # U6: Hb 80 g/L, MCV 118 fL a year and more ago, untreated.
    old = "2025-06-01"
    a = assess(
        labs=[
            {"analyte": "hemoglobin", "value": 80, "unit": "g/L", "date": old},
            {"analyte": "mcv", "value": 118, "unit": "fL", "date": old},
        ]
    )
    j = a.status.judgment
    assert j.level is not Level.DEFICIENCY_UNLIKELY
    assert "full_blood_count" in {t.test for t in j.next_tests}


@pytest.mark.parametrize(
    "conditions",
    [["subacute combined degeneration of the spinal cord"], ["optic neuropathy"]],
)
def test_a_nerve_diagnosis_stays_nerve_involvement_beside_long_standing_symptoms(
    conditions: list[str],
) -> None:
    # U4: BNF: with neurological involvement, 1 mg on alternate days - a long-standing other
    # symptom never cancels the diagnosis.
    a = assess(
        conditions=conditions,
        symptoms=["tingling feet"],
        symptom_course=[{"symptom": "tingling feet", "course": "long_standing"}],
        labs=[b12(100)],
    )
    assert a.status.judgment.urgency is Urgency.URGENT
    assert regimens(a) == {"im_neurological"}


def test_nitrous_oxide_with_a_raised_marker_is_treated_even_when_kidney_function_is_low() -> None:
    # U5: NICE (evidence.md §2.7): nitrous-oxide-induced deficiency - offer replacement.
    a = assess(
        age=24,
        conditions=["recreational nitrous oxide use"],
        labs=[
            b12(300),
            {"analyte": "mma", "value": 0.5, "unit": "umol/L", "date": DAY},
            {"analyte": "egfr", "value": 55, "unit": "mL/min/1.73m2", "date": DAY},
        ],
    )
    assert "supplement.nitrous_oxide" in plan_ids(a)


@pytest.mark.parametrize(
    "conditions", [["no peripheral neuropathy"], ["history of optic neuropathy, resolved"]]
)
def test_an_absent_or_resolved_nerve_condition_is_no_sign(conditions: list[str]) -> None:
    # C6: the words name a nerve condition that is not there.
    a = assess(conditions=conditions, labs=[b12(200)])
    assert not a.status.judgment.neurological
    assert a.screening is not None
    assert not any(f.code == "unrecognised_condition" for f in a.screening.findings)


def test_a_dementia_diagnosis_is_an_established_sign_not_a_new_one() -> None:
    a = assess(conditions=["Alzheimer's dementia diagnosed 2015"], labs=[b12(200)])
    assert a.status.judgment.urgency is not Urgency.URGENT


def test_a_censored_value_only_partly_above_the_edges_is_not_called_high() -> None:
    # C3: ">200 pmol/L" may be indeterminate: it is no "high B12".
    j = assess(labs=[b12(">200")]).status.judgment
    assert j.level is Level.INDETERMINATE
    assert j.advice_on("high_b12") is None


def test_a_censored_indeterminate_result_is_not_followed_by_a_diet_recheck() -> None:
    # C4: the next tests (MMA), not the same test after three months.
    a = assess(symptoms=["tiredness"], labs=[b12("<150")])
    assert "retest.borderline_3_months" not in plan_ids(a)
    assert "mma" in {t.test for t in a.status.judgment.next_tests}


def test_tablets_started_after_a_low_result_are_reviewed_at_three_months() -> None:
    # C7: NG239 via NASGP: review 3 months after starting; "no re-test" is for injections.
    a = assess(
        medications=[
            {"name": "cyanocobalamin", "dose": "1000 micrograms daily", "start_date": "2024-03-01"}
        ],
        labs=[b12(80, "2024-02-01")],
    )
    assert a.status.judgment.level is Level.ON_TREATMENT
    assert "retest.on_injections" not in plan_ids(a)
    assert sum(e.code.startswith("b12") for e in a.status.judgment.evidence) == 1


def test_b12_tablets_taken_cover_the_over_50_supplement_advice() -> None:
    # K1: IOM 1998 "a B12-containing supplement": the tablets taken already are one.
    a = assess(
        age=60,
        medications=[{"name": "cyanocobalamin", "dose": "1000 micrograms daily"}],
        labs=[b12(">1476")],
    )
    assert "supplement.older_adult_fortified" not in plan_ids(a)


def test_a_child_with_nerve_symptoms_is_urgent_with_the_dose_left_to_a_paediatric_clinician() -> (
    None
):
    a = assess(age=12, symptoms=["numbness in both feet"], labs=[b12("<100")])
    assert a.plan is not None
    urgent = next(i for i in a.plan.items if i.id == "urgent.neurological")
    assert "paediatric clinician" in urgent.text and "alternate days" not in urgent.text


def test_a_result_dated_after_today_never_silences_an_earlier_low_one() -> None:
    # U3: no assessed_on; B12 100 and 400 dated a year after today: the dates are in question.
    # Round 16 (D3): the 400, which cannot have been taken yet, is not read, so the 100 decides:
    # NG239 (evidence.md §2.2) "Total B12 ... < 180 ng/L (133 pmol/L)": deficiency confirmed.
    today = clock.today()
    taken = today - dt.timedelta(days=15)
    labs = [b12(100, str(taken)), b12(400, str(today + dt.timedelta(days=365)))]
    person = Person.model_validate({"age": 70, "sex": "male", "labs": labs})
    assert assessment_date(person) == today  # an assessment is of the day it is made (16b, n12)
    j = assess_person(person).status.judgment
    assert j.level is Level.DEFICIENCY_LIKELY
    assert j.advice_on("later_results") is not None
    assert [r.used for r in j.results] == [True, False]


def test_an_indeterminate_b12_with_a_raised_marker_keeps_the_b12_offer_even_at_an_older_age() -> (
    None
):
    # NG239: an indeterminate B12 with a raised MMA is the case for treatment; the age-explained
    # deferral is for a normal B12 only (the metformin example: B12 265 ng/L, MMA 0.42, Hcy 16.5).
    a = assess(
        age=74,
        labs=[
            b12(265, unit="ng/L"),
            {"analyte": "mma", "value": 0.42, "unit": "umol/L", "date": DAY},
            {"analyte": "hcy", "value": 16.5, "unit": "umol/L", "date": DAY},
        ],
    )
    assert a.status.judgment.advice_on("other_explanations") is not None
    assert regimens(a)
