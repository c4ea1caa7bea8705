"""Measured B12 intake compared with the IOM requirement for the person's life stage.

Source
------
Institute of Medicine (Food and Nutrition Board). Dietary Reference Intakes ... Vitamin B12.
National Academies Press 1998, doi:10.17226/6015 (``verified``, ../shared/knowledge/evidence.md
§4.1): EAR and RDA for adults 2.0 / 2.4 µg/day; pregnancy 2.2 / 2.6; lactation 2.4 / 2.8. "It is
assumed that 50 percent of dietary B12 is absorbed by healthy adults with normal gastric
function" (p. 309).

The estimate itself (µg/day eaten and, if known, µg/day absorbed) comes from the foods module
(issue 4) or the user; this module only compares it. Input units: µg/day.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from b12.core.rules import Evidence, register
from b12.core.sources import IOM_1998_B12

EAR_ADULT_UG_DAY = 2.0
RDA_ADULT_UG_DAY = 2.4
EAR_PREGNANCY_UG_DAY = 2.2
RDA_PREGNANCY_UG_DAY = 2.6
EAR_LACTATION_UG_DAY = 2.4
RDA_LACTATION_UG_DAY = 2.8
DIETARY_ABSORPTION_FRACTION = 0.5  # IOM p. 309, normal gastric function

RULE_DRI = register(
    "intake.iom1998.dri",
    "B12 EAR / RDA (µg/day): adults 2.0 / 2.4; pregnancy 2.2 / 2.6; lactation 2.4 / 2.8",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {
        "EAR_ADULT_UG_DAY": EAR_ADULT_UG_DAY,
        "RDA_ADULT_UG_DAY": RDA_ADULT_UG_DAY,
        "EAR_PREGNANCY_UG_DAY": EAR_PREGNANCY_UG_DAY,
        "RDA_PREGNANCY_UG_DAY": RDA_PREGNANCY_UG_DAY,
        "EAR_LACTATION_UG_DAY": EAR_LACTATION_UG_DAY,
        "RDA_LACTATION_UG_DAY": RDA_LACTATION_UG_DAY,
    },
)
RULE_ABSORPTION = register(
    "intake.iom1998.absorption",
    "50% of dietary B12 is assumed absorbed with normal gastric function",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {"DIETARY_ABSORPTION_FRACTION": DIETARY_ABSORPTION_FRACTION},
)


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


def requirement(pregnant: bool, breastfeeding: bool) -> tuple[float, float]:
    """(EAR, RDA) in µg/day for an adult's life stage."""
    if pregnant:
        return EAR_PREGNANCY_UG_DAY, RDA_PREGNANCY_UG_DAY
    if breastfeeding:
        return EAR_LACTATION_UG_DAY, RDA_LACTATION_UG_DAY
    return EAR_ADULT_UG_DAY, RDA_ADULT_UG_DAY


def intake_level(intake: IntakeEstimate, pregnant: bool, breastfeeding: bool) -> IntakeLevel:
    """Compare intake with the EAR and RDA.

    When absorbed B12 is estimated, it is compared with the absorbed equivalent of the requirement
    (requirement x 50%), since the IOM requirement assumes 50% absorption.
    """
    ear, rda = requirement(pregnant, breastfeeding)
    value = intake.ug_per_day
    if intake.absorbed_ug_per_day is not None:
        value = intake.absorbed_ug_per_day / DIETARY_ABSORPTION_FRACTION
    if value < ear:
        return IntakeLevel.BELOW_EAR
    if value < rda:
        return IntakeLevel.BELOW_RDA
    return IntakeLevel.MEETS_RDA
