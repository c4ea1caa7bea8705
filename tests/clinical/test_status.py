"""The combined status reading: conclusions, confounders as caveats, and the next test to order."""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.person import Person
from b12.core.status import interpret_status


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
    assert status.interpretation.basis == "cb12"
    assert status.interpretation.conclusion == "adequate"
    assert "cb12.fedosov2015.4marker" in status.rules


def test_indeterminate_total_b12_asks_for_mma_and_holotc_per_nice_ng239() -> None:
    status = interpret_status(person(labs=[lab("b12", 200, "pmol/L")]))
    assert status.interpretation.conclusion == "indeterminate"
    assert [t.test for t in status.next_tests] == ["mma", "holotc"]
    assert status.next_tests[0].rules == ("nice-ng239.indeterminate-next-mma",)


def test_indeterminate_with_raised_mma_says_it_supports_deficiency() -> None:
    status = interpret_status(person(labs=[lab("b12", 200, "pmol/L"), lab("mma", 420, "nmol/L")]))
    assert "MMA is raised" in status.interpretation.summary
    assert "egfr" in [t.test for t in status.next_tests]


def test_discordant_total_and_active_b12_cite_bsh_2014() -> None:
    status = interpret_status(person(labs=[lab("b12", 100, "pmol/L"), lab("holotc", 90, "pmol/L")]))
    assert status.interpretation.conclusion == "discordant"
    assert "discordant" in codes(status.caveats)


def test_no_first_line_test_asks_for_one() -> None:
    status = interpret_status(person(labs=[lab("folate", 20, "nmol/L")]))
    assert status.interpretation.conclusion == "no_first_line_test"
    assert status.next_tests[0].test == "b12_or_holotc"


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
    assert "holotc" in [t.test for t in status.next_tests]


def test_nitrous_oxide_asks_for_homocysteine_and_mma() -> None:
    status = interpret_status(
        person(conditions=["recreational nitrous oxide use"], labs=[lab("b12", 400, "pmol/L")])
    )
    assert "nitrous_oxide" in codes(status.caveats)
    assert {"hcy", "mma"} <= {t.test for t in status.next_tests}


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
    assert status.interpretation.conclusion == "deficiency_unlikely"


def test_cb12_markers_from_different_dates_are_flagged() -> None:
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
    caveat = next(c for c in status.caveats if c.code == "markers_different_dates")
    assert "60 days" in caveat.message


def test_under_16_is_outside_nice_scope() -> None:
    status = interpret_status(person(age=12, labs=[lab("b12", 300, "pmol/L")]))
    assert "age_scope" in codes(status.caveats)


def test_homocysteine_above_20_with_replete_folate_suggests_b12_harrington_2017() -> None:
    status = interpret_status(
        person(
            labs=[lab("b12", 200, "pmol/L"), lab("hcy", 21, "umol/L"), lab("folate", 25, "nmol/L")]
        )
    )
    harrington = [r for r in status.interpretation.readings if r.rule == "hcy.harrington2017.20"]
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
    lab_range = [
        r for r in status.interpretation.readings if r.rule == "bsh2014.local-reference-range"
    ]
    assert [r.category for r in lab_range] == [category]
