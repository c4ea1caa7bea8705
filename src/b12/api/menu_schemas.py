"""The menu document as typed response models: `GET /api/persons/{id}/menu` and `b12 menu --json`.

The route returns :func:`b12.services.menu.document.menu_document` unchanged; these models describe
it field for field (``extra="forbid"``, so a field the document gains without a model fails the
test that validates the CLI document of every example person).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from b12.api.schemas import RuleEntry

_STRICT = ConfigDict(extra="forbid")
_MILK: dict[str, Any] = {
    "key": "ndb:01079",
    "name": "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
    "servings": 1,
    "portion": "8 fl oz",
    "grams": 244.0,
    "b12_ug": 1.29,
    "added_b12_ug": 0.0,
    "protein_g": 8.1,
    "energy_kcal": 122,
    "new": False,
}
# A one-day menu of a 74-year-old on metformin (examples/metformin-74y-borderline.json), cut to
# one meal and one line of each list.
EXAMPLE: dict[str, Any] = {
    "feasible": True,
    "targets": ["B12: at least 1.20 µg absorbed a day (...)", "protein constraint off: (...)"],
    "fixed_lines": ["Ask your doctor about oral cyanocobalamin of at least 1000 µg (...)"],
    "days": [
        {
            "day": 1,
            "meals": [
                {
                    "meal": "breakfast",
                    "foods": [_MILK],
                    "absorbed_b12_ug": {"low": 0.66, "high": 0.66},
                    "protein_g": 8.1,
                    "energy_kcal": 122,
                    "protein_per_meal_soft_target": {
                        "g": 25.0,
                        "met": False,
                        "evidence": "unverified",
                    },
                }
            ],
            "absorbed_b12_ug": {"low": 2.66, "high": 3.51},
            "protein_g": 62.7,
            "energy_kcal": 1180,
        }
    ],
    "binding_constraints": ["absorbed B12 (binds on 1 of 1 days)"],
    "unmet": [],
    "objective_grams_moved": 127.0,
    "objective": {
        "value_g": 127.0,
        "grams_moved_g": 27.0,
        "new_foods": ["ndb:08089"],
        "penalty_per_new_food_g": 100.0,
        "stated": "minimise grams moved away from the diary (or the default day) per meal, (...)",
        "mip_gap": 0.0,
        "nodes": 1,
    },
    "candidates": {
        "per_slot_limit": 40,
        "per_menu_limit": 480,
        "slots": [{"meal": "breakfast", "count": 40, "by_reason": {"in the diary": 3}}],
    },
    "verification": [
        {"check": "day 1: absorbed B12", "passed": True, "detail": "3.08 µg absorbed (...)"}
    ],
    "shopping_list": [{"key": "ndb:01079", "name": _MILK["name"], "servings": 1, "grams": 244.0}],
    "notes": ["Check the label of every product you buy: (...)"],
    "rules": [
        {
            "id": "requirements.iom-1998",
            "module": "b12.core.diet.requirements",
            "summary": "IOM/NASEM vitamin B12 RDA (...)",
            "evidence": "verified",
            "source": "Institute of Medicine (...) 1998. doi:10.17226/6015",
            "url": "https://doi.org/10.17226/6015",
        }
    ],
}


class AbsorbedRange(BaseModel):
    """Absorbed B12, µg: the range from the per-meal intrinsic-factor cap (1.5-2.5 µg)."""

    model_config = _STRICT
    low: float
    high: float


class MenuFoodLine(BaseModel):
    """Servings of one food at one meal and what they bring."""

    model_config = _STRICT
    key: str = Field(description="Food key, e.g. 'ndb:01077'")
    name: str
    servings: int = Field(ge=1)
    portion: str = Field(description="One serving: the food's household portion, e.g. '1 cup'")
    grams: float
    b12_ug: float
    added_b12_ug: float = Field(description="Of b12_ug, crystalline B12 from fortification")
    protein_g: float
    energy_kcal: int
    new: bool = Field(description="Not at this meal in the diary (or the default day)")


class ProteinPerMeal(BaseModel):
    """The per-meal protein figure: shown, never enforced (evidence level unverified)."""

    model_config = _STRICT
    g: float
    met: bool
    evidence: str


class MenuMeal(BaseModel):
    """One meal, its foods and totals."""

    model_config = _STRICT
    meal: str
    foods: list[MenuFoodLine]
    absorbed_b12_ug: AbsorbedRange
    protein_g: float
    energy_kcal: int
    protein_per_meal_soft_target: ProteinPerMeal | None = None


class MenuDay(BaseModel):
    """One menu day."""

    model_config = _STRICT
    day: int = Field(ge=1)
    meals: list[MenuMeal]
    absorbed_b12_ug: AbsorbedRange
    protein_g: float
    energy_kcal: int


class MenuObjective(BaseModel):
    """What the program minimised: grams moved plus a penalty once per new food."""

    model_config = _STRICT
    value_g: float
    grams_moved_g: float
    new_foods: list[str]
    penalty_per_new_food_g: float
    stated: str
    mip_gap: float = Field(description="HiGHS's final relative gap; the solve targets 0")
    nodes: int = Field(
        description="branch-and-bound nodes HiGHS explored (single-threaded: the same count for "
        "the same input)"
    )


class CandidateSlot(BaseModel):
    """Candidate foods of one meal and why they are candidates."""

    model_config = _STRICT
    meal: str
    count: int
    by_reason: dict[str, int]


class Candidates(BaseModel):
    """The candidate lists (K per meal; null: the full store)."""

    model_config = _STRICT
    per_slot_limit: int | None
    per_menu_limit: int | None = Field(
        description="At most this many candidates over all meals: past 12 meal names each meal "
        "gets its share, fewer than per_slot_limit (null: the full store)"
    )
    slots: list[CandidateSlot]


class VerificationCheck(BaseModel):
    """One target or constraint re-checked on the finished menu with b12's intake code."""

    model_config = _STRICT
    check: str
    passed: bool
    detail: str


class ShoppingLine(BaseModel):
    """A food to buy for the whole menu."""

    model_config = _STRICT
    key: str
    name: str
    servings: int
    grams: float


class MenuDocument(BaseModel):
    """A menu as `b12 menu --json` and `GET /api/persons/{id}/menu` return it.

    ``feasible`` false: no day is shown and ``unmet`` says which target cannot be met and why.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [EXAMPLE]},
    )
    feasible: bool
    targets: list[str]
    fixed_lines: list[str] = Field(
        description="What food cannot do, from the plan: urgent care, referrals, supplements and "
        "treatment"
    )
    days: list[MenuDay]
    binding_constraints: list[str]
    unmet: list[str]
    objective_grams_moved: float | None = Field(
        description="The objective's value (grams moved plus the new-food penalties)"
    )
    objective: MenuObjective | None
    candidates: Candidates
    verification: list[VerificationCheck]
    shopping_list: list[ShoppingLine]
    notes: list[str]
    rules: list[RuleEntry]
