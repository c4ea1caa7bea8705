"""The food search of a fresh install (no SR28 or FoodData Central import): the bundled table
holds what the synonyms promise (tofu, yeast extract spread, fortified cereals, soy milk), and a
food USDA lacks is reported as not in the food table, never answered with a near match."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fixtures.server import Server, start_server
from tests.web.test_diary_pages import new_person
from tests.web.test_pages import csrf


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("fresh-foods")
    store = folder / "never-imported.sqlite3"  # b12 falls back to the bundled table
    env = {"B12_FOOD_STORE": str(store)}
    running: Server = start_server(f"sqlite:///{folder / 'b12.sqlite3'}", folder / "log", env=env)
    with httpx.Client(base_url=running.url, timeout=30) as client:
        yield client
    running.stop()
    assert not Path(store).exists()


def _suggested(client: httpx.Client, query: str) -> list[str]:
    answer = client.get("/foods/search", params={"q": query})
    assert answer.status_code == 200
    return [html.unescape(n) for n in re.findall(r'<option value="([^"]*)"', answer.text)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("tofu", "Tofu, "),
        ("bean curd", "Tofu, "),
        ("marmite", "Yeast extract spread"),
        ("fortified cereal", "Cereals ready-to-eat"),
        ("soy milk", "Soymilk"),
    ],
)
def test_a_fresh_install_finds_the_foods_the_synonyms_promise(
    fresh: httpx.Client, query: str, first: str
) -> None:
    names = _suggested(fresh, query)
    assert names and names[0].startswith(first), (query, names[:3])


def test_nutritional_yeast_is_not_in_the_food_table_and_no_near_match_is_offered(
    fresh: httpx.Client,
) -> None:
    assert _suggested(fresh, "nutritional yeast") == []
    url = new_person(fresh, csrf(fresh), "FRESH-FOODS")
    page = html.unescape(fresh.get(url, params={"food_q": "nutritional yeast"}).text)
    assert "0 food(s) match “nutritional yeast”" in page
    assert "not in the food table — enter it from the label or import FoodData Central" in page
