"""Muscle measurements in the person file, with the units and ranges b12 accepts.

Units are canonical (kg, m, s, cm, m/s, points); there is no unit conversion here. The accepted
ranges are b12's data-quality limits (wide bounds that catch typing and unit errors, such as a
height in cm or a 400 m walk in minutes), registered as ``plausible.muscle.*`` rules; they are not
clinical cut-offs. The SPPB range (0-12 points) is the instrument's own scale.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from b12.core.dates import CalendarDate
from b12.core.muscle.sarc_f import SarcFItems
from b12.core.rules import Evidence, register
from b12.core.sources import B12_DATA_QUALITY

GRIP_STRENGTH_MAX_KG = 150.0
CHAIR_STAND_MAX_S = 300.0
ASM_MAX_KG = 80.0
HEIGHT_MIN_M = 0.8  # an adult's; a child's from NEWBORN_HEIGHT_MIN_M
HEIGHT_MAX_M = 2.5
WEIGHT_MIN_KG = 20.0  # an adult's; a child's from NEWBORN_WEIGHT_MIN_KG
WEIGHT_MAX_KG = 350.0
# A very premature newborn (about 25 cm, 300 g) is a person too: the adult lower limits would
# refuse every baby's measurements.
NEWBORN_HEIGHT_MIN_M = 0.2
NEWBORN_WEIGHT_MIN_KG = 0.3
DAYS_PER_YEAR = 365.2425  # mean Gregorian year: the age on the day a measurement was taken
GAIT_SPEED_MAX_M_S = 4.0
SPPB_MAX_POINTS = 12
TUG_MAX_S = 600.0
WALK_400M_MAX_S = 3600.0
CALF_MIN_CM = 10.0
CALF_MAX_CM = 80.0
# A ratio computed from two measurements is rounded before it meets a cut-off: 22.68 / 1.8² is
# 6.999999999999999 in floating point, and a value on a stated edge must take the band the
# source's wording gives it (DECISIONS.md), not the one float noise gives it. Nine decimals keep
# every real difference (measurements carry at most three).
COMPUTED_DECIMALS = 9

RULE_PLAUSIBLE_MUSCLE = register(
    "plausible.muscle",
    "Muscle measurements outside wide data-quality limits are refused as entry or unit errors "
    "(grip 0-150 kg, chair stand 0-300 s, ASM 0-80 kg, height 0.8-2.5 m, weight 20-350 kg, gait "
    "speed 0-4 m/s, SPPB 0-12, TUG 0-600 s, 400 m walk 0-3600 s, calf 10-80 cm; under 18 "
    "height from 0.2 m and weight from 0.3 kg, by the age on the day measured)",
    B12_DATA_QUALITY,
    Evidence.UNVERIFIED,
    {
        "GRIP_STRENGTH_MAX_KG": GRIP_STRENGTH_MAX_KG,
        "CHAIR_STAND_MAX_S": CHAIR_STAND_MAX_S,
        "ASM_MAX_KG": ASM_MAX_KG,
        "HEIGHT_MIN_M": HEIGHT_MIN_M,
        "HEIGHT_MAX_M": HEIGHT_MAX_M,
        "WEIGHT_MIN_KG": WEIGHT_MIN_KG,
        "WEIGHT_MAX_KG": WEIGHT_MAX_KG,
        "NEWBORN_HEIGHT_MIN_M": NEWBORN_HEIGHT_MIN_M,
        "NEWBORN_WEIGHT_MIN_KG": NEWBORN_WEIGHT_MIN_KG,
        "GAIT_SPEED_MAX_M_S": GAIT_SPEED_MAX_M_S,
        "SPPB_MAX_POINTS": SPPB_MAX_POINTS,
        "TUG_MAX_S": TUG_MAX_S,
        "WALK_400M_MAX_S": WALK_400M_MAX_S,
        "CALF_MIN_CM": CALF_MIN_CM,
        "CALF_MAX_CM": CALF_MAX_CM,
        "DAYS_PER_YEAR": DAYS_PER_YEAR,
    },
    note="b12 data-quality limits, not clinical thresholds.",
)


RULE_EDGE_ROUNDING = register(
    "muscle.measurements.edge-rounding",
    "A ratio computed from measurements (ASM/height², BMI, ALM/BMI) is rounded to 9 decimals "
    "before it meets a cut-off, so a value on a stated edge takes the band the source's wording "
    "gives it, not the one floating-point noise gives it",
    B12_DATA_QUALITY,
    Evidence.UNVERIFIED,
    {"COMPUTED_DECIMALS": COMPUTED_DECIMALS},
    note="A b12 arithmetic choice (red team C7: ASM 22.68 kg at 1.80 m gave 6.999999999999999 "
    "kg/m² < 7.0); DECISIONS.md: a value exactly on a stated edge takes the band the wording gives.",
)


class AsmMethod(StrEnum):
    """How appendicular skeletal muscle mass was measured (AWGS 2019 cut-offs differ)."""

    DXA = "dxa"
    BIA = "bia"


class MuscleMeasurements(BaseModel):
    """Whatever muscle measurements are available; every field is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    sarc_f: SarcFItems | None = Field(default=None, description="SARC-F item scores, 0-2 each")
    grip_strength_kg: float | None = Field(
        default=None,
        ge=0,
        le=GRIP_STRENGTH_MAX_KG,
        allow_inf_nan=False,
        description="Best grip reading of the stronger hand, kg (not the sum of both hands)",
    )
    chair_stand_s: float | None = Field(
        default=None,
        gt=0,
        le=CHAIR_STAND_MAX_S,
        allow_inf_nan=False,
        description="Time for five chair rises, s",
    )
    asm_kg: float | None = Field(
        default=None,
        gt=0,
        le=ASM_MAX_KG,
        allow_inf_nan=False,
        description="Appendicular skeletal muscle (lean) mass, kg",
    )
    asm_method: AsmMethod | None = Field(
        default=None, description="How ASM was measured: 'dxa' or 'bia'"
    )
    height_m: float | None = Field(
        default=None,
        ge=NEWBORN_HEIGHT_MIN_M,
        le=HEIGHT_MAX_M,
        allow_inf_nan=False,
        description="Height, m",
    )
    weight_kg: float | None = Field(
        default=None,
        ge=NEWBORN_WEIGHT_MIN_KG,
        le=WEIGHT_MAX_KG,
        allow_inf_nan=False,
        description="Body weight, kg",
    )
    gait_speed_m_s: float | None = Field(
        default=None,
        ge=0,
        le=GAIT_SPEED_MAX_M_S,
        allow_inf_nan=False,
        description="Usual gait speed, m/s",
    )
    sppb_score: int | None = Field(
        default=None,
        ge=0,
        le=SPPB_MAX_POINTS,
        description="Short Physical Performance Battery, 0-12 points",
    )
    tug_s: float | None = Field(
        default=None, gt=0, le=TUG_MAX_S, allow_inf_nan=False, description="Timed Up and Go, s"
    )
    walk_400m_s: float | None = Field(
        default=None,
        gt=0,
        le=WALK_400M_MAX_S,
        allow_inf_nan=False,
        description="Time to walk 400 m, s",
    )
    walk_400m_completed: bool | None = Field(
        default=None, description="False when the person could not finish the 400 m walk"
    )
    calf_circumference_cm: float | None = Field(
        default=None,
        ge=CALF_MIN_CM,
        le=CALF_MAX_CM,
        allow_inf_nan=False,
        description="Calf circumference, cm",
    )

    measured_on: CalendarDate | None = Field(
        default=None, description="When these measurements were taken (the latest, if several)"
    )

    @model_validator(mode="after")
    def _walk_is_consistent(self) -> MuscleMeasurements:
        if self.walk_400m_completed is False and self.walk_400m_s is not None:
            raise ValueError(
                "walk_400m_s is given but walk_400m_completed is false; give the time only for a "
                "completed walk"
            )
        return self

    @model_validator(mode="after")
    def _asm_is_part_of_the_body(self) -> MuscleMeasurements:
        # Appendicular muscle is part of the body weight: an ASM as heavy as the whole body is an
        # entry or unit error (an ASM in lb, a weight in stones), whichever of the two is wrong.
        if self.asm_kg is not None and self.weight_kg is not None and self.asm_kg >= self.weight_kg:
            raise ValueError(
                f"asm_kg ({self.asm_kg:g} kg) is not less than weight_kg ({self.weight_kg:g} kg): "
                "appendicular muscle mass is part of the body weight; check both values and units"
            )
        return self

    def adult_size_problem(self) -> str | None:
        """Why an adult's height or weight is below the adult data-quality limit, if it is (a
        child's may be far lower; the person's age decides which limits apply)."""
        for field, value, limit, unit in (
            ("height_m", self.height_m, HEIGHT_MIN_M, "m"),
            ("weight_kg", self.weight_kg, WEIGHT_MIN_KG, "kg"),
        ):
            if value is not None and value < limit:
                return (
                    f"muscle.{field}: {value:g} {unit} is below the adult limit of {limit:g} {unit} "
                    "(check the unit)"
                )
        return None

    @property
    def asm_index_kg_m2(self) -> float | None:
        """ASM divided by height squared (kg/m²), when both are known."""
        if self.asm_kg is None or self.height_m is None:
            return None
        return round(self.asm_kg / self.height_m**2, COMPUTED_DECIMALS)

    @property
    def bmi_kg_m2(self) -> float | None:
        """Body-mass index (kg/m²), when weight and height are known."""
        if self.weight_kg is None or self.height_m is None:
            return None
        return round(self.weight_kg / self.height_m**2, COMPUTED_DECIMALS)

    @property
    def alm_bmi_m2(self) -> float | None:
        """Appendicular lean mass divided by BMI (m², FNIH), when ASM, weight and height are known."""
        if self.asm_kg is None or self.weight_kg is None or self.height_m is None:
            return None
        return round(self.asm_kg * self.height_m**2 / self.weight_kg, COMPUTED_DECIMALS)
