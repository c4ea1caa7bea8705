"""Further single-marker cut-offs from clinical sources that complement NICE NG239.

Sources (all verified from the abstracts or pages quoted in ../shared/knowledge/evidence.md):
- holoTC: Valente et al. — > 30 pmol/L no deficiency, 20-30 indeterminate, < 20 deficiency. Shown
  beside NG239's 25/70 pmol/L because the sources disagree.
- MMA > 0.75 µmol/L "highly suggestive" of deficiency (Practical Neurology N2O review table).
- Homocysteine > 20 µmol/L "may suggest B12 deficiency in folate-replete patients"
  (Harrington DJ, J Clin Pathol 2017).
- Serum folate < 10 nmol/L: possible folate deficiency by rising homocysteine (WHO VMNIS 2012;
  Pfeiffer et al. Am J Clin Nutr 2016).

Input units: holoTC pmol/L; MMA and homocysteine µmol/L; folate nmol/L.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from b12.core.bands import Band, Bands, Closed, Edge, cut_off, stated
from b12.core.person import LabResult
from b12.core.rules import Evidence, register
from b12.core.sources import (
    BSH_2014,
    HARRINGTON_2017,
    PRACT_NEUROL_N2O,
    VALENTE_HOLOTC,
    WHO_FOLATE_2012,
)
from b12.core.status.readings import MarkerReading, reading
from b12.units import ANALYTE, Analyte

HOLOTC_DEFICIENT_BELOW_PMOL_L = 20.0  # Valente
HOLOTC_NO_DEFICIENCY_ABOVE_PMOL_L = 30.0  # Valente
MMA_HIGHLY_SUGGESTIVE_ABOVE_UMOL_L = 0.75  # Practical Neurology
HCY_SUGGESTS_B12_DEFICIENCY_ABOVE_UMOL_L = 20.0  # Harrington 2017, if folate replete
FOLATE_LOW_BELOW_NMOL_L = 10.0  # WHO 2012 / Pfeiffer 2016

RULE_HOLOTC_VALENTE = register(
    "holotc.valente",
    "HoloTC < 20 pmol/L deficiency; 20-30 pmol/L indeterminate; > 30 pmol/L no deficiency",
    VALENTE_HOLOTC,
    Evidence.VERIFIED,
    {
        "HOLOTC_DEFICIENT_BELOW_PMOL_L": HOLOTC_DEFICIENT_BELOW_PMOL_L,
        "HOLOTC_NO_DEFICIENCY_ABOVE_PMOL_L": HOLOTC_NO_DEFICIENCY_ABOVE_PMOL_L,
    },
)
RULE_MMA_HIGHLY_SUGGESTIVE = register(
    "mma.highly-suggestive",
    "MMA > 0.75 µmol/L is highly suggestive of B12 deficiency",
    PRACT_NEUROL_N2O,
    Evidence.VERIFIED,
    {"MMA_HIGHLY_SUGGESTIVE_ABOVE_UMOL_L": MMA_HIGHLY_SUGGESTIVE_ABOVE_UMOL_L},
)
RULE_HCY_SUGGESTS_B12 = register(
    "hcy.harrington2017.20",
    "Homocysteine > 20 µmol/L may suggest B12 deficiency when folate is replete",
    HARRINGTON_2017,
    Evidence.VERIFIED,
    {"HCY_SUGGESTS_B12_DEFICIENCY_ABOVE_UMOL_L": HCY_SUGGESTS_B12_DEFICIENCY_ABOVE_UMOL_L},
)
RULE_FOLATE_LOW = register(
    "folate.who2012.low",
    "Serum folate < 10 nmol/L (4.4 ng/mL): possible folate deficiency (rising homocysteine)",
    WHO_FOLATE_2012,
    Evidence.VERIFIED,
    {"FOLATE_LOW_BELOW_NMOL_L": FOLATE_LOW_BELOW_NMOL_L},
)


DEFICIENCY = "deficiency"
INDETERMINATE = "indeterminate"
NO_DEFICIENCY = "no_deficiency"
HOLOTC_VALENTE_BANDS = Bands(
    ANALYTE.HOLOTC,
    (
        Band(DEFICIENCY, "< 20 pmol/L deficiency"),
        Band(INDETERMINATE, "20-30 pmol/L indeterminate"),
        Band(NO_DEFICIENCY, "> 30 pmol/L no deficiency"),
    ),
    (
        Edge(stated(pmol_L=HOLOTC_DEFICIENT_BELOW_PMOL_L), Closed.ABOVE),  # 20 is indeterminate
        Edge(stated(pmol_L=HOLOTC_NO_DEFICIENCY_ABOVE_PMOL_L), Closed.BELOW),  # 30 is indeterminate
    ),
    RULE_HOLOTC_VALENTE,
)


HIGHLY_SUGGESTIVE = "highly_suggestive"
MMA_HIGHLY_SUGGESTIVE_BANDS = cut_off(
    RULE_MMA_HIGHLY_SUGGESTIVE,
    "MMA",
    ">",
    MMA_HIGHLY_SUGGESTIVE_ABOVE_UMOL_L,
    "µmol/L",
    who="highly suggestive of deficiency",
    met=HIGHLY_SUGGESTIVE,
    unmet="not_highly_suggestive",
    analyte=ANALYTE.MMA,
)
SUGGESTS_B12 = "suggests_b12_deficiency"
HCY_HARRINGTON_BANDS = cut_off(
    RULE_HCY_SUGGESTS_B12,
    "Homocysteine",
    ">",
    HCY_SUGGESTS_B12_DEFICIENCY_ABOVE_UMOL_L,
    "µmol/L",
    who="may suggest B12 deficiency in folate-replete patients",
    met=SUGGESTS_B12,
    unmet="not_suggestive",
    analyte=ANALYTE.HCY,
)
LOW = "low"
FOLATE_BANDS = Bands(
    ANALYTE.FOLATE,
    (
        Band(LOW, "< 10 nmol/L: possible folate deficiency (rising homocysteine)"),
        Band("adequate", "10 nmol/L or more"),
    ),
    # "< 10 nmol/L": 10 itself is not low. WHO also prints 4.4 ng/mL; only the nmol/L edge is
    # declared, as before (values are read in canonical nmol/L).
    (Edge(stated(nmol_L=FOLATE_LOW_BELOW_NMOL_L), Closed.ABOVE),),
    RULE_FOLATE_LOW,
)


def folate_low(nmol_l: float) -> bool:
    """Serum folate below 10 nmol/L."""
    return FOLATE_BANDS.label_canonical(nmol_l) == LOW


def holotc_valente(pmol_l: float) -> str:
    """Valente reading of holoTC: ``deficiency``, ``indeterminate`` or ``no_deficiency``."""
    return HOLOTC_VALENTE_BANDS.label_canonical(pmol_l)


def mma_highly_suggestive(umol_l: float) -> bool:
    """MMA above 0.75 µmol/L."""
    return MMA_HIGHLY_SUGGESTIVE_BANDS.label_canonical(umol_l) == HIGHLY_SUGGESTIVE


def hcy_suggests_b12(umol_l: float) -> bool:
    """Homocysteine above 20 µmol/L (suggests B12 deficiency only when folate is replete)."""
    return HCY_HARRINGTON_BANDS.label_canonical(umol_l) == SUGGESTS_B12


def readings(
    values: dict[Analyte, float], results: Mapping[Analyte, LabResult] | None = None
) -> list[MarkerReading]:
    """Readings by these sources for whichever markers are present; ``results``: the lab results
    the values are of, whose printed value and sample date each reading then carries."""
    results = results or {}
    out = []
    if (holotc := values.get(ANALYTE.HOLOTC)) is not None:
        category = holotc_valente(holotc)
        out.append(
            reading(
                ANALYTE.HOLOTC,
                holotc,
                "HoloTC (Valente)",
                category,
                category.replace("_", " "),
                RULE_HOLOTC_VALENTE,
                **_shown(results, ANALYTE.HOLOTC),
            )
        )
    if (mma := values.get(ANALYTE.MMA)) is not None and mma_highly_suggestive(mma):
        out.append(
            reading(
                ANALYTE.MMA,
                mma,
                "MMA (Practical Neurology)",
                "highly_suggestive",
                "MMA above 0.75 µmol/L is highly suggestive of B12 deficiency",
                RULE_MMA_HIGHLY_SUGGESTIVE,
                **_shown(results, ANALYTE.MMA),
            )
        )
    hcy = values.get(ANALYTE.HCY)
    folate = values.get(ANALYTE.FOLATE)
    if hcy is not None and hcy_suggests_b12(hcy):
        replete = folate is not None and not folate_low(folate)
        out.append(
            reading(
                ANALYTE.HCY,
                hcy,
                "Homocysteine (Harrington 2017)",
                "suggests_b12_deficiency" if replete else "raised_folate_unknown_or_low",
                "homocysteine above 20 µmol/L with adequate folate suggests B12 deficiency"
                if replete
                else "homocysteine above 20 µmol/L; folate is low or unknown, so it "
                "does not single out B12",
                RULE_HCY_SUGGESTS_B12,
                **_shown(results, ANALYTE.HCY),
            )
        )
    if folate is not None:
        low = folate_low(folate)
        out.append(
            reading(
                ANALYTE.FOLATE,
                folate,
                "Serum folate (WHO 2012)",
                "low" if low else "adequate",
                "possible folate deficiency" if low else "not low",
                RULE_FOLATE_LOW,
                **_shown(results, ANALYTE.FOLATE),
            )
        )
    return out


def _shown(results: Mapping[Analyte, LabResult], analyte: Analyte) -> dict[str, Any]:
    """A reading's printed value and sample date, from the lab result it reads (if given)."""
    lab = results.get(analyte)
    return {} if lab is None else {"printed": lab.printed, "date": lab.date}


RULE_LAB_REFERENCE_RANGE = register(
    "bsh2014.local-reference-range",
    "Definitive cut-offs are not possible across methods; local (the lab's own) reference ranges "
    "should be used alongside",
    BSH_2014,
    Evidence.VERIFIED,
)


def lab_range_readings(labs: Iterable[LabResult]) -> list[MarkerReading]:
    """Where the lab printed its own reference range, whether the result lies below, in or above it."""
    out = []
    for lab in labs:
        ref = lab.reference_range
        if ref is None or (ref.low is None and ref.high is None):
            continue
        if ref.low is not None and lab.value < ref.low:
            category = "below_range"
        elif ref.high is not None and lab.value > ref.high:
            category = "above_range"
        else:
            category = "within_range"
        bounds = f"{'' if ref.low is None else f'{ref.low:g}'}-{'' if ref.high is None else f'{ref.high:g}'}"
        out.append(
            reading(
                lab.analyte,
                lab.canonical_value,
                "Lab's own reference range",
                category,
                f"{category.replace('_', ' ')} {bounds} {lab.unit}",
                RULE_LAB_REFERENCE_RANGE,
                printed=lab.printed,
                date=lab.date,
            )
        )
    return out
