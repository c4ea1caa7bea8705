"""Round-17 red-team findings on the judgment (person files copied here as data).

D4 (05-atrophic-gastritis-indeterminate-nosymptoms, 34-colchicine-long-glossitis-indeterminate):
- The pernicious-anaemia assay caveat said "do not let a normal result delay treatment when the
  clinical picture fits" beside an INDETERMINATE result in a person with no symptom or sign. The
  caveat now names the result it sits beside ("an indeterminate result") and makes the treatment
  conditional on symptoms or signs being present (Carmel & Agrawal, NEJM 2012: false-normal B12 in
  pernicious anaemia; NICE NG239, BMJ summary: further tests "in people who have symptoms or signs").
- 05 (no symptom) was "soon" while 34 (glossitis, indeterminate, "ask about starting B12 treatment
  now") was "routine". One rule now: "soon" when a clinician's decision about B12 treatment is needed
  now: suspected autoimmune gastritis (DECISIONS.md: "suspected pernicious anaemia -> see a clinician
  promptly") and signs that fit beside an unsettled result (BSH 2014 key recommendation 4: with
  strong clinical features "treatment should not be delayed"); each urgency reason says why.

Note on 13 (13-n2o-neuro-normal-b12): the key-number line read "homocysteine 45 µmol/L: raised
folate unknown or low" (a category code printed as words, no date).

Note on 20 (20-infant-vegan-mother-regression): a 9-month-old breastfed by a vegan mother was asked
for intrinsic-factor antibodies. NICE NG239 is for over 16s; in infants the pernicious-anaemia test
is the mother's (Roumeliotis et al., CMAJ 2012, Table 1: diagnosis by "Low serum B12 in infant and
mother", "Maternal history of diet low in B12", or a "Positive Schilling test in mother or history of
maternal pernicious anemia"). Rule status.judgment.next_tests.infant-antibodies-are-the-mothers.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status import markers
from b12.core.status.judgment import Level, Urgency
from b12.core.status.judgment.model import URGENCY_ORDER
from b12.core.status.readings import category_words
from b12.reports.terminal import full_report
from b12.reports.terminal_brief import brief_report
from b12.services.assess import assess_person
from b12.units import ANALYTE
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text

# 05-atrophic-gastritis-indeterminate-nosymptoms.yaml
F05: dict[str, Any] = {
    "age": 70,
    "sex": "male",
    "conditions": ["atrophic gastritis"],
    "labs": [{"analyte": "b12", "value": 180, "unit": "pmol/L", "date": "2026-11-15"}],
    "assessed_on": "2026-11-20",
}
# 34-colchicine-long-glossitis-indeterminate.yaml
F34: dict[str, Any] = {
    "age": 66,
    "sex": "male",
    "medications": [
        {"name": "colchicine", "dose": "500 micrograms daily", "start_date": "2019-01-01"}
    ],
    "symptoms": ["sore tongue"],
    "labs": [{"analyte": "b12", "value": 190, "unit": "pmol/L", "date": "2026-11-15"}],
    "assessed_on": "2026-11-20",
}
# 13-n2o-neuro-normal-b12.yaml
F13: dict[str, Any] = {
    "age": 22,
    "sex": "male",
    "conditions": ["recreational nitrous oxide use"],
    "symptoms": ["numbness in legs", "unsteady walking"],
    "labs": [
        {"analyte": "b12", "value": 350, "unit": "pmol/L", "date": "2026-11-15"},
        {"analyte": "hcy", "value": 45, "unit": "umol/L", "date": "2026-11-15"},
    ],
    "assessed_on": "2026-11-20",
}
# 20-infant-vegan-mother-regression.yaml
F20: dict[str, Any] = {
    "age": 0.75,
    "sex": "male",
    "conditions": ["still breastfed", "breastfed by a vegan mother"],
    "symptoms": ["developmental regression"],
    "labs": [
        {
            "analyte": "b12",
            "value": 150,
            "unit": "pmol/L",
            "date": "2026-11-15",
            "reference_range": {"low": 200, "high": 900},
        }
    ],
    "assessed_on": "2026-11-20",
}


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _text(renderable: Any) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _views(a: Assessment) -> str:
    """The brief and full terminal views (the clinician's HTML report needs the web extra: it is
    checked in tests/interfaces/test_reading_marks.py)."""
    return " ".join([_text(brief_report(a)), _text(full_report(a))])


# D4 ---------------------------------------------------------------------------------------------


def test_d4_05_the_caveat_names_the_indeterminate_result_and_claims_no_clinical_picture() -> None:
    a = assess(F05)
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE
    caveat = next(i for i in j.evidence if i.code == "pernicious_anaemia_assay")
    assert "an indeterminate result does not exclude a deficiency" in caveat.message
    assert "a normal result" not in caveat.message
    assert "clinical picture fits" not in caveat.message
    assert "if symptoms or signs of B12 deficiency are present" in caveat.message
    # The reading it makes unreliable carries the same words, in every view.
    b12 = next(r for r in a.status.readings if r.analyte is ANALYTE.B12)
    assert b12.category == "indeterminate" and b12.unreliable == caveat.message
    assert "normal result delay treatment" not in _views(a)
    assert_consistent(a)


def test_d4_a_normal_b12_with_recorded_pernicious_anaemia_is_still_called_normal() -> None:
    a = assess(
        {
            **F05,
            "conditions": ["pernicious anaemia"],
            "labs": [{"analyte": "b12", "value": 320, "unit": "pmol/L", "date": "2026-11-15"}],
        }
    )
    caveat = next(i for i in a.status.judgment.evidence if i.code == "pernicious_anaemia_assay")
    assert caveat.message.startswith("Pernicious anaemia is recorded but total B12 is not low")
    assert "a normal result does not exclude a deficiency" in caveat.message


def test_d4_05_soon_for_suspected_autoimmune_gastritis_and_the_reason_says_why() -> None:
    a = assess(F05)
    j = a.status.judgment
    # DECISIONS.md: "suspected pernicious anaemia -> see a clinician promptly".
    assert j.urgency is Urgency.SOON
    reasons = {f.code: f for f in j.urgency_reasons}
    assert set(reasons) == {"autoimmune_gastritis"}
    why = reasons["autoimmune_gastritis"].message
    assert "B12 is needed for life" in why
    assert "with or without symptoms" in why
    assert "intrinsic_factor_antibody" in next_test_names(a)
    assert_consistent(a)


def test_d4_34_a_sign_beside_an_indeterminate_result_is_soon_not_routine() -> None:
    a = assess(F34)
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE
    assert j.urgency is Urgency.SOON
    reason = next(f for f in j.urgency_reasons if f.code == "signs_fit")
    assert "status.judgment.conclude.signs-fit-indeterminate-soon" in reason.rules
    assert "bsh2014.discordant" in reason.rules
    assert "read as glossitis" in reason.message and "should not be delayed" in reason.message
    assert "rather than at a routine visit" in reason.message
    # The plan's "start treatment now" item and the advice agree with the urgency.
    assert "ask about starting B12 treatment now" in plan_text(a)
    assert j.advice_on("do_not_delay") is not None
    assert_consistent(a)


def test_d4_no_symptom_is_never_more_urgent_than_a_sign_with_a_start_now_item() -> None:
    u05 = assess(F05).status.judgment.urgency
    u34 = assess(F34).status.judgment.urgency
    assert URGENCY_ORDER.index(u05) <= URGENCY_ORDER.index(u34)


def test_d4_34_control_without_the_sign_stays_routine() -> None:
    # Colchicine and an indeterminate B12, no symptom: further tests only, no treatment decision now.
    a = assess({**F34, "symptoms": []})
    j = a.status.judgment
    assert j.urgency is Urgency.ROUTINE
    assert not any(f.code == "signs_fit" for f in j.urgency_reasons)
    assert "starting B12 treatment now" not in plan_text(a)
    assert_consistent(a)


def test_d4_34_with_nerve_symptoms_urgent_wins() -> None:
    a = assess({**F34, "symptoms": ["sore tongue", "tingling in feet"]})
    j = a.status.judgment
    assert j.urgency is Urgency.URGENT
    assert not any(f.code == "signs_fit" for f in j.urgency_reasons)
    assert_consistent(a)


# Note on 13 -------------------------------------------------------------------------------------


def test_note13_the_homocysteine_key_number_reads_as_words_with_its_date() -> None:
    a = assess(F13)
    brief = _text(brief_report(a))
    assert "raised folate unknown or low" not in brief
    # As the lab printed it ("umol/L"), as the NG239 readings show theirs.
    assert (
        "homocysteine 45 umol/L (2026-11-15): raised; folate is low or not measured, so it does "
        "not single out B12" in " ".join(brief.split())
    )
    assert "raised folate unknown or low" not in _views(a)
    assert_consistent(a)


def test_note13_every_marker_category_prints_as_words() -> None:
    values = [
        {ANALYTE.HOLOTC: v, ANALYTE.MMA: m, ANALYTE.HCY: h, ANALYTE.FOLATE: f}
        for v in (15.0, 25.0, 60.0)
        for m in (0.2, 0.9)
        for h in (10.0, 30.0)
        for f in (5.0, 20.0)
    ]
    values += [{ANALYTE.HCY: 30.0}]  # folate not measured
    categories = {r.category for v in values for r in markers.readings(v)}
    categories |= {"below_range", "within_range", "above_range"}
    assert {"raised_folate_unknown_or_low", "suggests_b12_deficiency", "highly_suggestive"} <= (
        categories
    )
    for c in categories:
        words = category_words(c)
        assert "_" not in words, c
    assert category_words("raised_folate_unknown_or_low").startswith("raised; folate")
    assert "B12 deficiency" in category_words("highly_suggestive")
    assert "folate adequate" in category_words("suggests_b12_deficiency")


def test_note13_a_homocysteine_with_folate_measured_is_dated_and_named() -> None:
    data = {
        **F13,
        "labs": [
            *F13["labs"],
            {"analyte": "folate", "value": 25, "unit": "nmol/L", "date": "2026-11-14"},
        ],
    }
    a = assess(data)
    hcy = next(r for r in a.status.readings if r.analyte is ANALYTE.HCY)
    folate = next(r for r in a.status.readings if r.analyte is ANALYTE.FOLATE)
    assert str(hcy.date) == "2026-11-15" and str(folate.date) == "2026-11-14"
    assert category_words(hcy.category) == "raised, with folate adequate: suggests B12 deficiency"


# Note on 20 -------------------------------------------------------------------------------------


def test_note20_a_breastfed_infant_is_not_asked_for_intrinsic_factor_antibodies() -> None:
    a = assess(F20)
    j = a.status.judgment
    assert j.urgency is Urgency.URGENT
    assert "intrinsic_factor_antibody" not in next_test_names(a)
    said = " ".join([plan_text(a), *(f.message for f in j.urgency_reasons)])
    assert "intrinsic-factor" not in said
    # The mother's B12 is checked instead (her cause, diet or pernicious anaemia, with it).
    assert "mother should have her own B12 checked" in plan_text(a)
    assert_consistent(a)


def test_note20_any_baby_under_one_year_the_test_is_the_mothers() -> None:
    a = assess({**F20, "conditions": ["formula fed"]})
    assert "intrinsic_factor_antibody" not in next_test_names(a)
    assert_consistent(a)


def test_note20_control_an_adult_with_the_same_result_pattern_still_gets_the_antibodies() -> None:
    # An adult with a likely deficiency and no dietary cause: NICE NG239's autoimmune gastritis test.
    a = assess(
        {
            "age": 45,
            "sex": "male",
            "symptoms": ["tiredness"],
            "labs": [{"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2026-11-15"}],
            "assessed_on": "2026-11-20",
        }
    )
    assert a.status.judgment.level is Level.DEFICIENCY_LIKELY
    assert "intrinsic_factor_antibody" in next_test_names(a)
