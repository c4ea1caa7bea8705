"""How a menu day is shared between its meals: energy per main meal, and B12 at several meals.

Sources
-------
- Energy: British Nutrition Foundation, "Healthy eating in practice" (``secondary``: the BNF
  quotes the UK government): "one way to spread calorie intake over the day could be to consume
  20% of total calorie intake at breakfast, 30% at lunch, 30% at dinner and 20% for snacks", and
  "Most of the calorie intake should come from foods and drinks eaten at meal times (80%)".
  It is "one way", not a rule, so b12 reads it as a band (``unverified``, b12's reading): a main
  meal gets at least half its share, and at most its share plus the snacks' 20 % and the shares of
  the main meals the day does not have (a day without snacks or without lunch puts that energy at
  the other meals). With all three main meals: breakfast 10-40 %, lunch and dinner 15-50 %.
- B12: the plan's "Include B12 sources at two or three meals a day" (IOM 1998 p.309: intrinsic
  factor saturates at 1.5-2.5 µg a meal; The Vegan Society: "Eat fortified foods two or three
  times a day to get at least three micrograms"). A meal counts as one with a B12 source when it
  offers the intrinsic-factor route at least a third of the day's absorbed target (b12's reading of
  "two or three", ``unverified``: a third, so that three such meals meet the target).

Input and output: kcal/day and µg/day; meal names as the diary writes them (case ignored).
"""

from __future__ import annotations

from collections.abc import Sequence

from b12.core.rules import Evidence, register
from b12.core.sources import BNF_MEAL_PATTERN, VEGAN_SOCIETY_B12

MAIN_MEAL_ENERGY_SHARE = {"breakfast": 0.20, "lunch": 0.30, "dinner": 0.30}
SNACKS_ENERGY_SHARE = 0.20
MAIN_MEAL_FLOOR_FRACTION_OF_SHARE = 0.5  # b12's reading of "one way ... could be"
B12_MEALS_PER_DAY = 2  # "two or three meals a day": at least two
B12_MEAL_FRACTION_OF_TARGET = 1 / 3  # a B12 meal offers a third of the day's absorbed target

RULE_MEAL_ENERGY = register(
    "diet.meals.uk-20-30-30-20",
    "A menu's main meals share the day's energy about 20 % breakfast, 30 % lunch, 30 % dinner "
    "(20 % snacks): each main meal at least half its share, at most its share plus the snacks' "
    "and any missing main meal's",
    BNF_MEAL_PATTERN,
    Evidence.SECONDARY,
    {
        **{f"{m.upper()}_ENERGY_SHARE": v for m, v in MAIN_MEAL_ENERGY_SHARE.items()},
        "SNACKS_ENERGY_SHARE": SNACKS_ENERGY_SHARE,
        "MAIN_MEAL_FLOOR_FRACTION_OF_SHARE": MAIN_MEAL_FLOOR_FRACTION_OF_SHARE,
    },
    note="The shares are the UK government's 'one way' (via the British Nutrition Foundation); "
    "the band around them (half the share to share + snacks) is b12's reading.",
)
RULE_B12_MEALS = register(
    "diet.meals.b12-two-meals",
    "When food B12 counts, a menu day has B12 at two meals or more, each offering at least a "
    "third of the day's absorbed target (the plan's 'B12 sources at two or three meals a day')",
    VEGAN_SOCIETY_B12,
    Evidence.UNVERIFIED,
    {
        "B12_MEALS_PER_DAY": B12_MEALS_PER_DAY,
        "B12_MEAL_FRACTION_OF_TARGET": B12_MEAL_FRACTION_OF_TARGET,
    },
    note="Also IOM 1998 p.309 (intrinsic factor saturates at 1.5-2.5 µg a meal); 'at least two' "
    "and 'a third of the target' are b12's reading of 'two or three times a day'.",
)


def main_meal(name: str) -> str | None:
    """'breakfast', 'lunch' or 'dinner' for a meal written so (case and spaces ignored), else None."""
    key = name.strip().lower()
    return key if key in MAIN_MEAL_ENERGY_SHARE else None


def meal_energy_bounds(
    meals: Sequence[str], low_kcal: float | None, high_kcal: float | None
) -> dict[str, tuple[float | None, float | None]]:
    """(floor, ceiling) kcal for each main meal among ``meals``, from the day's energy band.

    A bound is None when the day's matching bound is None. Meals that are not main meals (snacks,
    "second breakfast") get no bound.
    """
    present = {m: main_meal(m) for m in meals}
    shares = {main for main in present.values() if main is not None}
    spare = SNACKS_ENERGY_SHARE + sum(
        s for main, s in MAIN_MEAL_ENERGY_SHARE.items() if main not in shares
    )
    bounds: dict[str, tuple[float | None, float | None]] = {}
    for meal, main in present.items():
        if main is None:
            continue
        share = MAIN_MEAL_ENERGY_SHARE[main]
        floor = None if low_kcal is None else MAIN_MEAL_FLOOR_FRACTION_OF_SHARE * share * low_kcal
        ceiling = None if high_kcal is None else (share + spare) * high_kcal
        bounds[meal] = (floor, ceiling)
    return bounds


def b12_meal_ug(absorbed_target_ug: float) -> float:
    """What a meal offers the intrinsic-factor route to count as a meal with a B12 source, µg."""
    return B12_MEAL_FRACTION_OF_TARGET * absorbed_target_ug
