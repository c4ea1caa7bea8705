"""Food search over the food index (the imported food store, else the bundled table)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from b12.api.deps import Reader
from b12.core.diet.food import Match
from b12.services.foods import MAX_QUERY_CHARS, search_foods

router = APIRouter(prefix="/foods", tags=["foods"])


class FoodHit(BaseModel):
    """A food matching the query: its id for diary entries, and its B12 content."""

    key: str = Field(description="Food id to use in a diary entry, e.g. 'ndb:01077'")
    name: str
    group: str
    source: str = Field(description="usda-sr28, fdc or bundled")
    b12_ug_per_100g: float | None = Field(description="Total B12, µg per 100 g (None: no value)")
    portions: list[str] = Field(description="Household measures the diary accepts besides grams")
    score: float = Field(description="Match score, higher is better")

    @classmethod
    def of(cls, match: Match) -> FoodHit:
        """The hit for a search match."""
        food = match.food
        return cls(
            key=food.key,
            name=food.name,
            group=food.group,
            source=food.source,
            b12_ug_per_100g=food.b12_ug_per_100g,
            portions=[p.label for p in food.portions],
            score=round(match.score, 1),
        )


@router.get("/search")
def search(
    user: Reader,
    q: Annotated[
        str,
        Query(min_length=1, max_length=MAX_QUERY_CHARS, description="Food name, or part of one"),
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[FoodHit]:
    """Foods best matching `q`, best first (a partial word finds foods as you type)."""
    return [FoodHit.of(m) for m in search_foods(q, limit=limit)]
