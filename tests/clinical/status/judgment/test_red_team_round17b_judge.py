"""Round-17b red-team findings on the judgment (person files copied here as data).

- 02 (02-pregnant-pa-on-im-holotc-advised): pregnant, on hydroxocobalamin injections since 2020.
  The pregnancy caveat said "active B12 (holoTC) is the preferred test" beside the caveat "B12
  injections ...: serum B12 and holoTC are not usable" (DECISIONS.md: on injections the response
  is never judged from serum B12 or holoTC). On injections the pregnancy caveat is not given:
  serum B12 is not read at all, as for the pernicious-anaemia assay caveat.
- 07 (07-holotc-asked-on-b12-multivitamin): a B12 supplement is listed; its caveat says total and
  active B12 (holoTC) "rise first after supplementation and can mask deficiency; MMA reflects
  cellular status better" (evidence.md §2.7 [V], Wolffenbuttel 2020; Bor et al. 2004: holoTC rises
  more than serum B12 after oral B12), yet holoTC was asked next. The next test is MMA alone.
- 03 (03-stopped-1mg-oral-5-days-before-sample): 1 mg a day for 10 months stopped 5 days before
  the sample was read as a plain indeterminate result. A supplement stopped within 4 weeks before
  the sample gets the recent-supplement caveat (rule status.confounders.recent-supplement-stopped: serum
  cobalamin's elimination half-life is about 6 days, so the raised level falls back over weeks).
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def caveat_codes(a: Assessment) -> set[str]:
    return {i.code for i in a.status.judgment.evidence if i.kind == "caveat"}


# 02-pregnant-pa-on-im-holotc-advised.yaml
F02: dict[str, Any] = {
    "age": 32,
    "sex": "female",
    "pregnant": True,
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "assessed_on": "2026-11-20",
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2020-01-01",
        }
    ],
}


def test_02_pregnant_on_injections_is_not_told_holotc_is_the_test() -> None:
    a = assess(F02)
    j = a.status.judgment
    assert j.level == "on_treatment"
    assert "on_injections" in caveat_codes(a)
    # The judgment no longer recommends the test its own injections caveat calls unusable.
    assert "pregnancy" not in caveat_codes(a)
    assert "holotc" not in next_test_names(a)
    assert not any("preferred test" in i.message for i in j.evidence)
    assert not any("preferred test" in c.message for c in a.status.caveats)
    # The pregnancy still makes it "soon" (see the midwife or doctor promptly).
    assert j.urgency == "soon"
    assert_consistent(a)


def test_02_pregnant_without_injections_keeps_the_holotc_caveat() -> None:
    lab = {"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-11-15"}
    data = {**F02, "medications": [], "labs": [lab]}
    a = assess(data)
    assert "pregnancy" in caveat_codes(a)
    assert_consistent(a)


# 07-holotc-asked-on-b12-multivitamin.yaml
F07: dict[str, Any] = {
    "age": 45,
    "sex": "female",
    "diet": "vegetarian",
    "assessed_on": "2026-11-20",
    "symptoms": ["tiredness"],
    "medications": [{"name": "multivitamin with B12"}],
    "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_07_supplement_masks_holotc_so_mma_is_the_next_test() -> None:
    a = assess(F07)
    j = a.status.judgment
    assert j.level == "indeterminate"
    (caveat,) = [i for i in j.evidence if i.code == "recent_supplement_with_symptoms"]
    assert "holotc" in caveat.affects and "can mask deficiency" in caveat.message
    tests = next_test_names(a)
    assert "mma" in tests
    assert "holotc" not in tests
    assert a.plan is not None
    assert not any("holotranscobalamin" in i.text for i in a.plan.items)
    assert_consistent(a)


def test_07_without_a_supplement_holotc_is_still_offered() -> None:
    a = assess({**F07, "medications": []})
    assert {"mma", "holotc"} <= next_test_names(a)
    assert_consistent(a)


# 03-stopped-1mg-oral-5-days-before-sample.yaml
F03: dict[str, Any] = {
    "age": 45,
    "sex": "female",
    "diet": "vegan",
    "assessed_on": "2026-11-20",
    "symptoms": ["tiredness"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "1000 micrograms daily",
            "route": "oral",
            "start_date": "2026-01-01",
            "stop_date": "2026-11-10",
        }
    ],
    "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_03_supplement_stopped_days_before_the_sample_gets_the_caveat() -> None:
    a = assess(F03)
    j = a.status.judgment
    (caveat,) = [i for i in j.evidence if i.code == "recent_supplement_with_symptoms"]
    assert "stopped on 2026-11-10, 5 days before the B12 sample (2026-11-15)" in caveat.message
    assert "status.confounders.recent-supplement-stopped" in caveat.rules
    assert caveat.direction == "makes_unreliable"
    # The reading says so too, and the masked holoTC is not asked; MMA is.
    (reading,) = [r for r in a.status.readings if r.analyte == "b12"]
    assert reading.unreliable is not None and "stopped on 2026-11-10" in reading.unreliable
    assert "mma" in next_test_names(a)
    assert "holotc" not in next_test_names(a)
    assert_consistent(a)


def test_03_supplement_stopped_long_before_the_sample_gets_no_caveat() -> None:
    med = {**F03["medications"][0], "stop_date": "2026-09-01"}  # 75 days before
    a = assess({**F03, "medications": [med]})
    assert not any(c.startswith("recent_supplement") for c in caveat_codes(a))
    assert "holotc" in next_test_names(a)
    assert_consistent(a)


def test_03_a_stopped_injection_is_not_read_as_a_stopped_supplement() -> None:
    med = {**F03["medications"][0], "name": "hydroxocobalamin", "route": "intramuscular"}
    a = assess({**F03, "medications": [med]})
    assert not any(
        "status.confounders.recent-supplement-stopped" in i.rules
        for i in a.status.judgment.evidence
    )
