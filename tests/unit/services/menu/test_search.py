"""The rotation search on made-up class plans: optimal when classes share no new food, the
interchangeable-class rule, and its node limit (a count) never read as "no menu exists"."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from b12.services.menu.search import NodeLimitError, disjoint_search


@dataclass(frozen=True)
class Plan:
    cost: float
    bound: float
    new: frozenset[str]
    nodes: int = 1


# Each class's plans by cost: the best uses food "a"; without "a", "b" costs 10 more; without
# both, "c" costs 25 more.
MENU = [("a", 100.0), ("b", 110.0), ("c", 125.0)]


def _best(forbidden: frozenset[str]) -> Plan | None:
    for food, cost in MENU:
        if food not in forbidden:
            return Plan(cost, cost, frozenset({food}))
    return None


def test_three_interchangeable_classes_get_three_different_foods() -> None:
    found = disjoint_search(["same"] * 3, lambda k, f: _best(f), 100, 1000)
    assert found is not None
    assert sorted(next(iter(p.new)) for p in found.plans) == ["a", "b", "c"]
    assert sum(p.cost for p in found.plans) == 335.0
    assert found.gap == 0.0


def test_no_menu_when_the_classes_run_out_of_foods() -> None:
    assert disjoint_search(["same"] * 4, lambda k, f: _best(f), 100, 1000) is None


def test_at_its_limit_the_search_plans_the_classes_in_turn_and_states_the_gap() -> None:
    # Stopped after 2 nodes: class 1 without class 0's food, class 2 without both: a menu
    # (a 100 + b 110 + c 125 = 335, here also the optimum), its gap against the open bounds.
    for nodes, work in ((2, 1000), (100, 2)):
        found = disjoint_search(["same"] * 3, lambda k, f: _best(f), nodes, work)
        assert found is not None
        assert sum(p.cost for p in found.plans) == 335.0
        assert 0 < found.gap < 1


def test_the_node_limit_is_not_a_proof_that_no_menu_exists() -> None:
    # Four classes, three foods: none in turn, and 2 nodes prove nothing.
    with pytest.raises(NodeLimitError):
        disjoint_search(["same"] * 4, lambda k, f: _best(f), 2, 1000)
