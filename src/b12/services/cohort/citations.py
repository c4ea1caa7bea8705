"""The rules an estimate analysis cites: each indicator's own, and those behind every row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from b12.core.kidney_blood import ckd_epi_2021
from b12.core.survey.standards import (
    RULE_KORN_GRAUBARD,
    RULE_NCHS_PROPORTIONS,
    RULE_NHANES_DESIGN,
    RULE_SMALL_CELLS,
)
from b12.data.cohort import kidney_blood
from b12.data.cohort.rules import GROUPING_RULES


@dataclass(frozen=True)
class Citations:
    """``per_target`` rules come first in a row, then ``common``; ``used`` lists them all."""

    per_target: Mapping[str, tuple[str, ...]]
    common: list[str]
    used: list[str]

    def for_target(self, target: str) -> list[str]:
        return [*self.per_target.get(target, ()), *self.common]


def citations(
    per_target: Mapping[str, tuple[str, ...]],
    by: Sequence[str],
    *,
    uses_kidney: bool,
    nhanes: bool,
    suppress: bool,
) -> Citations:
    """The rules of the targets, the estimators, the design, the groups and suppression."""
    own = {rule for ids in per_target.values() for rule in ids}
    grouping = {**GROUPING_RULES, **kidney_blood.GROUPING_RULES}
    # Rules behind the groups and the domain apply to every row, whatever the indicator.
    shared = {grouping[k] for k in by if k in grouping}
    if uses_kidney:
        shared.add(ckd_epi_2021.RULE)
    used = own | shared | {RULE_NCHS_PROPORTIONS, RULE_KORN_GRAUBARD}
    if nhanes:
        used.add(RULE_NHANES_DESIGN)
    if suppress:
        used.add(RULE_SMALL_CELLS)
    return Citations(per_target, sorted((used - own) | shared), sorted(used))
