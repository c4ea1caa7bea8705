"""Round-15 red-team findings 32, 19a and check (c), each built from the red team's person file
(copied here as data) with a control the other way, and each checked for self-contradiction
(headline, urgency, plan, next tests and evidence agree).

- 32: nerve symptoms and no B12, MMA or homocysteine result at all. NICE NG239: "Offer an initial
  diagnostic test (total or active B12)"; BSH 2014 key recommendation 4 ("treatment should not be
  delayed to avoid neurological impairment") is about a discordant result, not about none; b12's
  own rule: serum B12 cannot be read within 3 months of an injection; ESPEN 2022 (via a secondary
  summary): "Sampling should be performed prior to any intramuscular (IM) administration of
  cobalamin"; BMJ Best Practice: treatment "should be commenced while awaiting results". So: blood
  sample first (the same day), then treatment without waiting for the result; urgency stays
  urgent (rule status.judgment.rules.neurological-sample-first).
- 19a: 150 pg/mL (111 pmol/L, NG239's deficiency band) on years of 3-monthly injections is read as
  low (rule status.judgment.rules.low-b12-despite-injections): the headline names the low B12 and
  the check of the injections, the evidence no longer calls that serum B12 "not usable", and the
  plan does not call serum B12 re-tests uninformative beside acting on it. 19b (150 pmol/L, above
  the band) stays "cannot be judged yet" (the red team agreed).
- (c): plain "atrophic gastritis" is named as recorded (it may be autoimmune; intrinsic-factor
  antibodies decide), not as "autoimmune gastritis (pernicious anaemia)"; the urgency stays soon
  (DECISIONS.md: suspected pernicious anaemia -> promptly).
"""

from __future__ import annotations

import copy
from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category, Regimen
from b12.core.status.judgment import Level, Urgency
from b12.core.status.judgment.model import Response
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text, regimens


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _item(a: Assessment, item_id: str) -> Any:
    assert a.plan is not None
    return next(i for i in a.plan.items if i.id == item_id)


# --- finding 32: 32-neuro-untested-metformin.yaml ---------------------------------------------
F32: dict[str, Any] = {
    "age": 63,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["type 2 diabetes"],
    "medications": [{"name": "metformin", "start_date": "2019-01-01"}],
    "symptoms": ["numbness in both feet"],
    "symptom_course": [
        {"symptom": "numbness in both feet", "course": "new", "onset": "2026-11-01"}
    ],
    "assessed_on": "2026-12-01",
}


def test_nerve_symptoms_without_any_result_take_the_blood_first_then_treat() -> None:
    a = assess(F32)
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert j.urgency is Urgency.URGENT  # the urgency is kept
    reason = next(r for r in j.urgency_reasons if r.code == "neurological")
    assert "blood sample taken first" in reason.message
    assert "without waiting for the result" in reason.message
    assert "treatment should not wait for more tests" not in reason.message
    assert "status.judgment.rules.neurological-sample-first" in reason.rules
    urgent = _item(a, "urgent.neurological")
    assert urgent.category is Category.URGENT
    # Sample first, the same day, before any B12; then treat without waiting for the result.
    text = urgent.text
    assert "blood sample for B12 taken first, the same day, before any B12 is given" in text
    assert text.index("taken first") < text.index("Then treatment starts")
    assert "without waiting for the result" in text
    assert "Treatment should not wait for more tests" not in text
    assert "not clearly normal" not in text  # there is no result to call anything
    assert "status.judgment.rules.neurological-sample-first" in urgent.rules
    # The test the item asks for is the one the judgment asks for; only the nerve regimen.
    assert "total_b12" in next_test_names(a)
    assert regimens(a) == {Regimen.IM_NEUROLOGICAL}
    assert "Treatment should not wait for more tests" not in plan_text(a)
    assert_consistent(a)


def test_nerve_symptoms_with_a_low_result_still_treat_without_more_tests() -> None:
    # Control: with a low B12 in hand the sample is taken; treatment does not wait (BSH 2014).
    data = copy.deepcopy(F32)
    data["labs"] = [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-12-01"}]
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.DEFICIENCY_LIKELY
    assert j.urgency is Urgency.URGENT
    text = _item(a, "urgent.neurological").text
    assert "Treatment should not wait for" in text
    assert "taken first" not in text
    # The antibody test the judgment asks for is sampled before the first injection: "A GIFab
    # sample should not be collected from a patient who has received a vitamin B12 injection in
    # the last week" (Leeds Teaching Hospitals pathology handbook).
    asked = {t.test for t in j.next_tests}
    if "intrinsic_factor_antibody" in asked:
        assert "samples for intrinsic-factor antibodies taken the same day" in text
    assert_consistent(a)


def test_an_old_result_only_still_takes_a_fresh_sample_first() -> None:
    # A result older than the current window is history: the sample is still to be taken.
    data = copy.deepcopy(F32)
    data["labs"] = [{"analyte": "b12", "value": 250, "unit": "pmol/L", "date": "2023-01-01"}]
    a = assess(data)
    assert a.status.judgment.urgency is Urgency.URGENT
    assert "taken first" in _item(a, "urgent.neurological").text
    assert_consistent(a)


def test_after_a_recent_injection_the_sample_first_wording_does_not_apply() -> None:
    # Serum B12 is already unreadable after an injection: the item keeps its wording.
    data = copy.deepcopy(F32)
    data["medications"].append(
        {
            "name": "hydroxocobalamin",
            "route": "intramuscular",
            "start_date": "2026-11-20",
            "stop_date": "2026-11-25",
        }
    )
    data["labs"] = [{"analyte": "b12", "value": 600, "unit": "pmol/L", "date": "2026-12-01"}]
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert "taken first" not in plan_text(a)
    assert_consistent(a)


# --- finding 19a: 19a-pa-3monthly-im-150pgml.yaml ---------------------------------------------
F19A: dict[str, Any] = {
    "age": 62,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2018-03-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 150, "unit": "pg/mL", "date": "2026-12-01"}],
    "assessed_on": "2026-12-01",
}


def test_low_b12_on_injections_tells_one_story() -> None:
    a = assess(F19A)
    j = a.status.judgment
    assert j.level is Level.ON_TREATMENT
    assert j.response is Response.NOT_IMPROVING  # the low reading is kept
    assert j.urgency is Urgency.SOON
    # Headline: the low B12 despite the injections and the check, not a response "judged" from it.
    assert "deficiency band despite the injections" in j.headline
    assert "check that they were all given" in j.headline
    assert "response is not as expected" not in j.headline
    # The evidence does not call the serum B12 it reads "not usable".
    caveat = next(i for i in j.evidence if i.code == "on_injections")
    assert "not usable" not in caveat.message
    assert "read as low" in caveat.message
    low = next(i for i in j.evidence if i.code.startswith("b12"))
    assert "status.judgment.rules.low-b12-despite-injections" in low.rules
    reason = next(r for r in j.urgency_reasons if r.code == "not_improving")
    assert "deficiency band despite the injections" in reason.message
    # The plan acts on the low B12 and does not call serum B12 re-tests uninformative beside it.
    text = plan_text(a)
    assert "serum B12 re-tests are not needed" not in text
    retest = _item(a, "retest.on_injections")
    assert "low result you have is acted on" in retest.text
    assert "one in it is low" in retest.reason
    review = _item(a, "supplement.review_treatment")
    assert "deficiency band although you have B12 injections" in review.text
    assert "every injection, with the loading course, was given" in review.text
    assert "lifelong" in review.text  # pernicious anaemia: kept for life
    for t in a.status.judgment.next_tests:
        assert "not serum B12" not in t.reason
    assert {"total_b12", "holotc"}.isdisjoint(next_test_names(a))
    assert_consistent(a)


def test_150_pmol_on_injections_stays_cannot_be_judged() -> None:
    # 19b: above the band on injections serum B12 says nothing; the red team accepted this.
    data = copy.deepcopy(F19A)
    data["labs"][0]["unit"] = "pmol/L"
    a = assess(data)
    j = a.status.judgment
    assert j.response is Response.CANNOT_JUDGE
    assert "cannot be judged yet" in j.headline
    caveat = next(i for i in j.evidence if i.code == "on_injections")
    assert "not usable" in caveat.message
    assert "serum B12 re-tests are not needed" in plan_text(a)
    assert_consistent(a)


def test_low_b12_with_a_blood_count_not_better_keeps_the_response_wording() -> None:
    # Control: a raised MCV not better as well: the response is not as expected, and the low B12
    # is still named in the plan.
    data = copy.deepcopy(F19A)
    data["labs"] += [
        {"analyte": "mcv", "value": 110, "unit": "fL", "date": "2017-12-01"},
        {"analyte": "mcv", "value": 110, "unit": "fL", "date": "2026-12-01"},
    ]
    a = assess(data)
    j = a.status.judgment
    assert j.response is Response.NOT_IMPROVING
    assert "response is not as expected" in j.headline
    assert "deficiency band although you have B12 injections" in plan_text(a)
    assert "serum B12 re-tests are not needed" not in plan_text(a)
    assert_consistent(a)


# --- check (c): 20-atrophic-gastritis-plain.yaml ----------------------------------------------
F20: dict[str, Any] = {
    "age": 70,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["atrophic gastritis"],
    "symptoms": ["tiredness"],
    "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-12-01"}],
    "assessed_on": "2026-12-01",
}


def test_plain_atrophic_gastritis_is_named_as_recorded() -> None:
    a = assess(F20)
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE
    assert j.urgency is Urgency.SOON  # suspected pernicious anaemia: promptly (DECISIONS.md)
    reason = next(r for r in j.urgency_reasons if r.code == "autoimmune_gastritis")
    assert reason.message.startswith("Atrophic gastritis is listed")
    assert "may be autoimmune" in reason.message
    assert "intrinsic-factor antibodies decide" in reason.message
    assert "Autoimmune gastritis (pernicious anaemia), listed or suspected" not in reason.message
    # The plan says the same: the doctor checks whether it is autoimmune, with IF antibodies.
    assert "Atrophic gastritis is listed" in _item(a, "referral.pernicious_anaemia").text
    assert {"mma", "intrinsic_factor_antibody"} <= next_test_names(a)
    assert_consistent(a)


def test_autoimmune_gastritis_keeps_its_label() -> None:
    data = copy.deepcopy(F20)
    data["conditions"] = ["autoimmune gastritis"]
    a = assess(data)
    reason = next(r for r in a.status.judgment.urgency_reasons if r.code == "autoimmune_gastritis")
    assert reason.message.startswith("Autoimmune gastritis (pernicious anaemia)")
    assert_consistent(a)
