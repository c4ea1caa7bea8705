"""The rule registry: every threshold, factor and formula b12 uses, with its source and evidence.

Evidence levels follow ../shared/knowledge/DECISIONS.md: ``verified`` (read in the source or an
official page quoting it), ``secondary`` (read in a secondary source), ``unverified`` (recalled or a
b12 design choice). Results list the ids of the rules behind them, and output shows each level.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from b12.core.sources import B12_DATA_QUALITY, B12_UNITS, Source
from b12.units import REGISTRY as UNIT_REGISTRY


class Evidence(StrEnum):
    """How well a rule's numbers are backed by what was read."""

    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Rule:
    """A named, cited piece of clinical knowledge."""

    id: str
    summary: str
    source: Source
    evidence: Evidence
    parameters: Mapping[str, float] = field(default_factory=dict)
    note: str = ""
    module: str = ""  # the module that declares the rule, e.g. "b12.core.status.nice_ng239"

    @property
    def path(self) -> str:
        """The declaring module's file, relative to the repository (``src/b12/core/...py``)."""
        return "src/" + self.module.replace(".", "/") + ".py"


_REGISTRY: dict[str, Rule] = {}
REGISTRY: Mapping[str, Rule] = MappingProxyType(_REGISTRY)


def register(
    rule_id: str,
    summary: str,
    source: Source,
    evidence: Evidence,
    parameters: Mapping[str, float] | None = None,
    note: str = "",
) -> str:
    """Add a rule to the registry and return its id (ids are unique).

    The rule records the module that called this function: rules are declared at the top level of
    the module whose logic uses them, so that is where a reader finds them.
    """
    if rule_id in _REGISTRY:
        raise ValueError(f"rule id {rule_id!r} registered twice")
    module = sys._getframe(1).f_globals["__name__"]
    _REGISTRY[rule_id] = Rule(
        rule_id, summary, source, evidence, dict(parameters or {}), note, module
    )
    return rule_id


def get(rule_id: str) -> Rule:
    """Return a registered rule (KeyError for an unknown id)."""
    return _REGISTRY[rule_id]


# Analytes whose unit and plausibility rules were stored before rules were named after their module
# (tests/clinical/legacy_rule_ids.txt); later analytes' rules start with this module's name.
_ANALYTES_BEFORE_ISSUE_14 = frozenset(
    {"b12", "holotc", "mma", "hcy", "folate", "hemoglobin", "mcv", "creatinine", "egfr"}
)


def _prefix(analyte: str) -> str:
    return "" if analyte in _ANALYTES_BEFORE_ISSUE_14 else "rules."


@lru_cache(maxsize=1024)  # pure; an assessment names the rule of each lab result's unit
def unit_rule_id(analyte: str, unit: str) -> str:
    """Id of the rule that converts ``unit`` to the canonical unit of ``analyte``."""
    return f"{_prefix(analyte)}unit.{analyte}.{unit}"


def _register_units() -> None:
    for info in UNIT_REGISTRY.values():
        for factor in info.units:
            register(
                unit_rule_id(info.analyte.value, factor.unit),
                f"{info.label}: 1 {factor.unit} = {factor.to_canonical:g} {info.canonical}",
                Source(B12_UNITS.key, factor.source),
                Evidence(factor.evidence),
                {"to_canonical": factor.to_canonical},
            )
        register(
            f"{_prefix(info.analyte.value)}plausible.{info.analyte.value}",
            f"{info.label}: values outside {info.plausible_low:g}-{info.plausible_high:g} "
            f"{info.canonical} are refused as entry or unit errors",
            Source(B12_DATA_QUALITY.key, info.plausible_source),
            Evidence(info.plausible_evidence),
            {"low": info.plausible_low, "high": info.plausible_high},
        )


_register_units()
