"""Round-15b red-team findings 47 (also 41) and 40, each built from the red team's person file
(copied here as data) with a control the other way, and each checked for self-contradiction
(headline, urgency, advice, plan, next tests and evidence agree).

- 47 (also 41): nerve symptoms with a B12 that leaves further B12 tests asked for (MMA and holoTC
  for a borderline 200 pmol/L; MMA and homocysteine after a recent injection). BSH 2014 key
  recommendation 4: "In the presence of discordance between the test result and strong clinical
  features of deficiency, treatment should not be delayed" - it says not to delay treatment, not
  to skip the sample. ESPEN 2022 (via a secondary summary): "Sampling should be performed prior
  to any intramuscular (IM) administration of cobalamin". Serum B12 and holoTC stay high for
  months after an injection (DECISIONS.md); MMA and homocysteine "should normalise in 8 weeks with
  adequate treatment" (BMJ Best Practice, evidence.md §5.1). So: the samples for the further tests
  the judgment asks for are taken the same day, before any (more) B12 is given, and treatment
  still does not wait for their results (rule status.judgment.rules.neurological-sample-first).
  Only where such tests are asked: a low B12 that settles the status keeps "should not wait for
  more tests" with no sample wording.
- 40: nerve symptoms with only a B12 result over a year old: "no current B12 result", not "no B12
  result yet" beside key numbers that show the old result.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category, Regimen
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text, regimens
from tests.property.test_judgment_consistency import persons

RULE = "status.judgment.rules.neurological-sample-first"
# The next tests whose result treatment changes, as the urgent item names them.
MARKER_WORDS = {
    "total_b12": "B12",
    "holotc": "active B12 (holoTC)",
    "mma": "MMA",
    "homocysteine": "homocysteine",
}
# Tests an injection also changes: "A GIFab sample should not be collected from a patient who has
# received a vitamin B12 injection in the last week" (Leeds Teaching Hospitals pathology handbook).
SAMPLED_FIRST = {**MARKER_WORDS, "intrinsic_factor_antibody": "intrinsic-factor antibodies"}


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _item(a: Assessment, item_id: str) -> Any:
    assert a.plan is not None
    return next(i for i in a.plan.items if i.id == item_id)


def _neuro_reason(a: Assessment) -> Any:
    return next(r for r in a.status.judgment.urgency_reasons if r.code == "neurological")


def _said(a: Assessment) -> str:
    """Everything the judgment and the plan say in words."""
    j = a.status.judgment
    return " ".join(
        [
            j.headline,
            *(r.message for r in j.urgency_reasons),
            *(f.message for f in j.advice),
            plan_text(a),
        ]
    )


# --- finding 47: 47-neuro-indeterminate-no-mma.yaml -------------------------------------------
F47: dict[str, Any] = {
    "age": 63,
    "sex": "female",
    "diet": "omnivore",
    "medications": [{"name": "metformin", "start_date": "2019-01-01"}],
    "symptoms": ["numbness in both feet"],
    "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-12-01"}],
    "assessed_on": "2026-12-01",
}


def test_borderline_b12_with_nerve_symptoms_takes_the_further_samples_before_treatment() -> None:
    a = assess(F47)
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE
    assert j.urgency is Urgency.URGENT
    assert {"mma", "holotc"} <= next_test_names(a)  # NICE NG239's further test, and holoTC
    # Urgency reason: samples the same day before any B12; treatment still does not wait.
    reason = _neuro_reason(a)
    assert "samples for MMA and active B12 (holoTC) taken the same day" in reason.message
    assert "before any B12 is given" in reason.message
    assert "treatment should not wait for their results" in reason.message
    assert "treatment should not wait for more tests" not in reason.message
    assert RULE in reason.rules
    # The urgent item: the samples come before the injection it describes.
    urgent = _item(a, "urgent.neurological")
    assert urgent.category is Category.URGENT
    text = urgent.text
    assert "Have the samples for MMA and active B12 (holoTC) taken the same day" in text
    assert "before any B12 is given" in text
    assert text.index("Have the samples") < text.index("Treatment should not wait")
    assert text.index("Have the samples") < text.index("hydroxocobalamin")
    assert "Treatment should not wait for their results" in text  # BSH 2014 rec. 4 kept
    assert "Treatment should not wait for more tests" not in text
    assert "no B12 result yet" not in text  # there is a result
    assert RULE in urgent.rules
    # The advice says the same: not delayed for the tests, but their samples first.
    do_not_delay = next(f for f in j.advice if f.code == "do_not_delay")
    assert "should not be delayed for further tests" in do_not_delay.message
    assert "samples for MMA and active B12 (holoTC) are taken first" in do_not_delay.message
    assert RULE in do_not_delay.rules
    # The tests the item names are the ones the plan asks for; only the nerve regimen.
    assert a.plan is not None
    plan_tests = {i.id for i in a.plan.items if i.category is Category.TEST}
    assert {"test.mma", "test.holotc"} <= plan_tests
    assert regimens(a) == {Regimen.IM_NEUROLOGICAL}
    assert "Treatment should not wait for more tests" not in plan_text(a)
    assert_consistent(a)


# --- finding 41: 41-neuro-recent-injection.yaml -----------------------------------------------
F41: dict[str, Any] = {
    "age": 60,
    "sex": "male",
    "diet": "vegan",
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg single injection",
            "route": "intramuscular",
            "start_date": "2026-11-17",
            "stop_date": "2026-11-17",
        }
    ],
    "symptoms": ["numbness in both feet"],
    "labs": [{"analyte": "b12", "value": 1200, "unit": "pmol/L", "date": "2026-12-01"}],
    "assessed_on": "2026-12-01",
}


def test_after_an_injection_the_mma_and_homocysteine_samples_come_before_any_more_b12() -> None:
    a = assess(F41)
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert j.urgency is Urgency.URGENT
    assert {"mma", "homocysteine"} <= next_test_names(a)
    assert {"total_b12", "holotc"}.isdisjoint(next_test_names(a))  # unreadable after it
    reason = _neuro_reason(a)
    assert "samples for MMA and homocysteine taken the same day" in reason.message
    assert "before any more B12 is given" in reason.message
    text = _item(a, "urgent.neurological").text
    assert "Have the samples for MMA and homocysteine taken the same day" in text
    assert "before any more B12 is given" in text
    assert text.index("Have the samples") < text.index("Treatment should not wait")
    # Not the no-result wording: serum B12 is already unreadable, there is nothing to keep.
    assert "blood sample for B12 taken first" not in plan_text(a)
    assert_consistent(a)


def test_a_low_b12_that_settles_the_status_keeps_the_plain_wording() -> None:
    # Control: B12 100 pmol/L (NG239's deficiency band) asks no further B12 test: nothing to take
    # first, and treatment does not wait for more tests (BSH 2014).
    data = copy.deepcopy(F47)
    data["labs"] = [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-12-01"}]
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.DEFICIENCY_LIKELY
    assert j.urgency is Urgency.URGENT
    assert not set(MARKER_WORDS) & next_test_names(a)
    text = _item(a, "urgent.neurological").text
    if "intrinsic_factor_antibody" in next_test_names(a):
        assert "samples for intrinsic-factor antibodies taken the same day" in text
        assert RULE in _neuro_reason(a).rules
    else:
        assert "Treatment should not wait for more tests" in text
        assert "samples for" not in text
        assert "taken first" not in _said(a)
        assert RULE not in _neuro_reason(a).rules
    assert_consistent(a)


# --- finding 40: 40-neuro-old-normal-result.yaml ----------------------------------------------
F40: dict[str, Any] = {
    "age": 66,
    "sex": "female",
    "diet": "omnivore",
    "medications": [{"name": "metformin", "start_date": "2016-01-01"}],
    "symptoms": ["tingling in both feet"],
    "symptom_course": [
        {"symptom": "tingling in both feet", "course": "new", "onset": "2026-11-01"}
    ],
    "labs": [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2024-10-01"}],
    "assessed_on": "2026-12-01",
}


def test_an_old_result_only_is_no_current_result_not_no_result() -> None:
    a = assess(F40)
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert j.urgency is Urgency.URGENT
    # The old result is shown, as not current.
    assert any(i.code.startswith("b12") and "Not current" in i.message for i in j.evidence)
    assert any(not r.used and str(r.date) == "2024-10-01" for r in j.results)
    reason = _neuro_reason(a)
    assert "no current B12 result" in reason.message
    text = _item(a, "urgent.neurological").text
    assert "there is no current B12 result" in text
    assert "no B12 result yet" not in _said(a)
    # The logic the red team agreed with stays: sample first, the same day, then treat.
    assert "blood sample for B12 taken first, the same day, before any B12 is given" in text
    assert "total_b12" in next_test_names(a)
    assert_consistent(a)


def test_with_no_result_at_all_it_is_still_no_result_yet() -> None:
    # Control (round-15 finding 32): no result of any date.
    data = copy.deepcopy(F40)
    del data["labs"]
    a = assess(data)
    assert "no B12 result yet" in _item(a, "urgent.neurological").text
    assert "no B12 result yet" in _neuro_reason(a).message
    assert "no current B12 result" not in _said(a)
    assert_consistent(a)


# --- property: the urgent nerve item and the next tests agree ---------------------------------
@given(persons())
@settings(max_examples=150, deadline=None)
def test_the_urgent_nerve_item_names_every_b12_marker_sample_the_judgment_asks_for(
    data: dict[str, Any],
) -> None:
    a = assess(data)
    j = a.status.judgment
    assert a.plan is not None
    urgent = next((i for i in a.plan.items if i.id == "urgent.neurological"), None)
    if urgent is None:
        return
    asked = [SAMPLED_FIRST[t] for t in next_test_names(a) if t in SAMPLED_FIRST]
    text = urgent.text
    if not asked:
        assert "samples for" not in text
        return
    # Each further B12 test's sample is named, and named before the treatment the item gives.
    opening = text[: text.index("by injection")]
    for word in asked:
        assert word in opening, (word, text)
    assert "before any" in opening and "B12 is given" in opening
    assert RULE in urgent.rules
    assert j.urgency is Urgency.URGENT
    assert "Treatment should not wait for more tests" not in text
