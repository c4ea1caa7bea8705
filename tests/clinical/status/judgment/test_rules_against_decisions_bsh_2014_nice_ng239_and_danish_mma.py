"""Rules of the one judgment (:mod:`b12.core.status.judgment.rules`) against their sources.

- DECISIONS.md "One judgment" (2026-12-04): "A functional marker is raised when above the lab's
  printed upper reference limit, else MMA > 0.271 µmol/L or homocysteine > 15 µmol/L. Age, eGFR and
  folate are named as possible explanations and lower the confidence; they never turn a raised
  value into `deficiency_unlikely`." "On intramuscular treatment the response is judged from
  symptoms, Hb/MCV and MMA/homocysteine, never from serum B12 or holoTC (which injections raise)."
- BSH 2014 (Devalia et al., evidence.md §2.3, [V]): "Definitive cut-off points ... are not
  possible ... local reference ranges should be established"; "With discordant tests but strong
  clinical features, do not delay treatment."
- Danish age-specific reference intervals (evidence.md §2.6, [V]): "65+ y: B12 200–600 pmol/L, MMA
  0.12–0.46 µmol/L".
- NICE NG239 via NASGP (evidence.md §5.1, [P]): "Review after 3 months of treatment".
- BNSSG (evidence.md §5.1, [V]): re-testing serum B12 on established IM replacement is "unnecessary
  and uninformative".
- BNF (evidence.md §5.1, [V]): maintenance "1 mg every 3 months"; b12 infers from it a 3-month
  window in which an injection still raises serum B12 (no source states the window: ``secondary``).
- ``status.confidence`` and ``status.urgency`` are b12 design rules (``unverified``, DECISIONS.md:
  "from written rules (never a numeric probability)").

Units: MMA and homocysteine µmol/L; age years; intervals in months of 30.44 days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core import sources
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.core.status.interpret import StatusResult, interpret_status
from b12.core.status.judgment import Level, Response
from b12.core.status.judgment import rules as jr
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

DAY = dt.date(2026, 11, 1)
SAMPLE = "2026-11-01"
EPS = 1e-6
V, S, U = Evidence.VERIFIED, Evidence.SECONDARY, Evidence.UNVERIFIED

# Rule id -> (source, evidence level, parameters with their published value).
RULES: dict[str, tuple[Any, Evidence, dict[str, float]]] = {
    "status.functional-marker-raised": (sources.BSH_2014, V, {}),
    "status.raised-functional-never-unlikely": (sources.B12_JUDGMENT, S, {}),
    "status.older-age-mma": (
        sources.DANISH_MMA_AGE,
        V,
        {
            "MMA_UPPER_REFERENCE_65_AND_OVER_UMOL_L": 0.46,  # "MMA 0.12–0.46 µmol/L"
            "OLDER_MMA_REFERENCE_FROM_AGE_YEARS": 65.0,  # "65+ y"
        },
    ),
    "status.masked-normal-b12": (sources.B12_JUDGMENT, S, {}),
    "status.on-injections-serum-not-usable": (sources.BNSSG_B12, V, {}),
    "status.recent-injection": (
        sources.BNF_B12,
        S,
        {"RECENT_INJECTION_WINDOW_MONTHS": 3.0},  # one BNF maintenance interval
    ),
    "status.on-treatment-response": (
        sources.NASGP_NG239,
        S,
        # "Review after 3 months of treatment, or after 1 month in people who are pregnant or
        # breastfeeding"
        {"REVIEW_AFTER_START_MONTHS": 3.0, "REVIEW_PREGNANCY_MONTHS": 1.0},
    ),
    "bsh2014.discordant": (sources.BSH_2014, V, {}),
    "status.nitrous-oxide-stop": (sources.NICE_NG239, S, {}),
    "status.autoimmune-gastritis-antibodies": (sources.NICE_NG239, S, {}),
    "status.b12-before-folic-acid": (sources.BNF_B12, S, {}),
    "status.full-blood-count": (sources.BSH_2014, S, {}),
    "status.confidence": (sources.B12_JUDGMENT, U, {}),
    "status.urgency": (sources.B12_JUDGMENT, U, {}),
    "status.judgment.rules.results-after-assessment-date": (sources.B12_JUDGMENT, S, {}),
    "status.judgment.rules.high-b12-other-causes": (sources.HIGH_B12_LABS, S, {}),
    "status.judgment.rules.adherence-first": (sources.BSH_2014, S, {}),
    # Round 14b: bpacnz 2013, "Microcytic anaemia is defined as a mean cell volume < 80 fL";
    # "Ferritin should be used to investigate suspected iron deficiency anaemia".
    "status.judgment.rules.working-b12-blood-count-other-cause": (
        jr.BPAC_IRON_2013,
        S,
        {"MICROCYTIC_MCV_BELOW_FL": 80.0},
    ),
    # Round 14: the response read against the values before treatment (NHS Lothian: the MCV
    # "should be normalising" at 8 weeks; the half-way fraction is b12's choice).
    "status.judgment.rules.response-trend": (
        sources.LOTHIAN_B12_MONITORING,
        S,
        {"RESPONSE_GAP_LEFT_AT_MOST_FRACTION": 0.5},
    ),
    # Round 14: injections only raise serum B12, so a low one is read (NG239's band).
    "status.judgment.rules.low-b12-despite-injections": (sources.B12_JUDGMENT, S, {}),
    # Round 15b, finding 52: a blood count normal earlier on treatment and abnormal now.
    "status.judgment.rules.blood-count-fell-on-treatment": (sources.LOTHIAN_B12_MONITORING, S, {}),
    # Round 15: nerve symptoms and no result yet: the blood first, then treat without waiting.
    "status.judgment.rules.neurological-sample-first": (jr.BMJ_BP_B12_MANAGEMENT, S, {}),
    "status.judgment.rules.persisting-symptoms-other-causes": (sources.SPS_NG239_ONGOING, S, {}),
    "status.judgment.rules.child-signs-outweigh-range": (sources.IREVALL_2017_INFANT_B12, S, {}),
    "status.judgment.rules.child-unread-b12-functional": (sources.IREVALL_2017_INFANT_B12, S, {}),
    "status.judgment.rules.untreated-functional-marker": (sources.B12_JUDGMENT, S, {}),
    # NG239's age scope; b12 reads no adult-derived blood threshold under 6 months (round 13).
    "status.judgment.rules.no-adult-functional-cut-offs-under-6-months": (
        sources.NICE_NG239,
        S,
        {},
    ),
}


(
    test_the_module_declares_exactly_these_rules,
    test_each_rule_cites_its_source_with_its_evidence_level,
) = rule_table_tests("b12.core.status.judgment.rules", RULES)


test_registered_parameters_are_the_published_numbers = parameter_tests(RULES, jr)


def lab(analyte: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": SAMPLE, **extra}


NORMAL_B12 = lab("b12", 400, "pmol/L")


def status(**fields: Any) -> StatusResult:
    return interpret_status(Person.model_validate({"age": 50, "sex": "female", **fields}), DAY)


@pytest.mark.parametrize(
    ("mma", "level"),
    [
        (0.271 - EPS, Level.DEFICIENCY_UNLIKELY),
        (0.271, Level.DEFICIENCY_UNLIKELY),
        (0.271 + EPS, Level.POSSIBLE_FUNCTIONAL_DEFICIENCY),
    ],
)
def test_mma_above_0_271_umol_per_l_is_raised_and_never_reassuring(
    mma: float, level: Level
) -> None:
    s = status(labs=[NORMAL_B12, lab("mma", mma, "umol/L")])
    assert s.judgment.level is level
    assert jr.RULE_FUNCTIONAL_RAISED in s.rules


@pytest.mark.parametrize(
    ("hcy", "level"),
    [
        (15 - EPS, Level.DEFICIENCY_UNLIKELY),
        (15, Level.DEFICIENCY_UNLIKELY),
        (15 + EPS, Level.POSSIBLE_FUNCTIONAL_DEFICIENCY),
    ],
)
def test_homocysteine_above_15_umol_per_l_is_raised(hcy: float, level: Level) -> None:
    s = status(labs=[NORMAL_B12, lab("hcy", hcy, "umol/L")])
    assert s.judgment.level is level


@pytest.mark.parametrize(
    ("mma", "raised"), [(0.24 - EPS, False), (0.24, False), (0.24 + EPS, True)]
)
def test_the_labs_printed_upper_limit_comes_first_bsh_2014(mma: float, raised: bool) -> None:
    # BSH 2014: local reference ranges; here the lab's upper limit (0.24) is below b12's 0.271.
    s = status(labs=[NORMAL_B12, lab("mma", mma, "umol/L", reference_range={"high": 0.24})])
    assert s.judgment.has("mma_raised") is raised


@pytest.mark.parametrize(
    ("age", "mma", "explained"),
    [
        (65 - EPS, 0.40, False),
        (65, 0.40, True),
        (70, 0.46 - EPS, True),
        (70, 0.46, True),
        (70, 0.46 + EPS, False),
    ],
)
def test_from_65_years_mma_up_to_0_46_may_be_explained_by_age_danish_reference(
    age: float, mma: float, explained: bool
) -> None:
    s = status(age=age, labs=[NORMAL_B12, lab("mma", mma, "umol/L")])
    assert (jr.RULE_AGE_MMA in s.rules) is explained
    # An explanation lowers the confidence, never the level (DECISIONS.md).
    assert s.judgment.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY
    assert jr.RULE_FUNCTIONAL_NOT_REASSURING in s.rules


def injection(**dates: str) -> dict[str, Any]:
    return {"name": "hydroxocobalamin injection", **dates}


@pytest.mark.parametrize(("days_before", "recent"), [(91, True), (92, False)])
def test_an_injection_within_3_months_before_the_sample_masks_a_normal_b12(
    days_before: int, recent: bool
) -> None:
    # 3 months of 30.44 days are 91.32 days.
    stopped = str(DAY - dt.timedelta(days=days_before))
    s = status(
        labs=[NORMAL_B12], medications=[injection(start_date="2025-01-01", stop_date=stopped)]
    )
    assert (jr.RULE_RECENT_INJECTION in s.rules) is recent
    assert (s.judgment.level is Level.DEFICIENCY_UNLIKELY) is not recent


def test_serum_b12_is_not_usable_while_injections_continue_bnssg() -> None:
    s = status(labs=[NORMAL_B12], medications=[injection(start_date="2025-01-01")])
    assert s.judgment.level is Level.ON_TREATMENT
    assert jr.RULE_ON_IM_SERUM_UNUSABLE in s.rules


@pytest.mark.parametrize(
    ("days_since_start", "response"), [(91, Response.TOO_EARLY), (92, Response.CANNOT_JUDGE)]
)
def test_the_response_is_reviewed_3_months_after_starting_nice_ng239(
    days_since_start: int, response: Response
) -> None:
    started = str(DAY - dt.timedelta(days=days_since_start))
    s = status(medications=[injection(start_date=started)])
    assert s.judgment.level is Level.ON_TREATMENT
    assert s.judgment.response is response
    assert jr.RULE_RESPONSE in s.rules


def test_discordant_total_and_active_b12_do_not_delay_treatment_bsh_2014() -> None:
    s = status(labs=[lab("b12", 100, "pmol/L"), lab("holotc", 90, "pmol/L")])
    assert s.judgment.level is Level.INDETERMINATE
    assert jr.RULE_DISCORDANT in s.rules


@pytest.mark.parametrize(
    "fields",
    [
        {"conditions": ["recreational nitrous oxide"]},
        {"conditions": ["pernicious anaemia"]},
        {"symptoms": ["fatigue"], "medications": [{"name": "cyanocobalamin"}]},
    ],
)
def test_a_normal_b12_that_a_caveat_makes_unreliable_is_not_reassuring(
    fields: dict[str, Any],
) -> None:
    # DECISIONS.md: "Serum B12 is never the last word when a caveat says it can be falsely normal".
    s = status(labs=[NORMAL_B12], **fields)
    assert s.judgment.level is Level.INDETERMINATE
    assert ("homocysteine", (jr.RULE_MASKED_NORMAL,)) in [
        (t.test, t.rules) for t in s.judgment.next_tests
    ] or jr.RULE_NITROUS_OXIDE_STOP in s.rules


def test_nitrous_oxide_advises_stopping_and_homocysteine() -> None:
    s = status(conditions=["recreational nitrous oxide"], labs=[NORMAL_B12])
    assert jr.RULE_NITROUS_OXIDE_STOP in s.rules
    assert "homocysteine" in [t.test for t in s.judgment.next_tests]


def test_nitrous_oxide_with_raised_homocysteine_is_a_possible_functional_deficiency() -> None:
    s = status(
        conditions=["recreational nitrous oxide"], labs=[NORMAL_B12, lab("hcy", 30, "umol/L")]
    )
    assert s.judgment.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY


def test_low_folate_with_unknown_b12_checks_b12_before_folic_acid() -> None:
    s = status(labs=[lab("folate", 5, "nmol/L")])
    assert jr.RULE_FOLATE_B12_FIRST in s.rules


def test_suspected_autoimmune_gastritis_asks_for_intrinsic_factor_antibodies() -> None:
    # BSH 2014: patients "suspected of having pernicious anaemia, should be tested for anti-IFAB";
    # a recorded diagnosis is not suspected (red team round 14, finding 14: tested in
    # tests/clinical/status/judgment/test_red_team_round14_fixj2.py), so the condition says so.
    s = status(conditions=["suspected autoimmune gastritis"], labs=[lab("b12", 100, "pmol/L")])
    assert jr.RULE_AUTOIMMUNE_GASTRITIS in s.rules


def test_confidence_is_always_cited_and_urgency_when_not_routine() -> None:
    normal = status(labs=[NORMAL_B12])
    assert jr.RULE_CONFIDENCE in normal.rules and jr.RULE_URGENCY not in normal.rules
    low = status(labs=[lab("b12", 100, "pmol/L")])
    assert low.judgment.urgency == "soon"
    assert {jr.RULE_CONFIDENCE, jr.RULE_URGENCY} <= set(low.rules)


def test_anaemia_is_read_as_a_sign_beside_the_b12_tests() -> None:
    s = status(labs=[lab("b12", 100, "pmol/L"), lab("hemoglobin", 10, "g/dL")])
    assert jr.RULE_FULL_BLOOD_COUNT in s.rules
