"""No clinical threshold is written or imported in ``b12.data``: the cohort engines read the core's
declarations (bands as data) and formulas, compiled by :mod:`b12.data.cohort.compile`."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

import b12.data

DATA = Path(b12.data.__file__).parent
MODULES = sorted(DATA.rglob("*.py"))
# The modules that turn clinical rules into cohort columns hold no number but 0 and 1.
RULE_MODULES = [DATA / "cohort" / name for name in ("rules.py", "kidney_blood.py", "compile.py")]
# Facts about the NHANES files that the reader needs, not clinical cut-offs.
NOT_CLINICAL = {
    "b12.core.survey.standards.NHANES_AGE_TOPCODE_YEARS": "RIDAGEYR codes 80 and over as 80",
    "b12.core.survey.detection_limits.B12_LLOD_PG_ML_2013_2014": "the assay's detection limit",
}


def _numeric(value: Any) -> bool:
    """A number, or a mapping or tuple of numbers: what a threshold constant looks like."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, Mapping):
        return any(_numeric(v) for v in value.values())
    if isinstance(value, tuple):
        return any(_numeric(v) for v in value)
    return False


def _core_names(tree: ast.Module) -> Iterator[tuple[str, str]]:
    """(module, name) of every name a module takes from ``b12.core``, imported or as attribute."""
    modules: dict[str, str] = {}  # local alias -> core module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("b12.core"):
            for alias in node.names:
                module = node.module or ""
                try:  # `from b12.core.status import epidemiology as epi`
                    importlib.import_module(f"{module}.{alias.name}")
                    modules[alias.asname or alias.name] = f"{module}.{alias.name}"
                except ImportError:
                    yield module, alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            yield modules[node.value.id], node.attr


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(DATA)))
def test_data_takes_no_threshold_constant_from_the_core(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    thresholds = [
        f"{module}.{name}"
        for module, name in _core_names(tree)
        if _numeric(getattr(importlib.import_module(module), name, None))
        and f"{module}.{name}" not in NOT_CLINICAL
    ]
    assert not thresholds, f"read the declaration instead of the constant: {thresholds}"


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_cohort_rule_modules_write_no_number(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    numbers = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and node.value not in (0, 1)
    ]
    assert not numbers, f"a number in {path.name} (line, value): {numbers}"
