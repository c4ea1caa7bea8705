"""The food tag table against foods labelled by hand (tests/unit/data/foods/menu_tag_labels.csv).

Every fifth food of the bundled and staple tables plus a few staples, labelled from the food's
name and common recipes by a reviewer reading names, not the tag table. Vocabulary: meat (poultry
included), fish, shellfish, milk, egg, soy, wheat, peanut, tree_nut, sesame, animal (an animal
ingredient such as gelatin or egg white that a vegan would avoid, possibly present).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from b12.data.foods.bundled import bundled_foods
from b12.data.foods.menu_table import staple_foods
from b12.data.foods.tags import food_tags, parse_rules

LABELS = Path(__file__).with_name("menu_tag_labels.csv")
AS_LABEL = {
    "poultry": "meat",
    "dairy": "milk",
    "animal_possible": "animal",
}
VOCABULARY = {"meat", "fish", "shellfish", "milk", "egg", "soy", "wheat", "peanut", "tree_nut",
              "sesame", "animal"}  # fmt: skip


def _labels() -> list[tuple[str, set[str], str]]:
    with LABELS.open(encoding="utf-8") as handle:
        return [
            (r["ndb"], set(r["labels"].split()), r["name_as_read"]) for r in csv.DictReader(handle)
        ]


def _shown(tags: frozenset[str]) -> set[str]:
    return {AS_LABEL.get(t, t) for t in tags} & VOCABULARY


def test_at_least_200_foods_are_labelled_and_all_exist() -> None:
    labels = _labels()
    foods = {f.ndb for f in (*bundled_foods(), *staple_foods())}
    assert len(labels) >= 200
    assert {ndb for ndb, _, _ in labels} <= foods


def test_no_hand_labelled_tag_is_missed() -> None:
    # Missing a tag could put an allergen or an animal food on a menu: never allowed.
    foods = {f.ndb: f for f in (*bundled_foods(), *staple_foods())}
    missed = [
        (ndb, name, sorted(expected - _shown(food_tags(foods[ndb]))))
        for ndb, expected, name in _labels()
        if expected - _shown(food_tags(foods[ndb]))
    ]
    assert missed == []


def test_extra_tags_are_few() -> None:
    # An extra tag only leaves a food out; keep them rare so menus stay varied.
    foods = {f.ndb: f for f in (*bundled_foods(), *staple_foods())}
    extra = [n for n, expected, _ in _labels() if _shown(food_tags(foods[n])) - expected]
    assert len(extra) <= 10, extra


def test_word_rules_match_whole_words_unless_starred() -> None:
    rules = parse_rules("kind,match,tags,note\nname,egg,egg,\nname,soy*,soy,\nname,bran,wheat,\n")
    from b12.core.diet.food import Food

    def tags(name: str) -> frozenset[str]:
        return food_tags(Food("t", "1", name), rules)

    assert tags("Egg, whole") == {"egg"}
    assert tags("Eggnog") == frozenset()
    assert tags("Soymilk") == {"soy"}
    assert tags("Dutch brand loaf") == frozenset()


def test_a_pasteurized_egg_product_is_not_raw_in_the_bundled_table() -> None:
    from b12.core.diet.food import Food

    def tags(name: str) -> frozenset[str]:
        return food_tags(Food("t", "1", name, group="Dairy and Egg Products"))

    assert "raw" in tags("Egg, yolk, raw, fresh") and "egg" in tags("Egg, yolk, raw, fresh")
    assert "raw" not in tags("Egg, yolk, raw, frozen, pasteurized")


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind 'word'"):
        parse_rules("kind,match,tags,note\nword,egg,egg,\n")
