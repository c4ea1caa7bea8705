"""B12 already taken: keep to it, escalate it when it is not working or the nerves are involved,
or see a doctor when B12 is low despite it. The plan never offers less than the treatment already
given (DECISIONS.md); the B12 taken is the B12 taken on the assessment date.
"""

from __future__ import annotations

import datetime as dt

from b12.core.person import Medication, Person
from b12.core.plan import prophylaxis
from b12.core.plan import treatment as tx
from b12.core.plan.model import Category, PlanItem, Regimen, item
from b12.core.plan.treatment import IM_NEURO_TEXT, IM_TEXT
from b12.core.rules import Evidence, register
from b12.core.screening.medications import (
    dose_ug,
    is_b12_by_mouth,
    is_b12_injection,
    taken_on,
)
from b12.core.screening.model import ScreeningResult
from b12.core.screening.screen import nerve_involvement
from b12.core.sources import SPS_NG239_ONGOING
from b12.core.status import nice_ng239
from b12.core.status.judgment import Judgment
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.derive import low_on_injections
from b12.core.status.judgment.model import DIRECTION, KIND, RESPONSE, URGENCY
from b12.core.status.judgment.response import RULE_RESPONSE_TESTS


def oral_b12_taken(person: Person, day: dt.date) -> list[Medication]:
    """B12 tablets (or sublingual or nasal B12) taken on ``day`` (started, not stopped)."""
    if not person.medications:  # most people list none; the plan asks several times
        return []
    return [m for m in taken_on(person, day) if is_b12_by_mouth(m)]


def b12_injections(person: Person, day: dt.date) -> list[Medication]:
    """B12 injections given on ``day`` (started, not stopped)."""
    if not person.medications:
        return []
    return [m for m in taken_on(person, day) if is_b12_injection(m)]


def named_medicines(taken: list[Medication]) -> str:
    """The medicines by name, each with its dose if recorded: 'cyanocobalamin (1 mg a day)'."""
    return ", ".join(f"{m.name}{f' ({m.dose})' if m.dose else ''}" for m in taken)


# What each marker reading that supports a deficiency says, in words: the plan names the result
# that is off (a raised MMA beside a normal B12 is not "B12 is low", round 14 finding 20).
_OFF = {
    "b12": "total B12 is low",
    "holotc": "active B12 (holoTC) is low",
    "cb12": "the combined B12 score (cB12) is low",
    "mma": "MMA is raised",
    "hcy": "homocysteine is raised",
}


def _results_off(judgment: Judgment) -> str:
    """The marker results that point to a deficiency, in words ("MMA is raised"); a general
    phrase when only signs (anaemia, symptoms) do."""
    said = dict.fromkeys(
        _OFF[e.code.split("_")[0]]
        for e in judgment.evidence
        if e.direction is DIRECTION.SUPPORTS
        and e.kind in (KIND.FIRST_LINE, KIND.COMBINED, KIND.FUNCTIONAL)
        and e.code.split("_")[0] in _OFF
    )
    return " and ".join(said) or "the results point to B12 deficiency"


def low_despite_oral(person: Person, taken: list[Medication], judgment: Judgment) -> PlanItem:
    """B12 deficiency shown although B12 is taken by mouth: the dose or the absorption is the
    problem. The sentence names the results that show it, from the judgment's evidence."""
    high = all(oral_regimen(m.dose) is Regimen.ORAL_HIGH_DOSE for m in taken)
    off = _results_off(judgment)
    return item(
        "supplement.low_despite_oral",
        Category.SUPPLEMENT,
        f"{off[0].upper()}{off[1:]} although you take {named_medicines(taken)} by mouth: see your doctor. "
        "Absorption may be impaired (for example by pernicious anaemia); B12 is then given "
        + (
            f"by injection ({IM_TEXT})"
            if high
            else f"as at least 1 mg a day by mouth or by injection ({IM_TEXT})"
        )
        + "."
        + prophylaxis.lifelong_sentence(person),
        "B12 deficiency despite B12 taken by mouth suggests malabsorption or too low a dose",
        tx.RULE_ORAL_MALABSORPTION,
        tx.RULE_IM,
        tx.RULE_PHYSICIAN,
        regimens=(Regimen.IM_NON_NEUROLOGICAL,)
        if high
        else (Regimen.ORAL_HIGH_DOSE, Regimen.IM_NON_NEUROLOGICAL),
    )


def keep_taking(taken: list[Medication], *, offered: bool = True) -> PlanItem:
    """The B12 already taken covers what the plan would offer (``offered``), or, with an
    indeterminate result and nothing offered, is kept while the next tests settle the status."""
    return item(
        "supplement.keep_taking",
        Category.SUPPLEMENT,
        f"You already take {named_medicines(taken)}: keep taking it regularly; "
        + (
            "it covers the B12 a supplement would add."
            if offered
            else "do not stop it or lower the dose until your doctor has reviewed the result."
        ),
        "B12 is already taken by mouth; the plan never offers the same or a lower dose",
        *((tx.RULE_VEGAN_SOCIETY,) if offered else (RULE_KEEP_ORAL,)),
        regimens=tuple(r for m in taken if (r := oral_regimen(m.dose or m.name))),
    )


RULE_SIGNS_ON_ORAL = register(
    "plan.taken.signs-on-oral-indeterminate",
    "Signs that fit B12 deficiency with a borderline B12 while B12 is already taken by mouth: "
    "the plan does not say to start B12 but asks the doctor whether the tablets work (taken "
    "regularly? absorbed?) and whether to raise the dose or switch to injections",
    SPS_NG239_ONGOING,
    Evidence.VERIFIED,
    note="SPS on NG239 (evidence.md, ongoing care [V]): 'New, worsening or insufficiently improved "
    "symptoms: escalate dose or switch to IM'; BSH 2014 via rule "
    "status.judgment.rules.adherence-first: oral therapy 'provided appropriate doses are taken "
    "and compliance is not an issue'. Red team round 17b, finding 01.",
)


def signs_on_oral(taken: list[Medication]) -> str:
    """The do-not-delay referral worded for B12 already taken by mouth (rule
    plan.taken.signs-on-oral-indeterminate)."""
    return (
        f"See your doctor: the signs fit B12 deficiency although you already take {named_medicines(taken)} "
        "and the B12 result is borderline. Ask whether it is working (taken regularly, and "
        "absorbed) and whether to raise the dose or switch to injections, once blood for the "
        "further tests has been taken, rather than waiting for their results."
    )


RULE_KEEP_ORAL = register(
    "plan.taken.keep-oral-indeterminate",
    "B12 taken by mouth with an indeterminate result: the plan names it and keeps it, with the "
    "review after starting (3 months; 1 month in pregnancy or breastfeeding), whatever the diet; "
    "below the lowest treatment dose it is a supplement, re-checked without a review of treatment "
    "(rule plan.followup.supplement-dose-recheck)",
    SPS_NG239_ONGOING,
    Evidence.SECONDARY,
    note="SPS on NG239: after oral replacement, stop only if symptoms improved and the cause is "
    "addressed; NASGP on NG239: review 3 months after starting treatment, 1 month if pregnant or "
    "breastfeeding (rule retest.nice-ng239.after-treatment). DECISIONS.md: the plan never offers "
    "less than the treatment already given (red team round 16, D1).",
)


def oral_regimen(dose: str | None) -> Regimen | None:
    """The regimen class of a written oral dose (at least 1 mg is high dose); None if unreadable."""
    if (micrograms := dose_ug(dose)) is None:
        return None
    return (
        Regimen.ORAL_HIGH_DOSE
        if micrograms >= tx.ORAL_MALABSORPTION_MIN_UG_DAY
        else Regimen.ORAL_LOW_DOSE
    )


RULE_ORAL_DOSE_REACHED = register(
    "plan.taken.oral-dose-reached-injections",
    "Not improving on B12 by mouth already at the malabsorption dose (at least 1 mg a day): the "
    "step offered is injections, never the dose already taken presented as a higher one",
    SPS_NG239_ONGOING,
    Evidence.SECONDARY,
    {"ORAL_MALABSORPTION_MIN_UG_DAY": tx.ORAL_MALABSORPTION_MIN_UG_DAY},
    note="SPS on NG239: for symptoms not sufficiently improved, 'dose escalation or switching to "
    "intramuscular vitamin B12 injection is advised'. NICE NG239 gives 'at least 1 mg a day' by "
    "mouth for malabsorption; once that is taken, b12 offers the switch to injections (DECISIONS.md: "
    "the plan never offers less than the treatment already given). A further oral dose above 1 mg "
    "is the clinician's choice, not offered (red team round 16, D2).",
)


def _at_oral_treatment_dose(taken: list[Medication]) -> bool:
    """Every B12 taken by mouth is written at 1 mg a day or more (NG239's malabsorption dose); a
    weekly dose is not a daily one."""
    return bool(taken) and all(
        oral_regimen(m.dose) is Regimen.ORAL_HIGH_DOSE and "week" not in (m.dose or "").lower()
        for m in taken
    )


def _escalate(person: Person, judgment: Judgment, what: str, *, at_oral_dose: bool) -> PlanItem:
    """B12 by mouth not working, or too low a dose for impaired absorption: a higher dose by
    mouth or injections; only injections when the dose taken is already 1 mg a day or more."""
    text = IM_NEURO_TEXT if judgment.neurological else IM_TEXT
    neuro = Regimen.IM_NEUROLOGICAL if judgment.neurological else Regimen.IM_NON_NEUROLOGICAL
    not_improving = judgment.response is RESPONSE.NOT_IMPROVING
    why = (
        "are not working well enough"
        if not_improving
        else "are a low dose, and absorption is impaired"
    )
    if at_oral_dose:
        ask = (
            f": you already take the dose by mouth used when absorption is impaired (at least 1 mg "
            f"a day), so ask your doctor about switching to injections ({text})."
        )
    else:
        ask = (
            ": ask your doctor about a higher dose by mouth (cyanocobalamin at least 1 mg a day) "
            f"or injections ({text})."
        )
    return item(
        "supplement.escalate_treatment",
        Category.SUPPLEMENT,
        f"Your current B12 tablets ({what}) {why}{ask}" + prophylaxis.lifelong_sentence(person),
        (
            "Markers have not responded to treatment by mouth"
            + (" at 1 mg a day" if at_oral_dose else "")
            if not_improving
            else "With malabsorption, oral B12 needs at least 1 mg a day"
        ),
        *((RULE_ORAL_DOSE_REACHED,) if at_oral_dose else (tx.RULE_ORAL_MALABSORPTION,)),
        tx.RULE_IM,
        regimens=(neuro,) if at_oral_dose else (Regimen.ORAL_HIGH_DOSE, neuro),
    )


# Responses that leave injections as they are: improving, or too early to tell.
SETTLING = frozenset({RESPONSE.IMPROVING, RESPONSE.TOO_EARLY})


def keep_treatment(
    person: Person, found: ScreeningResult, judgment: Judgment, day: dt.date
) -> PlanItem:
    """On treatment: keep to it, or escalate when it is not working; never a lower dose."""
    injections = b12_injections(person, day)
    given = injections or oral_b12_taken(person, day)
    what = named_medicines(given) or "it"
    neuro = Regimen.IM_NEUROLOGICAL if judgment.neurological else Regimen.IM_NON_NEUROLOGICAL
    # Under 16 the urgent items (kept for a child) name no adult regimen: NG239 covers people
    # over 16, and a paediatric clinician sets the dose (round 13, finding 13).
    child = nice_ng239.below_scope_age(person.age)
    neuro_text = "at the dose and interval a paediatric clinician sets" if child else IM_NEURO_TEXT
    child_regimens: tuple[Regimen, ...] = () if child else (Regimen.IM_NEUROLOGICAL,)
    if injections and judgment.neurological and judgment.response not in SETTLING:
        # Worded and filed at the judgment's own urgency, so the plan never contradicts it.
        urgent = judgment.urgency is URGENCY.URGENT
        return item(
            "urgent.neurological_on_injections"
            if urgent
            else "referral.neurological_on_injections",
            Category.URGENT if urgent else Category.REFERRAL,
            # Named without their doses: the current interval is what must change.
            f"New or continuing nerve or memory symptoms while on B12 injections "
            f"({', '.join(dict.fromkeys(m.name for m in injections))}): see a "
            f"doctor {'urgently' if urgent else 'soon'}. With nerve involvement injections are "
            "given more often: "
            f"{neuro_text}." + prophylaxis.lifelong_sentence(person),
            "Neurological involvement on injections needs the neurological regimen and a review",
            tx.RULE_URGENT_NEURO,
            tx.RULE_IM,
            regimens=child_regimens,
        )
    if not injections and judgment.neurological:
        return item(
            "urgent.neurological_on_tablets",
            Category.URGENT,
            f"Nerve or memory symptoms while taking B12 by mouth ({what}): see a doctor urgently; "
            + (
                f"with nerve involvement B12 is given by injection, {neuro_text}."
                if child
                else f"with nerve involvement B12 is given by injection: {IM_NEURO_TEXT}."
            ),
            "Neurological involvement is treated with injections, not tablets",
            tx.RULE_URGENT_NEURO,
            tx.RULE_IM,
            regimens=child_regimens,
        )
    if injections and (judgment.neurological or nerve_involvement(person)):
        # Responding, but the nerves are or were involved: the BNF's neurological maintenance,
        # never the 3-monthly interval echoed back as "keep to it".
        return item(
            "supplement.keep_treatment",
            Category.SUPPLEMENT,
            "Keep to your B12 injections "
            f"({', '.join(dict.fromkeys(m.name for m in injections))}) as agreed with your "
            f"clinician. With nerve involvement the BNF gives {IM_NEURO_TEXT.split(' (BNF')[0]}: "
            "check the interval with them, and tell them if symptoms do not improve or come back."
            + prophylaxis.lifelong_sentence(person),
            "Neurological involvement on injections: the neurological regimen (BNF)",
            tx.RULE_IM,
            tx.RULE_URGENT_NEURO,
            regimens=(Regimen.IM_NEUROLOGICAL,),
        )
    regimens: tuple[Regimen, ...] = (
        (neuro,) if injections else tuple(r for m in given if (r := oral_regimen(m.dose)))
    )
    # NICE NG239: with malabsorption, oral B12 is at least 1 mg a day; a low dose is not enough.
    low_dose_for_malabsorption = found.malabsorption and Regimen.ORAL_LOW_DOSE in regimens
    if not injections and (
        judgment.response is RESPONSE.NOT_IMPROVING or low_dose_for_malabsorption
    ):
        return _escalate(person, judgment, what, at_oral_dose=_at_oral_treatment_dose(given))
    if injections and judgment.response is RESPONSE.NOT_IMPROVING:
        # The judgment says "not improving": the plan asks for the review, never "keep to it" only.
        # A serum B12 read as low on injections is named as the reason (red team round 15, 19a).
        low = low_on_injections(judgment.evidence)
        return item(
            "supplement.review_treatment",
            Category.SUPPLEMENT,
            (
                f"Your B12 is in NG239's deficiency band although you have B12 injections ({what}), "
                "which cannot lower it: ask the clinician managing them to check first that every "
                "injection, with the loading course, was given; then the dose or interval"
                if low
                else f"Your B12 injections ({what}) have not brought the expected response: ask "
                "the clinician managing them to review it - first that every injection, with the "
                "loading course, was given; then the dose"
            )
            + ", a coexisting folate or iron deficiency, or another diagnosis. Do not stop them "
            "meanwhile." + prophylaxis.lifelong_sentence(person),
            "B12 is low despite injections, which can only raise it"
            if low
            else "Markers have not responded to injections",
            jr.RULE_ADHERENCE,
            jr.RULE_RESPONSE,
            *((jr.RULE_LOW_DESPITE_INJECTIONS,) if low else ()),
            regimens=regimens,
        )
    return item(
        "supplement.keep_treatment",
        Category.SUPPLEMENT,
        f"Keep to your current B12 treatment ({what}) as agreed with your clinician; do not "
        f"switch to a lower dose{' or to tablets' if injections else ''} without discussing it. "
        "Tell them if symptoms do "
        "not improve or come back." + prophylaxis.lifelong_sentence(person),
        *(_kept_injections_why() if injections else _kept_tablets_why(regimens)),
        regimens=regimens,
    )


def _kept_injections_why() -> tuple[str, ...]:
    """Why injections are kept, and how their response is judged: never from serum B12, which
    injections raise (DECISIONS.md; BNSSG, rule retest.no-routine-on-im)."""
    return (
        "Treatment has started; its response is judged from symptoms, blood count and MMA or "
        "homocysteine",
        tx.RULE_IM,
        tx.RULE_NO_RETEST_IM,
    )


def _kept_tablets_why(regimens: tuple[Regimen, ...]) -> tuple[str, ...]:
    """Why B12 by mouth is kept, and how its response is judged: on tablets total or active B12
    shows it (only injections make serum B12 unreadable, DECISIONS.md; rule
    status.judgment.response.tests-on-treatment), so never the injection rule
    retest.no-routine-on-im. The dose's own rule: the BNF's dietary 50-150 µg a day below 1 mg,
    NICE NG239's at least 1 mg a day for malabsorption otherwise (red team round 16)."""
    dietary = bool(regimens) and all(r is Regimen.ORAL_LOW_DOSE for r in regimens)
    return (
        "Treatment by mouth has started; its response is judged from symptoms, the blood count "
        "and total or active B12, which tablets (unlike injections) leave readable",
        tx.RULE_ORAL_DIETARY if dietary else tx.RULE_ORAL_MALABSORPTION,
        RULE_RESPONSE_TESTS,
    )
