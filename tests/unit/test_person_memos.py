"""Readings a person keeps beside the fields they were built from (for speed) are rebuilt in a
copy whose fields differ, and kept in a copy whose fields are the same objects."""

from __future__ import annotations

from b12.core.person import Person
from b12.core.status.confounders import pernicious_anaemia_named

PERSON = Person.model_validate(
    {
        "age": 60,
        "sex": "female",
        "symptoms": ["tingling feet", "fatigue"],
        "symptom_course": [{"symptom": "fatigue", "course": "resolved"}],
        "labs": [
            {"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-01-02"},
            {"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-03-02"},
            {"analyte": "intrinsic_factor_antibody", "value": "negative"},
        ],
    }
)


def test_lab_readings_follow_the_labs_of_a_copy() -> None:
    assert [lab.printed for lab in PERSON.lab_results] == ["150 pmol/L", "300 pmol/L"]
    assert [r.value for r in PERSON.antibody_results] == ["negative"]
    copy = PERSON.model_copy(update={"labs": PERSON.labs[:1]})
    assert [lab.printed for lab in copy.lab_results] == ["150 pmol/L"]
    assert copy.antibody_results == []
    latest = copy.latest(PERSON.lab_results[0].analyte)
    assert latest is not None and latest.printed == "150 pmol/L"
    same = PERSON.model_copy(update={"age": 61})
    assert same.lab_results is PERSON.lab_results  # the labs are the same objects: kept


def test_current_symptoms_follow_the_course_of_a_copy() -> None:
    assert PERSON.current_symptoms == ["tingling feet"]
    copy = PERSON.model_copy(update={"symptom_course": []})
    assert copy.current_symptoms == ["tingling feet", "fatigue"]
    assert PERSON.current_symptoms == ["tingling feet"]


def test_pernicious_anaemia_named_follows_the_labs_and_conditions_of_a_copy() -> None:
    assert not pernicious_anaemia_named(PERSON)
    positive = {"analyte": "intrinsic_factor_antibody", "value": "positive"}
    labs = Person.model_validate({"age": 60, "sex": "female", "labs": [positive]}).labs
    assert pernicious_anaemia_named(PERSON.model_copy(update={"labs": labs}))
    named = PERSON.model_copy(update={"conditions": ["pernicious anaemia"]})
    assert pernicious_anaemia_named(named)
    assert not pernicious_anaemia_named(PERSON)
