"""The whole assessment of one person, as returned to every interface."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from b12.core.intake_target import IntakeVsTarget
from b12.core.muscle.model import MuscleResult
from b12.core.plan.build import Plan
from b12.core.plan.intake import IntakeEstimate
from b12.core.screening.model import ScreeningResult
from b12.core.status.interpret import StatusResult

DISCLAIMER = (
    "Decision support, not a diagnosis. Discuss results with a clinician; see one promptly if you "
    "have numbness, tingling, balance or memory problems, or are pregnant."
)


class Assessment(BaseModel):
    """The result of assessing one person, with the version of b12 that produced it."""

    model_config = ConfigDict(frozen=True)
    b12_version: str
    disclaimer: str
    status: StatusResult
    screening: ScreeningResult | None = None
    muscle: MuscleResult | None = None
    plan: Plan | None = None
    intake: IntakeEstimate | None = None  # measured from the person's food diary, if any
    intake_vs_target: IntakeVsTarget | None = None  # that food record against the plan's targets

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule id the assessment used, in order of first use."""
        ids = [*self.status.rules]
        for part in (self.screening, self.muscle, self.plan):
            if part is not None:
                ids.extend(part.rules)
        return tuple(dict.fromkeys(ids))
