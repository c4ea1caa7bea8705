"""What a menu must meet, read from b12's clinical core for one person.

* Absorbed B12: at least 0.5 × the life-stage RDA absorbed per day (the plan's own comparison,
  :func:`b12.core.plan.intake.intake_level`, which counts absorbed B12 against the requirement
  × 50 %), with absorption per meal by :mod:`b12.core.diet.absorption` (midpoint of its 1.5-2.5 µg
  cap, as the plan's measured intake uses it). With malabsorption the intrinsic-factor route is
  lost: food cannot meet the target, and B12 is the clinician's decision (no B12 constraint).
  With atrophic gastritis (IOM 1998 p.342: food-bound B12 poorly absorbed, "normal amounts of
  crystalline B12" needed) natural B12 is not counted: the menu asks for the RDA as added B12.
  Both readings are :func:`b12.core.plan.food_b12.food_b12`, which the plan's food item reads too.
* Fortified share: adults over 50 (IOM 1998, ``requirements.iom-over-50-fortified``) and people on
  a PPI, H2-receptor antagonist or metformin (the screening risk factors) get at least half of the
  RDA as crystalline (added) B12 each day. "Most of the RDA from fortified food" is IOM's advice;
  "at least half" is b12's reading of "most" for a menu (``diet.requirements.fortified-share``,
  unverified).
* Protein: :func:`b12.core.plan.lifestyle.person_protein_target`, the function the plan's protein
  item reads (PROT-AGE / ESPEN; adult RDA below 66; kidney history from the conditions and the
  ``dialysis`` field), so the menu and the plan cannot disagree. Times body weight, as a floor.
  eGFR < 30 or a named CKD stage 4-5, not on dialysis: no floor, a ceiling of the adult RDA
  (0.8 g/kg) and "amount set by the renal team". CKD G3: also no more than KDIGO's 1.3 g/kg.
  On dialysis: no ceiling (KDOQI 2020's 1.0 g/kg as the floor; the renal dietitian sets it).
  The per-meal 25 g figure (``diet.protein.per-meal-soft-target``, unverified) is shown per meal,
  never enforced.
* Energy: within ± 10 % (``diet.energy.menu-tolerance``, b12's choice) of
  :func:`b12.core.diet.energy.energy_need_kcal` (Mifflin-St Jeor × an activity factor) when weight
  and height are known and the person is 19-78 (the equation's sample), plus the trimester's
  increment in pregnancy (``diet.energy.iom-2006-pregnancy``: 0, 340, 452 kcal/day, from the
  gestational week); else the diary's mean energy; else the energy constraint is off and the menu
  says so. Breastfeeding (``diet.energy.iom-2005-lactation``): a band from the estimate + 330
  kcal (first 6 months) − 10 % to + 400 kcal (months 7-12) + 10 %, since the months since birth
  are not recorded. Pregnant without a gestational week, or pregnant and breastfeeding: the
  diary's energy, else off.

Every number above is a registered rule of :mod:`b12.core` (``b12 rules``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from b12.core.assessment import Assessment
from b12.core.diet import energy
from b12.core.diet.absorption import FOOD_B12_ABSORBED_FRACTION
from b12.core.diet.energy import Activity
from b12.core.diet.meals import (
    B12_MEALS_PER_DAY,
    RULE_B12_MEALS,
    RULE_MEAL_ENERGY,
    b12_meal_ug,
    meal_energy_bounds,
)
from b12.core.diet.protein import (
    PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY,
    RULE_KDIGO_CKD,
    RULE_PER_MEAL,
)
from b12.core.diet.requirements import RULE_FORTIFIED_SHARE, ReferenceIntake, reference_intake
from b12.core.diet.verdict import fortified_reasons, fortified_target_ug
from b12.core.person import Person
from b12.core.plan.food_b12 import RULE_FOOD_BOUND, FoodB12, food_b12
from b12.core.plan.intake import fortified_medicines
from b12.core.plan.lifestyle import person_protein_target
from b12.reports.plain_words import weakest_evidence
from b12.services.assess import assessment_date

__all__ = ["Activity", "Range", "Targets", "menu_targets"]


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
    meal_energy_kcal: tuple[tuple[str, Range], ...] = ()  # per main meal (diet.meals)
    b12_meal_ug: float | None = None  # what a meal offers to count as a B12 meal
    b12_meals: int = 0  # B12 meals a day at least


def _life_stage_unknown(person: Person) -> str | None:
    """Why the energy estimate cannot be made for this life stage, or None when it can."""
    if person.pregnant and person.gestational_age_weeks is None:
        return (
            "pregnant without a gestational week, so the trimester's energy increment "
            "(0, 340 or 452 kcal/day, IOM 2006) is unknown"
        )
    if person.pregnant and person.breastfeeding:
        return "pregnant and breastfeeding: b12 has no cited energy need for both at once"
    return None


def _energy(
    person: Person, activity: Activity, diary_kcal: float | None
) -> tuple[Range, str, tuple[str, ...]]:
    weight = person.muscle.weight_kg if person.muscle else None
    height = person.muscle.height_m if person.muscle else None
    rules: tuple[str, ...] = (energy.RULE_TOLERANCE,)
    unknown = _life_stage_unknown(person)
    if (
        weight is not None
        and height is not None
        and energy.mifflin_applies(person.age)
        and unknown is None
    ):
        need = energy.energy_need_kcal(person.sex, weight, height * 100, person.age, activity)
        factor = energy.ACTIVITY_FACTOR[activity]
        basis = f"Mifflin-St Jeor × {factor:g} ({activity.value})"
        rules = (energy.RULE_MIFFLIN, energy.RULE_ACTIVITY, *rules)
        if person.pregnant and person.gestational_age_weeks is not None:
            week = person.gestational_age_weeks
            extra = energy.pregnancy_increment_kcal(week)
            basis += (
                f" + {extra:g} kcal (trimester {energy.trimester(week)}, week {week:g}; "
                "IOM 2006, none in the 1st trimester)"
            )
            need += extra
            rules = (*rules, energy.RULE_PREGNANCY, energy.RULE_TRIMESTER)
        if person.breastfeeding:
            return _lactation(need, basis, (*rules, energy.RULE_LACTATION))
    elif (
        weight is not None
        and unknown is None
        and not person.breastfeeding
        and person.age > energy.MIFFLIN_SAMPLE_MAX_AGE_YEARS
        and energy.espen_applies(weight, height)
    ):
        # Older than Mifflin-St Jeor's sample: ESPEN's guiding value per kg, not the diary's
        # energy, which may be what made the person frail (red team: 988 kcal at 80 years).
        need = energy.espen_older_kcal(weight)
        basis = f"ESPEN 2019's guiding value for older persons, 30 kcal/kg × {weight:g} kg"
        rules = (energy.RULE_ESPEN_OLDER, *rules)
    elif diary_kcal is not None and diary_kcal > 0:
        why = unknown or "no weight and height, or age outside 19-78"
        need, basis = (diary_kcal, f"the diary's mean energy ({why})")
    elif unknown is not None:
        return Range(None, None), f"energy constraint off: {unknown}, and no whole-day diary", ()
    elif weight is not None and height is not None:
        # Weight and height are known: say the real reason, not "no weight and height".
        lo, hi = energy.MIFFLIN_SAMPLE_MIN_AGE_YEARS, energy.MIFFLIN_SAMPLE_MAX_AGE_YEARS
        return (
            Range(None, None),
            f"energy constraint off: age {person.age:g} is outside Mifflin-St Jeor's sample "
            f"({lo:g}-{hi:g} years), and no whole-day diary",
            (energy.RULE_MIFFLIN,),
        )
    else:
        return (
            Range(None, None),
            "energy constraint off: no weight and height, and no whole-day diary",
            (),
        )
    low, high = energy.tolerance_kcal(need)
    tolerance = energy.ENERGY_TOLERANCE_FRACTION
    return (
        Range(low, high),
        f"energy {round(need):d} kcal/day ± {tolerance:.0%} from {basis}",
        rules,
    )


def _lactation(
    need: float, basis: str, rules: tuple[str, ...]
) -> tuple[Range, str, tuple[str, ...]]:
    """Breastfeeding: a band over both half-years' increments (the months since birth are not
    recorded, so b12 does not choose one)."""
    low, high = energy.lactation_band_kcal(need)
    first, second = energy.lactation_increments_kcal()
    milk_1, loss_1 = (
        energy.LACTATION_MILK_KCAL_0_6_MONTHS,
        energy.LACTATION_WEIGHT_LOSS_KCAL_0_6_MONTHS,
    )
    milk_2, loss_2 = (
        energy.LACTATION_MILK_KCAL_7_12_MONTHS,
        energy.LACTATION_WEIGHT_LOSS_KCAL_7_12_MONTHS,
    )
    return (
        Range(low, high),
        f"energy {low:d}-{high:d} kcal/day: {round(need):d} kcal from {basis}, plus "
        f"{first:g} kcal (breastfeeding, first 6 months after birth: milk {milk_1:g} − weight "
        f"loss {loss_1:g}) to {second:g} kcal (months 7-12: {milk_2:g} − {loss_2:g}; IOM 2005), ± "
        f"{energy.ENERGY_TOLERANCE_FRACTION:.0%}: the months since birth are not recorded, so "
        "the band spans both",
        rules,
    )


def _per_kg(g_kg: float | None, weight: float | None) -> float | None:
    return None if g_kg is None or weight is None else round(g_kg * weight)


def _protein(person: Person, egfr: float | None) -> tuple[Range, str, tuple[str, ...]]:
    target = person_protein_target(person, egfr)
    # The plan's weight basis (ideal body weight at BMI >= 30), for caps as for floors: 0.8 g/kg
    # of an obese person's actual weight had let the menu exceed the kidney limit (red team).
    weight = None if target.weight is None else target.weight.kg
    rules = (*target.rules, RULE_PER_MEAL)
    if target.limit_for_kidneys:
        high = target.max_g_day  # the plan's ceiling, on its weight basis
        limit = (
            ""
            if high is None
            else f"; the menu stays at or below {high:g} g a day ({target.max_g_kg_day:g} g/kg)"
        )
        return (
            Range(None, high),
            "protein: amount set by the renal team (severe kidney disease, not on dialysis)"
            + limit,
            rules,
        )
    if target.renal_dietitian:
        floor = "" if target.low_g_day is None else f"at least {target.low_g_day:g} g/day and "
        note = (
            f"protein: {floor}no upper limit (on dialysis, {target.low_g_kg_day:g} g/kg when "
            "stable): your renal dietitian sets the amount"
        )
        return Range(target.low_g_day, None), note, rules
    if target.low_g_day is None:
        why = (
            f"counted on {target.weight.words}"
            if target.weight is not None and target.weight.kind == "dietitian"
            else "no body weight given"
        )
        return Range(None, None), f"protein constraint off: {why}", rules
    high = None
    if RULE_KDIGO_CKD in target.rules:  # CKD G3: avoid more than 1.3 g/kg (KDIGO 2024)
        high = _per_kg(PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY, weight)
    ceiling = (
        "" if high is None else f", at most {high:g} g ({PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY:g} g/kg)"
    )
    return (
        Range(target.low_g_day, high),
        f"protein at least {target.low_g_day:g} g/day ({target.low_g_kg_day:g} g/kg, "
        f"{target.basis}){ceiling}",
        rules,
    )


def _marked(note: str, rules: tuple[str, ...]) -> str:
    """The note with the weakest evidence level of its rules, as the plan's lines carry it
    (DECISIONS: an unverified or secondary number is never shown as settled)."""
    level = weakest_evidence(rules)
    return note if level is None else f"{note}  ({level})"


def _meals(
    meals: Sequence[str], absorbed: float | None, energy_range: Range
) -> tuple[tuple[tuple[str, Range], ...], float | None, int, list[str], list[str]]:
    """Per-meal energy bands and the B12 spread (:mod:`b12.core.diet.meals`), with notes and rules."""
    notes: list[str] = []
    rules: list[str] = []
    bands = tuple(
        (m, Range(lo, hi))
        for m, (lo, hi) in meal_energy_bounds(meals, energy_range.low, energy_range.high).items()
    )
    if bands:
        rules.append(RULE_MEAL_ENERGY)
        shown = ", ".join(
            f"{m} {'-' if r.low is None else round(r.low)}-{'-' if r.high is None else round(r.high)}"
            for m, r in bands
        )
        notes.append(
            _marked(
                f"energy per main meal (kcal): {shown} (about 20 % breakfast, 30 % lunch, 30 % "
                "dinner, 20 % snacks, UK government via the British Nutrition Foundation)",
                (RULE_MEAL_ENERGY,),
            )
        )
    spread = B12_MEALS_PER_DAY if absorbed is not None and len(meals) > 1 else 0
    per_meal = None if not spread or absorbed is None else b12_meal_ug(absorbed)
    if per_meal is not None:
        rules.append(RULE_B12_MEALS)
        notes.append(
            _marked(
                f"B12 at {min(spread, len(meals))} meals a day or more, each offering at least "
                f"{per_meal:.2f} µg (a third of the target), as the plan says: B12 sources at two "
                "or three meals a day",
                (RULE_B12_MEALS,),
            )
        )
    return bands, per_meal, min(spread, len(meals)), notes, rules


def menu_targets(
    person: Person,
    assessment: Assessment,
    activity: Activity,
    diary_kcal: float | None,
    meals: Sequence[str] = (),
) -> Targets:
    """The daily targets for ``person`` from the core and the person's assessment; ``meals``, the
    menu's meal names, for the per-meal energy bands and the B12 spread."""
    reference = reference_intake(
        person.age, pregnant=person.pregnant, lactating=person.breastfeeding
    )
    notes: list[str] = []
    rules = list(reference.rules)
    absorbed: float | None = FOOD_B12_ABSORBED_FRACTION * reference.rda_ug_per_day
    fortified: float | None = None
    # The plan's food item reads the same function, so the plan and the menu agree on food B12.
    route = food_b12(person)
    if route is FoodB12.NOT_FROM_FOOD:
        absorbed = None
        notes.append(
            "B12: a malabsorption condition is recorded, so food cannot supply enough; B12 "
            "treatment is the clinician's decision (see the plan). The menu serves protein and "
            "energy."
        )
    elif route is FoodB12.CRYSTALLINE_ONLY:
        # IOM 1998 p.342: "normal amounts of crystalline B12"; natural B12 is not counted.
        absorbed, fortified = None, reference.rda_ug_per_day
        rules.append(RULE_FOOD_BOUND)
        notes.append(
            f"B12: atrophic gastritis is recorded, so B12 bound in meat, fish, eggs and dairy is "
            f"not counted (poorly absorbed); at least {fortified:g} µg of added B12 a day from "
            "fortified foods, the RDA as crystalline B12 (IOM 1998). This does not replace B12 "
            "treatment a clinician decides on (see the plan)."
        )
    else:
        notes.append(
            f"B12: at least {absorbed:.2f} µg absorbed a day (half the RDA of "
            f"{reference.rda_ug_per_day:g} µg, as the plan compares intake), absorption per meal"
        )
    # The intake verdict's own rule (one function): over 50, or on a PPI, H2-blocker or metformin.
    medicines = fortified_medicines(person, assessment_date(person))
    share = None if absorbed is None else fortified_target_ug(reference, medicines)
    if share is not None:
        fortified = share
        rules.append(RULE_FORTIFIED_SHARE)
        why = ", ".join(fortified_reasons(reference, medicines))
        notes.append(
            _marked(
                f"fortified foods: at least {fortified:g} µg of added B12 a day ({why}: most B12 "
                "from fortified foods, IOM 1998)",
                (RULE_FORTIFIED_SHARE,),
            )
        )
    protein, protein_note, protein_rules = _protein(person, assessment.status.egfr)
    energy_range, energy_note, energy_rules = _energy(person, activity, diary_kcal)
    notes += [protein_note, _marked(energy_note, energy_rules)]
    rules += protein_rules + energy_rules
    bands, per_meal, spread, meal_notes, meal_rules = _meals(meals, absorbed, energy_range)
    notes += meal_notes
    rules += meal_rules
    return Targets(
        reference=reference,
        absorbed_b12_ug=absorbed,
        fortified_ug=fortified,
        protein_g=protein,
        energy_kcal=energy_range,
        notes=tuple(notes),
        rules=tuple(dict.fromkeys(rules)),
        meal_energy_kcal=bands,
        b12_meal_ug=per_meal,
        b12_meals=spread,
    )
