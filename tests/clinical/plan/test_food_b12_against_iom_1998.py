"""Round-14 red-team findings 4 and 13: the plan and the menu of one person say the same about B12
from food, read by one function (:func:`b12.core.plan.food_b12.food_b12`).

IOM 1998, Chapter 9, "Special considerations" p.342 (evidence.md §4.1, [V]):
- "Atrophic gastritis, pancreatic insufficiency and prolonged omeprazole reduce bioavailability of
  food-bound B12. Such people will require normal amounts of crystalline B12." -> natural food B12
  is not counted; the menu asks for the RDA (2.4 µg for adults) as added B12.
- Malabsorption (pernicious anaemia, ileal Crohn's, gastrectomy, gastric bypass, ileal resection)
  needs B12 under a physician's direction -> food is not the treatment; the menu sets no B12
  target, and the plan's food item says so (no "B12 sources at two or three meals a day").
"""

from __future__ import annotations

from pathlib import Path

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.food_b12 import FoodB12, food_b12
from b12.data.person_file import load_person
from b12.services.assess import assess_person
from b12.services.menu import Menu, plan_menu

RDA_ADULT_UG = 2.4  # IOM 1998, adults 19 y and over

# /tmp/red14/04-atrophic-gastritis-menu-counts-food-b12.yaml
ATROPHIC = """\
age: 45
sex: female
diet: omnivore
conditions: ["atrophic gastritis"]
labs:
  - {analyte: b12, value: 400, unit: pmol/L, date: 2026-10-01}
muscle: {weight_kg: 65, height_m: 1.65}
"""
# /tmp/red14/13-partial-gastrectomy-plan-vs-menu.yaml
PARTIAL = ATROPHIC.replace("atrophic gastritis", "partial gastrectomy")
HEALTHY = ATROPHIC.replace('conditions: ["atrophic gastritis"]\n', "")


def _person(tmp_path: Path, yaml: str) -> Person:
    path = tmp_path / "person.yaml"
    path.write_text(yaml, encoding="utf-8")
    return load_person(path)


def _food_item(a: Assessment) -> str:
    assert a.plan is not None
    (text,) = [i.text for i in a.plan.items if i.id == "food.sources"]
    return text


def _menu(person: Person, days: int = 2) -> Menu:
    menu = plan_menu(person, days=days)
    assert menu.feasible
    assert all(c.passed for c in menu.checks)
    return menu


def test_atrophic_gastritis_counts_only_added_b12_in_plan_and_menu(tmp_path: Path) -> None:
    person = _person(tmp_path, ATROPHIC)
    assert food_b12(person) is FoodB12.CRYSTALLINE_ONLY
    text = _food_item(assess_person(person))
    assert "poorly absorbed" in text and "fortified" in text
    assert "Include B12 sources at two or three meals" not in text
    menu = _menu(person)
    b12_notes = [n for n in menu.targets if n.startswith("B12:")]
    assert b12_notes and "not counted" in b12_notes[0]
    assert not any("absorbed a day" in n for n in menu.targets)
    for day in menu.days:
        lines = [x for m in day.meals for x in m.lines]
        # The RDA as crystalline (added) B12, every day: IOM's "normal amounts of crystalline B12".
        assert sum(x.added_ug for x in lines) >= RDA_ADULT_UG
        # A meal whose B12 is only food-bound is shown as absorbing none through intrinsic factor.
        for meal in day.meals:
            if not any(x.added_ug for x in meal.lines):
                assert meal.absorbed.low_ug == 0.0
    assert any(c.name.endswith("added B12") for c in menu.checks)


def test_partial_gastrectomy_plan_says_food_is_not_the_treatment_as_the_menu_does(
    tmp_path: Path,
) -> None:
    person = _person(tmp_path, PARTIAL)
    assert food_b12(person) is FoodB12.NOT_FROM_FOOD
    a = assess_person(person)
    text = _food_item(a)
    assert text.startswith("Food alone cannot correct or prevent B12 deficiency after partial")
    assert "two or three meals" not in text
    # No contradiction with the plan's own B12 item: it asks the doctor, it does not say "keep to
    # the treatment" (none is recorded).
    assert "keep to the B12 treatment" not in text
    assert a.plan is not None
    assert any("preventive B12" in i.text for i in a.plan.items)
    menu = _menu(person, days=1)
    assert any("food cannot supply enough" in n for n in menu.targets)
    assert not any(c.name.endswith("absorbed B12") for c in menu.checks)


def test_without_a_stomach_condition_food_b12_counts_and_sources_are_spread(
    tmp_path: Path,
) -> None:
    person = _person(tmp_path, HEALTHY)
    assert food_b12(person) is FoodB12.ABSORBED
    assert _food_item(assess_person(person)).startswith("Include B12 sources at two or three")
    menu = _menu(person, days=1)
    assert any("absorbed a day" in n for n in menu.targets)


def test_autoimmune_gastritis_is_pernicious_anaemia_not_food_bound_malabsorption(
    tmp_path: Path,
) -> None:
    # NICE NG239 names autoimmune gastritis as the cause of pernicious anaemia: IF route lost.
    person = _person(tmp_path, ATROPHIC.replace("atrophic gastritis", "autoimmune gastritis"))
    assert food_b12(person) is FoodB12.NOT_FROM_FOOD
    assert _food_item(assess_person(person)).startswith("Food alone cannot correct or prevent")


def test_atrophic_gastritis_with_low_b12_food_is_not_the_treatment_in_plan_or_menu(
    tmp_path: Path,
) -> None:
    # B12 100 pmol/L (NICE NG239: deficiency likely): the plan says food is not the treatment;
    # the menu's added-B12 target says it does not replace treatment (no "food meets needs").
    person = _person(tmp_path, ATROPHIC.replace("value: 400", "value: 100"))
    text = _food_item(assess_person(person))
    assert text.startswith("Food alone cannot correct or prevent")
    menu = _menu(person, days=1)
    (b12,) = [n for n in menu.targets if n.startswith("B12:")]
    assert "does not replace B12 treatment" in b12
