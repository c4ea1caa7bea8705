"""NICE NG239: total B12 edges as the guideline states them in each unit, and active B12.

NG239: "less than 180 ng/L (133 pmol/L)" deficiency likely, "more than 350 ng/L (258 pmol/L)"
deficiency unlikely; ng/L equals pg/mL. A value is compared in the unit it is in, against the edge
stated in that unit: 350 pg/mL is indeterminate, while 258.3 pmol/L (350 pg/mL x 0.738) is above
the 258 pmol/L edge and reads deficiency unlikely.
"""

from __future__ import annotations

from typing import Any

from tests.spec.bands.harness import Spec, of_value

from b12.core.person import LabResult
from b12.core.status import nice_ng239 as nice
from b12.units import Analyte

LIKELY, INDETERMINATE, UNLIKELY = (r.value for r in nice.NiceReading)


def _read_total(value: float | None, unit: str, _: dict[str, Any]) -> str | None:
    if value is None:
        return None
    reading = nice.read(LabResult(analyte=Analyte.B12, value=value, unit=unit))
    return None if reading is None else reading.value


TOTAL_PG_ML = (
    (179.9, LIKELY),
    (180.0, INDETERMINATE),
    (180.1, INDETERMINATE),
    (349.9, INDETERMINATE),
    (350.0, INDETERMINATE),
    (350.1, UNLIKELY),
    (None, None),
)
TOTAL_PMOL_L = (
    (132.9, LIKELY),
    (133.0, INDETERMINATE),
    (133.1, INDETERMINATE),
    (257.9, INDETERMINATE),
    (258.0, INDETERMINATE),
    (258.1, UNLIKELY),
    (258.3, UNLIKELY),
    (None, None),
)

SPECS = [
    Spec(
        "ng239 total B12 in pg/mL", nice.TOTAL_B12_BANDS, ("b12", "expected"), TOTAL_PG_ML, "pg/mL"
    ),
    Spec("ng239 total B12 in ng/L", nice.TOTAL_B12_BANDS, ("b12", "expected"), TOTAL_PG_ML, "ng/L"),
    Spec(
        "ng239 total B12 in pmol/L",
        nice.TOTAL_B12_BANDS,
        ("b12", "expected"),
        TOTAL_PMOL_L,
        "pmol/L",
    ),
    Spec(
        "nice_b12 column, b12 mapped in pg/mL",
        nice.TOTAL_B12_BANDS,
        ("b12", "expected"),
        TOTAL_PG_ML,
        "pg/mL",
        output="nice_b12",
        person=_read_total,
    ),
    Spec(
        "nice_b12 column, b12 in pmol/L",
        nice.TOTAL_B12_BANDS,
        ("b12", "expected"),
        TOTAL_PMOL_L,
        output="nice_b12",
        person=_read_total,
    ),
    Spec(
        "nice_b12_indeterminate indicator, b12 mapped in pg/mL",
        nice.TOTAL_B12_BANDS,
        ("b12", "expected"),
        tuple((v, None if e is None else e == INDETERMINATE) for v, e in TOTAL_PG_ML),
        "pg/mL",
        label=INDETERMINATE,
        output="nice_b12_indeterminate",
    ),
    Spec(
        "nice_b12_deficiency_unlikely indicator, b12 in pmol/L",
        nice.TOTAL_B12_BANDS,
        ("b12", "expected"),
        tuple((v, None if e is None else e == UNLIKELY) for v, e in TOTAL_PMOL_L),
        label=UNLIKELY,
        output="nice_b12_deficiency_unlikely",
    ),
    Spec(
        "nice_active_b12 column",
        nice.ACTIVE_B12_BANDS,
        ("holotc", "expected"),
        (
            (24.9, LIKELY),
            (25.0, INDETERMINATE),
            (25.1, INDETERMINATE),
            (69.9, INDETERMINATE),
            (70.0, INDETERMINATE),
            (70.1, UNLIKELY),
            (None, None),
        ),
        output="nice_active_b12",
        person=of_value(lambda v: nice.read_active_b12(v).value),
    ),
    Spec(
        "NG239 age scope (16 itself is covered, as before)",
        nice.AGE_SCOPE_BANDS,
        ("age", "expected"),
        ((15.99, True), (16.0, False), (16.01, False), (None, None)),
        label=nice.UNDER_16,
        person=of_value(nice.below_scope_age),
    ),
]
