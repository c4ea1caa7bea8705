"""Round-16 red-team follow-through on the plan's "keep to your treatment" item on tablets (files 01
and 03, copied here as data; 04 as the injection control).

On tablets the item's why cited retest.no-routine-on-im and said the response is judged from the
blood count and MMA or homocysteine, while the judgment (01) read the response from serum B12.
DECISIONS.md restricts the rule to injections: "On intramuscular treatment the response is judged
from symptoms, Hb/MCV and MMA/homocysteine, never from serum B12 or holoTC (which injections raise)".
Right Decision Service (Scotland; rule status.judgment.response.tests-on-treatment): test B12 on
"Oral B12 therapy, to check for effect". The dose's own rule: BNF "cyanocobalamin tablets can be used
in doses of 50-150 micrograms daily for vegans or patients who have proven dietary deficiency"
(treatment.bnf.oral-dietary); NICE NG239 at least 1 mg a day for malabsorption
(treatment.nice-ng239.malabsorption-1mg). Injections keep their why unchanged.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import PlanItem
from b12.core.status.judgment import Level, Response
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent

NO_RETEST_IM = "retest.no-routine-on-im"
TESTS_ON_TREATMENT = "status.judgment.response.tests-on-treatment"

F01: dict[str, Any] = {
    "age": 34,
    "sex": "female",
    "diet": "vegan",
    "symptoms": ["tiredness"],
    "symptom_course": [{"symptom": "tiredness", "course": "resolved"}],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "100 micrograms daily",
            "route": "oral",
            "start_date": "2026-06-10",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 110, "unit": "pmol/L", "date": "2026-06-01"},
        {"analyte": "b12", "value": 330, "unit": "pmol/L", "date": "2026-09-15"},
    ],
    "assessed_on": "2026-09-20",
}

F03: dict[str, Any] = {
    "age": 70,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["atrophic gastritis"],
    "symptoms": ["tiredness"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "1 mg daily",
            "route": "oral",
            "start_date": "2026-11-20",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 140, "unit": "pmol/L", "date": "2026-11-15"},
        {"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-12-01"},
    ],
    "assessed_on": "2026-12-01",
}

F04: dict[str, Any] = {
    "age": 63,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2019-03-01",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 980, "unit": "pmol/L", "date": "2026-10-01"},
        {"analyte": "hemoglobin", "value": 132, "unit": "g/L", "date": "2026-10-01"},
        {"analyte": "mcv", "value": 90, "unit": "fL", "date": "2026-10-01"},
    ],
    "assessed_on": "2026-10-05",
}


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _kept(a: Assessment) -> PlanItem:
    assert a.plan is not None
    (kept,) = [i for i in a.plan.items if i.id == "supplement.keep_treatment"]
    return kept


def test_01_tablets_kept_at_the_dietary_dose_why_reads_serum_b12_not_the_injection_rule() -> None:
    a = assess(F01)
    j = a.status.judgment
    assert j.level is Level.ON_TREATMENT and j.response is Response.IMPROVING
    kept = _kept(a)
    assert NO_RETEST_IM not in kept.rules
    assert "MMA or homocysteine" not in kept.reason
    assert "total or active B12" in kept.reason
    assert kept.rules == ("treatment.bnf.oral-dietary", TESTS_ON_TREATMENT)
    # The judgment's response and the plan's why agree: both read serum B12 on tablets.
    assert j.has("response_improving")
    assert not any(NO_RETEST_IM in t.rules for t in j.next_tests)
    assert_consistent(a)


def test_03_tablets_at_1_mg_cite_the_malabsorption_dose() -> None:
    a = assess(F03)
    kept = _kept(a)
    assert kept.rules == ("treatment.nice-ng239.malabsorption-1mg", TESTS_ON_TREATMENT)
    assert NO_RETEST_IM not in kept.rules and "MMA or homocysteine" not in kept.reason
    assert not any(NO_RETEST_IM in t.rules for t in a.status.judgment.next_tests)
    assert_consistent(a)


def test_04_control_injections_keep_their_why() -> None:
    a = assess(F04)
    kept = _kept(a)
    assert kept.reason == (
        "Treatment has started; its response is judged from symptoms, blood count and MMA or "
        "homocysteine"
    )
    assert kept.rules == ("treatment.bnf.im-hydroxocobalamin", NO_RETEST_IM)
    assert_consistent(a)
