"""b12's one judgment of B12 status, derived from the evidence list (DECISIONS.md, "One judgment").

Every interface (terminal, JSON, web, PDF, FHIR, CDS cards) shows this judgment and none computes
its own. The level is derived from the evidence items; confidence and urgency follow written rules in
:mod:`b12.core.status.judgment.rules`; the thresholds live in the instrument modules.

References
----------
NICE NG239 (2024); Devalia V et al. Br J Haematol 2014;166:496-513 (BSH); BNF; BNSSG ICB B12
guideline; and the sources of each rule listed in the output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from b12.core.findings import Finding
from b12.core.person import LabEntry, Person
from b12.core.status.cb12 import Cb12Result
from b12.core.status.judgment import conclude, derive, evidence
from b12.core.status.judgment.model import (
    CARD_INDICATOR,
    CONFIDENCE_ORDER,
    SEVERITY,
    TREAT,
    URGENCY_ORDER,
    Confidence,
    Direction,
    EvidenceItem,
    Judgment,
    Kind,
    Level,
    Response,
    ResultUse,
    Urgency,
    treatment_start,
)

__all__ = [
    "CARD_INDICATOR",
    "CONFIDENCE_ORDER",
    "JUDGMENT_VERSION",
    "SEVERITY",
    "TREAT",
    "URGENCY_ORDER",
    "Confidence",
    "Direction",
    "EvidenceItem",
    "Judgment",
    "Kind",
    "Level",
    "Response",
    "ResultUse",
    "Urgency",
    "judge",
    "treatment_start",
]

# Bump when a rule change can change a stored judgment: stored assessments of another version are
# re-assessed on view. A date, so that it is no clinical number.
JUDGMENT_VERSION = "2026-12-06.4"


def judge(
    person: Person,
    assessed_on: dt.date,
    cb12: Cb12Result,
    cb12_date: dt.date | None,
    caveats: list[Finding],
    not_yet: Sequence[LabEntry] = (),
) -> Judgment:
    """Combine every marker, sign, caveat and the treatment history into one judgment
    (``not_yet``: results dated after ``assessed_on``, kept out of ``person``: listed as not
    read)."""
    ctx = evidence.context(person, assessed_on)
    items = derive.gather(person, ctx, cb12, cb12_date, caveats)
    return conclude.conclude(person, ctx, items, JUDGMENT_VERSION, not_yet)
