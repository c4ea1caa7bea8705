"""What a menu must meet, read from b12's clinical core for one person.

* Absorbed B12: at least 0.5 × the life-stage RDA absorbed per day (the plan's own comparison,
  :func:`b12.core.plan.intake.intake_level`, which counts absorbed B12 against the requirement
  × 50 %), with absorption per meal by :mod:`b12.core.diet.absorption` (midpoint of its 1.5-2.5 µg
  cap, as the plan's measured intake uses it). With malabsorption the intrinsic-factor route is
  lost: food cannot meet the target, and B12 is the clinician's decision (no B12 constraint).
* Fortified share: adults over 50 (IOM 1998, ``requirements.iom-over-50-fortified``) and people on
  a PPI, H2-receptor antagonist or metformin (the screening risk factors) get at least half of the
  RDA as crystalline (added) B12 each day. "Most of the RDA from fortified food" is IOM's advice;
  "at least half" is b12's reading of "most" for a menu (design choice, to be registered as a rule).
* Protein: :func:`b12.core.diet.protein.protein_target` (PROT-AGE / ESPEN; adult RDA below 66)
  times body weight, as a floor. eGFR < 30 not on dialysis: no floor, a ceiling of the adult RDA
  (0.8 g/kg, ``protein.adult-rda``) and "amount set by the renal team". The per-meal 25-30 g figure
  is only recalled (evidence.md, [R]): shown per meal as an unverified soft target, never enforced.
* Energy: within ± 10 % (a planning tolerance, b12's choice) of an estimate: Mifflin-St Jeor
  resting energy expenditure (Mifflin MD et al. Am J Clin Nutr 1990;51:241-7,
  doi:10.1093/ajcn/51.2.241; men 10 × kg + 6.25 × cm − 5 × y + 5, women ... − 161; read in the
  abstract, ``verified``) × an activity factor (sedentary 1.2, light 1.375, moderate 1.55, active
  1.725; the factors as quoted with Frankenfield 2005, doi:10.1016/j.jada.2005.02.005, ``secondary``)
  when weight and height are known and the person is 19-78 (the equation's sample); else the
  diary's mean energy; else the energy constraint is off and the menu says so.

None of these numbers is new to the core except the Mifflin-St Jeor equation, the activity
factors, the ± 10 % tolerance and the fortified half: they live here until the lead registers them
(``diet.energy.mifflin-st-jeor-1990``, ``diet.energy.activity-factors``, ``menu.energy-tolerance``,
``menu.fortified-share``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from b12.core.assessment import Assessment
from b12.core.diet.absorption import FOOD_B12_ABSORBED_FRACTION, has_malabsorption
from b12.core.diet.protein import PROTEIN_ADULT_RDA_G_KG_DAY, protein_target
from b12.core.diet.requirements import ReferenceIntake, reference_intake
from b12.core.person import Person
from b12.core.sex import Sex

MIFFLIN_WEIGHT_KCAL_PER_KG = 10.0
MIFFLIN_HEIGHT_KCAL_PER_CM = 6.25
MIFFLIN_AGE_KCAL_PER_YEAR = 5.0
MIFFLIN_MALE_KCAL = 5.0
MIFFLIN_FEMALE_KCAL = -161.0
MIFFLIN_SAMPLE_AGE_YEARS = (19.0, 78.0)
ENERGY_TOLERANCE_FRACTION = 0.10
FORTIFIED_SHARE_OF_RDA = 0.5
PROTEIN_PER_MEAL_SOFT_G = 25.0  # evidence.md [R]: shown, never enforced
# The menu's own numbers, with evidence levels, until the lead registers them in the core.
MENU_NUMBERS = (
    (
        "Mifflin-St Jeor resting energy (10 kg + 6.25 cm - 5 y + 5 men / - 161 women)",
        "verified",
        "Mifflin MD et al. Am J Clin Nutr 1990;51:241-7, doi:10.1093/ajcn/51.2.241 (abstract)",
    ),
    (
        "activity factors 1.2 / 1.375 / 1.55 / 1.725",
        "secondary",
        "as quoted with Frankenfield D et al. J Am Diet Assoc 2005;105:775-89",
    ),
    ("energy within ± 10 % of the estimate", "unverified", "b12 planning tolerance"),
    (
        "at least half the RDA as added B12 when over 50 or on PPI/H2RA/metformin",
        "unverified",
        "b12 reading of IOM 1998 'most of the RDA from fortified foods'",
    ),
    ("25 g protein per meal (shown, never enforced)", "unverified", "evidence.md [R]"),
)
FORTIFIED_RISK_CODES = frozenset(
    {"medication.ppi", "medication.h2_receptor_antagonist", "medication.metformin"}
)


class Activity(StrEnum):
    """Physical activity level for the energy estimate."""

    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    ACTIVE = "active"


ACTIVITY_FACTOR = {
    Activity.SEDENTARY: 1.2,
    Activity.LIGHT: 1.375,
    Activity.MODERATE: 1.55,
    Activity.ACTIVE: 1.725,
}


@dataclass(frozen=True)
class Range:
    """A daily amount between ``low`` and ``high`` (either may be None: no bound)."""

    low: float | None
    high: float | None


@dataclass(frozen=True)
class Targets:
    """Daily targets of a menu, each with where it came from."""

    reference: ReferenceIntake
    absorbed_b12_ug: float | None  # None: B12 is the clinician's decision
    fortified_ug: float | None  # crystalline B12 eaten per day, or None
    protein_g: Range
    energy_kcal: Range
    notes: tuple[str, ...]
    rules: tuple[str, ...]


def mifflin_st_jeor_kcal(sex: Sex, weight_kg: float, height_cm: float, age_years: float) -> float:
    """Resting energy expenditure, kcal/day (Mifflin et al. 1990, simplified sex-specific form)."""
    base = (
        MIFFLIN_WEIGHT_KCAL_PER_KG * weight_kg
        + MIFFLIN_HEIGHT_KCAL_PER_CM * height_cm
        - MIFFLIN_AGE_KCAL_PER_YEAR * age_years
    )
    return base + (MIFFLIN_MALE_KCAL if sex is Sex.MALE else MIFFLIN_FEMALE_KCAL)


def _energy(person: Person, activity: Activity, diary_kcal: float | None) -> tuple[Range, str]:
    weight = person.muscle.weight_kg if person.muscle else None
    height = person.muscle.height_m if person.muscle else None
    low_age, high_age = MIFFLIN_SAMPLE_AGE_YEARS
    if weight is not None and height is not None and low_age <= person.age <= high_age:
        need = mifflin_st_jeor_kcal(person.sex, weight, height * 100, person.age)
        need *= ACTIVITY_FACTOR[activity]
        basis = f"Mifflin-St Jeor × {ACTIVITY_FACTOR[activity]:g} ({activity.value})"
    elif diary_kcal is not None and diary_kcal > 0:
        need, basis = (
            diary_kcal,
            "the diary's mean energy (no weight and height, or age outside 19-78)",
        )
    else:
        return Range(None, None), "energy constraint off: no weight and height, and no diary"
    tolerance = ENERGY_TOLERANCE_FRACTION
    return (
        Range(round(need * (1 - tolerance)), round(need * (1 + tolerance))),
        f"energy {round(need):d} kcal/day ± {tolerance:.0%} from {basis}",
    )


def _protein(person: Person, egfr: float | None) -> tuple[Range, str, tuple[str, ...]]:
    weight = person.muscle.weight_kg if person.muscle else None
    target = protein_target(person.age, weight, bool(person.conditions), egfr)
    if target.limit_for_kidneys:
        high = None if weight is None else round(PROTEIN_ADULT_RDA_G_KG_DAY * weight)
        limit = "" if high is None else f"; the menu stays at or below {high} g a day (0.8 g/kg)"
        return (
            Range(None, high),
            "protein: amount set by the renal team (eGFR < 30, not on dialysis)" + limit,
            target.rules,
        )
    if target.low_g_day is None:
        return Range(None, None), "protein constraint off: no body weight given", target.rules
    return (
        Range(target.low_g_day, None),
        f"protein at least {target.low_g_day:g} g/day ({target.low_g_kg_day:g} g/kg, "
        f"{target.basis})",
        target.rules,
    )


def menu_targets(
    person: Person, assessment: Assessment, activity: Activity, diary_kcal: float | None
) -> Targets:
    """The daily targets for ``person`` from the core and the person's assessment."""
    reference = reference_intake(
        person.age, pregnant=person.pregnant, lactating=person.breastfeeding
    )
    notes: list[str] = []
    rules = list(reference.rules)
    absorbed: float | None = FOOD_B12_ABSORBED_FRACTION * reference.rda_ug_per_day
    if has_malabsorption(person.conditions):
        absorbed = None
        notes.append(
            "B12: a malabsorption condition is recorded, so food cannot supply enough; B12 "
            "treatment is the clinician's decision (see the plan). The menu serves protein and "
            "energy."
        )
    else:
        notes.append(
            f"B12: at least {absorbed:.2f} µg absorbed a day (half the RDA of "
            f"{reference.rda_ug_per_day:g} µg, as the plan compares intake), absorption per meal"
        )
    risks = {r.code for r in assessment.screening.risk_factors} if assessment.screening else set()
    fortified: float | None = None
    if absorbed is not None and (
        reference.prefer_fortified_or_supplement or risks & FORTIFIED_RISK_CODES
    ):
        fortified = FORTIFIED_SHARE_OF_RDA * reference.rda_ug_per_day
        notes.append(
            f"fortified foods: at least {fortified:g} µg of added B12 a day (over 50, or a "
            "PPI, H2-blocker or metformin: most B12 from fortified foods, IOM 1998)"
        )
    protein, protein_note, protein_rules = _protein(person, assessment.status.egfr)
    energy, energy_note = _energy(person, activity, diary_kcal)
    notes += [protein_note, energy_note]
    rules += protein_rules
    return Targets(
        reference=reference,
        absorbed_b12_ug=absorbed,
        fortified_ug=fortified,
        protein_g=protein,
        energy_kcal=energy,
        notes=tuple(notes),
        rules=tuple(dict.fromkeys(rules)),
    )
