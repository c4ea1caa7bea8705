"""Round-11 red-team findings on the round-7 rules (over-reach both ways): a sample taken during an
injection course is not readable (DECISIONS.md); an older child's tingling is read against the
lab's range as an adult's would be, only a baby's or young child's signs outweigh it (infant case
series); on tablets serum B12 shows the response (only injections raise it whatever the state); a
course given after a raised MMA or homocysteine makes it history to repeat."""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Response, Urgency
from b12.services.assess import assess_person

RANGE = {"low": 150, "high": 700}


def lab(analyte: str, value: float, date: str, unit: str = "pmol/L", **more: Any) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": date, **more}


def med(name: str, route: str, start: str, stop: str | None = None, dose: str = "1 mg") -> dict:
    return {"name": name, "route": route, "dose": dose, "start_date": start, "stop_date": stop}


def assess(**fields: Any) -> Assessment:
    data = {"age": 50, "sex": "female", "assessed_on": "2026-12-01", **fields}
    return assess_person(Person.model_validate(data))


def plan_text(a: Assessment) -> str:
    assert a.plan is not None
    return " ".join(i.text for i in a.plan.items)


def test_a_sample_taken_during_an_injection_course_cannot_be_read() -> None:
    a = assess(
        medications=[med("hydroxocobalamin", "intramuscular", "2026-08-01", "2026-11-20")],
        labs=[lab("b12", 400, "2026-11-02")],
    )
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert "within 3 months of a B12 injection" in j.headline
    assert not any(r.used for r in j.results if r.analyte == "b12")


def test_a_15_year_olds_tingling_with_an_in_range_b12_is_read_as_at_16() -> None:
    for age in (15, 16):
        j = assess(
            age=age,
            symptoms=["tingling"],
            labs=[lab("b12", 600, "2026-11-30", reference_range=RANGE)],
        ).status.judgment
        assert j.level is Level.DEFICIENCY_UNLIKELY and j.urgency is Urgency.SOON


def test_a_toddlers_delay_with_normal_b12_mma_and_homocysteine_looks_for_other_causes() -> None:
    j = assess(
        age=2,
        symptoms=["developmental delay"],
        labs=[
            lab("b12", 400, "2026-11-30", reference_range=RANGE),
            lab("mma", 0.2, "2026-11-30", "umol/L"),
            lab("hcy", 8, "2026-11-30", "umol/L"),
        ],
    ).status.judgment
    assert j.level is Level.DEFICIENCY_UNLIKELY and j.urgency is Urgency.SOON
    assert [r.code for r in j.urgency_reasons] == ["neurological_other_cause"]


def test_a_childs_signs_without_a_lab_range_ask_for_homocysteine_and_mma() -> None:
    j = assess(
        age=3, symptoms=["food refusal"], labs=[lab("b12", 450, "2026-11-30")]
    ).status.judgment
    assert j.urgency is Urgency.SOON
    assert {"mma", "homocysteine"} <= {t.test for t in j.next_tests}


def test_urgent_nerve_signs_in_a_baby_are_not_also_called_soon() -> None:
    j = assess(
        age=0.75, symptoms=["low tone"], labs=[lab("b12", 230, "2026-11-30", reference_range=RANGE)]
    ).status.judgment
    assert j.urgency is Urgency.URGENT
    assert "child_signs" not in {r.code for r in j.urgency_reasons}


def test_tablets_that_leave_b12_low_are_not_improving() -> None:
    a = assess(
        age=62,
        medications=[med("cyanocobalamin", "oral", "2026-05-01", dose="50 micrograms daily")],
        labs=[lab("b12", 120, "2026-04-20"), lab("b12", 130, "2026-10-01")],
    )
    assert a.status.judgment.response is Response.NOT_IMPROVING
    assert "or to tablets" not in plan_text(a)


def test_a_course_after_a_raised_mma_makes_it_history_to_repeat() -> None:
    j = assess(
        age=68,
        medications=[med("cyanocobalamin", "oral", "2026-03-10", "2026-06-10")],
        labs=[lab("mma", 0.6, "2026-03-01", "umol/L"), lab("b12", 400, "2026-10-01")],
    ).status.judgment
    assert j.level is Level.INDETERMINATE
    assert "mma" in {t.test for t in j.next_tests}
    assert not any(f.code.startswith("untreated_") for f in j.advice)


def test_folic_acid_after_a_raised_homocysteine_is_its_treatment() -> None:
    j = assess(
        medications=[med("folic acid", "oral", "2026-03-20", "2026-07-20", dose="5 mg")],
        labs=[lab("hcy", 25, "2026-03-01", "umol/L"), lab("b12", 400, "2026-10-01")],
    ).status.judgment
    assert not any(f.code.startswith("untreated_") for f in j.advice)
    assert j.level is Level.INDETERMINATE


def test_a_high_b12_beside_a_raised_mma_still_offers_treatment() -> None:
    a = assess(
        labs=[
            lab("b12", 1100, "2026-11-30", reference_range={"low": 180, "high": 640}),
            lab("mma", 0.6, "2026-11-30", "umol/L"),
            lab("egfr", 80, "2026-11-30", "mL/min/1.73m2"),
        ]
    )
    assert a.status.judgment.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY
    # The treatment step is offered (here: find the cause first), not withheld as for a high B12
    # alone.
    assert a.plan is not None and "supplement.find_cause" in {i.id for i in a.plan.items}


def test_a_child_after_ileal_resection_needs_b12_for_life() -> None:
    a = assess(
        age=6, surgery=[{"procedure": "ileal_resection", "date": "2024-01-01", "extent": "total"}]
    )
    assert "B12 is needed for life" in plan_text(a)


def test_a_teenager_breastfeeding_her_baby_is_not_told_to_check_the_mother() -> None:
    a = assess(age=15, conditions=["breastfeeding her baby"], labs=[lab("b12", 400, "2026-11-30")])
    assert "mother should have her own B12" not in plan_text(a)
