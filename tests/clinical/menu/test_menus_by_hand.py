"""Menus a dietitian can check with a calculator: each food's SR28 values × grams / 100, summed.

Every number below is either a published figure (quoted in the test's docstring) or a USDA SR28
value read from ../shared/data/usda-sr28 (tests/clinical/menu/sr28.py); the menu's own totals are
compared with these sums, not with b12's arithmetic.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from b12.data.person_file import load_person
from b12.services.menu import Menu, plan_menu
from b12.services.menu.result import Line

from .sr28 import B12, B12_ADDED, PROTEIN, Sr28Food, sr28

# Published numbers (never b12's constants):
RDA_ADULT_UG = 2.4  # IOM 1998, adults 19 y and over
IF_CAP_LOW_UG, IF_CAP_HIGH_UG = (
    1.5,
    2.5,
)  # IOM 1998 p.309 (Scott 1997): saturates at 1.5-2.5 µg/meal
FOOD_FRACTION, CRYSTALLINE_FRACTION, PASSIVE_FRACTION = 0.5, 0.6, 0.01  # IOM 1998 p.309, Table 9-2
ANIMAL_GROUPS = {  # SR28 FD_GROUP codes of animal foods
    "0100": "Dairy and Egg Products",
    "0500": "Poultry Products",
    "0700": "Sausages and Luncheon Meats",
    "1000": "Pork Products",
    "1300": "Beef Products",
    "1500": "Finfish and Shellfish Products",
    "1700": "Lamb, Veal, and Game Products",
}


def _plan(tmp_path: Path, yaml: str, days: int = 1) -> Menu:
    path = tmp_path / "person.yaml"
    path.write_text(yaml, encoding="utf-8")
    menu = plan_menu(load_person(path), days=days)
    assert menu.feasible, menu.unmet
    return menu


def _food(shared_data: Path, line: Line) -> Sr28Food:
    ndb = line.key.removeprefix("ndb:")
    return sr28(shared_data / "usda-sr28")[ndb]


def _lines(menu: Menu, day: int) -> list[Line]:
    return [x for m in menu.days[day].meals for x in m.lines]


def _absorbed_by_hand(food_ug: float, added_ug: float, cap: float) -> float:
    """IOM 1998: min(0.5 × food-bound + 0.6 × crystalline, cap) + 1 % of the whole dose."""
    route = min(FOOD_FRACTION * food_ug + CRYSTALLINE_FRACTION * added_ug, cap)
    return route + PASSIVE_FRACTION * (food_ug + added_ug)


def test_a_70_year_old_gets_prot_age_protein_summed_from_sr28(
    tmp_path: Path, shared_data: Path
) -> None:
    """PROT-AGE (Bauer 2013) and ESPEN (Deutz 2014): older people (> 65 y) need on average
    1.0-1.2 g protein per kg body weight a day. 70 kg -> at least 70 g. Each food's protein is
    SR28 nutrient 203 (g per 100 g) × grams / 100; their sum is the menu's protein."""
    weight = 70
    menu = _plan(tmp_path, f"age: 70\nsex: male\ndiet: omnivore\nmuscle: {{weight_kg: {weight}, "
                           "height_m: 1.75}\n")  # fmt: skip
    lines = _lines(menu, 0)
    by_hand = sum(_food(shared_data, x).amount(PROTEIN, x.grams) for x in lines)
    menu_protein = sum(m.protein_g for m in menu.days[0].meals)
    assert menu_protein == pytest.approx(by_hand, abs=0.5)
    assert by_hand >= 1.0 * weight


def test_absorbed_b12_per_meal_by_the_iom_numbers_meets_half_the_rda(
    tmp_path: Path, shared_data: Path
) -> None:
    """IOM 1998: RDA 2.4 µg a day for adults; b12 compares intake as absorbed >= 0.5 × RDA
    (1.2 µg). Per meal (IOM 1998 p.309, Table 9-2): 50 % of food-bound B12 plus 60 % of
    crystalline (added) B12, capped at 1.5-2.5 µg by intrinsic-factor saturation, plus 1 % of the
    whole dose by passive diffusion. Food-bound = SR28 418 - 578; added = SR28 578."""
    menu = _plan(tmp_path, "age: 70\nsex: female\ndiet: omnivore\n")
    total_mid = 0.0
    for meal in menu.days[0].meals:
        foods = [(_food(shared_data, x), x.grams) for x in meal.lines]
        added = sum(f.amount(B12_ADDED, g) for f, g in foods)
        bound = sum(f.amount(B12, g) for f, g in foods) - added
        low = _absorbed_by_hand(bound, added, IF_CAP_LOW_UG)
        high = _absorbed_by_hand(bound, added, IF_CAP_HIGH_UG)
        assert meal.absorbed.low_ug == pytest.approx(low, abs=0.01), meal.name
        assert meal.absorbed.high_ug == pytest.approx(high, abs=0.01), meal.name
        total_mid += (low + high) / 2
    assert total_mid >= 0.5 * RDA_ADULT_UG


def test_egfr_25_not_on_dialysis_keeps_protein_at_or_below_the_adult_rda(
    tmp_path: Path, shared_data: Path
) -> None:
    """PROT-AGE (Bauer 2013): with severe kidney disease (eGFR < 30 mL/min/1.73 m²) not on
    dialysis, protein "may need to be limited"; KDIGO 2024 (rec 3.3.1.1): avoid more than the adult
    RDA, 0.8 g/kg/day. 60 kg -> at most 48 g a day, summed from SR28 nutrient 203."""
    weight = 60
    menu = _plan(
        tmp_path,
        f"age: 74\nsex: female\ndiet: omnivore\nmuscle: {{weight_kg: {weight}, height_m: 1.6}}\n"
        "labs:\n  - {analyte: egfr, value: 25, unit: mL/min/1.73m2, date: 2026-10-01}\n",
        days=2,
    )
    assert any("renal team" in t for t in menu.targets)
    for day in range(2):
        by_hand = sum(_food(shared_data, x).amount(PROTEIN, x.grams) for x in _lines(menu, day))
        assert by_hand <= 0.8 * weight


def test_a_vegan_menu_has_no_food_from_an_animal_food_group(
    tmp_path: Path, shared_data: Path
) -> None:
    """A vegan eats no meat, poultry, fish, shellfish, dairy or egg (the diet pattern's own
    definition). Checked against SR28's food groups (FD_GROUP) and for honey, egg, whey and gelatin
    in the SR28 name, independently of b12's tag table."""
    menu = _plan(tmp_path, "age: 40\nsex: female\ndiet: vegan\n", days=3)
    animal_words = re.compile(r"\b(egg|eggs|honey|whey|gelatin)\b", re.IGNORECASE)
    for day in range(3):
        for line in _lines(menu, day):
            food = _food(shared_data, line)
            assert food.group not in ANIMAL_GROUPS, (food.name, ANIMAL_GROUPS.get(food.group))
            assert not animal_words.search(food.name), food.name
