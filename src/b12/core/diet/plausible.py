"""Wide data-quality limits for food-diary rows, registered as the ``diet.plausible.diary`` rule.

They catch typing and unit errors (a dose of 1e12 µg, 5 kg of liver in one row, a dose typed in mg
where µg is asked for), as the lab ranges of :mod:`b12.units` and ``plausible.muscle`` do; they are
not clinical limits. Units: µg per dose or row, doses per day, grams per row.
"""

from __future__ import annotations

from b12.core.rules import Evidence, register
from b12.core.sources import B12_DATA_QUALITY

# 0.1 µg: below the B12 of any supplement dose (multivitamins carry about 1 µg or more); a dose in
# mg typed into the µg field (0.001 for 1 mg) lands here.
B12_UG_PER_DOSE_MIN = 0.1
# 10 mg: twice the largest oral B12 tablet commonly sold (5000 µg); more in one dose is a typo.
B12_UG_PER_DOSE_MAX = 10_000.0
# Ten doses of a supplement a day (70 a week) is already far beyond any label's directions.
DOSES_PER_DAY_MAX = 10.0
# 3 kg of one food in one diary row (about three litres of milk) is the most one row may hold.
FOOD_GRAMS_PER_ROW_MAX = 3_000.0

RULE_PLAUSIBLE_DIARY = register(
    "diet.plausible.diary",
    "Diary rows outside wide data-quality limits are refused as entry or unit errors: a B12 "
    "supplement dose of 0.1-10000 µg, a tracker row's B12 of at most 10000 µg, at most 10 "
    "doses a day (70 a week), at most 3000 g of a food in one row",
    B12_DATA_QUALITY,
    Evidence.UNVERIFIED,
    {
        "B12_UG_PER_DOSE_MIN": B12_UG_PER_DOSE_MIN,
        "B12_UG_PER_DOSE_MAX": B12_UG_PER_DOSE_MAX,
        "DOSES_PER_DAY_MAX": DOSES_PER_DAY_MAX,
        "FOOD_GRAMS_PER_ROW_MAX": FOOD_GRAMS_PER_ROW_MAX,
    },
    note="b12 data-quality limits, not clinical thresholds.",
)


def _over(name: str, value: float, limit: float, unit: str, hint: str = "") -> str | None:
    if value <= limit:
        return None
    return f"{name} {value:g} {unit} is outside b12's data-quality limit (at most {limit:g} {unit}){hint}"


def dose_problem(ug_per_dose: float) -> str | None:
    """Why a supplement dose (µg) is refused, or None."""
    if B12_UG_PER_DOSE_MIN <= ug_per_dose <= B12_UG_PER_DOSE_MAX:
        return None
    return (
        f"ug_per_dose {ug_per_dose:g} µg is outside b12's data-quality limits "
        f"({B12_UG_PER_DOSE_MIN:g}-{B12_UG_PER_DOSE_MAX:g} µg); the dose is in µg (1 mg = 1000 µg)"
    )


def tracker_b12_problem(column: str, ug: float) -> str | None:
    """Why a tracker row's B12 (µg) is refused, or None."""
    return _over(column, ug, B12_UG_PER_DOSE_MAX, "µg")


def doses_problem(name: str, per_day: float, written: float) -> str | None:
    """Why a dose frequency is refused, or None (``written``: the number as the row gave it)."""
    if per_day <= DOSES_PER_DAY_MAX:
        return None
    weekly = name == "doses_per_week"
    limit = DOSES_PER_DAY_MAX * (7 if weekly else 1)
    return f"{name} {written:g} is outside b12's data-quality limit (at most {limit:g})"


def grams_problem(grams: float) -> str | None:
    """Why the grams of one food row are refused, or None."""
    return _over("amount", grams, FOOD_GRAMS_PER_ROW_MAX, "g")
