"""What a reader of NHANES estimates must know about the files read (evidence.md §9.2)."""

from __future__ import annotations

from collections.abc import Sequence

HOLOTC_NOTE = (
    "NHANES never measured holoTC: cB12 needs all four markers (b12, holotc, mma, hcy), so it is "
    "not computed (no dropped-term substitute); active-B12 readings are empty for the same reason"
)
EGFR_NOTE = (
    "eGFR: race-free CKD-EPI 2021 from serum creatinine (BIOPRO LBXSCR, used as reported) for "
    "persons 18 and over; age is top-coded at 80, so eGFR is overstated a little above 80"
)
# Cycles whose serum B12 was measured by radioassay (electrochemiluminescence from 2011).
ASSAY_ERA_OLD = ("1999-2000", "2001-2002", "2003-2004", "2005-2006")
# Indicators that need holoTC, so NHANES leaves them empty (HOLOTC_NOTE says why).
NEEDS_HOLOTC_PREFIXES = ("cb12_", "nice_active_b12_")


def nhanes_notes(cycles: Sequence[str], *, diet: bool = False) -> list[str]:
    """Caveats that follow from the cycles read: weights, top-coded age, assay changes."""
    weight = (
        "day-1 dietary weights WTDRD1 (dietary variables are used; reliable recalls only)"
        if diet
        else "MEC weights WTMEC2YR"
    )
    notes = [
        f"cycles {', '.join(cycles)}; {weight} divided by {len(cycles)}; age is "
        "top-coded at 80 (age_band 80+ is everyone 80 and over)"
    ]
    if any(c in ASSAY_ERA_OLD for c in cycles) and any(c not in ASSAY_ERA_OLD for c in cycles):
        notes.append(
            "serum B12 was measured by radioassay up to 2006 and by electrochemiluminescence from "
            "2011 (MMA by GC/MS, then LC-MS/MS): pooling across the change mixes methods"
        )
    return notes
