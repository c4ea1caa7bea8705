"""Very salty foods are never suggested new; a person's own stays at the diary's amount (issue 19).

FDA's Nutrition Facts label guide: "20% DV or more of a nutrient per serving is considered high";
the sodium Daily Value is 2,300 mg (21 CFR 101.9), so a serving with 460 mg or more is high. Each
food's sodium is SR28 nutrient 307 (mg per 100 g) read here from ../shared/data/usda-sr28, never
from b12's table; a serving's sodium is that value × the menu's grams per serving / 100.
Salted mackerel (SR28 83110) has 4,450 mg per 100 g: its 80 g serving has 3,560 mg.
"""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

import py7zr
import pytest

from b12.data.foods.sr28 import read_table
from b12.data.person_file import load_person
from b12.services.intake import person_diary
from b12.services.menu import Menu, plan_menu

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SODIUM = "307"  # SR28 NUTR_DEF: Sodium, Na (mg)
HIGH_MG = 0.20 * 2300  # FDA: 20 % of the Daily Value or more a serving is high
SALTED_MACKEREL = "ndb:83110"


@cache
def sodium_mg_per_100g(folder: Path) -> dict[str, float]:
    """SR28 nutrient 307 for every food that has it, by NDB number."""
    with tempfile.TemporaryDirectory() as tmp:
        with py7zr.SevenZipFile(folder / "NUT_DATA.7z") as archive:
            archive.extract(path=tmp, targets=["NUT_DATA.txt"])
        rows = read_table(Path(tmp) / "NUT_DATA.txt", "NUT_DATA")
        return {str(r[0]): float(str(r[2])) for r in rows if r[1] == SODIUM}


def _example(name: str, days: int = 7) -> Menu:
    person = load_person(EXAMPLES / name)
    diary = person_diary(person, EXAMPLES / name) if person.diary is not None else None
    return plan_menu(person, days=days, diary=diary)


def _new_servings_mg(menu: Menu, sodium: dict[str, float]) -> dict[str, float]:
    """Sodium in one serving of every new food of the menu, by name (SR28 by hand)."""
    return {
        x.name: sodium[x.key.removeprefix("ndb:")] * (x.grams / x.servings) / 100
        for d in menu.days
        for m in d.meals
        for x in m.lines
        if x.new
    }


def test_salted_mackerel_is_never_suggested_to_an_82_year_old(shared_data: Path) -> None:
    """The severe-sarcopenia example (82 y, 64 kg) was offered salted mackerel as a new food for
    its B12 and protein before this rule; now no new food of its week has 460 mg a serving."""
    sodium = sodium_mg_per_100g(shared_data / "usda-sr28")
    assert sodium["83110"] * 80 / 100 == pytest.approx(3560)  # far above 460 mg
    menu = _example("severe-sarcopenia-ewgsop2.yaml")
    assert menu.feasible and all(c.passed for c in menu.checks)
    served = {x.key for d in menu.days for m in d.meals for x in m.lines}
    assert SALTED_MACKEREL not in served
    new = _new_servings_mg(menu, sodium)
    assert new and all(mg < HIGH_MG for mg in new.values()), new


DIARY = """entries:
  - {date: 2026-11-02, meal: breakfast, food: ndb:08120, amount: 40 g}
  - {date: 2026-11-02, meal: breakfast, food: ndb:01079, amount: 244 g}
  - {date: 2026-11-02, meal: lunch, food: ndb:18075, amount: 64 g}
  - {date: 2026-11-02, meal: lunch, food: ndb:11529, amount: 123 g}
  - {date: 2026-11-02, meal: lunch, food: ndb:01032, amount: 28.35 g}
  - {date: 2026-11-02, meal: dinner, food: ndb:83110, amount: 80 g}
  - {date: 2026-11-02, meal: dinner, food: ndb:11365, amount: 150 g}
"""


@pytest.fixture(scope="module")
def salty_diary_menu(tmp_path_factory: pytest.TempPathFactory) -> Menu:
    """One day planned from a one-day diary with salted mackerel and grated parmesan."""
    folder = tmp_path_factory.mktemp("salty")
    (folder / "diary.yaml").write_text(DIARY, encoding="utf-8")
    person = folder / "person.yaml"
    # 82 y, 64 kg, 1.70 m: PROT-AGE/ESPEN 1.2 g/kg = 77 g protein a day, more than this diary
    # gives, and an energy estimate above the diary's: the planner must add food.
    person.write_text(
        "age: 82\nsex: male\ndiet: omnivore\ndiary: diary.yaml\n"
        "muscle: {weight_kg: 64, height_m: 1.70, grip_strength_kg: 20}\n",
        encoding="utf-8",
    )
    loaded = load_person(person)
    return plan_menu(loaded, days=1, diary=person_diary(loaded, person))


def _own(menu: Menu, key: str) -> list[tuple[str, float, bool]]:
    return [(m.name, x.grams, x.new) for m in menu.days[0].meals for x in m.lines if x.key == key]


def test_own_salty_foods_are_kept_at_the_diary_amount(salty_diary_menu: Menu) -> None:
    """The diary's 80 g salted mackerel (3,560 mg) and 1 oz grated parmesan (SR28 01032: 1,804
    mg per 100 g, 511 mg an ounce) stay where and as much as the person eats them. Without the
    rule the planner raised the parmesan to three ounces (85 g) for this person's protein: a
    diary food's extra grams cost less in the objective than a new food."""
    menu = salty_diary_menu
    assert menu.feasible and all(c.passed for c in menu.checks)
    assert _own(menu, SALTED_MACKEREL) == [("dinner", 80.0, False)]
    ((meal, grams, new),) = _own(menu, "ndb:01032")
    assert (meal, new) == ("lunch", False)
    assert grams == pytest.approx(28.35, abs=0.05)  # the diary's serving, to 0.1 g


def test_the_day_sodium_stated_is_the_sr28_sum(salty_diary_menu: Menu, shared_data: Path) -> None:
    """The check states each day's sodium: Σ SR28 307 × grams / 100 over the day's lines."""
    sodium = sodium_mg_per_100g(shared_data / "usda-sr28")
    menu = salty_diary_menu
    for day in menu.days:
        by_hand = sum(
            sodium[x.key.removeprefix("ndb:")] * x.grams / 100 for m in day.meals for x in m.lines
        )
        (check,) = [c for c in menu.checks if c.name == f"day {day.number}: no salty new food"]
        found = re.search(r"the day's sodium ([\d,]+) mg", check.detail)
        assert check.passed and found, check.detail
        assert float(found.group(1).replace(",", "")) == pytest.approx(by_hand, abs=0.5)
