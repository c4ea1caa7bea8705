"""Estimated GFR from serum creatinine: the race-free CKD-EPI 2021 equation.

Source
------
Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based equations to estimate GFR
without race. N Engl J Med 2021;385:1737-1749. Equation as published by the National Kidney
Foundation (kidney.org/ckd-epi-creatinine-equation-2021)::

    eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [if female]

κ = 0.7 (female) or 0.9 (male); α = −0.241 (female) or −0.302 (male); Scr in mg/dL (IDMS-traceable);
for adults (18 years and over). Output in mL/min/1.73 m². b12 uses it only when a lab eGFR is absent.
"""

from __future__ import annotations

from typing import Any

from b12.core.arithmetic import FLOATS, Arithmetic
from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.rules import Evidence, register
from b12.core.sex import SEX, BySex, Sex
from b12.core.sources import CKD_EPI_2021
from b12.units import Analyte, from_canonical

SCALE = 142.0
UPPER_EXPONENT = -1.200
AGE_BASE = 0.9938
FEMALE_FACTOR = 1.012
MIN_AGE_YEARS = 18.0
KAPPA_MG_DL = BySex(male=0.9, female=0.7)
ALPHA = BySex(male=-0.302, female=-0.241)

RULE = register(
    "egfr.ckd-epi-2021",
    "eGFR = 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age × 1.012 if female",
    CKD_EPI_2021,
    Evidence.VERIFIED,
    {
        "SCALE": SCALE,
        "UPPER_EXPONENT": UPPER_EXPONENT,
        "AGE_BASE": AGE_BASE,
        "FEMALE_FACTOR": FEMALE_FACTOR,
        "MIN_AGE_YEARS": MIN_AGE_YEARS,
        **KAPPA_MG_DL.parameters("KAPPA_MG_DL"),
        **ALPHA.parameters("ALPHA"),
    },
)

ADULT = "adult"
# "For adults (18 years and over)": 18.0 itself is in scope.
AGE_SCOPE = Bands(
    None,
    (Band("under_18", "under 18 years: not for children"), Band(ADULT, "18 years and over")),
    (Edge(stated_in("years", MIN_AGE_YEARS), Closed.ABOVE),),
    RULE,
)


def applies(age_years: float) -> bool:
    """Whether the equation applies at this age (adults)."""
    return AGE_SCOPE.label_canonical(age_years) == ADULT


def formula(creatinine_mg_dl: Any, age_years: Any, female: Any, ops: Arithmetic = FLOATS) -> Any:
    """The CKD-EPI 2021 equation over floats or columns; ``female`` a bool or a boolean column.

    The one copy of the equation: :func:`egfr` calls it with floats, the cohort engines with
    column expressions and their ``ops`` (:mod:`b12.core.arithmetic`).

    References
    ----------
    Inker LA et al. N Engl J Med 2021;385:1737-1749.
    """
    kappa = ops.where(female, KAPPA_MG_DL[SEX.FEMALE], KAPPA_MG_DL[SEX.MALE])
    alpha = ops.where(female, ALPHA[SEX.FEMALE], ALPHA[SEX.MALE])
    ratio = creatinine_mg_dl / kappa
    value = (
        SCALE
        * ops.least(ratio, 1.0) ** alpha
        * ops.greatest(ratio, 1.0) ** UPPER_EXPONENT
        * ops.power(AGE_BASE, age_years)
    )
    return value * ops.where(female, FEMALE_FACTOR, 1.0)


def egfr(creatinine_umol_l: float, age_years: float, sex: Sex) -> float:
    """CKD-EPI 2021 eGFR (mL/min/1.73 m²) from serum creatinine in µmol/L.

    References
    ----------
    Inker LA et al. N Engl J Med 2021;385:1737-1749.
    """
    mg_dl = from_canonical(Analyte.CREATININE, creatinine_umol_l, "mg/dL")
    value: float = formula(mg_dl, age_years, sex is SEX.FEMALE)
    return value
