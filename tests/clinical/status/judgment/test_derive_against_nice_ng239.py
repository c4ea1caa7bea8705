"""From evidence to level (:mod:`b12.core.status.judgment.derive`) against NICE NG239.

NICE NG239 via the BMJ summary (Sands T et al. BMJ 2024;385:q1019; evidence.md §2.2, [V]): "Offer an
initial diagnostic test (total or active B12) for suspected deficiency ..." (rule
``nice-ng239.first-line-test``), and "Consider a further test to measure serum methylmalonic acid
concentrations in people who have symptoms or signs of vitamin B12 deficiency and an indeterminate
total or active B12 test result".

The order of the levels is the module's (DECISIONS.md "One judgment"): strong support (MMA above
0.75 µmol/L, Practical Neurology: "an MMA above 0.75 µmol/L is highly suggestive", evidence.md §2.6)
is ``deficiency_likely``; a raised functional marker alone is ``possible_functional_deficiency``;
without a first-line, functional or combined result the judgment is ``cannot_judge``.

Units: B12 pmol/L; MMA µmol/L.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core import rules, sources
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.core.status.interpret import StatusResult, interpret_status
from b12.core.status.judgment import Level, derive

DAY = dt.date(2026, 11, 1)
EPS = 1e-6


def test_the_first_line_rule_cites_nice_ng239_verified() -> None:
    declared = [
        r.id for r in rules.REGISTRY.values() if r.module == "b12.core.status.judgment.derive"
    ]
    assert declared == [
        "nice-ng239.first-line-test",
        "status.judgment.derive.oral-treatment-after-indeterminate",
        "status.judgment.derive.pregnancy-low-b12-with-signs",
    ]
    rule = rules.get(derive.RULE_FIRST_LINE)
    assert (rule.source.key, rule.evidence, dict(rule.parameters)) == (
        sources.NICE_NG239.key,
        Evidence.VERIFIED,
        {},
    )


def test_pregnancy_with_signs_cites_sps_verified() -> None:
    # SPS (read on its own page): treatment "should not be withheld for pregnant women who
    # present with symptoms of vitamin B12 deficiency such as megaloblastic anaemia".
    rule = rules.get(derive.RULE_PREGNANCY_WITH_SIGNS)
    assert (rule.source.key, rule.evidence) == (sources.SPS_B12_PREGNANCY.key, Evidence.VERIFIED)


def lab(analyte: str, value: float, unit: str) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": "2026-11-01"}


def status(**fields: Any) -> StatusResult:
    return interpret_status(Person.model_validate({"age": 50, "sex": "female", **fields}), DAY)


@pytest.mark.parametrize(
    "labs", [[], [lab("folate", 20, "nmol/L")], [lab("hemoglobin", 13, "g/dL")]]
)
def test_without_a_first_line_test_the_next_test_is_total_or_active_b12(
    labs: list[dict[str, Any]],
) -> None:
    s = status(symptoms=["fatigue"], labs=labs)
    assert s.judgment.level is Level.CANNOT_JUDGE
    first = s.judgment.next_tests[0]
    assert (first.test, first.rules) == ("total_b12", (derive.RULE_FIRST_LINE,))


def test_a_first_line_result_needs_no_first_line_test() -> None:
    s = status(labs=[lab("b12", 400, "pmol/L")])
    assert derive.RULE_FIRST_LINE not in [r for t in s.judgment.next_tests for r in t.rules]


@pytest.mark.parametrize(
    ("mma", "level"),
    [
        (0.75 - EPS, Level.POSSIBLE_FUNCTIONAL_DEFICIENCY),
        (0.75, Level.POSSIBLE_FUNCTIONAL_DEFICIENCY),
        (0.75 + EPS, Level.DEFICIENCY_LIKELY),
    ],
)
def test_mma_above_0_75_is_strong_support_even_with_a_normal_b12(mma: float, level: Level) -> None:
    s = status(labs=[lab("b12", 400, "pmol/L"), lab("mma", mma, "umol/L")])
    assert s.judgment.level is level


def test_a_functional_marker_without_a_first_line_result_still_judges() -> None:
    s = status(labs=[lab("mma", 0.5, "umol/L")])
    assert s.judgment.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY


def test_indeterminate_total_b12_asks_for_mma_per_nice_ng239() -> None:
    s = status(labs=[lab("b12", 200, "pmol/L")])
    assert s.judgment.level is Level.INDETERMINATE
    assert s.judgment.next_tests[0].test == "mma"
