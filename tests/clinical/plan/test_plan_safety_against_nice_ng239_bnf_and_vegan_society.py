"""Plan safety cases a red team found (2026-12-05), each checked against its source:
- BNSSG: the 3-month re-check of a borderline B12 is for dietary advice, not for nerve symptoms,
  pregnancy, pernicious anaemia or nitrous oxide (DECISIONS: neurological -> urgent; NG239: review
  after 1 month in pregnancy; IOM 1998: lack of intrinsic factor "requires medical treatment").
- DECISIONS "the plan never offers less than the treatment already given"; NICE NG239 / SPS: low
  B12 on oral treatment -> at least 1 mg a day or injections; Vegan Society: 10 µg daily or
  2000 µg weekly covers maintenance.
- BNF: with neurological involvement injections are given on alternate days, then every 2 months.
- NICE NG239: a family history of pernicious anaemia is a risk factor, not the person's diagnosis.
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.person import Person
from b12.core.plan.model import Category, Regimen
from b12.core.status.judgment import Urgency
from b12.services.assess import assess_person

DAY = "2026-10-01"
BORDERLINE = [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": DAY}]
LOW = [{"analyte": "b12", "value": 110, "unit": "pmol/L", "date": DAY}]


def assessed(**fields: Any) -> Any:
    data = {"age": 40, "sex": "female", "diet": "omnivore", "assessed_on": "2026-10-02", **fields}
    return assess_person(Person.model_validate(data))


def ids(a: Any) -> set[str]:
    return {i.id for i in a.plan.items}


def test_a_borderline_result_with_dietary_advice_is_rechecked_in_3_months() -> None:
    assert "retest.borderline_3_months" in ids(assessed(labs=BORDERLINE))


@pytest.mark.parametrize(
    "fields",
    [
        {"symptoms": ["numbness in both feet"]},
        {"pregnant": True},
        {"conditions": ["pernicious anaemia"]},
        {"conditions": ["recreational nitrous oxide use"]},
        {"medications": [{"name": "cyanocobalamin", "dose": "1000 micrograms daily"}]},
    ],
    ids=["nerve-symptoms", "pregnant", "pernicious-anaemia", "nitrous-oxide", "on-tablets"],
)
def test_no_diet_and_3_months_recheck_when_diet_is_not_the_answer(fields: dict[str, Any]) -> None:
    assert "retest.borderline_3_months" not in ids(assessed(labs=BORDERLINE, **fields))


@pytest.mark.parametrize(
    ("dose", "regimens"),
    [
        ("150 micrograms daily", {Regimen.ORAL_HIGH_DOSE, Regimen.IM_NON_NEUROLOGICAL}),
        ("1000 micrograms daily", {Regimen.IM_NON_NEUROLOGICAL}),
    ],
)
def test_low_b12_despite_tablets_escalates_never_repeats_the_dose(
    dose: str, regimens: set[Regimen]
) -> None:
    a = assessed(
        diet="vegan",
        medications=[{"name": "cyanocobalamin", "dose": dose, "start_date": "2025-06-01"}],
        labs=LOW,
    )
    offered = {r for i in a.plan.items for r in i.regimens}
    assert "supplement.low_despite_oral" in ids(a)
    assert offered == regimens
    assert Regimen.ORAL_LOW_DOSE not in offered


@pytest.mark.parametrize(
    ("dose", "kept"),
    [
        ("2000 micrograms weekly", True),
        ("25 micrograms daily", True),
        ("5 micrograms daily", False),
    ],
)
def test_a_vegan_already_taking_enough_is_told_to_keep_taking_it(dose: str, kept: bool) -> None:
    ok = [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": DAY}]
    a = assessed(diet="vegan", medications=[{"name": "cyanocobalamin", "dose": dose}], labs=ok)
    assert ("supplement.keep_taking" in ids(a)) is kept
    assert ("supplement.plant_based_maintenance" in ids(a)) is not kept


def test_new_nerve_symptoms_on_injections_get_the_neurological_regimen_at_the_judgments_urgency() -> (
    None
):
    a = assessed(
        age=66,
        conditions=["pernicious anaemia"],
        symptoms=["tingling feet", "unsteady walking"],
        symptom_course=[
            {"symptom": "tingling feet", "course": "new", "onset": "2026-09-01"},
            {"symptom": "unsteady walking", "course": "new", "onset": "2026-09-01"},
        ],
        medications=[
            {
                "name": "hydroxocobalamin",
                "dose": "1 mg every 3 months",
                "route": "intramuscular",
                "start_date": "2020-01-01",
            }
        ],
        labs=[
            {"analyte": "mma", "value": 1.2, "unit": "umol/L", "date": DAY},
            {"analyte": "hcy", "value": 40, "unit": "umol/L", "date": DAY},
        ],
    )
    neuro = [i for i in a.plan.items if Regimen.IM_NEUROLOGICAL in i.regimens]
    assert neuro and "supplement.keep_treatment" not in ids(a)
    urgent = a.status.judgment.urgency is Urgency.URGENT
    assert (neuro[0].category is Category.URGENT) is urgent


def test_a_family_history_of_pernicious_anaemia_is_not_the_persons_diagnosis() -> None:
    a = assessed(
        conditions=["family history of pernicious anaemia"], symptoms=["tiredness"], labs=BORDERLINE
    )
    codes = {rf.code for rf in a.screening.risk_factors}
    assert "family_history" in codes and "pernicious_anaemia" not in codes
    assert "referral.pernicious_anaemia" not in ids(a)
    assert "pernicious anaemia" not in a.plan.summary.lower()


def test_strong_signs_with_a_borderline_result_say_not_to_wait_in_the_plan_too() -> None:
    # BSH 2014 (DECISIONS "Discordance"): do not delay treatment for further tests; say so.
    a = assessed(
        age=70,
        symptoms=["sore tongue"],
        labs=[
            {"analyte": "b12", "value": 300, "unit": "pmol/L", "date": DAY},
            {"analyte": "hemoglobin", "value": 85, "unit": "g/L", "date": DAY},
            {"analyte": "mcv", "value": 115, "unit": "fL", "date": DAY},
        ],
    )
    assert "do_not_delay" in {f.code for f in a.status.judgment.advice}
    assert "referral.do_not_delay" in ids(a)
    assert "retest.borderline_3_months" not in ids(a)


def test_low_folate_advice_of_the_judgment_is_a_plan_item() -> None:
    a = assessed(
        labs=[*BORDERLINE, {"analyte": "folate", "value": 3, "unit": "nmol/L", "date": DAY}]
    )
    assert "b12_before_folic_acid" in {f.code for f in a.status.judgment.advice}
    assert "referral.folate_low" in ids(a)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        (
            {
                "conditions": ["recreational nitrous oxide use"],
                "labs": [{"analyte": "b12", "value": 350, "unit": "pmol/L", "date": DAY}],
            },
            "stop_nitrous_oxide",
        ),
        (
            {
                "age": 82,
                "labs": [
                    {"analyte": "b12", "value": 500, "unit": "pmol/L", "date": DAY},
                    {"analyte": "mma", "value": 0.45, "unit": "umol/L", "date": DAY},
                    {"analyte": "egfr", "value": 40, "unit": "mL/min/1.73m2", "date": DAY},
                ],
            },
            "other_explanations",
        ),
    ],
)
def test_the_judgments_advice_is_in_the_plan(fields: dict[str, Any], code: str) -> None:
    a = assessed(**fields)
    advice = {f.code: f for f in a.status.judgment.advice}
    assert code in advice
    carried = [i for i in a.plan.items if i.id == f"referral.{code}"]
    assert carried and carried[0].text.startswith(advice[code].message)
    assert "_" not in carried[0].text
