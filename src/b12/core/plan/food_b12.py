"""Whether B12 from food counts for a person: the one reader the plan's food item and the menu share.

Three answers, from IOM 1998 (Chapter 9, "Special considerations", p.342 [V], evidence.md §4.1):

* ``ABSORBED``: normal gastric function; natural and added B12 both count (50 % and 60 %).
* ``CRYSTALLINE_ONLY``: atrophic gastritis (not known to be autoimmune): "Atrophic gastritis,
  pancreatic insufficiency and prolonged omeprazole reduce bioavailability of food-bound B12. Such
  people will require normal amounts of crystalline B12." Natural B12 (meat, fish, eggs, dairy) is
  not counted; B12 added to fortified foods is, at the RDA ("normal amounts"). Baik & Russell 1999
  (evidence.md §4.4 [V]): "Absorption of crystalline vitamin B12 does not decline ... absorption
  of protein-bound vitamin B12 is decreased ... owing to ... atrophic gastritis".
* ``NOT_FROM_FOOD``: the intrinsic-factor route is lost (pernicious anaemia or autoimmune gastritis,
  intrinsic-factor antibodies, gastrectomy of any extent, gastric bypass, ileal resection, ileal
  Crohn's): "Malabsorption ... needs B12 under a physician's direction" (IOM p.342). Food of any
  kind, natural or fortified, is not the treatment; the menu sets no B12 target.

Long-term PPI or metformin (and age over 50) keep ``ABSORBED``: the intake verdict and the menu
already ask for fortified foods there (``diet.iom.older-fortified``); a named gastritis is a
diagnosis of the stomach itself.
"""

from __future__ import annotations

import enum

from b12.core.history import Procedure
from b12.core.person import Person
from b12.core.rules import Evidence, register
from b12.core.screening import surgery
from b12.core.screening.model import ScreeningResult
from b12.core.screening.terms import CONDITION_TERMS, classify_texts
from b12.core.sources import IOM_1998_B12
from b12.core.status.judgment import TREAT, Level

RULE_FOOD_BOUND = register(
    "plan.food_b12.iom-1998-atrophic-gastritis-crystalline",
    "Atrophic gastritis reduces the absorption of food-bound B12; such people need normal amounts "
    "(the RDA) of crystalline B12, from fortified foods or a supplement (IOM 1998 p.342)",
    IOM_1998_B12,
    Evidence.VERIFIED,
)


class FoodB12(enum.Enum):
    """How much of food's B12 a person can take up."""

    ABSORBED = "absorbed"
    CRYSTALLINE_ONLY = "crystalline only"
    NOT_FROM_FOOD = "not from food"


def food_b12(person: Person) -> FoodB12:
    """Whether natural, added or no food B12 counts for ``person`` (module docstring)."""
    if surgery.has_malabsorption(person):
        return FoodB12.NOT_FROM_FOOD
    if not person.own_conditions:  # no condition written: no gastritis either
        return FoodB12.ABSORBED
    conditions, _ = classify_texts(person.own_conditions, CONDITION_TERMS)
    return FoodB12.CRYSTALLINE_ONLY if "atrophic_gastritis" in conditions else FoodB12.ABSORBED


def plan_route(person: Person, found: ScreeningResult, level: Level) -> FoodB12:
    """:func:`food_b12` as the plan reads it: while B12 is low with impaired absorption, food of
    any kind is not the treatment (``NOT_FROM_FOOD``). The food item and the referral read this
    one answer, so they never disagree about fortified foods (round 14 finding 19)."""
    route = food_b12(person)
    return FoodB12.NOT_FROM_FOOD if found.malabsorption and level in TREAT else route


def not_from_food_cause(person: Person) -> str:
    """Why food cannot supply B12, in words: 'with pernicious anaemia', 'after partial
    gastrectomy', or 'when absorption is impaired' (a condition written in other words)."""
    cause = surgery.irreversible_cause(person)
    if cause == surgery.PERNICIOUS_ANAEMIA:
        return f"with {cause}"
    if cause is not None:
        return f"after {cause}"
    found = surgery.operations(person)
    if Procedure.PARTIAL_GASTRECTOMY in found:
        return f"after {surgery.label(Procedure.PARTIAL_GASTRECTOMY)}"
    if surgery.GASTRECTOMY_UNSPECIFIED in found:
        return "after gastrectomy"
    if Procedure.ILEAL_RESECTION in found:
        return f"after {surgery.label(Procedure.ILEAL_RESECTION)}"
    return "when absorption is impaired"
