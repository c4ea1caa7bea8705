"""The bundled food table (rebuilt from SR28 and compared) and typo-tolerant search."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import b12.data.foods as foods_package
from b12.data.foods import FoodIndex
from b12.data.foods.bundled import FOODS_FILE, PORTIONS_FILE, bundled_foods
from tests.foods_support import sr28_dir, sr28_foods

REPO = Path(__file__).resolve().parents[4]
PACKAGE_DATA = Path(foods_package.__file__).parent


def test_rebuilding_the_table_from_sr28_gives_the_committed_files(tmp_path: Path) -> None:
    script = REPO / "scripts" / "build_food_table.py"
    done = subprocess.run(
        [sys.executable, str(script), str(sr28_dir()), str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "wrote" in done.stdout
    for name in (FOODS_FILE, PORTIONS_FILE):
        assert (tmp_path / name).read_bytes() == (PACKAGE_DATA / name).read_bytes(), name


def test_bundled_table_has_the_required_kinds_of_food() -> None:
    table = bundled_foods()
    assert len(table) >= 300
    assert all(f.ndb and len(f.ndb) == 5 for f in table)
    assert len({f.ndb for f in table}) == len(table)
    names = [f.name.lower() for f in table]
    for word in ("milk, whole", "egg, whole", "salmon", "clam", "liver", "soymilk", "almond milk",
                 "spirulina", "laver", "yeast extract", "cereals ready-to-eat", "tofu"):  # fmt: skip
        assert any(word in n for n in names), word
    assert sum((f.b12_added_ug_per_100g or 0) > 0 for f in table) >= 100
    assert sum(bool(f.portions) for f in table) >= 0.8 * len(table)


def test_bundled_values_equal_sr28() -> None:
    sr28 = {f.ndb: f for f in sr28_foods()}
    for food in bundled_foods():
        source = sr28[food.ndb]
        assert (food.name, food.b12_ug_per_100g, food.b12_added_ug_per_100g) == (
            source.name, source.b12_ug_per_100g, source.b12_added_ug_per_100g)  # fmt: skip
        assert food.portions == source.portions


@pytest.fixture(scope="module", params=["bundled", "sr28"])
def index(request: pytest.FixtureRequest) -> FoodIndex:
    return FoodIndex(bundled_foods() if request.param == "bundled" else sr28_foods())


def _names(index: FoodIndex, query: str, n: int = 5) -> list[str]:
    return [m.food.name for m in index.search(query, limit=n)]


def test_milk_finds_milk_before_milk_chocolate(index: FoodIndex) -> None:
    names = [m.food.name for m in index.search("milk", limit=50)]
    assert names[0].startswith("Milk")
    chocolate = [i for i, n in enumerate(names) if "chocolate" in n.lower()]
    assert all(i > 0 for i in chocolate)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("salmon", "salmon"),
        ("salmn", "salmon"),  # a typo
        ("chedar cheese", "Cheese, cheddar"),
        ("beef liver", "Beef, variety meats and by-products, liver"),
        ("clams", "clam"),
        ("soy milk", "Soymilk"),
        ("spirulina", "spirulina"),
        ("salm", "Salmon"),  # as you type
    ],
)
def test_typo_tolerant_search(index: FoodIndex, query: str, expected: str) -> None:
    top = _names(index, query, 3)
    assert any(expected.lower() in n.lower() for n in top), top


def test_whole_milk_query_ranks_whole_milk_first(index: FoodIndex) -> None:
    assert _names(index, "whole milk", 1)[0].startswith("Milk, whole")


def test_ids_look_up_exactly(index: FoodIndex) -> None:
    assert _names(index, "ndb:15076") == ["Fish, salmon, Atlantic, wild, raw"]
    assert index.by_id("NDB 1077") is not None
    assert index.by_id("milk") is None
    assert index.search("   ") == []


def test_resolve_is_strict_about_vague_names(index: FoodIndex) -> None:
    assert index.resolve("milk") is None
    exact = index.resolve("milk, whole, 3.25% milkfat, with added vitamin d")
    assert exact is not None and exact.ndb == "01077"
    typo = index.resolve("chedar cheese")
    assert typo is not None and typo.name == "Cheese, cheddar"


def test_search_results_carry_portions() -> None:
    hit = FoodIndex(bundled_foods()).search("whole milk", limit=1)[0]
    assert any(p.unit == "cup" and p.grams == 244 for p in hit.food.portions)


def test_a_food_the_table_lacks_is_reported_never_replaced_by_a_near_match() -> None:
    from b12.data.foods.search import NOT_IN_TABLE, search_note

    index = FoodIndex(bundled_foods())
    assert index.search("nutritional yeast") == []  # was "Nutritional supplement ..." and doughnuts
    assert index.search("oat milk") == []  # "oat" is not "goat"
    assert NOT_IN_TABLE in search_note("Nutritional yeast flakes")
    assert "not the B12-fortified UK product" in search_note("marmite")
    assert search_note("salmon") == ""


def test_synonyms_find_the_food_under_the_names_people_use() -> None:
    index = FoodIndex(bundled_foods())
    assert index.search("marmite")[0].food.name == "Yeast extract spread"
    assert index.search("soya milk")[0].food.name.startswith("Soymilk")
    assert all(
        m.food.name.startswith("Cereals ready-to-eat") for m in index.search("fortified cereals")
    )
    assert index.search("eggs") and all("egg" in m.food.name.lower() for m in index.search("eggs"))


@pytest.mark.parametrize("table", ["bundled", "sr28"])
def test_tofu_is_found_under_either_name_without_an_import(table: str) -> None:
    index = FoodIndex(bundled_foods() if table == "bundled" else sr28_foods())
    for query in ("tofu", "bean curd"):
        assert index.search(query, limit=3)[0].food.name.startswith("Tofu"), query
    assert index.search("nutritional yeast") == []
