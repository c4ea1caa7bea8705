"""Response to B12 treatment: judged from symptoms, haemoglobin and MCV and from MMA and
homocysteine; on injections never from serum B12 or holoTC, which they raise whatever the state
(DECISIONS.md; BNSSG: re-testing serum B12 on established replacement is "unnecessary and
uninformative"); on B12 by mouth serum B12 shows the response too ("Oral B12 therapy, to check for
effect", Right Decision Service). Review is due 3 months after starting, 1 month in pregnancy or
breastfeeding (NG239 via NASGP). The next tests judge a response not yet judged (rule
status.judgment.response.tests-on-treatment).

Symptoms: nerve or memory symptoms recorded as new since treatment began mean it has not
prevented them (BNF: the neurological regimen; SPS on NICE's visual summary: "new, worsening or not
sufficiently improved" symptoms need more frequent injections); symptoms recorded as resolved are a
response. A raised MMA below its pre-treatment value with an eGFR under 60 is not read either way:
reduced kidney function alone keeps MMA raised (DECISIONS.md: eGFR is named as an explanation).

Trend: a marker is read against its last value before treatment (rule
status.judgment.rules.response-trend): still outside its limit but at most half as far beyond it
is better, not yet normal (on tablets total and active B12 against NG239's "deficiency unlikely"
edge); without an earlier value an abnormal blood count is no sign of "not better". Serum B12 on
injections: only a result in NG239's deficiency band is read, as no response, since injections can
only raise it (rule status.judgment.rules.low-b12-despite-injections). On tablets a fall into that
band is no response even before the review (rule status.judgment.response.lower-on-tablets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from b12.core.bands import Bands
from b12.core.dates import add_months, calendar_months
from b12.core.history import Course
from b12.core.kidney_blood import blood_count
from b12.core.person import LabResult, Person, latest_result
from b12.core.rules import Evidence, register
from b12.core.screening.rules import DAYS_PER_MONTH
from b12.core.screening.screen import nerve_symptoms_new_since
from b12.core.sources import SPS_NG239_ONGOING, WOLFFENBUTTEL_2020, Source
from b12.core.status import epidemiology, nice_ng239
from b12.core.status.confounders import egfr_reduced
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.evidence import FIRST_LINE, first_line_at, raised
from b12.core.status.judgment.model import DIRECTION, RESPONSE, Response
from b12.units import ANALYTE, Analyte, find_unit

RESPONSE_MARKERS = (ANALYTE.MMA, ANALYTE.HCY, ANALYTE.HEMOGLOBIN, ANALYTE.MCV)
# Cited here only: serum B12 checks the effect of tablets (not of injections).
RIGHT_DECISION_B12 = Source(
    "right-decision-scotland-b12",
    "Healthcare Improvement Scotland, Right Decision Service: Diagnostic Atlas of Variation "
    "education toolkit, vitamin B12 ('When to test: ... Oral B12 therapy, to check for effect, "
    "does not require longer term monitoring')",
    "https://finder.rightdecision.scot.nhs.uk/diagnostic-atlas-of-variation-education-toolkit/"
    "vitamin-b12/",
)
RULE_RESPONSE_TESTS = register(
    "status.judgment.response.tests-on-treatment",
    "On treatment the next tests judge a response not yet judged: on B12 by mouth total or active "
    "B12 checks the effect, and nothing once the response looks good (only a marker not yet "
    "normal is repeated); on injections the blood count when none since the start, with MMA or "
    "homocysteine only when symptoms, a blood count or no response leave it open",
    RIGHT_DECISION_B12,
    Evidence.SECONDARY,
    note="Right Decision Service (Scotland): test B12 on 'Oral B12 therapy, to check for effect', "
    "which 'does not require longer term monitoring'. BNSSG: serum B12 re-tests on established "
    "injections are 'unnecessary and uninformative'; evidence.md 5.1 [P]: on injections 'Monitor "
    "response with FBC'. NHS Lothian: 'Repeat FBC and reticulocyte count at 8 weeks'. DECISIONS.md: "
    "on injections the response is judged from symptoms, Hb/MCV and MMA/homocysteine, never serum "
    "B12. Red team round 16, D4.",
)


RULE_LOWER_ON_TABLETS = register(
    "status.judgment.response.lower-on-tablets",
    "On B12 by mouth a total or active B12 in NG239's deficiency band and lower than before "
    "treatment is no response even before the review time: supplementation raises serum B12 first",
    WOLFFENBUTTEL_2020,
    Evidence.SECONDARY,
    note="Wolffenbuttel 2020 (rule confounder.recent-supplement): serum B12 rises first after "
    "supplementation. A fall into the deficiency band on tablets is read as no response (doses not "
    "taken, or not absorbed), b12's reading of that fact; red team round 16, D1 (variant 03f).",
)


# Serum B12 on tablets: a change within week-to-week biological variation is no response; a rise
# beyond it out of NG239's deficiency band, or with the symptoms resolved, is no failure (red team
# round 16b, F2).
SERUM_B12_BIOLOGICAL_VARIATION_FRACTION = 0.07  # evidence.md §2.7 [P]: week to week "<=7%"
VEGANHEALTH_SERUM_B12 = Source(
    "veganhealth-serum-b12",
    "Norris J. VeganHealth.org, Serum B12 levels ('week-to-week biological variation of serum "
    "B12 is <=7% under stable conditions', as recorded in b12's evidence.md, secondary)",
    "https://veganhealth.org/serum-b12-levels/",
)
RULE_SERUM_RISE_ON_TABLETS = register(
    "status.judgment.response.serum-b12-rise-on-tablets",
    "On B12 by mouth a total B12 still short of NG239's 'deficiency unlikely' edge: a change of "
    "at most 7% from the result before treatment is within week-to-week biological variation and "
    "never a response; a rise beyond it that leaves NG239's deficiency band, or comes with every "
    "symptom resolved, is a rise on the tablets, not yet normal (keep taking them, repeat the "
    "test), never a failure calling for injections",
    SPS_NG239_ONGOING,
    Evidence.SECONDARY,
    {"SERUM_B12_BIOLOGICAL_VARIATION_FRACTION": SERUM_B12_BIOLOGICAL_VARIATION_FRACTION},
    note="SPS on the NG239 visual summary (evidence.md §5.1 [V]): 'After oral replacement with "
    "improved symptoms: may stop if the cause is addressed; otherwise continue. New, worsening or "
    "insufficiently improved symptoms: escalate dose or switch to IM.' The 7%: 'Week-to-week "
    "biological variation of serum B12 is <=7% under stable conditions' (evidence.md §2.7, [P], "
    "veganhealth.org). Total B12 only: no variation figure for holoTC was read, so holoTC keeps "
    "the rule status.judgment.rules.response-trend alone. Red team round 16b, F2: 100 -> 170 "
    "pmol/L with tiredness resolved was read as a failure, 250 -> 255 as a response.",
)
# A falling MCV with anaemia on treatment: iron deficiency, which B12 treatment often brings to
# light (red team round 16b, F4).
SOLMAZ_2015 = Source(
    "solmaz-2015-cobalamin-masks-iron",
    "Solmaz S, Ozdogu H, Boga C. Cobalamin deficiency can mask depleted body iron reserves. "
    "Indian J Hematol Blood Transfus 2015;31(2):255-8 (abstract: iron deficiency in 9.3% before "
    "and 49.3% after cobalamin therapy)",
    "https://doi.org/10.1007/s12288-014-0411-1",
)
RULE_IRON_ON_TREATMENT = register(
    "status.judgment.response.iron-on-treatment",
    "On B12 treatment, an anaemia with an MCV under 80 fL, whatever the haemoglobin did, or an "
    "anaemia that is not better with the MCV back to normal from a raised value or falling from "
    "one that was not raised: serum ferritin looks for iron deficiency, which B12 treatment often "
    "uncovers",
    SOLMAZ_2015,
    Evidence.SECONDARY,
    note="Abstract read: iron deficiency in 7 of 75 people before and 37 of 75 after cobalamin "
    "therapy ('cobalamin deficiency can mask depleted body iron reserves'). bpacnz 2013 (rule "
    "status.judgment.rules.working-b12-blood-count-other-cause): 'Ferritin should be used to "
    "investigate suspected iron deficiency anaemia'; 'Microcytic anaemia is defined as a mean "
    "cell volume < 80 fL'; 'the most frequent cause' of it 'is iron deficiency': so an MCV under "
    "80 fL with anaemia asks for ferritin even when the haemoglobin has risen. No size of fall is "
    "set: any fall of an MCV that was not raised, beside a haemoglobin that is not better. A fall "
    "from a raised MCV is the expected response to B12 (NHS Lothian: the MCV 'should be "
    "normalising'); once it is back to normal while the haemoglobin is not better, B12 has "
    "answered in the red cells and the anaemia has not: ferritin is asked then too, before the "
    "3-month review (the response itself is still judged at the review). Red team round 16b, F4; "
    "round 16c, N1, N2.",
)


def _abnormal(person: Person) -> Callable[[LabResult], bool]:
    def check(lab: LabResult) -> bool:
        if lab.analyte is ANALYTE.HEMOGLOBIN:
            return bool(
                blood_count.anaemia(lab.canonical_value, person.sex, person.age, person.pregnant)
            )
        if lab.analyte is ANALYTE.MCV:
            return blood_count.macrocytosis(lab.canonical_value)
        if lab.analyte in FIRST_LINE:
            # On tablets serum B12 is readable: the aim is a result NG239 calls normal.
            item = first_line_at(lab, person.age)
            return item is not None and item.direction is not DIRECTION.ARGUES_AGAINST
        return raised(lab)

    return check


def before_treatment(day: dt.date | None, start: dt.date | None) -> bool:
    """Whether a sample of ``day`` shows the state before treatment began on ``start``: one taken
    on the day treatment starts is the baseline, drawn before the first dose."""
    return day is not None and start is not None and day <= start


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months between two dates, in average months (the one length screening uses too)."""
    return (end - start).days / DAYS_PER_MONTH


def _resolved_symptoms(person: Person, start: dt.date | None) -> list[str]:
    """Symptoms recorded as resolved, on or after ``start`` when their date is known."""
    return [
        s
        for s in person.symptoms
        if (c := person.course_of(s)) is not None
        and c.course is Course.RESOLVED
        and (start is None or c.resolved_on is None or c.resolved_on >= start)
    ]


def _kidney_explains(person: Person, lab: LabResult, start: dt.date | None) -> bool:
    """A raised MMA lower than before treatment, with an eGFR under 60 (which alone raises MMA)."""
    if lab.analyte is not ANALYTE.MMA or (egfr := latest_result(person, ANALYTE.EGFR)) is None:
        return False
    before = [b for b in person.history(ANALYTE.MMA) if before_treatment(b.date, start)]
    return (
        egfr_reduced(egfr.canonical_value)
        and bool(before)
        and lab.canonical_value < before[-1].canonical_value
    )


def _baseline(person: Person, analyte: Analyte, start: dt.date | None) -> LabResult | None:
    """The last result of ``analyte`` before treatment started, if any."""
    before = [lab for lab in person.history(analyte) if before_treatment(lab.date, start)]
    return before[-1] if before else None


def _limit(person: Person, lab: LabResult) -> float | None:
    """The edge of normal for ``lab``'s marker, in the canonical unit: the WHO anaemia threshold
    for this person, MCV 100 fL, the lab's printed upper limit of MMA or homocysteine else b12's
    cut-off (the edges the readings use)."""
    if lab.analyte is ANALYTE.HEMOGLOBIN:
        fields = {"sex": person.sex, "age": person.age, "pregnant": person.pregnant}
        bands = blood_count.ANAEMIA_BANDS.bands_for(fields)
        return None if bands is None else bands.edges[0].in_unit(bands.analyte, bands.unit)
    if lab.analyte is ANALYTE.MCV:
        return blood_count.MCV_BANDS.edges[0].in_unit(ANALYTE.MCV, blood_count.MCV_BANDS.unit)
    if lab.analyte in FIRST_LINE:
        return _normal_from(person, lab)
    if lab.analyte not in (ANALYTE.MMA, ANALYTE.HCY):
        return None
    ref = lab.reference_range
    if ref is not None and ref.high is not None:
        return ref.high * find_unit(lab.analyte, lab.unit).to_canonical
    bands = epidemiology.MMA_BANDS if lab.analyte is ANALYTE.MMA else epidemiology.HCY_BANDS
    return bands.edges[-1].in_unit(bands.analyte, bands.unit)


def _normal_from(person: Person, lab: LabResult) -> float | None:
    """Where a total or active B12 on tablets reaches normal, in the canonical unit: NG239's
    "deficiency unlikely" edge (258 pmol/L total, 70 pmol/L active B12); under 16 the lab's own
    lower limit, the only edge read there (rule status.judgment.rules.response-trend)."""
    if nice_ng239.below_scope_age(person.age):
        ref = lab.reference_range
        low = None if ref is None else ref.low
        return None if low is None else low * find_unit(lab.analyte, lab.unit).to_canonical
    bands = nice_ng239.BANDS[lab.analyte]
    return bands.edges[-1].in_unit(bands.analyte, bands.unit)


def within_variation(before: LabResult, latest: LabResult) -> bool:
    """A total B12 within week-to-week biological variation (7%) of ``before``: no change to read
    (rule status.judgment.response.serum-b12-rise-on-tablets)."""
    return (
        latest.analyte is ANALYTE.B12
        and abs(latest.canonical_value - before.canonical_value)
        <= before.canonical_value * SERUM_B12_BIOLOGICAL_VARIATION_FRACTION
    )


def _left_deficiency_band(person: Person, before: LabResult, latest: LabResult) -> bool:
    """In NG239's deficiency band before, out of it now."""
    was, now = first_line_at(before, person.age), first_line_at(latest, person.age)
    return (
        was is not None
        and now is not None
        and was.direction is DIRECTION.SUPPORTS
        and now.direction is not DIRECTION.SUPPORTS
    )


def all_symptoms_resolved(person: Person, start: dt.date | None) -> bool:
    """Symptoms recorded, every one of them resolved (since ``start`` when dated)."""
    return bool(person.symptoms) and len(_resolved_symptoms(person, start)) == len(person.symptoms)


def _rising_on_tablets(
    person: Person, before: LabResult, latest: LabResult, start: dt.date | None
) -> bool:
    """A total B12 on tablets risen beyond its biological variation, out of NG239's deficiency
    band or with every symptom resolved: a rise on the tablets, not a failure (SPS: 'After oral
    replacement with improved symptoms ... continue'; rule
    status.judgment.response.serum-b12-rise-on-tablets)."""
    return (
        latest.analyte is ANALYTE.B12
        and latest.canonical_value > before.canonical_value
        and not within_variation(before, latest)
        and (_left_deficiency_band(person, before, latest) or all_symptoms_resolved(person, start))
    )


def _better(person: Person, before: LabResult, latest: LabResult) -> bool:
    """Still outside the limit, but moved towards it and at most half as far beyond it as before
    treatment (rule status.judgment.rules.response-trend); a total B12 within its biological
    variation of ``before`` never is (rule status.judgment.response.serum-b12-rise-on-tablets)."""
    if (limit := _limit(person, latest)) is None or within_variation(before, latest):
        return False
    was = before.canonical_value - limit
    now = latest.canonical_value - limit
    towards = was * now > 0 and abs(now) < abs(was)
    return towards and abs(now) <= abs(was) * jr.RESPONSE_GAP_LEFT_AT_MOST_FRACTION


def _worse(person: Person, earlier: LabResult, latest: LabResult) -> str | None:
    """'lower' or 'higher' when an abnormal ``latest`` lies further on the abnormal side of its
    limit than ``earlier``: worse on treatment, not merely "not better" (red team round 16b,
    F4); a total B12 within its biological variation is not worse either."""
    if (limit := _limit(person, latest)) is None or within_variation(earlier, latest):
        return None
    was = earlier.canonical_value - limit
    now = latest.canonical_value - limit
    if (now - was) * now <= 0:
        return None
    return "lower" if now < was else "higher"


def _earlier(person: Person, analyte: Analyte, start: dt.date | None) -> LabResult | None:
    """What the latest result is compared with: the last before treatment, else the first of
    several since the start."""
    if (before := _baseline(person, analyte, start)) is not None:
        return before
    after = _since(person, analyte, start)
    return after[0] if len(after) > 1 else None


class Movement(NamedTuple):
    """How a marker's latest result moved on treatment against the one it is compared with."""

    way: str  # "within" (its biological variation), "lower" or "higher" (further out: worse)
    values: str  # "(135 → 108 g/L)"
    before: bool  # compared with the result before treatment (else an earlier one on it)
    from_normal: bool  # that earlier result was normal


def _movement(person: Person, start: dt.date | None, analyte: Analyte) -> Movement | None:
    """The movement of ``analyte`` on treatment worth saying, or None (not better, or nothing to
    compare)."""
    after = _since(person, analyte, start)
    earlier = _earlier(person, analyte, start)
    if not after or earlier is None:
        return None
    latest = after[-1]
    way = "within" if within_variation(earlier, latest) else _worse(person, earlier, latest)
    if way is None:
        return None
    values = f"({earlier.value:g} → {latest.printed})"
    return Movement(
        way, values, before_treatment(earlier.date, start), not _abnormal(person)(earlier)
    )


def _change(move: Movement | None) -> tuple[str, str]:
    """The movement in words, and what it means for the response (the second part)."""
    if move is None:
        return "not better than before treatment", ""
    if move.way == "within":
        earlier = "before treatment" if move.before else "earlier on it"
        return (
            f"within its week-to-week biological variation (7%) of the result {earlier} "
            f"{move.values}",
            ": no rise on treatment",
        )
    if move.before:
        return f"{move.way} than before treatment {move.values}", ": worse on it"
    moved = "fell" if move.way == "lower" else "rose"
    if move.from_normal:
        return f"abnormal now after a normal result on treatment {move.values}: {moved} on it", (
            ", worse"
        )
    return f"{moved} on treatment {move.values}", ": worse on it"


def change_text(person: Person, start: dt.date | None, analyte: Analyte) -> str:
    """How the latest result of ``analyte`` moved on treatment, in words with the two values, and
    what that means: "fell on treatment (135 → 108 g/L): worse on it", "lower than before
    treatment (...)", "within its week-to-week variation (...)", else "not better than before
    treatment"."""
    words, meaning = _change(_movement(person, start, analyte))
    return words + meaning


def moved_words(person: Person, start: dt.date | None, analyte: Analyte) -> str:
    """The movement as a headline says it: "that fell on treatment", "lower than before
    treatment", else "not better" (red team round 16b, F4: a fall is said as one)."""
    move = _movement(person, start, analyte)
    if move is None or move.way == "within":
        return "not better"
    if move.before:
        return f"{move.way} than before treatment"
    return f"that {'fell' if move.way == 'lower' else 'rose'} on treatment"


def _low_serum(person: Person, start: dt.date | None) -> tuple[Analyte, ...]:
    """Total or active B12 whose latest result since ``start`` is in NG239's deficiency band."""
    return tuple(
        a
        for a in FIRST_LINE
        if (after := _since(person, a, start))
        and (item := first_line_at(after[-1], person.age)) is not None
        and item.direction is DIRECTION.SUPPORTS
    )


def lower_on_tablets(person: Person, start: dt.date | None) -> tuple[Analyte, ...]:
    """Total or active B12 in NG239's deficiency band since ``start`` and lower than before it
    (rule status.judgment.response.lower-on-tablets)."""
    return tuple(
        a
        for a in _low_serum(person, start)
        if (before := _baseline(person, a, start)) is not None
        and _since(person, a, start)[-1].canonical_value < before.canonical_value
    )


def only_low_serum(person: Person, start: dt.date | None, assessed_on: dt.date) -> bool:
    """No response read from a total or active B12 in NG239's deficiency band on injections
    alone: no new nerve symptoms, and no blood count, MMA or homocysteine that has not improved
    (the headline then names the low B12, not a response judged from it; red team round 15,
    finding 19a)."""
    if not _low_serum(person, start):
        return False
    if start is not None and nerve_symptoms_new_since(person, start):
        return False
    working = replete(person, start, assessed_on)
    return not _classify(person, start, RESPONSE_MARKERS, working=working)["not_improved"]


def _review(person: Person) -> tuple[Bands, int]:
    """When the response is first judged, as bands and in months: 3 months, 1 in pregnancy or
    breastfeeding (NASGP)."""
    if person.pregnant or person.breastfeeding:
        return jr.REVIEW_BANDS_PREGNANCY, jr.REVIEW_PREGNANCY_MONTHS
    return jr.REVIEW_BANDS, jr.REVIEW_AFTER_START_MONTHS


def review_due_on(person: Person, start: dt.date) -> dt.date:
    """The day the review after starting treatment falls due: the same calendar day 3 months on
    (1 month in pregnancy or breastfeeding)."""
    return add_months(start, _review(person)[1])


def too_early(person: Person, start: dt.date | None, assessed_on: dt.date) -> bool:
    """Less than the review period since treatment started, in calendar months: the review is due
    on the same calendar day 3 months on (red team round 16b, F5)."""
    bands, _ = _review(person)
    return (
        start is not None
        and bands.label_canonical(calendar_months(start, assessed_on)) == jr.TOO_EARLY
    )


def _since(person: Person, analyte: Analyte, start: dt.date | None) -> list[LabResult]:
    """The analyte's results from the start of treatment on, oldest first."""
    return [lab for lab in person.history(analyte) if not before_treatment(lab.date, start)]


def _measured_since(person: Person, start: dt.date | None) -> bool:
    """Any response marker or serum B12 measured since treatment started."""
    return any(_since(person, a, start) for a in (*RESPONSE_MARKERS, *FIRST_LINE))


def replete(person: Person, start: dt.date | None, assessed_on: dt.date) -> bool:
    """Past the review period with a normal MMA or homocysteine since treatment started: B12 is
    working in the cells (a normal blood count alone does not show it)."""
    if start is None or too_early(person, start, assessed_on):
        return False
    since = [
        after[-1]
        for analyte in (ANALYTE.MMA, ANALYTE.HCY)
        if (after := _since(person, analyte, start))
    ]
    return bool(since) and not any(raised(lab) for lab in since)


def response(
    person: Person,
    start: dt.date | None,
    assessed_on: dt.date,
    *,
    on_tablets_with_nerves: bool,
    by_mouth: bool = False,
) -> tuple[Response, str]:
    """The response and the reason, from the symptoms and the markers measured after ``start``
    (``on_tablets_with_nerves``: nerve or memory symptoms while B12 is taken by mouth;
    ``by_mouth``: B12 by mouth only, whose serum B12 shows the response too — injections raise it
    whatever the state, DECISIONS.md)."""
    if start is not None and nerve_symptoms_new_since(person, start):
        working = (
            "; MMA or homocysteine is normal on it: B12 is at work in the cells, so another cause "
            "is looked for too"
            if replete(person, start, assessed_on)
            else ""
        )
        return RESPONSE.NOT_IMPROVING, "nerve or memory symptoms new since treatment started" + (
            working
        )
    early = too_early(person, start, assessed_on)
    period = jr.months_text(_review(person)[1])
    if on_tablets_with_nerves:
        if early and not _measured_since(person, start):
            # Blood drawn before the tablets started shows no response (red team round 14b,
            # finding 18); the nerve symptoms still call for injections (the urgency says so).
            return RESPONSE.TOO_EARLY, (
                f"B12 by mouth started less than {period} ago; no result since; with nerve or "
                "memory symptoms B12 is given by injection (BNF)"
            )
        # BNF: with nerve involvement B12 is given by injection; tablets are not its treatment.
        return RESPONSE.NOT_IMPROVING, "nerve or memory symptoms while B12 is taken by mouth"
    improved = ["symptoms"] if _resolved_symptoms(person, start) else []
    readable = [lab.analyte for lab in person.lab_results if first_line_at(lab, person.age)]
    # Serum B12 shows the response to tablets; injections can only raise it, so on them only a
    # result in the deficiency band says something: no response (DECISIONS.md; NG239 band).
    low = () if by_mouth else _low_serum(person, start)
    serum = tuple(a for a in FIRST_LINE if a in readable) if by_mouth else low
    read = _classify(
        person,
        start,
        (*RESPONSE_MARKERS, *serum),
        working=replete(person, start, assessed_on),
        by_mouth=by_mouth,
    )
    better, not_improved, explained, unknown = (
        read["better"],
        read["not_improved"],
        read["explained"],
        read["unknown"],
    )
    improved += read["improved"]
    notes = (
        _notes(person, better, explained, unknown)
        + _other_cause_note(person, start, read["other_cause"])
        + _iron_note(person, start)
    )
    if not improved and not better and not not_improved:
        if explained:
            return RESPONSE.CANNOT_JUDGE, (
                "MMA has fallen on treatment but stays raised; an eGFR under 60 keeps MMA raised "
                "by itself, so it cannot show the response" + notes
            )
        if early:
            return RESPONSE.TOO_EARLY, f"treatment started less than {period} ago; no result since"
        if unknown:
            return RESPONSE.CANNOT_JUDGE, "no result since treatment started shows it" + notes
        return RESPONSE.CANNOT_JUDGE, (
            f"no {'total or active B12, ' if by_mouth else ''}haemoglobin, MCV, MMA or "
            "homocysteine result since treatment started"
        )
    if not_improved:
        what = _not_improved_text(person, start, not_improved, read["still"], low)
        lower = lower_on_tablets(person, start) if by_mouth else ()
        if early and not lower:
            return RESPONSE.TOO_EARLY, f"{what}, less than {period} after starting" + notes
        if early:
            what += (
                f"; {', '.join(a.value for a in lower)} lower than before treatment and in NG239's "
                "deficiency band: tablets raise serum B12 first, so this is no response even "
                f"before the {period} review"
            )
        return RESPONSE.NOT_IMPROVING, what + notes
    good = [
        *([f"{', '.join(improved)} better or normal on treatment"] if improved else []),
        *(
            [f"{', '.join(nearer)} much nearer normal than before treatment, not yet normal"]
            if (nearer := [b for b in better if b not in read["rising"]])
            else []
        ),
        *(_rising_text(person, start, a) for a in read["rising"]),
    ]
    return RESPONSE.IMPROVING, "; ".join(good) + notes


_BLOOD_COUNT = (ANALYTE.HEMOGLOBIN, ANALYTE.MCV)


def _classify(
    person: Person,
    start: dt.date | None,
    analytes: tuple[Analyte, ...],
    *,
    working: bool = False,
    by_mouth: bool = False,
) -> dict[str, list[str]]:
    """Each marker measured since ``start``, by what its latest result says of the response:
    improved (normal), better (still outside the limit, much nearer it than before treatment),
    explained (kidney function), unknown (an abnormal blood count with nothing before to compare),
    other_cause (a blood count not better while ``working``: MMA or homocysteine normal on
    treatment), not_improved; ``still`` names those of not_improved with no result before
    treatment, ``fell`` the blood count markers normal earlier on treatment and abnormal now,
    ``rising`` those of better that are a total B12 risen on tablets (``by_mouth``) beyond its
    biological variation (rule status.judgment.response.serum-b12-rise-on-tablets)."""
    abnormal = _abnormal(person)
    read: dict[str, list[str]] = {
        k: []
        for k in (
            "improved",
            "better",
            "explained",
            "unknown",
            "other_cause",
            "not_improved",
            "still",
            "fell",
            "rising",
        )
    }
    for analyte in analytes:
        after = _since(person, analyte, start)
        if not after:
            continue
        latest = after[-1]
        before = _baseline(person, analyte, start)
        # The aim of treatment is a normal result: a marker still abnormal has not responded yet,
        # unless it is far nearer normal than before (40 -> 38 µmol/L homocysteine is no response).
        if not abnormal(latest):
            kind = "improved"
        elif before is not None and abnormal(before) and _better(person, before, latest):
            kind = "better"
        elif (
            by_mouth
            and before is not None
            and abnormal(before)
            and _rising_on_tablets(person, before, latest, start)
        ):
            kind = "better"
            read["rising"].append(analyte.value)
        elif _kidney_explains(person, latest, start):
            kind = "explained"
        elif before is None and analyte in _BLOOD_COUNT and not _fell_on_treatment(after, abnormal):
            kind = "unknown"  # a low haemoglobin has many causes besides B12
        elif working and analyte in _BLOOD_COUNT:
            # B12 is at work in the cells: the blood count is held back by something else (rule
            # status.judgment.rules.working-b12-blood-count-other-cause; red team 14b, 17).
            kind = "other_cause"
        else:
            kind = "not_improved"
            if before is None:
                # A blood count normal earlier on treatment has worsened; else it is still abnormal.
                fell = analyte in _BLOOD_COUNT
                read["fell" if fell else "still"].append(analyte.value)
        read[kind].append(analyte.value)
    return read


def _fell_on_treatment(after: list[LabResult], abnormal: Callable[[LabResult], bool]) -> bool:
    """Whether a blood count normal earlier on treatment is abnormal now: the treatment has not
    held it (rule status.judgment.rules.blood-count-fell-on-treatment; red team 15b, 52)."""
    return abnormal(after[-1]) and any(not abnormal(lab) for lab in after[:-1])


def not_yet_normal(
    person: Person, start: dt.date | None, *, by_mouth: bool = False
) -> list[Analyte]:
    """Markers much nearer normal than before treatment but not yet normal: to repeat, since they
    "should normalise in 8 weeks" (BMJ Best Practice); on B12 by mouth total and active B12 too."""
    markers = (*RESPONSE_MARKERS, *FIRST_LINE) if by_mouth else RESPONSE_MARKERS
    better = _classify(person, start, markers, by_mouth=by_mouth)["better"]
    return [a for a in markers if a.value in better]


def _rising_text(person: Person, start: dt.date | None, name: str) -> str:
    """A total B12 risen on tablets beyond its biological variation, in words."""
    analyte = Analyte(name)
    before, after = _baseline(person, analyte, start), _since(person, analyte, start)
    values = "" if before is None else f" ({before.value:g} → {after[-1].printed})"
    why = (
        "out of NG239's deficiency band"
        if before is not None and _left_deficiency_band(person, before, after[-1])
        else "with the symptoms resolved"
    )
    return (
        f"{name} risen on the tablets{values}, well beyond its week-to-week variation (7%) and "
        f"{why}: rising, not yet normal"
    )


def _not_improved_text(
    person: Person,
    start: dt.date | None,
    names: list[str],
    still: list[str],
    low: tuple[Analyte, ...],
) -> str:
    """Why markers count as no response, each with how it moved: lower or higher than before
    treatment (worse), within its biological variation, not better, still abnormal with nothing
    before to compare, or a serum B12 in the deficiency band on injections, which cannot cause
    it."""
    low_names = [a.value for a in low if a.value in names]
    rest = [n for n in names if n not in low_names]
    compared = [n for n in rest if n not in still]
    unmatched = [n for n in rest if n in still]
    parts = [
        *(f"{n} {change_text(person, start, Analyte(n))}" for n in compared),
        *([f"{', '.join(unmatched)} still abnormal on treatment"] if unmatched else []),
        *(
            [
                f"{', '.join(low_names)} in NG239's deficiency band on injections, which cannot "
                "lower it: were they all given?"
            ]
            if low_names
            else []
        ),
    ]
    return "; ".join(parts)


def _iron_note(person: Person, start: dt.date | None) -> str:
    """The anaemia beside small or shrinking red cells: iron deficiency is looked for."""
    if (mcv := iron_suspected(person, start)) is None:
        return ""
    return f"; anaemia on it with {mcv}: iron deficiency is looked for (serum ferritin)"


def _other_cause_note(person: Person, start: dt.date | None, names: list[str]) -> str:
    if not names:
        return ""
    moved = "; ".join(f"{n} {_change(_movement(person, start, Analyte(n)))[0]}" for n in names)
    return (
        f"; {moved}, although MMA or homocysteine is normal on it: B12 is at work in the cells, "
        "so this has another cause to look for"
    )


def other_cause(person: Person, start: dt.date | None, assessed_on: dt.date) -> list[Analyte]:
    """The blood count markers not better on treatment while B12 is at work in the cells (MMA or
    homocysteine normal past the review time): another cause holds them back."""
    if not replete(person, start, assessed_on):
        return []
    found = _classify(person, start, _BLOOD_COUNT, working=True)["other_cause"]
    return [a for a in _BLOOD_COUNT if a.value in found]


def fell_on_treatment(person: Person, start: dt.date | None) -> list[Analyte]:
    """The blood count markers normal earlier on treatment and abnormal now, with no result before
    treatment to compare (one before decides instead)."""
    found = _classify(person, start, _BLOOD_COUNT)["fell"]
    return [a for a in _BLOOD_COUNT if a.value in found]


def _notes(person: Person, better: list[str], explained: list[str], unknown: list[str]) -> str:
    """What else the clinician should know: kidney function and MMA, and markers with nothing
    before treatment to compare."""
    notes = []
    egfr = latest_result(person, ANALYTE.EGFR)
    if "mma" in better and egfr is not None and egfr_reduced(egfr.canonical_value):
        notes.append("an eGFR under 60 can keep MMA raised by itself (kidney function)")
    if unknown:
        notes.append(
            f"{', '.join(unknown)} abnormal with no result before treatment to compare: not "
            "read as no response; it can have causes other than B12"
        )
    return "".join(f"; {n}" for n in notes)


def iron_suspected(person: Person, start: dt.date | None) -> str | None:
    """An anaemia on treatment with an MCV under 80 fL (whatever the haemoglobin did), or, with the
    haemoglobin not better, an MCV back to normal from a raised value or lower than one that was
    not raised: the MCV in words, for serum ferritin (rule
    status.judgment.response.iron-on-treatment); else None."""
    hb = _since(person, ANALYTE.HEMOGLOBIN, start)
    mcv = _since(person, ANALYTE.MCV, start)
    if not hb or not mcv or not _abnormal(person)(hb[-1]):
        return None
    latest = mcv[-1]
    # Microcytic anaemia: iron deficiency first, however the haemoglobin moved (red team 16c, N2).
    if latest.canonical_value < jr.MICROCYTIC_MCV_BELOW_FL:
        return f"an MCV under {jr.MICROCYTIC_MCV_BELOW_FL:g} fL ({latest.printed})"
    if not hb_not_better(person, start):
        return None
    earlier = _earlier(person, ANALYTE.MCV, start)
    if earlier is None or latest.canonical_value >= earlier.canonical_value:
        return None
    if blood_count.macrocytosis(earlier.canonical_value):
        # The MCV has answered B12 and the haemoglobin has not: the iron deficiency B12 treatment
        # uncovers (red team 16c, N1); a fall still raised is the response under way.
        if blood_count.macrocytosis(latest.canonical_value):
            return None
        return f"the MCV back to normal ({earlier.value:g} → {latest.printed})"
    return f"the MCV falling ({earlier.value:g} → {latest.printed})"


def hb_not_better(person: Person, start: dt.date | None) -> bool:
    """Whether the haemoglobin since treatment started is neither normal nor much nearer normal."""
    read = _classify(person, start, (ANALYTE.HEMOGLOBIN,))
    return not (read["improved"] or read["better"])


def iron_text(person: Person, start: dt.date | None, response: Response | None) -> str | None:
    """The headline's response when ferritin is asked beside a response that looks good or is too
    early to judge (red team round 16c, N1, N2); else None."""
    if response not in (RESPONSE.IMPROVING, RESPONSE.TOO_EARLY):
        return None
    if (mcv := iron_suspected(person, start)) is None:
        return None
    first = (
        "improving" if response is RESPONSE.IMPROVING else "it is too early to judge the response"
    )
    if mcv.startswith("an MCV under"):
        return f"{first}; the MCV now under {jr.MICROCYTIC_MCV_BELOW_FL:g} fL needs ferritin"
    if mcv.startswith("the MCV back"):
        return f"{first}; the MCV is back to normal but the haemoglobin is not: ferritin is needed"
    return f"{first}; the haemoglobin is not better and the MCV is falling: ferritin is needed"


def nothing_since_text(
    person: Person, start: dt.date | None, assessed_on: dt.date, *, by_mouth: bool
) -> str | None:
    """Past the review time with nothing measured since treatment started that shows the
    response: which test shows it, said plainly (red team round 16b, F11); else None."""
    if start is None or too_early(person, start, assessed_on):
        return None
    markers = (*RESPONSE_MARKERS, *FIRST_LINE) if by_mouth else RESPONSE_MARKERS
    if any(_since(person, a, start) for a in markers):
        return None
    if by_mouth:
        return (
            f"no B12 result since treatment started ({start.isoformat()}); a total or active B12 "
            "test shows it"
        )
    return f"no blood count since treatment started ({start.isoformat()}); a blood count shows it"


def serum_rise_rule_used(person: Person, start: dt.date | None) -> bool:
    """Whether the total B12 on tablets was read by rule
    status.judgment.response.serum-b12-rise-on-tablets: within its biological variation of the
    result before treatment, or risen beyond it out of the deficiency band or with the symptoms
    resolved."""
    before = _baseline(person, ANALYTE.B12, start)
    after = _since(person, ANALYTE.B12, start)
    if before is None or not after:
        return False
    return within_variation(before, after[-1]) or _rising_on_tablets(
        person, before, after[-1], start
    )
