"""Screening cut-offs: older adults "over 50 years" (IOM 1998) and PPI or H2 blocker use for
">= 10 months" (Miller 2018).

"Over 50": 50 itself is not an older adult. ">= 10 months": 10 months is prolonged use; months are
whole months since the start date.
"""

from __future__ import annotations

from tests.spec.bands.harness import Spec, of_value

from b12.core.screening import rules

SPECS = [
    Spec(
        "older adult over 50 years",
        rules.OLDER_ADULT_BANDS,
        ("age", "expected"),
        ((49.99, False), (50.0, False), (50.01, True), (None, None)),
        label=rules.OLDER_ADULT,
        person=of_value(rules.older_adult),
    ),
    Spec(
        "prolonged PPI or H2 blocker use",
        rules.ACID_SUPPRESSION_BANDS,
        ("months", "expected"),
        (
            (9.0, "shorter"),
            (9.99, "shorter"),
            (10.0, rules.PROLONGED),
            (11.0, rules.PROLONGED),
            (None, None),
        ),
    ),
]
