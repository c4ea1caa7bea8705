"""The clinic's worklist: who needs action, from each person's latest stored assessment.

A row shows the judgment's level and urgency and the plan's re-test date (computed at request
time, :mod:`b12.services.followup`). Filters answer "who needs action": urgent; re-test due;
at risk and never tested (a screening risk factor and no B12 or holoTC on record); treatment
started without a follow-up result (a B12 treatment with a start date and no B12, holoTC, MMA
or homocysteine sampled after it). A person with no stored assessment is assessed for the row,
not stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from b12.data.store import Store
from b12.data.store import repository as repo
from b12.data.store.schemas import PersonPublic
from b12.errors import InputError
from b12.services import clock, followup, records
from b12.units import Analyte

WORKLIST_MAX = 5_000  # persons read for one worklist (a clinic's list, not a cohort)
TESTED = frozenset({Analyte.B12.value, Analyte.HOLOTC.value})
FOLLOW_UP = TESTED | {Analyte.MMA.value, Analyte.HCY.value}
URGENCY_ORDER = {"urgent": 0, "soon": 1, "routine": 2, "": 3}


class Filter(StrEnum):
    """The worklist's filters."""

    ALL = "all"
    URGENT = "urgent"
    RETEST_DUE = "retest_due"
    AT_RISK_UNTESTED = "at_risk_untested"
    TREATED_NO_FOLLOW_UP = "treated_no_follow_up"


class Sort(StrEnum):
    """The worklist's sort orders."""

    URGENCY = "urgency"
    RETEST = "retest"
    LABEL = "label"
    CHANGED = "changed"


@dataclass(frozen=True)
class Row:
    """One person on the worklist."""

    person: PersonPublic
    level: str  # the judgment's level in words ("" when it cannot be assessed)
    urgency: str
    retest_due: dt.date | None
    at_risk_untested: bool
    treated_no_follow_up: bool

    def matches(self, wanted: Filter, today: dt.date) -> bool:
        """Whether the row passes the filter ``wanted`` on ``today``."""
        return {
            Filter.ALL: True,
            Filter.URGENT: self.urgency == "urgent",
            Filter.RETEST_DUE: self.retest_due is not None and self.retest_due <= today,
            Filter.AT_RISK_UNTESTED: self.at_risk_untested,
            Filter.TREATED_NO_FOLLOW_UP: self.treated_no_follow_up,
        }[wanted]


def _row(person: PersonPublic, result: dict[str, Any] | None, labs: list[tuple[str, Any]]) -> Row:
    judgment = (result or {}).get("status", {}).get("judgment", {})
    retest = followup.retest(result, person.medications) if result else None
    start = followup.treatment_start(person.medications)
    risk = bool((result or {}).get("screening", {}).get("risk_factors"))
    return Row(
        person=person,
        level=str(judgment.get("level", "")).replace("_", " "),
        urgency=str(judgment.get("urgency", "")),
        retest_due=retest.due if retest else None,
        at_risk_untested=risk and not any(a in TESTED for a, _ in labs),
        treated_no_follow_up=start is not None
        and not any(a in FOLLOW_UP and d > start for a, d in labs),
    )


def _unstored_result(store: Store, person_id: int) -> dict[str, Any] | None:
    try:
        return records.current_result(store, person_id)
    except InputError:
        return None


SORT_KEYS: dict[Sort, Callable[[Row], Any]] = {
    Sort.URGENCY: lambda r: (URGENCY_ORDER.get(r.urgency, 3), r.retest_due or dt.date.max),
    Sort.RETEST: lambda r: (r.retest_due or dt.date.max, URGENCY_ORDER.get(r.urgency, 3)),
    Sort.LABEL: lambda r: r.person.label.casefold(),
    Sort.CHANGED: lambda r: -r.person.updated_at.timestamp(),
}


def worklist(
    store: Store,
    search: str = "",
    wanted: Filter = Filter.ALL,
    sort: Sort = Sort.URGENCY,
    today: dt.date | None = None,
) -> list[Row]:
    """The persons whose label contains ``search`` that pass ``wanted``, sorted by ``sort``."""
    records.check_search(search)
    with store.reading() as session:
        people = [
            PersonPublic.model_validate(row)
            for row in repo.list_persons(session, search, limit=WORKLIST_MAX)
        ]
        ids = [p.id for p in people]
        latest = {pid: row.result for pid, row in repo.latest_assessments(session, ids).items()}
        labs = repo.lab_dates(session, ids)
    day = today or clock.today()
    rows = [
        _row(p, latest.get(p.id) or _unstored_result(store, p.id), labs.get(p.id, []))
        for p in people
    ]
    return sorted((r for r in rows if r.matches(wanted, day)), key=SORT_KEYS[sort])


def page(rows: Sequence[Row], offset: int, limit: int) -> records.Page[Row]:
    """A page of the worklist."""
    start = min(max(offset, 0), len(rows))
    return records.Page(list(rows[start : start + limit]), len(rows), start)
