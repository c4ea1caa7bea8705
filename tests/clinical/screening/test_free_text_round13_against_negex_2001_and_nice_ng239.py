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
from b12.core.status.judgment import Urgency
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


@pytest.mark.parametrize("text", ["no tingling", "no tingling since last month", "denies numbness"])
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
    ],
)
def test_a_symptom_not_yet_resolved_is_current(text: str) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == ["neuropathy"]


def test_red13_16_numbness_resolved_is_not_urgent_and_numbness_is() -> None:
    assert assess(symptoms=["numbness resolved"], labs=[b12(200)]).status.judgment.urgency is not (
        Urgency.URGENT
    )
    assert assess(symptoms=["numbness"], labs=[b12(200)]).status.judgment.urgency is Urgency.URGENT
