"""The status reading behind the judgment: conclusions, confounders as caveats, and the next test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core.person import Person
from b12.core.status.interpret import StatusResult
from b12.core.status.interpret import interpret_status as interpret

DAY = dt.date(2026, 11, 1)


def interpret_status(p: Person) -> StatusResult:
    return interpret(p, DAY)


def next_tests_of(status: StatusResult) -> list[str]:
    return [t.test for t in status.judgment.next_tests]


def person(**fields: Any) -> Person:
    base: dict[str, Any] = {"age": 60, "sex": "female", "labs": []}
    base.update(fields)
    return Person.model_validate(base)


def lab(analyte: str, value: float, unit: str, date: str | None = None) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": date}


def codes(items: Any) -> list[str]:
    return [item.code for item in items]


def test_all_four_markers_conclude_from_cb12() -> None:
    status = interpret_status(
        person(
            labs=[
                lab("b12", 300, "pmol/L"),
                lab("holotc", 60, "pmol/L"),
                lab("mma", 0.2, "umol/L"),
                lab("hcy", 10, "umol/L"),
            ]
        )
    )
    assert status.cb12.category == "adequate"
    assert status.judgment.level == "deficiency_unlikely"
    assert status.judgment.has("cb12_adequate")
    assert "cb12.fedosov2015.4marker" in status.rules


def test_indeterminate_total_b12_asks_for_mma_and_holotc_per_nice_ng239() -> None:
    status = interpret_status(person(labs=[lab("b12", 200, "pmol/L")]))
    assert status.judgment.level == "indeterminate"
    assert next_tests_of(status) == ["mma", "holotc"]
    assert status.judgment.next_tests[0].rules == ("nice-ng239.indeterminate-next-mma",)


def test_indeterminate_with_raised_mma_says_it_supports_deficiency() -> None:
    status = interpret_status(person(labs=[lab("b12", 200, "pmol/L"), lab("mma", 420, "nmol/L")]))
    assert status.judgment.level == "possible_functional_deficiency"
    assert status.judgment.has("mma_raised")
    assert "egfr" in next_tests_of(status)


def test_discordant_total_and_active_b12_cite_bsh_2014() -> None:
    status = interpret_status(person(labs=[lab("b12", 100, "pmol/L"), lab("holotc", 90, "pmol/L")]))
    assert status.judgment.level == "indeterminate"
    assert "discordant" in codes(status.judgment.advice)
    assert "bsh2014.discordant" in status.rules


def test_no_first_line_test_asks_for_one() -> None:
    status = interpret_status(person(labs=[lab("folate", 20, "nmol/L")]))
    assert status.judgment.level == "cannot_judge"
    assert next_tests_of(status)[0] == "total_b12"


@pytest.mark.parametrize(("egfr", "flagged"), [(59.9, True), (60, False)])
def test_kidney_caveat_below_egfr_60(egfr: float, flagged: bool) -> None:
    status = interpret_status(
        person(labs=[lab("b12", 300, "pmol/L"), lab("egfr", egfr, "mL/min/1.73m2")])
    )
    assert ("kidney_function" in codes(status.caveats)) is flagged


def test_egfr_is_estimated_from_creatinine_when_absent() -> None:
    status = interpret_status(
        person(age=80, labs=[lab("b12", 300, "pmol/L"), lab("creatinine", 1.6, "mg/dL")])
    )
    assert status.egfr_estimated and status.egfr is not None and status.egfr < 60
    assert "kidney_function" in codes(status.caveats)
    assert "egfr.ckd-epi-2021" in status.rules


def test_low_folate_caveat() -> None:
    status = interpret_status(person(labs=[lab("b12", 300, "pmol/L"), lab("folate", 3, "ng/mL")]))
    assert "low_folate" in codes(status.caveats)


def test_pregnancy_prefers_holotc() -> None:
    status = interpret_status(person(pregnant=True, age=30, labs=[lab("b12", 150, "pmol/L")]))
    assert "pregnancy" in codes(status.caveats)
    assert "holotc" in next_tests_of(status)


def test_nitrous_oxide_asks_for_homocysteine_and_mma() -> None:
    status = interpret_status(
        person(conditions=["recreational nitrous oxide use"], labs=[lab("b12", 400, "pmol/L")])
    )
    assert "nitrous_oxide" in codes(status.caveats)
    assert {"homocysteine", "mma"} <= set(next_tests_of(status))
    assert status.judgment.level == "indeterminate"  # a normal B12 cannot reassure here


def test_pernicious_anaemia_with_normal_b12_warns_of_assay_interference() -> None:
    status = interpret_status(
        person(conditions=["Pernicious anaemia suspected"], labs=[lab("b12", 400, "pmol/L")])
    )
    assert "pernicious_anaemia_assay" in codes(status.caveats)


def test_pernicious_anaemia_with_low_b12_has_no_interference_caveat() -> None:
    status = interpret_status(
        person(conditions=["pernicious anemia"], labs=[lab("b12", 100, "pmol/L")])
    )
    assert "pernicious_anaemia_assay" not in codes(status.caveats)


def test_supplement_and_biotin_caveats() -> None:
    status = interpret_status(
        person(
            medications=[{"name": "Methylcobalamin 1000 mcg"}, {"name": "Biotin 10 mg"}],
            labs=[lab("b12", 400, "pmol/L")],
        )
    )
    assert {"recent_supplement", "biotin"} <= set(codes(status.caveats))


def test_latest_result_of_each_marker_is_used() -> None:
    status = interpret_status(
        person(
            labs=[lab("b12", 400, "pmol/L", "2026-06-01"), lab("b12", 120, "pmol/L", "2025-01-01")]
        )
    )
    assert status.judgment.level == "deficiency_unlikely"


def test_cb12_is_not_computed_from_markers_of_different_samples() -> None:
    status = interpret_status(
        person(
            labs=[
                lab("b12", 300, "pmol/L", "2026-01-01"),
                lab("holotc", 60, "pmol/L", "2026-01-01"),
                lab("mma", 0.2, "umol/L", "2026-03-02"),
                lab("hcy", 10, "umol/L", "2026-01-01"),
            ]
        )
    )
    assert status.cb12.cb12 is None
    assert "one sample" in (status.cb12.reason or "")


def test_under_16_is_outside_nice_scope() -> None:
    status = interpret_status(person(age=12, labs=[lab("b12", 300, "pmol/L")]))
    assert "age_scope" in codes(status.caveats)


def test_homocysteine_above_20_with_replete_folate_suggests_b12_harrington_2017() -> None:
    status = interpret_status(
        person(
            labs=[lab("b12", 200, "pmol/L"), lab("hcy", 21, "umol/L"), lab("folate", 25, "nmol/L")]
        )
    )
    harrington = [r for r in status.readings if r.rule == "hcy.harrington2017.20"]
    assert harrington[0].category == "suggests_b12_deficiency"


@pytest.mark.parametrize(
    ("value", "category"),
    [(140, "below_range"), (145, "within_range"), (569, "within_range"), (570, "above_range")],
)
def test_lab_reference_range_reading_bsh_2014(value: float, category: str) -> None:
    status = interpret_status(
        person(
            labs=[
                {
                    "analyte": "b12",
                    "value": value,
                    "unit": "pmol/L",
                    "reference_range": {"low": 145, "high": 569},
                }
            ]
        )
    )
    lab_range = [r for r in status.readings if r.rule == "bsh2014.local-reference-range"]
    assert [r.category for r in lab_range] == [category]
