"""GFR categories G1-G5 of KDIGO 2012 (chronic kidney disease guideline, Table 5).

Source
------
KDIGO 2012 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney
Disease. Kidney Int Suppl 2013;3:19-62, doi:10.1038/kisup.2012.64. Categories in mL/min/1.73 m²:
G1 ≥ 90 (normal or high), G2 60-89 (mildly decreased), G3a 45-59 (mildly to moderately
decreased), G3b 30-44 (moderately to severely decreased), G4 15-29 (severely decreased),
G5 < 15 (kidney failure); read as reprinted in a journal table (level ``secondary``). A
continuous eGFR takes the category whose lower edge it reaches (59.5 is G3a). Without markers of
kidney damage G1 and G2 are not chronic kidney disease; b12 has only eGFR, so the category is a
band, not a diagnosis.

Input unit: mL/min/1.73 m².
"""

from __future__ import annotations

from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.rules import Evidence, register
from b12.core.sources import KDIGO_2012_GFR
from b12.units import REGISTRY, Analyte

G1_FROM_ML_MIN = 90.0
G2_FROM_ML_MIN = 60.0
G3A_FROM_ML_MIN = 45.0
G3B_FROM_ML_MIN = 30.0
G4_FROM_ML_MIN = 15.0

RULE_GFR_CATEGORIES = register(
    "kdigo-2012.gfr-categories",
    "GFR categories (mL/min/1.73 m²): G1 ≥ 90, G2 60-89, G3a 45-59, G3b 30-44, G4 15-29, G5 < 15",
    KDIGO_2012_GFR,
    Evidence.SECONDARY,
    {
        "G1_FROM_ML_MIN": G1_FROM_ML_MIN,
        "G2_FROM_ML_MIN": G2_FROM_ML_MIN,
        "G3A_FROM_ML_MIN": G3A_FROM_ML_MIN,
        "G3B_FROM_ML_MIN": G3B_FROM_ML_MIN,
        "G4_FROM_ML_MIN": G4_FROM_ML_MIN,
    },
)


def _from(value: float) -> Edge:
    # "G2 60-89": a category starts at its lower edge (59.5 is G3a, 60 is G2).
    return Edge(stated_in(REGISTRY[Analyte.EGFR].canonical, value), Closed.ABOVE)


GFR_BANDS = Bands(
    Analyte.EGFR,
    (
        Band("G5", "G5 < 15 (kidney failure)"),
        Band("G4", "G4 15-29 (severely decreased)"),
        Band("G3b", "G3b 30-44 (moderately to severely decreased)"),
        Band("G3a", "G3a 45-59 (mildly to moderately decreased)"),
        Band("G2", "G2 60-89 (mildly decreased)"),
        Band("G1", "G1 ≥ 90 (normal or high)"),
    ),
    (
        _from(G4_FROM_ML_MIN),
        _from(G3B_FROM_ML_MIN),
        _from(G3A_FROM_ML_MIN),
        _from(G2_FROM_ML_MIN),
        _from(G1_FROM_ML_MIN),
    ),
    RULE_GFR_CATEGORIES,
)


def gfr_category(egfr_ml_min: float) -> str:
    """KDIGO 2012 GFR category of an eGFR (mL/min/1.73 m²).

    References
    ----------
    KDIGO 2012 CKD guideline, Kidney Int Suppl 2013;3:19-62, Table 5.
    """
    return GFR_BANDS.label_canonical(egfr_ml_min)
