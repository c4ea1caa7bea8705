"""The advice the judgment itself carries (stop nitrous oxide, do not delay treatment, other
explanations of a raised marker, B12 before folic acid, a high B12, results dated after the
assessment date), each by written rule (:mod:`b12.core.status.judgment.rules`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from b12.core.findings import Finding
from b12.core.history import Course
from b12.core.person import LabEntry, Medication, Person, latest_result, plant_based
from b12.core.plan import treatment as tx
from b12.core.rules import Evidence, register
from b12.core.screening.medications import dose_ug, is_b12_by_mouth, is_b12_injection
from b12.core.screening.screen import nerve_symptoms_new_since
from b12.core.sources import BNF_B12, KIDNEY_MMA, SPS_NG239_ONGOING
from b12.core.status.confounders import nitrous_oxide_in_use
from b12.core.status.judgment import derive
from b12.core.status.judgment import evidence as ev
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.model import (
    DIRECTION,
    KIND,
    LEVEL,
    TREAT,
    EvidenceItem,
    Level,
    has_code,
)
from b12.core.status.judgment.response import replete
from b12.core.status.markers import folate_low
from b12.core.status.result_age import is_current
from b12.units import ANALYTE

RULE_DIETARY_COURSE_ENDED = register(
    "status.judgment.advice.dietary-course-ended",
    "An earlier low B12, a finished course of B12 by mouth at the dose for a dietary cause "
    "(50-150 micrograms a day, BNF), and a later result off it that no longer points to "
    "deficiency, without symptoms or anaemia and with a diet that is not plant-based: B12 can stay "
    "stopped if the dietary cause has been addressed; urgency routine, not soon; if no dietary "
    "cause is known, its cause is still to be found",
    SPS_NG239_ONGOING,
    Evidence.SECONDARY,
    {"ORAL_DIETARY_HIGH_UG_DAY": tx.ORAL_DIETARY_HIGH_UG_DAY},
    note="SPS on the NG239 visual summary (evidence.md 5.1 [V]): 'After oral replacement with "
    "improved symptoms: may stop if the cause is addressed; otherwise continue'. BNF (via the NHS "
    "Scotland formulary, [V]): 'cyanocobalamin tablets can be used in doses of 50-150 micrograms "
    "daily for vegans or patients who have proven dietary deficiency' (also "
    f"{BNF_B12.key}). Reading the dose as the cause recorded, and the urgency, are b12's choices "
    "(red team round 16, D6). After injections or a 1 mg course a normal B12 says nothing about "
    "absorption, so those stay 'soon' (round 8).",
)

RULE_EXPLAINED_FUNCTIONAL = register(
    "status.judgment.advice.explained-functional-next-step",
    "A raised MMA or homocysteine that kidney function, older age or low folate could explain, "
    "with a total or active B12 in NG239's 'deficiency unlikely' band and no symptom, sign or "
    "other reason for haste: urgency routine, not soon; the next step is an active B12 (holoTC) "
    "test when none was done (kidney function raises MMA and homocysteine, not holoTC), and "
    "treatment is considered if it is low or symptoms appear; with nerve symptoms or strong signs "
    "treatment does not wait for it, and its sample is taken first, the same day, before any B12 "
    "is given (BSH 2014: treatment should not be delayed)",
    KIDNEY_MMA,
    Evidence.SECONDARY,
    note="Risch 2015 (evidence.md 2.7 [V]): 'Hcy and MMA (not holoTC or B12) are affected by "
    "kidney function'; eGFR-adjusted MMA (Ann Clin Biochem 2018 [V]): unadjusted MMA "
    "'overestimates vitamin B12 deficiency by 40%' at B12 90-300 pmol/L. NG239 (BMJ summary [V]) "
    "asks for MMA only with symptoms and an indeterminate B12. DECISIONS.md: read a raised marker "
    "with kidney function, folate and age 'and say what to do next'. The urgency is b12's choice "
    "(rule status.urgency) (red team round 16, D9). An MMA above 0.75 µmol/L (highly suggestive) "
    "is never explained this way. With nerve symptoms or strong signs, BSH 2014 (rule "
    "bsh2014.discordant): 'treatment should not be delayed' (red team round 16b, F3).",
)

# Evidence that can explain a raised MMA or homocysteine, in words.
_EXPLANATION = {
    "kidney_function": "kidney function",
    "low_folate": "low folate",
    "older_age_mma": "older age",
}


def _persisting_despite_response(
    person: Person, items: Sequence[EvidenceItem], start: dt.date | None, assessed_on: dt.date
) -> str:
    """The symptoms recorded as persisting when treatment has had its time and MMA or homocysteine
    is normal, in words ('' when none): not within the review period, nor on a blood count alone."""
    if not has_code(items, "response_improving") or not replete(person, start, assessed_on):
        return ""
    persisting = [
        s
        for s in person.current_symptoms
        if (c := person.course_of(s)) is not None and c.course is Course.PERSISTING
    ]
    return ", ".join(persisting)


# Levels at which strong signs or nerve symptoms mean treatment should not wait for more tests.
_NOT_SETTLED = (LEVEL.INDETERMINATE, *TREAT)


def new_symptoms_replete(
    person: Person, items: Sequence[EvidenceItem], start: dt.date | None, assessed_on: dt.date
) -> bool:
    """Nerve or memory symptoms new since treatment started, with MMA or homocysteine normal on
    it past the review period: the status is not what is wanting, so other causes are looked
    for too (NHS Lothian: symptoms not responding to IM treatment are unlikely to be due to
    B12)."""
    return (
        start is not None
        and has_code(items, "response_not_improving")
        and nerve_symptoms_new_since(person, start)
        and replete(person, start, assessed_on)
    )


def not_waiting(ctx: ev.Context, items: Sequence[EvidenceItem], level: Level) -> bool:
    """Strong clinical signs or nerve symptoms beside a status that is not settled: treatment does
    not wait for further tests (BSH 2014), so no advice may make it wait (red team round 16b,
    F3)."""
    return level in _NOT_SETTLED and (bool(derive.strong_signs(items)) or ctx.neurological)


def advice_of(
    person: Person,
    ctx: ev.Context,
    items: Sequence[EvidenceItem],
    level: Level,
    later: list[Finding],
    start: dt.date | None,
    samples: str = "",
) -> list[Finding]:
    """Advice the judgment itself carries: stop nitrous oxide, do not delay treatment, B12 first;
    ``later``: :func:`later_results`, which the level reads too; ``start``: when the current
    treatment started (None without one); ``samples``: the next tests whose samples come before
    any B12 is given, in words (:func:`next_tests.samples_before_treatment`)."""
    return [
        *_clinical_advice(person, ctx, items, level, start, samples),
        *_explanation_advice(ctx, items, level),
        *later,
        *_high_b12(person, ctx, items),
        *_untreated_functional(person, ctx),
        *_folate_advice(person, level),
    ]


def _clinical_advice(
    person: Person,
    ctx: ev.Context,
    items: Sequence[EvidenceItem],
    level: Level,
    start: dt.date | None,
    samples: str = "",
) -> list[Finding]:
    """Stop nitrous oxide; a child's signs; do not delay; discordant; persisting symptoms."""
    advice = []
    # Not delayed for the further tests, but their samples come first (red team round 15b,
    # finding 47; rule status.judgment.rules.neurological-sample-first).
    first, first_rules = (
        (
            f"; the samples for {samples} are taken first, the same day, before any "
            f"{'more ' if derive.injected(items) else ''}B12 is given",
            (jr.RULE_SAMPLE_BEFORE_TREATMENT,),
        )
        if samples
        else ("", ())
    )
    if ctx.nitrous_oxide:
        advice.append(
            Finding(
                code="stop_nitrous_oxide",
                message=(
                    "Stop using nitrous oxide now"
                    if nitrous_oxide_in_use(person)
                    else "Do not use nitrous oxide again"
                )
                + ": it inactivates B12, and continued use can cause lasting nerve damage",
                rules=(jr.RULE_NITROUS_OXIDE_STOP,),
            )
        )
    if derive.child_signs_unsettled(items, level):
        advice.append(
            Finding(
                code="child_signs",
                message="In a baby or child with these signs a total B12 that is not low (inside "
                "the lab's range, or without one) does not exclude deficiency: homocysteine and MMA "
                "show it, and the paediatric team should see the child"
                + (" without waiting for them" if ctx.neurological else ""),
                rules=(jr.RULE_CHILD_SIGNS, jr.RULE_DISCORDANT),
            )
        )
    elif not_waiting(ctx, items, level):
        advice.append(
            Finding(
                code="do_not_delay",
                message="The clinical picture fits B12 "
                "deficiency: with strong clinical features, treatment should not be delayed for "
                f"further tests (BSH 2014){first}",
                rules=(jr.RULE_DISCORDANT, *first_rules),
            )
        )
    first_line = {i.direction for i in items if i.kind is KIND.FIRST_LINE}
    if {DIRECTION.SUPPORTS, DIRECTION.ARGUES_AGAINST} <= first_line:
        advice.append(
            Finding(
                code="discordant",
                message="Total and active B12 disagree: the "
                "clinical picture decides, and with strong clinical features treatment should not "
                f"wait (BSH 2014){first}",
                rules=(jr.RULE_DISCORDANT, *first_rules),
            )
        )
    if persisting := _persisting_despite_response(person, items, start, ctx.assessed_on):
        advice.append(
            Finding(
                code="persisting_other_cause",
                message=f"{persisting[:1].upper()}{persisting[1:]} persisting although the blood "
                "markers are normal on treatment: this may have another cause, for the clinician "
                "to look for; the B12 treatment continues",
                rules=(jr.RULE_PERSISTING_OTHER_CAUSE,),
            )
        )
    if new_symptoms_replete(person, items, start, ctx.assessed_on):
        advice.append(
            Finding(
                code="new_symptoms_other_cause",
                message="Nerve or memory symptoms new on B12 treatment while MMA and homocysteine "
                "are normal: B12 is at work in the cells, so the clinician should look for "
                "another cause of the symptoms as well; the B12 treatment continues",
                rules=(jr.RULE_PERSISTING_OTHER_CAUSE,),
            )
        )
    return advice


# What may explain each raised functional marker (evidence.md 2.7: kidney function raises MMA
# and homocysteine; low folate raises homocysteine, not MMA; age, MMA: the Danish intervals). An MMA
# above 0.75 µmol/L ("mma_highly_suggestive") has no such explanation.
_EXPLAINS = {
    "mma_raised": frozenset({"kidney_function", "older_age_mma"}),
    "hcy_raised": frozenset({"kidney_function", "low_folate"}),
}


def all_explained(items: Sequence[EvidenceItem]) -> bool:
    """A first-line B12 that argues against a deficiency, and every raised functional marker with
    an explanation present (kidney function, older age, low folate)."""
    codes = {i.code for i in items}
    first_line = {i.direction for i in items if i.kind is KIND.FIRST_LINE}
    raised = {c for c in codes if c in _EXPLAINS or c == "mma_highly_suggestive"}
    return (
        first_line == {DIRECTION.ARGUES_AGAINST}
        and bool(raised)
        and all(_EXPLAINS.get(c, frozenset()) & codes for c in raised)
    )


def holotc_next(items: Sequence[EvidenceItem]) -> bool:
    """A raised MMA that :func:`all_explained` accounts for (kidney function, older age), with no
    current active B12 (holoTC): an active B12 test is the next step, which kidney function does
    not raise. The advice says it and the next tests ask for it, by the same rule
    (status.judgment.advice.explained-functional-next-step). A raised homocysteine alone gets MMA,
    which folate does not raise, from the next tests."""
    codes = {i.code for i in items}
    return all_explained(items) and "mma_raised" in codes and "holotc" not in codes


def explained_and_well(ctx: ev.Context, items: Sequence[EvidenceItem], level: Level) -> bool:
    """A possible functional deficiency that :func:`all_explained` accounts for, without symptoms,
    signs, nitrous oxide, suspected autoimmune gastritis or an untreated earlier low result: no
    hurry (rule status.judgment.advice.explained-functional-next-step)."""
    return (
        level is LEVEL.POSSIBLE_FUNCTIONAL_DEFICIENCY
        and all_explained(items)
        and not ctx.symptoms
        and not ctx.nitrous_oxide
        and not ctx.autoimmune_gastritis_suspected
        and not any(i.kind is KIND.SIGN and i.direction is DIRECTION.SUPPORTS for i in items)
        and not derive.old_support(items)
    )


def explanations(items: Sequence[EvidenceItem]) -> list[str]:
    """The other explanations of a raised MMA or homocysteine present, in words."""
    return [_EXPLANATION[i.code] for i in items if i.code in _EXPLANATION]


def _explanation_advice(
    ctx: ev.Context, items: Sequence[EvidenceItem], level: Level
) -> list[Finding]:
    """A raised functional marker that another explanation could account for; when every one is
    accounted for beside a normal B12, the next step (red team round 16, D9)."""
    explained = explanations(items)
    if level is not LEVEL.POSSIBLE_FUNCTIONAL_DEFICIENCY or not explained:
        return []
    # With strong signs or nerve symptoms treatment does not wait for the explanation to be
    # weighed, nor for the active B12 result: its sample comes first, the same day, as the
    # do-not-delay advice says (BSH 2014; red team round 16b, F3).
    now = not_waiting(ctx, items, level)
    message = (
        f"The raised MMA or homocysteine may have another explanation ({', '.join(explained)})"
        + (
            ", but it never makes the result reassuring, and with these clinical features treatment "
            "does not wait for it to be weighed"
            if now
            else ": a clinician weighs it before treating, and it never makes the result reassuring"
        )
    )
    rules = [jr.RULE_FUNCTIONAL_NOT_REASSURING]
    if holotc_next(items):
        kidney = has_code(items, "kidney_function")
        why = " (kidney function raises MMA and homocysteine, not holoTC)" if kidney else ""
        message += (
            f"; an active B12 (holoTC) test{why} tells whether B12 is low: its sample is taken "
            "the same day, before any B12 is given, and treatment does not wait for its result"
            if now
            else f"; next, an active B12 (holoTC) test{why} tells whether B12 is low, and "
            "treatment is considered if it is" + ("" if ctx.symptoms else " or if symptoms appear")
        )
        rules.append(RULE_EXPLAINED_FUNCTIONAL)
    if now:
        rules.append(jr.RULE_DISCORDANT)
    return [Finding(code="other_explanations", message=message, rules=tuple(rules))]


def _folate_advice(person: Person, level: Level) -> list[Finding]:
    """B12 before folic acid when folate is low."""
    folate = latest_result(person, ANALYTE.FOLATE)
    if (
        folate is not None
        and folate_low(folate.canonical_value)
        and level not in (LEVEL.DEFICIENCY_UNLIKELY, LEVEL.ON_TREATMENT)
    ):
        return [
            Finding(
                code="b12_before_folic_acid",
                message="Folate is low: B12 status "
                "must be checked and any B12 deficiency treated before folic acid is started alone",
                rules=(jr.RULE_FOLATE_B12_FIRST,),
            )
        ]
    return []


def _untreated_functional(person: Person, ctx: ev.Context) -> list[Finding]:
    """Each raised functional marker no B12 treatment followed, against the later first-line
    result (rule status.judgment.rules.untreated-functional-marker)."""
    later = max(
        (lab for a in ev.FIRST_LINE if (lab := latest_result(person, a)) and lab.date),
        key=lambda lab: lab.date or dt.date.min,
        default=None,
    )
    if later is None:
        return []
    return [
        Finding(
            code=f"untreated_{lab.analyte.value}",
            message=f"The raised {_NAMES[lab.analyte]} of {lab.date} ({lab.printed}) was never "
            f"treated, and the later {_NAMES[later.analyte]} alone ({later.printed}, {later.date}) "
            f"cannot show that it has resolved: repeat the {_NAMES[lab.analyte]}, or treat",
            rules=(jr.RULE_UNTREATED_FUNCTIONAL,),
        )
        for lab in ctx.untreated_functional
    ]


_NAMES = {
    ANALYTE.MMA: "MMA",
    ANALYTE.HCY: "homocysteine",
    ANALYTE.B12: "total B12",
    ANALYTE.HOLOTC: "active B12 (holoTC)",
}


def _high_b12(person: Person, ctx: ev.Context, items: Sequence[EvidenceItem]) -> list[Finding]:
    """A high total B12 that no B12 taken explains (rule status.judgment.rules.high-b12-other-causes)."""
    lab = latest_result(person, ANALYTE.B12)
    reassuring = any(
        i.code == "b12" and i.kind is KIND.FIRST_LINE and i.direction is DIRECTION.ARGUES_AGAINST
        for i in items
    )
    if lab is None or not reassuring or ctx.injections or ctx.oral_b12:
        return []  # ">200 pmol/L" could be indeterminate: only a value above every edge is high
    if not ev.above_range(lab) or derive.injected(items):
        return []
    above_assay = (lab.comparator or "").startswith(">")
    where = "above the assay's measuring range" if above_assay else "above the lab's range"
    # A course that ended before the sample is said, not denied: the clinician weighs it.
    stopped = sorted(
        (
            m
            for m in person.medications
            if (is_b12_injection(m) or is_b12_by_mouth(m)) and m.stop_date
        ),
        key=lambda m: m.stop_date or dt.date.min,
    )
    taken = (
        f"with no B12 taken now (the last, {stopped[-1].name}, stopped on {stopped[-1].stop_date})"
        if stopped
        else "without B12 supplements or injections"
    )
    return [
        Finding(
            code="high_b12",
            message=f"Total B12 is high ({lab.printed}, {where}) {taken}: other conditions, such "
            "as liver disease or a myeloproliferative disorder, can raise it; a clinician "
            "considers them",
            rules=(jr.RULE_HIGH_B12,),
        )
    ]


def moved_on(person: Person, assessed_on: dt.date) -> bool:
    """Whether results dated after the person's own assessment date moved it on to theirs."""
    return person.assessed_on is not None and person.assessed_on < assessed_on


NOT_YET_READ = (
    "dated after the assessment date: it cannot have been taken yet, so it is not read; check "
    "the dates"
)


def later_results(
    person: Person, assessed_on: dt.date, not_yet: Sequence[LabEntry] = ()
) -> list[Finding]:
    """Results dated after the person's own assessment date, up to today: read, and the assessment
    moves to their date; results dated after the assessment date (``not_yet``, after today):
    not read, since they cannot have been taken yet (red team round 16, D3). Both said (rule
    status.judgment.rules.results-after-assessment-date)."""
    parts = []
    given = person.assessed_on
    if given is not None and moved_on(person, assessed_on):
        dates = sorted({str(lab.date) for lab in person.labs if lab.date and lab.date > given})
        parts.append(
            f"Results dated after the assessment date {given} ({', '.join(dates)}) are read, so "
            f"this assessment is as of {assessed_on}"
        )
    if later := sorted({str(lab.date) for lab in not_yet if lab.date}):
        one = len(not_yet) == 1
        parts.append(
            f"{'A result' if one else 'Results'} dated after the assessment date {assessed_on} "
            f"({', '.join(later)}) cannot have been taken yet: {'it is' if one else 'they are'} "
            "not read, and the results up to that date are read instead"
        )
    if not parts:
        return []
    message = "; ".join(parts) + "; check the dates"
    return [Finding(code="later_results", message=message, rules=(jr.RULE_AS_OF,))]


def earlier_support(person: Person, ctx: ev.Context) -> bool:
    """Any current result that pointed to a deficiency."""
    return any(
        is_current(lab.date, ctx.assessed_on) and ev.points_to_deficiency(lab, person.age)
        for lab in person.lab_results
    )


def dietary_course_ended(
    person: Person, ctx: ev.Context, items: Sequence[EvidenceItem]
) -> Medication | None:
    """A finished course of B12 by mouth at the dose for a dietary cause, stopped before the latest
    first-line result, with no B12 injection ever listed, no symptom, no anaemia or macrocytosis and
    a diet that is not plant-based (rule status.judgment.advice.dietary-course-ended); None
    otherwise. Read only beside an earlier low result (:func:`ev.earlier_low`)."""
    if (
        ctx.symptoms
        or plant_based(person.diet)
        or any(is_b12_injection(m) for m in person.medications)
        or any(i.code in ("anaemia", "macrocytosis") for i in items)
    ):
        return None
    latest = max(
        (lab.date for a in ev.FIRST_LINE if (lab := latest_result(person, a)) and lab.date),
        default=None,
    )
    return next(
        (
            m
            for m in person.medications
            if is_b12_by_mouth(m)
            and m.stop_date is not None
            and latest is not None
            and m.stop_date < latest
            and (ug := dose_ug(m.dose or m.name)) is not None
            and ug <= tx.ORAL_DIETARY_HIGH_UG_DAY
        ),
        None,
    )
