"""How long a result describes current status: b12's product choice, declared once.

No guideline gives a period after which a B12 result stops describing current status: labs
publish only minimum re-test intervals (Leeds 56 days, RUH Bath 42 days, Pathlab NZ 6 months),
and B12 varies within a person over time while risk factors change (BNSSG ICB B12 guideline).
b12 reads a marker or blood count as current for 12 months and says so wherever it matters
(vignette ric-old-b12-2016-only in tests/clinical/vignettes/breadth/results_in_context.yaml).

A result dated after the assessment date is not read at all (:func:`taken_by`): the assessment
date is moved on to every result dated up to today (``services.assess.assessment_date``), so a
result still after it is dated after today and cannot have been taken yet (a date typo, red team
round 16, finding D3). It is listed as not read, with why, and the latest result taken by the
assessment date decides.
"""

from __future__ import annotations

import datetime as dt

from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.person import LabEntry, Person
from b12.core.rules import Evidence, register
from b12.core.screening.rules import DAYS_PER_MONTH
from b12.core.sources import B12_JUDGMENT

CURRENT_RESULT_MONTHS = 12.0  # a product choice, not a guideline number (module docstring)

RULE_CURRENT_RESULT = register(
    "status.result_age.current-result-window",
    "Without B12 treatment, a marker or blood count more than 12 months before the assessment "
    "date is not read as current status: it is listed with its date, and a new test is advised",
    B12_JUDGMENT,
    Evidence.UNVERIFIED,
    {"CURRENT_RESULT_MONTHS": CURRENT_RESULT_MONTHS},
    note="A product choice, not a guideline: no source gives a validity period for a B12 result "
    "(labs give only minimum re-test intervals: Leeds 56 days, RUH Bath 42 days, Pathlab NZ 6 "
    "months). A result years old cannot show that B12 is adequate now.",
)
CURRENT = "current"
CURRENT_RESULT_BANDS = Bands(
    None,
    (
        Band(CURRENT, "up to 12 months before the assessment date"),
        Band("old", "more than 12 months before the assessment date"),
    ),
    # "More than 12 months" is old: 12 months itself is still current.
    (Edge(stated_in("months", CURRENT_RESULT_MONTHS), Closed.BELOW),),
    RULE_CURRENT_RESULT,
)


def is_current(day: dt.date | None, assessed_on: dt.date) -> bool:
    """Whether a result dated ``day`` still describes status on ``assessed_on`` (undated: yes)."""
    if day is None:
        return True
    months = (assessed_on - day).days / DAYS_PER_MONTH
    return CURRENT_RESULT_BANDS.label_canonical(months) == CURRENT


def taken_by(day: dt.date | None, assessed_on: dt.date) -> bool:
    """Whether a result dated ``day`` can have been taken by ``assessed_on`` (undated: yes)."""
    return day is None or day <= assessed_on


def not_yet_taken(person: Person, assessed_on: dt.date) -> list[LabEntry]:
    """The results dated after ``assessed_on``, in the order given: they cannot have been taken
    yet (module docstring) and nothing reads them."""
    return [lab for lab in person.labs if not taken_by(lab.date, assessed_on)]


def as_taken_by(person: Person, assessed_on: dt.date) -> Person:
    """The person without the results dated after ``assessed_on``, so that the latest result taken
    by then is the one read (the same person when there is none)."""
    taken = [lab for lab in person.labs if taken_by(lab.date, assessed_on)]
    if len(taken) == len(person.labs):
        return person
    return person.model_copy(update={"labs": taken})
