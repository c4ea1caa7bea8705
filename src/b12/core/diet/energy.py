"""Daily energy need for a menu: Mifflin-St Jeor resting energy × an activity factor, ± a tolerance.

Sources
-------
- Mifflin MD, St Jeor ST, Hill LA, et al. Am J Clin Nutr 1990;51(2):241-247.
  doi:10.1093/ajcn/51.2.241 (``verified`` from the abstract): derived in 498 healthy adults aged
  19-78 y; the simplified sex-specific form "REE (males) = 10 × weight (kg) + 6.25 × height (cm)
  − 5 × age (y) + 5; REE (females) = 10 × weight (kg) + 6.25 × height (cm) − 5 × age (y) − 161",
  which the abstract says did not affect its predictive value. b12 uses it only inside the
  sample's age range.
- Activity factors 1.2 (sedentary), 1.375 (light), 1.55 (moderate), 1.725 (active), as the Medscape
  calculator quotes them with Frankenfield 2005 (``secondary``).
- Pregnancy: "Estimated Energy Requirement (kcal/day) = Nonpregnant EER + Pregnancy Energy
  Deposition. 1st trimester EER = Nonpregnant (adolescent or adult) EER + 0; 2nd trimester EER =
  Nonpregnant (adolescent or adult) EER + 340; 3rd trimester EER = Nonpregnant (adolescent or
  adult) EER + 452" (IOM 2009, *Weight Gain During Pregnancy*, Appendix Table B-1A, "SOURCE: IOM,
  2006", the Dietary Reference Intakes for energy; read on nap.edu, ``verified``). The 1st
  trimester has no increment (+0). b12 adds the increment to its own non-pregnant estimate
  (Mifflin-St Jeor × activity), not to the IOM EER equation: a stated adaptation.
- Trimesters by gestational week: 1st 0 to 13 6/7 weeks, 2nd 14 0/7 to 27 6/7, 3rd from 28 0/7
  (ACOG, as quoted by The Bump; ``secondary``).
- Breastfeeding: "Lactation 14-18 y 0-6 mo Kcals per day = Adolescent EER + 500 – 170; 7-12 mo
  Kcals per day = Adolescent EER + 400 – 0; 19-50 y 0-6 mo Kcals per day = Adult EER + 500 – ..."
  (Food and Nutrition Board, DRI for energy, 2002/2005: its summary table of EER equations as
  reproduced on studylib.net and docest.com, ``secondary``; both reproductions were read only up
  to that point, so the adult 7-12 month line is taken to match the adolescent one, as the
  pregnancy increments match and the components below are not age-specific): milk energy output
  minus weight loss. The components, as a secondary text states them: milk 0.78 L/day from birth
  to 6 months and 0.6 L/day from 7 to 12 months at 0.67 kcal/g, and weight loss of 0.8 kg/month in
  the first 6 months only (Handbook of Nutrition and Pregnancy, ch. 18); 0.78 × 670 = 523 and 0.6
  × 670 = 402 kcal, which the IOM rounds to 500 and 400. The person file does not record the
  months since birth, so b12 does not pick one period: its band spans both, from (estimate + 330)
  − 10 % to (estimate + 400) + 10 %, and says why. The IOM gives no lactation EER past 12 months.
- ± 10 % around the estimate: b12's planning tolerance (``unverified``, a design choice; Frankenfield
  2005 judged equations by whether they came within 10 % of measured resting energy).

Input units: weight in kg, height in cm, age in years. Output in kcal/day.
"""

from __future__ import annotations

from enum import StrEnum

from b12.core.rules import Evidence, register
from b12.core.sex import Sex
from b12.core.sources import ACTIVITY_FACTORS_MEDSCAPE, B12_MENU_CHOICES, MIFFLIN_1990, Source

MIFFLIN_WEIGHT_KCAL_PER_KG = 10.0
MIFFLIN_HEIGHT_KCAL_PER_CM = 6.25
MIFFLIN_AGE_KCAL_PER_YEAR = 5.0
MIFFLIN_MALE_KCAL = 5.0
MIFFLIN_FEMALE_KCAL = -161.0
MIFFLIN_SAMPLE_MIN_AGE_YEARS = 19.0
MIFFLIN_SAMPLE_MAX_AGE_YEARS = 78.0
ACTIVITY_FACTOR_SEDENTARY = 1.2
ACTIVITY_FACTOR_LIGHT = 1.375
ACTIVITY_FACTOR_MODERATE = 1.55
ACTIVITY_FACTOR_ACTIVE = 1.725
ENERGY_TOLERANCE_FRACTION = 0.10
PREGNANCY_KCAL_FIRST_TRIMESTER = 0.0
PREGNANCY_KCAL_SECOND_TRIMESTER = 340.0
PREGNANCY_KCAL_THIRD_TRIMESTER = 452.0
LACTATION_MILK_KCAL_0_6_MONTHS = 500.0
LACTATION_WEIGHT_LOSS_KCAL_0_6_MONTHS = 170.0
LACTATION_MILK_KCAL_7_12_MONTHS = 400.0
LACTATION_WEIGHT_LOSS_KCAL_7_12_MONTHS = 0.0
SECOND_TRIMESTER_FROM_WEEK = 14.0
THIRD_TRIMESTER_FROM_WEEK = 28.0
ESPEN_GERIATRIC_KCAL_PER_KG = 30.0
ESPEN_BELOW_BMI = 30.0  # WHO obesity from BMI 30: 30 kcal/kg of actual weight would overstate it

# Declared here, not in b12.core.sources, because only the menu's energy estimate cites them.
IOM_2006_ENERGY_PREGNANCY = Source(
    "iom-2006-energy-pregnancy",
    "Institute of Medicine. Weight Gain During Pregnancy: Reexamining the Guidelines. National "
    "Academies Press, 2009 (doi:10.17226/12584), Appendix B, Table B-1A 'Equations to Estimate "
    "Energy Requirement for Pregnant Women by Trimester' (SOURCE: IOM, 2006, Dietary Reference "
    "Intakes: energy): nonpregnant EER + 0 (1st), + 340 (2nd), + 452 kcal/day (3rd trimester)",
    "http://www.nap.edu/openbook.php?record_id=12584&page=316",
)
IOM_2005_ENERGY_LACTATION = Source(
    "iom-2005-energy-lactation",
    "Institute of Medicine, Food and Nutrition Board. Dietary Reference Intakes for Energy, "
    "Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein, and Amino Acids. National "
    "Academies Press, 2002/2005 (doi:10.17226/10490), its summary of EER equations: lactation "
    "0-6 months 'EER + 500 – 170', 7-12 months 'EER + 400 – 0' kcal/day (milk energy output minus "
    "weight loss), as reproduced in the FNB table 'Update on Dietary Reference Intakes for "
    "Energy' (studylib.net, docest.com); secondary",
    "https://doi.org/10.17226/10490",
)
ACOG_TRIMESTERS = Source(
    "acog-trimesters",
    "American College of Obstetricians and Gynecologists trimester dating as quoted by The Bump: "
    "first trimester 0 weeks to 13 6/7 weeks, second 14 0/7 to 27 6/7 weeks, third from 28 0/7 "
    "weeks; secondary",
    "http://www.thebump.com/a/how-long-is-each-trimester",
)

ESPEN_2019_GERIATRICS = Source(
    "espen-2019-geriatrics",
    "Volkert D, Beck AM, Cederholm T, et al. ESPEN guideline on clinical nutrition and hydration "
    "in geriatrics. Clin Nutr 2019;38(1):10-47, doi:10.1016/j.clnu.2018.05.024: 'Guiding value "
    "for energy intake in older persons is 30 kcal per kg body weight and day; this value should "
    "be individually adjusted' (recommendation as quoted by secondary summaries)",
    "https://doi.org/10.1016/j.clnu.2018.05.024",
)
RULE_ESPEN_OLDER = register(
    "diet.energy.espen-2019-older-persons",
    "Beyond Mifflin-St Jeor's sample (over 78 years): ESPEN's guiding value for older persons, "
    "30 kcal per kg body weight a day",
    ESPEN_2019_GERIATRICS,
    Evidence.SECONDARY,
    {
        "ESPEN_GERIATRIC_KCAL_PER_KG": ESPEN_GERIATRIC_KCAL_PER_KG,
        "ESPEN_BELOW_BMI": ESPEN_BELOW_BMI,
    },
    note="Read as quoted by secondary summaries (the guideline itself not opened here); a guiding "
    "value to be adjusted individually, which the menu's ± 10 % does not replace. Not applied "
    "from a BMI of 30 (WHO obesity; b12's edge): per kg of actual weight it would overstate the "
    "need (150 kg: 4500 kcal), so the energy is then left to a dietitian.",
)

RULE_MIFFLIN = register(
    "diet.energy.mifflin-st-jeor-1990",
    "Resting energy (kcal/day) = 10 × weight (kg) + 6.25 × height (cm) − 5 × age (y) + 5 for men, "
    "− 161 for women; derived in healthy adults aged 19-78 y",
    MIFFLIN_1990,
    Evidence.VERIFIED,
    {
        "MIFFLIN_WEIGHT_KCAL_PER_KG": MIFFLIN_WEIGHT_KCAL_PER_KG,
        "MIFFLIN_HEIGHT_KCAL_PER_CM": MIFFLIN_HEIGHT_KCAL_PER_CM,
        "MIFFLIN_AGE_KCAL_PER_YEAR": MIFFLIN_AGE_KCAL_PER_YEAR,
        "MIFFLIN_MALE_KCAL": MIFFLIN_MALE_KCAL,
        "MIFFLIN_FEMALE_KCAL": MIFFLIN_FEMALE_KCAL,
        "MIFFLIN_SAMPLE_MIN_AGE_YEARS": MIFFLIN_SAMPLE_MIN_AGE_YEARS,
        "MIFFLIN_SAMPLE_MAX_AGE_YEARS": MIFFLIN_SAMPLE_MAX_AGE_YEARS,
    },
)
RULE_ACTIVITY = register(
    "diet.energy.activity-factors",
    "Total energy = resting energy × 1.2 (sedentary), 1.375 (light), 1.55 (moderate) or 1.725 "
    "(active)",
    ACTIVITY_FACTORS_MEDSCAPE,
    Evidence.SECONDARY,
    {
        "ACTIVITY_FACTOR_SEDENTARY": ACTIVITY_FACTOR_SEDENTARY,
        "ACTIVITY_FACTOR_LIGHT": ACTIVITY_FACTOR_LIGHT,
        "ACTIVITY_FACTOR_MODERATE": ACTIVITY_FACTOR_MODERATE,
        "ACTIVITY_FACTOR_ACTIVE": ACTIVITY_FACTOR_ACTIVE,
    },
)
RULE_TOLERANCE = register(
    "diet.energy.menu-tolerance",
    "A menu's daily energy stays within ± 10 % of the estimate (b12 planning tolerance)",
    B12_MENU_CHOICES,
    Evidence.UNVERIFIED,
    {"ENERGY_TOLERANCE_FRACTION": ENERGY_TOLERANCE_FRACTION},
    note="b12 design choice, not a published standard",
)

RULE_PREGNANCY = register(
    "diet.energy.iom-2006-pregnancy",
    "In pregnancy the energy need rises by 0 kcal/day in the 1st trimester (no increment), "
    "340 kcal/day in the 2nd and 452 kcal/day in the 3rd (nonpregnant EER + pregnancy energy "
    "deposition)",
    IOM_2006_ENERGY_PREGNANCY,
    Evidence.VERIFIED,
    {
        "PREGNANCY_KCAL_FIRST_TRIMESTER": PREGNANCY_KCAL_FIRST_TRIMESTER,
        "PREGNANCY_KCAL_SECOND_TRIMESTER": PREGNANCY_KCAL_SECOND_TRIMESTER,
        "PREGNANCY_KCAL_THIRD_TRIMESTER": PREGNANCY_KCAL_THIRD_TRIMESTER,
    },
    note="b12 adds the increment to Mifflin-St Jeor × activity (its non-pregnant estimate), "
    "not to the IOM EER equation",
)
RULE_LACTATION = register(
    "diet.energy.iom-2005-lactation",
    "Breastfeeding adds the milk's energy minus weight loss: 500 − 170 = 330 kcal/day in the first "
    "6 months after birth, 400 − 0 = 400 kcal/day in months 7-12; with the months since birth "
    "unknown, the menu's band spans both (each ± the menu tolerance)",
    IOM_2005_ENERGY_LACTATION,
    Evidence.SECONDARY,
    {
        "LACTATION_MILK_KCAL_0_6_MONTHS": LACTATION_MILK_KCAL_0_6_MONTHS,
        "LACTATION_WEIGHT_LOSS_KCAL_0_6_MONTHS": LACTATION_WEIGHT_LOSS_KCAL_0_6_MONTHS,
        "LACTATION_MILK_KCAL_7_12_MONTHS": LACTATION_MILK_KCAL_7_12_MONTHS,
        "LACTATION_WEIGHT_LOSS_KCAL_7_12_MONTHS": LACTATION_WEIGHT_LOSS_KCAL_7_12_MONTHS,
    },
    note="Read in reproductions of the Food and Nutrition Board's summary table, not on nap.edu. "
    "b12 adds the increment to Mifflin-St Jeor × activity (its own non-lactating estimate), as "
    "for pregnancy, not to the IOM EER equation. The person file does not record the months "
    "since birth, so the band spans both periods rather than choosing one; the IOM gives no "
    "lactation EER past 12 months, when the milk's share usually falls, so the band may then be "
    "high.",
)
RULE_TRIMESTER = register(
    "diet.energy.trimester-weeks",
    "Trimester from the gestational week: 1st below week 14, 2nd from week 14, 3rd from week 28",
    ACOG_TRIMESTERS,
    Evidence.SECONDARY,
    {
        "SECOND_TRIMESTER_FROM_WEEK": SECOND_TRIMESTER_FROM_WEEK,
        "THIRD_TRIMESTER_FROM_WEEK": THIRD_TRIMESTER_FROM_WEEK,
    },
)


class Activity(StrEnum):
    """Physical activity level for the energy estimate."""

    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    ACTIVE = "active"


ACTIVITY_FACTOR = {
    Activity.SEDENTARY: ACTIVITY_FACTOR_SEDENTARY,
    Activity.LIGHT: ACTIVITY_FACTOR_LIGHT,
    Activity.MODERATE: ACTIVITY_FACTOR_MODERATE,
    Activity.ACTIVE: ACTIVITY_FACTOR_ACTIVE,
}


def espen_applies(weight_kg: float, height_m: float | None) -> bool:
    """ESPEN's per-kg value is read with a known height and a BMI below 30."""
    return height_m is not None and weight_kg / height_m**2 < ESPEN_BELOW_BMI


def espen_older_kcal(weight_kg: float) -> float:
    """ESPEN 2019's guiding energy for an older person: 30 kcal per kg body weight a day."""
    return ESPEN_GERIATRIC_KCAL_PER_KG * weight_kg


def mifflin_applies(age_years: float) -> bool:
    """Whether the age lies in Mifflin et al.'s sample (19-78 y, both ends included)."""
    return MIFFLIN_SAMPLE_MIN_AGE_YEARS <= age_years <= MIFFLIN_SAMPLE_MAX_AGE_YEARS


def mifflin_st_jeor_kcal(sex: Sex, weight_kg: float, height_cm: float, age_years: float) -> float:
    """Resting energy expenditure in kcal/day, the simplified sex-specific form.

    References
    ----------
    Mifflin MD et al. Am J Clin Nutr 1990;51(2):241-247. doi:10.1093/ajcn/51.2.241
    """
    base = (
        MIFFLIN_WEIGHT_KCAL_PER_KG * weight_kg
        + MIFFLIN_HEIGHT_KCAL_PER_CM * height_cm
        - MIFFLIN_AGE_KCAL_PER_YEAR * age_years
    )
    return base + (MIFFLIN_MALE_KCAL if sex is Sex.MALE else MIFFLIN_FEMALE_KCAL)


def energy_need_kcal(
    sex: Sex, weight_kg: float, height_cm: float, age_years: float, activity: Activity
) -> float:
    """Total daily energy: Mifflin-St Jeor resting energy × the activity factor.

    References
    ----------
    Mifflin MD et al. 1990; activity factors as quoted with Frankenfield D et al. 2005.
    """
    return mifflin_st_jeor_kcal(sex, weight_kg, height_cm, age_years) * ACTIVITY_FACTOR[activity]


def tolerance_kcal(need_kcal: float) -> tuple[int, int]:
    """The menu's energy range around ``need_kcal``: ± the planning tolerance, whole kcal."""
    return (
        round(need_kcal * (1 - ENERGY_TOLERANCE_FRACTION)),
        round(need_kcal * (1 + ENERGY_TOLERANCE_FRACTION)),
    )


def trimester(gestational_weeks: float) -> int:
    """The trimester (1, 2 or 3) of a pregnancy ``gestational_weeks`` weeks along."""
    if gestational_weeks >= THIRD_TRIMESTER_FROM_WEEK:
        return 3
    return 2 if gestational_weeks >= SECOND_TRIMESTER_FROM_WEEK else 1


PREGNANCY_KCAL = {
    1: PREGNANCY_KCAL_FIRST_TRIMESTER,
    2: PREGNANCY_KCAL_SECOND_TRIMESTER,
    3: PREGNANCY_KCAL_THIRD_TRIMESTER,
}


def pregnancy_increment_kcal(gestational_weeks: float) -> float:
    """Energy a pregnancy adds to the non-pregnant need, kcal/day, by trimester (IOM 2006).

    References
    ----------
    IOM 2009, Weight Gain During Pregnancy, Table B-1A (SOURCE: IOM, 2006).
    """
    return PREGNANCY_KCAL[trimester(gestational_weeks)]


def lactation_increments_kcal() -> tuple[float, float]:
    """What breastfeeding adds, kcal/day: months 0-6 (milk − weight loss) and months 7-12."""
    return (
        LACTATION_MILK_KCAL_0_6_MONTHS - LACTATION_WEIGHT_LOSS_KCAL_0_6_MONTHS,
        LACTATION_MILK_KCAL_7_12_MONTHS - LACTATION_WEIGHT_LOSS_KCAL_7_12_MONTHS,
    )


def lactation_band_kcal(need_kcal: float) -> tuple[int, int]:
    """The menu's energy range while breastfeeding, the months since birth unknown, whole kcal.

    From the lower period's estimate less the tolerance to the higher one's plus it: both the
    first half-year (+ 500 − 170) and the second (+ 400 − 0) then fall inside.

    References
    ----------
    IOM 2002/2005, Dietary Reference Intakes for Energy: lactation EER (as reproduced).
    """
    increments = lactation_increments_kcal()
    low = round((need_kcal + min(increments)) * (1 - ENERGY_TOLERANCE_FRACTION))
    high = round((need_kcal + max(increments)) * (1 + ENERGY_TOLERANCE_FRACTION))
    return low, high
