"""Screening: NICE NG239 (>= 1 symptom and >= 1 risk factor: offer a test; BMJ 2024;385:q1019),
the NG239 risk-factor box (Pulse summary), the NIH ODS fact sheet, IOM (> 50 y), Miller 2018
(PPI/H2RA >= 10 months) and DECISIONS.md (risk factors without symptoms: discuss screening)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core.person import Person
from b12.core.screening.medications import MedicationClass, classify
from b12.core.screening.model import Recommendation
from b12.core.screening.screen import months_between, screen

DAY = dt.date(2026, 11, 1)


def person(**fields: Any) -> Person:
    return Person.model_validate({"age": 40, "sex": "female", **fields})


def codes(**fields: Any) -> set[str]:
    return {rf.code for rf in screen(person(**fields), DAY).risk_factors}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"symptoms": ["fatigue"], "diet": "vegan"}, Recommendation.OFFER_TEST),
        ({"diet": "vegan"}, Recommendation.DISCUSS_SCREENING),
        ({"symptoms": ["sore tongue"]}, Recommendation.DISCUSS_SYMPTOMS),
        ({"diet": "omnivore"}, Recommendation.NOT_INDICATED),
    ],
)
def test_offer_test_needs_a_symptom_and_a_risk_factor_per_nice_ng239(
    fields: dict[str, Any], expected: Recommendation
) -> None:
    assert screen(person(**fields), DAY).recommendation is expected


@pytest.mark.parametrize(("age", "older"), [(50, False), (50.01, True), (75, True)])
def test_older_adult_risk_is_over_50_per_iom(age: float, older: bool) -> None:
    assert ("older_adult" in codes(age=age)) is older


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Coeliac disease", "coeliac_disease"),
        ("celiac", "coeliac_disease"),
        ("Crohn's disease", "crohns_disease"),
        ("pernicious anemia", "pernicious_anaemia"),
        ("autoimmune gastritis", "atrophic_gastritis"),
        ("terminal ileal resection", "ileal_resection"),
        ("total gastrectomy 2015", "gastrectomy"),
        ("sleeve gastrectomy", "bariatric_surgery"),
        ("Roux-en-Y gastric bypass", "bariatric_surgery"),
        ("type 1 diabetes", "autoimmune_other"),
        ("Sjögren's syndrome", "autoimmune_other"),
        ("pelvic radiotherapy", "abdominal_pelvic_radiotherapy"),
        ("family history of pernicious anaemia", "family_history"),
        ("recreational nitrous oxide", "nitrous_oxide"),
    ],
)
def test_conditions_and_surgery_from_nice_and_ods_risk_boxes(text: str, code: str) -> None:
    assert code in codes(conditions=[text])


def test_sleeve_gastrectomy_counts_once_as_bariatric_surgery() -> None:
    assert codes(conditions=["sleeve gastrectomy"]) == {"bariatric_surgery"}


def test_type_2_diabetes_is_not_an_autoimmune_risk_factor() -> None:
    assert codes(conditions=["type 2 diabetes"]) == set()


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("metformin", MedicationClass.METFORMIN),
        ("Glucophage XR 500mg", MedicationClass.METFORMIN),
        ("Janumet", MedicationClass.METFORMIN),
        ("omeprazole 20 mg", MedicationClass.PPI),
        ("Nexium", MedicationClass.PPI),
        ("dexlansoprazole", MedicationClass.PPI),
        ("Pepcid", MedicationClass.H2RA),
        ("famotidine", MedicationClass.H2RA),
        ("colchicine", MedicationClass.COLCHICINE),
        ("Lyrica", MedicationClass.PREGABALIN),
        ("Topamax", MedicationClass.TOPIRAMATE),
        ("phenobarbitone", MedicationClass.PHENOBARBITAL),
        ("Mysoline", MedicationClass.PRIMIDONE),
        ("Entonox", MedicationClass.NITROUS_OXIDE),
        ("chloramphenicol", MedicationClass.CHLORAMPHENICOL),
        ("hydroxocobalamin injection", MedicationClass.B12_INJECTION),
        ("cyanocobalamin 1000 mcg", MedicationClass.B12_ORAL),
        ("biotin 10 mg", MedicationClass.BIOTIN),
    ],
)
def test_medication_table_recognises_generic_and_brand_names(
    name: str, cls: MedicationClass
) -> None:
    assert classify(name)[0] is cls


def test_unrecognised_medication_is_reported_not_ignored() -> None:
    found = screen(person(medications=[{"name": "ramipril"}]), DAY)
    assert [f.code for f in found.findings] == ["unrecognised_medication"]
    assert "ramipril" in found.findings[0].message


def test_medicine_risk_counts_as_a_risk_factor_for_the_nice_rule() -> None:
    found = screen(person(symptoms=["fatigue"], medications=[{"name": "metformin"}]), DAY)
    assert found.recommendation is Recommendation.OFFER_TEST


@pytest.mark.parametrize(("months", "prolonged"), [(9, False), (10, True), (11, True)])
def test_ppi_duration_of_10_months_against_miller_2018(months: int, prolonged: bool) -> None:
    start = dt.date(2020, 1, 1)
    end = start + dt.timedelta(days=int(months * 30.4375) + 1)
    assert months_between(start, end) == months
    found = screen(person(medications=[{"name": "lansoprazole", "start_date": start}]), end)
    (risk,) = found.risk_factors
    assert ("prolonged use" in risk.message) is prolonged


def test_ppi_without_start_date_asks_for_it() -> None:
    (risk,) = screen(person(medications=[{"name": "omeprazole"}]), DAY).risk_factors
    assert "start date" in risk.message


def test_vegan_pregnancy_is_higher_priority_per_ods() -> None:
    found = screen(person(diet="vegan", pregnant=True), DAY)
    assert found.priority == "high"
    assert "diet.plant_based_pregnancy" in {rf.code for rf in found.risk_factors}
    assert [t.test for t in found.tests] == ["holotc"]


def test_neurological_symptoms_make_screening_urgent() -> None:
    found = screen(person(diet="vegan", symptoms=["pins and needles in feet"]), DAY)
    assert found.neurological_symptoms
    assert found.priority == "urgent"


def test_nitrous_oxide_puts_homocysteine_first_per_nice() -> None:
    found = screen(person(conditions=["nitrous oxide"], symptoms=["numbness"]), DAY)
    assert found.tests[0].test == "hcy"


def test_unrecognised_symptom_is_reported_and_not_counted() -> None:
    found = screen(person(diet="vegan", symptoms=["headache"]), DAY)
    assert found.recommendation is Recommendation.DISCUSS_SCREENING
    assert any(f.code == "unrecognised_symptom" for f in found.findings)


def test_no_test_suggested_when_a_first_line_result_exists() -> None:
    labs = [{"analyte": "b12", "value": 300, "unit": "pmol/L"}]
    found = screen(person(diet="vegan", symptoms=["fatigue"], labs=labs), DAY)
    assert found.already_tested and found.tests == ()


@pytest.mark.parametrize(
    ("diet", "source"),
    [
        ("lacto_ovo_vegetarian", "eggs and dairy"),
        ("vegetarian", "eggs and dairy"),
        ("lacto_vegetarian", "dairy"),
        ("ovo_vegetarian", "eggs"),
    ],
)
def test_vegetarians_have_natural_sources_in_eggs_or_dairy(diet: str, source: str) -> None:
    # ODS: B12 "is naturally found in ... eggs, milk, and milk products"; NG239 still lists a low
    # animal-sourced diet as a risk factor.
    found = screen(person(age=40, diet=diet), DAY)
    (risk,) = [rf for rf in found.risk_factors if rf.category == "diet"]
    assert risk.code == f"diet.{diet}" and source in risk.message
    assert "no reliable" not in risk.message


def test_long_standing_memory_problems_are_not_a_new_neurological_symptom() -> None:
    stable = person(
        age=84,
        symptoms=["memory problems"],
        symptom_course=[{"symptom": "memory problems", "course": "long_standing"}],
    )
    found = screen(stable, DAY)
    assert "cognitive_change" in found.symptoms and not found.neurological_symptoms
    new = stable.model_copy(
        update={
            "symptoms": ["memory problems", "tingling in both feet"],
            "symptom_course": [*stable.symptom_course],
        }
    )
    assert screen(new, DAY).neurological_symptoms


def test_a_resolved_symptom_is_not_counted() -> None:
    gone = person(
        symptoms=["tingling in both feet"],
        symptom_course=[
            {"symptom": "tingling in both feet", "course": "resolved", "resolved_on": "2024-05-01"}
        ],
    )
    found = screen(gone, DAY)
    assert not found.symptoms and not found.neurological_symptoms


def test_a_course_for_an_unlisted_symptom_is_refused() -> None:
    with pytest.raises(ValueError, match="not in symptoms"):
        person(symptom_course=[{"symptom": "cough", "course": "new"}])


def test_conditions_b12_does_not_read_are_listed_not_ignored() -> None:
    found = screen(
        person(
            conditions=[
                "Fabry disease",
                "pernicious anaemia",
                "CKD stage 4",
                "multiple myeloma",
                "sleeve gastrectomy",
                "gastric band",
            ]
        ),
        DAY,
    )
    listed = [f.message for f in found.findings if f.code == "unrecognised_condition"]
    assert len(listed) == 1 and listed[0].startswith("'Fabry disease'")
