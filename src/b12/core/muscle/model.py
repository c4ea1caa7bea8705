"""Result types shared by the sarcopenia criteria modules (:mod:`ewgsop2`, :mod:`awgs2019`,
:mod:`fnih`); no thresholds live here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from b12.core.findings import Finding
from b12.core.muscle.sarc_f import CaseFinding


class Criteria(StrEnum):
    """Selectable sarcopenia criteria sets."""

    EWGSOP2 = "ewgsop2"
    AWGS2019 = "awgs2019"
    FNIH = "fnih"

    @property
    def display(self) -> str:
        """The name the criteria's authors use: "EWGSOP2", "AWGS 2019", "FNIH"."""
        return _CRITERIA_NAMES[self]


_CRITERIA_NAMES = {
    Criteria.EWGSOP2: "EWGSOP2",
    Criteria.AWGS2019: "AWGS 2019",
    Criteria.FNIH: "FNIH",
}


class Stage(StrEnum):
    """Sarcopenia stage, on one scale for every criteria set."""

    NO_SARCOPENIA = "no_sarcopenia"
    PROBABLE = "probable"
    CONFIRMED = "confirmed"
    SEVERE = "severe"
    INSUFFICIENT_DATA = "insufficient_data"
    NOT_APPLICABLE = "not_applicable"  # under 18: the cut-offs come from adults


AT_RISK_STAGES = frozenset({Stage.PROBABLE, Stage.CONFIRMED, Stage.SEVERE})


class MuscleResult(BaseModel):
    """Sarcopenia case-finding and staging by one criteria set."""

    model_config = ConfigDict(frozen=True)
    criteria: Criteria
    stage: Stage
    label: str
    case_finding: CaseFinding | None
    low_strength: bool | None
    low_quantity: bool | None
    low_performance: bool | None
    derived: dict[str, float]
    findings: tuple[Finding, ...]
    missing: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def at_risk(self) -> bool:
        """Probable, confirmed or severe sarcopenia, or a positive case-finding screen."""
        positive = self.case_finding is not None and self.case_finding.positive
        return self.stage in AT_RISK_STAGES or positive


@dataclass
class Builder:
    """Collects findings, missing measurements and rules while a criteria set is applied."""

    criteria: Criteria
    measured: frozenset[str] = frozenset()  # fields present, never listed as missing
    findings: list[Finding] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    derived: dict[str, float] = field(default_factory=dict)

    def note(self, code: str, message: str, *rules: str) -> None:
        """Add a finding (and its rules)."""
        self.findings.append(Finding(code=code, message=message, rules=rules))
        self.rules.extend(rules)

    def cite_judged(self, *criteria: tuple[str, bool | None]) -> None:
        """Add the rule of each (rule, flag) criterion that could be judged (its flag not None)."""
        self.rules.extend(rule for rule, flag in criteria if flag is not None)

    def need(self, *fields: str) -> None:
        """Record measurements that would take the assessment further."""
        self.missing.extend(f for f in fields if f not in self.missing and f not in self.measured)

    def result(
        self,
        stage: Stage,
        label: str,
        case_finding: CaseFinding | None,
        flags: tuple[bool | None, bool | None, bool | None],
    ) -> MuscleResult:
        """Freeze into a :class:`MuscleResult`; ``flags`` are strength, quantity, performance."""
        rules = [*(case_finding.rules if case_finding else ()), *self.rules]
        return MuscleResult(
            criteria=self.criteria,
            stage=stage,
            label=label,
            case_finding=case_finding,
            low_strength=flags[0],
            low_quantity=flags[1],
            low_performance=flags[2],
            derived={k: round(v, 3) for k, v in self.derived.items()},
            findings=tuple(self.findings),
            missing=tuple(self.missing),
            rules=tuple(dict.fromkeys(rules)),
        )


def any_low(*flags: bool | None) -> bool | None:
    """True if any flag is True; False if at least one is False and none True; None if all None."""
    if any(f is True for f in flags):
        return True
    if any(f is False for f in flags):
        return False
    return None
