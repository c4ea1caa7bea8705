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
- ± 10 % around the estimate: b12's planning tolerance (``unverified``, a design choice; Frankenfield
  2005 judged equations by whether they came within 10 % of measured resting energy).

Input units: weight in kg, height in cm, age in years. Output in kcal/day.
"""

from __future__ import annotations

from enum import StrEnum

from b12.core.rules import Evidence, register
from b12.core.sex import Sex
from b12.core.sources import ACTIVITY_FACTORS_MEDSCAPE, B12_MENU_CHOICES, MIFFLIN_1990

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
