"""Red team round 13 on free text: a negation's scope, resolved and "no longer" wording, relatives'
clauses, a baby's mother, and a medicine that a caveat reads.

Sources: NegEx (Chapman WW et al. J Biomed Inform 2001;34:301-10): a negation reaches forward
over a list of findings, and ends where the clause turns to another finding said to be present;
pseudo-negations are no negations. NICE NG239 (evidence.md §3.1): risk factors include a "family
history of vitamin B12 deficiency or autoimmune conditions", coeliac disease and recreational
nitrous oxide; with suspected deficiency from nitrous oxide homocysteine is the initial test
(NICE draft, evidence.md §2.2). NIH ODS (evidence.md §3.2): infants of vegan mothers are at risk;
CDC: "if a breastfeeding mother is deficient in vitamin B12, her infant may also become
deficient". person-file.md: a resolved symptom is not counted. The person files are the red
team's round-13 findings (/tmp/red13, copied inline).
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.screening.screen import nerve_involvement
from b12.core.screening.terms import SYMPTOM_TERMS, codes_in
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person

DAY = "2026-11-01"


def b12(value: float) -> dict[str, Any]:
    return {"analyte": "b12", "value": value, "unit": "pmol/L", "date": DAY}


def assess(**fields: Any) -> Assessment:
    data = {"age": 45, "sex": "male", "assessed_on": "2026-12-05", **fields}
    return assess_person(Person.model_validate(data))


def risk_codes(a: Assessment) -> set[str]:
    assert a.screening is not None
    return {rf.code for rf in a.screening.risk_factors}


def finding_codes(a: Assessment) -> list[str]:
    assert a.screening is not None
    return [f.code for f in a.screening.findings]


# --- 7: a negation ends where the clause reports another finding as present ----------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("denies numbness, reports tingling", ["neuropathy"]),
        ("no numbness, complains of tiredness", ["fatigue"]),
        ("no tingling and has numbness", ["neuropathy"]),
        ("denies tiredness, reports memory problems", ["cognitive_change"]),
    ],
)
def test_a_finding_reported_after_a_denied_one_is_present(text: str, codes: list[str]) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == codes


def test_red13_07_denies_numbness_reports_tingling_is_urgent() -> None:
    a = assess(symptoms=["denies numbness, reports tingling"], labs=[b12(200)])
    assert a.screening is not None and a.screening.neurological_symptoms
    assert a.status.judgment.urgency is Urgency.URGENT


# --- 8: "no X until last month" is a new X ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "no tingling until last month",
        "never had numbness until the summer",
        "no tingling or numbness in the feet until two weeks ago",
        "no longer able to feel her feet",
    ],
)
def test_a_sign_that_began_recently_is_present(text: str) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == ["neuropathy"]


def test_red13_08_no_tingling_until_last_month_is_urgent() -> None:
    a = assess(symptoms=["no tingling until last month"], labs=[b12(200)])
    assert a.status.judgment.urgency is Urgency.URGENT


@pytest.mark.parametrize(
    "text",
    ["no tingling", "no tingling since last month", "denies numbness", "no numbness up to today"],
)
def test_without_until_the_negation_holds(text: str) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == []


# --- 16: a symptom written as resolved is not current, as symptom_course's resolved is -------------


RESOLVED = [
    "numbness resolved",
    "numbness gone",
    "tingling has settled",
    "tingling no longer present",
    "no longer tingling",
    "Numbness: resolved",
]


@pytest.mark.parametrize("text", RESOLVED)
def test_a_symptom_written_as_resolved_is_not_current(text: str) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == []
    a = assess(symptoms=[text], labs=[b12(200)])
    assert a.status.judgment.urgency is not Urgency.URGENT
    assert not a.status.judgment.neurological
    assert "unrecognised_symptom" not in finding_codes(a)


@pytest.mark.parametrize("text", RESOLVED)
def test_a_resolved_nerve_symptom_still_shows_nerve_involvement(text: str) -> None:
    # As symptom_course's resolved: the nerves were involved, so injections would follow the BNF's
    # neurological regimen (b12.core.screening.screen.nerve_involvement).
    written = Person.model_validate({"age": 45, "sex": "male", "symptoms": [text]})
    course = Person.model_validate(
        {
            "age": 45,
            "sex": "male",
            "symptoms": ["numbness"],
            "symptom_course": [
                {"symptom": "numbness", "course": "resolved", "resolved_on": "2026-10-01"}
            ],
        }
    )
    assert nerve_involvement(written) == nerve_involvement(course) is True


@pytest.mark.parametrize(
    "text",
    [
        "numbness not resolved",
        "tingling has not settled",
        "numbness partly resolved",
        "numbness resolving",
        "tingling, not gone",
        "numbness has gone to her hands",
        "tingling resolved, numbness ongoing",
        "balance gone",  # a function named by its loss: the sign
    ],
)
def test_a_symptom_not_yet_resolved_is_current(text: str) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == ["neuropathy"]


def test_memory_gone_is_the_loss_and_memory_problems_resolved_are_past() -> None:
    assert codes_in("memory gone", SYMPTOM_TERMS) == ["cognitive_change"]
    assert codes_in("memory problems resolved", SYMPTOM_TERMS) == []


def test_red13_16_numbness_resolved_is_not_urgent_and_numbness_is() -> None:
    assert assess(symptoms=["numbness resolved"], labs=[b12(200)]).status.judgment.urgency is not (
        Urgency.URGENT
    )
    assert assess(symptoms=["numbness"], labs=[b12(200)]).status.judgment.urgency is Urgency.URGENT


# --- 4, 19: the person named beside a relative keeps their own condition --------------------------


def test_red13_04_she_and_her_mother_both_have_pernicious_anaemia() -> None:
    a = assess(
        age=50,
        sex="female",
        conditions=["both she and her mother have pernicious anaemia"],
        labs=[b12(300)],
    )
    assert {"pernicious_anaemia", "family_history"} <= risk_codes(a)
    assert "pernicious_anaemia_assay" in {c.code for c in a.status.caveats}


@pytest.mark.parametrize(
    ("condition", "own", "family"),
    [
        ("she and her mother have coeliac disease", True, True),
        ("her mother and she both have coeliac disease", True, True),
        ("he and his husband have coeliac disease", True, False),
        ("husband has pernicious anaemia; she has coeliac disease", True, False),
        ("father has pernicious anaemia. She has coeliac disease", True, True),
        ("mother has pernicious anaemia; the patient has coeliac disease", True, True),
        # "she" may be the mother: read as hers, as written.
        ("mother has pernicious anaemia. She also has coeliac disease", False, True),
        ("husband has pernicious anaemia, and she has coeliac disease", True, False),
        ("mother has coeliac disease", False, True),
        ("husband has coeliac disease; she is well", False, False),
    ],
)
def test_the_persons_own_clause_after_a_relatives(condition: str, own: bool, family: bool) -> None:
    codes = risk_codes(assess(age=50, sex="female", conditions=[condition], labs=[b12(300)]))
    assert ("coeliac_disease" in codes) is own
    assert ("family_history" in codes) is family


def test_red13_19_husbands_pa_and_her_own_coeliac_disease() -> None:
    a = assess(
        age=50,
        sex="female",
        symptoms=["tiredness"],
        conditions=["husband has pernicious anaemia; she has coeliac disease"],
        labs=[b12(300)],
    )
    assert risk_codes(a) == {"coeliac_disease"}
    assert a.screening is not None and a.screening.recommendation.value == "offer_test"


# --- 20: NICE's family risk factor is B12 deficiency or autoimmune disease in the family ----------


@pytest.mark.parametrize(
    "condition",
    ["brother uses nitrous oxide", "father had a total gastrectomy", "sister had a gastric bypass"],
)
def test_a_relatives_exposure_or_operation_is_no_family_history(condition: str) -> None:
    a = assess(age=30, sex="female", conditions=[condition], labs=[b12(300)])
    assert risk_codes(a) == set()
    assert "nitrous_oxide" not in {c.code for c in a.status.caveats}


@pytest.mark.parametrize(
    "condition",
    [
        "mother has pernicious anaemia",
        "sister: coeliac disease",
        "father has type 1 diabetes",
        "mother has B12 deficiency",
        "family history of vitamin B12 deficiency",
    ],
)
def test_a_relatives_b12_deficiency_or_autoimmune_disease_is_a_family_history(
    condition: str,
) -> None:
    a = assess(age=30, sex="female", conditions=[condition], labs=[b12(300)])
    assert risk_codes(a) == {"family_history"}
    assert "unrecognised_condition" not in finding_codes(a)


def test_red13_20_relatives_exposure_gives_no_test_recommendation() -> None:
    a = assess(
        age=30,
        sex="female",
        symptoms=["tiredness"],
        conditions=["brother uses nitrous oxide", "father had a total gastrectomy"],
        labs=[b12(300)],
    )
    assert a.screening is not None
    assert a.screening.recommendation.value == "discuss_symptoms"


# --- 10: an infant's risk comes through the mother (ODS: infants of vegan mothers; CDC) -----------


@pytest.mark.parametrize(
    "conditions",
    [
        ["breastfed by a mother with B12 deficiency"],
        ["breastfed by a vegan mother"],
        ["exclusively breastfed; mother B12 deficient"],
        ["mother is vegan"],
        ["breastfed by a mother with pernicious anaemia"],
        ["breastfed", "mother had gastric bypass 2019"],
    ],
)
def test_red13_10_an_infant_of_a_mother_at_risk_has_a_risk_factor(conditions: list[str]) -> None:
    a = assess(age=0.5, conditions=conditions, symptoms=["poor feeding"])
    assert "infant_mother" in risk_codes(a)
    assert a.screening is not None
    assert a.screening.recommendation.value == "offer_test"
    assert "unrecognised_condition" not in finding_codes(a)


@pytest.mark.parametrize(
    ("age", "conditions"),
    [
        (0.5, ["breastfed by her mother"]),
        (0.5, ["mother is not vegan"]),
        (0.5, ["mother: B12 normal"]),
        (30, ["mother is vegan"]),
        (8, ["mother is vegan"]),
        (0.5, ["mother has type 1 diabetes"]),  # a family history, not a mother low in B12
        (0.5, ["mother had a gastric band"]),
    ],
)
def test_no_infant_mother_risk_without_a_mother_at_risk_or_past_infancy(
    age: float, conditions: list[str]
) -> None:
    a = assess(age=age, conditions=conditions)
    assert "infant_mother" not in risk_codes(a)


# --- 5: nitrous oxide no longer used is past use, an exposure still -----------------------------


def _judged(condition: str) -> tuple[object, object, set[str], set[str]]:
    a = assess(age=22, conditions=[condition], symptoms=["tingling in legs"], labs=[b12(400)])
    tests = {t.test for t in a.status.judgment.next_tests}
    return a.status.judgment.level, a.status.judgment.urgency, risk_codes(a), tests


@pytest.mark.parametrize(
    "condition",
    ["no longer uses nitrous oxide", "no longer using nangs", "Nitrous oxide: no longer"],
)
def test_red13_05_nitrous_oxide_no_longer_used_reads_as_former_use(condition: str) -> None:
    former = _judged("former nitrous oxide user")
    assert _judged(condition) == former
    level, urgency, codes, tests = former
    assert "nitrous_oxide" in codes and "homocysteine" in tests
    assert urgency is Urgency.URGENT and level is not Level.DEFICIENCY_UNLIKELY


@pytest.mark.parametrize("condition", ["never used nitrous oxide", "denies nitrous oxide use"])
def test_nitrous_oxide_never_used_is_no_exposure(condition: str) -> None:
    assert "nitrous_oxide" not in _judged(condition)[2]


# --- 18: a medicine that a caveat reads is not called unread ---------------------------------------


@pytest.mark.parametrize("name", ["Microgynon", "combined oral contraceptive", "biotin 10 mg"])
def test_red13_18_a_medicine_read_by_a_caveat_is_not_unrecognised(name: str) -> None:
    a = assess(age=35, sex="female", medications=[{"name": name}], labs=[b12(150)])
    assert a.status.caveats  # read: the caveat names it
    assert "unrecognised_medication" not in finding_codes(a)


def test_a_medicine_nothing_reads_is_still_unrecognised() -> None:
    a = assess(age=35, sex="female", medications=[{"name": "Zyloric"}], labs=[b12(150)])
    assert "unrecognised_medication" in finding_codes(a)
