"""Round-16c red-team findings N1 and N2: ferritin on B12 treatment, each built from the red team's
person file (copied here as data, ``assessed_on`` as in the file) and checked for
self-contradiction (headline, urgency, response, plan, next tests).

- bpacnz 2013: "Ferritin should be used to investigate suspected iron deficiency anaemia";
  "Microcytic anaemia is defined as a mean cell volume < 80 fL"; its most frequent cause is iron
  deficiency. Solmaz 2015 (abstract): iron deficiency in 9.3% before and 49.3% after cobalamin
  therapy. Rule status.judgment.response.iron-on-treatment.
- N1: an MCV back to normal from a raised value while the haemoglobin is not better: B12 has
  answered in the red cells, the anaemia has not: ferritin (and folate), even before the review.
- N2: an anaemia with an MCV under 80 fL on treatment: ferritin, whatever the haemoglobin did; the
  headline does not say "looks good" alone.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Response
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text

RULE_IRON = "status.judgment.response.iron-on-treatment"


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _person(hb_after: float, mcv_after: float) -> dict[str, Any]:
    """01 / 02: injections from 2026-08-05; Hb 95 g/L and MCV 105 fL before, then the results."""
    return {
        "age": 66,
        "sex": "female",
        "diet": "omnivore",
        "symptoms": ["tiredness"],
        "medications": [
            {
                "name": "hydroxocobalamin",
                "dose": "1 mg three times a week for 2 weeks then every 3 months",
                "route": "intramuscular",
                "start_date": "2026-08-05",
            }
        ],
        "labs": [
            {"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2026-08-01"},
            {"analyte": "hemoglobin", "value": 95, "unit": "g/L", "date": "2026-08-01"},
            {"analyte": "mcv", "value": 105, "unit": "fL", "date": "2026-08-01"},
            {"analyte": "hemoglobin", "value": hb_after, "unit": "g/L", "date": "2026-10-15"},
            {"analyte": "mcv", "value": mcv_after, "unit": "fL", "date": "2026-10-15"},
        ],
        "assessed_on": "2026-10-20",
    }


def _ferritin_asked(a: Assessment, moved: str) -> None:
    j = a.status.judgment
    ferritin = next(t for t in j.next_tests if t.test == "ferritin")
    assert RULE_IRON in ferritin.rules and moved in ferritin.reason
    assert RULE_IRON in j.rules
    assert "ferritin" in plan_text(a)
    assert "ferritin" in j.headline
    assert_consistent(a)


# --- N1: 01-im-hb-same-mcv-normalised-no-ferritin.yaml --------------------------------------------
def test_n1_mcv_back_to_normal_with_the_haemoglobin_not_better_asks_for_ferritin() -> None:
    a = assess(_person(96, 84))
    j = a.status.judgment
    assert j.level is Level.ON_TREATMENT
    # The response is still judged at the 3-month review (NASGP); the ferritin does not wait.
    assert j.response is Response.TOO_EARLY
    assert "too early to judge" in j.headline
    _ferritin_asked(a, "105 → 84 fL")
    assert "folate" in next_test_names(a)


def test_n1_control_an_mcv_still_raised_is_the_response_under_way() -> None:
    a = assess(_person(96, 101))
    assert "ferritin" not in next_test_names(a)
    assert "ferritin" not in a.status.judgment.headline


# --- N2: 02-im-microcytic-looks-good.yaml ---------------------------------------------------------
def test_n2_microcytic_anaemia_on_treatment_asks_for_ferritin_whatever_the_haemoglobin_did() -> (
    None
):
    a = assess(_person(110, 76))
    j = a.status.judgment
    assert j.response is Response.IMPROVING
    assert "looks good" not in j.headline
    assert "improving" in j.headline and "under 80 fL" in j.headline
    _ferritin_asked(a, "76 fL")


def test_n2_control_the_normal_response_asks_for_no_ferritin() -> None:
    # v14: MCV 105 -> 95, Hb 95 -> 125: no anaemia left, no ferritin.
    a = assess(_person(125, 95))
    j = a.status.judgment
    assert j.response is Response.IMPROVING
    assert "looks good" in j.headline
    assert "ferritin" not in next_test_names(a)
    assert_consistent(a)


def test_n2_control_microcytosis_without_anaemia_asks_for_no_ferritin_here() -> None:
    assert "ferritin" not in next_test_names(assess(_person(125, 76)))
