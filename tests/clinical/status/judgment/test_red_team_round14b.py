"""Round-14b red-team findings 16, 18, 17 and 09, each built from the red team's person file (copied
here as data) with a control the other way, and each checked for self-contradiction (headline,
urgency, plan, next tests and evidence agree).

- 16: a B12 injection recorded as stopped without a date may have been days before the sample; a
  normal serum B12 is then not reassuring (DECISIONS.md: "Serum B12 is never the last word when a
  caveat says it can be falsely normal (... recent injections)"), while a low B12 stays low.
- 18: blood drawn before treatment started is no on-treatment result: too early, not "check the
  tablets were taken".
- 17 and 9: MMA (and homocysteine) normal on treatment means B12 is at work: a haemoglobin not
  better, or new nerve symptoms, are not "not as expected / check the injections were given"; a
  microcytic anaemia asks for ferritin (bpacnz 2013); the neurological urgency stays.
"""

from __future__ import annotations

import copy
from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.core.status.judgment import Level, Urgency
from b12.core.status.judgment.model import Response
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text, regimens


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


# --- finding 16: 16-stopped-injection-no-date-normal-b12-reassured.yaml -------------------------
F16: dict[str, Any] = {
    "age": 50,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["tingling feet"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "route": "intramuscular",
            "dose": "1 mg three times a week for 2 weeks",
            "stopped": True,
        }
    ],
    "labs": [{"analyte": "b12", "value": 600, "unit": "pmol/L", "date": "2026-10-15"}],
    "assessed_on": "2026-10-20",
}


def _stopped_undated_unread(a: Assessment) -> None:
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert "within 3 months of a B12 injection" in j.headline
    caveat = next(i for i in j.evidence if i.code == "recent_injection")
    assert "stop date is not given" in caveat.message
    assert "unlikely" not in plan_text(a)
    assert {"mma", "homocysteine"} <= next_test_names(a)
    # Tingling with a status that is not clearly normal is urgent (DECISIONS.md), as with a dated
    # recent injection.
    assert j.urgency is Urgency.URGENT
    assert_consistent(a)


def test_normal_b12_after_injections_stopped_on_a_date_not_given_is_not_reassuring() -> None:
    _stopped_undated_unread(assess(F16))


def test_injections_written_as_stopped_in_the_name_read_the_same() -> None:
    data = copy.deepcopy(F16)
    data["medications"][0] = {"name": "hydroxocobalamin stopped", "route": "intramuscular"}
    _stopped_undated_unread(assess(data))


def test_maintenance_started_months_before_and_stopped_undated_is_possibly_recent() -> None:
    # 16e: every 3 months from 2026-05-01, stopped, date not given: the last dose may be recent.
    data = copy.deepcopy(F16)
    data["medications"][0].update(dose="1 mg every 3 months", start_date="2026-05-01")
    _stopped_undated_unread(assess(data))


def test_injections_started_after_the_sample_leave_it_readable() -> None:
    data = copy.deepcopy(F16)
    data["medications"][0]["start_date"] = "2026-10-16"
    a = assess(data)
    assert a.status.judgment.level is Level.DEFICIENCY_UNLIKELY
    assert not a.status.judgment.has("recent_injection")
    assert_consistent(a)


def test_injections_declined_were_never_given() -> None:
    data = copy.deepcopy(F16)
    data["medications"][0] = {"name": "hydroxocobalamin (declined)", "route": "intramuscular"}
    a = assess(data)
    assert a.status.judgment.level is Level.DEFICIENCY_UNLIKELY
    assert_consistent(a)


def test_low_b12_after_injections_stopped_undated_stays_low() -> None:
    data = copy.deepcopy(F16)
    data["labs"][0]["value"] = 90
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.DEFICIENCY_LIKELY
    assert j.urgency is Urgency.URGENT
    assert_consistent(a)


# --- finding 18: 18-oral-started-after-labs-called-not-improving.yaml ----------------------------
# Blood drawn before treatment started is no on-treatment result; markers "should normalise in 8
# weeks" (BMJ Best Practice, evidence.md 5.1): day 10 is too early. Nerve symptoms on tablets still
# call for injections now (BNF: with neurological involvement B12 is given by injection).
F18: dict[str, Any] = {
    "age": 70,
    "sex": "male",
    "diet": "omnivore",
    "symptoms": ["tingling feet"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "route": "oral",
            "dose": "1000 micrograms daily",
            "start_date": "2026-10-10",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-10-01"},
        {"analyte": "mma", "value": 0.8, "unit": "umol/L", "date": "2026-10-01"},
    ],
    "assessed_on": "2026-10-20",
}


def test_labs_before_tablets_started_are_too_early_not_a_failed_response() -> None:
    a = assess(F18)
    j = a.status.judgment
    assert j.level is Level.ON_TREATMENT
    assert j.response is Response.TOO_EARLY
    assert "not as expected" not in j.headline
    assert "not_improving" not in {r.code for r in j.urgency_reasons}
    assert "tablets were taken" not in " ".join(r.message for r in j.urgency_reasons)
    assert "not working" not in plan_text(a)
    # The nerve symptoms on tablets: urgent, by injection (the neurological regimen).
    assert j.urgency is Urgency.URGENT
    assert Regimen.IM_NEUROLOGICAL in regimens(a)
    assert_consistent(a)


def test_injection_control_is_too_early_as_well() -> None:
    # 18b: the same person on injections.
    data = copy.deepcopy(F18)
    data["medications"][0].update(name="hydroxocobalamin", route="intramuscular")
    a = assess(data)
    assert a.status.judgment.response is Response.TOO_EARLY
    assert_consistent(a)


def test_nerve_symptoms_on_tablets_past_the_review_still_call_for_injections() -> None:
    # Past 3 months on tablets with nerve symptoms: tablets are not their treatment (BNF).
    data = copy.deepcopy(F18)
    data["assessed_on"] = "2027-02-01"
    a = assess(data)
    j = a.status.judgment
    assert j.response is Response.NOT_IMPROVING
    assert j.urgency is Urgency.URGENT
    assert Regimen.IM_NEUROLOGICAL in regimens(a)
    assert_consistent(a)


# --- finding 17: 17-mma-normal-microcytic-hb-fall-called-failure.yaml ----------------------------
# MMA normal on treatment: B12 is at work in the cells (Wolffenbuttel 2020: "MMA reflects cellular
# status"). A haemoglobin falling with small red cells then has another cause: bpacnz 2013,
# "Microcytic anaemia is defined as a mean cell volume < 80 fL"; "Ferritin should be used to
# investigate suspected iron deficiency anaemia".
F17: dict[str, Any] = {
    "age": 62,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "route": "intramuscular",
            "dose": "1 mg three times a week for 2 weeks then every 3 months",
            "start_date": "2026-05-01",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 80, "unit": "pmol/L", "date": "2026-04-25"},
        {"analyte": "mma", "value": 1.5, "unit": "umol/L", "date": "2026-04-25"},
        {"analyte": "hemoglobin", "value": 110, "unit": "g/L", "date": "2026-04-25"},
        {"analyte": "mcv", "value": 108, "unit": "fL", "date": "2026-04-25"},
        {"analyte": "mma", "value": 0.25, "unit": "umol/L", "date": "2026-10-20"},
        {"analyte": "hemoglobin", "value": 88, "unit": "g/L", "date": "2026-10-20"},
        {"analyte": "mcv", "value": 78, "unit": "fL", "date": "2026-10-20"},
    ],
    "assessed_on": "2026-10-25",
}


def test_falling_microcytic_haemoglobin_with_normal_mma_is_no_b12_failure() -> None:
    a = assess(F17)
    j = a.status.judgment
    assert j.level is Level.ON_TREATMENT
    assert j.response is not Response.NOT_IMPROVING
    assert "not as expected" not in j.headline
    assert "B12 is at work" in j.headline and "another cause" in j.headline
    assert "not_improving" not in {r.code for r in j.urgency_reasons}
    text = plan_text(a)
    assert "every injection" not in text
    assert "have not brought the expected response" not in text
    assert "ferritin" in next_test_names(a)
    assert "Ask for a serum ferritin test" in text
    # The anaemia still needs a clinician soon.
    assert j.urgency is Urgency.SOON
    assert "blood_count" in {r.code for r in j.urgency_reasons}
    assert_consistent(a)


def test_falling_haemoglobin_with_mma_still_raised_stays_not_as_expected() -> None:
    data = copy.deepcopy(F17)
    data["labs"][4]["value"] = 1.4  # MMA barely moved: B12 is not at work
    a = assess(data)
    j = a.status.judgment
    assert j.response is Response.NOT_IMPROVING
    assert "B12 is at work" not in j.headline
    # The MCV of 78 fL with anaemia is microcytic anaemia whatever MMA says (bpacnz 2013:
    # "Microcytic anaemia is defined as a mean cell volume < 80 fL"; "Ferritin should be used to
    # investigate suspected iron deficiency anaemia"; red team round 16b, F4).
    ferritin = next(t for t in j.next_tests if t.test == "ferritin")
    assert "status.judgment.response.iron-on-treatment" in ferritin.rules
    assert_consistent(a)


def test_mcv_still_raised_with_normal_mma_asks_no_ferritin() -> None:
    data = copy.deepcopy(F17)
    data["labs"][6]["value"] = 104
    a = assess(data)
    assert a.status.judgment.response is not Response.NOT_IMPROVING
    assert "ferritin" not in next_test_names(a)
    assert_consistent(a)


def test_mcv_back_to_normal_with_the_haemoglobin_fallen_asks_for_ferritin() -> None:
    # Red team round 16c, N1: the MCV has answered B12 (108 -> 90 fL), the haemoglobin has not:
    # the iron deficiency B12 treatment uncovers (Solmaz 2015; rule iron-on-treatment).
    data = copy.deepcopy(F17)
    data["labs"][6]["value"] = 90
    a = assess(data)
    assert a.status.judgment.response is not Response.NOT_IMPROVING
    ferritin = next(t for t in a.status.judgment.next_tests if t.test == "ferritin")
    assert "status.judgment.response.iron-on-treatment" in ferritin.rules
    assert_consistent(a)


# --- finding 9 (partly fixed): 09-normal-mma-hcy-on-injections-status-not-normal.yaml -----------
# New nerve symptoms on injections with MMA and homocysteine normal: B12 is at work, so no
# "check the injections were given"; the neurological urgency stays (DECISIONS.md; SPS: new
# symptoms on treatment need more frequent injections).
F09: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "symptoms": ["new tingling in both feet"],
    "symptom_course": [
        {"symptom": "new tingling in both feet", "course": "new", "onset": "2026-09-01"}
    ],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "route": "intramuscular",
            "dose": "1 mg every 3 months",
            "start_date": "2022-01-10",
        }
    ],
    "labs": [
        {"analyte": "mma", "value": 0.2, "unit": "umol/L", "date": "2026-10-01"},
        {"analyte": "hcy", "value": 10, "unit": "umol/L", "date": "2026-10-01"},
    ],
    "assessed_on": "2026-10-05",
}


def test_new_nerve_symptoms_with_normal_mma_and_hcy_do_not_question_adherence() -> None:
    a = assess(F09)
    j = a.status.judgment
    assert "not as expected" not in j.headline
    assert "B12 is at work" in j.headline
    reasons = " ".join(r.message for r in j.urgency_reasons)
    assert "were given" not in reasons and "were taken" not in reasons
    assert "No response to B12" not in " ".join(t.reason for t in j.next_tests)
    assert "have not brought the expected response" not in plan_text(a)
    # Neurological urgency kept as it was (DECISIONS.md).
    assert j.urgency is Urgency.URGENT
    assert "neurological" in {r.code for r in j.urgency_reasons}
    assert Regimen.IM_NEUROLOGICAL in regimens(a)
    assert j.response is not Response.IMPROVING  # new nerve symptoms are never a good response
    assert_consistent(a)


def test_new_nerve_symptoms_with_raised_mma_still_ask_whether_injections_were_given() -> None:
    data = copy.deepcopy(F09)
    data["labs"][0]["value"] = 0.6
    a = assess(data)
    j = a.status.judgment
    assert "not as expected" in j.headline
    assert "not_improving" in {r.code for r in j.urgency_reasons}
    assert j.urgency is Urgency.URGENT
    assert_consistent(a)
