"""Plan items about B12 itself: urgent care, referral, supplement or treatment, chosen from the one
judgment (:mod:`b12.core.status.judgment`) and the likely cause; the plan derives no level of its own.

The numbers and their sources are in :mod:`b12.core.plan.treatment`. Wording follows DECISIONS.md: never
advise stopping a prescribed medicine; with neurological involvement only the neurological regimen
appears anywhere; the plan never offers less than the treatment already given.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from b12.core.person import Diet, Medication, Person, plant_based
from b12.core.plan import prophylaxis
from b12.core.plan import treatment as tx
from b12.core.plan.food_b12 import RULE_FOOD_BOUND, FoodB12, food_b12, plan_route
from b12.core.plan.intake import IntakeLevel
from b12.core.plan.model import Category, Cause, PlanItem, Regimen, item
from b12.core.plan.taken import (
    RULE_KEEP_ORAL,
    RULE_SIGNS_ON_ORAL,
    keep_taking,
    keep_treatment,
    low_despite_oral,
    oral_b12_taken,
    signs_on_oral,
)
from b12.core.plan.treatment import IM_NEURO_TEXT, IM_TEXT
from b12.core.screening import rules as screening_rules
from b12.core.screening import surgery
from b12.core.screening.medications import MedicationClass, dose_ug
from b12.core.screening.model import ScreeningResult
from b12.core.status import nice_ng239
from b12.core.status.confounders import RULE_SUPPLEMENT, nitrous_oxide_in_use
from b12.core.status.judgment import TREAT, Judgment, Level, treatment_start
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.advice import all_explained
from b12.core.status.judgment.derive import (
    injected,
    no_result_text,
    old_support,
    recent_injection,
    sample_still_to_take,
)
from b12.core.status.judgment.model import LEVEL
from b12.core.status.judgment.next_tests import holotc_masked, samples_before_treatment
from b12.core.status.judgment.response import review_due_on

ABSORPTION_MEDICINES = frozenset(
    {MedicationClass.METFORMIN, MedicationClass.PPI, MedicationClass.H2RA}
)
_NITROUS_OXIDE_TREATMENT = "supplement.nitrous_oxide"


def likely_cause(
    person: Person, found: ScreeningResult, level: Level, intake: IntakeLevel | None, day: dt.date
) -> Cause:
    """The cause that decides the treatment route (absorption problems take precedence)."""
    if found.has("nitrous_oxide", "medication.nitrous_oxide"):
        return Cause.NITROUS_OXIDE
    if found.malabsorption:
        return Cause.MALABSORPTION
    if level in TREAT and (intake is IntakeLevel.MEETS_RDA or oral_b12_taken(person, day)):
        return Cause.MALABSORPTION  # low status despite ample intake or B12 tablets
    if level in TREAT and person.medications and recent_injection(person, day):
        # Low again within 3 months of injections, which only raise B12: not a diet dose (NG239
        # malabsorption: at least 1 mg a day; DECISIONS.md: never less than the treatment given).
        # Injections are listed medicines: with none listed there is nothing to read.
        return Cause.MALABSORPTION
    if found.medications and {m.drug_class for m in found.medications} & ABSORPTION_MEDICINES:
        return Cause.MEDICATION
    if plant_based(person.diet) or intake is IntakeLevel.BELOW_EAR:
        return Cause.DIET
    if screening_rules.older_adult(person.age):
        return Cause.OLDER_AGE
    return Cause.UNKNOWN


# Judgment advice the plan carries as it is, so that no view shows a plan without it.
_ADVICE_REASON = {
    "stop_nitrous_oxide": "Nitrous oxide inactivates B12 even when blood levels look normal",
    "discordant": "Total and active B12 point different ways",
    "other_explanations": "Kidney function, folate or age can raise MMA or homocysteine",
    "later_results": "The assessment date is before these samples were taken",
    "high_b12": "A high B12 without supplements is not a sign of good status",
    "persisting_other_cause": "Symptoms that outlast the blood markers' response may not be B12's",
    "new_symptoms_other_cause": "New symptoms with normal MMA and homocysteine on treatment may "
    "not be B12's",
}


def urgent_and_referral(
    person: Person,
    found: ScreeningResult,
    judgment: Judgment,
    supplement: list[PlanItem],
    day: dt.date,
) -> list[PlanItem]:
    """Items that send the person to a clinician, most urgent first (``supplement``: the
    treatment offered, which may carry the same advice; ``day``: the assessment date)."""
    items = []
    level = judgment.level
    child = nice_ng239.below_scope_age(person.age)
    if judgment.neurological and level is not LEVEL.ON_TREATMENT:
        untested = (
            no_result_text(person)
            if sample_still_to_take(person, judgment.evidence, level, day)
            else ""
        )
        samples = samples_before_treatment(judgment.next_tests)
        first = bool(untested or samples)
        items.append(
            item(
                "urgent.neurological",
                Category.URGENT,
                _urgent_neurological_text(
                    child, untested, samples, more=injected(judgment.evidence)
                )
                + prophylaxis.lifelong_sentence(person)
                + (
                    f" {restart}"
                    if (restart := prophylaxis.restart_sentence(person, day, low_now=True))
                    else ""
                ),
                "Neurological symptoms can come from B12 deficiency and may not fully recover if "
                "treatment is delayed"
                + (
                    "; a blood sample taken after an injection cannot show the B12 status"
                    if untested
                    else "; B12 given before the samples changes their results"
                    if samples
                    else ""
                ),
                tx.RULE_URGENT_NEURO,
                tx.RULE_IM,
                screening_rules.RULE_SYMPTOMS,
                *((jr.RULE_SAMPLE_BEFORE_TREATMENT,) if first else ()),
                # A child's dose is the paediatric clinician's: no adult regimen is offered.
                regimens=() if child else (Regimen.IM_NEUROLOGICAL,),
            )
        )
    elif found.neurological_symptoms and level is not LEVEL.ON_TREATMENT:
        items.append(
            item(
                "referral.neurological",
                Category.REFERRAL,
                "See a doctor about the nerve or memory symptoms: B12 deficiency looks unlikely, "
                "so other causes need checking.",
                "Neurological symptoms need a clinical assessment",
                screening_rules.RULE_SYMPTOMS,
                tx.RULE_FIND_CAUSE,
            )
        )
    if (person.pregnant or person.breastfeeding) and level is not LEVEL.DEFICIENCY_UNLIKELY:
        items.append(
            _pregnancy_item(
                person,
                judgment,
                supplement,
                _treated(person, judgment, [*items, *supplement], day)
                and not _review_passed(person, judgment, day),
            )
        )
    if found.has("pernicious_anaemia", "atrophic_gastritis") and level is not LEVEL.ON_TREATMENT:
        items.append(_pernicious_anaemia_item(person, found, judgment, day, child))
    return items + _advice_referrals(judgment, supplement, oral_b12_taken(person, day))


def _urgent_neurological_text(child: bool, untested: str, samples: str, *, more: bool) -> str:
    """The urgent nerve item's words: with no result yet (``untested``: 'no B12 result yet' or 'no
    current B12 result'), the blood sample comes first (the same day) and treatment then starts
    without waiting for the result; with further tests asked (``samples``, in words), their samples
    are taken the same day before any (``more``: any more) B12 is given, and treatment still does
    not wait for their results (rule status.judgment.rules.neurological-sample-first; red team
    round 15, finding 32; round 15b, findings 40 and 47)."""
    who, finding = (
        ("paediatric specialist", "nerve or developmental signs in a child")
        if child
        else ("specialist", "numbness, tingling, balance or memory problems")
    )
    how = "at the dose a paediatric clinician sets" if child else IM_NEURO_TEXT
    if untested:
        return (
            f"See a doctor urgently, within days, and ask for urgent {who} advice: {finding} "
            f"need prompt assessment, and there is {untested}. Have the blood sample for "
            f"{samples or 'B12'} taken first, the same day, before any B12 is given: after an "
            "injection serum B12 cannot be read for months. Then treatment starts without waiting "
            f"for the result; with nerve involvement it is by injection{', ' if child else ': '}"
            f"{how}."
        )
    opening = (
        f"See a doctor urgently, within days, and ask for urgent {who} advice: {finding} with a "
        "B12 result that is not clearly normal need prompt assessment."
    )
    if samples:
        return (
            f"{opening} Have the samples for {samples} taken the same day, before any "
            f"{'more ' if more else ''}B12 is given, which would change their results. Treatment "
            "should not wait for their results; "
            f"with nerve involvement it is by injection{', ' if child else ': '}{how}."
        )
    return (
        f"{opening} Treatment should not wait for more tests; with nerve involvement it is by "
        f"injection{', ' if child else ': '}{how}."
    )


def _pernicious_anaemia_item(
    person: Person, found: ScreeningResult, judgment: Judgment, day: dt.date, child: bool
) -> PlanItem:
    """Pernicious anaemia or autoimmune gastritis, listed or suspected: B12 managed by a clinician."""
    level = judgment.level
    regimen, text = (
        (Regimen.IM_NEUROLOGICAL, IM_NEURO_TEXT)
        if judgment.neurological
        else (Regimen.IM_NON_NEUROLOGICAL, IM_TEXT)
    )
    # A child's dose and route are the paediatric team's (NG239 covers people over 16): no
    # adult regimen between the items that say adult doses do not apply.
    how = (
        "The paediatric team sets the dose and how it is given"
        if child
        else f"Treatment is usually {text}"
    )
    # Suspected is not diagnosed: lifelong once pernicious anaemia is confirmed (BSH 2014: a
    # positive intrinsic-factor antibody confirms it; a negative one does not exclude it) (red
    # team round 17, the lead's review).
    lifelong = (
        "often lifelong"
        if prophylaxis.lifelong_cause(person) != surgery.PERNICIOUS_ANAEMIA
        else "for life: lifelong, as the cause is irreversible"
        if surgery.pernicious_anaemia_diagnosed(person)
        else "for life once pernicious anaemia is confirmed (a positive intrinsic-factor antibody "
        "test confirms it; a negative one does not rule it out, and your doctor decides)"
    )
    # Atrophic gastritis not written as autoimmune takes up the crystalline B12 of fortified foods
    # and supplements (IOM 1998 p.342, the food item and the menu): only the autoimmune form
    # needs the clinician's B12, so the referral says so rather than "food cannot fix it" (round 14
    # finding 19).
    plain_gastritis = food_b12(person) is FoodB12.CRYSTALLINE_ONLY
    manager = "a paediatric clinician" if child else "your doctor"
    text = (
        "Atrophic gastritis is listed: your doctor checks whether it is autoimmune (pernicious "
        "anaemia), for example with an intrinsic-factor antibody test. If it is, B12 should be "
        f"managed by {manager}. {how}, {lifelong}, as food and low-dose supplements cannot fix "
        "that absorption problem."
        + (
            " If it is not, the B12 added to fortified foods or in a supplement is still "
            "absorbed (see the food advice)."
            if plan_route(person, found, level) is FoodB12.CRYSTALLINE_ONLY
            else ""
        )
        if plain_gastritis
        else "Pernicious anaemia or autoimmune gastritis is listed or suspected: B12 should be "
        f"managed by {manager}. {how}, {lifelong}; food and low-dose supplements cannot fix the "
        "absorption problem."
    )
    return item(
        "referral.pernicious_anaemia",
        Category.REFERRAL,
        # Beside the urgent nerve item, that item carries the restart.
        (
            ""
            if judgment.neurological or child
            else prophylaxis.restart_sentence(
                person, day, low_now=level in TREAT, normal=prophylaxis.normal_now(judgment)
            )
        )
        + text,
        "If the gastritis is autoimmune, intrinsic factor is lost and B12 from food and small "
        "supplements is not absorbed; otherwise only food-bound B12 is"
        if plain_gastritis
        else "Without intrinsic factor, B12 from food and small supplements is not absorbed",
        tx.RULE_PHYSICIAN,
        *(() if child else (tx.RULE_IM,)),
        screening_rules.RULE_CONDITIONS_ODS,
        prophylaxis.RULE_LIFELONG,
        *((prophylaxis.RULE_SUSPECTED_PA,) if "once pernicious anaemia" in lifelong else ()),
        *((RULE_FOOD_BOUND,) if plain_gastritis else ()),
        *((nice_ng239.RULE_AGE_SCOPE,) if child else ()),
        regimens=() if child else (regimen,),
    )


def _advice_referrals(
    judgment: Judgment, supplement: list[PlanItem], taken: list[Medication]
) -> list[PlanItem]:
    """The judgment's advice that sends the person to a clinician, as plan items (``taken``: the
    B12 taken by mouth: the referral then asks about it, not about starting B12)."""
    items = []
    level = judgment.level
    if (
        (do_not_delay := judgment.advice_on("do_not_delay")) is not None
        and level is LEVEL.INDETERMINATE
        and not judgment.neurological
    ):
        # The judgment says not to wait: the plan must not only list tests and a diet re-check.
        items.append(
            item(
                "referral.do_not_delay",
                Category.REFERRAL,
                signs_on_oral(taken)
                if taken
                else "See your doctor: the signs fit B12 deficiency even though the B12 result is "
                "borderline, so ask about starting B12 treatment now, once blood for the further "
                "tests has been taken, rather than waiting for their results.",
                "Strong clinical features with a borderline result (BSH 2014)",
                *do_not_delay.rules,
                *((RULE_SIGNS_ON_ORAL, jr.RULE_ADHERENCE) if taken else ()),
            )
        )
    for a in judgment.advice:
        if a.code in _ADVICE_REASON and not (
            # The nitrous oxide treatment offered says to stop already.
            a.code == "stop_nitrous_oxide" and _offers(supplement, _NITROUS_OXIDE_TREATMENT)
        ):
            items.append(
                item(
                    f"referral.{a.code}",
                    Category.REFERRAL,
                    f"{a.message}.",
                    _ADVICE_REASON[a.code],
                    *a.rules,
                )
            )
    if judgment.advice_on("b12_before_folic_acid") is not None:
        # The judgment's folate advice is an action: the plan carries it, so no view loses it.
        items.append(
            item(
                "referral.folate_low",
                Category.REFERRAL,
                "Folate is low as well: see your doctor about it. B12 is checked, and any B12 "
                "deficiency treated, before folic acid is started on its own.",
                "Folic acid alone can let B12 deficiency damage the nerves unnoticed",
                jr.RULE_FOLATE_B12_FIRST,
            )
        )
    return items


def _offers(supplement: list[PlanItem], item_id: str) -> bool:
    """Whether the treatment offered includes the item ``item_id``."""
    return any(i.id == item_id for i in supplement)


# Items that keep a B12 source, not a treatment: no review after starting treatment follows them.
_MAINTENANCE = frozenset({"supplement.plant_based_maintenance", "supplement.older_adult_fortified"})


def _treated(person: Person, judgment: Judgment, items: list[PlanItem], day: dt.date) -> bool:
    """B12 treatment given, taken, or advised (``items``: the plan's items so far and the
    treatment offered; a level that calls for treatment; a lifelong cause): the review after
    starting it applies. A maintenance source for a plant-based diet is not a treatment (red team
    round 16, note on 27)."""
    return (
        judgment.level is LEVEL.ON_TREATMENT
        or (judgment.level in TREAT and not treatment_deferred(judgment))
        or bool(oral_b12_taken(person, day))
        or prophylaxis.lifelong_cause(person) is not None
        or any(i.regimens and i.id not in _MAINTENANCE for i in items)
    )


def _review_passed(person: Person, judgment: Judgment, day: dt.date) -> bool:
    """Injections under way since before their review after starting fell due (1 month in
    pregnancy or breastfeeding): no review "after starting treatment" is advised for them, the
    re-test item says how they are followed (red team round 17b, finding 02: injections since
    2020). B12 by mouth keeps the sentence: its re-test item dates the review from the start."""
    start = treatment_start(judgment.evidence)
    return (
        judgment.level is LEVEL.ON_TREATMENT
        and judgment.has("on_injections")
        and start is not None
        and review_due_on(person, start) <= day
    )


def _pregnancy_item(
    person: Person, judgment: Judgment, supplement: list[PlanItem], treated: bool
) -> PlanItem:
    """Pregnancy or breastfeeding without a normal B12: who to see, how soon, the earlier review
    when treatment is given or advised (``treated``), and the breastfed baby. A likely deficiency
    in pregnancy with no treatment item offered gets the BNF injection course here, as the
    haematologist advises (SPS: not withheld)."""
    stage = "pregnant" if person.pregnant else "breastfeeding"
    urgent = any(r.code == "pregnancy_low_b12" for r in judgment.urgency_reasons)
    regimens: tuple[Regimen, ...] = ()
    if urgent:
        result = (
            "your B12 is low"
            if judgment.level is LEVEL.DEFICIENCY_LIKELY
            else "your B12 result is in the range that means deficiency outside pregnancy"
        )
        see = (
            f"You are pregnant and {result}: ask your midwife or doctor today for urgent advice "
            "from a haematologist. Pregnancy lowers total B12 by itself; the haematologist weighs "
            "that."
        )
        if (
            judgment.level is LEVEL.DEFICIENCY_LIKELY
            and not judgment.neurological  # the urgent item carries the only regimen
            and not any(i.regimens for i in supplement)
            and not nice_ng239.below_scope_age(person.age)  # a paediatric clinician's dose
        ):
            see += (
                f" Treatment is not withheld while you wait: usually intramuscular {IM_TEXT}, or "
                "cyanocobalamin by mouth, as the haematologist advises."
            )
            regimens = (Regimen.IM_NON_NEUROLOGICAL,)
    elif any(r.code == "pregnancy" for r in judgment.urgency_reasons):
        see = f"You are {stage}: see your midwife or doctor promptly about B12."
    else:  # untested and without symptoms
        see = f"You are {stage}: talk to your midwife or doctor about B12."
    parts = [see]
    # Not where B12 taken masks holoTC (injections, a recent supplement: red team round 17b, 02).
    if person.pregnant and not holotc_masked(judgment.evidence):
        parts.append("Active B12 (holoTC) is the preferred test in pregnancy.")
    rules = [tx.RULE_PREGNANCY_HAEMATOLOGY if urgent else tx.RULE_PREGNANCY]
    # Said when treatment is taken, offered or called for, or the haematologist decides on it.
    if treated or urgent:
        parts.append("After starting treatment, a review at 1 month is advised.")
        rules.append(tx.RULE_RETEST)
    if person.breastfeeding:
        parts.append(
            "Your breastfed baby gets B12 from your milk and can become deficient too: tell the "
            "baby's health visitor or doctor, and seek advice promptly if the baby feeds poorly, "
            "is unusually floppy or drowsy, or is slow to develop."
        )
        rules.append(tx.RULE_BREASTFED_INFANT)
    return item(
        "urgent.pregnancy_haematology" if urgent else "referral.pregnancy",
        Category.URGENT if urgent else Category.REFERRAL,
        " ".join(parts),
        "The baby depends on the mother's B12; total B12 falls in pregnancy",
        *rules,
        *((tx.RULE_IM,) if regimens else ()),
        regimens=regimens,
    )


def treatment_deferred(judgment: Judgment) -> bool:
    """A normal B12 beside a raised MMA or homocysteine that age, kidney function or folate may
    explain, with no nerve symptoms or strong signs: the clinician weighs the explanation before
    any B12 is started, so the plan offers none (an offer beside "another explanation is likely"
    contradicts itself; eGFR-adjusted MMA "may prevent over-diagnosis ... and corresponding
    treatment"). An indeterminate B12 with a raised marker is NG239's case for treatment."""
    return (
        judgment.level is LEVEL.POSSIBLE_FUNCTIONAL_DEFICIENCY
        and all_explained(judgment.evidence)
        and judgment.advice_on("do_not_delay") is None
        and judgment.advice_on("stop_nitrous_oxide") is None  # NICE: treat N2O deficiency
        and not judgment.neurological
        and not old_support(judgment.evidence)  # an untreated earlier low result stands
    )


def high_without_need(person: Person, judgment: Judgment) -> bool:
    """A high B12 that no B12 taken explains needs its cause found, not more B12: no supplement
    and no B12 food sources. Not for a plant-based diet (it keeps its reliable source whatever
    today's value) or a lifelong cause (its treatment continues, or restarts, for life)."""
    return (
        judgment.level not in TREAT  # a raised MMA beside it: treatment is still offered
        and judgment.advice_on("high_b12") is not None
        and not plant_based(person.diet)
        and prophylaxis.lifelong_cause(person) is None
    )


def supplement(
    person: Person,
    found: ScreeningResult,
    judgment: Judgment,
    cause: Cause,
    day: dt.date,
    *,
    deferred: bool,
) -> list[PlanItem]:
    """Supplement or treatment for this judgment and cause (or none), with the B12 taken on
    ``day``; ``deferred``: :func:`treatment_deferred`, read once by the plan."""
    level = judgment.level
    if level is LEVEL.ON_TREATMENT:
        return [keep_treatment(person, found, judgment, day)]
    if judgment.neurological:
        return []  # the urgent item carries the only regimen
    if deferred:
        # The clinician weighs the raised marker first; a lifelong cause needs B12 whatever the
        # markers show, so its prophylaxis (and restart) is still offered (NICE NG239: treatment
        # "for life"; red team round 17, a stopped treatment after sleeve gastrectomy).
        lifelong = prophylaxis.lifelong_item(person, day, judgment)
        return [] if lifelong is None else [lifelong]
    if high_without_need(person, judgment):
        return []
    taken = oral_b12_taken(person, day)
    if level in TREAT and taken:
        return [low_despite_oral(person, taken, judgment)]
    offered = _offer(person, found, judgment, cause, day)
    if taken and any(_covers(m, i.id) for m in taken for i in offered):
        return [keep_taking(taken)]  # never offer what is already taken, or less
    if taken and _offers(offered, "supplement.marginal_plant_based"):
        # B12 already taken that does not reach the dose (or whose dose is not recorded): named,
        # and counted towards the dose, not a second B12 source started (round 17b, finding 07).
        return [
            _top_up(i, taken) if i.id == "supplement.marginal_plant_based" else i for i in offered
        ]
    if taken and not offered and level is LEVEL.INDETERMINATE:
        # B12 by mouth with an unsettled result: named and kept whatever the diet, with its
        # review (the re-test item); the next tests decide (red team round 16, D1).
        return [keep_taking(taken, offered=False)]
    return offered


# The least an oral dose must give to cover an offer, per day and per week (µg): the Vegan
# Society's maintenance and BMJ Best Practice's marginal-stores doses.
_ENOUGH = {
    "supplement.plant_based_maintenance": (
        tx.VEGAN_DAILY_SUPPLEMENT_MIN_UG,
        tx.VEGAN_WEEKLY_SUPPLEMENT_MIN_UG,
    ),
    "supplement.marginal_plant_based": (tx.MARGINAL_VEGAN_DAILY_UG, tx.MARGINAL_VEGAN_WEEKLY_UG),
}


def _covers(taken: Medication, offer: str) -> bool:
    """Whether a B12 dose already taken is at least what the offer asks for."""
    if offer == "supplement.older_adult_fortified":
        return True  # IOM 1998 asks for "a B12-containing supplement": any B12 tablet is one
    if offer not in _ENOUGH or (micrograms := dose_ug(taken.dose or taken.name)) is None:
        return False
    daily, weekly = _ENOUGH[offer]
    text = f"{taken.dose or ''} {taken.name}".lower()
    return micrograms >= (weekly if "week" in text else daily)


def _offer(
    person: Person, found: ScreeningResult, judgment: Judgment, cause: Cause, day: dt.date
) -> list[PlanItem]:
    level = judgment.level
    vegan = plant_based(person.diet)
    if level in TREAT:
        treatment = _treatment(
            cause,
            level,
            child=nice_ng239.below_scope_age(person.age),
            nitrous_oxide_in_use=nitrous_oxide_in_use(person),
        )
        if sentence := prophylaxis.lifelong_sentence(person):
            treatment = treatment.model_copy(
                update={
                    "text": prophylaxis.restart_sentence(person, day, low_now=True)
                    + treatment.text
                    + sentence,
                    "rules": (*treatment.rules, prophylaxis.RULE_LIFELONG),
                }
            )
        return [treatment]
    if (lifelong := prophylaxis.lifelong_item(person, day, judgment)) is not None:
        return [lifelong]
    if found.has("pernicious_anaemia"):
        return []  # the referral item carries the treatment; a low dose would not be absorbed
    if level is LEVEL.INDETERMINATE and vegan:
        recheck = (
            "have B12 reviewed after 1 month"
            if person.pregnant or person.breastfeeding
            else "re-check B12 in 3 months"
        )
        return [
            item(
                "supplement.marginal_plant_based",
                Category.SUPPLEMENT,
                "Take cyanocobalamin 50 µg a day or 2000 µg once a week by mouth (or under the "
                f"tongue), and {recheck}.",
                f"B12 not settled on a {person.diet.label if person.diet else ''} diet: stores may "
                "be marginal",
                tx.RULE_MARGINAL_VEGAN,
                tx.RULE_BORDERLINE_RECHECK,
                regimens=(Regimen.ORAL_LOW_DOSE,),
            )
        ]
    if level is LEVEL.INDETERMINATE:
        return []  # the next test decides; a supplement now would blur it
    if vegan:
        return [_maintenance_plant_based(level, person.diet is Diet.VEGAN)]
    if (
        screening_rules.older_adult(person.age)
        and level is LEVEL.DEFICIENCY_UNLIKELY
        and not found.malabsorption
    ):
        return [
            item(
                "supplement.older_adult_fortified",
                Category.SUPPLEMENT,
                "Get most of your B12 from fortified foods or a B12-containing supplement (for "
                "example a daily multivitamin with B12).",
                "Over 50, B12 bound in food is absorbed less well, while the crystalline B12 in "
                "fortified foods and supplements is absorbed normally",
                tx.RULE_OLDER_FORTIFIED,
                screening_rules.RULE_OLDER_ADULT,
            )
        ]
    if found.has("gastrectomy", "ileal_resection") and level is LEVEL.DEFICIENCY_UNLIKELY:
        return [
            item(
                "supplement.prophylaxis",
                Category.SUPPLEMENT,
                "After gastrectomy or ileal resection, ask your doctor about preventive B12 "
                "(BNF: hydroxocobalamin 1 mg every 3 months).",
                "Absorption is permanently reduced after this surgery",
                tx.RULE_IM,
                tx.RULE_PHYSICIAN,
                regimens=(Regimen.IM_NON_NEUROLOGICAL,),
            )
        ]
    return []


def _top_up(offer: PlanItem, taken: list[Medication]) -> PlanItem:
    """The marginal-stores dose for someone who already takes some B12 by mouth: what is taken is
    named and counted (rule plan.taken.keep-oral-indeterminate: the plan names the B12 taken)."""
    unknown = all(dose_ug(m.dose or m.name) is None for m in taken)
    named = ", ".join(f"{m.name}{f' ({m.dose})' if m.dose else ''}" for m in taken)
    rest = offer.text.removeprefix("Take cyanocobalamin ")
    return offer.model_copy(
        update={
            "text": f"You already take {named}"
            + (
                ", whose B12 dose is not recorded (check the label)"
                if unknown
                else ", which gives less B12 than marginal stores need"
            )
            + ". Ask your pharmacist or doctor how to reach, with its B12 counted, "
            + rest,
            "rules": (*offer.rules, RULE_KEEP_ORAL),
        }
    )


def _maintenance_plant_based(level: Level, vegan: bool) -> PlanItem:
    note = (
        " If you have symptoms, have the blood test before you start, because a supplement "
        "raises serum B12 first and can hide a deficiency."
        if level is LEVEL.CANNOT_JUDGE
        else ""
    )
    return item(
        "supplement.plant_based_maintenance",
        Category.SUPPLEMENT,
        f"Keep a reliable B12 source for as long as you eat a {'vegan' if vegan else 'vegetarian'} "
        "diet. Choose one: eat B12-fortified foods two or three times a day for at least 3 µg a "
        "day; or take a 10 µg (or more) cyanocobalamin supplement daily; or take 2000 µg once a "
        "week." + note,
        "Plant-based diets have no reliable natural B12 source"
        if vegan
        else "A vegetarian diet gets B12 only from eggs or dairy, often too little",
        tx.RULE_VEGAN_SOCIETY,
        tx.RULE_AND_2016,
        *((RULE_SUPPLEMENT,) if note else ()),
        regimens=(Regimen.ORAL_LOW_DOSE,),
    )


def _nitrous_oxide_first(in_use: bool) -> str:
    """Stop a use that goes on; after past use, do not start again (red team round 14, 15)."""
    return "Stop using nitrous oxide now" if in_use else "Do not use nitrous oxide again"


@cache  # pure, and the same few items for everyone
def _treatment(
    cause: Cause, level: Level, child: bool = False, nitrous_oxide_in_use: bool = True
) -> PlanItem:
    how_low = (
        "likely deficient" if level is LEVEL.DEFICIENCY_LIKELY else "possibly functionally low"
    )
    if cause is Cause.DIET:
        return item(
            "supplement.oral_dietary",
            Category.SUPPLEMENT,
            "Take cyanocobalamin 50-150 µg by mouth every day, agreed with your doctor or "
            "pharmacist; on a plant-based diet keep a regular B12 source afterwards.",
            f"B12 is {how_low} and the likely cause is diet, so a modest oral dose is enough",
            tx.RULE_ORAL_DIETARY,
            regimens=(Regimen.ORAL_LOW_DOSE,),
        )
    if cause is Cause.NITROUS_OXIDE and child:
        # Under 16 the referral stays (it is kept for a child) without the adult regimen.
        return item(
            _NITROUS_OXIDE_TREATMENT,
            Category.REFERRAL,
            f"{_nitrous_oxide_first(nitrous_oxide_in_use)} and see a doctor: B12 inactivated by "
            "nitrous oxide is treated at the dose and by the route a paediatric clinician sets.",
            "Nitrous oxide inactivates B12 even when blood levels look normal",
            tx.RULE_NITROUS_OXIDE,
            nice_ng239.RULE_AGE_SCOPE,
        )
    if cause is Cause.NITROUS_OXIDE:
        return item(
            _NITROUS_OXIDE_TREATMENT,
            Category.REFERRAL,
            f"{_nitrous_oxide_first(nitrous_oxide_in_use)} and see a doctor: B12 inactivated by "
            f"nitrous oxide is treated by intramuscular {IM_TEXT}, or by mouth at a dose your "
            "clinician sets, as you and your clinician prefer.",
            "Nitrous oxide inactivates B12 even when blood levels look normal",
            tx.RULE_NITROUS_OXIDE,
            tx.RULE_IM,
            regimens=(Regimen.IM_NON_NEUROLOGICAL,),
        )
    if cause is Cause.UNKNOWN:
        return item(
            "supplement.find_cause",
            Category.REFERRAL,
            "See a doctor to find out why B12 is low before choosing a long-term treatment; with "
            "clear symptoms, treatment should start without delay.",
            f"B12 is {how_low} without a dietary or known absorption cause",
            tx.RULE_FIND_CAUSE,
        )
    return _high_dose_treatment(cause, how_low)


_HIGH_DOSE_REASON = {
    Cause.MALABSORPTION: "absorption is impaired (a condition, surgery, or low status despite "
    "enough B12 in the diet, B12 tablets or recent B12 injections)",
    Cause.MEDICATION: "a medicine you take reduces B12 absorption",
    Cause.OLDER_AGE: "food-bound B12 is often poorly absorbed in later life",
}


def _high_dose_treatment(cause: Cause, how_low: str) -> PlanItem:
    """High-dose oral or intramuscular B12 for an absorption cause, a medicine or older age."""
    rules = [tx.RULE_ORAL_MALABSORPTION, tx.RULE_IM]
    if cause is Cause.OLDER_AGE:
        rules.append(tx.RULE_ORAL_OLDER)
    reason = _HIGH_DOSE_REASON[cause]
    return item(
        "supplement.high_dose_oral",
        Category.SUPPLEMENT,
        "Ask your doctor about oral cyanocobalamin of at least 1000 µg (1 mg) every day, or "
        f"intramuscular {IM_TEXT}.",
        f"B12 is {how_low} and {reason}",
        *rules,
        regimens=(Regimen.ORAL_HIGH_DOSE, Regimen.IM_NON_NEUROLOGICAL),
    )
