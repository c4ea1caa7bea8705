"""The menu document as typed response models: `GET /api/persons/{id}/menu` and `b12 menu --json`.

The route returns :func:`b12.services.menu.document.menu_document` unchanged; these models describe
it field for field (``extra="forbid"``, so a field the document gains without a model fails the
test that validates the CLI document of every example person).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from b12.api.schemas import RuleEntry

_STRICT = ConfigDict(extra="forbid")


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
        json_schema_extra={
            "examples": [
                {
                    "feasible": False,
                    "targets": ["absorbed B12 at least 1.2 µg a day (...)"],
                    "fixed_lines": [],
                    "days": [],
                    "binding_constraints": [],
                    "unmet": [
                        "absorbed B12: no food allowed by the vegan pattern and the exclusions "
                        "contains B12 (...)"
                    ],
                    "objective_grams_moved": None,
                    "objective": None,
                    "candidates": {
                        "per_slot_limit": 40,
                        "slots": [{"meal": "breakfast", "count": 40, "by_reason": {"B12-dense": 40}}],
                    },
                    "verification": [],
                    "shopping_list": [],
                    "notes": ["Check the label of every product you buy: (...)"],
                    "rules": [],
                }
            ]
        },
    )
    feasible: bool
    targets: list[str]
    fixed_lines: list[str] = Field(description="Supplements and injections from the plan")
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
