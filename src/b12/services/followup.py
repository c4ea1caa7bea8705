"""When the plan's re-test falls due, as a date computed at request time.

The plan says "3 months after starting treatment" (or 1 month in pregnancy, or a borderline
re-check in 3 months); the intervals are the core's cited constants
(:mod:`b12.core.plan.treatment`), keyed here by the plan item that states them. The date counts
from the start of the B12 treatment on the person's medicine list, or for a borderline re-check
from the sample date of the results the judgment used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from b12.core.dates import add_months
from b12.core.person import Medication
from b12.core.plan import treatment as tx
from b12.core.screening.medications import MedicationClass, classify_medication

# Plan item id -> (months, counted from treatment start (True) or from the sample date (False)).
RETEST_ITEMS = {
    "retest.3_months": (tx.RETEST_AFTER_TREATMENT_MONTHS, True),
    "retest.1_month": (tx.RETEST_PREGNANCY_MONTHS, True),
    "retest.borderline_3_months": (tx.BORDERLINE_RECHECK_MONTHS, False),
    # B12 by mouth started longer ago than the interval: the review fell due at start + interval.
    "retest.review_due_3_months": (tx.RETEST_AFTER_TREATMENT_MONTHS, True),
    "retest.review_due_1_month": (tx.RETEST_PREGNANCY_MONTHS, True),
}
B12_TREATMENT = frozenset({MedicationClass.B12_ORAL, MedicationClass.B12_INJECTION})


@dataclass(frozen=True)
class Retest:
    """The plan's re-test: what it says, and its date when the start is known."""

    text: str
    due: dt.date | None


def treatment_start(medications: Sequence[Medication]) -> dt.date | None:
    """When B12 treatment on the medicine list started (the earliest dated one still taken)."""
    starts = [
        m.start_date
        for m in medications
        if m.start_date is not None
        and m.stop_date is None
        and not m.stopped
        and classify_medication(m)[0] in B12_TREATMENT
    ]
    return min(starts, default=None)


def used_sample_date(result: dict[str, Any]) -> dt.date | None:
    """The newest sample date among the results the judgment used."""
    dates = [
        dt.date.fromisoformat(r["date"])
        for r in result["status"]["judgment"]["results"]
        if r["used"] and r.get("date")
    ]
    return max(dates, default=None)


def retest(result: dict[str, Any], medications: Sequence[Medication]) -> Retest | None:
    """The plan's re-test item with its due date (None: the plan has no re-test)."""
    items = (result.get("plan") or {}).get("items", ())
    found = next((i for i in items if i["category"] == "retest"), None)
    if found is None:
        return None
    months, from_treatment = RETEST_ITEMS.get(found["id"], (None, False))
    start = treatment_start(medications) if from_treatment else used_sample_date(result)
    due = add_months(start, months) if months is not None and start is not None else None
    return Retest(found["text"], due)
