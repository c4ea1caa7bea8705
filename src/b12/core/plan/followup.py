"""Plan items that follow on from the B12 reading: medicines to discuss, measured intake and
re-testing (numbers and sources in :mod:`b12.core.plan.treatment` and :mod:`b12.core.plan.intake`).

Never advise stopping a prescribed medicine: the items say to keep taking it and discuss B12.
"""

from __future__ import annotations

import datetime as dt

from b12.core.diet.requirements import RULE_IOM as RULE_DRI
from b12.core.person import Medication, Person
from b12.core.plan import prophylaxis
from b12.core.plan import treatment as tx
from b12.core.plan.b12_items import treatment_deferred
from b12.core.plan.intake import IntakeLevel
from b12.core.plan.model import Category, Cause, PlanItem, Regimen, item
from b12.core.plan.taken import oral_b12_taken
from b12.core.rules import Evidence, register
from b12.core.screening import rules as screening_rules
from b12.core.screening.medications import RISK_CLASSES, MedicationClass, dose_ug
from b12.core.screening.model import ScreeningResult
from b12.core.sources import BNF_B12
from b12.core.status import nice_ng239
from b12.core.status.judgment import TREAT, Judgment, Level, treatment_start
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.derive import low_on_injections, old_support
from b12.core.status.judgment.model import LEVEL, RESPONSE, URGENCY
from b12.core.status.judgment.response import review_due_on

# Prescribed medicines that lower B12 (recreational nitrous oxide is not a prescription).
PRESCRIBED_RISK_CLASSES = RISK_CLASSES - {MedicationClass.NITROUS_OXIDE}


def medicine_items(found: ScreeningResult, level: Level) -> list[PlanItem]:
    """One item per risk medicine: keep taking it, discuss B12 monitoring."""
    items = []
    for m in found.medications:
        cls = m.drug_class
        if cls is None or cls not in PRESCRIBED_RISK_CLASSES:
            continue
        rules = [screening_rules.RULE_MEDICINES]
        if cls is MedicationClass.METFORMIN:
            rules.append(screening_rules.RULE_METFORMIN)
        if cls in (MedicationClass.PPI, MedicationClass.H2RA):
            rules.append(screening_rules.RULE_ACID_SUPPRESSION_DURATION)
        check = "B12 treatment alongside it" if level in TREAT else "periodic B12 checks"
        items.append(
            item(
                f"medication.{cls.value}",
                Category.MEDICATION,
                f"Keep taking {m.name} as prescribed - do not stop or change it on your own. Ask "
                f"your prescriber about {check}.",
                f"{cls.value.replace('_', ' ')} can lower B12 over time",
                *rules,
            )
        )
    return items


def retest(
    person: Person,
    found: ScreeningResult,
    judgment: Judgment,
    cause: Cause,
    offered: list[PlanItem],
    day: dt.date,
    *,
    deferred: bool,
) -> list[PlanItem]:
    """When to re-test, or why not to (``offered``: the supplement items of the plan; ``day``: the
    assessment date, for the B12 taken then; ``deferred``: :func:`treatment_deferred`)."""
    level = judgment.level
    on_treatment = level is LEVEL.ON_TREATMENT
    if on_treatment and judgment.has("on_injections"):
        # A serum B12 read as low on injections is acted on, not called uninformative in the same
        # plan (rule status.judgment.rules.low-b12-despite-injections; red team round 15, 19a).
        low = low_on_injections(judgment.evidence)
        return [
            item(
                "retest.on_injections",
                Category.RETEST,
                "You are already on B12 injections: routine serum B12 checks are not needed. The "
                "low result you have is acted on (see the review of your injections); after "
                "that, your doctor follows the response with symptoms, a blood count and MMA or "
                "homocysteine."
                if low
                else "You are already on B12 treatment: serum B12 re-tests are not needed; your "
                "doctor follows the response with symptoms, a blood count and MMA or homocysteine.",
                "On injections a serum B12 above the deficiency band is uninformative; one in it "
                "is low"
                if low
                else "Serum B12 and holoTC are uninformative once treatment has started",
                tx.RULE_NO_RETEST_IM,
                *((jr.RULE_LOW_DESPITE_INJECTIONS,) if low else ()),
            )
        ]
    # By mouth: the review 3 months after starting (NG239), until a result since the start, unless
    # that result came too early to judge the response: the review is still ahead (round 16, D1).
    if (
        on_treatment
        and _tested_since_start(judgment)
        and judgment.response is not RESPONSE.TOO_EARLY
    ):
        return []
    indeterminate = level is LEVEL.INDETERMINATE
    kept = indeterminate and any(i.id == "supplement.keep_taking" for i in offered)
    if kept and (below := below_treatment_dose(person, day)):
        # A supplement below the lowest treatment dose is no treatment: no "review after starting
        # treatment" (red team round 16b, F6).
        return _supplement_recheck(person, below)
    treated = (
        on_treatment
        or (level in TREAT and not deferred)
        or any(i.id == "supplement.marginal_plant_based" for i in offered)
        # B12 by mouth kept with an unsettled result: its review after starting (round 16, D1).
        or kept
        # A lifelong cause's stopped treatment restarted: the review follows the restart (red
        # team round 17b, finding 13).
        or bool(prophylaxis.restart_sentence(person, day))
    )
    if treated and (due := _review_due(person, judgment, day)) is not None:
        return [due]
    if treated and (person.pregnant or person.breastfeeding):
        return [_REVIEW_1_MONTH]
    if treated:
        return [_REVIEW_3_MONTHS]
    # BNSSG's 3-month re-check is for a borderline result managed with dietary advice: not when
    # nerve symptoms, pregnancy, a cause food cannot fix, nitrous oxide or B12 already taken call
    # for a clinician and the next test now.
    if (
        indeterminate
        and judgment.urgency is URGENCY.ROUTINE
        and not (person.pregnant or person.breastfeeding)
        and cause not in (Cause.MALABSORPTION, Cause.NITROUS_OXIDE)
        and not found.has("pernicious_anaemia")
        and not oral_b12_taken(person, day)
        and judgment.advice_on("do_not_delay") is None
        # Not for a censored result (the same test again tells nothing more) nor after an
        # earlier untreated sign of deficiency: the next tests come first.
        and not any(nice_ng239.RULE_CENSORED_SPANS in e.rules for e in judgment.evidence)
        and not old_support(judgment.evidence)
        and judgment.advice_on("later_results") is None  # the dates come first
        # An earlier low B12 needs its cause found, not a diet re-check (after injections serum
        # B12 stays high for months: a re-check would read nothing).
        and not any(r.code == "earlier_low" for r in judgment.urgency_reasons)
    ):
        return [_BORDERLINE_RECHECK]
    return []


_IM = frozenset({Regimen.IM_NON_NEUROLOGICAL, Regimen.IM_NEUROLOGICAL, Regimen.IM_PROPHYLAXIS})


def on_injections(items: list[PlanItem]) -> list[PlanItem]:
    """The review after starting treatment, worded so that it cannot be read as a serum B12
    re-test when the plan offers injections (in any item): there the response is followed by
    symptoms and a blood count (rule retest.no-routine-on-im; red team round 17, D5)."""
    regimens = {r for i in items for r in i.regimens}
    if not regimens & _IM:
        return items
    return [
        _review_on_injections(i, _REVIEW_WHEN[i.id], regimens) if i.id in _REVIEW_WHEN else i
        for i in items
    ]


def _review_on_injections(review: PlanItem, when: str, regimens: set[Regimen]) -> PlanItem:
    tablets = regimens - _IM
    return review.model_copy(
        update={
            # The interval last: the overview adds its due date after it.
            "text": "On injections serum B12 is not re-tested: it stays high after them and says "
            "nothing about the response"
            + ("; on tablets it is re-checked with the review" if tablets else "")
            + f". Have your symptoms and a full blood count reviewed {when}",
            "rules": (*review.rules, tx.RULE_NO_RETEST_IM),
        }
    )


# The re-test items with nothing of the person in them (frozen: built once), and when each falls
# due (the review beside injections keeps it).
_REVIEW_WHEN = {
    "retest.1_month": "1 month after starting treatment.",
    "retest.3_months": "3 months after starting treatment.",
}
_REVIEW_1_MONTH = item(
    "retest.1_month",
    Category.RETEST,
    f"Have B12 reviewed {_REVIEW_WHEN['retest.1_month']}",
    "Pregnancy or breastfeeding: earlier review",
    tx.RULE_RETEST,
)
_REVIEW_3_MONTHS = item(
    "retest.3_months",
    Category.RETEST,
    f"Have B12 (and symptoms) reviewed {_REVIEW_WHEN['retest.3_months']}",
    "Review after starting treatment",
    tx.RULE_RETEST,
)
_BORDERLINE_RECHECK = item(
    "retest.borderline_3_months",
    Category.RETEST,
    "Re-check B12 in 3 months after improving B12 sources in your diet.",
    "Borderline result",
    tx.RULE_BORDERLINE_RECHECK,
)


RULE_SUPPLEMENT_RECHECK = register(
    "plan.followup.supplement-dose-recheck",
    "B12 by mouth below the lowest treatment dose (50 micrograms a day), kept with an "
    "indeterminate result: named as a supplement, not a treatment, so no review after starting "
    "treatment is given; B12 is re-checked in 3 months as for any borderline result (not in "
    "pregnancy or breastfeeding, where the clinician and the next tests come first)",
    BNF_B12,
    Evidence.VERIFIED,
    {
        "ORAL_DIETARY_LOW_UG_DAY": tx.ORAL_DIETARY_LOW_UG_DAY,
        "BORDERLINE_RECHECK_MONTHS": tx.BORDERLINE_RECHECK_MONTHS,
    },
    note="BNF via the NHS Scotland East Region formulary: 'cyanocobalamin tablets can be used in "
    "doses of 50-150 micrograms daily for vegans or patients who have proven dietary deficiency' "
    "(the lowest treatment dose; rule status.judgment.derive.oral-treatment-after-indeterminate: "
    "'a lower dose stays a supplement'); BNSSG: borderline B12, re-check in 3 months (rule "
    "retest.borderline-3-months). Red team round 16b, F6.",
)


def below_treatment_dose(person: Person, day: dt.date) -> list[Medication]:
    """The B12 taken by mouth on ``day`` when every one is written below the lowest treatment dose
    (the BNF's 50 micrograms a day); empty when any is at a treatment dose or unreadable."""
    taken = oral_b12_taken(person, day)
    doses = [dose_ug(m.dose or m.name) for m in taken]
    if not taken or any(d is None or d >= tx.ORAL_DIETARY_LOW_UG_DAY for d in doses):
        return []
    return taken


def _supplement_recheck(person: Person, taken: list[Medication]) -> list[PlanItem]:
    """The re-check for B12 taken below a treatment dose beside an indeterminate result."""
    if person.pregnant or person.breastfeeding:
        return []
    what = ", ".join(f"{m.name}{f' ({m.dose})' if m.dose else ''}" for m in taken)
    low = f"{tx.ORAL_DIETARY_LOW_UG_DAY:g}"
    return [
        item(
            "retest.borderline_3_months",
            Category.RETEST,
            f"Re-check B12 in {tx.BORDERLINE_RECHECK_MONTHS} months. The {what} you take is a "
            f"supplement dose, below the {low} micrograms a day that is the lowest treatment dose "
            "(BNF), so this is a re-check, not a review of treatment.",
            "Borderline result; B12 taken below a treatment dose",
            RULE_SUPPLEMENT_RECHECK,
            tx.RULE_BORDERLINE_RECHECK,
        )
    ]


def review_ahead(person: Person, judgment: Judgment, day: dt.date) -> str | None:
    """On B12 by mouth, too early to judge the response and its review after starting (3 months; 1
    in pregnancy or breastfeeding) not yet due: the review's interval in words ("3 months"), when
    the response tests are taken (red team round 16b, F7: a B12 test asked for now beside "reviewed
    3 months after starting treatment"); None otherwise."""
    if (
        judgment.level is not LEVEL.ON_TREATMENT
        or judgment.response is not RESPONSE.TOO_EARLY
        or judgment.has("on_injections")
    ):
        return None
    if (start := _oral_start(person, day)) is None:
        return None
    early = person.pregnant or person.breastfeeding
    months = tx.RETEST_PREGNANCY_MONTHS if early else tx.RETEST_AFTER_TREATMENT_MONTHS
    if review_due_on(person, start) <= day:
        return None
    return jr.months_text(months)


def _review_due(person: Person, judgment: Judgment, day: dt.date) -> PlanItem | None:
    """B12 by mouth started longer ago than the review interval (3 months; 1 in pregnancy or
    breastfeeding, rule retest.nice-ng239.after-treatment): the review is due now, not "3 months
    after starting" (red team round 15b, finding 53)."""
    if (start := _oral_start(person, day)) is None:
        return None
    early = person.pregnant or person.breastfeeding
    months = tx.RETEST_PREGNANCY_MONTHS if early else tx.RETEST_AFTER_TREATMENT_MONTHS
    if review_due_on(person, start) > day:  # calendar months, as the judgment's review
        return None
    since = any(r.date is not None and r.date > start for r in judgment.results)
    result = "take the result since then to your doctor" if since else "see your doctor"
    interval = jr.months_text(months)
    # The interval in the id, as the other re-test items: the worklist dates it from the start.
    return item(
        f"retest.review_due_{interval.replace(' ', '_')}",
        Category.RETEST,
        f"B12 by mouth started on {start.isoformat()}, {interval} or more ago: its review is due "
        f"now ({result}). After any change of treatment, have B12 (and symptoms) reviewed again "
        f"{interval} after the change.",
        "The review after starting treatment is already due",
        tx.RULE_RETEST,
    )


def _oral_start(person: Person, day: dt.date) -> dt.date | None:
    """When the B12 taken by mouth on ``day`` started (the earliest start given), if any is
    taken and a start is given."""
    if not (taken := oral_b12_taken(person, day)):
        return None
    starts = [m.start_date for m in taken if m.start_date is not None]
    return min(starts) if starts else None


def _tested_since_start(judgment: Judgment) -> bool:
    start = treatment_start(judgment.evidence)
    return start is not None and any(r.date and r.date > start for r in judgment.results)


def intake_items(judgment: Judgment, intake: IntakeLevel | None) -> list[PlanItem]:
    """What a measured intake adds to the plan."""
    level = judgment.level
    if intake is None:
        return []
    # Enough B12 eaten (even if food-bound only, as over 50 or on a PPI) yet low status: absorption.
    ample = intake in (IntakeLevel.MEETS_RDA, IntakeLevel.FOOD_BOUND_ONLY)
    if level in TREAT and not treatment_deferred(judgment) and ample:
        return [
            item(
                "intake.malabsorption_suspected",
                Category.REFERRAL,
                "Your diet provides enough B12, yet your B12 is low: ask your doctor to look "
                "for an absorption problem.",
                "Low status despite intake at or above the RDA suggests malabsorption",
                RULE_DRI,
                tx.RULE_PHYSICIAN,
            )
        ]
    if intake is IntakeLevel.BELOW_EAR:
        return [
            item(
                "intake.low",
                Category.FOOD,
                "Your B12 intake is below the average requirement: add B12 foods or "
                "fortified foods at two or three meals a day, or take a modest supplement.",
                "Intake below the EAR",
                RULE_DRI,
                tx.RULE_SPREAD_MEALS,
            )
        ]
    if intake is IntakeLevel.BELOW_RDA:
        return [
            item(
                "intake.below_rda",
                Category.FOOD,
                "Your B12 intake is a little below the recommended amount: one more B12 "
                "source a day would close the gap.",
                "Intake between EAR and RDA",
                RULE_DRI,
            )
        ]
    return []
