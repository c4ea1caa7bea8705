"""Round-17b red-team findings on the screening (person files copied here as data).

- 06 (06-PA-abbreviation-unread; "?PA" from v/d03): "PA", the usual clinical abbreviation of
  pernicious anaemia, was not read (person-file.md: "Pernicious anaemia ... still needs B12 for
  life (NICE NG239)"). Read as pernicious anaemia only in upper case, as a whole word, and not
  where the text spells out another meaning ("PA (primary aldosteronism)", "PA 3 times a week",
  "PsA", "PAD", "pa").
- 05 (05-recurrent-falls-in-conditions): falls written as a condition are the sign they name, as
  under symptoms (NICE NG239 signs include mobility problems; rule screening.rules.falls).
- 04 (04-sarcf-4plus-falls-not-a-sign): SARC-F's falls item (Malmström 2013: 1 = 1-3 falls, 2 = 4
  or more in the past year) at 2 records recurrent falls: the sign "recurrent falls" is under
  symptoms. A 1 may be a single fall in a year (common over 65, NICE CG161) and is left as it was.
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def unrecognised(a: Assessment) -> str:
    assert a.screening is not None
    return " ".join(f.message for f in a.screening.findings)


# 06-PA-abbreviation-unread.yaml
F06: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["PA"],
    "assessed_on": "2026-11-20",
    "symptoms": ["tiredness"],
    "labs": [{"analyte": "b12", "value": 110, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_06_pa_is_read_as_pernicious_anaemia_for_life() -> None:
    a = assess(F06)
    assert a.screening is not None
    assert "pernicious_anaemia" in {r.code for r in a.screening.risk_factors}
    assert "PA" not in unrecognised(a)
    text = plan_text(a)
    assert "Pernicious anaemia or autoimmune gastritis is listed" in text
    assert "B12 treatment is lifelong" in text
    # Known PA: no antibody test to look for it.
    assert "intrinsic_factor_antibody" not in {t.test for t in a.status.judgment.next_tests}
    assert a.status.judgment.level == "deficiency_likely"
    assert_consistent(a)


def test_06_query_pa_is_suspected_pernicious_anaemia() -> None:
    a = assess({**F06, "conditions": ["?PA"]})
    assert a.screening is not None
    assert "pernicious_anaemia" in {r.code for r in a.screening.risk_factors}
    assert "?PA" not in unrecognised(a)
    assert "intrinsic_factor_antibody" in {t.test for t in a.status.judgment.next_tests}
    assert "once pernicious anaemia is confirmed" in plan_text(a)
    assert_consistent(a)


@pytest.mark.parametrize(
    "condition",
    [
        "pa",
        "Pa",
        "PAD",
        "PsA",
        "PA (primary aldosteronism)",
        "PA 3 times a week (physical activity)",
        "psoriatic arthritis (PA)",
        "no PA",
        "PA ruled out",
    ],
)
def test_06_other_pa_words_are_not_pernicious_anaemia(condition: str) -> None:
    a = assess({**F06, "conditions": [condition]})
    assert a.screening is not None
    assert "pernicious_anaemia" not in {r.code for r in a.screening.risk_factors}
    assert "B12 treatment is lifelong" not in plan_text(a)
    assert_consistent(a)


# 05-recurrent-falls-in-conditions.yaml
F05: dict[str, Any] = {
    "age": 80,
    "sex": "female",
    "diet": "omnivore",
    "assessed_on": "2026-11-20",
    "conditions": ["recurrent falls"],
}


def test_05_falls_under_conditions_are_the_sign_as_under_symptoms() -> None:
    by_condition = assess(F05)
    by_symptom = assess({**F05, "conditions": [], "symptoms": ["recurrent falls"]})
    for a in (by_condition, by_symptom):
        assert a.screening is not None
        assert a.screening.recommendation == "offer_test"
        assert "falls" in a.screening.symptoms
        assert not a.screening.neurological_symptoms
        assert "falls" in {i.code for i in a.status.judgment.evidence if i.kind == "sign"}
        assert_consistent(a)
    assert "recurrent falls" not in unrecognised(by_condition)
    assert by_condition.status.judgment.level == by_symptom.status.judgment.level
    assert by_condition.status.judgment.urgency == by_symptom.status.judgment.urgency


@pytest.mark.parametrize("condition", ["no falls", "falls resolved", "afraid of falling"])
def test_05_falls_written_absent_or_gone_are_not_the_sign(condition: str) -> None:
    a = assess({**F05, "conditions": [condition]})
    assert a.screening is not None
    assert "falls" not in a.screening.symptoms
    assert a.screening.recommendation != "offer_test"


# 04-sarcf-4plus-falls-not-a-sign.yaml
F04: dict[str, Any] = {
    "age": 80,
    "sex": "female",
    "diet": "omnivore",
    "assessed_on": "2026-11-20",
    "muscle": {
        "sarc_f": {
            "strength": 0,
            "assistance_walking": 0,
            "rise_from_chair": 0,
            "climb_stairs": 0,
            "falls": 2,
        }
    },
}


def test_04_sarc_f_four_or_more_falls_are_the_sign() -> None:
    a = assess(F04)
    assert a.screening is not None
    assert a.screening.recommendation == "offer_test"
    assert "falls" in a.screening.symptoms
    assert not a.screening.neurological_symptoms
    assert "screening.rules.falls" in a.screening.rules
    assert "falls" in {i.code for i in a.status.judgment.evidence if i.kind == "sign"}
    assert "Ask for a B12 blood test" in plan_text(a)
    assert_consistent(a)


@pytest.mark.parametrize("falls", [0, 1])
def test_04_sarc_f_without_recurrent_falls_is_no_sign_on_its_own(falls: int) -> None:
    data = {**F04, "muscle": {"sarc_f": {**F04["muscle"]["sarc_f"], "falls": falls}}}
    a = assess(data)
    assert a.screening is not None
    assert "falls" not in a.screening.symptoms
    assert a.screening.recommendation != "offer_test"


# 08-falls-from-fainting-counted.yaml and v/a22 (mobility problems after knee replacement).
# Decided: a fall or mobility problem written with an injury or operation as its cause is
# explained (as "fell from a ladder" already was), not NG239's sign; a faint is no such cause (B12
# deficiency can itself cause it: anaemia, autonomic neuropathy), so "falls from fainting" stays.
F08: dict[str, Any] = {
    "age": 80,
    "sex": "female",
    "diet": "omnivore",
    "assessed_on": "2026-11-20",
    "symptoms": ["falls from fainting"],
}


@pytest.mark.parametrize(
    "symptom",
    [
        "mobility problems after knee replacement",
        "falls since hip fracture",
        "reduced mobility following surgery",
    ],
)
def test_08_a_mobility_problem_with_an_injury_or_operation_as_cause_is_not_the_sign(
    symptom: str,
) -> None:
    a = assess({**F08, "symptoms": [symptom]})
    assert a.screening is not None
    assert "falls" not in a.screening.symptoms
    assert a.screening.recommendation != "offer_test"
    assert symptom not in unrecognised(a)
    assert "falls" not in {i.code for i in a.status.judgment.evidence}
    assert_consistent(a)


@pytest.mark.parametrize(
    "symptom", ["falls from fainting", "recurrent falls", "falls due to poor balance"]
)
def test_08_unexplained_falls_stay_the_sign(symptom: str) -> None:
    a = assess({**F08, "symptoms": [symptom]})
    assert a.screening is not None
    assert a.screening.recommendation == "offer_test"
    assert_consistent(a)
