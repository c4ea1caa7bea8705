"""Round-12 red-team findings left at the last stop, now fixed: a child's B12 without the lab's
range is named as unread (never "no B12 result") and homocysteine and MMA are asked for when adult
bands would call it low or borderline (Irevall et al. Acta Paediatr 2017: infant deficiency is a
low B12 and/or raised homocysteine or MMA); a child's "breastfed" is read, so it is never listed
as a condition b12 does not read; pernicious anaemia "no longer" present is still a lifelong cause
(NICE NG239) — see tests/clinical/screening for the reading itself."""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level
from b12.services.assess import assess_person

RULE = "status.judgment.rules.child-unread-b12-functional"


def assess(b12: float | None, age: float = 0.5, **fields: Any) -> Assessment:
    labs = [] if b12 is None else [{"analyte": "b12", "value": b12, "unit": "pmol/L",
                                     "date": "2026-11-01"}]  # fmt: skip
    data = {"age": age, "sex": "male", "assessed_on": "2026-11-02", "labs": labs, **fields}
    return assess_person(Person.model_validate(data))


BREASTFED_BABY = {"conditions": ["breastfed", "mother has untreated pernicious anaemia"]}


def test_a_babys_borderline_b12_without_a_range_asks_for_homocysteine_and_mma() -> None:
    a = assess(190, **BREASTFED_BABY)
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert "paediatric clinician" in j.headline and "no B12" not in j.headline
    tests = {t.test: t for t in j.next_tests}
    assert {"mma", "homocysteine"} <= set(tests)
    assert RULE in tests["mma"].rules and RULE in a.status.rules
    assert a.screening is not None
    unread = [f for f in a.screening.findings if f.code == "unrecognised_condition"]
    assert not any("breastfed" in f.message for f in unread)


@pytest.mark.parametrize("age", [0.5, 9])
def test_a_childs_b12_that_adult_bands_call_normal_is_unread_without_functional_tests(
    age: float,
) -> None:
    j = assess(600, age=age).status.judgment
    assert "paediatric clinician" in j.headline
    assert not {"mma", "homocysteine"} & {t.test for t in j.next_tests}


def test_the_childs_result_read_against_the_labs_range_keeps_its_reading() -> None:
    labs = [{"analyte": "b12", "value": 190, "unit": "pmol/L", "date": "2026-11-01",
             "reference_range": {"low": 150, "high": 700}}]  # fmt: skip
    j = assess(None, labs=labs).status.judgment
    assert j.level is not Level.CANNOT_JUDGE and "paediatric clinician to read" not in j.headline


def test_an_adult_without_results_keeps_the_no_result_headline() -> None:
    j = assess(None, age=40).status.judgment
    assert j.headline.startswith("B12 status cannot be judged yet: no B12, MMA or homocysteine")


def test_an_adults_breastfed_is_still_named_as_not_read() -> None:
    a = assess(300, age=40, conditions=["breastfed as a baby"])
    assert a.screening is not None
    assert any(f.code == "unrecognised_condition" for f in a.screening.findings)
