"""Every number in the screening, muscle and plan modules is a registered rule parameter, every rule
has a source, and the only unverified rules are b12's own data-quality limits."""

from __future__ import annotations

import importlib
import numbers
from collections.abc import Mapping
from types import ModuleType

import pytest

from b12.core import rules
from b12.core.rules import Evidence

MODULES = [
    "sarc_f",
    "measurements",
    "medications",
    "screening",
    "screening_terms",
    "sarcopenia",
    "ewgsop2",
    "awgs2019",
    "fnih",
    "muscle",
    "plan_intake",
    "protein",
    "treatment",
    "plan_item",
    "plan_b12",
    "plan_followup",
    "screening_rules",
    "plan_lifestyle",
    "plan",
]


def _number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@pytest.mark.parametrize("name", MODULES)
def test_every_numeric_constant_is_a_registered_parameter(name: str) -> None:
    module: ModuleType = importlib.import_module(f"b12.core.{name}")
    registered = [v for rule in rules.REGISTRY.values() for v in rule.parameters.values()]
    for const, value in vars(module).items():
        if not const.isupper():
            continue
        if _number(value):
            assert any(rule.parameters.get(const) == value for rule in rules.REGISTRY.values()), (
                f"{name}.{const}"
            )
        elif isinstance(value, Mapping) and value and all(map(_number, value.values())):
            assert all(v in registered for v in value.values()), f"{name}.{const}"


def test_new_rules_are_cited_and_only_data_quality_limits_are_unverified() -> None:
    for name in MODULES:
        importlib.import_module(f"b12.core.{name}")
    for rule in rules.REGISTRY.values():
        assert rule.source.citation.strip(), rule.id
        if rule.evidence is Evidence.UNVERIFIED:
            assert rule.id.startswith("plausible."), rule.id
