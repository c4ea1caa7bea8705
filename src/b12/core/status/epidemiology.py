"""Epidemiological bands used in population studies (NHANES and similar surveys).

Sources
-------
Serum B12: Allen LH. Am J Clin Nutr 2009;89:693S-696S — "plasma vitamin B-12 < 148 pmol/L"
deficient, "148-221 pmol/L" marginal (both verified). Mineva 2020 uses 148-222, Qi 2014 uses 148-258;
b12 follows Allen 2009 and DECISIONS.md (148-221 inclusive).
MMA: > 271 nmol/L (0.271 µmol/L) elevated — Mayo Clinic Laboratories reference interval 73-271 nmol/L
and Dinesh et al. J Nutr 2023 (verified). CDC 2020 used an age-specific 250-320 nmol/L cut-off whose
bands were not retrieved.
Homocysteine: > 15 µmol/L elevated (clinical reference, Practical Neurology table, verified);
CDC epidemiology uses > 13 µmol/L (Mineva 2020, verified). Both are shown.

Input units: B12 pmol/L; MMA and homocysteine µmol/L.
"""

from __future__ import annotations

from b12.core.bands import Band, Bands, Closed, Edge, stated, stated_in
from b12.core.rules import Evidence, register
from b12.core.sources import ALLEN_2009, MAYO_MMA, MINEVA_2020, PRACT_NEUROL_N2O
from b12.core.status.readings import MarkerReading, reading
from b12.units import ANALYTE, REGISTRY, Analyte

SERUM_B12_DEFICIENT_BELOW_PMOL_L = 148.0  # Allen 2009
SERUM_B12_MARGINAL_UPTO_PMOL_L = 221.0  # Allen 2009, inclusive
MMA_ELEVATED_ABOVE_UMOL_L = 0.271  # Mayo reference interval upper limit 271 nmol/L
HCY_ELEVATED_ABOVE_UMOL_L = 15.0  # clinical reference < 15 µmol/L
HCY_ELEVATED_CDC_ABOVE_UMOL_L = 13.0  # CDC epidemiology (Mineva 2020)

RULE_SERUM_B12_BANDS = register(
    "epi.serum-b12.allen2009",
    "Serum B12 < 148 pmol/L deficient; 148-221 pmol/L marginal; > 221 pmol/L adequate",
    ALLEN_2009,
    Evidence.VERIFIED,
    {
        "SERUM_B12_DEFICIENT_BELOW_PMOL_L": SERUM_B12_DEFICIENT_BELOW_PMOL_L,
        "SERUM_B12_MARGINAL_UPTO_PMOL_L": SERUM_B12_MARGINAL_UPTO_PMOL_L,
    },
)
RULE_MMA_ELEVATED = register(
    "epi.mma.271",
    "MMA > 0.271 µmol/L (271 nmol/L) elevated",
    MAYO_MMA,
    Evidence.VERIFIED,
    {"MMA_ELEVATED_ABOVE_UMOL_L": MMA_ELEVATED_ABOVE_UMOL_L},
    note="NICE NG239's own MMA cut-off was not verified and is not used.",
)
RULE_HCY_ELEVATED = register(
    "clinical.hcy.15",
    "Homocysteine > 15 µmol/L elevated (clinical reference < 15 µmol/L)",
    PRACT_NEUROL_N2O,
    Evidence.VERIFIED,
    {"HCY_ELEVATED_ABOVE_UMOL_L": HCY_ELEVATED_ABOVE_UMOL_L},
)
RULE_HCY_ELEVATED_CDC = register(
    "epi.hcy.cdc13",
    "Homocysteine > 13 µmol/L elevated in CDC's NHANES analyses",
    MINEVA_2020,
    Evidence.VERIFIED,
    {"HCY_ELEVATED_CDC_ABOVE_UMOL_L": HCY_ELEVATED_CDC_ABOVE_UMOL_L},
)


SERUM_B12_BANDS = Bands(
    ANALYTE.B12,
    (
        Band("deficient", "plasma vitamin B-12 < 148 pmol/L"),
        Band("marginal", "148-221 pmol/L"),
        Band("adequate", "> 221 pmol/L"),
    ),
    (
        Edge(stated(pmol_L=SERUM_B12_DEFICIENT_BELOW_PMOL_L), Closed.ABOVE),  # 148 is marginal
        Edge(stated(pmol_L=SERUM_B12_MARGINAL_UPTO_PMOL_L), Closed.BELOW),  # 221 is marginal
    ),
    RULE_SERUM_B12_BANDS,
)

ELEVATED = "elevated"
NORMAL = "normal"


def _elevated_above(analyte: Analyte, value: float, rule: str, wording: str) -> Bands:
    """Two bands, normal and elevated, with the edge itself normal ("> x elevated").

    ``value`` is in the analyte's canonical unit.
    """
    unit = REGISTRY[analyte].canonical
    return Bands(
        analyte,
        (Band(NORMAL, f"up to {value:g} {unit}"), Band(ELEVATED, wording)),
        (Edge(stated_in(unit, value), Closed.BELOW),),
        rule,
    )


MMA_BANDS = _elevated_above(
    ANALYTE.MMA, MMA_ELEVATED_ABOVE_UMOL_L, RULE_MMA_ELEVATED, "> 271 nmol/L elevated"
)
HCY_BANDS = _elevated_above(
    ANALYTE.HCY, HCY_ELEVATED_ABOVE_UMOL_L, RULE_HCY_ELEVATED, "> 15 µmol/L elevated"
)
HCY_CDC_BANDS = _elevated_above(
    ANALYTE.HCY, HCY_ELEVATED_CDC_ABOVE_UMOL_L, RULE_HCY_ELEVATED_CDC, "> 13 µmol/L elevated"
)


def serum_b12_band(pmol_l: float) -> str:
    """``deficient`` (< 148), ``marginal`` (148-221 inclusive) or ``adequate`` (> 221)."""
    return SERUM_B12_BANDS.label_canonical(pmol_l)


def mma_elevated(umol_l: float) -> bool:
    """MMA above 0.271 µmol/L."""
    return MMA_BANDS.label_canonical(umol_l) == ELEVATED


def hcy_elevated(umol_l: float, cdc: bool = False) -> bool:
    """Homocysteine above 15 µmol/L, or above 13 µmol/L with ``cdc=True``."""
    return (HCY_CDC_BANDS if cdc else HCY_BANDS).label_canonical(umol_l) == ELEVATED


def readings(values: dict[Analyte, float]) -> list[MarkerReading]:
    """Epidemiological readings of serum B12, MMA and homocysteine, where present."""
    out = []
    if (b12 := values.get(ANALYTE.B12)) is not None:
        band = serum_b12_band(b12)
        out.append(
            reading(
                ANALYTE.B12,
                b12,
                "Epidemiological bands (Allen 2009)",
                band,
                f"{band} serum B12 in population terms",
                RULE_SERUM_B12_BANDS,
            )
        )
    if (mma := values.get(ANALYTE.MMA)) is not None:
        high = mma_elevated(mma)
        out.append(
            reading(
                ANALYTE.MMA,
                mma,
                "MMA reference (Mayo 271 nmol/L)",
                "elevated" if high else "normal",
                "raised: a sign of functional B12 deficiency, unless kidney function explains it"
                if high
                else "within the reference interval",
                RULE_MMA_ELEVATED,
            )
        )
    if (hcy := values.get(ANALYTE.HCY)) is not None:
        for cdc, scheme, rule in (
            (False, "Homocysteine clinical reference (> 15 µmol/L)", RULE_HCY_ELEVATED),
            (True, "Homocysteine CDC epidemiology (> 13 µmol/L)", RULE_HCY_ELEVATED_CDC),
        ):
            high = hcy_elevated(hcy, cdc=cdc)
            out.append(
                reading(
                    ANALYTE.HCY,
                    hcy,
                    scheme,
                    "elevated" if high else "normal",
                    "raised: B12 or folate deficiency, kidney function, B6 or thyroid"
                    if high
                    else "not raised",
                    rule,
                )
            )
    return out
