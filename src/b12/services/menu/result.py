"""The menu b12 returns: days, meals and lines with what each contributes, and the explanations."""

from __future__ import annotations

from dataclasses import dataclass

from b12.core.diet.absorption import Absorbed, Dose, absorbed


@dataclass(frozen=True)
class Line:
    """Servings of one food at one meal."""

    key: str
    name: str
    servings: int
    portion: str  # '1 cup', '150 g'
    grams: float
    natural_ug: float
    added_ug: float
    protein_g: float
    energy_kcal: float
    new: bool  # not at this meal in the diary (without a diary: in the default day)


@dataclass(frozen=True)
class Meal:
    """One meal and its totals; absorption by b12's per-meal model."""

    name: str
    lines: tuple[Line, ...]
    intrinsic_factor: bool
    # False with atrophic gastritis (b12.core.plan.food_b12): food-bound B12 is not counted.
    food_bound: bool = True

    @property
    def absorbed(self) -> Absorbed:
        """Absorbed B12 at this meal (range from the 1.5-2.5 µg cap)."""
        natural = sum(x.natural_ug for x in self.lines) if self.food_bound else 0.0
        dose = Dose(natural, sum(x.added_ug for x in self.lines))
        return absorbed(dose, intrinsic_factor=self.intrinsic_factor)

    @property
    def protein_g(self) -> float:
        """Protein at this meal, g."""
        return sum(x.protein_g for x in self.lines)

    @property
    def energy_kcal(self) -> float:
        """Energy at this meal, kcal."""
        return sum(x.energy_kcal for x in self.lines)


@dataclass(frozen=True)
class Day:
    """One menu day."""

    number: int
    meals: tuple[Meal, ...]


@dataclass(frozen=True)
class Check:
    """One target or constraint re-checked on the finished menu."""

    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class ShoppingItem:
    """A food to buy for the whole menu."""

    key: str
    name: str
    servings: int
    grams: float


@dataclass(frozen=True)
class Objective:
    """What the program minimised, in grams: grams moved plus a penalty once per new food."""

    value_g: float  # grams_moved_g + penalty_per_new_food_g × len(new_foods)
    grams_moved_g: float  # per meal: grams added, removed or changed against the diary
    new_foods: tuple[str, ...]  # keys of foods the diary (or the default day) does not have
    penalty_per_new_food_g: float  # once per food per menu, however often it is served
    mip_gap: float  # HiGHS's final relative gap; 0 means proven optimal
    nodes: int = 0  # added in round 4: branch-and-bound nodes explored (deterministic, 1 thread)


@dataclass(frozen=True)
class Menu:
    """A planned menu, or the reasons no menu meets the targets (``days`` empty)."""

    feasible: bool
    days: tuple[Day, ...]
    targets: tuple[str, ...]
    fixed_lines: tuple[
        str, ...
    ]  # urgent care, referrals and treatment from the plan, never planned
    binding: tuple[str, ...]
    unmet: tuple[str, ...]  # when infeasible: which target cannot be met and why
    candidates: tuple[tuple[str, int, dict[str, int]], ...]  # meal, count, count per reason
    candidates_per_slot: int | None
    objective_g: float | None
    checks: tuple[Check, ...]
    shopping: tuple[ShoppingItem, ...]
    notes: tuple[str, ...]
    rules: tuple[str, ...]
    objective: Objective | None = None  # added in round 3: the objective's parts and the gap
    candidates_per_menu: int | None = None  # round 8: the cap over all meals (None: full store)
