"""Red-team round-15b findings 41/46 (screening side), 43, 44 and 53, each built from the red
team's person file (copied here as data), each checked for self-contradiction between the
screening line, the FHIR RiskAssessment, the judgment and the plan.

- Finding 41 (DECISIONS.md / person file): "A total B12 taken within 3 months of ... injection ...
  cannot be read" (rule status.recent-injection); the judgment says "serum B12 cannot be read within
  3 months of a B12 injection", so screening must not call that result "already available".
- Finding 46 (rule nice-ng239.scope-over-16, NG239: "people aged 16 and over"): a child's result
  without the lab's own range is for a paediatric clinician to read; same contradiction.
- Findings 43/44: NICE NG239 (rule plan.prophylaxis.nice-ng239-irreversible-cause): an
  irreversible cause needs treatment for life; BNF (rule
  plan.prophylaxis.bnf-total-gastrectomy-ileal-resection): prophylactic hydroxocobalamin 1 mg every
  3 months after total gastrectomy, which does not depend on a test. ESPEN 2022 (secondary):
  "Sampling should be performed prior to any intramuscular (IM) administration of cobalamin" - so
  the test is the clinician's baseline (rule screening.screen.lifelong-cause-without-symptoms), and
  nothing says screening is "worth discussing" or that a test is "worth having".
- Finding 53 (rule retest.nice-ng239.after-treatment, NASGP's NG239 summary): "Review 3 months
  after starting treatment": 6 months after starting, that review is due now.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category
from b12.core.screening.model import Recommendation
from b12.core.status.judgment import Level, Urgency
from b12.fhir.writer import assessment_bundle
from b12.services.assess import assess_person
from tests.clinical.status.judgment.test_red_team_round15b import F41 as JUDGMENT_F41
from tests.clinical.story_checks import assert_consistent, plan_text

ASSESSED = "2026-12-01"


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def item_ids(a: Assessment) -> list[str]:
    assert a.plan is not None
    return [i.id for i in a.plan.items]


def risk_rationale(a: Assessment) -> str:
    bundle = assessment_bundle(a)
    (risk,) = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "RiskAssessment"
        and e["resource"]["code"]["coding"][0]["code"] == "b12-screening"
    ]
    return str(risk["prediction"][0]["rationale"])


def cannot_be_read(a: Assessment) -> None:
    """The screening line, its FHIR rationale and the judgment agree that the result on record is
    not read."""
    assert a.screening is not None
    assert a.status.judgment.level is Level.CANNOT_JUDGE
    summary = a.screening.summary
    assert "already available" not in summary
    assert "a first-line B12 result is on record, but" in summary
    assert risk_rationale(a) == summary
    # A done test: the judgment's urgency governs (no "urgent testing" of a test done).
    assert a.screening.priority == "tested"
    assert not a.screening.tests
    assert_consistent(a)


# --- finding 41: 41-neuro-recent-injection.yaml ---------------------------------------------------
# The same person file as the judgment side uses (one copy of the red team's data).
F41 = JUDGMENT_F41


def test_result_within_3_months_of_an_injection_is_on_record_but_not_read() -> None:
    a = assess(F41)
    cannot_be_read(a)
    assert a.screening is not None
    assert "cannot be read within 3 months of a B12 injection" in a.screening.summary
    assert "serum B12 cannot be read within 3 months" in a.status.judgment.headline
    assert a.status.judgment.urgency is Urgency.URGENT
    assert {"mma", "homocysteine"} <= {t.test for t in a.status.judgment.next_tests}


def test_result_after_the_injection_window_is_available_again() -> None:
    # Injection 4 months before the sample: serum B12 is read again.
    meds = [{**F41["medications"][0], "start_date": "2026-07-20", "stop_date": "2026-07-20"}]
    a = assess({**F41, "medications": meds})
    assert a.screening is not None
    assert "a first-line B12 result is already available (see status)" in a.screening.summary
    assert a.status.judgment.level is not Level.CANNOT_JUDGE


def test_low_result_despite_an_injection_is_read_and_called_available() -> None:
    # A low B12 after an injection is read (the judgment acts on it): screening says so.
    labs = [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-12-01"}]
    a = assess({**F41, "labs": labs})
    assert a.screening is not None
    assert a.status.judgment.level is Level.DEFICIENCY_LIKELY
    assert "a first-line B12 result is already available (see status)" in a.screening.summary


# --- finding 46: 46-child-14-b12-120-no-range.yaml ------------------------------------------------
F46: dict[str, Any] = {
    "age": 14,
    "sex": "male",
    "diet": "vegan",
    "symptoms": ["tiredness"],
    "labs": [{"analyte": "b12", "value": 120, "unit": "pmol/L", "date": "2026-12-01"}],
    "assessed_on": ASSESSED,
}


def test_childs_result_without_a_lab_range_is_for_a_paediatric_clinician() -> None:
    a = assess(F46)
    cannot_be_read(a)
    assert a.screening is not None
    assert "paediatric clinician" in a.screening.summary
    assert "paediatric clinician" in a.status.judgment.headline


def test_childs_result_with_a_lab_range_is_available() -> None:
    lab = {**F46["labs"][0], "reference_range": {"low": 150, "high": 600}}
    a = assess({**F46, "labs": [lab]})
    assert a.screening is not None
    assert "a first-line B12 result is already available (see status)" in a.screening.summary


# --- finding 44: 44-pa-asymptomatic-untreated.yaml ------------------------------------------------
F44: dict[str, Any] = {
    "age": 50,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "assessed_on": ASSESSED,
}


def assert_lifelong_not_optional(a: Assessment, cause: str) -> None:
    """Screening and plan say B12 is needed for life; the test is a baseline, never optional."""
    assert a.screening is not None
    summary = a.screening.summary
    assert "worth discussing" not in summary
    assert "B12 is needed for life whatever a test shows" in summary
    assert cause in summary
    assert "baseline" in summary
    assert "screening.screen.lifelong-cause-without-symptoms" in a.screening.rules
    assert risk_rationale(a) == summary
    text = plan_text(a)
    assert "worth having" not in text
    assert "test.discuss_screening" not in item_ids(a)
    assert a.plan is not None
    (test,) = [i for i in a.plan.items if i.id in ("test.total_b12", "test.holotc")]
    assert cause in test.text
    assert "B12 is needed for life whatever a test shows" in test.text
    assert "baseline" in test.text and "before the first dose" in test.text
    assert "screening.screen.lifelong-cause-without-symptoms" in test.rules
    # The lifelong B12 itself is in the plan (a treatment item with the lifelong rule).
    lifelong = [
        i
        for i in a.plan.items
        if "plan.prophylaxis.nice-ng239-irreversible-cause" in i.rules
        and i.category in (Category.REFERRAL, Category.SUPPLEMENT)
    ]
    assert lifelong
    assert_consistent(a)


def test_diagnosed_pernicious_anaemia_without_symptoms_is_not_a_screening_question() -> None:
    a = assess(F44)
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.DISCUSS_SCREENING  # the code is unchanged
    assert_lifelong_not_optional(a, "pernicious anaemia")


def test_suspected_pernicious_anaemia_keeps_the_discussion() -> None:
    # Suspected is not diagnosed: whether B12 is lifelong is still open.
    a = assess({**F44, "conditions": ["suspected pernicious anaemia"]})
    assert a.screening is not None
    assert "B12 is needed for life whatever a test shows" not in a.screening.summary


def test_pernicious_anaemia_with_a_symptom_is_offered_the_test() -> None:
    a = assess({**F44, "symptoms": ["tiredness"]})
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.OFFER_TEST
    assert "B12 testing is recommended" in a.screening.summary


# --- finding 43: 43-gastrectomy-asymptomatic-untested.yaml ----------------------------------------
F43: dict[str, Any] = {
    "age": 58,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["total gastrectomy"],
    "assessed_on": ASSESSED,
}


def test_total_gastrectomy_without_symptoms_needs_b12_whatever_the_test() -> None:
    a = assess(F43)
    assert_lifelong_not_optional(a, "total gastrectomy")
    assert a.plan is not None
    prophylaxis = [
        i
        for i in a.plan.items
        if "plan.prophylaxis.bnf-total-gastrectomy-ileal-resection" in i.rules
    ]
    assert prophylaxis and "every 3 months" in prophylaxis[0].text


def test_partial_gastrectomy_keeps_the_discussion() -> None:
    # Not a lifelong cause in b12's rules (BNF: total gastrectomy): screening is discussed.
    a = assess({**F43, "conditions": ["partial gastrectomy"]})
    assert a.screening is not None
    assert "B12 is needed for life" not in a.screening.summary
    assert "screening is worth discussing" in a.screening.summary
    assert "test.discuss_screening" in item_ids(a)


# --- finding 53: 53-oral-1mg-low-b12.yaml ---------------------------------------------------------
F53: dict[str, Any] = {
    "age": 55,
    "sex": "female",
    "diet": "vegan",
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "1 mg daily",
            "route": "oral",
            "start_date": "2026-06-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-12-01"}],
    "assessed_on": ASSESSED,
}


def test_six_months_on_oral_b12_the_review_is_due_now() -> None:
    a = assess(F53)
    assert a.screening is not None
    assert "worth discussing" not in a.screening.summary
    assert "screening does not apply" in a.screening.summary
    assert risk_rationale(a) == a.screening.summary
    assert "3 months after starting treatment" not in plan_text(a)
    assert a.plan is not None
    (retest,) = [i for i in a.plan.items if i.category is Category.RETEST]
    assert retest.id == "retest.review_due_3_months"
    assert "2026-06-01" in retest.text and "due now" in retest.text
    assert "retest.nice-ng239.after-treatment" in retest.rules
    assert a.status.judgment.level is Level.DEFICIENCY_LIKELY
    assert "injection" in plan_text(a)  # the move to injections stays
    assert_consistent(a)


def test_oral_b12_started_last_month_keeps_the_3_month_review() -> None:
    meds = [{**F53["medications"][0], "start_date": "2026-11-01"}]
    labs = [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-10-25"}]
    a = assess({**F53, "medications": meds, "labs": labs})
    ids = item_ids(a)
    assert not any(i.startswith("retest.review_due") for i in ids)
    assert "retest.3_months" in ids
    # The result before the start led to treatment: the screening line stands.
    assert a.screening is not None
    assert "screening does not apply" not in a.screening.summary
    assert "a first-line B12 result is already available (see status)" in a.screening.summary


def test_a_tested_person_with_a_risk_factor_is_not_told_screening_is_worth_discussing() -> None:
    # Age 80 (a risk factor), no symptom, a current B12 of 400 pmol/L: the test is done, so the
    # screening line no longer asks to discuss screening beside "already available".
    a = assess(
        {"age": 80, "sex": "female", "diet": "omnivore",
         "labs": [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-12-01"}],
         "assessed_on": "2026-12-06"}
    )  # fmt: skip
    assert a.screening is not None
    assert a.screening.recommendation is Recommendation.DISCUSS_SCREENING
    assert "worth discussing" not in a.screening.summary
    assert a.screening.summary.startswith("Risk factors for low B12 without symptoms; a first-line")
    assert_consistent(a)
