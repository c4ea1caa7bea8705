"""Measured B12 intake compared with the IOM requirement for the person's life stage.

The requirement comes from :mod:`b12.core.diet.requirements` (IOM 1998 EAR and RDA by life stage) and the
50% absorption of dietary B12 from :mod:`b12.core.diet.absorption` (IOM 1998 p. 309); this module adds no
numbers of its own. The estimate itself (µg/day eaten and, if known, µg/day absorbed) comes from the
foods module or the user. Input units: µg/day.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from b12.core.diet.absorption import FOOD_B12_ABSORBED_FRACTION
from b12.core.diet.requirements import ReferenceIntake


class IntakeEstimate(BaseModel):
    """Usual B12 intake, as estimated by a food record or the foods module."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ug_per_day: float = Field(ge=0, allow_inf_nan=False, description="B12 eaten, µg/day")
    absorbed_ug_per_day: float | None = Field(
        default=None, ge=0, allow_inf_nan=False, description="B12 absorbed, µg/day, if estimated"
    )


class IntakeLevel(StrEnum):
    """Intake against the EAR and RDA."""

    BELOW_EAR = "below_ear"
    BELOW_RDA = "below_rda"
    MEETS_RDA = "meets_rda"


def intake_level(intake: IntakeEstimate, reference: ReferenceIntake) -> IntakeLevel:
    """Compare intake with the EAR and RDA of the person's life stage.

    When absorbed B12 is estimated, it is compared with the absorbed equivalent of the requirement
    (requirement x 50%), since the IOM requirement assumes 50% absorption.
    """
    value = intake.ug_per_day
    if intake.absorbed_ug_per_day is not None:
        value = intake.absorbed_ug_per_day / FOOD_B12_ABSORBED_FRACTION
    if reference.ear_ug_per_day is not None and value < reference.ear_ug_per_day:
        return IntakeLevel.BELOW_EAR
    if value < reference.rda_ug_per_day:
        return IntakeLevel.BELOW_RDA
    return IntakeLevel.MEETS_RDA
