"""Round-6 red-team findings, each a person file and what its source requires: NICE NG239's
bands as worded ("less than 180 ng/L (133 pmol/L)"), person-file.md ("a censored value is never
used as an exact number"), DECISIONS.md ("Neurological symptoms with anything but a clearly
adequate, unconfounded status: urgent"), BNF (the neurological regimen when nerves are
involved), and the result-age rule (status.result_age.current-result-window).
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Direction, Level, Urgency
from b12.services.assess import assess_person

DAY = "2026-11-01"


def lab(analyte: str, value: float | str, unit: str, date: str = DAY) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": date}


def assess(**fields: Any) -> Assessment:
    data = {"age": 60, "sex": "female", "assessed_on": "2026-11-05", **fields}
    return assess_person(Person.model_validate(data))


def functional(a: Assessment) -> dict[str, Direction]:
    return {e.code: e.direction for e in a.status.judgment.evidence if e.kind == "functional"}


@pytest.mark.parametrize(
    ("value", "unit", "level"),
    [
        ("<180", "ng/L", Level.DEFICIENCY_LIKELY),  # every value below 180 is deficient
        ("<133", "pmol/L", Level.DEFICIENCY_LIKELY),
        ("<=180", "ng/L", Level.INDETERMINATE),  # 180 itself is "180 to 350": spans
        (">350", "ng/L", Level.DEFICIENCY_UNLIKELY),  # "more than 350 ng/L"
    ],
)
def test_a_censored_b12_on_an_ng239_edge_takes_the_band_of_its_side(
    value: str, unit: str, level: Level
) -> None:
    assert assess(labs=[lab("b12", value, unit)]).status.judgment.level is level


@pytest.mark.parametrize(
    ("analyte", "value", "direction"),
    [
        ("mma", ">0.25", Direction.INCONCLUSIVE),  # could be 0.26 or 0.9
        ("mma", "<0.3", Direction.INCONCLUSIVE),  # could be 0.1 or 0.29
        ("mma", ">0.3", Direction.SUPPORTS),
        ("mma", "<0.2", Direction.ARGUES_AGAINST),
        ("hcy", "<20", Direction.INCONCLUSIVE),
        ("hcy", ">12", Direction.INCONCLUSIVE),
    ],
)
def test_a_censored_functional_marker_is_read_only_when_its_side_is_settled(
    analyte: str, value: str, direction: Direction
) -> None:
    a = assess(labs=[lab("b12", 300, "pmol/L"), lab(analyte, value, "umol/L")])
    assert list(functional(a).values()) == [direction]


def test_a_censored_mma_below_a_high_limit_is_never_highly_suggestive() -> None:
    a = assess(labs=[lab("b12", 300, "pmol/L"), lab("mma", "<1.0", "umol/L")])
    assert "mma_highly_suggestive" not in functional(a)


def test_nerve_symptoms_with_censored_markers_are_urgent() -> None:
    # U1: B12 300, MMA ">0.25", homocysteine ">12", new tingling: not "unlikely".
    a = assess(
        symptoms=["tingling in feet"],
        labs=[
            lab("b12", 300, "pmol/L"),
            lab("mma", ">0.25", "umol/L"),
            lab("hcy", ">12", "umol/L"),
        ],
    )
    assert a.status.judgment.level is Level.INDETERMINATE
    assert a.status.judgment.urgency is Urgency.URGENT


def test_a_censored_holotc_gets_no_valente_reading_as_an_exact_number() -> None:
    a = assess(labs=[lab("holotc", "<50", "pmol/L")])
    assert all("Valente" not in r.scheme for r in a.status.readings)


def test_new_nerve_symptoms_on_maintenance_injections_are_urgent() -> None:
    # U5: 3-monthly hydroxocobalamin since 2019, numbness new in October 2026.
    a = assess(
        symptoms=["numbness in feet"],
        symptom_course=[{"symptom": "numbness in feet", "course": "new", "onset": "2026-10-15"}],
        medications=[
            {
                "name": "hydroxocobalamin",
                "dose": "1 mg every 3 months",
                "route": "intramuscular",
                "start_date": "2019-06-01",
            }
        ],
        labs=[lab("b12", 600, "pmol/L")],
    )
    assert a.status.judgment.urgency is Urgency.URGENT


def test_long_standing_nerve_symptoms_on_injections_stay_with_their_clinician() -> None:
    a = assess(
        symptoms=["numbness in feet"],
        symptom_course=[{"symptom": "numbness in feet", "course": "long_standing"}],
        medications=[{"name": "hydroxocobalamin injection", "start_date": "2019-06-01"}],
    )
    assert a.status.judgment.urgency is not Urgency.URGENT


def test_biotin_with_memory_problems_is_not_reassuring_and_asks_for_a_functional_test() -> None:
    # U6: B12 500 under biotin with memory problems: not "unlikely" beside an urgent nerve item.
    a = assess(
        symptoms=["memory problems"],
        medications=[{"name": "biotin", "dose": "10 mg daily"}],
        labs=[lab("b12", 500, "pmol/L")],
    )
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE and j.urgency is Urgency.URGENT
    assert {"mma", "homocysteine"} <= {t.test for t in j.next_tests}


def test_an_untreated_low_result_over_a_year_old_is_retested_soon() -> None:
    # U10: B12 110 pmol/L 366 days before the assessment, never treated: not routine.
    a = assess(labs=[lab("b12", 110, "pmol/L", "2025-11-04")])
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert j.urgency is Urgency.SOON and "old_low_result" in {r.code for r in j.urgency_reasons}


def test_a_resolved_nitrous_oxide_use_is_history_not_an_exposure() -> None:
    # C3: use ended 2014; B12 450 now: no "stop using nitrous oxide", no urgency.
    a = assess(
        age=35,
        conditions=["nitrous oxide use"],
        condition_dates=[
            {"condition": "nitrous oxide use", "onset": "2012-01-01", "resolved_on": "2014-06-01"}
        ],
        labs=[lab("b12", 450, "pmol/L")],
    )
    j = a.status.judgment
    assert j.advice_on("stop_nitrous_oxide") is None and j.urgency is Urgency.ROUTINE


INJECTIONS = {
    "name": "hydroxocobalamin",
    "dose": "1 mg three times a week for 2 weeks",
    "route": "intramuscular",
    "start_date": DAY,
}


def test_a_sample_taken_the_day_injections_start_is_the_baseline() -> None:
    # C1: B12 90, Hb 95, MCV 110 drawn the day the first injection is given: before treatment.
    a = assess(
        assessed_on=DAY,
        medications=[INJECTIONS],
        labs=[lab("b12", 90, "pmol/L"), lab("hemoglobin", 95, "g/L"), lab("mcv", 110, "fL")],
    )
    j = a.status.judgment
    assert {e.code for e in j.evidence} >= {
        "b12_before_treatment",
        "anaemia_before_treatment",
        "macrocytosis_before_treatment",
    }
    assert all(r.used for r in j.results)  # the baseline explains the start
    assert j.response == "too_early"


def test_a_blood_count_from_before_treatment_asks_for_a_new_one() -> None:
    # C2: anaemia in 2018 before injections began in 2019: not today's blood count.
    a = assess(
        conditions=["pernicious anaemia"],
        medications=[{**INJECTIONS, "dose": "1 mg every 3 months", "start_date": "2019-01-01"}],
        labs=[lab("hemoglobin", 85, "g/L", "2018-12-01"), lab("mcv", 115, "fL", "2018-12-01")],
    )
    j = a.status.judgment
    assert "blood_count" not in {r.code for r in j.urgency_reasons}
    assert "full_blood_count" in {t.test for t in j.next_tests}


def test_two_disagreeing_results_of_one_day_settle_nothing() -> None:
    # C6: B12 100 and 900 pmol/L on the same day: neither is "an earlier result".
    a = assess(labs=[lab("b12", 100, "pmol/L"), lab("b12", 900, "pmol/L")])
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE
    assert all(r.used for r in j.results)
    assert "earlier result" not in " ".join(r.why for r in j.results)


def test_a_low_b12_in_pregnancy_settled_by_a_normal_holotc_is_not_urgent() -> None:
    # Found by the property "urgent plan item exactly when the judgment is urgent": a low total
    # B12 that pregnancy lowered, with a normal active B12, is deficiency unlikely, not urgent.
    a = assess(
        age=30,
        pregnant=True,
        labs=[lab("b12", 120, "pmol/L"), lab("holotc", 90, "pmol/L")],
    )
    assert a.status.judgment.level is Level.DEFICIENCY_UNLIKELY
    assert a.status.judgment.urgency is not Urgency.URGENT


@pytest.mark.parametrize(
    ("symptoms", "urgency"), [([], Urgency.ROUTINE), (["tiredness"], Urgency.SOON)]
)
def test_untested_in_pregnancy_is_soon_only_with_symptoms(
    symptoms: list[str], urgency: Urgency
) -> None:
    # Vignette pe-preg-vegan-untested-no-symptoms: routine; with a symptom DECISIONS.md's
    # "pregnancy -> see a clinician promptly" stands, and the plan says "promptly" with it.
    a = assess(age=30, pregnant=True, diet="vegan", symptoms=symptoms)
    assert a.status.judgment.urgency is urgency
    assert a.plan is not None
    text = " ".join(i.text for i in a.plan.items if i.id == "referral.pregnancy")
    assert ("promptly" in text) is (urgency is Urgency.SOON)
