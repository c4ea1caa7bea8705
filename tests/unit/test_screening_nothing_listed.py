"""Screening's readers answer early when nothing is listed (most people list no condition,
symptom, medicine or operation): the early answers are the ones the full readers give, and a copy
that lists something is read in full."""

from __future__ import annotations

import datetime as dt

from b12.core.person import Person
from b12.core.screening import surgery
from b12.core.screening.medications import taken_on
from b12.core.screening.screen import (
    _each_once,
    lifelong_cause,
    nerve_conditions,
    screen,
    symptom_codes,
)
from b12.core.screening.terms import CONDITION_TERMS, classify_texts, mentions

DAY = dt.date(2026, 6, 1)
NOTHING = Person.model_validate(
    {"age": 60, "sex": "female", "labs": [{"analyte": "b12", "value": 300, "unit": "pmol/L"}]}
)
POSITIVE = {"analyte": "intrinsic_factor_antibody", "value": "positive"}


def test_nothing_listed_reads_as_nothing() -> None:
    assert taken_on(NOTHING, DAY) == []
    assert symptom_codes(NOTHING) == (frozenset(), frozenset())
    assert nerve_conditions(NOTHING) == []
    assert surgery.irreversible_cause(NOTHING) is None
    assert not surgery.has_malabsorption(NOTHING)
    assert not surgery.pernicious_anaemia(NOTHING)
    assert not surgery.pernicious_anaemia_diagnosed(NOTHING)
    assert surgery.operations(NOTHING) == set()
    found = screen(NOTHING, DAY)
    assert found.medications == () and found.findings == () and found.symptoms == ()
    assert [rf.code for rf in found.risk_factors] == ["older_adult"]


def test_an_antibody_alone_is_pernicious_anaemia() -> None:
    person = Person.model_validate({"age": 60, "sex": "female", "labs": [POSITIVE]})
    assert surgery.irreversible_cause(person) == surgery.PERNICIOUS_ANAEMIA
    assert lifelong_cause(person) == surgery.PERNICIOUS_ANAEMIA
    assert surgery.has_malabsorption(person)
    assert surgery.pernicious_anaemia(person)
    assert surgery.pernicious_anaemia_diagnosed(person)
    assert screen(person, DAY).has("pernicious_anaemia")


def test_a_copy_that_lists_something_is_read_in_full() -> None:
    assert surgery.irreversible_cause(NOTHING) is None
    operated = NOTHING.model_copy(update={"conditions": ["total gastrectomy 2019"]})
    assert surgery.irreversible_cause(operated) == "total gastrectomy"
    assert surgery.has_malabsorption(operated)
    numb = NOTHING.model_copy(update={"symptoms": ["numb feet"]})
    assert symptom_codes(numb) == (frozenset({"neuropathy"}), frozenset())
    on_tablets = NOTHING.model_copy(
        update={
            "medications": Person.model_validate(
                {"age": 60, "sex": "female", "medications": [{"name": "metformin"}]}
            ).medications
        }
    )
    assert [m.name for m in taken_on(on_tablets, DAY)] == ["metformin"]
    assert screen(on_tablets, DAY).has("medication.metformin")


def test_readers_of_texts_take_any_iterable() -> None:
    # A generator is always true, so the early answer for an empty list never skips one.
    assert mentions((t for t in ["vegan mother"]), ("vegan",))
    assert not mentions([], ("vegan",))
    codes, unmatched = classify_texts((t for t in ["coeliac disease", "bunion"]), CONDITION_TERMS)
    assert codes == {"coeliac_disease": ["coeliac disease"]} and unmatched == ["bunion"]
    assert classify_texts([], CONDITION_TERMS) == ({}, [])


def test_rules_each_once_in_order() -> None:
    assert _each_once(["b", "a", "b", "c", "a"]) == ("b", "a", "c")
    assert _each_once([]) == ()
