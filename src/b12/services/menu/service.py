"""`b12 menu`: plan a menu for one person, explain it, re-check it, and list what to buy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.food_b12 import FoodB12, food_b12
from b12.core.plan.model import PAEDIATRIC_REFERRAL, Category
from b12.data.diary import Diary, parse_diary_data
from b12.data.foods import load_index
from b12.errors import B12Error, InputError, RecordConflictError
from b12.services.assess import assess_person
from b12.services.intake import intake_for_person
from b12.services.menu.candidates import (
    DEFAULT_CANDIDATES_PER_SLOT,
    MAX_CANDIDATES_PER_MENU,
    NEW_FOOD_PENALTY_G,
    Rules,
    Slot,
    candidate_slots,
    eating_rules,
    slot_limit,
)
from b12.services.menu.diary import UsualEating, usual_eating
from b12.services.menu.foods import FoodPool, MenuFood, food_pool
from b12.services.menu.model import (
    MAX_SERVINGS_PER_MEAL,
    Goals,
    SearchLimitError,
    Solution,
    diary_grams,
    solve,
)
from b12.services.menu.pattern import default_day
from b12.services.menu.result import Day, Line, Meal, Menu, Objective, ShoppingItem
from b12.services.menu.targets import Activity, Range, Targets, menu_targets
from b12.services.menu.verify import verify

_FIXED = (Category.URGENT, Category.REFERRAL, Category.SUPPLEMENT)
MAX_DAYS = 7  # a week: the whole week is one program; longer ones outgrow the solver limit
LABEL_NOTE = (
    "Check the label of every product you buy: recipes change, and b12's food tags are a "
    "planning aid, not an allergen declaration. This menu is never 'allergen-free'."
)
SUPPORT_NOTE = (
    "This menu is decision support, not a prescription: discuss changes with a dietitian or "
    "clinician, especially with kidney disease, diabetes or a restricted diet."
)


def _diary(person: Person, diary: Diary | None) -> Diary | None:
    if diary is not None or person.diary is None:
        return diary
    if isinstance(person.diary, str):
        raise InputError(
            "the diary is a file path; load it beside the person file or send the entries inline",
            field="diary",
        )
    parsed = parse_diary_data(person.diary, "diary")
    return parsed if parsed.dated else None  # undated supplements alone: no day to count


def _assessment(person: Person, diary: Diary | None, store: Path | None) -> Assessment:
    # The estimate `b12 assess` and `b12 intake` read (supplements in the diary included), so the
    # plan's fixed lines beside the menu are the assessment's own.
    intake = None if diary is None else intake_for_person(person, diary, store).estimate
    return assess_person(person, intake=intake)


def _goals(targets: Targets, variety: bool = True) -> Goals:
    return Goals(
        targets.absorbed_b12_ug,
        targets.fortified_ug,
        targets.protein_g,
        targets.energy_kcal,
        variety,
        targets.meal_energy_kcal,
        targets.b12_meal_ug,
        targets.b12_meals,
    )


def _line(food: MenuFood, servings: int, new: bool) -> Line:
    grams = food.serving.grams * servings
    label = food.serving.label if food.serving.unit != "g" else f"{food.serving.grams:g} g"
    return Line(
        key=food.key,
        name=food.name,
        servings=servings,
        portion=label,
        grams=round(grams, 1),
        natural_ug=food.per_serving(food.natural_ug_per_100g) * servings,
        added_ug=food.per_serving(food.added_ug_per_100g) * servings,
        protein_g=food.per_serving(food.protein_g_per_100g) * servings,
        energy_kcal=food.per_serving(food.energy_kcal_per_100g) * servings,
        new=new,
    )


def _days(
    solution: Solution,
    slots: tuple[Slot, ...],
    pool: FoodPool,
    usual: UsualEating,
    days: int,
    route: FoodB12,
) -> tuple[Day, ...]:
    diary = diary_grams(usual, days)
    out = []
    for day in range(days):
        meals = []
        for slot in slots:
            lines = [
                _line(
                    pool.foods[k],
                    solution.servings[(day, slot.meal, k)],
                    (day, slot.meal, k) not in diary,
                )
                for k in slot.foods
                if (day, slot.meal, k) in solution.servings
            ]
            meals.append(
                Meal(
                    slot.meal,
                    tuple(sorted(lines, key=lambda x: x.key)),
                    route is not FoodB12.NOT_FROM_FOOD,
                    route is FoodB12.ABSORBED,
                )
            )
        out.append(Day(day + 1, tuple(meals)))
    return tuple(out)


def _shopping(days: tuple[Day, ...]) -> tuple[ShoppingItem, ...]:
    items: dict[str, ShoppingItem] = {}
    for day in days:
        for meal in day.meals:
            for x in meal.lines:
                old = items.get(x.key, ShoppingItem(x.key, x.name, 0, 0.0))
                items[x.key] = ShoppingItem(
                    x.key, x.name, old.servings + x.servings, round(old.grams + x.grams, 1)
                )
    return tuple(sorted(items.values(), key=lambda i: i.name))


def _unmet(
    slots: tuple[Slot, ...],
    pool: FoodPool,
    usual: UsualEating,
    days: int,
    targets: Targets,
    rules: Rules,
) -> tuple[str, ...]:
    """Which target cannot be met, each tried on its own, and why."""
    foods = [pool.foods[k] for s in slots for k in s.foods]
    off = Range(None, None)
    trials = {
        "absorbed B12": Goals(targets.absorbed_b12_ug, None, off, off, False),
        "fortified B12": Goals(None, targets.fortified_ug, off, off, False),
        "protein": Goals(None, None, targets.protein_g, off, False),
        "energy": Goals(None, None, off, targets.energy_kcal, False),
    }
    needed = {
        "absorbed B12": targets.absorbed_b12_ug is not None,
        "fortified B12": targets.fortified_ug is not None,
        "protein": targets.protein_g != off,
        "energy": targets.energy_kcal != off,
    }
    reasons = []
    pattern = f"the {rules.diet} pattern and the exclusions"
    if needed["absorbed B12"] and not any(
        f.natural_ug_per_100g + f.added_ug_per_100g > 0 for f in foods
    ):
        reasons.append(
            f"absorbed B12: no food allowed by {pattern} contains B12 (for example a vegan diet "
            "that excludes every fortified food); a B12 supplement is the reliable source: see "
            "the plan and a clinician"
        )
        needed["absorbed B12"] = False
    if needed["fortified B12"] and not any(f.added_ug_per_100g > 0 for f in foods):
        reasons.append(f"fortified B12: no fortified food is allowed by {pattern}")
        needed["fortified B12"] = False
    for name, goals in trials.items():
        if needed[name] and _unsolved(slots, pool, days, usual, goals):
            reasons.append(
                f"{name}: cannot be met with the allowed foods in at most "
                f"{MAX_SERVINGS_PER_MEAL} servings of a food per meal"
            )
    unrotated = _goals(targets, variety=False)
    if not reasons and not _unsolved(slots, pool, days, usual, unrotated):
        reasons.append(
            "variety: the targets can be met only by serving the same new foods more often than "
            "the variety rule allows"
        )
    if not reasons:
        reasons.append(
            "each target can be met on its own but not all together with these foods and "
            "limits (B12, protein and energy pull against each other)"
        )
    return tuple(reasons)


def _unsolved(
    slots: tuple[Slot, ...], pool: FoodPool, days: int, usual: UsualEating, goals: Goals
) -> bool:
    """Whether no menu meets ``goals`` (one not found within the node limit counts as none)."""
    try:
        return solve(slots, pool.foods, days, usual, goals) is None
    except SearchLimitError:
        return True


def plan_menu(
    person: Person,
    *,
    days: int = 7,
    diary: Diary | None = None,
    store: Path | None = None,
    exclude: Sequence[str] = (),
    activity: Activity = Activity.SEDENTARY,
    candidates_per_slot: int | None = DEFAULT_CANDIDATES_PER_SLOT,
) -> Menu:
    """A menu of ``days`` days for ``person``, closest to their diary, that meets their targets.

    ``diary`` defaults to the person's inline diary; ``candidates_per_slot`` None plans from every
    allowed food. Raises :class:`~b12.errors.InputError` for bad options.
    """
    if not 1 <= days <= MAX_DAYS:
        raise InputError(f"days {days!r} must be 1 to {MAX_DAYS}", field="days")
    if candidates_per_slot is not None and candidates_per_slot < 1:
        raise InputError(f"{candidates_per_slot!r} must be at least 1", field="candidates")
    diary = _diary(person, diary)
    assessment = _assessment(person, diary, store)
    if assessment.plan and any(i.id == PAEDIATRIC_REFERRAL for i in assessment.plan.items):
        # The plan refers a child (NICE NG239 covers people aged 16 and over): the menu's targets
        # (absorbed B12, protein per kg, energy) are adults', and a baby is fed milk.
        raise RecordConflictError(
            f"age {person.age:g}: the menu planner is for people aged 16 and over; a child's diet "
            "is planned with a paediatric dietitian",
            field="age",
        )
    index = load_index(store)
    pool = food_pool(index)
    rules = eating_rules(person.diet.value if person.diet else None, exclude)
    usual = usual_eating(diary, index, pool) if diary is not None else default_day(pool, rules)
    # A diary food's serving is the amount the person ate, so that the diary itself is a menu.
    foods = {k: replace(f, serving=usual.servings.get(k, f.serving)) for k, f in pool.foods.items()}
    pool = replace(pool, foods=foods)
    targets = menu_targets(person, assessment, activity, usual.energy_kcal_per_day, usual.meals)
    slots = candidate_slots(
        pool, usual, rules, candidates_per_slot, targets.fortified_ug, targets.absorbed_b12_ug
    )
    plan = assessment.plan
    # What food cannot do, from the plan, above the menu: urgent care, referrals (a doctor, the
    # midwife, stopping nitrous oxide), supplements and treatment.
    fixed = tuple(
        i.text for i in (plan.items if plan else ()) if i.category in _FIXED or i.regimens
    )
    notes = [*usual.notes, *rules.notes]
    if pool.without_macros:
        notes.append(
            f"{pool.without_macros} store food(s) have no protein or energy value and are not planned with"
        )
    per_meal = slot_limit(candidates_per_slot, len(slots))
    if per_meal is not None and candidates_per_slot is not None and per_meal < candidates_per_slot:
        notes.append(
            f"the diary has {len(slots)} meal names: foods are suggested at a meal only up to "
            f"{per_meal} candidates (its diary foods always stay; {MAX_CANDIDATES_PER_MENU} over "
            f"all meals) instead of {candidates_per_slot}, so that the menu is planned in a few "
            "seconds; fewer meal names give each meal more choice"
        )
    notes += [LABEL_NOTE, SUPPORT_NOTE]
    candidates = tuple((s.meal, len(s.foods), _count(s.reasons.values())) for s in slots)
    base = Menu(
        feasible=False,
        days=(),
        targets=targets.notes,
        fixed_lines=fixed,
        binding=(),
        unmet=(),
        candidates=candidates,
        candidates_per_slot=candidates_per_slot,
        candidates_per_menu=None if candidates_per_slot is None else MAX_CANDIDATES_PER_MENU,
        objective_g=None,
        checks=(),
        shopping=(),
        notes=tuple(notes),
        rules=targets.rules,
    )
    try:
        solution = solve(slots, pool.foods, days, usual, _goals(targets))
    except SearchLimitError as limit:  # said in the menu, as an unmet target is
        return replace(base, unmet=(str(limit).removeprefix("days: "),))
    if solution is None:
        return replace(base, unmet=_unmet(slots, pool, usual, days, targets, rules))
    route = food_b12(person)
    intrinsic = route is not FoodB12.NOT_FROM_FOOD
    menu_days = _days(solution, slots, pool, usual, days, route)
    eaten = frozenset((e.meal, e.key) for e in usual.eaten)
    grams = diary_grams(usual, days)
    checks = verify(menu_days, targets, pool.foods, rules, intrinsic, grams, usual.days, eaten)
    failed = [c for c in checks if not c.passed]
    if failed:
        raise B12Error(
            f"the planned menu failed its own check ({failed[0].name}); please report this"
        )
    return replace(
        base,
        feasible=True,
        days=menu_days,
        binding=solution.binding,
        objective_g=solution.objective_g,
        objective=Objective(
            solution.objective_g,
            solution.grams_moved,
            solution.new_foods,
            NEW_FOOD_PENALTY_G,
            solution.mip_gap,
            solution.nodes,
        ),
        checks=checks,
        shopping=_shopping(menu_days),
    )


def _count(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return dict(sorted(counts.items()))
