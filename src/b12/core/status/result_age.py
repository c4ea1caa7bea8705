"""How long a result describes current status: b12's product choice, declared once.

No guideline gives a period after which a B12 result stops describing current status: labs
publish only minimum re-test intervals (Leeds 56 days, RUH Bath 42 days, Pathlab NZ 6 months),
and B12 varies within a person over time while risk factors change (BNSSG ICB B12 guideline).
b12 reads a marker or blood count as current for 12 months and says so wherever it matters
(vignette ric-old-b12-2016-only in tests/clinical/vignettes/breadth/results_in_context.yaml).
"""

from __future__ import annotations

import datetime as dt

from b12.core.bands import Band, Bands, Closed, Edge, stated_in
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
