"""How long a result describes current status (:mod:`b12.core.status.result_age`).

No guideline gives a validity period: labs publish only minimum re-test intervals (Leeds Teaching
Hospitals 56 days, "still valid"; RUH Bath 42 days; Pathlab NZ 6 months), and BNSSG notes
"significant fluctuation in individuals over time". b12 reads a marker or blood count as current
for 12 months - a product choice, registered ``unverified`` and said in the output (vignette
ric-old-b12-2016-only: "Any fixed age limit b12 uses ... is a PRODUCT CHOICE and must be stated as
such"). On treatment, earlier results stay readable: they explain why treatment started.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core import sources
from b12.core.person import Person
from b12.core.rules import Evidence, get
from b12.core.status import result_age
from b12.core.status.interpret import interpret_status
from b12.core.status.judgment import Level
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

RULES = {
    "status.result_age.current-result-window": (
        sources.B12_JUDGMENT,
        Evidence.UNVERIFIED,
        {"CURRENT_RESULT_MONTHS": 12.0},
    ),
}
test_declares, test_cites = rule_table_tests("b12.core.status.result_age", RULES)
test_parameters = parameter_tests(RULES, result_age)
DAY = dt.date(2026, 3, 1)


def test_the_rule_says_it_is_a_product_choice() -> None:
    assert "product choice" in (get("status.result_age.current-result-window").note or "")


@pytest.mark.parametrize(
    ("days", "current"),
    [(0, True), (365, True), (int(12 * 30.44), True), (int(12 * 30.44) + 1, False), (3650, False)],
)
def test_twelve_months_is_still_current(days: int, current: bool) -> None:
    assert result_age.is_current(DAY - dt.timedelta(days=days), DAY) is current


def test_an_undated_result_is_current() -> None:
    assert result_age.is_current(None, DAY)


def person(labs: list[dict[str, Any]], **fields: Any) -> Person:
    return Person.model_validate({"age": 74, "sex": "male", "labs": labs, **fields})


def test_a_ten_year_old_normal_b12_is_not_read_as_current_status() -> None:
    p = person([{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2016-04-12"}])
    j = interpret_status(p, DAY).judgment
    assert j.level is Level.CANNOT_JUDGE
    assert "total_b12" in {t.test for t in j.next_tests}
    assert [r.used for r in j.results] == [False]
    assert any("2016-04-12" in e.message for e in j.evidence)


def test_an_old_low_b12_still_explains_treatment_started_after_it() -> None:
    p = person(
        [{"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2020-01-10"}],
        medications=[
            {"name": "hydroxocobalamin", "route": "intramuscular", "start_date": "2020-02-01"}
        ],
    )
    j = interpret_status(p, DAY).judgment
    assert j.level is Level.ON_TREATMENT
    assert any(e.code == "b12_before_treatment" for e in j.evidence)
