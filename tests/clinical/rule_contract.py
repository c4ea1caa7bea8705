"""The tests every clinical test module makes of the rules its core module registers.

Each clinical test module keeps its own table, rule id -> (source, evidence level[, parameters]),
as its source states them, and takes these tests of the registry against that table::

    test_declares, test_cites = rule_table_tests("b12.core.plan.treatment", RULES)
    test_parameters = parameter_tests(RULES, treatment)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import pytest

from b12.core import rules

# Rule id -> (source, evidence level) or (source, evidence level, {constant name: value}).
RuleTable = Mapping[str, tuple[Any, ...]]


def rule_table_tests(
    module: str, table: RuleTable
) -> tuple[Callable[[], None], Callable[[str], None]]:
    """A test that ``module`` registers exactly the table's rules, and one that each cites its row."""

    def test_declares() -> None:
        declared = {r.id for r in rules.REGISTRY.values() if r.module == module}
        assert declared == set(table)

    @pytest.mark.parametrize("rule_id", sorted(table))
    def test_cites(rule_id: str) -> None:
        source, evidence = table[rule_id][:2]
        rule = rules.get(rule_id)
        assert (rule.source.key, rule.evidence) == (source.key, evidence)

    return test_declares, test_cites


def parameter_tests(table: RuleTable, constants: ModuleType) -> Callable[[str], None]:
    """A test that each rule registers the table's parameters, each a constant of ``constants``."""

    @pytest.mark.parametrize("rule_id", sorted(table))
    def test_parameters(rule_id: str) -> None:
        parameters = table[rule_id][2]
        assert dict(rules.get(rule_id).parameters) == parameters
        for name, value in parameters.items():
            assert getattr(constants, name) == value, name

    return test_parameters
