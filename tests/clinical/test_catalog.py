"""Every module that declares rules has a test file where ``tests/clinical`` mirrors ``b12.core``.

Issue 14: "a newcomer can go from a rule id in `b12 rules` to its module, source and test without
searching". ``b12.core.rules.Rule.module`` names the module; its tests live in
``tests/clinical/<package path>/test_<module>*.py`` (``b12.core.status.markers`` ->
``tests/clinical/status/test_markers*.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from b12.core import catalog

ROOT = Path(__file__).resolve().parents[2]


def declaring_modules() -> list[str]:
    return sorted({rule.module for rule in catalog.all_rules().values()})


@pytest.mark.parametrize(
    ("module", "pattern"),
    [
        ("b12.core.rules", "tests/clinical/test_rules*.py"),
        ("b12.core.status.markers", "tests/clinical/status/test_markers*.py"),
        ("b12.core.status.judgment.rules", "tests/clinical/status/judgment/test_rules*.py"),
    ],
)
def test_the_mirror_pattern(module: str, pattern: str) -> None:
    assert catalog.test_pattern(module) == pattern


def test_every_rule_records_a_core_module() -> None:
    modules = declaring_modules()
    assert "b12.core.plan.treatment" in modules
    assert all(m.startswith("b12.core.") for m in modules)


@pytest.mark.parametrize("module", declaring_modules())
def test_every_module_that_declares_rules_has_a_mirrored_test_file(module: str) -> None:
    pattern = catalog.test_pattern(module)
    assert sorted(ROOT.glob(pattern)), f"{module} declares rules but no file matches {pattern}"
