"""Muscle health: dispatch to the selected sarcopenia criteria set (EWGSOP2 by default).

Sources: :mod:`b12.core.muscle.ewgsop2` (Cruz-Jentoft 2019), :mod:`b12.core.muscle.awgs2019` (Chen 2020) and
:mod:`b12.core.muscle.fnih` (Studenski 2014); DECISIONS.md makes EWGSOP2 the default. No thresholds here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.findings import Finding
from b12.core.muscle import awgs2019, ewgsop2, fnih
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Builder, Criteria, MuscleResult, Stage
from b12.core.rules import Evidence, register
from b12.core.sex import Sex
from b12.core.sources import B12_JUDGMENT, CRUZ_JENTOFT_2019

DEFAULT_CRITERIA = Criteria.EWGSOP2
ADULT_FROM_AGE_YEARS = 18.0

RULE_ADULTS_ONLY = register(
    "muscle.assess.adults-only",
    "The sarcopenia criteria sets (EWGSOP2, AWGS 2019, FNIH) take their cut-offs from adult data: "
    "under 18 years no stage is given",
    CRUZ_JENTOFT_2019,
    Evidence.SECONDARY,
    {"ADULT_FROM_AGE_YEARS": ADULT_FROM_AGE_YEARS},
    note="EWGSOP2 is a consensus on older people whose grip cut-offs come from adult normative "
    "data (Dodds 2014); sarcopenia in children and adolescents has no agreed criteria (Bang MJ, "
    "Ann Clin Nutr Metab 2024;16:49-56). 18 is the start of adulthood, not a number from "
    "EWGSOP2 (vignettes ric-child-12y-muscle-and-b12, ric-adolescent-16y-muscle-and-b12).",
)
ADULT_BANDS = Bands(
    None,
    (Band("under_18", "under 18 years"), Band("adult", "18 years and over")),
    (Edge(stated_in("years", ADULT_FROM_AGE_YEARS), Closed.ABOVE),),  # 18 itself is adult
    RULE_ADULTS_ONLY,
)

CURRENT_MEASUREMENT_MONTHS = 12
RULE_MEASUREMENT_DATE = register(
    "muscle.assess.measurement-date",
    "Muscle measurements more than 12 months before the assessment date may not show muscle "
    "today: the result says so and asks for them to be repeated",
    B12_JUDGMENT,
    Evidence.UNVERIFIED,
    {"CURRENT_MEASUREMENT_MONTHS": CURRENT_MEASUREMENT_MONTHS},
    note="A product choice, the same 12 months b12 gives a lab result "
    "(status.result_age.current-result-window); no sarcopenia source gives a validity period.",
)
# Measurements dated after the assessment date follow the rule for every result dated after it
# (declared once, with the judgment; red team round 16, D3): they cannot have been taken by then,
# so nothing reads them and the result says so. The muscle domain sits below the judgment in the
# core's layers (import-linter) and cannot import the rule, so it names it; a test checks that the
# name is the registered rule's.
RULE_AFTER_ASSESSMENT_DATE = "status.judgment.rules.results-after-assessment-date"

_ASSESS: dict[Criteria, Callable[[MuscleMeasurements, Sex], MuscleResult]] = {
    Criteria.EWGSOP2: ewgsop2.assess,
    Criteria.AWGS2019: awgs2019.assess,
    Criteria.FNIH: fnih.assess,
}


def assess_muscle(
    measurements: MuscleMeasurements | None,
    sex: Sex,
    criteria: Criteria = DEFAULT_CRITERIA,
    age_years: float | None = None,
    assessed_on: dt.date | None = None,
) -> MuscleResult:
    """Sarcopenia case-finding and staging by ``criteria`` from whatever is measured (adults);
    with ``assessed_on``, measurements dated long before it are flagged, and measurements dated
    after it are not read (they cannot have been taken by then) and the result says so."""
    if age_years is not None and ADULT_BANDS.label_canonical(age_years) == "under_18":
        b = Builder(criteria)
        b.note(
            "adult_cut_offs_not_applied",
            "Not staged: the sarcopenia cut-offs come from adults and are not applied under 18; "
            "a paediatric clinician interprets these measurements",
            RULE_ADULTS_ONLY,
        )
        return b.result(Stage.NOT_APPLICABLE, "not staged (under 18)", None, (None, None, None))
    if measurements is None:
        return _unmeasured(criteria)
    dated = None if assessed_on is None else date_finding(measurements, assessed_on)
    if dated is not None and dated.code == MEASURED_LATER:
        b = Builder(criteria)
        b.note(dated.code, dated.message, *dated.rules)
        b.need("sarc_f", "grip_strength_kg")
        label = "no muscle measurements read (dated after the assessment date)"
        return b.result(Stage.INSUFFICIENT_DATA, label, None, (None, None, None))
    result = _ASSESS[criteria](measurements, sex)
    if dated is None:
        return result
    return result.model_copy(
        update={
            "findings": (*result.findings, dated),
            "rules": tuple(dict.fromkeys((*result.rules, *dated.rules))),
        }
    )


@cache  # pure, and the same for everyone without measurements (most people assessed)
def _unmeasured(criteria: Criteria) -> MuscleResult:
    """No muscle measurements: nothing staged, case finding and grip strength asked for (one
    frozen result shared by every call; its empty ``derived`` is only read)."""
    b = Builder(criteria)
    b.need("sarc_f", "grip_strength_kg")
    return b.result(Stage.INSUFFICIENT_DATA, "no muscle measurements", None, (None, None, None))


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same calendar day ``months`` earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    if year < dt.MINYEAR:  # before the calendar begins: nothing can be older
        return dt.date.min
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


MEASURED_LATER = "muscle_measured_later"


def date_finding(m: MuscleMeasurements, assessed_on: dt.date) -> Finding | None:
    """Why measurements dated long before the assessment date are not read as today's, or why
    measurements dated after it are not read at all."""
    day = m.measured_on
    if day is None:
        return None
    if day > assessed_on:
        return Finding(
            code=MEASURED_LATER,
            message=f"The muscle measurements are dated {day}, after the assessment date "
            f"{assessed_on}: they cannot have been taken by then, so they are not read; check "
            "the dates",
            rules=(RULE_AFTER_ASSESSMENT_DATE,),
        )
    # "More than 12 months before": the same day 12 months earlier is still current.
    if day < _months_before(assessed_on, CURRENT_MEASUREMENT_MONTHS):
        return Finding(
            code="muscle_measurements_old",
            message=f"The muscle measurements are from {day}, more than "
            f"{CURRENT_MEASUREMENT_MONTHS} months before the assessment date {assessed_on}: they "
            "may not show muscle today; repeat them",
            rules=(RULE_MEASUREMENT_DATE,),
        )
    return None
