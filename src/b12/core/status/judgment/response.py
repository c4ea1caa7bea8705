"""Response to B12 treatment: judged from symptoms, haemoglobin and MCV and from MMA and
homocysteine, never from serum B12 or holoTC, which treatment itself raises (DECISIONS.md; BNSSG:
re-testing serum B12 on established replacement is "unnecessary and uninformative"). Review is due
3 months after starting, 1 month in pregnancy or breastfeeding (NG239 via NASGP).

Symptoms: nerve or memory symptoms recorded as new since treatment began mean it has not
prevented them (BNF: the neurological regimen; SPS on NICE's visual summary: "new, worsening or not
sufficiently improved" symptoms need more frequent injections); symptoms recorded as resolved are a
response. A raised MMA below its pre-treatment value with an eGFR under 60 is not read either way:
reduced kidney function alone keeps MMA raised (DECISIONS.md: eGFR is named as an explanation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from b12.core.bands import Bands
from b12.core.history import Course
from b12.core.kidney_blood import blood_count
from b12.core.person import LabResult, Person
from b12.core.screening.rules import DAYS_PER_MONTH
from b12.core.screening.screen import nerve_symptoms_new_since
from b12.core.status.confounders import egfr_reduced
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.evidence import FIRST_LINE, first_line_at, raised
from b12.core.status.judgment.model import Direction, Response
from b12.units import Analyte

RESPONSE_MARKERS = (Analyte.MMA, Analyte.HCY, Analyte.HEMOGLOBIN, Analyte.MCV)


def _abnormal(person: Person) -> Callable[[LabResult], bool]:
    def check(lab: LabResult) -> bool:
        if lab.analyte is Analyte.HEMOGLOBIN:
            return bool(
                blood_count.anaemia(lab.canonical_value, person.sex, person.age, person.pregnant)
            )
        if lab.analyte is Analyte.MCV:
            return blood_count.macrocytosis(lab.canonical_value)
        if lab.analyte in FIRST_LINE:
            # On tablets serum B12 is readable: the aim is a result NG239 calls normal.
            item = first_line_at(lab, person.age)
            return item is not None and item.direction is not Direction.ARGUES_AGAINST
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
    if lab.analyte is not Analyte.MMA or (egfr := person.latest(Analyte.EGFR)) is None:
        return False
    before = [b for b in person.history(Analyte.MMA) if before_treatment(b.date, start)]
    return (
        egfr_reduced(egfr.canonical_value)
        and bool(before)
        and lab.canonical_value < before[-1].canonical_value
    )


def _review(person: Person) -> tuple[Bands, int]:
    """When the response is first judged, as bands and in months: 3 months, 1 in pregnancy or
    breastfeeding (NASGP)."""
    if person.pregnant or person.breastfeeding:
        return jr.REVIEW_BANDS_PREGNANCY, jr.REVIEW_PREGNANCY_MONTHS
    return jr.REVIEW_BANDS, jr.REVIEW_AFTER_START_MONTHS


def too_early(person: Person, start: dt.date | None, assessed_on: dt.date) -> bool:
    """Less than the review period since treatment started."""
    bands, _ = _review(person)
    return (
        start is not None
        and bands.label_canonical(months_between(start, assessed_on)) == jr.TOO_EARLY
    )


def _since(person: Person, analyte: Analyte, start: dt.date | None) -> list[LabResult]:
    """The analyte's results from the start of treatment on, oldest first."""
    return [lab for lab in person.history(analyte) if not before_treatment(lab.date, start)]


def replete(person: Person, start: dt.date | None, assessed_on: dt.date) -> bool:
    """Past the review period with a normal MMA or homocysteine since treatment started: B12 is
    working in the cells (a normal blood count alone does not show it)."""
    if start is None or too_early(person, start, assessed_on):
        return False
    since = [
        after[-1]
        for analyte in (Analyte.MMA, Analyte.HCY)
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
        return Response.NOT_IMPROVING, "nerve or memory symptoms new since treatment started"
    if on_tablets_with_nerves:
        # BNF: with nerve involvement B12 is given by injection; tablets are not its treatment.
        return Response.NOT_IMPROVING, "nerve or memory symptoms while B12 is taken by mouth"
    abnormal = _abnormal(person)
    early = too_early(person, start, assessed_on)
    period = jr.months_text(_review(person)[1])
    improved = ["symptoms"] if _resolved_symptoms(person, start) else []
    not_improved, explained = [], []
    readable = [lab.analyte for lab in person.lab_results if first_line_at(lab, person.age)]
    serum = tuple(a for a in FIRST_LINE if a in readable) if by_mouth else ()
    for analyte in (*RESPONSE_MARKERS, *serum):
        after = _since(person, analyte, start)
        if not after:
            continue
        latest = after[-1]
        name = analyte.value
        # The aim of treatment is a normal result: a marker still abnormal has not responded yet,
        # even if it moved a little (40 -> 38 µmol/L homocysteine is no response).
        if not abnormal(latest):
            improved.append(name)
        elif _kidney_explains(person, latest, start):
            explained.append(name)
        else:
            not_improved.append(name)
    if not improved and not not_improved:
        if explained:
            return Response.CANNOT_JUDGE, (
                "MMA has fallen on treatment but stays raised; an eGFR under 60 keeps MMA raised "
                "by itself, so it cannot show the response"
            )
        if early:
            return Response.TOO_EARLY, f"treatment started less than {period} ago; no result since"
        return Response.CANNOT_JUDGE, (
            "no haemoglobin, MCV, MMA or homocysteine result since treatment started"
        )
    if not_improved:
        if early:
            return Response.TOO_EARLY, (
                f"{', '.join(not_improved)} not yet better, less than {period} after starting"
            )
        return Response.NOT_IMPROVING, f"{', '.join(not_improved)} not better on treatment"
    return Response.IMPROVING, f"{', '.join(improved)} better or normal on treatment"
