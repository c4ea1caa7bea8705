"""The judgment's own cut-offs: the older-age MMA interval (Danish reference, from 65 years, MMA up
to 0.46 µmol/L), the recent-injection window (3 months) and the review time (3 months).

The older-age interval is stratified: no reading below 65 years or without an age.
"""

from __future__ import annotations

from tests.spec.bands.harness import Spec

from b12.core.status.judgment import rules as jr

SPECS = [
    Spec(
        "older-age MMA reference interval",
        jr.OLDER_MMA_REFERENCE,
        ("mma", "age", "expected"),
        (
            (0.45, 65.0, True),
            (0.46, 65.0, True),
            (0.47, 65.0, False),
            (0.46, 64.99, None),  # the interval applies from 65 years
            (0.46, 65.01, True),
            (0.46, None, None),
            (None, 70.0, None),
        ),
        label=jr.WITHIN_OLDER_REFERENCE,
    ),
    Spec(
        "from 65 years",
        jr.OLDER_AGE_BANDS,
        ("age", "expected"),
        ((64.99, "under_65"), (65.0, jr.OLDER), (65.01, jr.OLDER), (None, None)),
    ),
    Spec(
        "recent injection window",
        jr.RECENT_INJECTION_BANDS,
        ("months", "expected"),
        ((2.99, True), (3.0, False), (3.01, False), (None, None)),
        label=jr.RECENT,
    ),
    Spec(
        "too early to review",
        jr.REVIEW_BANDS,
        ("months", "expected"),
        ((2.99, True), (3.0, False), (3.01, False), (None, None)),
        label=jr.TOO_EARLY,
    ),
    Spec(
        "too early to review in pregnancy or breastfeeding",
        jr.REVIEW_BANDS_PREGNANCY,
        ("months", "expected"),
        ((0.99, True), (1.0, False), (1.01, False), (None, None)),
        label=jr.TOO_EARLY,
    ),
]
