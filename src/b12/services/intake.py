"""Dietary B12 intake from a diary: resolve foods, compute intake and absorption, compare.

Foods come from the food store when one has been imported (``b12 foods import``), else from the
bundled table. Rows whose food cannot be resolved are returned with suggestions, never dropped
silently; rows whose food has no B12 value in the source count as 0 µg with a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from b12.core.diet.intake import (
    UNSPECIFIED_MEAL,
    FoodIntake,
    IntakeResult,
    ResolvedRow,
    Suggestion,
    SupplementIntake,
    Unmatched,
    summarise,
)
from b12.core.diet.plausible import grams_problem
from b12.core.diet.requirements import reference_intake
from b12.core.person import Person
from b12.core.plan.intake import fortified_medicines
from b12.core.screening.surgery import has_malabsorption
from b12.data.diary import Diary, DiaryRow, load_diary, parse_diary_data
from b12.data.foods import Food, FoodIndex, load_index
from b12.data.foods.portions import grams_of
from b12.data.person_file import load_person
from b12.errors import InputError, shown

# No age given: the reference shown is that of adults 19-50 (any age in the band gives it).
DEFAULT_ADULT_AGE_YEARS = 30.0
SUGGESTIONS = 3


def _per_100g(value: float | None) -> float:
    return 0.0 if value is None else value


def plausible_grams(food: Food, amount: float, unit: str, grams: float, where: str) -> float:
    """``grams`` of ``amount`` ``unit`` of ``food``, refused beyond the diary's data-quality limit
    (``diet.plausible.diary``), naming ``where`` (the amount's field)."""
    problem = grams_problem(grams)
    if problem is not None:
        raise InputError(f"{problem}; {shown(f'{amount:g} {unit}')} of {food.name}", field=where)
    return grams


def _food_row(row: DiaryRow, food: Food, meal: str) -> tuple[FoodIntake, ResolvedRow]:
    assert row.day is not None and row.amount is not None and row.unit is not None
    where = f"{row.where}.amount"
    grams = plausible_grams(
        food, row.amount, row.unit, grams_of(food, row.amount, row.unit, where), where
    )
    total = _per_100g(food.b12_ug_per_100g) * grams / 100
    added = min(total, _per_100g(food.b12_added_ug_per_100g) * grams / 100)
    item = FoodIntake(row.day, meal, food.name, grams, total - added, added)
    return item, ResolvedRow(row.where, food.name, food.key, grams, total)


def intake_from_diary(
    diary: Diary,
    index: FoodIndex,
    *,
    age_years: float | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    malabsorption: bool = False,
    foods_from: str = "bundled table",
    medicines: Sequence[str] = (),
) -> IntakeResult:
    """Resolve a parsed diary against ``index`` and summarise the intake.

    ``medicines``: those taken that call for fortified foods or a supplement (named in the verdict
    and the caveats; :func:`b12.core.plan.intake.fortified_medicines`).
    """
    notes: list[str] = []
    foods: list[FoodIntake] = []
    supplements: list[SupplementIntake] = []
    resolved: list[ResolvedRow] = []
    unmatched: list[Unmatched] = []
    days = {row.day for row in diary.rows if row.day is not None}
    no_value: list[str] = []
    for row in diary.rows:
        meal = row.meal or UNSPECIFIED_MEAL
        if row.supplement:
            assert row.b12_ug is not None
            supplements.append(
                SupplementIntake(row.food, row.b12_ug, row.doses_per_day, day=row.day)
            )
            continue
        assert row.day is not None
        if row.b12_ug is not None:  # a tracker gave µg for the row
            foods.append(FoodIntake(row.day, meal, row.food, None, row.b12_ug, 0.0))
            resolved.append(ResolvedRow(row.where, row.food, None, None, row.b12_ug))
            if row.b12_missing:
                no_value.append(row.food)
            continue
        food = index.resolve(row.food)
        if food is None:
            hits = index.search(row.food, limit=SUGGESTIONS)
            unmatched.append(
                Unmatched(
                    row.where,
                    row.food,
                    tuple(Suggestion(h.food.key, h.food.name) for h in hits),
                )
            )
            continue
        if food.b12_ug_per_100g is None:
            no_value.append(food.name)
        item, shown = _food_row(row, food, meal)
        foods.append(item)
        resolved.append(shown)
    if not diary.rows:
        raise InputError("the diary is empty: add food entries or supplements", field="diary")
    if diary.layout == "cronometer":
        notes.append(
            "Cronometer rows give total B12 per serving; b12 cannot split natural from added "
            "(fortified) B12 there and counts it all as natural"
        )
    if no_value:
        notes.append(
            f"no B12 value in the source for {len(no_value)} row(s), counted as 0 µg: "
            + "; ".join(sorted(set(no_value))[:5])
        )
    if unmatched:
        notes.append(
            f"{len(unmatched)} row(s) not matched to a food and not counted: intake is "
            "underestimated until they are fixed (see the suggestions)"
        )
    if age_years is None:
        notes.append("no age given (--age or --person): the reference shown is for adults 19-50")
    reference = reference_intake(
        DEFAULT_ADULT_AGE_YEARS if age_years is None else age_years,
        pregnant=pregnant,
        lactating=lactating,
    )
    if not days:
        notes.append(
            "supplements only, without a date: they count as a usual day; food was not recorded"
        )
    summary = summarise(
        foods,
        supplements,
        reference,
        intrinsic_factor=not malabsorption,
        days=days,
        medicines=medicines,
    )
    estimate = summary.estimate(
        unread_rows=len(unmatched), food_recorded=bool(foods or unmatched), medicines=medicines
    )
    return IntakeResult(
        summary, tuple(resolved), tuple(unmatched), tuple(notes), foods_from, estimate
    )


def intake_for_person(person: Person, diary: Diary, store: Path | None) -> IntakeResult:
    """Intake of a validated person (age, life stage, malabsorption and the medicines taken on
    the assessment date, from the person file)."""
    # Imported here: the assessment service reads the diary through this module.
    from b12.services.assess import assessment_date

    index = load_index(store)
    return intake_from_diary(
        diary,
        index,
        age_years=person.age,
        pregnant=person.pregnant,
        lactating=person.breastfeeding,
        malabsorption=has_malabsorption(person),
        foods_from=_foods_from(store, index),
        medicines=fortified_medicines(person, assessment_date(person)),
    )


def _foods_from(store: Path | None, index: FoodIndex) -> str:
    if store is not None and index.foods and index.foods[0].source != "bundled":
        return str(store)
    return "bundled table"


def person_diary(person: Person, person_path: Path) -> Diary:
    """The diary a person file carries: a path relative to the file, or inline entries."""
    if person.diary is None:
        raise InputError("the person file has no diary; give a diary file", field="diary")
    if isinstance(person.diary, str):
        return load_diary(person_path.parent / person.diary)
    return parse_diary_data(person.diary, f"{person_path.name}: diary")


def intake_file(
    diary_path: Path | None,
    *,
    person_path: Path | None = None,
    store: Path | None = None,
    age_years: float | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    malabsorption: bool = False,
) -> IntakeResult:
    """`b12 intake`: read the diary (or the person file's), resolve foods and summarise."""
    if person_path is not None:
        person = load_person(person_path)
        diary = load_diary(diary_path) if diary_path else person_diary(person, person_path)
        return intake_for_person(person, diary, store)
    if diary_path is None:
        raise InputError("give a diary file, or --person with a person file that has a diary")
    diary = load_diary(diary_path)
    if age_years is not None and not 0 <= age_years <= 125:
        raise InputError(f"age {age_years:g} is outside 0-125 years", field="--age")
    index = load_index(store)
    return intake_from_diary(
        diary,
        index,
        age_years=age_years,
        pregnant=pregnant,
        lactating=lactating,
        malabsorption=malabsorption,
        foods_from=_foods_from(store, index),
    )
