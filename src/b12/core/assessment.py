"""The whole assessment of one person, as returned to every interface."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from b12.core.status import StatusResult

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
