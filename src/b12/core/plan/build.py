"""The personalised plan: deterministic rules from status x cause x diet x life stage x muscle.

Every item carries an id, the text, the reason and the ids of the rules behind it (sources are in
the registry). No free text is generated: the same person always gets the same plan. The B12 items
are chosen in :mod:`b12.core.plan.b12_items`, food and muscle items in :mod:`b12.core.plan.lifestyle`; the
numbers and their sources are in :mod:`b12.core.plan.treatment`, :mod:`b12.core.diet.protein` and
:mod:`b12.core.plan.intake`.

``intake`` (µg/day eaten and, optionally, absorbed) is optional so that the foods module (issue 4)
can pass a measured intake later: low status despite ample intake points to malabsorption; low
intake to a diet change or a modest supplement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from b12.core.diet.requirements import ReferenceIntake, reference_intake
from b12.core.findings import NextTest
from b12.core.muscle.model import MuscleResult
from b12.core.person import Person, plant_based
from b12.core.plan import b12_items, followup, lifestyle, prophylaxis
from b12.core.plan import treatment as tx
from b12.core.plan.intake import IntakeEstimate, IntakeLevel, intake_level
from b12.core.plan.model import PAEDIATRIC_REFERRAL, Category, Cause, PlanItem
from b12.core.plan.taken import b12_injections, named_medicines, oral_b12_taken
from b12.core.rules import Evidence, register
from b12.core.screening import rules as screening_rules
from b12.core.screening import surgery
from b12.core.screening.medications import is_b12_by_mouth, is_b12_injection, taken_on
from b12.core.screening.model import RECOMMENDATION, ScreeningResult
from b12.core.screening.screen import INFANT_BELOW_YEARS, RULE_LIFELONG_CAUSE, lifelong_cause
from b12.core.screening.terms import BREASTFED_TERMS
from b12.core.sources import (
    CDC_BREASTFED_INFANT_B12,
    NICE_NG239,
    SPS_NG239_ONGOING,
    WOLFFENBUTTEL_2020,
)
from b12.core.status import nice_ng239
from b12.core.status.confounders import mentions
from b12.core.status.interpret import StatusResult
from b12.core.status.judgment import TREAT, Judgment
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.model import LEVEL, URGENCY
from b12.core.status.judgment.response import RULE_RESPONSE_TESTS
from b12.core.status.result_age import CURRENT_RESULT_MONTHS
from b12.units import ANALYTE


class Plan(BaseModel):
    """The ordered plan, the readings it rests on and a one-paragraph summary."""

    model_config = ConfigDict(frozen=True)
    cause: Cause
    summary: str
    items: tuple[PlanItem, ...]
    rules: tuple[str, ...]


_TEST_TEXT = {
    "homocysteine": "Ask for a homocysteine test.",
    "holotc": "Ask for an active B12 (holotranscobalamin) test.",
    "mma": "Ask for a methylmalonic acid (MMA) test.",
    "folate": "Ask for a serum folate test.",
    "egfr": "Ask for a kidney function test (eGFR).",
    "full_blood_count": "Ask for a full blood count (haemoglobin and MCV).",
    "intrinsic_factor_antibody": "Ask for an intrinsic-factor antibody test.",
    "ferritin": "Ask for a serum ferritin test (iron stores).",
}


_FIRST_LINE = frozenset({"total_b12", "holotc"})
_OLD_RESULT = (
    f" The last result is more than {CURRENT_RESULT_MONTHS:g} months old, too old to show today's "
    "status."
)


def _first_line_words(test: str) -> str:
    """The first-line test in words: pregnancy asks for active B12 only."""
    return "active B12 (holotranscobalamin)" if test == "holotc" else "total or active B12"


def _first_line_not_offered(person: Person, judgment: Judgment, found: ScreeningResult) -> bool:
    """No B12 result to read and NG239's test offer (a symptom or sign with a risk factor) does not
    apply: the plan does not ask for the first-line test. Not when screening gives testing a
    priority (nerve symptoms: urgent; a plant-based pregnancy: high) or the judgment is pressing,
    nor with a lifelong cause, when the test is the clinician's baseline (rule
    screening.screen.lifelong-cause-without-symptoms)."""
    return (
        judgment.level is LEVEL.CANNOT_JUDGE
        and lifelong_cause(person) is None
        and found.recommendation is not RECOMMENDATION.OFFER_TEST
        and found.priority not in ("high", "urgent")
        and judgment.urgency is URGENCY.ROUTINE
    )


def _discuss_item(found: ScreeningResult, tests: Sequence[NextTest]) -> list[PlanItem]:
    """In place of the first-line test, what the screening line says: discuss screening (a risk
    factor, no symptom) or discuss the symptoms (no listed risk factor)."""
    first = [t for t in tests if t.test in _FIRST_LINE]
    if not first:
        return []
    kind = _first_line_words(first[0].test)
    rules = tuple(dict.fromkeys(r for t in first for r in t.rules))
    if found.recommendation is RECOMMENDATION.DISCUSS_SCREENING:
        return [
            PlanItem(
                id="test.discuss_screening",
                category=Category.TEST,
                text="Discuss with a clinician whether a B12 blood test is worth having: a risk "
                "factor is listed but no symptom (NICE NG239 offers the test when a symptom or "
                f"sign comes with a risk factor). If you are tested, the first test is {kind}.",
                reason="Risk factors without symptoms: screening is worth discussing",
                # The risk factors' own sources (age: IOM 1998, NICE NG239), not only b12's
                # choice to discuss (red team round 17, note on 14).
                rules=tuple(
                    dict.fromkeys(
                        (
                            screening_rules.RULE_DISCUSS,
                            screening_rules.RULE_OFFER_TEST,
                            *(r for risk in found.risk_factors for r in risk.rules),
                            *rules,
                        )
                    )
                ),
            )
        ]
    if found.recommendation is RECOMMENDATION.DISCUSS_SYMPTOMS:
        return [
            PlanItem(
                id="test.discuss_symptoms",
                category=Category.TEST,
                text="Discuss the symptoms with a clinician: no B12 risk factor is listed, so NICE "
                "NG239's test offer (a symptom or sign with a risk factor) does not apply; the "
                f"clinician may still test, and the first test would be {kind}.",
                reason="Symptoms that can come from low B12 but no listed risk factor",
                rules=(screening_rules.RULE_SYMPTOMS_WITHOUT_RISK, *rules),
            )
        ]
    return []


def _test_items(
    person: Person,
    judgment: Judgment,
    found: ScreeningResult,
    day: dt.date,
    *,
    not_offered: bool,
    restart: bool,
) -> list[PlanItem]:
    """Tests to ask for: the judgment's next tests (screening's first-line test when untested,
    only where NG239 offers it (``not_offered``: :func:`_first_line_not_offered`); otherwise what
    the screening line says). ``restart``: :func:`_restarting`."""
    tests: Sequence[NextTest] = judgment.next_tests
    items: list[PlanItem] = []
    if not_offered:
        items = _discuss_item(found, tests)
        tests = [t for t in tests if t.test not in _FIRST_LINE]
    for t in tests:
        items.append(_test_item(person, judgment, found, day, t, restart=restart))
    return items


def _test_item(
    person: Person,
    judgment: Judgment,
    found: ScreeningResult,
    day: dt.date,
    test: NextTest,
    *,
    restart: bool,
) -> PlanItem:
    """One next test as a plan item: the baseline item for a first-line test beside a lifelong
    cause; otherwise the test, said at the review when it reads the response, and before the first
    injection when treatment restarts."""
    if test.test in _FIRST_LINE and not oral_b12_taken(person, day):
        baseline = _baseline(person, judgment, found)
        if baseline is not None:
            return baseline
    text = _TEST_TEXT.get(test.test, "Ask for a B12 blood test (total or active B12).")
    if test.test == "total_b12" and _result_not_current(judgment):
        text += _OLD_RESULT
    if RULE_RESPONSE_TESTS in test.rules:
        text = _at_review(text, followup.review_ahead(person, judgment, day))
    rules = test.rules
    if restart and test.test in _FUNCTIONAL:
        text += _BASELINE_BEFORE_RESTART
        rules = (*rules, RULE_RESTART_BASELINE)
    return _test_plan_item(test.test, text, test.reason, rules)


def _test_plan_item(test: str, text: str, reason: str, rules: tuple[str, ...]) -> PlanItem:
    return PlanItem(
        id=f"test.{test}", category=Category.TEST, text=text, reason=reason, rules=rules
    )


def _result_not_current(judgment: Judgment) -> bool:
    """The judgment found a result too old to show today's status."""
    return any(e.code.endswith("_not_current") for e in judgment.evidence)


_FUNCTIONAL = frozenset({"mma", "homocysteine"})
_BASELINE_BEFORE_RESTART = (
    " Its sample is taken before the first injection of the restarted treatment, as a baseline "
    "for the clinician: the restart does not wait for the result."
)
RULE_RESTART_BASELINE = register(
    "plan.build.restart-baseline-tests",
    "A lifelong cause of low B12 with its treatment stopped: the restart does not wait for the MMA "
    "or homocysteine the judgment asks for; their samples are taken before the first injection, "
    "as a baseline for the clinician (B12 given first changes them)",
    NICE_NG239,
    Evidence.SECONDARY,
    note="NICE NG239 (rule plan.prophylaxis.nice-ng239-irreversible-cause): an irreversible cause "
    "needs treatment for life, so no result decides whether to restart. BMJ Best Practice (rule "
    "status.judgment.rules.neurological-sample-first): 'treatment should be commenced while "
    "awaiting results of further investigations'. Keeping the tests as a baseline, not dropping "
    "them, is b12's choice: the judgment still has no reliable B12 reading (red team round 16b, "
    "F10).",
)


def _restarting(person: Person, judgment: Judgment, day: dt.date) -> bool:
    """A lifelong cause with its B12 treatment stopped, which the plan restarts whatever a result
    shows (:func:`prophylaxis.restart_sentence`)."""
    return judgment.level is not LEVEL.ON_TREATMENT and bool(
        prophylaxis.restart_sentence(person, day)
    )


def _at_review(text: str, review: str | None) -> str:
    """A response test on B12 by mouth while it is too early to judge: asked for at the review
    after starting treatment, not now (red team round 16b, F7; rule
    status.judgment.response.tests-on-treatment)."""
    if review is None:
        return text
    return (
        f"At the review {review} after starting treatment (not before: an earlier result is too "
        f"early to judge the response), a{text.removeprefix('A')}"
    )


def _baseline(person: Person, judgment: Judgment, found: ScreeningResult) -> PlanItem | None:
    """With a lifelong cause and no symptom, the first-line test is the clinician's baseline, not
    a decision on whether B12 is needed (red team round 15b, findings 43 and 44)."""
    if (
        judgment.level is not LEVEL.CANNOT_JUDGE
        or found.recommendation is not RECOMMENDATION.DISCUSS_SCREENING
        or (cause := lifelong_cause(person)) is None
    ):
        return None
    first = next((t for t in judgment.next_tests if t.test in _FIRST_LINE), None)
    if first is None:
        return None
    phrase = surgery.with_cause(cause)
    kind = _first_line_words(first.test)
    return PlanItem(
        id=f"test.{first.test}",
        category=Category.TEST,
        text=f"{phrase[:1].upper()}{phrase[1:]}, B12 is needed for life whatever a test shows "
        f"(see the B12 treatment in this plan). Ask for a B12 blood test ({kind}) before the "
        "first dose: it is a baseline for the clinician, not a decision on whether to have B12 "
        "(after an injection serum B12 cannot be read for months).",
        reason="A lifelong cause of low B12: the test does not decide whether B12 is needed",
        rules=(RULE_LIFELONG_CAUSE, prophylaxis.RULE_LIFELONG, *first.rules),
    )


# The levels the symptom check is for: unsettled (indeterminate) or untested.
_UNSETTLED = frozenset({LEVEL.INDETERMINATE, LEVEL.CANNOT_JUDGE})
# NG239's symptoms and signs, in plain words (screening.symptoms).
_SIGNS = (
    "memory or mood change, numbness or tingling, unsteadiness or falls, a sore tongue, unusual "
    "tiredness"
)


def _symptom_check(
    person: Person, judgment: Judgment, found: ScreeningResult, *, not_offered: bool, restart: bool
) -> list[PlanItem]:
    """No symptom recorded with an unsettled or untested status: NG239 makes the next step depend
    on symptoms (MMA for an indeterminate result, a test for a risk factor), so ask for them. Not
    under 16: a child's signs are others, for the paediatric clinician. ``not_offered``:
    :func:`_first_line_not_offered`; ``restart``: :func:`_restarting`."""
    if (
        judgment.level not in _UNSETTLED
        or person.current_symptoms
        or found.symptoms
        or nice_ng239.below_scope_age(person.age)
    ):
        return []
    asked = {t.test for t in judgment.next_tests}
    if not_offered:
        asked -= _FIRST_LINE  # the plan discusses screening rather than asking for the test
    source = "NICE NG239"
    if restart:
        # Treatment restarts whatever a result shows: symptoms change how soon and how often,
        # never whether (red team round 16b, F10).
        then = (
            "the restart should not wait, and with nerve symptoms the injections are given more "
            "often"
        )
        source += ", BNF"
        rules: tuple[str, ...] = (screening_rules.RULE_SYMPTOMS, RULE_RESTART_BASELINE, tx.RULE_IM)
    elif judgment.level is LEVEL.INDETERMINATE:
        # With the MMA test already asked for, symptoms make it and treatment more pressing.
        then = (
            "the MMA result and treatment should not wait"
            if "mma" in asked
            else "an indeterminate B12 result calls for an MMA test"
        )
        rules = (screening_rules.RULE_SYMPTOMS, nice_ng239.RULE_INDETERMINATE_MMA)
    elif "mma" in asked:  # cannot judge, the only other level here
        # Serum B12 unreadable after an injection: MMA is the test that reads the status.
        then = "the MMA result and treatment should not wait"
        rules = (screening_rules.RULE_SYMPTOMS, jr.RULE_RECENT_INJECTION)
    elif found.risk_factors:
        then = (
            "the B12 test should not wait"
            if asked & _FIRST_LINE
            else "a risk factor with a symptom calls for a B12 test"
        )
        rules = (screening_rules.RULE_SYMPTOMS, screening_rules.RULE_OFFER_TEST)
    else:
        return []
    return [
        PlanItem(
            id="test.check_symptoms",
            category=Category.TEST,
            text=f"Ask the clinician to check for symptoms or signs of B12 deficiency ({_SIGNS}): "
            f"if any are present, {then} ({source}).",
            reason="No symptoms are recorded, and the next step depends on them",
            rules=rules,
        )
    ]


RULE_INFANT_FEEDING = register(
    "plan.build.infant-feeding",
    "Under 1 year: no adult food advice; a baby's B12 comes from breast milk, which depends on the "
    "mother's B12, or from formula, and the paediatric team advises",
    CDC_BREASTFED_INFANT_B12,
    Evidence.SECONDARY,
    {"INFANT_BELOW_YEARS": INFANT_BELOW_YEARS},
    note="The one-year edge is b12's: the first year, when milk is the main food.",
)


def _infant_feeding() -> PlanItem:
    return PlanItem(
        id="food.infant",
        category=Category.FOOD,
        text="A baby's B12 comes from breast milk, which depends on the mother's own B12, or from "
        "formula: ask the paediatric team how to feed, and a breastfeeding mother should have her "
        "own B12 checked, and be treated if it is low.",
        reason="If a breastfeeding mother is deficient in B12, her baby may become deficient too",
        rules=(RULE_INFANT_FEEDING,),
    )


RULE_BREASTFED_CHILD = register(
    "plan.build.breastfed-child-mother",
    "A child recorded as breastfed: the mother has her own B12 checked, and treated if low, as "
    "breast-milk B12 depends on hers",
    CDC_BREASTFED_INFANT_B12,
    Evidence.SECONDARY,
)


def _mother_check() -> PlanItem:
    return PlanItem(
        id="referral.breastfeeding-mother",
        category=Category.REFERRAL,
        text="While the child is breastfed, the mother should have her own B12 checked, and be "
        "treated if it is low.",
        reason="Breast-milk B12 depends on the mother's own B12",
        rules=(RULE_BREASTFED_CHILD,),
    )


def _paediatric() -> PlanItem:
    return PlanItem(
        id=PAEDIATRIC_REFERRAL,
        category=Category.REFERRAL,
        text="Under 16: B12 doses and re-test timing must come from a paediatric clinician; b12's "
        "treatment rules are for adults.",
        reason="NICE NG239 covers people over 16",
        rules=(nice_ng239.RULE_AGE_SCOPE,),
    )


def _child_lifelong_needs(person: Person, day: dt.date) -> list[PlanItem]:
    """What a child needs for as long as its cause lasts, with the amount left to the paediatric
    team (the adult supplement items are not shown under 16)."""
    items = []
    if (cause := prophylaxis.lifelong_cause(person)) is not None:
        phrase = surgery.with_cause(cause)
        items.append(
            PlanItem(
                id="referral.child_lifelong",
                category=Category.REFERRAL,
                text=f"{phrase[:1].upper()}{phrase[1:]}, B12 is needed for life: the paediatric "
                "team sets the dose and how it is given.",
                reason="The absorption problem does not go away",
                rules=(prophylaxis.RULE_LIFELONG,),
            )
        )
    taken = _child_b12_taken(person, day)
    if taken is not None:
        items.append(taken)
    if plant_based(person.diet) and person.age >= INFANT_BELOW_YEARS:
        items.append(
            PlanItem(
                id="referral.child_plant_based",
                category=Category.REFERRAL,
                text="A child on a plant-based diet needs a reliable B12 source every day, as "
                "the B12 taken now is: a paediatric dietitian and the paediatric clinician set the "
                "amount."
                if taken is not None
                else "A child on a plant-based diet needs a reliable B12 source (fortified foods "
                "or a supplement) every day: a paediatric dietitian sets the amount.",
                reason="Plant-based diets have no reliable natural B12 source",
                rules=(tx.RULE_VEGAN_SOCIETY,),
            )
        )
    return items


RULE_CHILD_B12_TAKEN = register(
    "plan.build.child-b12-taken",
    "A child already taking B12: the plan names it and keeps it at the same dose until the "
    "paediatric clinician has reviewed it (who sets the dose), and names the B12 results before it "
    "was started and on it, saying when the one on it is lower, for the clinician to find why",
    SPS_NG239_ONGOING,
    Evidence.SECONDARY,
    note="NICE NG239 covers people over 16 (rule nice-ng239.age-scope): a child's dose is the "
    "paediatric clinician's. SPS on NG239 (evidence.md 5.1 [V]): 'New, worsening or "
    "insufficiently improved symptoms: escalate dose or switch to IM'. DECISIONS.md: the plan "
    "never offers less than the treatment already given. Red team round 16b, F8: the plan said a "
    "vegan child on 50 micrograms a day 'needs a reliable B12 source', as if none were taken, and "
    "never named the fall on it.",
)


def _child_b12_taken(person: Person, day: dt.date) -> PlanItem | None:
    """The B12 a child takes on ``day`` (rule plan.build.child-b12-taken), or None."""
    taken = [m for m in taken_on(person, day) if is_b12_by_mouth(m) or is_b12_injection(m)]
    if not taken:
        return None
    named = named_medicines(taken)
    text = (
        f"The B12 already taken ({named}) is kept, at the same dose, until the paediatric "
        "clinician has reviewed it: they set the dose."
    )
    start = min((m.start_date for m in taken if m.start_date), default=None)
    history = [
        lab
        for a in (ANALYTE.B12, ANALYTE.HOLOTC)
        for lab in person.history(a)
        if lab.date is not None and lab.date <= day
    ]
    before = max(
        (lab for lab in history if start and lab.date and lab.date <= start),
        key=lambda lab: lab.date or dt.date.min,
        default=None,
    )
    on = max(
        (
            lab
            for lab in history
            if start
            and lab.date
            and lab.date > start
            and before is not None
            and lab.analyte is before.analyte
        ),
        key=lambda lab: lab.date or dt.date.min,
        default=None,
    )
    if before is not None and on is not None:
        name = "B12" if on.analyte is ANALYTE.B12 else "active B12 (holoTC)"
        lower = on.canonical_value < before.canonical_value
        text += (
            f" {name} on it ({on.printed}, {on.date}) is "
            + ("lower than" if lower else "to be compared with the result")
            + f" before it was started ({before.printed}, {before.date}): take both results to "
            "the paediatric clinician"
            + (
                ", who looks for the reason (whether it is taken every day, the dose, or "
                "absorption)."
                if lower
                else "."
            )
        )
    return PlanItem(
        id="referral.child_b12_taken",
        category=Category.REFERRAL,
        text=text,
        reason="B12 already taken is never left unnamed or lowered; a child's dose is the "
        "paediatric clinician's",
        rules=(RULE_CHILD_B12_TAKEN, nice_ng239.RULE_AGE_SCOPE),
    )


def _breastfed_child(person: Person) -> bool:
    """A child of a year or more recorded as breastfed (a baby's milk item says it already)."""
    return person.age >= INFANT_BELOW_YEARS and mentions(person.own_conditions, BREASTFED_TERMS)


def _summary(
    person: Person, judgment: Judgment, cause: Cause, muscle: MuscleResult, items: list[PlanItem]
) -> str:
    parts = _status_sentences(person, judgment, cause)
    if muscle.at_risk:
        parts.append(
            f"Your muscle check shows {muscle.label} ({muscle.criteria.display}), so "
            "protein and strength exercise are part of the plan."
        )
    parts += _action_sentences(items)
    return " ".join(parts)


# How soon to see a clinician, by the judgment's urgency (routine: not said).
_SEE_HOW_SOON = {URGENCY.URGENT: "urgently, within days", URGENCY.SOON: "soon about it"}


def _status_sentences(person: Person, judgment: Judgment, cause: Cause) -> list[str]:
    """The headline with the likely cause, how soon to see whom, and the judgment's advice."""
    status_text = judgment.headline
    if judgment.level in TREAT and cause is not Cause.UNKNOWN:
        status_text += f"; most likely cause: {cause.value.replace('_', ' ')}"
    parts = [status_text + "."]
    if (how_soon := _SEE_HOW_SOON.get(judgment.urgency)) is not None:
        who = "your midwife or doctor" if person.pregnant else "a doctor"
        parts.append(f"Please see {who} {how_soon}.")
    for a in judgment.advice:
        parts.append(a.message + ".")
    return parts


# Read once: in Python 3.11 each ``Category.X`` read allocates (EnumType defines __getattr__),
# and these are compared with every item.
_RETEST, _MEDICATION = Category.RETEST, Category.MEDICATION


def _action_sentences(items: list[PlanItem]) -> list[str]:
    """The treatment, the re-test, the medicines, and that this is decision support."""
    parts = []
    treatment = retest = None
    medicines = False
    for i in items:  # one pass (items are few, each read up to three ways)
        if treatment is None and i.regimens:
            treatment = i
        if i.category is _RETEST:
            if retest is None:
                retest = i
        elif i.category is _MEDICATION:
            medicines = True
    if treatment is not None and treatment.category is not Category.URGENT:
        parts.append(treatment.text)
    if retest is not None:
        parts.append(retest.text)
    if medicines:
        parts.append("Keep taking your prescribed medicines; discuss B12 with your prescriber.")
    parts.append("This is decision support, not a diagnosis.")
    return parts


_CATEGORY_ORDER = tuple(Category)  # the plan's order (iterating the enum builds a generator)


def build_plan(
    person: Person,
    status: StatusResult,
    found: ScreeningResult,
    muscle: MuscleResult,
    intake: IntakeEstimate | None,
    assessed_on: dt.date,
) -> Plan:
    """Build the plan for one person, as of ``assessed_on`` (the judgment's date: the B12
    treatment taken then).

    References
    ----------
    NICE NG239 (2024); BNF; BMJ Best Practice; The Vegan Society; IOM 1998; PROT-AGE (Bauer 2013);
    ESPEN (Deutz 2014); Castillo et al. J Nutr 2026 (see each rule's source).
    """
    judgment = status.judgment
    eaten = None if intake is None else intake_level(intake, _reference(person))
    cause = b12_items.likely_cause(person, found, judgment.level, eaten, assessed_on)
    # Read once: the supplement and the re-test both ask (it weighs every marker's explanation).
    deferred = b12_items.treatment_deferred(judgment)
    supplement = b12_items.supplement(
        person, found, judgment, cause, assessed_on, deferred=deferred
    )
    items = _items(
        person, status, found, muscle, eaten, cause, supplement, assessed_on, deferred=deferred
    )
    if b12_items.high_without_need(person, judgment):
        items = [i for i in items if i.id != "food.sources"]
    if nice_ng239.below_scope_age(person.age):
        items = _for_a_child(person, items, assessed_on)
    taken = _b12_taken(person, assessed_on)
    items = followup.on_injections(_blood_first(items, b12_taken=taken))
    items = _review_once(items)
    items = _ordered(lifestyle.food_pointer(items, taken))
    return Plan(
        cause=cause,
        summary=_summary(person, judgment, cause, muscle, items),
        items=tuple(items),
        rules=_plan_rules(judgment, found, items),
    )


# The tests whose result B12 taken before the sample changes: total and active B12 rise first
# (rule confounder.recent-supplement), MMA and homocysteine fall as treatment works, and an
# injection in the week before makes the intrinsic-factor antibody test falsely positive
# (status.judgment.next_tests).
_CHANGED_BY_B12 = {
    "test.total_b12": "B12",
    "test.b12": "B12",
    "test.holotc": "active B12",
    "test.mma": "MMA",
    "test.homocysteine": "homocysteine",
    "test.intrinsic_factor_antibody": "intrinsic-factor antibody",
}
# Items that start or advise B12 without offering a regimen of their own.
_B12_SOURCES = frozenset({"supplement.plant_based_maintenance", "supplement.older_adult_fortified"})
# Words that already put the blood first.
_ALREADY_FIRST = (
    "before any",
    "before the first dose",
    "before you start",
    "has been taken",
    "taken first",
)
RULE_BLOOD_FIRST = register(
    "plan.build.blood-before-b12",
    "A plan that starts or advises B12 while a test that B12 changes is still to be done (total "
    "or active B12, MMA, homocysteine, intrinsic-factor antibodies) says the blood for it is "
    "taken first, before the first dose",
    WOLFFENBUTTEL_2020,
    Evidence.VERIFIED,
    note="Recent supplementation raises serum B12 and can mask deficiency (Wolffenbuttel 2020, "
    "evidence.md 2.7); MMA 'should normalise in 8 weeks with adequate treatment' (BMJ Best "
    "Practice); the same order as the urgent item's (rule "
    "status.judgment.rules.neurological-sample-first). Red team round 17, D2.",
)


def _b12_taken(person: Person, day: dt.date) -> bool:
    """B12 by mouth or by injection taken on ``day``."""
    return bool(oral_b12_taken(person, day) or b12_injections(person, day))


def _blood_first(items: list[PlanItem], *, b12_taken: bool) -> list[PlanItem]:
    """With a test that B12 changes still to be done, each item that starts or advises B12 says
    the blood is taken first (rule plan.build.blood-before-b12). Not for B12 already taken: the
    pending result is read on that treatment (the judgment says so)."""
    pending = [_CHANGED_BY_B12[i.id] for i in items if i.id in _CHANGED_BY_B12]
    if (
        not pending
        or b12_taken
        # An item (the urgent one) already puts the samples first for the whole plan.
        or any(words_ in i.text for i in items for words_ in _ALREADY_FIRST)
    ):
        return items
    names = list(dict.fromkeys(pending))
    words = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    sentence = (
        f" Have the blood for the {words} test{'s' if len(names) > 1 else ''} in this plan taken "
        "before the first dose: B12 taken first changes "
        f"{'their results' if len(names) > 1 else 'its result'} and can hide a deficiency."
    )
    # Said once, in the first item that starts or advises B12 (the plan's order: urgent and
    # referral items first), not repeated in each (red team round 17b, finding 10).
    first = next(
        (
            i
            for i in sorted(items, key=_category_rank)
            if (i.regimens or i.id in _B12_SOURCES) and i.category is not Category.TEST
        ),
        None,
    )
    return [
        i.model_copy(update={"text": i.text + sentence, "rules": (*i.rules, RULE_BLOOD_FIRST)})
        if i is first
        else i
        for i in items
    ]


# The pregnancy item's 1-month review, and the re-test items that give it.
_PREGNANCY_REVIEW = " After starting treatment, a review at 1 month is advised."
_REVIEW_ITEMS = frozenset({"retest.1_month", "retest.review_due_1_month"})


def _review_once(items: list[PlanItem]) -> list[PlanItem]:
    """The review after starting treatment said by the re-test item, not again in the pregnancy
    item (red team round 17b, finding 11). The supplement item's own re-check stays beside its
    dose (rule retest.borderline-3-months)."""
    if not any(i.id in _REVIEW_ITEMS for i in items):
        return items
    return [
        i.model_copy(update={"text": i.text.replace(_PREGNANCY_REVIEW, "")})
        if _PREGNANCY_REVIEW in i.text
        else i
        for i in items
    ]


def _reference(person: Person) -> ReferenceIntake:
    """The person's reference intakes (IOM and EFSA), for a measured intake to be read against."""
    return reference_intake(person.age, pregnant=person.pregnant, lactating=person.breastfeeding)


def _items(
    person: Person,
    status: StatusResult,
    found: ScreeningResult,
    muscle: MuscleResult,
    eaten: IntakeLevel | None,
    cause: Cause,
    supplement: list[PlanItem],
    assessed_on: dt.date,
    *,
    deferred: bool,
) -> list[PlanItem]:
    """Every item of the plan, before a child's are chosen and before they are ordered
    (``deferred``: :func:`b12_items.treatment_deferred`)."""
    judgment = status.judgment
    level = judgment.level
    at_risk_b12 = bool(found.risk_factors) and level is not LEVEL.DEFICIENCY_UNLIKELY
    # Both the tests and the symptom check read these.
    not_offered = _first_line_not_offered(person, judgment, found)
    restart = _restarting(person, judgment, assessed_on)
    return [
        *b12_items.urgent_and_referral(person, found, judgment, supplement, assessed_on),
        *_test_items(
            person, judgment, found, assessed_on, not_offered=not_offered, restart=restart
        ),
        *_symptom_check(person, judgment, found, not_offered=not_offered, restart=restart),
        *supplement,
        *followup.intake_items(judgment, eaten),
        *followup.medicine_items(found, level),
        *lifestyle.food_items(person, found, level, assessed_on),
        *lifestyle.muscle_items(person, muscle, level, status.egfr, at_risk_b12),
        *followup.retest(
            person, found, judgment, cause, supplement, assessed_on, deferred=deferred
        ),
    ]


def _for_a_child(person: Person, items: list[PlanItem], day: dt.date) -> list[PlanItem]:
    """Doses, re-test intervals and protein targets here are for adults: refer instead. A baby
    is fed milk: the adult food advice is replaced."""
    keep = {Category.URGENT, Category.REFERRAL, Category.TEST, Category.FOOD}
    if person.age < INFANT_BELOW_YEARS:
        keep.discard(Category.FOOD)
    return [
        _paediatric(),
        *(i for i in items if i.category in keep),
        *([_infant_feeding()] if person.age < INFANT_BELOW_YEARS else []),
        *([_mother_check()] if _breastfed_child(person) else []),
        *_child_lifelong_needs(person, day),
    ]


def _ordered(items: list[PlanItem]) -> list[PlanItem]:
    """One item per id (the first kept), in the plan's order of categories."""
    seen: set[str] = set()
    kept = []
    for i in items:
        if i.id not in seen:
            seen.add(i.id)
            kept.append(i)
    kept.sort(key=_category_rank)
    return kept


def _category_rank(item: PlanItem) -> int:
    return _CATEGORY_ORDER.index(item.category)


def _plan_rules(
    judgment: Judgment, found: ScreeningResult, items: list[PlanItem]
) -> tuple[str, ...]:
    rules: list[str] = []
    for i in items:
        rules += i.rules  # extending by a tuple iterates nothing in Python
    if (
        judgment.level is LEVEL.CANNOT_JUDGE
        and found.recommendation is not RECOMMENDATION.NOT_INDICATED
    ):
        rules.append(screening_rules.RULE_OFFER_TEST)
    for a in judgment.advice:
        rules += a.rules
    return tuple(dict.fromkeys(rules))
