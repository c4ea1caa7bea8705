"""Malnutrition risk from a low BMI (GLIM 2019) and reported weight loss.

Source
------
Cederholm T, Jensen GL, et al. GLIM criteria for the diagnosis of malnutrition. Clin Nutr
2019;38(1):1-9, phenotypic criteria as reproduced (``secondary``): low body mass index "< 20 if
< 70 years, or < 22 if > 70 years" (medicalcriteria.com; another reproduction reads "< 22 kg/m2
> 70 years, < 20 kg/m2 for < 70 years"); non-volitional weight loss > 5% within 6 months. GLIM
diagnoses malnutrition only with a phenotypic and an etiologic criterion after screening with a
validated tool, so b12 says "risk" and asks for a nutrition assessment; it never diagnoses.

Age 70 itself: "< 20 if < 70 years" leaves 70 out of the younger band, so 70 takes < 22.
A reported weight loss has no percentage, so it cannot meet GLIM's > 5% alone; it is named as a
reason for the same assessment.

Input units: age in years; BMI in kg/m².
"""

from __future__ import annotations

import re

from b12.core.bands import LOW, cut_off
from b12.core.rules import Evidence, register
from b12.core.sources import GLIM_2019

GLIM_OLDER_FROM_AGE_YEARS = 70.0
GLIM_LOW_BMI_BELOW_UNDER_70_KG_M2 = 20.0
GLIM_LOW_BMI_BELOW_FROM_70_KG_M2 = 22.0

RULE_LOW_BMI = register(
    "diet.glim.low-bmi",
    "Malnutrition risk (GLIM phenotypic criterion): BMI < 20 kg/m² under 70 years, < 22 kg/m² at "
    "70 and over; reported weight loss is named too; a nutrition assessment (dietitian; "
    "MNA, MUST or GLIM) is advised",
    GLIM_2019,
    Evidence.SECONDARY,
    {
        "GLIM_OLDER_FROM_AGE_YEARS": GLIM_OLDER_FROM_AGE_YEARS,
        "GLIM_LOW_BMI_BELOW_UNDER_70_KG_M2": GLIM_LOW_BMI_BELOW_UNDER_70_KG_M2,
        "GLIM_LOW_BMI_BELOW_FROM_70_KG_M2": GLIM_LOW_BMI_BELOW_FROM_70_KG_M2,
    },
    note="Read in reproductions of the GLIM table, not the paper; GLIM's Asian cut-offs (< 18.5 / "
    "< 20) are not applied.",
)

OLDER = "70_and_over"
GLIM_AGE_BANDS = cut_off(
    RULE_LOW_BMI, "age", ">=", GLIM_OLDER_FROM_AGE_YEARS, "years", met=OLDER, unmet="under_70"
)
LOW_BMI_UNDER_70_BANDS = cut_off(
    RULE_LOW_BMI, "BMI", "<", GLIM_LOW_BMI_BELOW_UNDER_70_KG_M2, "kg/m²", who="under 70 years"
)
LOW_BMI_FROM_70_BANDS = cut_off(
    RULE_LOW_BMI, "BMI", "<", GLIM_LOW_BMI_BELOW_FROM_70_KG_M2, "kg/m²", who="70 years and over"
)
_WEIGHT_LOSS = re.compile(r"weight loss|losing weight|lost weight|weight falling", re.IGNORECASE)
_NOT_A_SYMPTOM = re.compile(r"surgery|programme|program|diet\b", re.IGNORECASE)


def low_bmi_below(age_years: float) -> float:
    """GLIM's low-BMI cut-off for this age (kg/m²)."""
    older = GLIM_AGE_BANDS.label_canonical(age_years) == OLDER
    return GLIM_LOW_BMI_BELOW_FROM_70_KG_M2 if older else GLIM_LOW_BMI_BELOW_UNDER_70_KG_M2


def low_bmi(age_years: float, bmi_kg_m2: float | None) -> bool:
    """Whether the BMI is below GLIM's cut-off for the age (False when BMI is unknown)."""
    if bmi_kg_m2 is None:
        return False
    older = GLIM_AGE_BANDS.label_canonical(age_years) == OLDER
    bands = LOW_BMI_FROM_70_BANDS if older else LOW_BMI_UNDER_70_BANDS
    return bands.label_canonical(bmi_kg_m2) == LOW


def reported_weight_loss(symptoms: list[str]) -> str | None:
    """The first symptom that reports weight loss (not a weight-loss operation or diet), if any."""
    if not symptoms:
        return None
    return next(
        (s for s in symptoms if _WEIGHT_LOSS.search(s) and not _NOT_A_SYMPTOM.search(s)), None
    )
