"""Red-team round-16 finding D8 and the note on 14, built from the red team's person files
(copied here as data), each checked for self-contradiction between the screening line, its risk
factors, the findings and the plan.

- D8 (rule screening.rules.gastric-band): NICE NG239's risk-factor box (Pulse summary) lists
  "bariatric surgery" without naming procedures; BOMSS 2020 and the Devon formulary: the band "has
  no direct impact on absorption of nutrients", while "All bariatric surgical procedures compromise
  nutrition to varying extent, and have the potential to cause clinically significant
  deficiencies". So the band stays a risk factor, for the reason stated (it limits how much is
  eaten), and gets no B12 item (person-file.md: "the gastric band does not reduce absorption and
  gets no B12 item").
- Note on 14 (person-file.md): "Texts read as absent are not reported as unrecognised": "never had
  surgery" is read as absent.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category
from b12.core.screening import screen
from b12.core.status.judgment import Level, Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, regimens


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


# --- D8: 21-gastric-band.yaml --------------------------------------------------------------------
R21: dict[str, Any] = {
    "age": 50,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["lap band 2020"],
    "surgery": [{"procedure": "gastric_banding", "date": "2020-06-01"}],
    "labs": [{"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-11-10"}],
}


def test_the_gastric_band_is_a_risk_factor_for_the_reason_stated_not_absorption() -> None:
    a = assess(R21)
    assert a.screening is not None
    (band,) = [r for r in a.screening.risk_factors if r.code == "gastric_banding"]
    # The message says why it is listed (NG239 lists bariatric surgery; it limits eating), and
    # does not contradict itself by listing it as a risk while denying any effect on B12.
    assert "NICE NG239 lists" in band.message
    assert "does not reduce B12 absorption" in band.message
    assert "limits how much is eaten" in band.message
    assert band.rules == ("screening.rules.gastric-band",)
    # No B12 item: no lifelong B12, no treatment (person-file.md).
    assert a.status.judgment.level is Level.DEFICIENCY_UNLIKELY
    assert a.status.judgment.urgency is Urgency.ROUTINE
    assert a.plan is not None
    assert not regimens(a)
    assert not any(i.category is Category.SUPPLEMENT for i in a.plan.items)
    assert_consistent(a)


# --- note on 14: 14-never-surgery.yaml ------------------------------------------------------------
R14: dict[str, Any] = {
    "age": 55,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["never had surgery", "no history of gastric bypass", "not had a gastrectomy"],
    "labs": [{"analyte": "b12", "value": 420, "unit": "pmol/L", "date": "2026-11-01"}],
}


def test_never_had_surgery_is_read_as_absent_not_reported_as_unrecognised() -> None:
    a = assess(R14)
    assert a.screening is not None
    assert not [f for f in a.screening.findings if f.code == "unrecognised_condition"]
    assert not [r for r in a.screening.risk_factors if r.category == "surgery"]  # age 55 stays
    assert a.status.judgment.level is Level.DEFICIENCY_UNLIKELY
    assert_consistent(a)


def test_surgery_written_as_present_without_naming_it_stays_unrecognised() -> None:
    # "had surgery in 2010" names no operation b12 can read: the clinician is told so.
    person = Person.model_validate({**R14, "conditions": ["had surgery in 2010"]})
    assert screen.unrecognised_conditions(person) == ["had surgery in 2010"]
    for absent in ("no previous operations", "no surgical history", "surgery: none"):
        person = Person.model_validate({**R14, "conditions": [absent]})
        assert screen.unrecognised_conditions(person) == [], absent
