"""Which foods the planner may put in each meal: the diet pattern, exclusions and candidate lists.

Per meal slot, candidates are (in this order, at most K in all, fewer when a diary has more than
12 meal names: :func:`slot_limit`): the diary's foods at that meal;
then, taken in turn, same-group substitutes of those foods, B12-dense foods, foods with the most
B12 per kcal, protein-dense foods and energy-dense foods, each ranked by its amount per serving
divided by what a new serving costs in the objective (its grams plus the new-food penalty; ties
by food key), and, with a fortified target, the foods whose one serving meets it by serving size
(the fewest grams moved), the smallest servings that offer a meal's share of the absorbed
target, and the servings that do that B12 job (the fortified one when there is a fortified
target) ranked by protein as above. Breakfast cereals (SR28 food group 0800) are suggested at
breakfast only. Without a limit every allowed food is a candidate (the full store), which a test
uses to show the limit loses nothing on small cases. Sweetened and children's cereals
(:mod:`b12.services.menu.sweetened`) are never suggested; the diary's own foods always stay
candidates. A new food has a cited serving and daily maximum (:mod:`b12.services.menu.amounts`),
and is no blood product, poultry skin, imitation product or meat analogue unless the person eats
that kind (:data:`FAMILIAR_ONLY`). A food whose serving is high in sodium (FDA: 20 % of the Daily
Value, 460 mg, or more; :mod:`b12.core.diet.sodium`) or whose sodium is not known is never
suggested new (:func:`suggestible_sodium`); a diary's own stays, at no more than the diary's amount
(:mod:`b12.services.menu.foods`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from b12.core.diet.absorption import (
    CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION,
    FOOD_B12_ABSORBED_FRACTION,
    IF_SATURATION_LOW_UG_PER_MEAL,
)
from b12.data.foods.tags import ALLERGENS
from b12.errors import InputError
from b12.services.menu.diary import UNNAMED_MEAL, UsualEating
from b12.services.menu.foods import FoodPool, MenuFood
from b12.services.menu.sweetened import is_breakfast_cereal, is_sweetened_cereal

ANIMAL = frozenset({"meat", "poultry", "fish", "shellfish", "dairy", "egg"})
# Tags a diet pattern never eats. Keys are the person file's diet values (b12.core.person.Diet; a
# test checks they match). Plain "vegetarian" does not say whether eggs and dairy are eaten: they
# are planned, and the menu says so.
FORBIDDEN_BY_DIET = {
    "omnivore": frozenset(),
    "pescatarian": frozenset({"meat", "poultry"}),
    "vegetarian": frozenset({"meat", "poultry", "fish", "shellfish"}),
    "lacto_ovo_vegetarian": frozenset({"meat", "poultry", "fish", "shellfish"}),
    "lacto_vegetarian": frozenset({"meat", "poultry", "fish", "shellfish", "egg"}),
    "ovo_vegetarian": frozenset({"meat", "poultry", "fish", "shellfish", "dairy"}),
    "vegan": ANIMAL | {"animal_possible"},
}
NEVER_SUGGESTED = frozenset({"not_for_menu", "organ_meat", "algae"})
# An egg, meat, poultry, fish or shellfish named raw is cooked before it is eaten ("Cook eggs
# thoroughly until the yolks and whites are firm": US FDA, Food Safety for Moms to Be, Dairy and
# Eggs): never suggested new as it is named; a diary's own stays (it may be weighed raw to cook).
RAW = "raw"
# Issue 19, the rule for odd new foods: a food of one of these kinds (tags.csv) is suggested new only
# when the diary already has a food of that kind; a meat analogue also for a vegetarian or vegan
# pattern. A planning choice: a week of turkey skin, blood sausage or imitation cheese for someone
# who never eats them is not "close to how the person eats", however well it meets the targets.
FAMILIAR_ONLY = ("blood_product", "skin", "imitation", "meat_analogue")
MEAT_ANALOGUE_DIETS = frozenset(
    {"vegan", "vegetarian", "lacto_ovo_vegetarian", "lacto_vegetarian", "ovo_vegetarian"}
)
# Meals where a breakfast cereal may be suggested: breakfast, and a diary's unnamed meal (b12
# cannot tell which meal it was). A planning choice: cereal is a breakfast food.
CEREAL_MEALS = ("breakfast", UNNAMED_MEAL)
DEFAULT_CANDIDATES_PER_SLOT = 40
# At most this many candidates over all meals (12 meals of 40; a planning choice): a diary with many
# meal names (a fuzzer's 60) made programs of 60 x 40 servings per day that took up to 14 s of CPU
# to prove; past 12 meal names each meal gets its share instead (the diary's foods always stay).
# Measured on fuzz-like persons (docs/menu.md, "On a server"): 1.8 s -> 0.5-1.0 s of CPU at 9-19 %
# more grams moved; on the slowest found, 13.7 s -> 1.5 s at 8 % more.
MAX_CANDIDATES_PER_MENU = 12 * DEFAULT_CANDIDATES_PER_SLOT
# The objective's price of a new serving besides its grams (used by the program in model.py):
# candidates are ranked by what they bring per unit of that price.
NEW_FOOD_PENALTY_G = 100.0


@dataclass(frozen=True)
class Rules:
    """What the person may eat: forbidden tags, excluded words and foods."""

    diet: str
    forbidden_tags: frozenset[str]
    excluded_words: tuple[str, ...]
    notes: tuple[str, ...]

    def allows(self, food: MenuFood) -> bool:
        """True unless the pattern or an exclusion rules the food out."""
        if food.tags & self.forbidden_tags:
            return False
        name = food.name.lower()
        return not any(w in name or w == food.key for w in self.excluded_words)


def eating_rules(diet: str | None, exclude: Sequence[str]) -> Rules:
    """The pattern's forbidden tags plus exclusions (a tag such as 'peanut', or words of a name)."""
    notes = []
    if diet is None:
        diet = "omnivore"
        notes.append("diet pattern not given: planned as omnivore (set 'diet' in the person file)")
    if diet not in FORBIDDEN_BY_DIET:
        allowed = ", ".join(FORBIDDEN_BY_DIET)
        raise InputError(f"diet {diet!r} is not one of: {allowed}", field="diet")
    if diet == "vegetarian":
        notes.append(
            "vegetarian: eggs and dairy are planned; set 'diet' to lacto_ovo_vegetarian, "
            "lacto_vegetarian (no eggs) or ovo_vegetarian (no dairy) to be exact"
        )
    forbidden = set(FORBIDDEN_BY_DIET[diet])
    words = []
    allergens = set()
    for term in exclude:
        text = term.strip().lower()
        if not text:
            raise InputError("an excluded food cannot be empty", field="exclude")
        if text in ALLERGENS or text in ANIMAL:
            forbidden.add(text)
            allergens.add(text)
        else:
            words.append(text)
    if allergens:
        # Recipes and branded products vary: with an allergen excluded they are left out.
        forbidden.add("composite")
        notes.append(
            "with an allergen excluded, mixed and branded products (breakfast cereals, breads, "
            "meat analogues) are left out, since their ingredients vary by product"
        )
    return Rules(diet, frozenset(forbidden), tuple(words), tuple(notes))


@dataclass(frozen=True)
class Slot:
    """The candidate foods of one meal and why each is there."""

    meal: str
    foods: tuple[str, ...]
    reasons: dict[str, str]


# IOM 2005's acceptable range for protein in adults is 10-35 % of energy. A new food is suggested
# for its B12 or its protein, never as energy alone: a food under 10 % of energy from protein with
# no added B12 (butter, cream, oils) stays a diary food only (red team: sticks of butter at dinner
# filled the energy target under a kidney protein limit).
PROTEIN_ENERGY_SHARE_MIN = 0.10
KCAL_PER_G_PROTEIN = 4.0


def brings_b12_or_protein(food: MenuFood) -> bool:
    """Whether a food may be suggested new: fortified, or at least 10 % of its energy protein."""
    protein_kcal = KCAL_PER_G_PROTEIN * food.protein_g_per_100g
    return food.added_ug_per_100g > 0 or protein_kcal >= PROTEIN_ENERGY_SHARE_MIN * (
        food.energy_kcal_per_100g
    )


def familiar_kinds(diet: str, diary_tags: Iterable[frozenset[str]]) -> frozenset[str]:
    """The kinds of :data:`FAMILIAR_ONLY` the person eats: the diary's, plus meat analogues for
    a vegetarian or vegan pattern."""
    kinds = {t for tags in diary_tags for t in tags if t in FAMILIAR_ONLY}
    if diet in MEAT_ANALOGUE_DIETS:
        kinds.add("meat_analogue")
    return frozenset(kinds)


def has_cited_amounts(food: MenuFood) -> bool:
    """Whether a food may be suggested new by its amounts: it has a cited daily maximum
    (:mod:`b12.services.menu.amounts`) and its serving fits within it."""
    return food.max_g_day is not None and food.serving.grams <= food.max_g_day


def suggestible_sodium(food: MenuFood) -> bool:
    """Whether a food may be suggested new by its sodium: known, and under FDA's "high" (20 % DV,
    460 mg) a serving. Issue 19: salted fish, cured meats and the like are for the person who
    already eats them, not a dietitian's suggestion, least of all to an older adult or someone
    with kidney disease or high blood pressure."""
    return food.sodium_mg_per_100g is not None and not food.salty


def cereal_meal(meal: str) -> bool:
    """True for a meal where a breakfast cereal may be suggested (:data:`CEREAL_MEALS`)."""
    return meal.strip().lower() in CEREAL_MEALS


def _offered_b12(food: MenuFood) -> float:
    # Above the intrinsic-factor cap, more B12 in one serving brings nothing more at that meal.
    return min(IF_SATURATION_LOW_UG_PER_MEAL, _offered(food))


def _offered(food: MenuFood) -> float:
    return food.per_serving(
        FOOD_B12_ABSORBED_FRACTION * food.natural_ug_per_100g
        + CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION * food.added_ug_per_100g
    )


def _protein(food: MenuFood) -> float:
    return food.per_serving(food.protein_g_per_100g)


def _ranked(foods: Iterable[MenuFood], amount: Callable[[MenuFood], float]) -> list[str]:
    """Keys by amount per serving divided by the serving's price in the objective."""

    def score(f: MenuFood) -> float:
        return amount(f) / (f.serving.grams + NEW_FOOD_PENALTY_G)

    return [f.key for f in sorted(foods, key=lambda f: (-score(f), f.key)) if score(f) > 0]


def slot_limit(limit: int | None, meals: int) -> int | None:
    """Candidates per meal: ``limit``, or a meal's share of :data:`MAX_CANDIDATES_PER_MENU` when
    there are many meals (at least 1); None (the full store) stays None."""
    if limit is None:
        return None
    return min(limit, max(1, MAX_CANDIDATES_PER_MENU // max(1, meals)))


def candidate_slots(
    pool: FoodPool,
    usual: UsualEating,
    rules: Rules,
    limit: int | None,
    fortified_ug: float | None,
    absorbed_ug: float | None = None,
) -> tuple[Slot, ...]:
    """Candidates for each meal, at most :func:`slot_limit` each; ``limit`` None means every
    allowed food."""
    limit = slot_limit(limit, len(usual.meals))
    familiar = familiar_kinds(rules.diet, (pool.foods[e.key].tags for e in usual.eaten))
    unfamiliar = frozenset(FAMILIAR_ONLY) - familiar
    groups = {pool.foods[e.key].group for e in usual.eaten}
    suggestible = [
        f
        for f in pool.foods.values()
        if rules.allows(f)
        and not f.tags & NEVER_SUGGESTED
        and not (RAW in f.tags and f.tags & ANIMAL)
        and not f.tags & unfamiliar
        and (f.group in groups or f.added_ug_per_100g > 0)
        and has_cited_amounts(f)
        and suggestible_sodium(f)
        and not is_sweetened_cereal(f)
        and brings_b12_or_protein(f)
    ]

    def b12_score(f: MenuFood) -> float:
        if fortified_ug is None:
            return _offered_b12(f)
        # Added B12 counts up to the daily fortified amount, and for what it is absorbed.
        return min(fortified_ug, f.per_serving(f.added_ug_per_100g)) + _offered_b12(f)

    lists = {
        "B12-dense": _ranked(suggestible, b12_score),
        # When energy binds, B12 per kcal matters: a small fortified serving instead of a big one.
        "B12 per kcal": _ranked(
            suggestible, lambda f: b12_score(f) / (1 + f.per_serving(f.energy_kcal_per_100g))
        ),
        "protein-dense": _ranked(suggestible, _protein),
        "energy-dense": _ranked(suggestible, lambda f: f.per_serving(f.energy_kcal_per_100g)),
    }
    # Small servings that do the B12 job: the fewest grams moved wins, whatever else the food
    # brings (the B12-dense list prefers more B12 and misses these). A serving qualifies when it
    # meets the daily fortified amount, or offers a meal's share of the absorbed target.
    by_size = sorted(suggestible, key=lambda f: (f.serving.grams, f.key))
    fortified: list[MenuFood] = []
    absorbing: list[MenuFood] = []
    if fortified_ug is not None:
        fortified = [f for f in by_size if f.per_serving(f.added_ug_per_100g) >= fortified_ug]
        lists["smallest fortified serving"] = [f.key for f in fortified]
    if absorbed_ug is not None:
        share = absorbed_ug / max(1, len(usual.meals))
        absorbing = [f for f in by_size if _offered(f) >= share]
        lists["smallest B12 serving"] = [f.key for f in absorbing]
    # Servings that do the B12 job (the fortified amount when there is one, else a meal's share),
    # ranked by protein: one new food then serves both targets where B12 servings and protein
    # servings would be two (issue 19: a 56 g fortified meatless patty for an older adult's
    # 1.2 g/kg, which the B12 lists, blind to protein, and the protein lists, blind to B12, missed).
    lists["B12 serving with protein"] = _ranked(
        fortified if fortified_ug is not None else absorbing, _protein
    )
    slots = []
    for meal in usual.meals:
        diary = sorted({e.key for e in usual.eaten if e.meal == meal})
        reasons = {k: "in the diary" for k in diary if rules.allows(pool.foods[k])}
        groups = {pool.foods[k].group for k in diary}
        same_group = _ranked(
            (f for f in suggestible if f.group in groups), lambda f: 1 + _offered(f)
        )
        named = [("same group", same_group), *lists.items()]

        def fits(key: str, meal: str = meal) -> bool:
            # A breakfast cereal is suggested at breakfast only (the diary's own stays put).
            return cereal_meal(meal) or not is_breakfast_cereal(pool.foods[key])

        for column in zip_longest(*(keys for _, keys in named)):
            for (reason, _), key in zip(named, column, strict=True):
                if key is not None and key not in reasons and fits(key):
                    if limit is not None and len(reasons) >= limit:
                        break
                    reasons[key] = reason
        if limit is None:
            for f in suggestible:
                if fits(f.key):
                    reasons.setdefault(f.key, "full store")
        slots.append(Slot(meal, tuple(reasons), reasons))
    return tuple(slots)
