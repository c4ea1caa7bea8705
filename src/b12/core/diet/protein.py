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
- Weight basis in obesity (``secondary``): PROT-AGE and ESPEN give g per kg "body weight" without
  saying which weight in obesity; Weijs et al. (ESPEN, via a review) use ideal body weight for
  protein at BMI > 30, and ASPEN 2013 ideal body weight for hospitalised adults with obesity. At
  BMI >= 30 b12 multiplies by the Devine ideal body weight (men 50 kg, women 45.5 kg, + 2.3 kg per
  inch over 5 feet); below 5 feet, where the formula is not defined, it gives no g/day and leaves
  the amount to a dietitian. Below BMI 30 the actual weight is used (for a low BMI it does not
  inflate the amount).
- Malnutrition risk (GLIM low BMI, :mod:`b12.core.diet.glim`): ESPEN 2014's 1.2-1.5 g/kg/day for
  older people "malnourished or at risk of malnutrition".
- Exercise: the plan advises resistance exercise whenever muscle health is at risk; PROT-AGE's
  "exercising or otherwise active: >= 1.2 g/kg/day" then sets the floor for people over 65 (not
  in CKD G3, where KDIGO's "avoid > 1.3" keeps 1.0-1.2).
- KDOQI 2020 nutrition in CKD (table, ``secondary``): 1.0-1.2 g/kg/day for metabolically stable
  people on maintenance haemodialysis or peritoneal dialysis; medical nutrition therapy by a
  dietitian. PROT-AGE's limit is for people "not on dialysis".

Input units: age in years; body weight in kg; eGFR in mL/min/1.73 m². Output in g/kg/day and g/day.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from b12.core.bands import cut_off
from b12.core.rules import Evidence, register
from b12.core.sex import BySex, Sex
from b12.core.sources import (
    B12_MENU_CHOICES,
    BAUER_2013_PROT_AGE,
    DEUTZ_2014_ESPEN,
    IOM_2005_PROTEIN_LACTATION,
    IOM_2005_PROTEIN_PREGNANCY,
    KDIGO_2024_CKD,
    KDOQI_2020_NUTRITION,
    LANDI_2016,
    WEIJS_IDEAL_WEIGHT,
)
from b12.units import ANALYTE, REGISTRY

PROT_AGE_OLDER_ABOVE_AGE_YEARS = 65.0
PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY = 1.0
PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY = 1.2
PROTEIN_ACTIVE_MIN_G_KG_DAY = 1.2
PROTEIN_DISEASE_LOW_G_KG_DAY = 1.2
PROTEIN_DISEASE_HIGH_G_KG_DAY = 1.5
PROTEIN_LIMIT_EGFR_BELOW_ML_MIN = 30.0
PROTEIN_ADULT_RDA_G_KG_DAY = 0.8
PROTEIN_PREGNANCY_RDA_G_KG_DAY = 1.1  # IOM 2005, second and third trimesters
PROTEIN_LACTATION_RDA_G_KG_DAY = 1.3  # IOM 2005, while breastfeeding
SECOND_TRIMESTER_FROM_WEEK = 14.0  # the usual obstetric definition (14 0/7 weeks)
PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY = 1.3  # KDIGO 2024 practice point 3.3.1.1
PROTEIN_DIALYSIS_STABLE_LOW_G_KG_DAY = 1.0  # KDOQI 2020, maintenance HD or PD, stable
PROTEIN_DIALYSIS_STABLE_HIGH_G_KG_DAY = 1.2
OBESITY_BMI_FROM_KG_M2 = 30.0
DEVINE_BASE_KG = BySex(male=50.0, female=45.5)
DEVINE_KG_PER_INCH = 2.3
DEVINE_FROM_HEIGHT_INCHES = 60.0  # 5 feet: the formula adds weight per inch above it
METRES_PER_INCH = 0.0254

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
RULE_LACTATION = register(
    "diet.protein.lactation-rda",
    "Breastfeeding: protein RDA 1.3 g/kg/day",
    IOM_2005_PROTEIN_LACTATION,
    Evidence.SECONDARY,
    {"PROTEIN_LACTATION_RDA_G_KG_DAY": PROTEIN_LACTATION_RDA_G_KG_DAY},
    note="Read in the Food and Nutrition Board's summary table as reproduced (71 g/day), not in "
    "the report itself; red team round 12 found breastfeeding planned at the adult 0.8 g/kg.",
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
RULE_OBESITY_WEIGHT = register(
    "diet.protein.obesity-weight",
    "At BMI >= 30 the protein target per kg is multiplied by the ideal body weight (Devine: 50 kg "
    "men / 45.5 kg women + 2.3 kg per inch over 5 feet), not the actual weight; under 5 feet a "
    "dietitian sets the amount",
    WEIJS_IDEAL_WEIGHT,
    Evidence.SECONDARY,
    {
        "OBESITY_BMI_FROM_KG_M2": OBESITY_BMI_FROM_KG_M2,
        **DEVINE_BASE_KG.parameters("DEVINE_BASE_KG"),
        "DEVINE_KG_PER_INCH": DEVINE_KG_PER_INCH,
        "DEVINE_FROM_HEIGHT_INCHES": DEVINE_FROM_HEIGHT_INCHES,
        "METRES_PER_INCH": METRES_PER_INCH,
    },
    note="Sources say ideal (or adjusted) weight, not which formula; Devine is the usual one. "
    "ASPEN's '1.2 g/kg actual weight' option is for hospitalised hypocaloric feeding and is not "
    "used (vignette prot-80y-130kg-bmi45-probable-sarcopenia).",
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
OBESE = "obese"
# "BMI >= 30" (b12 reads ESPEN's "> 30" and the WHO obesity class together: 30 itself is obese).
OBESITY_BANDS = cut_off(
    RULE_OBESITY_WEIGHT, "BMI", ">=", OBESITY_BMI_FROM_KG_M2, "kg/m²", met=OBESE, unmet="not_obese"
)
PROTEIN_KIDNEY_BANDS = cut_off(
    RULE_PROT_AGE,
    "eGFR",
    "<",
    PROTEIN_LIMIT_EGFR_BELOW_ML_MIN,
    REGISTRY[ANALYTE.EGFR].canonical,
    met=LIMIT,
    unmet="no_limit",
    analyte=ANALYTE.EGFR,
)


def prot_age_applies(age_years: float) -> bool:
    """PROT-AGE's recommendation covers this person: over 65 years, whatever their muscle shows."""
    return PROT_AGE_AGE_BANDS.label_canonical(age_years) == OLDER


class WeightBasis(BaseModel):
    """The body weight a per-kg target is multiplied by, and why that one."""

    model_config = ConfigDict(frozen=True)
    kind: str  # "actual", "ideal" or "dietitian" (no g/day: the formula does not apply)
    kg: float | None
    words: str  # how the plan names it: "your weight of 70 kg", "an ideal body weight of 66 kg"


def ideal_body_weight_kg(height_m: float, sex: Sex) -> float | None:
    """Devine ideal body weight (kg), or None under 5 feet, where the formula is not defined."""
    inches = round(height_m / METRES_PER_INCH, 9)  # 1.524 m is 5 feet exactly, not 59.99...
    if inches < DEVINE_FROM_HEIGHT_INCHES:
        return None
    return round(DEVINE_BASE_KG[sex] + DEVINE_KG_PER_INCH * (inches - DEVINE_FROM_HEIGHT_INCHES), 1)


def weight_basis(
    weight_kg: float | None, height_m: float | None, sex: Sex | None
) -> WeightBasis | None:
    """Which weight the per-kg target uses: actual weight, or ideal body weight at BMI >= 30."""
    if weight_kg is None:
        return None
    actual = WeightBasis(kind="actual", kg=weight_kg, words=f"your weight of {weight_kg:g} kg")
    if height_m is None or sex is None:
        return actual
    bmi = round(weight_kg / height_m**2, 9)
    if OBESITY_BANDS.label_canonical(bmi) != OBESE:
        return actual
    why = f"at a BMI of {bmi:.0f} your actual weight of {weight_kg:g} kg overstates protein needs"
    ideal = ideal_body_weight_kg(height_m, sex)
    if ideal is None:
        return WeightBasis(
            kind="dietitian",
            kg=None,
            words=f"a weight a dietitian sets: {why}, and the ideal-weight formula starts at 5 feet",
        )
    return WeightBasis(kind="ideal", kg=ideal, words=f"an ideal body weight of {ideal:g} kg: {why}")


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
    max_g_day: float | None = None  # that ceiling on the weight basis (None: weight not known)
    renal_dietitian: bool = False  # on dialysis: the renal dietitian sets the amount
    weight: WeightBasis | None = None  # the weight g/day is computed from (None: not known)


def _grams(g_kg: float | None, weight: WeightBasis | None) -> float | None:
    return None if g_kg is None or weight is None or weight.kg is None else round(g_kg * weight.kg)


def _kidney_target(
    severe: bool, on_dialysis: bool, weight: WeightBasis | None
) -> ProteinTarget | None:
    if on_dialysis:
        low, high = PROTEIN_DIALYSIS_STABLE_LOW_G_KG_DAY, PROTEIN_DIALYSIS_STABLE_HIGH_G_KG_DAY
        return ProteinTarget(
            low_g_kg_day=low,
            high_g_kg_day=high,
            low_g_day=_grams(low, weight),
            high_g_day=_grams(high, weight),
            basis="on dialysis",
            limit_for_kidneys=False,
            rules=(RULE_PROT_AGE, RULE_KDOQI_DIALYSIS, *_weight_rules(weight)),
            renal_dietitian=True,
            weight=weight,
        )
    if severe:
        return ProteinTarget(
            low_g_kg_day=None,
            high_g_kg_day=None,
            low_g_day=None,
            high_g_day=None,
            basis="severe kidney disease",
            limit_for_kidneys=True,
            rules=(RULE_PROT_AGE, RULE_ADULT_RDA, RULE_KDIGO_CKD, *_weight_rules(weight)),
            max_g_kg_day=PROTEIN_ADULT_RDA_G_KG_DAY,
            max_g_day=_grams(PROTEIN_ADULT_RDA_G_KG_DAY, weight),
            weight=weight,
        )
    return None


def _weight_rules(weight: WeightBasis | None) -> tuple[str, ...]:
    return () if weight is None or weight.kind == "actual" else (RULE_OBESITY_WEIGHT,)


def _older_target(
    ckd_g3: bool, chronic_condition: bool, malnutrition_risk: bool, exercising: bool
) -> tuple[float, float | None, str]:
    """PROT-AGE / ESPEN range (g/kg/day) and basis for a person over 65 not limited by kidneys."""
    if ckd_g3:
        return (
            PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY,
            PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY,
            "older adult with chronic kidney disease G3 (KDIGO: avoid > 1.3 g/kg/day)",
        )
    if chronic_condition or malnutrition_risk:
        why = "a long-term condition" if chronic_condition else "a risk of malnutrition"
        return (
            PROTEIN_DISEASE_LOW_G_KG_DAY,
            PROTEIN_DISEASE_HIGH_G_KG_DAY,
            f"older adult with {why}",
        )
    if exercising:
        # PROT-AGE: "Those exercising or otherwise active: >= 1.2 g/kg/day" (no upper figure).
        return PROTEIN_ACTIVE_MIN_G_KG_DAY, None, "older adult doing resistance exercise"
    return PROTEIN_HEALTHY_OLDER_LOW_G_KG_DAY, PROTEIN_HEALTHY_OLDER_HIGH_G_KG_DAY, "older adult"


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
    breastfeeding: bool = False,
    height_m: float | None = None,
    sex: Sex | None = None,
    malnutrition_risk: bool = False,
    exercising: bool = False,
) -> ProteinTarget:
    """PROT-AGE / ESPEN protein target for a person whose muscle health is at risk.

    ``severe_ckd`` is a named CKD stage 4 or 5 (eGFR below 30 without a result); ``ckd_g3`` a
    named stage 3 or an eGFR of 30-59; ``on_dialysis`` maintenance dialysis, which lifts the limit;
    ``pregnant`` with ``pregnancy_weeks`` (None: not known, read as past the first trimester).
    ``height_m`` and ``sex`` decide the weight basis (:func:`weight_basis`); ``malnutrition_risk``
    (GLIM low BMI) and ``exercising`` (the plan advises resistance exercise) raise the range for
    people over 65.

    References
    ----------
    Bauer J et al. J Am Med Dir Assoc 2013; Deutz NEP et al. Clin Nutr 2014; KDIGO 2024;
    KDOQI 2020; Weijs et al. via a review of ESPEN guidance.
    """
    weight = weight_basis(weight_kg, height_m, sex)
    severe = severe_ckd or (
        egfr is not None and PROTEIN_KIDNEY_BANDS.label_canonical(egfr) == LIMIT
    )
    if (kidney := _kidney_target(severe, on_dialysis, weight)) is not None:
        return kidney
    high: float | None
    if prot_age_applies(age_years):
        low, high, basis = _older_target(ckd_g3, chronic_condition, malnutrition_risk, exercising)
        rules: tuple[str, ...] = (RULE_PROT_AGE, RULE_ESPEN) + ((RULE_KDIGO_CKD,) if ckd_g3 else ())
    elif breastfeeding:
        low, high, basis = PROTEIN_LACTATION_RDA_G_KG_DAY, None, "breastfeeding (IOM RDA)"
        rules = (RULE_LACTATION,)
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
        low_g_day=_grams(low, weight),
        high_g_day=_grams(high, weight),
        basis=basis,
        limit_for_kidneys=False,
        rules=rules + _weight_rules(weight),
        weight=weight,
    )
