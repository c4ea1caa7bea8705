"""Types the plan modules share: the plan item (what to do, why, the rules behind it), its category,
the regimens it offers and the likely cause of low B12."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Category(StrEnum):
    """Kinds of plan item, in the order a reader should see them."""

    URGENT = "urgent"
    REFERRAL = "referral"
    TEST = "test"
    SUPPLEMENT = "supplement"
    MEDICATION = "medication"
    FOOD = "food"
    PROTEIN = "protein"
    EXERCISE = "exercise"
    MUSCLE = "muscle"
    RETEST = "retest"


class Regimen(StrEnum):
    """B12 regimens a plan item can offer (BNF; NICE NG239; BMJ Best Practice; Vegan Society)."""

    ORAL_LOW_DOSE = "oral_low_dose"  # up to 150 µg a day, or plant-based maintenance doses
    ORAL_HIGH_DOSE = "oral_high_dose"  # 1 mg (1000 µg) a day or more
    IM_NON_NEUROLOGICAL = "im_non_neurological"  # 1 mg 3x a week for 2 weeks, then every 3 months
    IM_NEUROLOGICAL = "im_neurological"  # 1 mg alternate days until no improvement, then 2-monthly
    IM_PROPHYLAXIS = "im_prophylaxis"  # 1 mg every 3 months without a loading course


class PlanItem(BaseModel):
    """A deterministic plan item; ``rules`` are registry ids (the JSON report adds sources)."""

    model_config = ConfigDict(frozen=True)
    id: str
    category: Category
    text: str
    reason: str
    rules: tuple[str, ...]
    regimens: tuple[Regimen, ...] = ()  # the B12 regimens this item offers, if any


# The item that sends a child to a paediatric clinician (NICE NG239 covers people aged 16 and
# over): interfaces read it to leave out what is for adults only, such as the menu planner.
PAEDIATRIC_REFERRAL = "referral.paediatric"


class Cause(StrEnum):
    """The most likely reason for low B12, which decides the form and dose."""

    MALABSORPTION = "malabsorption"
    MEDICATION = "medication"
    OLDER_AGE = "older_age"
    DIET = "diet"
    NITROUS_OXIDE = "nitrous_oxide"
    UNKNOWN = "unknown"


def item(
    id_: str,
    category: Category,
    text: str,
    reason: str,
    *rules: str,
    regimens: tuple[Regimen, ...] = (),
) -> PlanItem:
    """A plan item from positional rule ids (the form every plan module writes)."""
    return PlanItem(
        id=id_, category=category, text=text, reason=reason, rules=rules, regimens=regimens
    )
