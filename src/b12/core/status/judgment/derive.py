"""From evidence to judgment: the level, confidence, urgency, next tests and advice.

Level (DECISIONS.md "One judgment"):
1. Treatment recorded (injections current, or B12 started after a low result): ``on_treatment``.
2. No first-line, functional or combined result: ``cannot_judge`` (``indeterminate`` when the only
   results are ones a caveat makes unreliable).
3. Strong support (a usable first-line result below NG239's lower edge, cB12 possibly or probably
   deficient, MMA > 0.75 µmol/L), not contradicted by a usable reassuring first-line result:
   ``deficiency_likely``.
4. A raised functional marker (or cB12 low): ``possible_functional_deficiency`` — never lower, even
   when kidney function, folate or age could explain it (they lower the confidence).
5. An indeterminate or discordant first-line result, a normal result that a caveat makes
   unreliable, or a normal result against strong clinical signs (BSH 2014): ``indeterminate``.
6. Otherwise a reassuring result: ``deficiency_unlikely``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from b12.core.findings import Finding
from b12.core.person import LabResult, Medication, Person, latest_result
from b12.core.plan import treatment as tx
from b12.core.rules import Evidence, register
from b12.core.screening import rules as screening_rules
from b12.core.screening.medications import dose_ug, is_b12_injection, written_not_taken
from b12.core.screening.surgery import irreversible_cause
from b12.core.sources import BNF_B12, NICE_NG239, SPS_B12_PREGNANCY
from b12.core.status import confounders, nice_ng239
from b12.core.status.cb12 import Cb12Result
from b12.core.status.judgment import evidence as ev
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.model import (
    DIRECTION,
    KIND,
    LEVEL,
    EvidenceItem,
    Level,
    has_code,
)
from b12.core.status.judgment.response import (
    RULE_RESPONSE_TESTS,
    before_treatment,
    months_between,
)
from b12.core.status.result_age import CURRENT_RESULT_MONTHS, RULE_CURRENT_RESULT, is_current
from b12.units import ANALYTE

RULE_FIRST_LINE = register(
    "nice-ng239.first-line-test",
    "The initial test for suspected deficiency is total or active B12",
    NICE_NG239,
    Evidence.VERIFIED,
)
RULE_ORAL_AFTER_INDETERMINATE = register(
    "status.judgment.derive.oral-treatment-after-indeterminate",
    "B12 by mouth at a treatment dose (50 µg a day or more) started after an indeterminate total "
    "or active B12 is treatment: the level is on_treatment and its response is judged (review 3 "
    "months after starting, 1 month in pregnancy or breastfeeding); a lower dose stays a supplement",
    BNF_B12,
    Evidence.VERIFIED,
    {"ORAL_DIETARY_LOW_UG_DAY": tx.ORAL_DIETARY_LOW_UG_DAY},
    note="BNF via the NHS Scotland East Region formulary: 'cyanocobalamin tablets can be used in "
    "doses of 50-150 micrograms daily for vegans or patients who have proven dietary deficiency' "
    "(the lowest treatment dose); NICE NG239: 'at least 1 mg a day' for malabsorption. SPS on "
    "NG239: 'new, worsening or insufficiently improved symptoms: escalate dose or switch to IM'; "
    "DECISIONS.md: 'Once treatment has started ... the level is on_treatment'.",
)
RULE_PREGNANCY_WITH_SIGNS = register(
    "status.judgment.derive.pregnancy-low-b12-with-signs",
    "In pregnancy a low total B12 beside macrocytosis or glossitis is read as low: the fall of "
    "pregnancy does not make red cells large, and treatment is not withheld",
    SPS_B12_PREGNANCY,
    Evidence.VERIFIED,
)
STRONG = frozenset({"cb12_possibly_deficient", "cb12_probably_deficient", "mma_highly_suggestive"})
# Signs that outweigh a normal, unconfounded B12 (BSH 2014 discordance). Nerve symptoms alone do
# not: DECISIONS.md makes them urgent only with a status that is not clearly normal.
STRONG_SIGNS = frozenset({"macrocytosis", "glossitis"})
# Under 16 (the age-scope caveat is there) a B12 inside the lab's range does not settle a baby's
# or young child's developmental signs, low tone or feeding difficulties (rule
# status.judgment.rules.child-signs-outweigh-range; infant case series). An older child's
# tingling is read as an adult's: against the range.
RECENT_INJECTION = "recent_injection"
CHILD_STRONG_SIGNS = frozenset({"infant_neurological", "infant_feeding"})
_CHILD_AND_STRONG_SIGNS = STRONG_SIGNS | CHILD_STRONG_SIGNS
MARKER_KINDS = frozenset({KIND.FIRST_LINE, KIND.COMBINED, KIND.FUNCTIONAL})


def _caveats(
    person: Person, ctx: ev.Context, caveats: list[Finding], mma: LabResult | None
) -> list[Finding]:
    # Supplement and biotin caveats count only for medicines taken now; injections get their own.
    dropped = {"recent_supplement", "biotin"}
    if ctx.injections:
        dropped.add("pernicious_anaemia_assay")  # serum B12 is not read at all on injections
        # Nor is holoTC: pregnancy's caveat ("active B12 is the preferred test") would ask for a
        # test the injections make unusable (red team round 17b, 02).
        dropped.add("pregnancy")
    if (b12 := latest_result(person, ANALYTE.B12)) is not None and ev.above_range(b12):
        dropped.add("pregnancy")  # pregnancy lowers total B12: it says nothing of a high one
    if b12 is not None and nice_ng239.censored_below_normal(b12):
        # "<148" is no normal result: the caveat on a falsely normal B12 does not apply to it.
        dropped.add("pernicious_anaemia_assay")
    found = [c for c in caveats if c.code not in dropped]
    if ctx.injections:
        found.append(
            Finding(
                code="on_injections",
                message="B12 injections are recorded without a stop date: serum B12 and holoTC "
                "are not usable; the response is judged from symptoms, blood count and MMA or "
                "homocysteine",
                rules=(jr.RULE_ON_IM_SERUM_UNUSABLE,),
            )
        )
    elif ctx.oral_b12 or any(confounders.RULE_SUPPLEMENT_STOPPED in c.rules for c in caveats):
        # A supplement stopped within weeks before the sample counts too (red team round 17b, 03).
        # With symptoms, a normal B12 on a supplement is not reassuring: the supplement raises
        # serum B12 first and can hide a deficiency (Wolffenbuttel 2020).
        code = "recent_supplement_with_symptoms" if ctx.symptoms else "recent_supplement"
        found.extend(
            c.model_copy(update={"code": code}) for c in caveats if c.code == "recent_supplement"
        )
    if ctx.biotin:
        # As with a supplement: with symptoms a normal B12 under biotin is not reassuring.
        code = "biotin_with_symptoms" if ctx.symptoms else "biotin"
        found.extend(c.model_copy(update={"code": code}) for c in caveats if c.code == "biotin")
    if not ctx.injections and _recent_injection(person, ctx):
        found.append(_recent_injection_caveat(person, ctx.assessed_on))
    if (
        mma is not None
        and ev.raised(mma)
        and jr.OLDER_MMA_REFERENCE.label_of(mma.canonical_value, {"age": person.age})
        == jr.WITHIN_OLDER_REFERENCE
    ):
        found.append(
            Finding(
                code="older_age_mma",
                message="From 65 years an MMA up to 0.46 µmol/L is within the age-specific "
                "reference interval: older age may explain a mildly raised MMA",
                rules=(jr.RULE_AGE_MMA,),
            )
        )
    return found


def _recent_injection(person: Person, ctx: ev.Context) -> bool:
    return recent_injection(person, ctx.assessed_on)


def _recent_injection_caveat(person: Person, day: dt.date) -> Finding:
    when = (
        "A B12 injection was given in the 3 months before the sample"
        if _dated_recent_injection(person, _sample_day(person, day))
        # Red team round 14b, finding 16: stopped on a day not given, it may be days old.
        else "B12 injections are recorded as stopped but the stop date is not given, so the last "
        "one may have been within 3 months of the sample"
    )
    return Finding(
        code=RECENT_INJECTION,
        message=f"{when}: serum B12 and holoTC stay high for months after one, so a normal "
        "result does not reassure",
        rules=(jr.RULE_RECENT_INJECTION,),
    )


def _sample_day(person: Person, day: dt.date) -> dt.date:
    return max(
        (lab.date for a in ev.FIRST_LINE if (lab := latest_result(person, a)) and lab.date),
        default=day,
    )


# A name that says the medicine was never given ("hydroxocobalamin, declined"): no injection then.
_NEVER_GIVEN = re.compile(r"\b(?:never|declined|refused|not (?:started|taken))\b", re.I)


def _stopped_undated(med: Medication, sample: dt.date) -> bool:
    """An injection stopped on a day not given (a FHIR statement stopped without an end date, or
    a name written as stopped), started by the sample (or start not given): the last injection
    may have been any day up to the sample, so it is read as possibly within 3 months."""
    if med.stop_date is not None or (med.start_date is not None and med.start_date > sample):
        return False
    if _NEVER_GIVEN.search(med.name):
        return False
    return med.stopped or written_not_taken(med.name)


def recent_injection(person: Person, day: dt.date) -> bool:
    """A B12 injection within one maintenance interval before the first-line sample (``day``
    when there is none), or one stopped on a day not given (it may have been that recent)."""
    sample = _sample_day(person, day)
    if _dated_recent_injection(person, sample):
        return True
    return any(is_b12_injection(m) and _stopped_undated(m, sample) for m in person.medications)


def _dated_recent_injection(person: Person, sample: dt.date) -> bool:
    for med in person.medications:
        if not is_b12_injection(med) or (med.start_date is None and med.stop_date is None):
            continue
        if med.stop_date is None and (med.stopped or written_not_taken(med.name)):
            continue  # no day to count from: _stopped_undated reads it
        if med.taken_on(sample):
            return True  # the sample was taken during the course
        last = med.stop_date or med.start_date
        if (
            last is not None
            and last <= sample
            and jr.RECENT_INJECTION_BANDS.label_canonical(months_between(last, sample)) == jr.RECENT
        ):
            return True
    return False


def gather(
    person: Person,
    ctx: ev.Context,
    cb12: Cb12Result,
    cb12_date: dt.date | None,
    caveats: list[Finding],
) -> list[EvidenceItem]:
    """Every evidence item for this person, markers first."""
    start = _treatment_start(person, ctx)
    # On treatment the history explains the start; without it, only recent results are current.
    treated = start is not None or bool(ctx.injections)

    def current(day: dt.date | None) -> bool:
        return treated or is_current(day, ctx.assessed_on)

    items = _first_line_items(person, ctx, start, current)
    if start is not None:
        items += _before_treatment(person, start)
    if current(cb12_date) and (combined := ev.combined(cb12, cb12_date)) is not None:
        items.append(combined)
    items += _functional_items(person, ctx, current)
    items += _sign_items(ev.blood_signs(person), start, current)
    items += ev.symptom_signs(ctx, screening_rules.RULE_SYMPTOMS)
    items += ev.antibodies(person)
    if start is not None or ctx.injections:
        items.append(_treatment_item(person, ctx, start))
    found = _caveat_evidence(person, ctx, caveats, items)
    if start is not None and not ctx.injections:
        found = [_as_treatment(c) if c.code.startswith("recent_supplement") else c for c in found]
    if has_code(found, RECENT_INJECTION):
        items = [_low_on_injections(i) if _low_first_line(i) else i for i in items]
    if low_on_injections(items):
        # The low result is read (rule status.judgment.rules.low-b12-despite-injections): the
        # caveat says which serum B12 it sets aside, not "not usable" beside it (red team round
        # 15, finding 19a).
        found = [_low_read_on_injections(c) if c.code == "on_injections" else c for c in found]
    return items + found


def _as_treatment(caveat: EvidenceItem) -> EvidenceItem:
    """The supplement caveat where B12 by mouth is the treatment: total and active B12 rising first
    is how they show the response to the tablets (red team round 16, D1 and D4), not only a
    mask."""
    return caveat.model_copy(
        update={
            "message": "B12 by mouth is the treatment: total and active B12 rise first on it, so "
            "they show the response to the tablets; MMA or homocysteine shows whether B12 reaches "
            "the cells when the response is in doubt",
            "rules": (*caveat.rules, RULE_RESPONSE_TESTS),
        }
    )


def low_on_injections(items: Sequence[EvidenceItem]) -> bool:
    """A total or active B12 in NG239's deficiency band read as low during or soon after B12
    injections (rule status.judgment.rules.low-b12-despite-injections)."""
    return any(
        i.kind is KIND.FIRST_LINE and jr.RULE_LOW_DESPITE_INJECTIONS in i.rules for i in items
    )


def _low_read_on_injections(caveat: EvidenceItem) -> EvidenceItem:
    return caveat.model_copy(
        update={
            "message": "B12 injections are recorded without a stop date: a serum B12 or holoTC "
            "above NG239's deficiency band says nothing on them (injections raise it), but this "
            "one is in the band, which injections cannot cause, so it is read as low; the "
            "response is otherwise judged from symptoms, blood count and MMA or homocysteine",
            "rules": (*caveat.rules, jr.RULE_LOW_DESPITE_INJECTIONS),
        }
    )


_Current = Callable[[dt.date | None], bool]


def _functional_items(person: Person, ctx: ev.Context, current: _Current) -> list[EvidenceItem]:
    items = []
    for analyte in (ANALYTE.MMA, ANALYTE.HCY):
        lab = latest_result(person, analyte)
        if lab is not None and (item := ev.functional_at(lab, person.age)) is not None:
            if (course := _course_since(person, lab, ctx.assessed_on)) is not None:
                items.append(_before_course(item, course))
            else:
                items.append(item if current(lab.date) else _not_current(item))
    return items


def _sign_items(
    signs: list[EvidenceItem], start: dt.date | None, current: _Current
) -> list[EvidenceItem]:
    items = []
    for sign in signs:
        if before_treatment(sign.date, start):
            items.append(_history_before_treatment(sign))
        else:
            items.append(sign if current(sign.date) else _not_current(sign))
    return items


def _caveat_evidence(
    person: Person, ctx: ev.Context, caveats: list[Finding], items: list[EvidenceItem]
) -> list[EvidenceItem]:
    found = ev.caveat_items(_caveats(person, ctx, caveats, latest_result(person, ANALYTE.MMA)))
    if strong_signs(items):
        found = [_read_with_signs(c) if c.code == "pregnancy" else c for c in found]
    return found


LOW_DESPITE_INJECTION_READ = (
    "read: injections can only raise serum B12 and holoTC, so a result in NG239's deficiency "
    "band is low"
)


def low_despite_injection(lab: LabResult, age: float) -> bool:
    """A total or active B12 in NG239's deficiency band: readable during or soon after
    injections, which can only raise it (rule status.judgment.rules.low-b12-despite-injections)."""
    item = ev.first_line_at(lab, age)
    return item is not None and item.direction is DIRECTION.SUPPORTS


def _low_on_injections(item: EvidenceItem) -> EvidenceItem:
    """A low total or active B12 during or within 3 months of B12 injections: they cannot lower
    it, so it is read as low (they were not given, or do not suffice)."""
    return item.model_copy(
        update={
            "message": f"{item.message}; read as low during or soon after B12 injections, which "
            "can only raise it",
            "rules": (*item.rules, jr.RULE_LOW_DESPITE_INJECTIONS),
        }
    )


def _low_first_line(item: EvidenceItem) -> bool:
    return item.kind is KIND.FIRST_LINE and item.direction is DIRECTION.SUPPORTS


def _first_line_items(
    person: Person,
    ctx: ev.Context,
    start: dt.date | None,
    current: _Current,
) -> list[EvidenceItem]:
    """The latest total and active B12 since treatment started, as read now."""
    items = []
    for analyte in ev.FIRST_LINE:
        lab = latest_result(person, analyte)
        if lab is None or (item := ev.first_line_at(lab, person.age)) is None:
            continue
        if before_treatment(lab.date, start):
            continue  # the result before treatment is history (below), not current status
        if ctx.injections and not low_despite_injection(lab, person.age):
            continue  # injections raise serum B12 and holoTC: listed as not usable, not read
        if ctx.injections:
            items.append(_low_on_injections(item))
            continue
        item = _with_same_day(person, lab, item)
        items.append(item if current(lab.date) else _not_current(item))
    return items


def _read_with_signs(caveat: EvidenceItem) -> EvidenceItem:
    """The pregnancy caveat beside strong signs: it lowers the confidence only (SPS: treatment
    "should not be withheld for pregnant women who present with ... megaloblastic anaemia")."""
    return caveat.model_copy(
        update={
            "affects": (),
            "message": f"{caveat.message}; beside macrocytosis or glossitis a low total B12 is "
            "read as low",
            "rules": (*caveat.rules, RULE_PREGNANCY_WITH_SIGNS),
        }
    )


def _as_history(item: EvidenceItem, suffix: str, message: str, *rules: str) -> EvidenceItem:
    """A result that no longer shows today's state: history, with its code marked by ``suffix``.
    One that pointed to a deficiency keeps pointing there until a repeat shows otherwise."""
    return item.model_copy(
        update={
            "code": f"{item.code}_{suffix}",
            "kind": KIND.HISTORY,
            "direction": DIRECTION.SUPPORTS
            if item.direction is DIRECTION.SUPPORTS
            else DIRECTION.INCONCLUSIVE,
            "message": message,
            "rules": (*item.rules, *rules),
        }
    )


def _not_current(item: EvidenceItem) -> EvidenceItem:
    """A result too old to describe current status: history with its date, never silently left
    (nothing since has treated it)."""
    return _as_history(
        item,
        "not_current",
        f"Not current, more than {CURRENT_RESULT_MONTHS:g} months before the assessment date; "
        f"it read then: {item.message}. Test again before acting on it",
        RULE_CURRENT_RESULT,
    )


def _before_treatment(person: Person, start: dt.date) -> list[EvidenceItem]:
    """The last first-line result before treatment started, as history (it explains the start)."""
    out = []
    for analyte in ev.FIRST_LINE:
        before = [lab for lab in person.history(analyte) if before_treatment(lab.date, start)]
        if before and (item := ev.first_line(before[-1])) is not None:
            out.append(_history_before_treatment(item))
    return out


def _with_same_day(person: Person, lab: LabResult, item: EvidenceItem) -> EvidenceItem:
    """The first-line reading, unless another result of the same day reads differently: two
    samples that disagree settle nothing until the test is repeated."""
    if lab.date is None:
        return item  # an undated result has no "same day"
    others = [
        other
        for other in person.lab_results
        if other.analyte is lab.analyte and other is not lab and other.date == lab.date
    ]
    if not others:
        return item  # the common case: one result that day
    disagree = [
        o
        for o in others
        if (r := ev.first_line_at(o, person.age)) and r.direction != item.direction
    ]
    if not disagree:
        return item
    printed = ", ".join(o.printed for o in (lab, *disagree))
    return item.model_copy(
        update={
            "direction": DIRECTION.INCONCLUSIVE,
            "message": f"Results of the same day disagree ({printed}): {item.message}; repeat the "
            "test",
        }
    )


def _course_since(person: Person, lab: LabResult, day: dt.date) -> Medication | None:
    """A finished course that began after this MMA or homocysteine sample: B12, or for
    homocysteine folic acid too. The result then shows the state before it, not today's."""
    for med in person.medications:
        began = med.start_date is not None and lab.date is not None and med.start_date > lab.date
        if began and ev.treats(med, lab.analyte) and not med.taken_on(day):
            return med
    return None


def _before_course(item: EvidenceItem, course: Medication) -> EvidenceItem:
    """A functional result a finished course followed: history, repeated to see today's state
    (raised then: today's state is unsettled until the repeat shows it)."""
    return _as_history(
        item,
        "before_course",
        f"Before a course of {course.name} ({course.start_date} to {course.stop_date}): "
        f"{item.message}. Repeat it to see today's state",
    )


def _history_before_treatment(item: EvidenceItem) -> EvidenceItem:
    """A result from before treatment began: it explains the start, not the state now."""
    return item.model_copy(
        update={
            "code": f"{item.code}_before_treatment",
            "kind": KIND.HISTORY,
            "direction": DIRECTION.INCONCLUSIVE,
            "message": f"Before treatment: {item.message}",
        }
    )


def _treatment_start(person: Person, ctx: ev.Context) -> dt.date | None:
    """When the current treatment started: injections, or oral B12 started after a low result or
    taken for a lifelong cause (pernicious anaemia, an operation): there it is the treatment,
    never a supplement that merely masks the status (DECISIONS.md: once treatment has started the
    level is on_treatment, and the plan never offers less)."""
    if ctx.injections:
        return ev.first_start(ctx.injections)
    lifelong = irreversible_cause(person) is not None
    for med in ctx.oral_b12:
        if med.start_date and (
            lifelong
            or _low_before(person, med.start_date)
            or _treatment_dose_after_unsettled(person, med, med.start_date)
        ):
            return med.start_date
    return None


def _low_before(person: Person, day: dt.date) -> bool:
    return any(
        lab.date and lab.date < day and ev.points_to_deficiency(lab) for lab in person.lab_results
    )


def _treatment_dose_after_unsettled(person: Person, med: Medication, day: dt.date) -> bool:
    """Oral B12 at a treatment dose (the BNF's lowest, 50 µg a day, or more) started after a
    total or active B12 NG239 calls indeterminate: it treats that result, so its response is
    judged (rule status.judgment.derive.oral-treatment-after-indeterminate; red team round 16,
    D1). A lower dose, a multivitamin's, stays a supplement that can mask the status."""
    micrograms = dose_ug(med.dose or med.name)
    if micrograms is None or micrograms < tx.ORAL_DIETARY_LOW_UG_DAY:
        return False
    return any(
        lab.date
        and lab.date < day
        and (item := ev.first_line_at(lab, person.age)) is not None
        and item.direction is DIRECTION.INCONCLUSIVE
        for lab in person.lab_results
    )


def _treatment_item(person: Person, ctx: ev.Context, start: dt.date | None) -> EvidenceItem:
    meds = ctx.injections or ctx.oral_b12
    what = ", ".join(f"{m.name}{f' {m.dose}' if m.dose else ''}" for m in meds)
    after_indeterminate = (
        not ctx.injections
        and start is not None
        and irreversible_cause(person) is None
        and not _low_before(person, start)
    )
    return EvidenceItem(
        code="on_treatment",
        kind=KIND.HISTORY,
        direction=DIRECTION.INCONCLUSIVE,
        message=f"B12 treatment recorded: {what} (since {start or 'an unknown date'})"
        + ("; started after an indeterminate result" if after_indeterminate else ""),
        rules=(
            jr.RULE_RESPONSE,
            *((RULE_ORAL_AFTER_INDETERMINATE,) if after_indeterminate else ()),
        ),
        date=start,
    )


# The side of a first-line reading that a caveat can make unreliable.
_MASKED_SIDE = {
    DIRECTION.SUPPORTS: "low",
    DIRECTION.ARGUES_AGAINST: "normal",
    DIRECTION.INCONCLUSIVE: "normal",
}


def _usable(items: Sequence[EvidenceItem]) -> list[EvidenceItem]:
    """Marker items a caveat does not make unreliable in their direction."""
    caveats = [i for i in items if i.direction is DIRECTION.MAKES_UNRELIABLE]
    usable = []
    for item in items:
        if item.kind not in MARKER_KINDS:
            continue
        if item.kind is KIND.FUNCTIONAL:
            usable.append(item)  # explanations lower the confidence, never the reading
        elif item.kind is KIND.COMBINED:
            if not (
                item.direction is not DIRECTION.SUPPORTS and ev.masks(caveats, "b12", "normal")
            ):
                usable.append(item)
        elif not ev.masks(caveats, item.code.split("_")[0], _MASKED_SIDE[item.direction]):
            usable.append(item)
    return usable


def injected(items: Sequence[EvidenceItem]) -> bool:
    """A B12 injection in the 3 months before the sample: serum B12 and holoTC say nothing."""
    return has_code(items, RECENT_INJECTION)


def level_of(items: Sequence[EvidenceItem]) -> Level:
    """The level derived from the evidence items (see the module docstring)."""
    if has_code(items, "on_treatment"):
        return LEVEL.ON_TREATMENT
    usable = _usable(items)
    if not usable:
        # A result that a caveat makes unreliable is still a result: it is not settled. After an
        # injection serum B12 says nothing at all (DECISIONS.md): there is nothing to read.
        measured = any(i.kind in MARKER_KINDS for i in items)
        return LEVEL.INDETERMINATE if measured and not injected(items) else LEVEL.CANNOT_JUDGE
    supports = [i for i in usable if i.direction is DIRECTION.SUPPORTS]
    first_line_against = [
        i for i in usable if i.direction is DIRECTION.ARGUES_AGAINST and i.kind is KIND.FIRST_LINE
    ]
    first_line_low = [i for i in supports if i.kind is KIND.FIRST_LINE]
    # Total and active B12 on opposite sides of NG239's bands are discordant (BSH 2014).
    discordant = bool(first_line_low and first_line_against)
    if any(i.code in STRONG for i in supports) or (first_line_low and not discordant):
        return LEVEL.DEFICIENCY_LIKELY
    if any(i.kind is not KIND.FIRST_LINE for i in supports):
        return LEVEL.POSSIBLE_FUNCTIONAL_DEFICIENCY
    functional_normal = any(
        i.kind in (KIND.FUNCTIONAL, KIND.COMBINED) and i.direction is DIRECTION.ARGUES_AGAINST
        for i in usable
    )
    inconclusive = any(i.direction is DIRECTION.INCONCLUSIVE for i in usable)
    # NG239: MMA settles an indeterminate first-line result; a normal MMA (or cB12) argues against.
    if discordant or (inconclusive and not functional_normal):
        return LEVEL.INDETERMINATE
    masked = any(i.kind is KIND.FIRST_LINE for i in items) and not any(
        i.kind is KIND.FIRST_LINE for i in usable
    )
    if (masked or strong_signs(items)) and not functional_normal:
        return LEVEL.INDETERMINATE
    if old_support(items):
        return LEVEL.INDETERMINATE  # an untreated earlier sign of deficiency is not undone
    return LEVEL.DEFICIENCY_UNLIKELY


def sample_still_to_take(
    person: Person, items: Sequence[EvidenceItem], level: Level, assessed_on: dt.date
) -> bool:
    """No current B12, holoTC, MMA or homocysteine result and no injection that already set serum
    B12 aside: the blood sample is still to be taken, and taken before any B12 is given (rule
    status.judgment.rules.neurological-sample-first; red team round 15, finding 32)."""
    return (
        level is LEVEL.CANNOT_JUDGE
        and not injected(items)
        and not any(i.kind in MARKER_KINDS for i in items)
        and not any(
            (lab := latest_result(person, a)) is not None and is_current(lab.date, assessed_on)
            for a in (*ev.FIRST_LINE, *ev.FUNCTIONAL)
        )
    )


def no_result_text(person: Person) -> str:
    """How the nerve item names a missing result: 'no current B12 result' beside an older one
    that is no longer current, else 'no B12 result yet' (red team round 15b, finding 40)."""
    earlier = any(latest_result(person, a) is not None for a in (*ev.FIRST_LINE, *ev.FUNCTIONAL))
    return "no current B12 result" if earlier else "no B12 result yet"


def old_support(items: Sequence[EvidenceItem]) -> bool:
    """An earlier, no longer current result that pointed to a deficiency (:func:`_not_current`)."""
    return any(
        i.code.endswith(("_not_current", "_before_course")) and i.direction is DIRECTION.SUPPORTS
        for i in items
    )


def strong_signs(items: Sequence[EvidenceItem]) -> set[str]:
    """Signs that outweigh a normal B12: macrocytosis and glossitis (:data:`STRONG_SIGNS`), and a
    child's (:data:`CHILD_STRONG_SIGNS`)."""
    strong = _CHILD_AND_STRONG_SIGNS if child_scope(items) else STRONG_SIGNS
    return {i.code for i in items if i.kind is KIND.SIGN and i.code in strong}


def child_signs_unsettled(items: Sequence[EvidenceItem], level: Level) -> bool:
    """A child's signs that a B12 inside the lab's range leaves unsettled (rule
    status.judgment.rules.child-signs-outweigh-range)."""
    unsettled = level in (LEVEL.INDETERMINATE, LEVEL.CANNOT_JUDGE)
    return unsettled and child_scope(items) and bool(strong_signs(items))


def child_result_unread(person: Person, items: Sequence[EvidenceItem], level: Level) -> bool:
    """Under 16 with a result b12 did not read (no lab range beside it: NG239's adult bands do not
    apply, nor under 6 months the adult MMA and homocysteine cut-offs) that adult bands would call
    low or borderline (B12) or raised or unsettled (MMA, homocysteine): not left at routine."""
    if not nice_ng239.below_scope_age(person.age) or level not in (
        LEVEL.CANNOT_JUDGE,
        LEVEL.INDETERMINATE,
    ):
        return False
    adult: list[EvidenceItem | None] = []
    if not any(i.kind is KIND.FIRST_LINE for i in items):
        adult += [ev.first_line(lab) for a in ev.FIRST_LINE if (lab := latest_result(person, a))]
    adult += [ev.functional(lab) for lab in functional_unread(person)]
    return any(
        item is not None and item.direction is not DIRECTION.ARGUES_AGAINST for item in adult
    )


def functional_unread(person: Person) -> list[LabResult]:
    """The latest MMA and homocysteine that b12 does not read at this age
    (:func:`b12.core.status.judgment.evidence.functional_readable_at`)."""
    return [
        lab
        for a in ev.FUNCTIONAL
        if (lab := latest_result(person, a)) and not ev.functional_readable_at(lab, person.age)
    ]


def child_scope(items: Sequence[EvidenceItem]) -> bool:
    """Under NG239's age scope: the judgment carries the age-scope caveat."""
    return has_code(items, "age_scope")
