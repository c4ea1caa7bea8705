"""The one intake verdict: a food record's B12 against the person's requirement, in one set of words.

Every view (``b12 intake``, ``b12 assess`` brief, verbose and JSON, the HTML/PDF report, the web
page) and the plan read :func:`intake_level` and :func:`verdict_sentence`; none compares on its own.

* Absorbed, not eaten (issue 19): the IOM requirement assumes 50 % absorption of food B12 (IOM 1998
  p.309), so absorbed B12 (b12's model with the per-meal intrinsic-factor cap,
  :mod:`b12.core.diet.absorption`) is compared with 0.5 x the EAR and RDA. Where eaten and absorbed
  fall on different sides, the sentence gives both numbers and says the verdict reads the absorbed.
* Fortified share: adults over 50, and people on a PPI, H2-receptor antagonist or metformin, should
  get most of the RDA from fortified foods or a supplement (IOM 1998; b12 extends it to the
  medicines). :func:`fortified_target_ug` is that rule, the same one the menu's fortified target
  reads: at least ``FORTIFIED_SHARE_OF_RDA`` x the RDA as crystalline (added or supplement) B12. A
  record that reaches the RDA from food-bound B12 alone is then not called "meets the RDA".
* Unread rows: a diary row b12 could not match to a food is not a zero. A record with such rows, or
  with supplements but no food, is never judged below the EAR or RDA (it may still meet the RDA,
  since the missing part can only add).

Units: µg/day.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from b12.core.diet.absorption import FOOD_B12_ABSORBED_FRACTION
from b12.core.diet.requirements import FORTIFIED_SHARE_OF_RDA, ReferenceIntake


class IntakeEstimate(BaseModel):
    """Usual B12 intake, as estimated by a food record or the foods module."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ug_per_day: float = Field(ge=0, allow_inf_nan=False, description="B12 eaten, µg/day")
    absorbed_ug_per_day: float | None = Field(
        default=None, ge=0, allow_inf_nan=False, description="B12 absorbed, µg/day, if estimated"
    )
    crystalline_ug_per_day: float | None = Field(
        default=None,
        ge=0,
        allow_inf_nan=False,
        description="added (fortified) plus supplement B12, µg/day; None: not known",
    )
    fortified_because: tuple[str, ...] = Field(
        default=(),
        description="medicines that call for fortified foods or a supplement (over 50 is read "
        "from the reference), e.g. 'omeprazole (proton pump inhibitor)'",
    )
    unread_rows: int = Field(
        default=0, ge=0, description="diary rows not matched to a food, so not counted"
    )
    food_recorded: bool = Field(
        default=True, description="False: the record holds supplements only"
    )
    supplement_ug_per_day: float = Field(
        default=0, ge=0, allow_inf_nan=False, description="B12 supplements in the record, µg/day"
    )


class IntakeLevel(StrEnum):
    """Intake against the EAR and RDA."""

    BELOW_EAR = "below_ear"
    BELOW_RDA = "below_rda"
    MEETS_RDA = "meets_rda"
    # Enough in amount, but over 50 or on an absorption-lowering medicine the fortified share is
    # not reached: IOM's advice is not met, so b12 never calls it "meets".
    FOOD_BOUND_ONLY = "food_bound_only"
    # Below the requirement as counted, but rows were not read (or no food was recorded): the
    # missing part could close the gap, so no deficit is claimed.
    INCOMPLETE = "incomplete"


LEVEL_WORDS = {
    IntakeLevel.BELOW_EAR: "below the average requirement (EAR)",
    IntakeLevel.BELOW_RDA: "below the recommended amount (RDA)",
    IntakeLevel.MEETS_RDA: "meets the recommended amount (RDA)",
    IntakeLevel.FOOD_BOUND_ONLY: "enough in amount, but not from fortified foods or a supplement "
    "as advised",
    IntakeLevel.INCOMPLETE: "cannot be compared with the recommended amount: part of the record "
    "was not counted",
}


def fortified_target_ug(reference: ReferenceIntake, medicines: Sequence[str]) -> float | None:
    """Crystalline B12 (µg/day) advised from fortified foods or a supplement, or None.

    Adults over 50 (IOM 1998, ``requirements.iom-over-50-fortified``) and anyone on a PPI,
    H2-receptor antagonist or metformin (``medicines``, named) get at least half the RDA
    (``diet.requirements.fortified-share``, b12's reading of IOM's "most").
    """
    if reference.prefer_fortified_or_supplement or medicines:
        return FORTIFIED_SHARE_OF_RDA * reference.rda_ug_per_day
    return None


def fortified_reasons(reference: ReferenceIntake, medicines: Sequence[str]) -> tuple[str, ...]:
    """Why the fortified share applies, in words: 'over 50' and each medicine named."""
    over_50 = ("over 50",) if reference.prefer_fortified_or_supplement else ()
    return (*over_50, *(f"on {medicine}" for medicine in medicines))


def _compared(intake: IntakeEstimate) -> float:
    """The eaten-equivalent compared with the EAR and RDA: absorbed / 50 % when estimated."""
    if intake.absorbed_ug_per_day is not None:
        return intake.absorbed_ug_per_day / FOOD_B12_ABSORBED_FRACTION
    return intake.ug_per_day


def intake_level(intake: IntakeEstimate, reference: ReferenceIntake) -> IntakeLevel:
    """Compare intake with the EAR and RDA of the person's life stage.

    When absorbed B12 is estimated, it is compared with the absorbed equivalent of the requirement
    (requirement x 50 %), since the IOM requirement assumes 50 % absorption.
    """
    value = _compared(intake)
    if value >= reference.rda_ug_per_day:
        target = fortified_target_ug(reference, intake.fortified_because)
        crystalline = intake.crystalline_ug_per_day
        if target is not None and crystalline is not None and crystalline < target:
            return IntakeLevel.FOOD_BOUND_ONLY
        return IntakeLevel.MEETS_RDA
    if intake.unread_rows or not intake.food_recorded:
        return IntakeLevel.INCOMPLETE
    if reference.ear_ug_per_day is not None and value < reference.ear_ug_per_day:
        return IntakeLevel.BELOW_EAR
    return IntakeLevel.BELOW_RDA


def _side(value: float, limit: float) -> str:
    return "below" if value < limit else "at or above"


def verdict_sentence(intake: IntakeEstimate, reference: ReferenceIntake) -> str:
    """The verdict with its numbers, word for word the same in every view."""
    level = intake_level(intake, reference)
    kind = "AI" if reference.rda_is_ai else "RDA"
    rda = reference.rda_ug_per_day
    eaten = intake.ug_per_day
    absorbed = intake.absorbed_ug_per_day
    if absorbed is None:
        text = f"{eaten:.1f} µg/day eaten, against the {rda:g} µg {kind}"
    else:
        target = FOOD_B12_ABSORBED_FRACTION * rda
        eaten_side, absorbed_side = _side(eaten, rda), _side(absorbed, target)
        text = (
            f"{eaten:.1f} µg/day eaten ({eaten_side} the {rda:g} µg {kind}), {absorbed:.2f} µg/day "
            f"absorbed ({absorbed_side} {target:.2f} µg, the absorbed equivalent of the {kind})"
        )
        if eaten_side != absorbed_side:
            text += "; the verdict reads the absorbed amount"
    text += f": {LEVEL_WORDS[level]}"
    if level is IntakeLevel.FOOD_BOUND_ONLY:
        why = " and ".join(fortified_reasons(reference, intake.fortified_because))
        advised = fortified_target_ug(reference, intake.fortified_because) or 0.0
        text += (
            f": {why}, at least {advised:g} µg/day of added B12 from fortified foods or a "
            f"supplement; {intake.crystalline_ug_per_day or 0.0:.1f} µg/day recorded"
        )
    if level is IntakeLevel.INCOMPLETE:
        text += f" ({_missing(intake)})"
    elif intake.unread_rows or not intake.food_recorded:
        text += f"; {_missing(intake)}"
    return text


def _missing(intake: IntakeEstimate) -> str:
    if not intake.food_recorded:
        return "the record holds supplements only; food was not recorded"
    return (
        f"{intake.unread_rows} diary row(s) not matched to a food and not counted: intake is "
        "underestimated"
    )
