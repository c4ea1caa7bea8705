"""Red-team round-15 findings 31, 03, 04, 05 and 18 (screening and the plan's test items), each
built from the red team's person file (copied here as data) and its neighbours the other way, each
checked for self-contradiction between the screening line, the judgment and the plan.

- NICE NG239 via the BMJ summary (Sands T et al. BMJ 2024;385:q1019; rule
  screening.nice-ng239.offer-test): "Offer an initial diagnostic test (total or active B12) for
  suspected deficiency to people who have at least one common symptom or sign and at least one
  common risk factor".
- DECISIONS.md "Who to test": "Without symptoms, b12 still lists the risk factors present and says
  that screening is worth discussing" (rule screening.discuss-without-symptoms).
- Pulse's NG239 summary (rule screening.rules.symptoms-without-risk-factor): "clinical judgement often
  leads to testing of those with symptoms who may not fall into a typical at-risk group" - the
  clinician's call, not NG239's offer.
- NG239's risk-factor box (Pulse, rule screening.risk.medicines.nice-ng239) lists PPIs without a
  duration; Miller 2018 (rule screening.risk.ppi-h2ra-duration): "HR 1.83 ... with >= 10 months
  use". A 2-month PPI is a listed risk factor, but the raised risk was measured at >= 10 months.
- NG239 scope (rule nice-ng239.scope-over-16): "This guideline covers ... people aged 16 and over".
- NG239 bands: "> 350 ng/L (258 pmol/L)" deficiency unlikely; DECISIONS.md: neurological symptoms
  are urgent "with anything but a clearly adequate, unconfounded status" - a done, normal test is
  not urgent testing (finding 31).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category
from b12.core.screening.model import Recommendation
from b12.core.status.judgment import Level, Urgency
from b12.fhir.writer import assessment_bundle
from b12.reports.terminal_plan import screening_panel
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text

ASSESSED = "2026-12-01"
ASK_FIRST_LINE = "Ask for a B12 blood test"


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def item_ids(a: Assessment) -> set[str]:
    assert a.plan is not None
    return {i.id for i in a.plan.items}


def screening_text(a: Assessment) -> str:
    assert a.screening is not None
    console = Console(width=200, record=True)
    console.print(screening_panel(a.screening))
    return console.export_text()


def asks_for_first_line(a: Assessment) -> bool:
    return bool({"test.total_b12", "test.holotc"} & item_ids(a))


def assert_plan_follows_screening(a: Assessment) -> None:
    """The plan asks for the first-line test only where the screening line offers it (or testing
    has a priority); "discuss" lines get a discuss item, never "Ask for a B12 blood test"."""
    assert a.screening is not None
    assert_consistent(a)
    found = a.screening
    pressing = (
        found.priority in ("high", "urgent") or a.status.judgment.urgency is not Urgency.ROUTINE
    )
    untested = a.status.judgment.level is Level.CANNOT_JUDGE
    if untested and found.recommendation is Recommendation.OFFER_TEST:
        assert asks_for_first_line(a)
    if untested and found.recommendation is not Recommendation.OFFER_TEST and not pressing:
        assert not asks_for_first_line(a)
        assert ASK_FIRST_LINE not in plan_text(a)


# --- finding 31: 31-neuro-normal-b12-mma.yaml -----------------------------------------------------
F31: dict[str, Any] = {
    "age": 58,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["type 2 diabetes"],
    "medications": [{"name": "metformin", "start_date": "2019-01-01"}],
    "symptoms": ["tingling in both feet"],
    "labs": [
        {"analyte": "b12", "value": 500, "unit": "pmol/L", "date": "2026-12-01"},
        {"analyte": "mma", "value": 0.20, "unit": "umol/L", "date": "2026-12-01"},
    ],
    "assessed_on": ASSESSED,
}


def test_done_normal_test_is_not_urgent_testing() -> None:
    a = assess(F31)
    assert_consistent(a)
    j = a.status.judgment
    assert a.screening is not None
    assert j.level is Level.DEFICIENCY_UNLIKELY
    assert j.urgency is not Urgency.URGENT
    # Testing is done: the judgment's urgency governs, and no interface shows "urgent testing".
    assert a.screening.already_tested
    assert a.screening.priority == "tested"
    assert "Testing priority" not in screening_text(a)
    assert "first-line B12 result is already available" in a.screening.summary
    assert a.plan is not None
    assert not any(i.category is Category.URGENT for i in a.plan.items)
    # The nerve symptoms still need a doctor, for other causes (BSH 2014).
    assert "referral.find-cause" in {r for i in a.plan.items for r in i.rules}


def test_untested_nerve_symptoms_keep_urgent_testing() -> None:
    a = assess({k: v for k, v in F31.items() if k != "labs"})
    assert a.screening is not None
    assert a.screening.priority == "urgent"
    assert "Testing priority: urgent" in screening_text(a)
    assert a.status.judgment.urgency is Urgency.URGENT
    assert asks_for_first_line(a)  # NG239: a symptom and a risk factor
    assert_plan_follows_screening(a)


def test_tested_low_b12_with_nerve_symptoms_stays_urgent_in_the_judgment() -> None:
    low = [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-12-01"}]
    a = assess({**F31, "labs": low})
    assert a.screening is not None
    assert a.screening.priority == "tested"  # the judgment governs ...
    assert a.status.judgment.urgency is Urgency.URGENT  # ... and it is urgent
    assert_consistent(a)


# --- finding 03: 03-ppi-2-months-asymptomatic.yaml ------------------------------------------------
F03: dict[str, Any] = {
    "age": 45,
    "sex": "female",
    "diet": "omnivore",
    "medications": [{"name": "omeprazole", "start_date": "2026-10-01"}],
    "assessed_on": ASSESSED,
}


def test_short_ppi_without_symptoms_discusses_screening_not_a_test() -> None:
    a = assess(F03)
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.DISCUSS_SCREENING
    assert a.status.judgment.urgency is Urgency.ROUTINE
    ids = item_ids(a)
    assert "test.discuss_screening" in ids
    assert not asks_for_first_line(a)
    assert ASK_FIRST_LINE not in plan_text(a)
    # The symptom check no longer says "the B12 test should not wait" about a test not asked for.
    assert "the B12 test should not wait" not in plan_text(a)
    assert "a risk factor with a symptom calls for a B12 test" in plan_text(a)
    assert_plan_follows_screening(a)
    # No order proposed in FHIR: the discuss item is a plain activity, not a ServiceRequest.
    bundle = assessment_bundle(a)
    plans = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"]
    kinds = [act["detail"].get("kind") for p in plans for act in p["activity"]]
    assert "ServiceRequest" not in kinds


def test_short_ppi_is_a_listed_risk_factor_with_the_duration_said() -> None:
    found = assess(F03).screening
    assert found is not None
    (risk,) = found.risk_factors
    assert risk.code == "medication.proton_pump_inhibitor"
    assert "2 months" in risk.message and ">= 10 months" in risk.message
    assert "prolonged use" not in risk.message
    assert "screening.risk.medicines.nice-ng239" in risk.rules  # NG239 lists PPIs, no duration


def test_short_ppi_with_a_symptom_is_offered_the_test() -> None:
    a = assess({**F03, "symptoms": ["tiredness"]})
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.OFFER_TEST
    assert asks_for_first_line(a)
    assert ASK_FIRST_LINE in plan_text(a)
    assert_plan_follows_screening(a)


def test_prolonged_ppi_still_says_prolonged() -> None:
    found = assess({**F03, "medications": [{"name": "omeprazole", "start_date": "2025-01-01"}]})
    assert found.screening is not None
    (risk,) = found.screening.risk_factors
    assert "prolonged use (>= 10 months)" in risk.message


# --- finding 04: 04-negated-symptoms-no-metformin.yaml --------------------------------------------
F04: dict[str, Any] = {
    "age": 55,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["type 2 diabetes", "diet-controlled"],
    "medications": [{"name": "no metformin"}],
    "symptoms": ["no tingling", "denies numbness"],
    "assessed_on": ASSESSED,
}


def test_age_alone_without_symptoms_discusses_screening_not_a_test() -> None:
    a = assess(F04)
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.DISCUSS_SCREENING
    assert {rf.code for rf in a.screening.risk_factors} == {"older_adult"}
    assert not a.screening.symptoms
    assert "test.discuss_screening" in item_ids(a)
    assert not asks_for_first_line(a)
    assert a.status.judgment.urgency is Urgency.ROUTINE
    assert_plan_follows_screening(a)


def test_age_with_tingling_still_gets_the_test_and_prompt_assessment() -> None:
    a = assess({**F04, "symptoms": ["tingling in both feet"]})
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.OFFER_TEST
    assert a.screening.priority == "urgent"
    assert a.status.judgment.urgency is Urgency.URGENT
    assert asks_for_first_line(a)
    assert_plan_follows_screening(a)


def test_plant_based_pregnancy_without_symptoms_keeps_the_high_priority_test() -> None:
    a = assess(
        {"age": 30, "sex": "female", "diet": "vegan", "pregnant": True, "assessed_on": ASSESSED}
    )
    assert a.screening is not None
    assert a.screening.priority == "high"
    assert "test.holotc" in item_ids(a)  # ODS: a higher priority; NG239: active B12 in pregnancy
    assert_plan_follows_screening(a)


# --- finding 05: 05-husband-pa-tired.yaml ---------------------------------------------------------
F05: dict[str, Any] = {
    "age": 40,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["husband has pernicious anaemia"],
    "symptoms": ["tiredness"],
    "assessed_on": ASSESSED,
}


def test_symptoms_without_risk_factor_plan_follows_the_screening_line() -> None:
    a = assess(F05)
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.DISCUSS_SYMPTOMS
    assert not a.screening.risk_factors  # a husband is not family by blood
    assert "discuss the symptoms with a clinician" in a.screening.summary
    assert "screening.rules.symptoms-without-risk-factor" in a.screening.rules
    assert "test.discuss_symptoms" in item_ids(a)
    assert not asks_for_first_line(a)
    assert "Discuss the symptoms with a clinician" in plan_text(a)
    assert a.status.judgment.urgency is Urgency.ROUTINE
    assert_plan_follows_screening(a)


def test_nerve_symptoms_without_risk_factor_still_urgent_with_a_test() -> None:
    a = assess({**F05, "symptoms": ["numbness in both feet"]})
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.DISCUSS_SYMPTOMS
    assert a.screening.priority == "urgent"
    assert a.status.judgment.urgency is Urgency.URGENT
    assert asks_for_first_line(a)
    assert_plan_follows_screening(a)


def test_sister_with_pernicious_anaemia_is_a_risk_factor_and_offers_the_test() -> None:
    a = assess({**F05, "conditions": ["sister has pernicious anaemia"]})
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.OFFER_TEST
    assert asks_for_first_line(a)
    assert_plan_follows_screening(a)


# --- finding 18: 18-child-12-vegan-low.yaml -------------------------------------------------------
F18: dict[str, Any] = {
    "age": 12,
    "sex": "male",
    "diet": "vegan",
    "symptoms": ["tiredness"],
    "labs": [
        {
            "analyte": "b12",
            "value": 90,
            "unit": "pmol/L",
            "date": "2026-12-01",
            "reference_range": {"low": 150, "high": 600},
        }
    ],
    "assessed_on": ASSESSED,
}


def test_child_screening_line_says_ng239_covers_16_and_over() -> None:
    a = assess(F18)
    assert a.screening is not None
    summary = a.screening.summary
    assert "(NICE NG239)" not in summary
    assert "NG239 covers people aged 16 and over" in summary
    assert "nice-ng239.scope-over-16" in a.screening.rules
    assert a.screening.priority == "tested"
    assert_consistent(a)


def test_adult_screening_line_keeps_the_ng239_citation() -> None:
    a = assess({**F18, "age": 30})
    assert a.screening is not None
    assert "(NICE NG239)" in a.screening.summary
    assert "nice-ng239.scope-over-16" not in a.screening.rules
