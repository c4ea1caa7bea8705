"""Age bands of ``--by age_band`` (b12's choice): the lower edge is inclusive."""

from __future__ import annotations

from tests.spec.bands.harness import Spec

from b12.core.survey import standards

SPECS = [
    Spec(
        "age_band column",
        standards.AGE_BANDS,
        ("age", "expected"),
        (
            (0.0, "0-19"),
            (19.99, "0-19"),
            (20.0, "20-39"),
            (39.99, "20-39"),
            (40.0, "40-59"),
            (59.99, "40-59"),
            (60.0, "60-69"),
            (69.99, "60-69"),
            (70.0, "70-79"),
            (79.99, "70-79"),
            (80.0, "80+"),
            (None, None),
        ),
        output="age_band",
        person=lambda v, _u, _f: None if v is None else standards.age_band(v),
    ),
]
