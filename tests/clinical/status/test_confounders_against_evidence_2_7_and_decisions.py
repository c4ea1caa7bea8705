"""Confounders (:mod:`b12.core.status.confounders`) against evidence.md §2.7 and DECISIONS.md.

DECISIONS.md "Confounders that must appear as caveats": "eGFR < 60 mL/min/1.73 m² (MMA and
homocysteine rise); low folate (homocysteine rises); pregnancy (total B12 falls; prefer holoTC);
nitrous oxide (B12 can look normal; MMA and homocysteine are the tests); suspected pernicious anaemia
with a normal B12 (assay interference by intrinsic-factor antibodies); recent supplementation (serum
B12 rises first); high-dose biotin (immunoassay interference)."

evidence.md §2.7, with its labels:
- Renal function [V]: "MMA and tHcy rise as GFR falls, independent of B12" (Risch 2015); "cB12 is
  also lower with CKD [V, Mineva 2019]. Suggested flag: eGFR <60 mL/min/1.73 m²" (so the 60 is a
  suggestion: level ``secondary``).
- Folate [V, Mayo]: "folate deficiency raises Hcy, but MMA stays normal". The low-folate cut-off,
  serum folate < 10 nmol/L, is the rule ``folate.who2012.low`` of :mod:`b12.core.status.markers`.
- Pregnancy [V]: "Serum B12 falls progressively"; Koebnick: "35% had serum B12 <150 pmol/L in the
  3rd trimester, without functional deficiency".
- Oral contraceptives, myeloma, HIV [V]: "spuriously low levels are known to occur in myeloma, HIV
  infection, pregnancy, COCP treatment" (BNSSG).
- Nitrous oxide [V]: "Serum B12 and even holoTC may be normal; tHcy and MMA are raised" (Leleu &
  Denimal 2024).
- Intrinsic-factor-antibody assay interference [V]: false-normal B12 "in 22%, 26% and 35% of
  untreated pernicious-anaemia samples" (Carmel & Agrawal 2012).
- Biotin [V]: "high-dose biotin can interfere with immunoassays".
- Recent supplementation [V]: "raises serum B12 and can mask deficiency (Wolffenbuttel 2020)".

The "normal B12" of the pernicious-anaemia caveat is NICE NG239's reading: total B12 "less than
180 ng/L (133 pmol/L)" is deficiency likely (evidence.md §2.2, [P]).

Units: eGFR mL/min/1.73 m²; folate nmol/L; B12 as printed (ng/L here).
"""

from __future__ import annotations

from typing import Any

import pytest

from b12.core import rules, sources
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.core.status import confounders
from b12.units import Analyte
from tests.clinical.rule_contract import rule_table_tests

EPS = 1e-6
V, S, U = Evidence.VERIFIED, Evidence.SECONDARY, Evidence.UNVERIFIED

# Rule id -> (source, evidence level as evidence.md labels it).
RULES = {
    "confounder.kidney.egfr60": (sources.KIDNEY_MMA, S),
    "confounder.folate-low": (sources.MAYO_FOLATE, V),
    "confounder.pregnancy": (sources.PREGNANCY_B12, V),
    "confounder.nitrous-oxide": (sources.N2O_LELEU_2024, V),
    "confounder.pernicious-anaemia-assay": (sources.CARMEL_2012, V),
    "confounder.recent-supplement": (sources.WOLFFENBUTTEL_2020, V),
    # Round 17b, 03: the time course is secondary (cobalamin's elimination half-life ~6 days).
    # The 4-week washout is b12's number (no guideline gives one): unverified.
    "status.confounders.recent-supplement-stopped": (sources.WOLFFENBUTTEL_2020, U),
    "confounder.spuriously-low": (sources.BNSSG_B12, V),
    "confounder.biotin": (sources.BIOTIN_ASSAY, V),
    "status.confounders.ethnicity-reference-range": (sources.NWL_PATHOLOGY_NG239_1_3_13, S),
}


(
    test_the_module_declares_exactly_these_rules,
    test_each_rule_cites_its_source_with_the_evidence_level_of_evidence_md,
) = rule_table_tests("b12.core.status.confounders", RULES)


def test_registered_parameters_are_the_published_numbers() -> None:
    assert dict(rules.get("confounder.kidney.egfr60").parameters) == {
        "EGFR_REDUCED_BELOW_ML_MIN": 60.0  # mL/min/1.73 m², evidence.md §2.7
    }
    assert dict(rules.get("status.confounders.recent-supplement-stopped").parameters) == {
        "SUPPLEMENT_WASHOUT_DAYS": 28  # 4 weeks: between 4 and 5 half-lives of about 6 days
    }
    for rule_id in set(RULES) - {
        "confounder.kidney.egfr60",
        "status.confounders.recent-supplement-stopped",
    }:
        assert dict(rules.get(rule_id).parameters) == {}, rule_id


def person(**fields: Any) -> Person:
    return Person.model_validate({"age": 50, "sex": "female", **fields})


def caveats(
    p: Person | None = None, values: dict[Analyte, float] | None = None, egfr: float | None = None
) -> dict[str, tuple[str, ...]]:
    found = confounders.caveats(p or person(), values or {}, egfr)
    return {f.code: f.rules for f in found}


def test_nothing_to_say_without_a_confounder() -> None:
    assert caveats(egfr=90, values={Analyte.FOLATE: 20.0}) == {}


@pytest.mark.parametrize(("egfr", "flagged"), [(60 - EPS, True), (60, False), (60 + EPS, False)])
def test_kidney_function_below_egfr_60(egfr: float, flagged: bool) -> None:
    found = caveats(egfr=egfr)
    assert ("kidney_function" in found) is flagged
    if flagged:
        assert found["kidney_function"] == ("confounder.kidney.egfr60",)


def test_unknown_egfr_is_no_caveat() -> None:
    assert "kidney_function" not in caveats(egfr=None)


@pytest.mark.parametrize(("folate", "flagged"), [(10 - EPS, True), (10, False), (10 + EPS, False)])
def test_low_folate_below_10_nmol_per_l(folate: float, flagged: bool) -> None:
    found = caveats(values={Analyte.FOLATE: folate})
    assert ("low_folate" in found) is flagged
    if flagged:
        assert found["low_folate"] == ("confounder.folate-low", "folate.who2012.low")


def test_pregnancy_prefers_active_b12() -> None:
    found = caveats(person(pregnant=True))
    assert found["pregnancy"][0] == "confounder.pregnancy"


@pytest.mark.parametrize(
    "fields",
    [
        {"conditions": ["recreational nitrous oxide"]},
        {"conditions": ["uses laughing gas"]},
        {"medications": [{"name": "Entonox"}]},
    ],
)
def test_nitrous_oxide_exposure(fields: dict[str, Any]) -> None:
    assert caveats(person(**fields))["nitrous_oxide"] == ("confounder.nitrous-oxide",)


def b12(ng_l: float) -> dict[str, Any]:
    return {"analyte": "b12", "value": ng_l, "unit": "ng/L", "date": "2026-10-01"}


@pytest.mark.parametrize(
    ("ng_l", "flagged"), [(180 - EPS, False), (180, True), (180 + EPS, True), (400, True)]
)
def test_suspected_pernicious_anaemia_with_b12_not_low_nice_180_ng_per_l(
    ng_l: float, flagged: bool
) -> None:
    # Below 180 ng/L B12 is already low, so no assay interference hides it.
    p = person(conditions=["pernicious anaemia"], labs=[b12(ng_l)])
    found = caveats(p)
    assert ("pernicious_anaemia_assay" in found) is flagged
    if flagged:
        assert found["pernicious_anaemia_assay"] == ("confounder.pernicious-anaemia-assay",)


def test_positive_intrinsic_factor_antibody_with_normal_b12() -> None:
    antibody = {"analyte": "intrinsic_factor_antibody", "value": "positive"}
    assert "pernicious_anaemia_assay" in caveats(person(labs=[b12(400), antibody]))
    negative = {"analyte": "intrinsic_factor_antibody", "value": "negative"}
    assert "pernicious_anaemia_assay" not in caveats(person(labs=[b12(400), negative]))


def test_suspected_pernicious_anaemia_without_a_b12_result_is_no_assay_caveat() -> None:
    assert "pernicious_anaemia_assay" not in caveats(person(conditions=["autoimmune gastritis"]))


@pytest.mark.parametrize(
    "name", ["cyanocobalamin 50 micrograms", "Hydroxocobalamin", "vitamin B12"]
)
def test_b12_supplement_raises_serum_b12_first(name: str) -> None:
    found = caveats(person(medications=[{"name": name}]))
    assert found["recent_supplement"] == ("confounder.recent-supplement",)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"medications": [{"name": "combined oral contraceptive"}]}, "combined_oral_contraceptive"),
        ({"medications": [{"name": "Microgynon 30"}]}, "combined_oral_contraceptive"),
        (
            {"medications": [{"name": "ethinylestradiol with levonorgestrel"}]},
            "combined_oral_contraceptive",
        ),
        ({"conditions": ["multiple myeloma"]}, "myeloma"),
        ({"conditions": ["HIV"]}, "hiv"),
    ],
)
def test_spuriously_low_b12_bnssg(fields: dict[str, Any], code: str) -> None:
    found = caveats(person(**fields))
    assert found[f"spuriously_low.{code}"] == ("confounder.spuriously-low",)
    assert [c for c in found if c.startswith("spuriously_low")] == [f"spuriously_low.{code}"]


@pytest.mark.parametrize("condition", ["hives", "chronic hives", "n2oxyz", "b12-ish"])
def test_an_abbreviation_inside_a_longer_word_is_not_a_mention(condition: str) -> None:
    # Short terms (HIV, N2O, B12) must be whole words: "hives" is not HIV.
    found = caveats(person(conditions=[condition]))
    assert "spuriously_low.hiv" not in found and "nitrous_oxide" not in found


@pytest.mark.parametrize(
    ("condition", "code"),
    [("HIV", "hiv"), ("HIV-positive", "hiv"), ("hiv infection", "hiv"), ("myelomas", "myeloma")],
)
def test_whole_words_and_plurals_still_match(condition: str, code: str) -> None:
    assert caveats(person(conditions=[condition]))[f"spuriously_low.{code}"] == (
        "confounder.spuriously-low",
    )


@pytest.mark.parametrize("name", ["biotin 10 mg", "Vitamin B7"])
def test_biotin_interferes_with_immunoassays(name: str) -> None:
    assert caveats(person(medications=[{"name": name}]))["biotin"] == ("confounder.biotin",)


def test_biotin_in_the_conditions_is_not_a_medicine() -> None:
    assert "biotin" not in caveats(person(conditions=["biotin deficiency"]))


@pytest.mark.parametrize(("age", "flagged"), [(16 - EPS, True), (16, False), (16 + EPS, False)])
def test_outside_nice_ng239_age_scope_under_16(age: float, flagged: bool) -> None:
    assert ("age_scope" in caveats(person(age=age))) is flagged


def test_ng239_ethnicity_note_only_for_black_ethnicity_with_a_total_b12() -> None:
    # NG239 1.3.13 (via NWL Pathology): "people of Black ethnicity may have a higher reference range".
    b12 = [{"analyte": "b12", "value": 300, "unit": "pmol/L"}]
    note = "reference_range.ethnicity"
    assert note in caveats(person(ethnicity="black", labs=b12))
    assert note not in caveats(person(ethnicity="white", labs=b12))
    assert note not in caveats(person(labs=b12))
    assert note not in caveats(person(ethnicity="black"))


@pytest.mark.parametrize(("value", "advised"), [(120, True), (500, False)])
def test_a_falsely_low_cause_advises_a_functional_test_only_on_a_low_reading(
    value: float, advised: bool
) -> None:
    # BNSSG: "spuriously low levels are known to occur in myeloma ... MMA may help".
    from b12.services.assess import assess_person

    p = person(
        conditions=["multiple myeloma"],
        labs=[{"analyte": "b12", "value": value, "unit": "pmol/L", "date": "2026-10-01"}],
    )
    tests = {t.test for t in assess_person(p).status.judgment.next_tests}
    assert ({"mma", "holotc"} <= tests) is advised
