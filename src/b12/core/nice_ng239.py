"""NICE NG239 (2024), Vitamin B12 deficiency in over 16s: reading of total and active B12.

Source
------
National Institute for Health and Care Excellence. NG239, March 2024. Thresholds as quoted by
secondary summaries of the guideline (the NICE table itself was not read: evidence ``secondary``);
the follow-up rule ("consider MMA in people with symptoms and an indeterminate total or active B12
result") is verified from the BMJ summary (Sands T et al. BMJ 2024;385:q1019).

Input units: total B12 and holotranscobalamin (active B12) in pmol/L. The guideline gives total B12
in ng/L (180 and 350 ng/L), printed alongside as 133 and 258 pmol/L; b12 uses the pmol/L values.
Indeterminate ranges are inclusive at both ends.
"""

from __future__ import annotations

from enum import StrEnum

from b12.core.readings import MarkerReading, reading
from b12.core.rules import Evidence, register
from b12.core.sources import NICE_NG239
from b12.units import Analyte

SCHEME = "NICE NG239"

TOTAL_B12_DEFICIENCY_BELOW_PMOL_L = 133.0  # NG239: < 180 ng/L (133 pmol/L)
TOTAL_B12_UNLIKELY_ABOVE_PMOL_L = 258.0  # NG239: > 350 ng/L (258 pmol/L)
ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L = 25.0  # NG239: active B12 < 25 pmol/L
ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L = 70.0  # NG239: active B12 > 70 pmol/L

RULE_TOTAL = register(
    "nice-ng239.total-b12",
    "Total B12 < 133 pmol/L (180 ng/L) deficiency likely; 133-258 pmol/L (180-350 ng/L) "
    "indeterminate; > 258 pmol/L (350 ng/L) deficiency unlikely",
    NICE_NG239,
    Evidence.SECONDARY,
    {
        "TOTAL_B12_DEFICIENCY_BELOW_PMOL_L": TOTAL_B12_DEFICIENCY_BELOW_PMOL_L,
        "TOTAL_B12_UNLIKELY_ABOVE_PMOL_L": TOTAL_B12_UNLIKELY_ABOVE_PMOL_L,
    },
)
RULE_ACTIVE = register(
    "nice-ng239.active-b12",
    "Active B12 (holoTC) < 25 pmol/L deficiency likely; 25-70 pmol/L indeterminate; "
    "> 70 pmol/L deficiency unlikely",
    NICE_NG239,
    Evidence.SECONDARY,
    {
        "ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L": ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L,
        "ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L": ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L,
    },
)
RULE_INDETERMINATE_MMA = register(
    "nice-ng239.indeterminate-next-mma",
    "Indeterminate total or active B12 with symptoms: consider serum methylmalonic acid",
    NICE_NG239,
    Evidence.VERIFIED,
)
RULE_INDETERMINATE_ACTIVE = register(
    "nice-ng239.indeterminate-next-active",
    "Indeterminate total B12: the other first-line test (active B12) can help where available",
    NICE_NG239,
    Evidence.SECONDARY,
    note="DECISIONS.md: indeterminate → MMA, and holoTC if not done.",
)
RULE_PREGNANCY_ACTIVE = register(
    "nice-ng239.pregnancy-active-b12",
    "In pregnancy, active B12 (holoTC) is the preferred test, since total B12 falls",
    NICE_NG239,
    Evidence.SECONDARY,
)
RULE_AGE_SCOPE = register(
    "nice-ng239.scope-over-16",
    "NG239 covers people over 16 years",
    NICE_NG239,
    Evidence.VERIFIED,
    {"MIN_AGE_YEARS": 16.0},
)
MIN_AGE_YEARS = 16.0


class NiceReading(StrEnum):
    """NG239's three-way reading of a first-line test."""

    DEFICIENCY_LIKELY = "deficiency_likely"
    INDETERMINATE = "indeterminate"
    DEFICIENCY_UNLIKELY = "deficiency_unlikely"


_MEANING = {
    NiceReading.DEFICIENCY_LIKELY: "B12 deficiency likely",
    NiceReading.INDETERMINATE: "indeterminate: further testing may help",
    NiceReading.DEFICIENCY_UNLIKELY: "B12 deficiency unlikely",
}


def _three_way(value: float, below: float, above: float) -> NiceReading:
    if value < below:
        return NiceReading.DEFICIENCY_LIKELY
    if value > above:
        return NiceReading.DEFICIENCY_UNLIKELY
    return NiceReading.INDETERMINATE


def read_total_b12(pmol_l: float) -> NiceReading:
    """NG239 reading of serum total B12 (pmol/L)."""
    return _three_way(pmol_l, TOTAL_B12_DEFICIENCY_BELOW_PMOL_L, TOTAL_B12_UNLIKELY_ABOVE_PMOL_L)


def read_active_b12(pmol_l: float) -> NiceReading:
    """NG239 reading of active B12 (holotranscobalamin, pmol/L)."""
    return _three_way(pmol_l, ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L, ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L)


def readings(values: dict[Analyte, float]) -> list[MarkerReading]:
    """NG239 readings of whichever first-line tests are present."""
    out = []
    if Analyte.B12 in values:
        category = read_total_b12(values[Analyte.B12])
        out.append(
            reading(
                Analyte.B12, values[Analyte.B12], SCHEME, category, _MEANING[category], RULE_TOTAL
            )
        )
    if Analyte.HOLOTC in values:
        category = read_active_b12(values[Analyte.HOLOTC])
        out.append(
            reading(
                Analyte.HOLOTC,
                values[Analyte.HOLOTC],
                SCHEME,
                category,
                _MEANING[category],
                RULE_ACTIVE,
            )
        )
    return out
