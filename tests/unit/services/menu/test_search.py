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


# Each class's plans by cost: the best uses food "a"; without "a", "b" costs 10 more; without
# both, "c" costs 25 more.
MENU = [("a", 100.0), ("b", 110.0), ("c", 125.0)]


def _best(forbidden: frozenset[str]) -> Plan | None:
    for food, cost in MENU:
        if food not in forbidden:
            return Plan(cost, cost, frozenset({food}))
    return None


def test_three_interchangeable_classes_get_three_different_foods() -> None:
    found = disjoint_search(["same"] * 3, lambda k, f: _best(f), 100)
    assert found is not None
    assert sorted(next(iter(p.new)) for p in found.plans) == ["a", "b", "c"]
    assert sum(p.cost for p in found.plans) == 335.0
    assert found.gap == 0.0


def test_no_menu_when_the_classes_run_out_of_foods() -> None:
    assert disjoint_search(["same"] * 4, lambda k, f: _best(f), 100) is None


def test_the_node_limit_is_not_a_proof_that_no_menu_exists() -> None:
    with pytest.raises(NodeLimitError):
        disjoint_search(["same"] * 3, lambda k, f: _best(f), 2)
