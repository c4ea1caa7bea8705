"""No advice makes treatment wait when the judgment says it should not (red team round 16b, F3):
with strong clinical features or nerve symptoms beside a status that is not settled, BSH 2014 says
"treatment should not be delayed", so no advice or plan item says a clinician weighs another
explanation "before treating" or that treatment "is considered if" a further test is low."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from b12.core.person import Person
from b12.services.assess import assess_person
from tests.clinical.story_checks import plan_text
from tests.property.test_judgment_consistency import DAY, persons

WAITING = ("weighs it before treating", "treatment is considered if")


@st.composite
def with_explanations(draw: st.DrawFn) -> dict[str, Any]:
    """Generated persons, often with an explanation of a raised MMA (kidney function, age)."""
    data = draw(persons())
    labs = list(data["labs"])
    if draw(st.booleans()):
        labs.append({"analyte": "egfr", "value": 35, "unit": "mL/min/1.73m2", "date": DAY})
    if draw(st.booleans()) and data["age"] >= 18 and not data.get("pregnant"):
        data = {**data, "age": draw(st.integers(65, 95))}
    if draw(st.booleans()):  # round 16b, n15: a normal B12 beside a mildly raised MMA
        b12 = {"analyte": "b12", "value": draw(st.floats(260, 600)), "unit": "pmol/L", "date": DAY}
        mma = {"analyte": "mma", "value": draw(st.floats(0.28, 0.7)), "unit": "umol/L", "date": DAY}
        labs = [lab for lab in labs if lab["analyte"] not in ("b12", "mma")] + [b12, mma]
    return {**data, "labs": labs}


@given(with_explanations())
@settings(max_examples=150, deadline=None)
def test_no_advice_makes_treatment_wait_when_it_should_not(data: dict[str, Any]) -> None:
    a = assess_person(Person.model_validate(data))
    j = a.status.judgment
    if j.advice_on("do_not_delay") is None:
        return
    said = " ".join([plan_text(a), *(f.message for f in j.advice)])
    assert not any(w in said for w in WAITING), said
