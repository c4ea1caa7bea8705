"""The screening rules (:mod:`b12.core.screening.rules`) against their sources (evidence.md §3).

- NICE NG239 via the BMJ summary (Sands T et al. BMJ 2024;385:q1019; [V]): "Offer an initial
  diagnostic test (total or active B12) for suspected deficiency to people who have at least one
  common symptom or sign and at least one common risk factor". Nitrous oxide, NICE draft July 2023
  ([V]): "use homocysteine as the initial test".
- NG239 risk-factor box as summarised by Pulse ([P]): diet, family history, autoimmune gastritis,
  coeliac disease, Sjögren's syndrome, type 1 diabetes, metformin, pregabalin, PPIs, topiramate,
  colchicine, phenobarbital, primidone, H2-receptor blockers, bariatric surgery, gastrectomy,
  terminal ileal resection, abdominal or pelvic radiotherapy, recreational nitrous oxide.
- IOM 1998/2006 (§4.1, [V]): "Because 10 to 30 percent of older people may malabsorb food-bound
  vitamin B12, for adults over 50 years old ...".
- NIH ODS fact sheet (§3.2, [P]): older adults, pernicious anaemia, Crohn's and coeliac disease,
  gastrectomy and bariatric surgery, vegetarians and vegans, infants of vegan mothers.
- Miller JW, Adv Nutr 2018 (§3.2, [P]): "PPIs/H2RAs: HR 1.83 (95% CI 1.36–2.46) for B12 deficiency
  with ≥10 months use".
- MHRA Drug Safety Update 2022 (§3.1, [V]): decreased B12 "is now considered to be a common side
  effect ... especially in those receiving a higher dose or longer treatment duration".
- NICE CKS-based summary (§3.1, [P]): pernicious anaemia's autoimmune associations (myxoedema,
  thyrotoxicosis, Hashimoto's, Addison's disease, vitiligo).
- DECISIONS.md "Who to test": without symptoms, list the risk factors and say that screening is
  worth discussing.

Units: age in years; medicine use in whole months of 365.25/12 days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core import rules, sources
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.core.screening import rules as sr
from b12.core.screening.model import Recommendation
from b12.core.screening.screen import months_between, screen
from tests.clinical.rule_contract import rule_table_tests

DAY = dt.date(2026, 11, 1)
EPS = 1e-6
V, S = Evidence.VERIFIED, Evidence.SECONDARY

# Rule id -> (source, evidence level as evidence.md labels the number: [V] verified, [P] secondary).
RULES = {
    "screening.nice-ng239.offer-test": (sources.NICE_NG239, V),
    # b12's own choice beside NG239's offer; not a press summary of a mouse study (red team 17).
    "screening.discuss-without-symptoms": (sources.B12_DECISIONS_SCREENING, Evidence.UNVERIFIED),
    "screening.symptoms": (sources.NICE_NG239, S),
    # NG239's "Neurological/mobility problems" via a summary (red team round 17, D1 and D3).
    "screening.rules.falls": (sources.NICE_NG239_SIGNS_MOBILITY, S),
    # Pulse's NG239 summary: "clinical judgement often leads to testing of those with symptoms who
    # may not fall into a typical at-risk group" (red-team round 15, finding 05)
    "screening.rules.symptoms-without-risk-factor": (sources.NICE_NG239_RISK_FACTORS, S),
    "screening.rules.infant-signs": (sources.WIRTHENSOHN_2023_INFANT_B12, S),
    "screening.risk.older-adult": (sources.IOM_1998_B12, V),
    "screening.risk.diet": (sources.NICE_NG239_RISK_FACTORS, S),
    "screening.risk.vegan-pregnancy": (sources.ODS_B12, S),
    "screening.risk.conditions.nice-ng239": (sources.NICE_NG239_RISK_FACTORS, S),
    "screening.risk.conditions.ods": (sources.ODS_B12, S),
    # NG239's box says "bariatric surgery"; the band's reason (it limits eating) is from BOMSS 2020
    # and the Devon formulary, quoted in the rule's note (red team round 16, D8).
    "screening.rules.gastric-band": (sources.NICE_NG239_RISK_FACTORS, S),
    "screening.risk.autoimmune": (sources.PA_AUTOIMMUNE_CKS, S),
    "screening.risk.medicines.nice-ng239": (sources.NICE_NG239_RISK_FACTORS, S),
    "screening.risk.ppi-h2ra-duration": (sources.MILLER_2018, S),
    "screening.risk.metformin-mhra": (sources.MHRA_METFORMIN_2022, V),
    "screening.nitrous-oxide.homocysteine-first": (sources.NICE_NG239, V),
}


(
    test_the_module_declares_exactly_these_rules,
    test_each_rule_cites_its_source_with_the_evidence_level_of_evidence_md,
) = rule_table_tests("b12.core.screening.rules", RULES)


def test_registered_parameters_are_the_published_numbers() -> None:
    assert dict(rules.get("screening.risk.older-adult").parameters) == {
        "OLDER_ADULT_ABOVE_AGE_YEARS": 50.0  # IOM: "adults over 50 years old"
    }
    assert dict(rules.get("screening.risk.ppi-h2ra-duration").parameters) == {
        "ACID_SUPPRESSION_PROLONGED_FROM_MONTHS": 10,  # Miller 2018: ">= 10 months"
        "DAYS_PER_MONTH": 365.25 / 12,  # days in an average calendar month
    }
    assert dict(rules.get("screening.rules.infant-signs").parameters) == {
        "INFANT_SIGNS_BELOW_AGE_YEARS": 16.0  # NICE NG239 covers people aged 16 and over
    }
    with_parameters = {
        "screening.risk.older-adult",
        "screening.risk.ppi-h2ra-duration",
        "screening.rules.infant-signs",
    }
    for rule_id in set(RULES) - with_parameters:
        assert dict(rules.get(rule_id).parameters) == {}, rule_id


def person(**fields: Any) -> Person:
    return Person.model_validate({"age": 40, "sex": "female", **fields})


def risks(**fields: Any) -> dict[str, tuple[str, ...]]:
    return {rf.code: rf.rules for rf in screen(person(**fields), DAY).risk_factors}


@pytest.mark.parametrize(("age", "older"), [(50 - EPS, False), (50, False), (50 + EPS, True)])
def test_older_adult_is_over_50_years_iom(age: float, older: bool) -> None:
    found = risks(age=age)
    assert ("older_adult" in found) is older
    if older:
        assert found["older_adult"] == (sr.RULE_OLDER_ADULT,)


@pytest.mark.parametrize(("days", "months", "prolonged"), [(304, 9, False), (305, 10, True)])
def test_ppi_use_from_10_months_is_prolonged_miller_2018(
    days: int, months: int, prolonged: bool
) -> None:
    # 10 months are 304.375 days: 304 days are 9 whole months, 305 days are 10.
    start = DAY - dt.timedelta(days=days)
    assert months_between(start, DAY) == months
    found = screen(person(medications=[{"name": "omeprazole", "start_date": start}]), DAY)
    (risk,) = found.risk_factors
    assert ("prolonged use (>= 10 months)" in risk.message) is prolonged
    assert risk.rules == (sr.RULE_MEDICINES, sr.RULE_ACID_SUPPRESSION_DURATION)


def test_h2_blocker_duration_uses_the_same_rule() -> None:
    start = DAY - dt.timedelta(days=400)
    (risk,) = screen(
        person(medications=[{"name": "famotidine", "start_date": start}]), DAY
    ).risk_factors
    assert "prolonged use" in risk.message
    assert sr.RULE_ACID_SUPPRESSION_DURATION in risk.rules


def test_metformin_cites_the_nice_box_and_the_mhra() -> None:
    assert risks(medications=[{"name": "metformin"}]) == {
        "medication.metformin": (sr.RULE_MEDICINES, sr.RULE_METFORMIN)
    }


@pytest.mark.parametrize(
    ("fields", "recommendation", "rule"),
    [
        ({"diet": "vegan", "symptoms": ["fatigue"]}, Recommendation.OFFER_TEST, sr.RULE_OFFER_TEST),
        ({"diet": "vegan"}, Recommendation.DISCUSS_SCREENING, sr.RULE_DISCUSS),
        # symptoms without a risk factor cite their own rule ("Risk factors without symptoms",
        # RULE_DISCUSS, does not describe them)
        ({"symptoms": ["fatigue"]}, Recommendation.DISCUSS_SYMPTOMS, sr.RULE_SYMPTOMS_WITHOUT_RISK),
        ({}, Recommendation.NOT_INDICATED, sr.RULE_DISCUSS),
    ],
)
def test_offer_a_test_with_at_least_one_symptom_and_one_risk_factor_nice_ng239(
    fields: dict[str, Any], recommendation: Recommendation, rule: str
) -> None:
    found = screen(person(**fields), DAY)
    assert found.recommendation is recommendation
    assert rule in found.rules
    assert (sr.RULE_SYMPTOMS in found.rules) is ("symptoms" in fields)


@pytest.mark.parametrize(
    ("fields", "code", "rule"),
    [
        ({"diet": "vegan"}, "diet.vegan", sr.RULE_DIET),
        ({"diet": "vegetarian"}, "diet.vegetarian", sr.RULE_DIET),
        (
            {"diet": "vegan", "pregnant": True},
            "diet.plant_based_pregnancy",
            sr.RULE_VEGAN_PREGNANCY,
        ),
        (
            {"diet": "vegetarian", "breastfeeding": True},
            "diet.plant_based_pregnancy",
            sr.RULE_VEGAN_PREGNANCY,
        ),
        ({"conditions": ["coeliac disease"]}, "coeliac_disease", sr.RULE_CONDITIONS_NICE),
        ({"conditions": ["autoimmune gastritis"]}, "atrophic_gastritis", sr.RULE_CONDITIONS_NICE),
        ({"conditions": ["family history"]}, "family_history", sr.RULE_CONDITIONS_NICE),
        ({"conditions": ["gastric bypass"]}, "bariatric_surgery", sr.RULE_CONDITIONS_NICE),
        ({"conditions": ["gastrectomy"]}, "gastrectomy", sr.RULE_CONDITIONS_NICE),
        ({"conditions": ["ileal resection"]}, "ileal_resection", sr.RULE_CONDITIONS_NICE),
        (
            {"conditions": ["pelvic radiotherapy"]},
            "abdominal_pelvic_radiotherapy",
            sr.RULE_CONDITIONS_NICE,
        ),
        ({"conditions": ["pernicious anaemia"]}, "pernicious_anaemia", sr.RULE_CONDITIONS_ODS),
        ({"conditions": ["Crohn's disease"]}, "crohns_disease", sr.RULE_CONDITIONS_ODS),
        ({"conditions": ["vitiligo"]}, "autoimmune_other", sr.RULE_AUTOIMMUNE),
        ({"conditions": ["Addison's disease"]}, "autoimmune_other", sr.RULE_AUTOIMMUNE),
        ({"conditions": ["nitrous oxide"]}, "nitrous_oxide", sr.RULE_MEDICINES),
        ({"medications": [{"name": "colchicine"}]}, "medication.colchicine", sr.RULE_MEDICINES),
        ({"medications": [{"name": "pregabalin"}]}, "medication.pregabalin", sr.RULE_MEDICINES),
    ],
)
def test_each_risk_factor_cites_its_rule(fields: dict[str, Any], code: str, rule: str) -> None:
    assert rule in risks(**fields)[code]


def test_plant_based_diet_in_pregnancy_is_higher_priority_ods() -> None:
    assert screen(person(diet="vegan", pregnant=True), DAY).priority == "high"
    assert screen(person(diet="vegan"), DAY).priority == "routine"


def test_nitrous_oxide_makes_homocysteine_the_initial_test_nice_ng239() -> None:
    found = screen(person(conditions=["nitrous oxide"], symptoms=["tingling"]), DAY)
    assert found.tests[0].test == "hcy"
    assert found.tests[0].rules == (sr.RULE_NITROUS_OXIDE_TEST,)


def test_otherwise_the_first_test_is_total_or_active_b12_nice_ng239() -> None:
    found = screen(person(diet="vegan", symptoms=["fatigue"]), DAY)
    assert [(t.test, t.rules) for t in found.tests] == [("b12_or_holotc", (sr.RULE_OFFER_TEST,))]
