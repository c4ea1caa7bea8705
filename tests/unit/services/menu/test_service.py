"""`plan_menu` on the example persons and on made-up ones: targets met, verified, explained."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from b12.core.person import Person
from b12.data.person_file import load_person
from b12.errors import InputError
from b12.services.intake import person_diary
from b12.services.menu import Menu, plan_menu
from b12.services.menu.document import menu_document
from b12.services.menu.model import MAX_FOOD_G_PER_MEAL

EXAMPLES = Path(__file__).parents[4] / "examples"


def _menu(name: str, **options: object) -> Menu:
    path = EXAMPLES / name
    person = load_person(path)
    diary = person_diary(person, path) if person.diary is not None else None
    return plan_menu(person, diary=diary, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    [
        "vegan-low-holotc.yaml",
        "older-adult-probable-sarcopenia-low-b12.yaml",
        "metformin-74y-borderline.json",
        "post-bariatric-low-b12.yaml",
        "low-b12-despite-diary-intake.yaml",
    ],
)
def test_example_menus_are_feasible_and_pass_every_check(name: str) -> None:
    menu = _menu(name, days=3)
    assert menu.feasible, menu.unmet
    assert menu.checks and all(c.passed for c in menu.checks)
    assert any("Check the label" in n for n in menu.notes)
    assert not any("allergen-free" in n and "never" not in n for n in menu.notes)


def test_malabsorption_leaves_b12_to_the_clinician_and_still_plans() -> None:
    menu = _menu("post-bariatric-low-b12.yaml", days=2)
    assert "clinician's decision" in menu.targets[0]
    assert not any("absorbed B12" in c.name for c in menu.checks)
    assert menu.fixed_lines  # the plan's B12 treatment is shown as a fixed line


def test_the_menu_carries_the_plans_referrals_and_urgent_care() -> None:
    # Red team round 6: a pregnant nitrous oxide user's menu showed only food; what food cannot
    # do (the midwife, stopping nitrous oxide, urgent care) comes above it.
    person = Person.model_validate(
        {
            "age": 28,
            "sex": "female",
            "pregnant": True,
            "conditions": ["recreational nitrous oxide use"],
            "labs": [
                {"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-11-01"},
                {"analyte": "hcy", "value": 25, "unit": "umol/L", "date": "2026-11-01"},
            ],
            "assessed_on": "2026-11-05",
        }
    )
    lines = " ".join(plan_menu(person, days=1).fixed_lines)
    assert "midwife" in lines and "Stop using nitrous oxide now" in lines


def test_over_50_gets_most_b12_from_fortified_food() -> None:
    menu = _menu("metformin-74y-borderline.json", days=2)
    for day in menu.days:
        added = sum(x.added_ug for m in day.meals for x in m.lines)
        assert added >= 1.2  # half the RDA of 2.4 µg


def test_severe_kidney_disease_caps_protein_at_the_adult_rda() -> None:
    person = Person.model_validate(
        {
            "age": 70,
            "sex": "male",
            "diet": "omnivore",
            "muscle": {"weight_kg": 70, "height_m": 1.75},
            "labs": [{"analyte": "egfr", "value": 25, "unit": "mL/min/1.73m2"}],
        }
    )
    menu = plan_menu(person, days=2)
    assert any("renal team" in t for t in menu.targets)
    for day in menu.days:
        assert sum(m.protein_g for m in day.meals) <= 0.8 * 70 + 1e-6


def test_a_vegan_without_any_b12_food_gets_the_reason_not_a_partial_menu() -> None:
    person = Person.model_validate({"age": 30, "sex": "female", "diet": "vegan"})
    exclude = ["soy", "tree_nut", "rice milk", "coconut milk", "fortified", "acai", "cran"]
    menu = plan_menu(person, days=1, exclude=exclude)
    assert not menu.feasible
    assert menu.days == ()
    assert any(r.startswith("absorbed B12: no food allowed") for r in menu.unmet)


def test_json_is_the_same_bytes_for_the_same_input() -> None:
    first = json.dumps(menu_document(_menu("vegan-low-holotc.yaml", days=2)), ensure_ascii=False)
    again = json.dumps(menu_document(_menu("vegan-low-holotc.yaml", days=2)), ensure_ascii=False)
    assert first == again


def test_a_searched_week_is_the_same_bytes_in_processes_with_other_string_hashes() -> None:
    # The rotation search keeps sets of foods; nothing in the menu may follow their hash order,
    # which changes from process to process (PYTHONHASHSEED).
    code = (
        "import json, sys, pathlib; from b12.data.person_file import load_person; "
        "from b12.services.menu import plan_menu; from b12 import as_json; "
        "menu = plan_menu(load_person(pathlib.Path(sys.argv[1])), days=7); "
        "print(json.dumps(as_json(menu), ensure_ascii=False))"
    )
    path = str(EXAMPLES / "fnih-weak-low-lean-mass.yaml")
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, path],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and '"mip_gap": 0' in outputs.pop()


@pytest.mark.parametrize(
    "name",
    [
        "low-b12-despite-diary-intake.yaml",
        "vegan-low-holotc.yaml",
        "older-adult-probable-sarcopenia-low-b12.yaml",
        "metformin-74y-borderline.json",
        "pregnant-vegan-untested.yaml",
    ],
)
def test_candidate_lists_lose_nothing_against_the_full_store_on_one_day(name: str) -> None:
    # Both runs are proven optimal (gap 0), so the full store can only tie. The older adult once
    # lost 59 g (a B12-dense list missed a small serving), and in round 3 1 g (a 26 g fortified
    # cereal against a 27 g one), hence the "smallest serving" lists.
    limited = _menu(name, days=1, candidates_per_slot=40)
    full = _menu(name, days=1, candidates_per_slot=None)
    assert limited.objective is not None and full.objective is not None
    assert limited.objective.mip_gap == full.objective.mip_gap == 0.0
    assert full.objective_g == limited.objective_g


def test_without_a_diary_the_menu_starts_from_the_default_day() -> None:
    menu = _menu("older-adult-probable-sarcopenia-low-b12.yaml", days=7)
    assert menu.feasible and any(n.startswith("no diary: the menu starts") for n in menu.notes)
    kept = [x for d in menu.days for m in d.meals for x in m.lines if not x.new]
    assert {"ndb:01079", "ndb:08120", "ndb:15016"} <= {x.key for x in kept}  # milk, oats, cod
    assert menu.objective is not None and menu.objective.mip_gap == 0.0
    # Few changes: the new foods are the fortified ones the person over 50 needs, or one serving
    # of a protein food for the PROT-AGE 1.2 g/kg that comes with the exercise advice; never the
    # dense oddities of round 2 (a cup of egg yolk).
    new = [x for d in menu.days for m in d.meals for x in m.lines if x.new]
    assert all(x.added_ug > 0 or (x.servings == 1 and x.protein_g > 0) for x in new)
    assert "Egg, yolk" not in " ".join(x.name for x in new)
    for line in (x for d in menu.days for m in d.meals for x in m.lines):
        assert line.servings == 1 or line.grams <= MAX_FOOD_G_PER_MEAL


def test_a_vegan_without_a_diary_gets_a_vegan_default_day() -> None:
    person = Person.model_validate({"age": 30, "sex": "female", "diet": "vegan"})
    day = plan_menu(person, days=1).days[0]
    names = " ".join(x.name for m in day.meals for x in m.lines)
    assert "Soymilk" in names and "Milk, reduced fat" not in names and "Fish" not in names


def test_a_vegan_diary_keeps_its_fortified_cereal_without_any_exclusion() -> None:
    # A vegan pattern forbids animal tags; only an excluded allergen removes branded products.
    menu = _menu("low-b12-despite-diary-intake.yaml", days=2)
    keys = {x.key for d in menu.days for m in d.meals for x in m.lines}
    assert any(k.startswith("ndb:08") for k in keys)  # a fortified breakfast cereal (composite)
    assert not any("allergen excluded" in n for n in menu.notes)


def test_beyond_mifflin_s_ages_the_energy_is_espen_s_guiding_value() -> None:
    # 82 years, 64 kg: Mifflin-St Jeor's sample was 19-78 years (Mifflin 1990); ESPEN 2019 gives
    # older persons 30 kcal/kg a day (1920 kcal), not an energy constraint left off.
    menu = _menu("severe-sarcopenia-ewgsop2.yaml", days=1)
    energy = next(t for t in menu.targets if t.startswith("energy"))
    assert energy.startswith("energy 1920 kcal/day") and "ESPEN 2019" in energy


@pytest.mark.parametrize("age", [0.75, 10, 15.9])
def test_a_child_gets_no_menu_but_the_reason(age: float) -> None:
    # Red team round 8: a 9-month-old was served soymilk, chickpeas and bread; the targets are
    # adults' (NICE NG239 covers people aged 16 and over).
    child = Person.model_validate({"age": age, "sex": "female", "diet": "vegan"})
    with pytest.raises(InputError, match="aged 16 and over; a child's diet is planned with a"):
        plan_menu(child, days=1)


def test_a_diary_of_one_meal_a_day_sets_no_energy_target() -> None:
    # Red team U3: one logged dinner gave a 172 kcal/day target. A diary stands in for the energy
    # estimate only when it records whole days (3 meals), every row counted.
    person = Person.model_validate(
        {
            "age": 70,
            "sex": "female",
            "diary": [
                {
                    "date": "2026-11-01",
                    "meal": "dinner",
                    "food": "Milk, reduced fat",
                    "amount": "1 cup",
                }
            ],
        }
    )
    menu = plan_menu(person, days=1)
    assert any("energy constraint off" in n for n in menu.targets)
    assert any("not used as a target" in n for n in menu.notes)


def test_a_menu_not_found_within_the_node_limit_says_so_as_an_unmet_target(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # schemathesis: a valid GET …/menu whose week the deterministic search could not finish was a
    # 422 on `days`. It is a menu that says why it has no days, as an unmet target is (the limit
    # is lowered here to reach the path on an example week; the real one is 2,000 nodes).
    from b12.services.menu import highs

    monkeypatch.setattr(highs, "MAX_NODES", 0)
    menu = _menu("fnih-weak-low-lean-mass.yaml", days=7)
    assert not menu.feasible and menu.days == ()
    assert len(menu.unmet) == 1 and "does not mean none exists" in menu.unmet[0]
    assert menu_document(menu)["feasible"] is False
