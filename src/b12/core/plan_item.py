"""One item of the personalised plan: what to do, why, and the rules behind it."""

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


class PlanItem(BaseModel):
    """A deterministic plan item; ``rules`` are registry ids (the JSON report adds sources)."""

    model_config = ConfigDict(frozen=True)
    id: str
    category: Category
    text: str
    reason: str
    rules: tuple[str, ...]
