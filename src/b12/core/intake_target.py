"""A food record against the person's daily targets: absorbed B12 and protein.

The one comparison every interface shows (terminal, ``--json``, REST, web), carried in the
assessment as ``intake_vs_target``. It adds no numbers of its own: the B12 target is the life-stage
RDA of :mod:`b12.core.diet.requirements` (IOM 1998) x the 50 % absorption of food B12 of
:mod:`b12.core.diet.absorption`, read by :func:`b12.core.plan.intake.intake_level` exactly as the
plan reads it; the protein target is :func:`b12.core.plan.lifestyle.person_protein_target`, the
target of the plan's protein item. The food record's own numbers (µg/day eaten and absorbed, g/day
protein) are measured outside the core, from the food table.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

from b12.core.diet.absorption import FOOD_B12_ABSORBED_FRACTION
from b12.core.diet.protein import ProteinTarget
from b12.core.diet.requirements import ReferenceIntake, reference_intake
from b12.core.diet.verdict import LEVEL_WORDS, verdict_sentence
from b12.core.person import Person
from b12.core.plan.build import Plan
from b12.core.plan.intake import IntakeEstimate, IntakeLevel, intake_level
from b12.core.plan.lifestyle import person_protein_target
from b12.core.plan.model import Category


class FoodRecord(BaseModel):
    """What a food record measured, per diary day: B12 as the plan reads it, and protein."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    b12: IntakeEstimate
    protein_g_per_day: float | None = Field(
        ge=0, allow_inf_nan=False, description="None: no diary food has a protein value"
    )
    rows_without_protein: int = Field(ge=0, description="diary rows with no protein value")


class IntakeVsTarget(BaseModel):
    """The food record against the person's daily targets, as the plan compares them."""

    model_config = ConfigDict(frozen=True)
    eaten_ug_per_day: float = Field(description="B12 eaten (food and supplements), µg/day")
    absorbed_ug_per_day: float = Field(description="B12 absorbed (midpoint of the range), µg/day")
    absorbed_target_ug_per_day: float = Field(
        description="the life stage's RDA (AI for infants) x the 50 % absorption of food B12"
    )
    level: IntakeLevel = Field(
        description="absorbed B12 against the EAR and RDA, as the plan reads"
    )
    verdict: str = Field(
        description="the verdict with its numbers (b12.core.diet.verdict), word for word as "
        "`b12 intake` and every view show it"
    )
    reference: ReferenceIntake
    protein_g_per_day: float | None = Field(
        description="protein from the diary's foods with a value (USDA SR28), g/day; None: none"
    )
    rows_without_protein: int
    protein_target: ProteinTarget | None = Field(
        description="the plan's protein target; None: the plan gives no protein advice"
    )

    @computed_field(description="the level in plain words, as every view shows it")  # type: ignore[prop-decorator]
    @property
    def level_words(self) -> str:
        return LEVEL_WORDS[self.level]


def intake_vs_target(
    person: Person, record: FoodRecord, egfr: float | None, plan: Plan
) -> IntakeVsTarget:
    """Compare a person's food record with the targets their plan uses."""
    reference = reference_intake(
        person.age, pregnant=person.pregnant, lactating=person.breastfeeding
    )
    advised = any(item.category is Category.PROTEIN for item in plan.items)
    return IntakeVsTarget(
        eaten_ug_per_day=record.b12.ug_per_day,
        absorbed_ug_per_day=record.b12.absorbed_ug_per_day or 0.0,
        absorbed_target_ug_per_day=reference.rda_ug_per_day * FOOD_B12_ABSORBED_FRACTION,
        level=intake_level(record.b12, reference),
        verdict=verdict_sentence(record.b12, reference),
        reference=reference,
        protein_g_per_day=record.protein_g_per_day,
        rows_without_protein=record.rows_without_protein,
        protein_target=person_protein_target(person, egfr) if advised else None,
    )
