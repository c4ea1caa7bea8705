"""KDIGO 2012 GFR categories, the eGFR < 60 confounder flag, WHO 2011 anaemia, MCV > 100 fL.

WHO 2011 anaemia is stratified: < 110 g/L in pregnancy, < 120 g/L in other women, < 130 g/L in
men, from 15 years (no reading without sex); children of any sex < 110 g/L at 6-59 months, < 115 g/L
at 5-11 years, < 120 g/L at 12-14 years; no reading under 6 months. A missing pregnancy field counts
as not pregnant.
"""

from __future__ import annotations

from typing import Any

from tests.spec.bands.harness import Spec, of_value, steps

from b12.core.kidney_blood import blood_count, kdigo_gfr
from b12.core.sex import Sex
from b12.core.status import confounders


def _anaemia(value: float | None, _: str, fields: dict[str, Any]) -> bool | None:
    sex, age = fields["sex"], fields["age"]
    if value is None or age is None:
        return None
    return blood_count.anaemia(value, sex and Sex(sex), age, bool(fields["pregnant"]))


SPECS = [
    Spec(
        "egfr_band column (lab eGFR)",
        kdigo_gfr.GFR_BANDS,
        ("egfr", "expected"),
        steps("G5", (15.0, "G4"), (30.0, "G3b"), (45.0, "G3a"), (60.0, "G2"), (90.0, "G1")),
        output="egfr_band",
        person=of_value(kdigo_gfr.gfr_category),
    ),
    Spec(
        "egfr_below_60 indicator (lab eGFR)",
        confounders.EGFR_BANDS,
        ("egfr", "expected"),
        ((59.99, True), (60.0, False), (60.01, False), (None, None)),
        label=confounders.REDUCED,
        output="egfr_below_60",
        person=of_value(confounders.egfr_reduced),
    ),
    Spec(
        "anaemia indicator by sex, age and pregnancy",
        blood_count.ANAEMIA_BANDS,
        ("hemoglobin", "sex", "age", "pregnant", "expected"),
        (
            (129.9, "male", 40.0, None, True),
            (130.0, "male", 40.0, None, False),
            (119.9, "female", 40.0, False, True),
            (120.0, "female", 40.0, False, False),
            (120.0, "female", 40.0, None, False),
            (109.9, "female", 30.0, True, True),
            (110.0, "female", 30.0, True, False),
            (115.0, "male", 30.0, True, True),  # pregnancy is read for women only
            (119.9, "female", 14.99, False, True),  # 12-14 years: < 120, any sex
            (120.0, None, 14.99, None, False),
            (114.9, "male", 5.0, None, True),  # 5-11 years: < 115
            (115.0, "male", 11.99, None, False),
            (109.9, None, 0.5, None, True),  # 6-59 months: < 110
            (110.0, "female", 4.99, None, False),
            (80.0, "male", 0.49, None, None),  # under 6 months: no WHO threshold
            (129.9, "male", 15.0, None, True),
            (100.0, None, 40.0, None, None),
            (100.0, "male", None, None, None),
            (None, "male", 40.0, None, None),
        ),
        label=blood_count.ANAEMIA,
        output="anaemia",
        person=_anaemia,
    ),
    Spec(
        "macrocytosis indicator",
        blood_count.MCV_BANDS,
        ("mcv", "expected"),
        ((99.9, False), (100.0, False), (100.1, True), (None, None)),
        label=blood_count.MACROCYTOSIS,
        output="macrocytosis",
        person=of_value(blood_count.macrocytosis),
    ),
]
