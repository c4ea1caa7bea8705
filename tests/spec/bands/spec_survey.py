"""Age bands of ``--by age_band`` (b12's choice): the lower edge is inclusive."""

from __future__ import annotations

from tests.spec.bands.harness import Spec, of_value, steps

from b12.core.survey import standards

SPECS = [
    Spec(
        "age_band column",
        standards.AGE_BANDS,
        ("age", "expected"),
        (
            (0.0, "0-19"),
            *steps(
                "0-19",
                (20.0, "20-39"),
                (40.0, "40-59"),
                (60.0, "60-69"),
                (70.0, "70-79"),
                (80.0, "80+"),
            ),
        ),
        output="age_band",
        person=of_value(standards.age_band),
    ),
]
