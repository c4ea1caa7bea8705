"""Laboratory results below the lower limit of detection (LLOD), as NHANES reports them.

NHANES puts a fill value of ``LLOD/√2`` in the result column for a result below the LLOD, and a
comment-code variable (name ending in ``LC``, e.g. ``LBDMMALC``) is 1 for such results (CDC/NCHS
tutorial, verified). The fill value lies below the LLOD, so any cut-off *above* the LLOD classifies
a below-LLOD result correctly as below the cut-off, which is what b12's indicators rely on; a
cut-off at or below the LLOD could not be read from such data at all.

LLODs of the 2013-2014 cycle (codebooks VITB12_H and MMA_H, evidence.md §9.1, verified): serum B12
30 pg/mL, methylmalonic acid 22.1 nmol/L. Other cycles' limits are not in b12's rule data.

Input units: as named in each constant (pg/mL for B12 as the codebook states it, µmol/L for MMA).
"""

from __future__ import annotations

import math

from b12.core.rules import Evidence, register
from b12.core.sources import NCHS_LOD_TUTORIAL, NHANES_2013_LAB_DOCS

BELOW_LLOD_FILL_DIVISOR = math.sqrt(2.0)  # NHANES: fill value = LLOD / sqrt(2)
B12_LLOD_PG_ML_2013_2014 = 30.0  # VITB12_H codebook
MMA_LLOD_UMOL_L_2013_2014 = 0.0221  # MMA_H codebook: 22.1 nmol/L

RULE_LLOD_FILL = register(
    "nhanes.llod-fill",
    "NHANES results below the lower limit of detection are reported as LLOD/√2, flagged 1 in "
    "the comment-code variable (…LC)",
    NCHS_LOD_TUTORIAL,
    Evidence.VERIFIED,
    {"BELOW_LLOD_FILL_DIVISOR": BELOW_LLOD_FILL_DIVISOR},
)
RULE_LLOD_2013 = register(
    "nhanes.llod.2013-2014",
    "NHANES 2013-2014 lower limits of detection: serum B12 30 pg/mL (VITB12_H), MMA 22.1 nmol/L "
    "(MMA_H)",
    NHANES_2013_LAB_DOCS,
    Evidence.VERIFIED,
    {
        "B12_LLOD_PG_ML_2013_2014": B12_LLOD_PG_ML_2013_2014,
        "MMA_LLOD_UMOL_L_2013_2014": MMA_LLOD_UMOL_L_2013_2014,
    },
    note="Read in evidence.md §9.1, which quotes the two codebooks.",
)


def below_llod_fill(llod: float) -> float:
    """The value NHANES reports for a result below ``llod`` (same unit as ``llod``).

    References
    ----------
    CDC/NCHS NHANES tutorials: Key Concepts About Limit of Detection Issues and Variables.
    """
    return llod / BELOW_LLOD_FILL_DIVISOR


def cut_off_readable(cut_off: float, llod: float) -> bool:
    """Whether a cut-off classifies below-LLOD results correctly (it lies above the LLOD)."""
    return cut_off > llod
