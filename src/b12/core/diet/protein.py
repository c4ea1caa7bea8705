"""Protein and exercise for older people whose muscle health is at risk.

Sources
-------
- PROT-AGE: Bauer J, Biolo G, Cederholm T, et al. J Am Med Dir Assoc 2013;14(8):542-559.
  doi:10.1016/j.jamda.2013.05.021 (``verified`` from the abstract): people over 65 need on average
  1.0-1.2 g/kg body weight/day; those exercising or otherwise active >= 1.2 g/kg/day; most with
  acute or chronic disease 1.2-1.5 g/kg/day; people with severe kidney disease
  (eGFR < 30 mL/min/1.73 m²) not on dialysis may need to limit protein.
- ESPEN Expert Group: Deutz NEP, Bauer JM, Barazzoni R, et al. Clin Nutr 2014;33(6):929-936.
  doi:10.1016/j.clnu.2014.04.007 (``verified``): healthy older people at least 1.0-1.2 g/kg/day;
  malnourished or ill 1.2-1.5 g/kg/day; daily physical activity and resistance and aerobic exercise.
- Adult RDA 0.8 g/kg/day (Landi F et al. Nutrients 2016 abstract, ``verified``) for people not
  covered by PROT-AGE, and the ceiling b12 gives below eGFR 30 not on dialysis (KDIGO 2024
  suggests 0.8 g/kg/day in G3-G5; the amount is set by the renal team).
- IOM 2005 Dietary Reference Intakes for macronutrients (summary, ``secondary``): in pregnancy no
  additional protein in the first trimester, then an RDA of 1.1 g/kg/day in the second and third.
- KDIGO 2024, recommendation 3.3.1.1 and practice point 3.3.1.1 (summary, ``secondary``): 0.8
  g/kg/day in CKD G3-G5; "Avoid high protein intake (>1.3 g/kg body weight/d)" in CKD at risk of
  progression. In G3 (eGFR 30-59) b12 keeps to PROT-AGE's 1.0-1.2 rather than the 1.2-1.5 disease
  range, whose top is above 1.3.
- KDOQI 2020 nutrition in CKD (table, ``secondary``): 1.0-1.2 g/kg/day for metabolically stable
  people on maintenance haemodialysis or peritoneal dialysis; medical nutrition therapy by a
  dietitian. PROT-AGE's limit is for people "not on dialysis".

Input units: age in years; body weight in kg; eGFR in mL/min/1.73 m². Output in g/kg/day and g/day.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from b12.core.bands import cut_off
from b12.core.rules import Evidence, register
from b12.core.sources import (
    B12_MENU_CHOICES,
    BAUER_2013_PROT_AGE,
    DEUTZ_2014_ESPEN,
    IOM_2005_PROTEIN_PREGNANCY,
    KDIGO_2024_CKD,
    KDOQI_2020_NUTRITION,
    LANDI_2016,
)
from b12.units import REGISTRY, Analyte

PROT_AGE_OLDER_ABOVE_AGE_YEARS = 65.0
PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY = 1.0
PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY = 1.2
PROTEIN_ACTIVE_MIN_G_KG_DAY = 1.2
PROTEIN_DISEASE_LOW_G_KG_DAY = 1.2
PROTEIN_DISEASE_HIGH_G_KG_DAY = 1.5
PROTEIN_LIMIT_EGFR_BELOW_ML_MIN = 30.0
PROTEIN_ADULT_RDA_G_KG_DAY = 0.8
PROTEIN_PREGNANCY_RDA_G_KG_DAY = 1.1  # IOM 2005, second and third trimesters
SECOND_TRIMESTER_FROM_WEEK = 14.0  # the usual obstetric definition (14 0/7 weeks)
PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY = 1.3  # KDIGO 2024 practice point 3.3.1.1
PROTEIN_DIALYSIS_STABLE_LOW_G_KG_DAY = 1.0  # KDOQI 2020, maintenance HD or PD, stable
PROTEIN_DIALYSIS_STABLE_HIGH_G_KG_DAY = 1.2

RULE_PROT_AGE = register(
    "protein.prot-age-2013",
    "Over 65: protein 1.0-1.2 g/kg/day; active >= 1.2; acute or chronic disease 1.2-1.5; eGFR < 30 "
    "not on dialysis may need to limit protein",
    BAUER_2013_PROT_AGE,
    Evidence.VERIFIED,
    {
        "PROT_AGE_OLDER_ABOVE_AGE_YEARS": PROT_AGE_OLDER_ABOVE_AGE_YEARS,
        "PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY": PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY,
        "PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY": PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY,
        "PROTEIN_ACTIVE_MIN_G_KG_DAY": PROTEIN_ACTIVE_MIN_G_KG_DAY,
        "PROTEIN_DISEASE_LOW_G_KG_DAY": PROTEIN_DISEASE_LOW_G_KG_DAY,
        "PROTEIN_DISEASE_HIGH_G_KG_DAY": PROTEIN_DISEASE_HIGH_G_KG_DAY,
        "PROTEIN_LIMIT_EGFR_BELOW_ML_MIN": PROTEIN_LIMIT_EGFR_BELOW_ML_MIN,
    },
)
RULE_ESPEN = register(
    "protein.espen-2014",
    "Older people: at least 1.0-1.2 g/kg/day protein (1.2-1.5 if ill or malnourished) and daily "
    "physical activity with resistance and aerobic exercise",
    DEUTZ_2014_ESPEN,
    Evidence.VERIFIED,
)
RULE_ADULT_RDA = register(
    "protein.adult-rda",
    "Adult protein RDA 0.8 g/kg/day",
    LANDI_2016,
    Evidence.VERIFIED,
    {"PROTEIN_ADULT_RDA_G_KG_DAY": PROTEIN_ADULT_RDA_G_KG_DAY},
)
RULE_PREGNANCY = register(
    "diet.protein.pregnancy-rda",
    "Pregnancy: protein RDA 1.1 g/kg/day from the second trimester (no increase in the first)",
    IOM_2005_PROTEIN_PREGNANCY,
    Evidence.SECONDARY,
    {
        "PROTEIN_PREGNANCY_RDA_G_KG_DAY": PROTEIN_PREGNANCY_RDA_G_KG_DAY,
        "SECOND_TRIMESTER_FROM_WEEK": SECOND_TRIMESTER_FROM_WEEK,
    },
)
RULE_KDIGO_CKD = register(
    "diet.protein.kdigo-2024-ckd",
    "CKD G3-G5: protein 0.8 g/kg/day suggested; avoid more than 1.3 g/kg/day in CKD at risk of "
    "progression",
    KDIGO_2024_CKD,
    Evidence.SECONDARY,
    {"PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY": PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY},
)
RULE_KDOQI_DIALYSIS = register(
    "diet.protein.kdoqi-2020-dialysis",
    "Maintenance haemodialysis or peritoneal dialysis: no protein limit (1.0-1.2 g/kg/day when "
    "metabolically stable), set with a renal dietitian",
    KDOQI_2020_NUTRITION,
    Evidence.SECONDARY,
    {
        "PROTEIN_DIALYSIS_STABLE_LOW_G_KG_DAY": PROTEIN_DIALYSIS_STABLE_LOW_G_KG_DAY,
        "PROTEIN_DIALYSIS_STABLE_HIGH_G_KG_DAY": PROTEIN_DIALYSIS_STABLE_HIGH_G_KG_DAY,
    },
)
# Shown per meal by the menu planner, never enforced: the 25-30 g figure is recalled (evidence.md
# [R]), not read in a source.
PROTEIN_PER_MEAL_SOFT_G = 25.0
RULE_PER_MEAL = register(
    "diet.protein.per-meal-soft-target",
    "About 25 g protein per main meal, shown by the menu as a soft target and never enforced "
    "(figure recalled, not read)",
    B12_MENU_CHOICES,
    Evidence.UNVERIFIED,
    {"PROTEIN_PER_MEAL_SOFT_G": PROTEIN_PER_MEAL_SOFT_G},
    note="evidence.md [R]: verify in PROT-AGE's full text before enforcing",
)

OLDER = "older"
# "Over 65": 65 itself is not over.
PROT_AGE_AGE_BANDS = cut_off(
    RULE_PROT_AGE, "age", ">", PROT_AGE_OLDER_ABOVE_AGE_YEARS, "years", met=OLDER, unmet="not_older"
)
LIMIT = "limit"
# "eGFR < 30": 30 itself needs no limit.
PROTEIN_KIDNEY_BANDS = cut_off(
    RULE_PROT_AGE,
    "eGFR",
    "<",
    PROTEIN_LIMIT_EGFR_BELOW_ML_MIN,
    REGISTRY[Analyte.EGFR].canonical,
    met=LIMIT,
    unmet="no_limit",
    analyte=Analyte.EGFR,
)


def prot_age_applies(age_years: float) -> bool:
    """PROT-AGE's recommendation covers this person: over 65 years, whatever their muscle shows."""
    return PROT_AGE_AGE_BANDS.label_canonical(age_years) == OLDER


class ProteinTarget(BaseModel):
    """A daily protein target range, or a reason to ask the kidney team instead."""

    model_config = ConfigDict(frozen=True)
    low_g_kg_day: float | None
    high_g_kg_day: float | None
    low_g_day: float | None
    high_g_day: float | None
    basis: str
    limit_for_kidneys: bool
    rules: tuple[str, ...]
    max_g_kg_day: float | None = None  # a ceiling (kidney disease not on dialysis)
    renal_dietitian: bool = False  # on dialysis: the renal dietitian sets the amount


def _kidney_target(
    severe: bool, on_dialysis: bool, weight_kg: float | None
) -> ProteinTarget | None:
    if on_dialysis:
        low, high = PROTEIN_DIALYSIS_STABLE_LOW_G_KG_DAY, PROTEIN_DIALYSIS_STABLE_HIGH_G_KG_DAY
        return ProteinTarget(
            low_g_kg_day=low,
            high_g_kg_day=high,
            low_g_day=None if weight_kg is None else round(low * weight_kg),
            high_g_day=None if weight_kg is None else round(high * weight_kg),
            basis="on dialysis",
            limit_for_kidneys=False,
            rules=(RULE_PROT_AGE, RULE_KDOQI_DIALYSIS),
            renal_dietitian=True,
        )
    if severe:
        return ProteinTarget(
            low_g_kg_day=None,
            high_g_kg_day=None,
            low_g_day=None,
            high_g_day=None,
            basis="severe kidney disease",
            limit_for_kidneys=True,
            rules=(RULE_PROT_AGE, RULE_ADULT_RDA, RULE_KDIGO_CKD),
            max_g_kg_day=PROTEIN_ADULT_RDA_G_KG_DAY,
        )
    return None


def protein_target(
    age_years: float,
    weight_kg: float | None,
    chronic_condition: bool,
    egfr: float | None,
    *,
    severe_ckd: bool = False,
    ckd_g3: bool = False,
    on_dialysis: bool = False,
    pregnancy_weeks: float | None = None,
    pregnant: bool = False,
) -> ProteinTarget:
    """PROT-AGE / ESPEN protein target for a person whose muscle health is at risk.

    ``severe_ckd`` is a named CKD stage 4 or 5 (eGFR below 30 without a result); ``ckd_g3`` a
    named stage 3 or an eGFR of 30-59; ``on_dialysis`` maintenance dialysis, which lifts the limit;
    ``pregnant`` with ``pregnancy_weeks`` (None: not known, read as past the first trimester).

    References
    ----------
    Bauer J et al. J Am Med Dir Assoc 2013; Deutz NEP et al. Clin Nutr 2014; KDIGO 2024;
    KDOQI 2020.
    """
    severe = severe_ckd or (
        egfr is not None and PROTEIN_KIDNEY_BANDS.label_canonical(egfr) == LIMIT
    )
    if (kidney := _kidney_target(severe, on_dialysis, weight_kg)) is not None:
        return kidney
    if prot_age_applies(age_years):
        if ckd_g3:
            low, high = PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY, PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY
            basis = "older adult with chronic kidney disease G3 (KDIGO: avoid > 1.3 g/kg/day)"
        elif chronic_condition:
            low, high = PROTEIN_DISEASE_LOW_G_KG_DAY, PROTEIN_DISEASE_HIGH_G_KG_DAY
            basis = "older adult with a long-term condition"
        else:
            low, high = PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY, PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY
            basis = "older adult"
        rules: tuple[str, ...] = (RULE_PROT_AGE, RULE_ESPEN) + ((RULE_KDIGO_CKD,) if ckd_g3 else ())
    elif pregnant and (pregnancy_weeks is None or pregnancy_weeks >= SECOND_TRIMESTER_FROM_WEEK):
        low, high, basis = PROTEIN_PREGNANCY_RDA_G_KG_DAY, None, "pregnancy (IOM RDA)"
        rules = (RULE_PREGNANCY,)
    else:
        # PROT-AGE covers people over 65; younger adults get the adult RDA as a floor.
        low, high, basis = PROTEIN_ADULT_RDA_G_KG_DAY, None, "adult (PROT-AGE covers over 65s)"
        rules = (RULE_ADULT_RDA, RULE_ESPEN)
    return ProteinTarget(
        low_g_kg_day=low,
        high_g_kg_day=high,
        low_g_day=None if weight_kg is None else round(low * weight_kg),
        high_g_day=None if weight_kg is None or high is None else round(high * weight_kg),
        basis=basis,
        limit_for_kidneys=False,
        rules=rules,
    )
